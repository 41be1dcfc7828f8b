// The native mini-program example (examples/miniprogram): scripts/copy-component.js copies the
// component into the example, then the example's PAGE (pages/call/call.{js,json,wxml,wxss},
// unchanged) is loaded into miniprogram-simulate with WeChat's own wcc/wcsc. The page calls
// Page({...}); here Page() registers that definition as a component (onLoad/onReady/onUnload ->
// attached/ready/detached, handlers -> methods), so its call.json `usingComponents` maps
// `tuicalling` to the COPIED component. Its IM instance is a local-hub instance passed as
// config.tim (through getApp().globalData.tim, as app.js would). A plain <tuicalling> is the
// callee; the simulated TRTC room carries the media.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { installWeChatGlobals } = require('../test-support/wechat-globals');

const REPO = path.join(__dirname, '..');
const EXAMPLE = path.join(REPO, 'examples', 'miniprogram');
const SDK_APP_ID = 1400000000;

// Package paths resolve against the example's root: the COPIED .wasm.br is the one loaded.
const { instantiated } = installWeChatGlobals(EXAMPLE);

const simulate = require('miniprogram-simulate'); // sets global.Component
const { createImHub } = require('../test-support/im-hub');
const { createTrtcRooms } = require('../test-support/trtc-room');

/** Page(def) as a component definition: what the simulator can load from a page's path. */
const PAGE_LIFETIMES = { onLoad: 'attached', onReady: 'ready', onUnload: 'detached' };
global.Page = (def) => {
  const lifetimes = {};
  const methods = {};
  for (const [key, value] of Object.entries(def)) {
    if (key === 'data' || typeof value !== 'function') continue;
    if (PAGE_LIFETIMES[key]) lifetimes[PAGE_LIFETIMES[key]] = function () { return value.call(this, {}); };
    else methods[key] = value;
  }
  global.Component({ data: def.data, lifetimes, methods });
};

const { sleep, waitFor } = require('./helpers/wait');

/** A wx whose live-pusher context enters/leaves the simulated room for `userID`. */
function phoneWx(rooms, userID, instance) {
  const toasts = [];
  const wx = {
    toasts,
    showToast(o) { toasts.push(o); },
    hideToast() {},
    createLivePusherContext() {
      return {
        start(o) {
          const pusher = instance().data.pusher;
          rooms.enter(userID, pusher.url, { video: pusher.enableCamera, audio: pusher.enableMic });
          if (o && o.success) o.success({ errMsg: 'start:ok' });
          if (o && o.complete) o.complete();
        },
        stop(o) {
          rooms.leave(userID);
          if (o && o.complete) setTimeout(o.complete, 5);
        },
        switchCamera() {},
        setMICVolume(o) { rooms.setMedia(userID, { audio: o.volume > 0 }); },
      };
    },
    createLivePlayerContext: () => ({ play() {}, stop() {} }),
    createInnerAudioContext: () => ({ play() {}, stop() {}, destroy() {}, onError() {}, onEnded() {} }),
  };
  return wx;
}

function attachRoom(rooms, userID, comp) {
  rooms.attach(userID, {
    pusherStateChange: (detail) => {
      const pusher = comp.querySelector('#pusher');
      if (pusher) pusher.dispatchEvent('statechange', { detail });
      else comp.instance.pusherStateChange({ detail });
    },
    pusherError: (detail) => comp.instance.pusherError({ detail }),
  });
}

test('copy-component.js copies the component into the example byte for byte (git-ignored)', () => {
  const log = execFileSync(process.execPath, [path.join(EXAMPLE, 'scripts', 'copy-component.js')], { encoding: 'utf8' });
  assert.match(log, /copy-component: \d+ files -> wxcomponents\/TUICalling/);
  const source = path.join(REPO, 'wxcomponents', 'TUICalling');
  const copy = path.join(EXAMPLE, 'wxcomponents', 'TUICalling');
  const walk = (dir, base = dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    (e.isDirectory() ? walk(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))])).sort();
  assert.deepEqual(walk(copy), walk(source));
  for (const file of walk(source)) assert.ok(fs.readFileSync(path.join(copy, file)).equals(fs.readFileSync(path.join(source, file))), file);
  assert.match(fs.readFileSync(path.join(EXAMPLE, '.gitignore'), 'utf8'), /^wxcomponents\/$/m);
  const project = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'project.config.json'), 'utf8'));
  assert.equal(project.appid, 'touristappid', 'the appid placeholder');
  const app = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'app.json'), 'utf8'));
  assert.deepEqual(app.pages, ['pages/call/call']);
  const page = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'pages', 'call', 'call.json'), 'utf8'));
  assert.equal(page.usingComponents.tuicalling, '/wxcomponents/TUICalling/TUICalling');
});

test('the native page in miniprogram-simulate: onReady init(), the video-call button rings a callee, sendMessage, hang up ends both', async () => {
  assert.ok(fs.existsSync(path.join(EXAMPLE, 'wxcomponents', 'TUICalling', 'TUICalling.js')), 'copied (previous test)');
  const hub = createImHub({ latencyMs: 10 });
  const rooms = createTrtcRooms({});
  rooms.faults.delayMs = () => 30;

  // The example's config.js, filled in as a user would (the page reads it at load).
  const config = require(path.join(EXAMPLE, 'config.js'));
  Object.assign(config, { SDK_APP_ID, USER_ID: 'user0', USER_SIG: 'sig-user0', CALLEE: 'user1', GROUP: ['user1', 'user2'] });
  // app.js's globalData.tim: the page passes it on as config.tim.
  const callerTim = hub.createInstance({ SDKAppID: SDK_APP_ID, flavour: '3.x' });
  global.getApp = () => ({ globalData: { tim: callerTim } });

  let page = null;
  const callerComp = () => page.instance.selectComponent('#TUICalling-component');
  const callerWx = phoneWx(rooms, 'user0', callerComp);
  global.wx = callerWx; // the page's init() takes no options: the component uses the global wx

  const pageId = simulate.load(path.join(EXAMPLE, 'pages', 'call', 'call'), 'page-call', { compiler: 'official', rootPath: EXAMPLE });
  page = simulate.render(pageId);
  const pageEvents = [];
  const parent = document.createElement('div');
  page.attach(parent); // -> onLoad, onReady

  // onReady -> selectComponent reaches our component and init() resolves.
  const caller = callerComp();
  assert.ok(caller, 'selectComponent(#TUICalling-component) finds the component');
  assert.equal(typeof caller.init, 'function');
  assert.equal(typeof caller.call, 'function');
  // A template binding copies the object (functions kept, as WeChat does since base lib 2.0.9):
  // the component gets config.tim with the hub instance's methods, bound to its state.
  assert.equal(caller.data.config.tim.login, callerTim.login, 'config.tim reaches the component');
  assert.ok(page.instance.initPromise, 'onReady called init()');
  await page.instance.initPromise;
  assert.equal(page.instance.data.status, '已就绪');
  assert.equal(page.querySelector('#status').dom.textContent.trim(), '已就绪');
  assert.deepEqual([...new Set(instantiated)], ['/wxcomponents/TUICalling/wasm/tuicalling_bg.wasm.br']);
  attachRoom(rooms, 'user0', page.querySelector('#TUICalling-component'));

  // Record what the page receives from the component (the page's own bindings also run).
  const callerTag = page.querySelector('#TUICalling-component');
  for (const name of ['sendMessage', 'callEnd']) callerTag.addEventListener(name, (e) => pageEvents.push({ name, detail: e.detail }));

  // The callee: a plain rendered <tuicalling>.
  const calleeId = simulate.load(path.join(EXAMPLE, 'wxcomponents', 'TUICalling', 'TUICalling'), 'tuicalling', { compiler: 'official', rootPath: EXAMPLE });
  let callee = null;
  const calleeTim = hub.createInstance({ SDKAppID: SDK_APP_ID, flavour: '3.x' });
  // A short leave grace (real time): left in the room after the caller's hang-up, the callee
  // would otherwise wait the default 10 s for a return before it ends.
  callee = simulate.render(calleeId, { config: { sdkAppID: SDK_APP_ID, userID: 'user1', userSig: 'sig-user1', type: 2, tim: calleeTim, leaveGraceMs: 300 } });
  callee.attach(document.createElement('div'));
  attachRoom(rooms, 'user1', callee);
  const calleeEvents = [];
  for (const name of ['sendMessage', 'callEnd', 'invited']) callee.addEventListener(name, (e) => calleeEvents.push({ name, detail: e.detail }));
  await callee.instance.init({ wx: phoneWx(rooms, 'user1', () => callee.instance) });

  // Tap the page's "video call" button: the callee rings.
  page.querySelector('#video-call').dispatchEvent('tap');
  await waitFor(() => caller.data.screen === 'dialing', 'the page\'s component dials');
  assert.ok(page.querySelector('#TUICalling-component').querySelector('#preview'), 'camera preview on the page');
  await waitFor(() => callee.instance.data.screen === 'incoming', 'the callee rings');
  assert.equal(calleeEvents.find((e) => e.name === 'invited').detail.sponsor, 'user0');

  // The page got sendMessage for the invite, and its handler (onCallMessage) ran.
  await waitFor(() => pageEvents.some((e) => e.name === 'sendMessage'), 'sendMessage reaches the page');
  const { message } = pageEvents.find((e) => e.name === 'sendMessage').detail;
  assert.equal(message.to, 'user1');
  await waitFor(() => page.instance.data.lastMessage !== '', 'onCallMessage ran');
  assert.match(page.instance.data.lastMessage, /user1/);
  assert.match(page.querySelector('#last-message').dom.textContent, /user1/);

  // The callee accepts; both connected with each other's player.
  callee.querySelector('#accept').dispatchEvent('tap');
  await waitFor(() => caller.data.screen === 'connected' && callee.instance.data.screen === 'connected'
    && caller.data.playerList.length === 1 && callee.instance.data.playerList.length === 1, 'both connected');
  assert.equal(rooms.roomOf('user0'), rooms.roomOf('user1'));

  // The page's "hang up" button ends both; the page's onCallEnd runs.
  page.querySelector('#hang-up').dispatchEvent('tap');
  await waitFor(() => caller.data.screen === 'idle' && callee.instance.data.screen === 'idle', 'both idle');
  await waitFor(() => pageEvents.some((e) => e.name === 'callEnd'), 'callEnd reaches the page');
  await waitFor(() => page.instance.data.status === '通话结束', 'onCallEnd ran');
  assert.equal(rooms.roomOf('user0'), null);
  assert.equal(rooms.roomOf('user1'), null);

  // The group-call button dials both members; hang up again.
  page.querySelector('#group-call').dispatchEvent('tap');
  await waitFor(() => caller.data.screen === 'dialing' && caller.data.isGroup, 'groupCall() dials');
  await waitFor(() => callee.instance.data.screen === 'incoming', 'the member rings');
  page.querySelector('#hang-up').dispatchEvent('tap');
  await waitFor(() => caller.data.screen === 'idle' && callee.instance.data.screen === 'idle', 'both idle again');

  // onUnload -> destroyed(): the component refuses calls afterwards.
  page.detach();
  await sleep(20);
  await assert.rejects(caller.call({ userID: 'user1', type: 2 }), /call init\(\) first/);
  await callee.instance.destroyed();
  callee.detach();
  await sleep(50);
});
