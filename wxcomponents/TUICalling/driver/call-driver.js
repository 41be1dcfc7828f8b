// CallDriver: one call engine per component instance, wired to the IM adapter, the timer, the
// pusher/player binder and the event emitter. Every input is followed by a full drain: sends
// go to the adapter, events to the emitter, view changes to the binder, and the timer is
// re-armed from the engine's next deadline. Shipped to WeChat: CommonJS, ES2016, no globals
// (an app-provided `wx.$TIM` is read, never written).
'use strict';

var imAdapter = require('./im-adapter.js');
var timerModule = require('./timer.js');
var binderModule = require('./binder.js');
var events = require('./events.js');

var EVENT = events.EVENT;

function noop() {}

/** A JSON round trip: objects from the wasm realm become plain data. */
function plain(value) {
  return value === undefined || value === null ? value : JSON.parse(JSON.stringify(value));
}

/** Copies the keys of `source` that are not undefined. */
function defined(source, keys) {
  var out = {};
  keys.forEach(function (key) {
    if (source && source[key] !== undefined && source[key] !== null) out[key] = source[key];
  });
  return out;
}

function hostScheduler() {
  return {
    setTimeout: function (fn, ms) { return setTimeout(fn, ms); },
    clearTimeout: function (handle) { clearTimeout(handle); },
  };
}

/**
 * Creates the driver. Options:
 * - `api`: the loaded wasm API (`init()`'s result, with `Engine` and `decodeSignal`);
 * - `config`: `{sdkAppID, userID, userSig, type?, timeout?, privateMapKey?, leaveGraceMs?}`;
 * - `tim`, `TIM`: the app's TIM/chat instance and its namespace (`EVENT`, `TYPES`); without
 *   `tim`, `config.tim`, then `wx.$TIM` is used; without any, pass `SDK` (the tim-wx-sdk or
 *   @tencentcloud/chat module, with `create`) and call `login()`;
 * - `wx`: the `wx` object (contexts; `$TIM`); `component`: the component instance (setData,
 *   player contexts); `setData(patch, cb)` overrides `component.setData`;
 * - `now()`, `schedule {setTimeout, clearTimeout}`: clock and timers (ms; tests inject virtual
 *   ones); `seed`: engine randomness (room and invite ids);
 * - `adapter`: extra ImAdapter options (`fetchWindowMs`, `sendTimeoutMs`, `loginTimeoutMs`, …);
 * - `maxTimerDelayMs`: the timer's longest single wait;
 * - `onLog(level, text)`: diagnostics (also gets the engine's `ignored` events).
 * Throws the engine's `EngineError` (INVALID_CONFIG, INVALID_ARGUMENT) for a bad config.
 */
function CallDriver(options) {
  var opts = options || {};
  var config = opts.config || {};
  if (!opts.api || typeof opts.api.Engine !== 'function') throw new TypeError('CallDriver needs the loaded wasm API (api.Engine)');
  var self = this;
  this.api = opts.api;
  this.wx = opts.wx || null;
  this.userID = config.userID;
  this._userSig = config.userSig;
  this._front = true;
  this._clockFn = opts.now || function () { return Date.now(); };
  this._schedule = opts.schedule || hostScheduler();
  this._log = opts.onLog || noop;
  this._destroyed = false;
  this._pumping = false;
  this._again = false;
  this._queue = [];
  this._flushing = false;
  this._view = plain(null);
  this._currentInvite = null;
  this._inviteIDs = {};
  this._callInviteID = '';
  this._stats = { volume: {}, network: {} };

  var seed = typeof opts.seed === 'number' && isFinite(opts.seed) ? Math.abs(Math.floor(opts.seed)) : Math.floor(Math.random() * 4294967296);
  var engineConfig = defined(config, ['sdkAppID', 'userID', 'userSig', 'type', 'timeout', 'privateMapKey', 'leaveGraceMs']);
  this.engine = new this.api.Engine(engineConfig, this._now(), seed);
  this._view = plain(this.engine.view());

  this.events = new events.Emitter(function (error, name) {
    self._log('error', 'listener of ' + name + ' threw: ' + ((error && error.stack) || error));
  });

  var tim = opts.tim || config.tim || (this.wx && this.wx.$TIM) || null;
  var owned = false;
  if (!tim && opts.SDK && typeof opts.SDK.create === 'function') {
    tim = opts.SDK.create({ SDKAppID: config.sdkAppID });
    owned = true;
  }
  this._followsWxTim = !opts.tim && !config.tim && !owned;
  var adapterOptions = Object.assign({}, opts.adapter || {}, {
    tim: tim,
    TIM: opts.TIM || (owned ? opts.SDK : null) || null,
    owned: owned,
    userID: config.userID,
    now: function () { return self._now(); },
    schedule: this._schedule,
    onMessage: function (m) { self._onMessage(m); },
    onSendResult: function (id, code, message) { self._safeInput('sendResult', [id, code, message]); },
    onReady: function () { self._enqueue(EVENT.SDK_READY, { message: 'SDK ready' }); self._flush(); },
    onNotReady: noop,
    onKickedOut: function (type) { self._onKickedOut(type); },
    onNetState: noop,
    onLog: this._log,
  });
  this.adapter = new imAdapter.ImAdapter(adapterOptions);

  this.timer = new timerModule.EngineTimer({
    now: function () { return self._now(); },
    schedule: this._schedule,
    maxDelayMs: opts.maxTimerDelayMs,
    fire: function () { self._safeInput('timeout', []); },
  });

  this.binder = new binderModule.Binder({
    wx: this.wx,
    component: opts.component || null,
    setData: opts.setData || null,
    userID: config.userID,
    schedule: this._schedule,
    feed: function (method, args) { self._safeInput(method, args); },
    onStats: function (kind, userID, value) { self._onStats(kind, userID, value); },
    onLog: this._log,
  });
  /** Event handlers for the template's <live-pusher>/<live-player> bindings. */
  this.handlers = this.binder.handlers;

  this.adapter.attach();
}

/** The clock as the engine wants it: a non-negative integer of ms. */
CallDriver.prototype._now = function () {
  var t = Math.floor(Number(this._clockFn()));
  return isFinite(t) && t > 0 ? t : 0;
};

// ---- inputs --------------------------------------------------------------------------------

/** Runs `engine[method](...args, now)` and drains. Throws what the engine throws. */
CallDriver.prototype._input = function (method, args) {
  if (this._destroyed) throw this._destroyedError();
  this._checkInstance();
  var engine = this.engine;
  engine[method].apply(engine, args.concat([this._now()]));
  this._pump();
};

/** `_input` for inputs that come from the SDK or the platform: failures become ERROR events. */
CallDriver.prototype._safeInput = function (method, args) {
  if (this._destroyed) return;
  try {
    this._input(method, args);
  } catch (error) {
    this._log('error', method + ' failed: ' + ((error && error.message) || error));
    this._enqueue(EVENT.ERROR, { code: (error && error.code) || 'INPUT_FAILED', message: (error && error.message) || String(error) });
    this._flush();
  }
};

CallDriver.prototype._destroyedError = function () {
  var error = new Error('the CallDriver was destroyed');
  error.name = 'EngineError';
  error.code = 'DESTROYED';
  return error;
};

/** The app swapped `wx.$TIM` (re-created its instance): follow it. */
CallDriver.prototype._checkInstance = function () {
  if (!this._followsWxTim || !this.wx) return;
  var current = this.wx.$TIM;
  if (current && current !== this.adapter.tim) this.adapter.setInstance(current, null, false);
};

CallDriver.prototype._onMessage = function (m) {
  this._currentInvite = m.data;
  try {
    this._safeInput('receive', [m.from, m.conversationType, m.groupID, m.elemType, m.data, m.timeMs, m.serverNowMs]);
  } finally {
    this._currentInvite = null;
  }
};

CallDriver.prototype._onKickedOut = function (type) {
  this._safeInput('kickedOut', []);
  this._enqueue(EVENT.KICKED_OUT, { message: 'kicked out', type: type || '' });
  this._flush();
};

CallDriver.prototype._onStats = function (kind, userID, value) {
  if (this._destroyed) return;
  if (kind === 'volume') {
    this._stats.volume[userID] = value;
    var volume = events.volumeEvent(userID, value);
    this._enqueue(volume.name, volume.data);
  } else if (kind === 'network') {
    if (this._stats.network[userID] === value) return;
    this._stats.network[userID] = value;
    var event = events.networkEvent(userID, value);
    this._enqueue(event.name, event.data);
    this._enqueue(EVENT.USER_UPDATE, this._userUpdate());
  }
  this._flush();
};

// ---- the drain loop ------------------------------------------------------------------------

/** Drains until quiet (inputs that arrive meanwhile, e.g. from a synchronous context callback, are drained too), re-arms the timer, then emits. */
CallDriver.prototype._pump = function () {
  if (this._pumping) {
    this._again = true;
    return;
  }
  this._pumping = true;
  try {
    do {
      this._again = false;
      this._pumpOnce();
    } while (this._again && !this._destroyed);
  } finally {
    this._pumping = false;
  }
  if (!this._destroyed) this.timer.arm(this.engine.nextTimeout());
  this._flush();
};

CallDriver.prototype._pumpOnce = function () {
  if (this._destroyed) return;
  var outputs = plain(this.engine.drain()) || [];
  var before = this._view;
  var after = plain(this.engine.view());
  this._view = after;
  var self = this;
  var sends = [];
  var engineEvents = [];
  outputs.forEach(function (output) {
    if (output.kind === 'send') sends.push(output);
    else if (output.kind === 'event') engineEvents.push(output);
  });
  sends.forEach(function (send) { self._noteSend(send); });
  var renderedBefore = this.binder.rendered();
  var playersBefore = renderedBefore.playerList;
  var pusherBefore = renderedBefore.pusher;
  this.binder.sync(after);
  var rendered = this.binder.rendered();
  var invite = null;
  engineEvents.forEach(function (event) {
    if (event.name === 'ignored') {
      self._log('info', 'ignored ' + event.code + ': ' + event.message);
      return;
    }
    if (event.name === 'invited') invite = self._decodeInvite();
    var mapped = events.mapEngineEvent(event, {
      selfID: self.userID,
      before: before,
      after: after,
      playerList: rendered.playerList,
      pusher: rendered.pusher,
      invite: invite,
      inviteID: function (user) { return self._inviteIDs[user] || self._callInviteID; },
    });
    mapped.forEach(function (item) { self._enqueue(item.name, item.data); });
    if (event.name === 'callEnded') {
      self._inviteIDs = {};
      self._callInviteID = '';
      self._stats = { volume: {}, network: {} };
      self._front = true;
    }
  });
  events.availabilityEvents(playersBefore, rendered.playerList).forEach(function (item) {
    self._enqueue(item.name, item.data);
  });
  if (JSON.stringify(playersBefore) !== JSON.stringify(rendered.playerList) ||
      JSON.stringify(pusherBefore) !== JSON.stringify(rendered.pusher)) {
    this._enqueue(EVENT.USER_UPDATE, this._userUpdate());
  }
  // Sends last: a send failure is reported asynchronously, after these events.
  sends.forEach(function (send) { self.adapter.send(send); });
};

/** USER_UPDATE's payload: `{pusher, playerList}` with volumes and network levels merged. */
CallDriver.prototype._userUpdate = function () {
  var rendered = this.binder.rendered();
  var stats = this._stats;
  var pusher = Object.assign({}, rendered.pusher);
  if (stats.volume[this.userID] !== undefined) pusher.volume = stats.volume[this.userID];
  if (stats.network[this.userID] !== undefined) pusher.netQualityLevel = stats.network[this.userID];
  return {
    pusher: pusher,
    playerList: rendered.playerList.map(function (player) {
      var entry = Object.assign({}, player);
      if (stats.volume[player.userID] !== undefined) entry.volume = stats.volume[player.userID];
      if (stats.network[player.userID] !== undefined) entry.netStatus = { netQualityLevel: stats.network[player.userID] };
      return entry;
    }),
  };
};

/** Records the invite ids of our invitations (for REJECT/NO_RESP payloads). */
CallDriver.prototype._noteSend = function (send) {
  if (!send.offlinePushInfo) return;
  var signal = this._decode(send.data);
  if (!signal || signal.action !== 'invite') return;
  if (!this._callInviteID) this._callInviteID = signal.inviteID;
  var ids = this._inviteIDs;
  (signal.invitees || []).forEach(function (user) { ids[user] = signal.inviteID; });
};

/** The invitation being received, decoded (null when it cannot be). */
CallDriver.prototype._decodeInvite = function () {
  var signal = this._currentInvite ? this._decode(this._currentInvite) : null;
  if (signal && signal.inviteID) {
    this._callInviteID = signal.inviteID;
    this._inviteIDs[signal.inviter] = signal.inviteID;
  }
  return signal;
};

CallDriver.prototype._decode = function (data) {
  if (typeof this.api.decodeSignal !== 'function') return null;
  try {
    return plain(this.api.decodeSignal(data));
  } catch (error) {
    return null;
  }
};

CallDriver.prototype._enqueue = function (name, data) {
  this._queue.push({ name: name, data: data });
};

/** Emits queued events in order; listeners may call the driver (their events queue behind). */
CallDriver.prototype._flush = function () {
  if (this._flushing) return;
  this._flushing = true;
  try {
    while (this._queue.length) {
      var item = this._queue.shift();
      this.events.emit(item.name, item.data);
    }
  } finally {
    this._flushing = false;
  }
};

// ---- commands ------------------------------------------------------------------------------
// Each runs at once and throws the engine's EngineError when refused (BUSY, NO_CALL, …).

var CALL_KEYS = ['type', 'roomID', 'timeout', 'offlinePushInfo'];

/** 1v1 call: `{userID, type?, roomID?, timeout?, offlinePushInfo?}`. */
CallDriver.prototype.call = function (params) {
  var p = params || {};
  this._input('call', [Object.assign({ userIDList: [p.userID] }, defined(p, CALL_KEYS))]);
};

/** Group call: `{userIDList, type?, groupID?, roomID?, timeout?, offlinePushInfo?}`. */
CallDriver.prototype.groupCall = function (params) {
  var p = params || {};
  this._input('call', [Object.assign({ userIDList: p.userIDList || [] }, defined(p, CALL_KEYS.concat(['groupID'])))]);
};

/** TUICallKit's `calls({userIDList, type, chatGroupID?, roomID?, timeout?, offlinePushInfo?})`. */
CallDriver.prototype.calls = function (params) {
  var p = params || {};
  var request = Object.assign({ userIDList: p.userIDList || [] }, defined(p, CALL_KEYS));
  if (p.chatGroupID || p.groupID) request.groupID = p.chatGroupID || p.groupID;
  this._input('call', [request]);
};

/** Accepts the ringing call. */
CallDriver.prototype.accept = function () { this._input('accept', []); };

/** Rejects the ringing call. */
CallDriver.prototype.reject = function () { this._input('reject', []); };

/** Cancels (dialing), rejects (ringing) or hangs up (connected). */
CallDriver.prototype.hangup = function () { this._input('hangup', []); };

/** Invites more users: an array, or `{userIDList}`. */
CallDriver.prototype.inviteUser = function (users) {
  var list = Array.isArray(users) ? users : (users && users.userIDList) || [];
  this._input('inviteUser', [list]);
};

/** Joins a group call in progress: `{roomID, groupID?, type}`. */
CallDriver.prototype.join = function (params) {
  this._input('join', [defined(params || {}, ['roomID', 'groupID', 'type'])]);
};

/** Switches the connected 1v1 call to `type` (1 audio, 2 video). */
CallDriver.prototype.switchCallMediaType = function (type) { this._input('switchMedia', [type]); };

/** Switches the connected 1v1 call to audio. */
CallDriver.prototype.switchToAudio = function () { this.switchCallMediaType(1); };

/** Switches the connected 1v1 call to video. */
CallDriver.prototype.switchToVideo = function () { this.switchCallMediaType(2); };

/** Microphone on/off. */
CallDriver.prototype.setMicrophone = function (on) { this._input('setMicrophone', [!!on]); };

/** Microphone on. */
CallDriver.prototype.openMicrophone = function () { this.setMicrophone(true); };

/** Microphone off. */
CallDriver.prototype.closeMicrophone = function () { this.setMicrophone(false); };

/** Camera on/off. */
CallDriver.prototype.setCamera = function (on) { this._input('setCamera', [!!on]); };

/** Camera on. */
CallDriver.prototype.openCamera = function () { this.setCamera(true); };

/** Camera off. */
CallDriver.prototype.closeCamera = function () { this.setCamera(false); };

/** Front (true) or back camera. */
CallDriver.prototype.setFrontCamera = function (front) {
  this._front = !!front;
  this._input('setFrontCamera', [!!front]);
};

/** Flips between the front and back camera. */
CallDriver.prototype.switchCamera = function () {
  var pusher = this._view && this._view.pusher;
  var front = pusher ? pusher.devicePosition === 'front' : this._front !== false;
  this.setFrontCamera(!front);
};

/** Speaker (true) or earpiece. */
CallDriver.prototype.setSpeaker = function (on) { this._input('setSpeaker', [!!on]); };

/** TUICallKit's `selectAudioPlaybackDevice('speaker'|'ear')`. */
CallDriver.prototype.selectAudioPlaybackDevice = function (device) { this.setSpeaker(device !== 'ear'); };

// ---- lifecycle and state -------------------------------------------------------------------

/** Listens to an event (either vocabulary; see EVENT). Listeners get `{eventCode, data}`. */
CallDriver.prototype.on = function (name, fn, context) {
  this.events.on(name, fn, context);
  return this;
};

/** Stops listening (`off(name)` removes every listener of `name`). */
CallDriver.prototype.off = function (name, fn) {
  this.events.off(name, fn);
  return this;
};

/** The engine's view (plain object). */
CallDriver.prototype.view = function () {
  return this._view;
};

/** What the page has been given (setData-ready; see binder.render). */
CallDriver.prototype.rendered = function () {
  return this.binder.rendered();
};

/** Call from the page's onShow: a deadline that passed while suspended is handled now. */
CallDriver.prototype.wake = function () {
  if (!this._destroyed) this.timer.wake();
};

/**
 * The app logged in its own instance: pass `tim.login(...)`'s result (2.x learns the server
 * clock from it) — re-subscribes and fetches invitations that arrived while logged out.
 */
CallDriver.prototype.noteLogin = function (result) {
  if (this._destroyed) return;
  this._checkInstance();
  this.adapter.noteLogin(result);
};

/**
 * Logs the IM instance in with `config.userID/userSig` (for a driver that created its own
 * instance from `SDK`), with our own timeout. Resolves the SDK result, rejects `{code, message}`.
 */
CallDriver.prototype.login = function () {
  if (this._destroyed) return Promise.reject({ code: imAdapter.CODES.NOT_LOGGED_IN, message: 'destroyed' });
  return this.adapter.login(this.userID, this._userSig);
};

/**
 * Ends any call (its notices are still sent), unsubscribes from the IM instance (logging out
 * only an instance the driver created), stops the contexts, frees the engine. Resolves when the
 * IM side is released.
 */
CallDriver.prototype.destroy = function () {
  if (this._destroyed) return Promise.resolve();
  if (this._view && this._view.status !== 'idle') {
    try {
      this._input('hangup', []);
    } catch (error) {
      this._log('warn', 'hangup on destroy failed: ' + (error && error.message));
    }
  }
  this._destroyed = true;
  this.timer.cancel();
  this.binder.destroy();
  var released = this.adapter.release();
  this.events.off();
  this._queue = [];
  try {
    this.engine.free();
  } catch (error) {
    // already freed
  }
  return released;
};

module.exports = { CallDriver: CallDriver, EVENT: EVENT };
