// The rendered <tuicalling> on the REAL @tencentcloud/chat 3.6.6 over the in-process fake IM
// backend (helpers/fake-tim-backend.js, as tests/im-adapter-sdk.test.js uses it): init() and
// the IM SDK's readiness (issue 13). The real SDK resolves login() before its first sync is
// done and refuses messages until SDK_READY with code 3000 (LOGGING_IN); the seed's snippet
// calls right after init(). Real time; its own process (the fake `wx` must load first).
'use strict';

// The fake wx, getApp and __wxConfig must exist before the SDK is evaluated.
const H = require('./helpers/fake-tim-backend');

H.unrefIntervals();

const test = require('node:test');
const assert = require('node:assert/strict');

for (const level of ['log', 'info', 'warn', 'error']) {
  const original = console[level];
  console[level] = (...args) => {
    if (typeof args[0] === 'string' && /^(TIM|Chat) \d\d:\d\d:\d\d/.test(args[0])) return;
    original.apply(console, args);
  };
}

const { SDK_APP_ID, componentId, simulate, waitFor } = require('../test-support/component-world');
const TencentCloudChat = require('@tencentcloud/chat');

/** A wx for the component: toasts and contexts are not needed before a call connects. */
const componentWx = { showToast() {}, createInnerAudioContext: () => ({ play() {}, stop() {}, destroy() {} }) };

function chatInstance(appID) {
  const chat = TencentCloudChat.create({ SDKAppID: appID });
  chat.setLogLevel(4);
  return chat;
}

test('real chat SDK: init() resolves after SDK_READY, so a call() right after it reaches the callee (no code 3000)', async () => {
  // Bob: a bare chat instance that records the custom messages he receives.
  const bob = chatInstance(SDK_APP_ID + 1);
  const received = [];
  bob.on(TencentCloudChat.EVENT.MESSAGE_RECEIVED, (event) => received.push(...event.data));
  let bobReady = false;
  bob.on(TencentCloudChat.EVENT.SDK_READY, () => { bobReady = true; });
  await bob.login({ userID: 'bob', userSig: 'sig-bob' });
  await waitFor(() => bobReady, 'bob SDK_READY');

  // Alice: the component, on a chat instance it logs in itself (config.tim, not yet logged in).
  const chat = chatInstance(SDK_APP_ID);
  const sdkReadyAt = [];
  chat.on(TencentCloudChat.EVENT.SDK_READY, () => sdkReadyAt.push(Date.now()));
  const alice = simulate.render(componentId(), {
    config: { sdkAppID: SDK_APP_ID, userID: 'alice', userSig: 'sig-alice', type: 2, tim: chat },
  });
  alice.attach(document.createElement('div'));
  const errors = [];
  alice.addEventListener('error', (e) => errors.push(e.detail));
  await alice.instance.init({ wx: componentWx });
  assert.equal(chat.isReady(), true, 'init() resolved with the SDK ready');
  assert.equal(sdkReadyAt.length, 1);
  // The seed's snippet: a button that calls right after init().
  await alice.instance.call({ userID: 'bob', type: 2 });
  await waitFor(() => received.length > 0 || errors.length > 0, 'the invite, or an error');
  assert.deepEqual(errors, [], 'no "code 3000 … createCustomMessage"');
  assert.equal(alice.instance.data.screen, 'dialing');
  const invite = JSON.parse(received[0].payload.data);
  assert.equal(invite.actionType, 1);
  assert.equal(received[0].from, 'alice');
  await alice.instance.destroyed();
  alice.detach();
  await Promise.resolve().then(() => chat.logout()).catch(() => {});
  await Promise.resolve().then(() => bob.logout()).catch(() => {});
});
