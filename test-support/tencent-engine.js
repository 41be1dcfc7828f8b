// Tencent's current mini-program call engine, `@tencentcloud/call-engine-wx` 3.3.2 (the C++
// RoomEngine core as wasm plus a JS wrapper), run UNMODIFIED in node next to our component:
// its chat is the real `@tencentcloud/chat` 3.6.6 over the fake IM backend
// (tests/helpers/fake-tim-backend.js), its TRTC is a fake TRTCCloud on the simulated room
// (./trtc-room.js). Facts: ../shared/reference/current-engine-in-node.md. Nothing in Tencent's
// files is patched; what the engine needs is given to it from outside:
// - `wx` fields it reads (system/model, device permissions, getSystemInfo);
// - its wasm, served to `WXWebAssembly.instantiate('/static/RTCCallEngine.wasm.br')`;
// - `require('@tencentcloud/trtc-component-wx')` answered with a fake TRTCCloud (Module._load);
// - the chat "call package" bits, and the start-up order (ready, createInstance, chat login,
//   purchase bits, engine.login).
// The engine is a singleton per module copy: every `createTencentPhone` loads a fresh copy.
// Its console lines go to one process-wide `engineLog` (run one engine per process to know
// whose they are). Node only (module, fs, zlib); never shipped.
//
// REQUIRE tests/helpers/fake-tim-backend.js FIRST (it installs the `wx` the chat SDK needs).
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const NodeModule = require('module');
const { waitFor } = require('./wait');

const ENGINE_PACKAGE = '@tencentcloud/call-engine-wx';
const ENGINE_VERSION = '3.3.2';
const ENGINE_WASM_PATH = '/static/RTCCallEngine.wasm.br';
const TRTC_MODULE = '@tencentcloud/trtc-component-wx';
/** The chat ability the engine's `call()` checks (2^16, "basic call package"). */
const CALL_ABILITY_BIT = 65536;
/** Room codes of ./trtc-room.js. */
const ROOM = { LOCAL_ENTER: 1018, LOCAL_LEAVE: 1019, REMOTE_ENTER: 1031, REMOTE_LEAVE: 1032, REMOTE_VIDEO: 1033, REMOTE_AUDIO: 1034 };
/** Every event the engine emits (its TUICallEvent values), recorded on each phone. */
const ENGINE_EVENTS = ['onError', 'sdkReady', 'onKickedOffLine', 'onUserSigExpired', 'onCallReceived', 'onInvited',
  'onCallBegin', 'onUserAccept', 'onUserJoin', 'onUserLeave', 'onUserReject', 'onUserNoResponse', 'onUserLineBusy',
  'onCallNotConnected', 'onCallCancelled', 'onCallingCancel', 'onCallEnd', 'onUserVideoAvailable', 'onUserAudioAvailable',
  'onGroupCallInviteeListUpdate', 'onCallMediaTypeChanged', 'onMessageSentByMe', 'onUserInviting'];

let environmentReady = false;
/** The fake TRTC module handed to the engine copy being loaded. */
let trtcForNextLoad = null;
/** Every line the engines of this process printed: `{level, text, at}`. */
const engineLog = [];
/** The engines' own telemetry uploads (answered, so they do not retry or print). */
const reportRequests = [];

function resolveEngine() {
  return require.resolve(ENGINE_PACKAGE);
}

/** The bytes of the engine's own wasm (brotli-decoded), as WeChat serves it from the package. */
function engineWasmBytes() {
  const file = path.join(path.dirname(resolveEngine()), 'RTCCallEngine.wasm.br');
  return zlib.brotliDecompressSync(fs.readFileSync(file));
}

/**
 * A console call of the engine: its wasm core's trace ('[tuikit engine wasm] …') or its
 * wrapper's logger ('%cCallEngine…', 'CallEngine[hh:mm:ss.mmm] <INFO> …', '[hh:mm:ss.mmm]…').
 */
function isEngineCall(args) {
  const first = args[0];
  return typeof first === 'string' &&
    /^(\[tuikit engine wasm\]|%cCallEngine|CallEngine\[\d|\[\d\d:\d\d:\d\d\.\d+\])/.test(first);
}

function textOf(value) {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch (error) {
    return String(value);
  }
}

/**
 * The console of this process: lines the engine prints go to `engineLog`, lines of the chat
 * SDK ('Chat hh:mm:ss …') are dropped; neither is shown unless TUICALLING_ENGINE_LOG=1.
 * Everything else is printed as usual.
 */
function captureConsole() {
  for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    const original = console[level];
    console[level] = (...args) => {
      const chat = typeof args[0] === 'string' && /^(TIM|Chat) \d\d:\d\d:\d\d/.test(args[0]);
      if (!chat && !isEngineCall(args)) return original.apply(console, args);
      const text = args.map(textOf).join(' ');
      if (!chat) engineLog.push({ level, text, at: Date.now() });
      if (process.env.TUICALLING_ENGINE_LOG === '1') original.call(console, text);
      return undefined;
    };
  }
}

/**
 * What the engine needs from its environment, installed once per process: a `window` (its
 * user-agent probe), the `wx` fields it reads, its wasm, and the TRTC module hook.
 */
function prepareEnvironment() {
  if (environmentReady) return;
  if (typeof globalThis.wx === 'undefined') {
    throw new Error('tencent-engine: require tests/helpers/fake-tim-backend.js first (the chat SDK needs its wx)');
  }
  const version = require(`${ENGINE_PACKAGE}/package.json`).version;
  if (version !== ENGINE_VERSION) throw new Error(`tencent-engine: expected ${ENGINE_PACKAGE} ${ENGINE_VERSION}, found ${version}`);
  if (typeof globalThis.window === 'undefined') globalThis.window = { navigator: { userAgent: 'node' } };
  const previousWasm = globalThis.WXWebAssembly;
  let bytes = null;
  globalThis.WXWebAssembly = {
    instantiate(packagePath, imports) {
      if (packagePath === ENGINE_WASM_PATH) {
        if (!bytes) bytes = engineWasmBytes();
        return WebAssembly.instantiate(bytes, imports);
      }
      if (previousWasm) return previousWasm.instantiate(packagePath, imports);
      return Promise.reject(new Error(`no file ${packagePath}`));
    },
  };
  const load = NodeModule._load;
  NodeModule._load = function loadWithFakeTrtc(request, parent, isMain) {
    if (request === TRTC_MODULE && trtcForNextLoad) return trtcForNextLoad;
    return load.call(this, request, parent, isMain);
  };
  captureConsole();
  environmentReady = true;
}

/**
 * The `wx` fields the engine reads, added to the current global `wx` (miniprogram-simulate may
 * have replaced the object since the backend installed it). Idempotent.
 */
function completeWx() {
  const wx = globalThis.wx;
  if (wx.__tencentEngineFields) return;
  const info = wx.getSystemInfoSync;
  wx.getSystemInfoSync = () => Object.assign({ system: 'Android 13', model: 'NodeSim' }, info());
  const later = (o, name, value) => setTimeout(() => o && typeof o[name] === 'function' && o[name](value), 0);
  wx.getSystemInfo = (o) => later(o, 'success', wx.getSystemInfoSync());
  wx.getSetting = (o) => later(o, 'success', { authSetting: { 'scope.record': true, 'scope.camera': true } });
  wx.authorize = (o) => later(o, 'success', { errMsg: 'authorize:ok' });
  wx.getAppAuthorizeSetting = () => ({ microphoneAuthorized: 'authorized', cameraAuthorized: 'authorized' });
  const request = wx.request;
  wx.request = (o) => {
    if (!o || !/imopenstat\/tweb_trtccalling_report/.test(String(o.url))) return request(o);
    reportRequests.push(o.url);
    return later(o, 'success', { statusCode: 200, data: {}, errMsg: 'request:ok' });
  };
  if (typeof wx.showModal !== 'function') wx.showModal = () => {};
  wx.__tencentEngineFields = true;
}

/**
 * A fake TRTCCloud pair (main + sub cloud) for one engine: every method resolves and is
 * recorded; `enterRoom`/`exitRoom` and the local audio/video calls act on the simulated room,
 * whose pusher codes come back as TRTCCloud callbacks (1031 → onRemoteUserEnterRoom, 1032 →
 * onRemoteUserLeaveRoom, 1033 → onUserVideoAvailable, 1034 → onUserAudioAvailable).
 */
function createFakeTrtc(phone, rooms) {
  const calls = phone.trtcCalls;
  const media = { video: false, audio: false };
  let roomUser = '';
  const listeners = new Map();
  let roomCloud = null;

  function emit(name, ...args) {
    for (const fn of (listeners.get(name) || []).slice()) fn(...args);
  }

  function publish(change) {
    Object.assign(media, change);
    if (roomUser) rooms.setMedia(roomUser, change);
  }

  function onRoomEvent(detail) {
    const list = () => {
      try { return JSON.parse(detail.message).userlist || []; } catch (e) { return []; }
    };
    switch (detail.code) {
      case ROOM.LOCAL_ENTER: emit('onEnterRoom', 100); break;
      case ROOM.LOCAL_LEAVE: emit('onExitRoom', 0); break;
      case ROOM.REMOTE_ENTER: list().forEach((u) => emit('onRemoteUserEnterRoom', u.userid)); break;
      case ROOM.REMOTE_LEAVE: list().forEach((u) => emit('onRemoteUserLeaveRoom', u.userid, 0)); break;
      case ROOM.REMOTE_VIDEO: list().forEach((u) => emit('onUserVideoAvailable', u.userid, u.hasvideo ? 1 : 0)); break;
      case ROOM.REMOTE_AUDIO: list().forEach((u) => emit('onUserAudioAvailable', u.userid, u.hasaudio ? 1 : 0)); break;
      default:
        if (detail.code < 0) emit('onError', detail.code, detail.message);
    }
  }

  const actions = {
    enterRoom(params) {
      const p = Object.assign({}, params);
      roomUser = String(p.userId || phone.userID);
      const room = p.strRoomId ? `strroomid=${encodeURIComponent(p.strRoomId)}` : `roomid=${p.roomId}`;
      const url = `room://cloud.tencent.com/rtc?sdkappid=${p.sdkAppId || phone.sdkAppID}&${room}` +
        `&userid=${encodeURIComponent(roomUser)}&usersig=${encodeURIComponent(p.userSig || 'sig')}`;
      rooms.attach(roomUser, { pusherStateChange: onRoomEvent, pusherError: (d) => emit('onError', d.errCode, d.errMsg) });
      rooms.enter(roomUser, url, { video: media.video, audio: media.audio });
    },
    exitRoom() {
      if (roomUser && rooms.roomOf(roomUser) !== null) rooms.leave(roomUser);
      else setTimeout(() => emit('onExitRoom', 0), 0);
    },
    startLocalAudio() {
      publish({ audio: true });
      setTimeout(() => emit('onMicDidReady'), 0);
    },
    stopLocalAudio() { publish({ audio: false }); },
    muteLocalAudio(mute) { publish({ audio: !mute }); },
    startLocalPreview() {
      publish({ video: true });
      setTimeout(() => emit('onCameraDidReady'), 0);
    },
    stopLocalPreview() { publish({ video: false }); },
    muteLocalVideo(streamType, mute) { publish({ video: !(typeof streamType === 'boolean' ? streamType : mute) }); },
  };

  function cloud(name) {
    const own = {
      on(event, fn) {
        if (!listeners.has(event)) listeners.set(event, []);
        listeners.get(event).push(fn);
      },
      off(event, fn) {
        listeners.set(event, (listeners.get(event) || []).filter((f) => f !== fn));
      },
      removeAllListeners(event) { listeners.delete(event); },
      getSDKVersion: () => '1.0.9',
      createSubCloud() { roomCloud = roomCloud || cloud('sub'); return roomCloud; },
      destroy() { calls.push({ cloud: name, method: 'destroy', args: [] }); },
    };
    return new Proxy(own, {
      get(target, key) {
        if (key in target) return target[key];
        if (typeof key !== 'string' || key === 'then') return undefined;
        return (...args) => {
          calls.push({ cloud: name, method: key, args });
          if (actions[key]) actions[key](...args);
          return Promise.resolve();
        };
      },
    });
  }
  const main = cloud('main');
  return { module: { getTRTCShareInstance: () => main, default: { getTRTCShareInstance: () => main } }, media };
}

/** A fresh copy of the engine module (its singletons are per copy), given this fake TRTC. */
function loadEngineCopy(fakeTrtcModule) {
  const file = resolveEngine();
  delete require.cache[file];
  trtcForNextLoad = fakeTrtcModule;
  try {
    return require(file);
  } finally {
    trtcForNextLoad = null;
    delete require.cache[file];
  }
}

/**
 * The fake backend answers the chat SDK's purchase-bits query with every ability bought
 * (64 '1's), so the engine's "basic call package" check passes. Idempotent.
 */
function grantCallPackage(backend) {
  backend.handlers['im_sdk_config_mgr.fetch_imsdk_purchase_bitsv2'] = () => ({
    ErrorCode: 0, ErrorInfo: '', ActionStatus: 'OK', int32_error_code: 0, str_error_message: '',
    str_purchase_bits: '1'.repeat(64), uint32_expired_time: backend.now() + 86400,
  });
}

/**
 * A logged-in Tencent engine: `{userID, sdkAppID, engine, chat, exports, events, trtcCalls,
 * media, on(name), last(name), destroy()}`. Options: `userID`, `sdkAppID` (its own: chat 3.x
 * keeps one instance per SDKAppID), `rooms` (a ./trtc-room.js service), `Chat` (the
 * @tencentcloud/chat module), `backend` (the fake backend module). `events` records every
 * engine event `{name, data, at}` (data as plain JSON); `trtcCalls` every TRTCCloud call
 * `{cloud, method, args}`; `media` what it publishes `{video, audio}`; `exports` its module
 * copy (TUICallEngine, TUICallEvent, …). Its console lines are in `engineLog`.
 */
async function createTencentPhone(options) {
  const { userID, sdkAppID, rooms, Chat, backend } = options;
  prepareEnvironment();
  completeWx();
  grantCallPackage(backend);
  const phone = {
    userID, sdkAppID, engine: null, chat: null, exports: null, events: [], trtcCalls: [], media: null,
    /** The recorded events called `name` (their data). */
    on: (name) => phone.events.filter((e) => e.name === name).map((e) => e.data),
    /** The data of the last recorded event called `name`. */
    last: (name) => {
      const list = phone.on(name);
      return list[list.length - 1];
    },
  };
  const trtc = createFakeTrtc(phone, rooms);
  phone.media = trtc.media;
  phone.exports = loadEngineCopy(trtc.module);
  const { TUICallEngine } = phone.exports;
  await new Promise((resolve) => TUICallEngine.once('ready', resolve));
  const chat = Chat.create({ SDKAppID: sdkAppID });
  chat.setLogLevel(4);
  phone.chat = chat;
  const engine = TUICallEngine.createInstance({ SDKAppID: sdkAppID, tim: chat });
  phone.engine = engine;
  for (const name of ENGINE_EVENTS) {
    engine.on(name, (data) => phone.events.push({ name, data: data === undefined ? null : JSON.parse(JSON.stringify(data)), at: Date.now() }));
  }
  let ready = false;
  chat.on(Chat.EVENT.SDK_READY, () => { ready = true; });
  await chat.login({ userID, userSig: `sig-${userID}` });
  await waitFor(() => ready, `${userID}: chat SDK_READY`);
  let bought = false;
  await waitFor(() => {
    Promise.resolve(chat.callExperimentalAPI('isCommercialAbilityEnabled', CALL_ABILITY_BIT))
      .then((r) => { bought = Boolean(r && r.data && r.data.enabled); }, () => {});
    return bought;
  }, `${userID}: the call package bit`);
  await engine.login({ userID, userSig: `sig-${userID}` });
  phone.destroy = async () => {
    try { await engine.destroyInstance(); } catch (e) { /* already gone */ }
    try { await chat.logout(); } catch (e) { /* already logged out */ }
    try { await chat.destroy(); } catch (e) { /* already destroyed */ }
  };
  return phone;
}

module.exports = {
  CALL_ABILITY_BIT, ENGINE_EVENTS, ENGINE_PACKAGE, ENGINE_VERSION, createTencentPhone, engineWasmBytes,
  engineLog, grantCallPackage, prepareEnvironment, reportRequests, waitFor,
};
