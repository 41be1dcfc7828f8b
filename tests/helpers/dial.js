// Loads a <tuicalling> component from wherever a build put it (miniprogram_npm/, a uni-app
// sub-package's static/, a compiled copy), renders it with a local-hub IM instance, runs
// init() and dials user1: the checks the npm and sub-package tests share. Call
// installWeChatGlobals(packageRoot), require miniprogram-simulate and emulateComponentPaths()
// first, so that the component's `this.is` (and so its wasm path) is the one WeChat gives it.
'use strict';

const { createImHub } = require('../../test-support/im-hub');
const { waitFor } = require('./wait');

const SDK_APP_ID = 1400000000;

/** The wx a dialing phone needs (no media: the call only rings). */
function quietWx() {
  return {
    showToast() {},
    hideToast() {},
    getAppBaseInfo: () => ({ SDKVersion: '3.0.0' }),
    createLivePusherContext: () => ({ start(o) { if (o && o.success) o.success({}); }, stop(o) { if (o && o.complete) o.complete(); }, switchCamera() {}, setMICVolume() {} }),
    createLivePlayerContext: () => ({ play() {}, stop() {} }),
    createInnerAudioContext: () => ({ play() {}, stop() {}, destroy() {}, onError() {}, onEnded() {} }),
  };
}

/**
 * Renders the component at `componentPath` (absolute, no extension) as user0, init()s it and
 * dials user1 (a hub instance). Resolves to {comp, invite} once the invite reached user1; the
 * caller then hangs up and detaches.
 */
async function initAndDial(simulate, componentPath, options = {}) {
  const hub = createImHub({ latencyMs: 5 });
  const callee = hub.createInstance({ SDKAppID: SDK_APP_ID, flavour: '3.x' });
  await callee.login({ userID: 'user1', userSig: 'sig-user1' });
  const id = simulate.load(componentPath, options.tagName || 'tuicalling', { compiler: 'official', rootPath: options.rootPath });
  const tim = hub.createInstance({ SDKAppID: SDK_APP_ID, flavour: '3.x' });
  const comp = simulate.render(id, { config: { sdkAppID: SDK_APP_ID, userID: 'user0', userSig: 'sig-user0', type: 2, tim } });
  comp.attach(document.createElement('div'));
  await comp.instance.init({ wx: quietWx() });
  await comp.instance.call({ userID: 'user1', type: 2 });
  await waitFor(() => comp.instance.data.screen === 'dialing', 'the component dials');
  const invites = () => hub.sent.filter((m) => m.recipients.includes('user1') && /"actionType":1/.test(m.payload.data));
  await waitFor(() => invites().length === 1, 'the invite reaches user1');
  const invite = JSON.parse(JSON.parse(invites()[0].payload.data).data);
  return {
    comp,
    invite,
    async end() {
      await comp.instance.hangup();
      await waitFor(() => comp.instance.data.screen === 'idle', 'back to idle');
      await comp.instance.destroyed();
      comp.detach();
    },
  };
}

module.exports = { initAndDial };
