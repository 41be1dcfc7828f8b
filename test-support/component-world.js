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
const { dom, instantiated } = installWeChatGlobals(REPO);

const simulate = require('miniprogram-simulate');
const { createImHub } = require('./im-hub');
const { createTrtcRooms } = require('./trtc-room');

const SDK_APP_ID = 1400000000;
const TAG = 'tuicalling';
const COMPONENT = path.join(REPO, 'wxcomponents', 'TUICalling', 'TUICalling');
/** How often a rendered <live-player> reports netstatus on virtual time (WeChat: ~1-2 s). */
const PLAYER_REPORT_MS = 2000;
/**
 * The engines' leave grace in real-time worlds (config.leaveGraceMs): after a hang-up the
 * side left waits this long for a re-entry before it ends, and real-time tests would wait the
 * default 10 s for every call end. Virtual-time worlds (the fault tests, the demo) keep 10 s.
 */
const REAL_TIME_LEAVE_GRACE_MS = 300;
const PAGE_EVENTS = ['sendMessage', 'invited', 'onCallReceived', 'userAccept', 'userEnter', 'userLeave',
  'reject', 'lineBusy', 'callingCancel', 'callEnd', 'onCallBegin', 'onCallNotConnected', 'sdkReady', 'callMode',
  'noResp', 'callingTimeout', 'kickedOut', 'onCallCanceled', 'error'];
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

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` on real time; throws `timed out waiting for <what>`. */
async function waitFor(check, what, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

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
 * The hub, the room service and the phones. Options: `clock` (a virtual clock from
 * ./virtual-clock.js; default real time), `latencyMs` (IM, 10), `roomDelayMs` (TRTC events, 30),
 * `seed` (hub message ids).
 */
function createWorld(options) {
  const o = options || {};
  const clock = o.clock || null;
  const timing = clock ? { now: clock.now, schedule: clock.schedule } : {};
  const hub = createImHub(Object.assign({ latencyMs: o.latencyMs === undefined ? 10 : o.latencyMs, seed: o.seed }, timing));
  const rooms = createTrtcRooms(timing);
  const roomDelayMs = o.roomDelayMs === undefined ? 30 : o.roomDelayMs;
  rooms.faults.delayMs = () => roomDelayMs;
  const world = {
    hub, rooms, clock, phones: [],
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
 * A phone's timers on the world's time. While the phone is suspended (in the background) its
 * due callbacks are held and run when it resumes, as a suspended mini-program's timers do.
 */
function phoneScheduler(world, phoneState) {
  const { clock } = world;
  const held = new Map();
  return {
    setTimeout(fn, ms) {
      const id = clock.setTimeout(() => {
        if (phoneState.suspended) held.set(id, fn);
        else fn();
      }, ms);
      return id;
    },
    clearTimeout(id) {
      held.delete(id);
      clock.clearTimeout(id);
    },
    /** Runs the callbacks held while suspended, in order. */
    release() {
      const due = Array.from(held.values());
      held.clear();
      due.forEach((fn) => fn());
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
 * Virtual time only: every PLAYER_REPORT_MS each rendered <live-player> whose user is in the
 * phone's TRTC room reports netstatus, as WeChat's players do (the engine's sign of life).
 */
function startPlayerReports(world, phone) {
  const report = () => {
    if (phone.destroyed) return;
    const room = world.rooms.roomOf(phone.userID);
    if (!phone.suspended && room !== null) {
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

/**
 * A phone: a rendered <tuicalling> whose config.tim is its own hub instance, and a wx whose
 * live-pusher/player contexts talk to the TRTC room. The room's pusher events are dispatched
 * on the rendered <live-pusher> (so they go through the template's bindings).
 */
function createPhone(world, userID, config) {
  const { hub, rooms } = world;
  const tim = hub.createInstance({ SDKAppID: SDK_APP_ID, flavour: '3.x' });
  const phone = {
    userID, tim, comp: null, toasts: [], contextCalls: [], pageEvents: [], suspended: false, destroyed: false,
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
  const scheduler = world.clock ? phoneScheduler(world, phone) : null;
  world.created = (world.created || 0) + 1;
  const seed = world.created; // virtual time: reproducible room and invite ids, one seed per phone ever made
  phone.init = () => phone.comp.instance.init(scheduler ? { wx, now: world.clock.now, schedule: scheduler, seed } : { wx });
  /**
   * The app goes to the background: the page hides, and the JS and its IM connection are
   * suspended (timers held, messages queued, players silent). Android (the default): the
   * pusher stays in the room and stops its camera (WeChat shows the waiting image; audio goes
   * on, background-mute is off). `{ios: true}`: the pusher reports 5000 and its SDK leaves the
   * TRTC room (the others hear 1032), to re-enter on resume.
   */
  phone.background = (options) => {
    phone.comp.triggerPageLifeTime('hide');
    phone.steppedOut = Boolean(options && options.ios) && rooms.roomOf(userID) !== null;
    if (phone.steppedOut) {
      const pusher = phone.comp.querySelector('#pusher');
      if (pusher) pusher.dispatchEvent('statechange', { detail: { code: 5000, message: 'mini program suspended' } });
      rooms.stepOut(userID);
    } else {
      const media = rooms.mediaOf(userID);
      phone.pausedCamera = Boolean(media && media.video);
      if (phone.pausedCamera) rooms.setMedia(userID, { video: false });
    }
    phone.suspended = true;
    hub.setOnline(userID, false);
  };
  /**
   * The app comes back: held timers and IM messages run, the page shows, and the camera
   * resumes (Android) or the SDK re-enters the room it left (iOS, if the pusher still pushes).
   */
  phone.foreground = () => {
    phone.suspended = false;
    hub.setOnline(userID, true);
    if (scheduler) scheduler.release();
    if (phone.pausedCamera && rooms.roomOf(userID) !== null) rooms.setMedia(userID, { video: true });
    phone.pausedCamera = false;
    phone.comp.triggerPageLifeTime('show');
    if (phone.steppedOut && phone.data.pusher.url) rooms.stepIn(userID);
    phone.steppedOut = false;
  };
  const timing = world.clock ? {} : { leaveGraceMs: REAL_TIME_LEAVE_GRACE_MS };
  phone.comp = simulate.render(componentId(), {
    config: Object.assign({ sdkAppID: SDK_APP_ID, userID, userSig: `sig-${userID}`, type: 2, tim }, timing, config),
  });
  phone.comp.attach(document.createElement('div'));
  rooms.attach(userID, {
    pusherStateChange: (detail) => {
      const pusher = phone.comp.querySelector('#pusher');
      if (pusher) pusher.dispatchEvent('statechange', { detail });
      else phone.comp.instance.pusherStateChange({ detail });
    },
    pusherError: (detail) => phone.comp.instance.pusherError({ detail }),
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
  if (!world.clock) await sleep(50);
}

module.exports = {
  COMPONENT, PLAYER_REPORT_MS, REPO, SDK_APP_ID, TAG, attrs, compiledWxss, componentId, createPhone, createWorld,
  destroyAll, dom, instantiated, readyPhones, simulate, sleep, text, waitFor,
};
