// Renders the tuicalling component (wxcomponents/TUICalling) in miniprogram-simulate with the
// official wcc/wcsc compilers, and drives it through calls over the local IM hub and the
// simulated TRTC room. The same setup as tests/component.test.js (copied, not shared, so the
// tests stay untouched), for scripts that need rendered screens (scripts/screenshots.js).
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

// jsdom globals before miniprogram-simulate is loaded.
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>');
for (const name of ['window', 'document', 'CustomEvent', 'Event', 'TouchEvent', 'Touch', 'HTMLElement', 'Node']) {
  if (dom.window[name]) global[name] = dom.window[name];
}

const REPO = path.join(__dirname, '..', '..');
// WeChat's only way to wasm: a package path (mapped here to the repository root).
global.WXWebAssembly = {
  instantiate(packagePath, imports) {
    if (typeof packagePath !== 'string') return Promise.reject(new TypeError('package path expected'));
    const file = path.join(REPO, packagePath.replace(/^\/+/, ''));
    if (!fs.existsSync(file)) return Promise.reject(new Error(`no file ${packagePath}`));
    let bytes = fs.readFileSync(file);
    if (packagePath.endsWith('.br')) bytes = zlib.brotliDecompressSync(bytes);
    return WebAssembly.instantiate(bytes, imports);
  },
};

const simulate = require('miniprogram-simulate');
const simulateWxss = require('miniprogram-simulate/src/wxss');
const { createImHub } = require('../../test-support/im-hub');
const { createTrtcRooms } = require('../../test-support/trtc-room');

const SDK_APP_ID = 1400000000;
const COMPONENT = path.join(REPO, 'wxcomponents', 'TUICalling', 'TUICalling');
const TAG = 'tuicalling';
let componentId = null;

function load() {
  if (!componentId) componentId = simulate.load(COMPONENT, TAG, { compiler: 'official' });
  return componentId;
}

/**
 * The component's wxss as the simulator scopes it (classes prefixed `tuicalling--`), with rpx
 * still in it (the simulator's own injection turns 1rpx into 1px, which is wrong for pictures).
 */
function compiledWxss() {
  return simulateWxss.compile(simulateWxss.getContent(`${COMPONENT}.wxss`), { prefix: TAG });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check, what, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function createWorld() {
  const hub = createImHub({ latencyMs: 10 });
  const rooms = createTrtcRooms({});
  rooms.faults.delayMs = () => 30;
  return { hub, rooms, phones: [] };
}

/** A rendered <tuicalling> with its own hub TIM instance and a wx wired to the TRTC room. */
function createPhone(world, userID, config) {
  const id = load();
  const { hub, rooms } = world;
  const tim = hub.createInstance({ SDKAppID: SDK_APP_ID, flavour: '3.x' });
  const toasts = [];
  const pageEvents = [];
  let comp = null;
  const pusherContext = {
    start(o) {
      const pusher = comp.instance.data.pusher;
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
  const wx = {
    showToast(o) { toasts.push(o); },
    createLivePusherContext() { return pusherContext; },
    createLivePlayerContext() { return { play() {}, stop() {} }; },
  };
  comp = simulate.render(id, {
    config: Object.assign({ sdkAppID: SDK_APP_ID, userID, userSig: `sig-${userID}`, type: 2, tim }, config),
  });
  comp.attach(document.createElement('div'));
  rooms.attach(userID, {
    pusherStateChange: (detail) => {
      const pusher = comp.querySelector('#pusher');
      if (pusher) pusher.dispatchEvent('statechange', { detail });
      else comp.instance.pusherStateChange({ detail });
    },
    pusherError: (detail) => comp.instance.pusherError({ detail }),
  });
  comp.addEventListener('sdkReady', (e) => pageEvents.push({ name: 'sdkReady', detail: e.detail }));
  const phone = {
    userID, tim, comp, toasts, pageEvents,
    get data() { return comp.instance.data; },
    $: (selector) => comp.querySelector(selector),
    async tap(selector) {
      const element = comp.querySelector(selector);
      if (!element) throw new Error(`${userID}: ${selector} is not rendered`);
      element.dispatchEvent('tap');
      await sleep(0);
    },
    init: () => comp.instance.init({ wx }),
  };
  world.phones.push(phone);
  return phone;
}

/** Phones for [userID, config?] specs, all initialised and SDK-ready. */
async function readyPhones(world, specs) {
  const phones = specs.map(([userID, config]) => createPhone(world, userID, config));
  await Promise.all(phones.map((phone) => phone.init()));
  await waitFor(() => phones.every((p) => p.pageEvents.some((e) => e.name === 'sdkReady')), 'SDK_READY everywhere');
  return phones;
}

async function destroyAll(world) {
  await Promise.all(world.phones.map((phone) => phone.comp.instance.destroyed()));
  world.phones.forEach((phone) => phone.comp.detach());
  await sleep(50);
}

module.exports = { REPO, COMPONENT, TAG, compiledWxss, createWorld, createPhone, readyPhones, destroyAll, waitFor, sleep };
