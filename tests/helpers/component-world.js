// Shared setup for the component tests: jsdom globals (before miniprogram-simulate loads), a
// WXWebAssembly shim that takes package paths, the component loaded with WeChat's official
// compilers, and "phones" (rendered components) on the local IM hub and the simulated TRTC room.
'use strict';

const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

// jsdom globals before miniprogram-simulate is loaded (platform.md §C.2).
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>');
for (const name of ['window', 'document', 'CustomEvent', 'Event', 'TouchEvent', 'Touch', 'HTMLElement', 'Node']) {
  // Node has its own Event/CustomEvent: jsdom's must win (its dispatchEvent checks the type).
  if (dom.window[name]) global[name] = dom.window[name];
}

const REPO = path.join(__dirname, '..', '..');
const instantiated = [];
// WeChat's only way to wasm: a package path (mapped here to the repository root).
global.WXWebAssembly = {
  instantiate(packagePath, imports) {
    instantiated.push(packagePath);
    if (typeof packagePath !== 'string') return Promise.reject(new TypeError('package path expected'));
    const file = path.join(REPO, packagePath.replace(/^\/+/, ''));
    if (!fs.existsSync(file)) return Promise.reject(new Error(`no file ${packagePath}`));
    let bytes = fs.readFileSync(file);
    if (packagePath.endsWith('.br')) bytes = zlib.brotliDecompressSync(bytes);
    return WebAssembly.instantiate(bytes, imports);
  },
};

const simulate = require('miniprogram-simulate');
const { createImHub } = require('../../test-support/im-hub');
const { createTrtcRooms } = require('../../test-support/trtc-room');

const SDK_APP_ID = 1400000000;
const COMPONENT = path.join(REPO, 'wxcomponents', 'TUICalling', 'TUICalling');
let loadedId = null;

/** The simulate id of the component, loaded once with WeChat's official compilers. */
function componentId() {
  if (!loadedId) loadedId = simulate.load(COMPONENT, 'tuicalling', { compiler: 'official' });
  return loadedId;
}

// ---- helpers -----------------------------------------------------------------------------

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check, what, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return;
    if (Date.now() > until) assert.fail(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** A rendered element's attributes (from toJSON; property names in camelCase). */
function attrs(element) {
  assert.ok(element, 'element exists');
  return Object.fromEntries(element.toJSON().attrs.map((a) => [a.name, a.value]));
}

function text(element) {
  return element ? element.dom.textContent.trim() : null;
}

function createWorld() {
  const hub = createImHub({ latencyMs: 10 });
  const rooms = createTrtcRooms({});
  rooms.faults.delayMs = () => 30;
  return { hub, rooms, phones: [] };
}

/**
 * A phone: a rendered <tuicalling> whose config.tim is its own hub instance, and a wx whose
 * live-pusher/player contexts talk to the TRTC room. The room's pusher events are dispatched
 * on the rendered <live-pusher> (so they go through the template's bindings).
 */
function createPhone(world, userID, config) {
  const { hub, rooms } = world;
  const tim = hub.createInstance({ SDKAppID: SDK_APP_ID, flavour: '3.x' });
  const toasts = [];
  const contextCalls = [];
  const pageEvents = [];
  let comp = null;
  const pusherContext = {
    start(o) {
      const pusher = comp.instance.data.pusher;
      contextCalls.push(['start', pusher.url]);
      rooms.enter(userID, pusher.url, { video: pusher.enableCamera, audio: pusher.enableMic });
      if (o && o.success) o.success({ errMsg: 'start:ok' });
      if (o && o.complete) o.complete();
    },
    stop(o) {
      contextCalls.push(['stop']);
      rooms.leave(userID);
      if (o && o.complete) setTimeout(o.complete, 5);
    },
    switchCamera() { contextCalls.push(['switchCamera']); },
    setMICVolume(o) { contextCalls.push(['setMICVolume', o.volume]); rooms.setMedia(userID, { audio: o.volume > 0 }); },
  };
  const wx = {
    showToast(o) { toasts.push(o); },
    createLivePusherContext() { contextCalls.push(['createLivePusherContext']); return pusherContext; },
    createLivePlayerContext(id, that) {
      contextCalls.push(['createLivePlayerContext', id, that === comp.instance]);
      return { play() {}, stop() { contextCalls.push(['player.stop', id]); } };
    },
    createInnerAudioContext() {
      const audio = { src: '', loop: false };
      audio.play = () => contextCalls.push(['audio.play', audio.src, audio.loop]);
      audio.stop = () => contextCalls.push(['audio.stop', audio.src]);
      audio.destroy = () => contextCalls.push(['audio.destroy', audio.src]);
      return audio;
    },
  };
  comp = simulate.render(componentId(), {
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
  for (const name of ['sendMessage', 'invited', 'onCallReceived', 'userAccept', 'userEnter', 'userLeave',
    'reject', 'lineBusy', 'callingCancel', 'callEnd', 'onCallBegin', 'onCallNotConnected', 'sdkReady', 'callMode',
    'noResp', 'callingTimeout', 'kickedOut', 'onCallCanceled']) {
    comp.addEventListener(name, (e) => pageEvents.push({ name, detail: e.detail }));
  }
  const phone = {
    userID, tim, comp, toasts, contextCalls, pageEvents,
    get data() { return comp.instance.data; },
    $: (selector) => comp.querySelector(selector),
    events: (name) => pageEvents.filter((e) => e.name === name).map((e) => e.detail),
    toastTitles: () => toasts.map((t) => t.title),
    async tap(selector) {
      const element = comp.querySelector(selector);
      assert.ok(element, `${userID}: ${selector} is rendered`);
      element.dispatchEvent('tap');
      await sleep(0);
    },
    init: () => comp.instance.init({ wx }),
  };
  world.phones.push(phone);
  return phone;
}

async function readyPhones(world, specs) {
  const phones = specs.map(([userID, config]) => createPhone(world, userID, config));
  await Promise.all(phones.map((phone) => phone.init()));
  await waitFor(() => phones.every((p) => p.events('sdkReady').length === 1), 'SDK_READY everywhere');
  return phones;
}

async function destroyAll(world) {
  await Promise.all(world.phones.map((phone) => phone.comp.instance.destroyed()));
  world.phones.forEach((phone) => phone.comp.detach());
  await sleep(50);
}

module.exports = { COMPONENT, REPO, SDK_APP_ID, attrs, componentId, createPhone, createWorld, destroyAll, dom, instantiated, readyPhones, simulate, sleep, text, waitFor };
