// The one rendered-component setup shared by the component tests, the end-to-end fault tests,
// the demo (examples/demo/), the simulator (examples/sim/) and scripts/screenshots.js: jsdom globals (before
// miniprogram-simulate loads), a WXWebAssembly shim that takes package paths, the
// <tuicalling> component loaded with WeChat's official compilers (wcc/wcsc), and "phones"
// (rendered components) on the local IM hub and the simulated TRTC room.
//
// Two kinds of time: real time with short latencies (the default; tests poll with waitFor), or
// a virtual clock (`createWorld({clock})`): the hub, the room, every component's timers and
// the phones' player reports all run on it, and `world.run(ms)` moves it.
// Node only (jsdom, fs, zlib); never shipped.
'use strict';

const path = require('path');
const { installWeChatGlobals } = require('./wechat-globals');

const REPO = path.join(__dirname, '..');
// WeChat's only way to wasm: a package path (mapped here to the repository root).
const { dom, instantiated, instances } = installWeChatGlobals(REPO);

const simulate = require('miniprogram-simulate');
const { createImHub } = require('./im-hub');
const { createTrtcRooms } = require('./trtc-room');
const { sleep, waitFor } = require('./wait');

const SDK_APP_ID = 1400000000;
const TAG = 'tuicalling';
const COMPONENT = path.join(REPO, 'wxcomponents', 'TUICalling', 'TUICalling');
/** How often a rendered <live-player> reports netstatus on virtual time (WeChat: ~1-2 s). */
const PLAYER_REPORT_MS = 2000;
/**
 * The engines' leave grace in real-time worlds (config.leaveGraceMs): a call whose peer left
 * the room (a Tencent-rule hang-up, an iOS background) waits this long for a return, and
 * real-time tests would wait the default 10 s. Virtual-time worlds (the fault tests, the
 * demo) keep 10 s.
 */
const REAL_TIME_LEAVE_GRACE_MS = 300;
/** Every page event the component documents (the original's, TUICallKit's, sendMessage). */
const PAGE_EVENTS = ['sendMessage', 'invited', 'onCallReceived', 'userAccept', 'userEnter', 'userLeave',
  'userUpdate', 'reject', 'lineBusy', 'callingCancel', 'callEnd', 'onCallBegin', 'onCallNotConnected', 'sdkReady',
  'callMode', 'noResp', 'callingTimeout', 'kickedOut', 'onCallCanceled', 'error', 'userVideoAvailable',
  'userAudioAvailable', 'userVoiceVolume', 'userNetworkQualityChanged'];
let loadedId = null;

/** The simulate id of the component, loaded once with WeChat's official compilers. */
function componentId() {
  if (!loadedId) loadedId = simulate.load(COMPONENT, TAG, { compiler: 'official' });
  return loadedId;
}

/**
 * The component's wxss as the simulator scopes it (classes prefixed `tuicalling--`), with rpx
 * still in it (the simulator's own injection turns 1rpx into 1px, which is wrong for pictures).
 */
function compiledWxss() {
  const simulateWxss = require('miniprogram-simulate/src/wxss');
  return simulateWxss.compile(simulateWxss.getContent(`${COMPONENT}.wxss`), { prefix: TAG });
}

// ---- helpers -----------------------------------------------------------------------------

/** A rendered element's attributes (from toJSON; property names in camelCase). */
function attrs(element) {
  if (!element) throw new Error('element does not exist');
  return Object.fromEntries(element.toJSON().attrs.map((a) => [a.name, a.value]));
}

function text(element) {
  return element ? element.dom.textContent.trim() : null;
}

// ---- the world -------------------------------------------------------------------------------

/**
 * The phones' IM as the REAL `@tencentcloud/chat` SDK over tests/helpers/fake-tim-backend.js
 * instead of the local hub (real time only; the test requires the backend before anything
 * else). `Chat` is the SDK module, `sdkAppIDOf(userID)` gives each phone its own SDKAppID
 * (chat 3.x keeps one instance per SDKAppID). The phone's component logs the instance in
 * itself (its init()), as an app without its own login would.
 */
function chatSdkIm({ Chat, sdkAppIDOf }) {
  return {
    TIM: Chat,
    createInstance(userID) {
      const sdkAppID = sdkAppIDOf(userID);
      const tim = Chat.create({ SDKAppID: sdkAppID });
      tim.setLogLevel(4);
      return { tim, sdkAppID };
    },
    async release(tim) {
      try { await tim.logout(); } catch (error) { /* not logged in */ }
      try { await tim.destroy(); } catch (error) { /* already destroyed */ }
    },
  };
}

/**
 * The hub, the room service and the phones. Options: `clock` (a virtual clock from
 * ./virtual-clock.js; default real time), `latencyMs` (IM, 10), `roomDelayMs` (TRTC events, 30),
 * `seed` (hub message ids), `im` (the phones' IM: default the local hub; `chatSdkIm(...)` for
 * the real chat SDK).
 */
function createWorld(options) {
  const o = options || {};
  const clock = o.clock || null;
  if (o.im && clock) throw new Error('component-world: the real chat SDK runs on real time (no clock)');
  const timing = clock ? { now: clock.now, schedule: clock.schedule } : {};
  const hub = createImHub(Object.assign({ latencyMs: o.latencyMs === undefined ? 10 : o.latencyMs, seed: o.seed }, timing));
  const rooms = createTrtcRooms(timing);
  const roomDelayMs = o.roomDelayMs === undefined ? 30 : o.roomDelayMs;
  rooms.faults.delayMs = () => roomDelayMs;
  const world = {
    hub, rooms, clock, im: o.im || null, phones: [],
    /** The world's time (ms). */
    now: () => (clock ? clock.now() : Date.now()),
    /** Runs `fn` after `ms` on the world's time. */
    later: (fn, ms) => (clock ? clock.schedule(fn, ms) : setTimeout(fn, ms)),
    /** Virtual time only: moves the clock `ms` forward, running everything due. */
    run: (ms) => {
      if (!clock) throw new Error('world.run needs a virtual clock');
      return clock.tick(ms);
    },
    /** Waits until `check()` holds: virtual time in 10 ms steps (at most `ms`), else polling. */
    async until(check, what, ms = 5000) {
      if (!clock) return waitFor(check, what, ms);
      for (let spent = 0; !check(); spent += 10) {
        if (spent >= ms) throw new Error(`timed out waiting for ${what} (${ms} ms virtual)`);
        await clock.tick(10);
      }
      return undefined;
    },
  };
  return world;
}

/**
 * What reaches a phone's JS: run at once, or held while the phone is suspended (in the
 * background) and run in arrival order when it resumes, as a suspended mini-program's timers
 * and component events are. `run(fn, key)` (a key lets `forget(key)` drop a held one).
 */
function phoneInbox(phoneState) {
  const held = new Map();
  let nextKey = 0;
  return {
    run(fn, key) {
      if (phoneState.suspended) held.set(key === undefined ? `event-${(nextKey += 1)}` : key, fn);
      else fn();
    },
    forget(key) { held.delete(key); },
    /** Runs what was held while suspended, in order (and what it holds anew, if suspended again). */
    release() {
      const due = Array.from(held.values());
      held.clear();
      due.forEach((fn) => fn());
    },
  };
}

/** A phone's timers on the world's time, through its inbox (held while suspended). */
function phoneScheduler(world, inbox) {
  const { clock } = world;
  return {
    setTimeout(fn, ms) {
      const id = clock.setTimeout(() => inbox.run(fn, id), ms);
      return id;
    },
    clearTimeout(id) {
      inbox.forget(id);
      clock.clearTimeout(id);
    },
  };
}

/** The wx a phone's component gets: toasts, and live-pusher contexts that talk to the room. */
function phoneWx(world, userID, phone) {
  const { rooms } = world;
  const pusherContext = {
    start(o) {
      const pusher = phone.comp.instance.data.pusher;
      phone.contextCalls.push(['start', pusher.url]);
      rooms.enter(userID, pusher.url, { video: pusher.enableCamera, audio: pusher.enableMic });
      if (o && o.success) o.success({ errMsg: 'start:ok' });
      if (o && o.complete) o.complete();
    },
    stop(o) {
      phone.contextCalls.push(['stop']);
      rooms.leave(userID);
      if (o && o.complete) world.later(o.complete, 5);
    },
    switchCamera() { phone.contextCalls.push(['switchCamera']); },
    setMICVolume(o) { phone.contextCalls.push(['setMICVolume', o.volume]); rooms.setMedia(userID, { audio: o.volume > 0 }); },
  };
  return {
    showToast(o) { phone.toasts.push(Object.assign({ at: world.now() }, o)); },
    createLivePusherContext() { phone.contextCalls.push(['createLivePusherContext']); return pusherContext; },
    createLivePlayerContext(id, that) {
      phone.contextCalls.push(['createLivePlayerContext', id, that === phone.comp.instance]);
      return { play() {}, stop() { phone.contextCalls.push(['player.stop', id]); } };
    },
    createInnerAudioContext() {
      const audio = { src: '', loop: false };
      audio.play = () => phone.contextCalls.push(['audio.play', audio.src, audio.loop]);
      audio.stop = () => phone.contextCalls.push(['audio.stop', audio.src]);
      audio.destroy = () => phone.contextCalls.push(['audio.destroy', audio.src]);
      return audio;
    },
  };
}

/**
 * The rendered <live-pusher>'s `enable-camera` reaches the room (others get 1033), as turning
 * the camera off or on does on a phone. (The microphone goes through setMICVolume.)
 */
function syncCamera(world, phone) {
  const pusher = phone.$('#pusher');
  const media = world.rooms.mediaOf(phone.userID);
  if (!pusher || !media) return;
  const video = attrs(pusher).enableCamera !== false;
  if (media.video !== video) world.rooms.setMedia(phone.userID, { video });
}

/**
 * Virtual time only: every PLAYER_REPORT_MS each rendered <live-player> whose user is in the
 * phone's TRTC room reports netstatus, as WeChat's players do (the engine's sign of life), and
 * the pusher's camera state reaches the room.
 */
function startPlayerReports(world, phone) {
  const report = () => {
    if (phone.destroyed) return;
    const room = world.rooms.roomOf(phone.userID);
    if (!phone.suspended && room !== null) {
      syncCamera(world, phone);
      for (const player of phone.data.playerList || []) {
        const element = phone.$(`#${player.id}`);
        if (element && world.rooms.roomOf(player.userID) === room) {
          element.dispatchEvent('netstatus', { detail: { info: { netQualityLevel: 1 } } });
        }
      }
    }
    world.clock.schedule(report, PLAYER_REPORT_MS);
  };
  world.clock.schedule(report, PLAYER_REPORT_MS);
}

/** The room hears the pusher's camera at once, on real time too: syncCamera after each setData. */
function followCameraAttribute(world, phone) {
  const instance = phone.comp.instance;
  const setData = instance.setData;
  instance.setData = function setDataAndSyncCamera(patch, callback) {
    const result = setData.call(this, patch, callback);
    syncCamera(world, phone);
    return result;
  };
}

/**
 * A phone: a rendered <tuicalling> whose config.tim is its own hub instance, and a wx whose
 * live-pusher/player contexts talk to the TRTC room. The room's pusher events are dispatched
 * on the rendered <live-pusher> (so they go through the template's bindings).
 */
function createPhone(world, userID, config) {
  const { hub, rooms } = world;
  const im = world.im ? world.im.createInstance(userID) : { tim: hub.createInstance({ SDKAppID: SDK_APP_ID, flavour: '3.x' }), sdkAppID: SDK_APP_ID };
  const { tim } = im;
  const phone = {
    userID, tim, sdkAppID: im.sdkAppID, comp: null, toasts: [], contextCalls: [], pageEvents: [], suspended: false, destroyed: false,
    networkUp: true, inits: 0,
    get data() { return phone.comp.instance.data; },
    $: (selector) => phone.comp.querySelector(selector),
    events: (name) => phone.pageEvents.filter((e) => e.name === name).map((e) => e.detail),
    toastTitles: () => phone.toasts.map((t) => t.title),
    async tap(selector) {
      const element = phone.comp.querySelector(selector);
      if (!element) throw new Error(`${userID}: ${selector} is not rendered`);
      element.dispatchEvent('tap');
      await sleep(0);
    },
  };
  const wx = phoneWx(world, userID, phone);
  const inbox = phoneInbox(phone);
  const scheduler = world.clock ? phoneScheduler(world, inbox) : null;
  world.created = (world.created || 0) + 1;
  const made = world.created;
  /** Virtual time: reproducible room and invite ids, one seed per phone ever made (the first
   *  init's seed is its number; each re-init after destroyed() gets a new one, as a real page's
   *  Math.random would). */
  const seedOf = (n) => (n === 1 ? made : made * 1000 + n);
  const namespace = world.im ? { TIM: world.im.TIM } : {};
  phone.init = () => {
    phone.inits += 1;
    const timing = scheduler ? { wx, now: world.clock.now, schedule: scheduler, seed: seedOf(phone.inits) } : { wx };
    return phone.comp.instance.init(Object.assign(timing, namespace));
  };
  const needsHub = (what) => {
    if (world.im) throw new Error(`component-world: ${what} needs the local hub (it controls the IM connection)`);
  };
  const syncOnline = () => hub.setOnline(userID, phone.networkUp && !phone.suspended);
  /** The device's network (IM) goes down (false) or comes back (true); see hub.setOnline. */
  phone.setNetwork = (up) => {
    needsHub('setNetwork()');
    phone.networkUp = Boolean(up);
    syncOnline();
  };
  /**
   * The app goes to the background: the page hides, the pusher stops its camera (WeChat shows
   * the waiting image; audio goes on, background-mute is off), and the JS and its IM connection
   * are suspended (timers and pusher events held, messages queued, players silent). With
   * `{ios: true}` the TRTC SDK also exits the room (5000) and re-enters on foreground.
   */
  phone.background = (options) => {
    needsHub('background()');
    if (phone.suspended) return;
    phone.comp.triggerPageLifeTime('hide');
    phone.iosSuspended = Boolean(options && options.ios);
    const media = rooms.mediaOf(userID);
    phone.pausedCamera = !phone.iosSuspended && Boolean(media && media.video);
    if (phone.pausedCamera) rooms.setMedia(userID, { video: false });
    phone.suspended = true;
    syncOnline();
    if (phone.iosSuspended) rooms.suspend(userID);
  };
  /** The app comes back: held timers, pusher events and IM messages run, the SDK re-enters
   *  the room (iOS) or the camera resumes, the page shows. */
  phone.foreground = () => {
    if (!phone.suspended) return;
    phone.suspended = false;
    syncOnline();
    inbox.release();
    if (phone.iosSuspended) rooms.resume(userID);
    if (phone.pausedCamera && rooms.roomOf(userID) !== null) rooms.setMedia(userID, { video: true });
    phone.pausedCamera = false;
    phone.iosSuspended = false;
    phone.comp.triggerPageLifeTime('show');
  };
  /** A rendered <live-player> of `playerUserID` reports statechange `code` (e.g. -2301);
   *  false when no such player is rendered. */
  phone.playerEvent = (playerUserID, code) => {
    const rendered = Array.from(phone.comp.dom.querySelectorAll('wx-live-player'))
      .find((player) => player.getAttribute('data-userid') === playerUserID);
    const element = rendered && phone.$(`#${rendered.getAttribute('data-streamid')}`);
    if (!element) return false;
    element.dispatchEvent('statechange', { detail: { code, message: '' } });
    return true;
  };
  const timing = world.clock ? {} : { leaveGraceMs: REAL_TIME_LEAVE_GRACE_MS };
  phone.comp = simulate.render(componentId(), {
    config: Object.assign({ sdkAppID: im.sdkAppID, userID, userSig: `sig-${userID}`, type: 2, tim }, timing, config),
  });
  phone.comp.attach(document.createElement('div'));
  followCameraAttribute(world, phone);
  rooms.attach(userID, {
    pusherStateChange: (detail) => inbox.run(() => {
      const pusher = phone.comp.querySelector('#pusher');
      if (pusher) pusher.dispatchEvent('statechange', { detail });
      else phone.comp.instance.pusherStateChange({ detail });
    }),
    pusherError: (detail) => inbox.run(() => phone.comp.instance.pusherError({ detail })),
  });
  for (const name of PAGE_EVENTS) {
    phone.comp.addEventListener(name, (e) => phone.pageEvents.push({ name, detail: e.detail, at: world.now() }));
  }
  if (world.clock) startPlayerReports(world, phone);
  world.phones.push(phone);
  return phone;
}

/** Phones for [userID, config?] specs, all initialised and SDK-ready. */
async function readyPhones(world, specs) {
  const phones = specs.map(([userID, config]) => createPhone(world, userID, config));
  const inits = Promise.all(phones.map((phone) => phone.init()));
  await world.until(() => phones.every((p) => p.events('sdkReady').length === 1), 'SDK_READY everywhere');
  await inits;
  return phones;
}

async function destroyAll(world) {
  const done = Promise.all(world.phones.map((phone) => phone.comp.instance.destroyed()));
  if (world.clock) await world.run(1000);
  await done;
  world.phones.forEach((phone) => { phone.destroyed = true; phone.comp.detach(); });
  if (world.im) await Promise.all(world.phones.map((phone) => world.im.release(phone.tim)));
  if (!world.clock) await sleep(50);
}

/** Bytes of wasm linear memory held by every instance this process made (WXWebAssembly). */
function wasmMemoryBytes() {
  let total = 0;
  for (const instance of instances) {
    for (const value of Object.values(instance.exports)) {
      if (value instanceof WebAssembly.Memory) total += value.buffer.byteLength;
    }
  }
  return total;
}

module.exports = {
  COMPONENT, PAGE_EVENTS, PLAYER_REPORT_MS, REPO, SDK_APP_ID, TAG, attrs, chatSdkIm, compiledWxss, componentId, createPhone,
  createWorld, destroyAll, dom, instantiated, readyPhones, simulate, sleep, text, waitFor, wasmMemoryBytes,
};
