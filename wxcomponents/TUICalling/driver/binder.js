// The pusher/player binder: the engine's view as setData-ready objects, the <live-pusher> and
// <live-player> events into the engine, and the LivePusherContext / LivePlayerContext calls
// the view changes ask for. Shipped to WeChat: CommonJS, ES2016, no globals.
//
// Context rules (platform.md §D): one pusher per page, `wx.createLivePusherContext()`; a
// player context is `wx.createLivePlayerContext(id, componentThis)`. The pusher is started in
// the setData callback that rendered its url, and on exit it is stopped first and its url
// cleared only once stop completed (Android back-button case). A camera flip while pushing is
// done with `switchCamera()` only; the rendered `devicePosition` stays as it was when the push
// started, so the flip is never applied twice (original defect #24).
'use strict';

/** Top-level keys of the rendered object, in order. */
var RENDER_KEYS = ['status', 'role', 'type', 'isGroup', 'groupID', 'inviter', 'roomID', 'pusher',
  'playerList', 'remoteUsers', 'soundMode', 'startedAt'];

function noop() {}

/** `e.detail` of a mini-program event (or the value itself when it is already a detail). */
function detailOf(event) {
  if (event && typeof event === 'object' && event.detail && typeof event.detail === 'object') return event.detail;
  return event && typeof event === 'object' ? event : {};
}

/** An i32 from an event field, or null when it is not a finite number. */
function toInt(value) {
  var n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !isFinite(n)) return null;
  return n | 0;
}

/** A statechange `message` as the engine wants it: a string (JSON text for room codes). */
function messageText(value) {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  try {
    return JSON.stringify(value) || '';
  } catch (error) {
    return '';
  }
}

/** The player id of a <live-player> event: `data-streamid`, else the element id. */
function playerIdOf(event) {
  var targets = [event && event.currentTarget, event && event.target];
  for (var i = 0; i < targets.length; i++) {
    var target = targets[i];
    if (!target) continue;
    if (target.dataset && typeof target.dataset.streamid === 'string' && target.dataset.streamid) return target.dataset.streamid;
    if (typeof target.id === 'string' && target.id) return target.id;
  }
  var detail = detailOf(event);
  return typeof detail.playerID === 'string' ? detail.playerID : '';
}

/** The user of a player id `<userID>_<main|aux>`. */
function userOfPlayer(id) {
  var cut = id.lastIndexOf('_');
  return cut > 0 ? id.slice(0, cut) : id;
}

/** `netQualityLevel` from a netstatus detail (0 when absent). */
function qualityOf(detail) {
  var info = detail && detail.info ? detail.info : detail;
  var level = toInt(info && info.netQualityLevel);
  return level === null ? 0 : Math.max(0, Math.min(255, level));
}

/** A deep copy of plain data (views from the wasm realm become plain objects). */
function plain(value) {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The setData-ready object for an engine view (pure):
 * `{status, role, type, isGroup, groupID, inviter, roomID, pusher, playerList, remoteUsers,
 *   soundMode, startedAt}`. `pusher` is `{}` when there is none (the original's reset value);
 * each player gets `soundMode` ('speaker' or 'ear') and `streamID`.
 */
function render(view) {
  var v = view || {};
  var soundMode = v.speaker === false ? 'ear' : 'speaker';
  return {
    status: v.status || 'idle',
    role: v.role || '',
    type: v.type || 0,
    isGroup: !!v.isGroup,
    groupID: v.groupID || '',
    inviter: v.inviter || '',
    roomID: v.roomID || 0,
    pusher: v.pusher ? plain(v.pusher) : {},
    playerList: (v.players || []).map(function (p) {
      return {
        id: p.id, streamID: p.id, userID: p.userID, streamType: p.streamType, src: p.src,
        muteVideo: p.muteVideo, muteAudio: p.muteAudio, objectFit: p.objectFit, soundMode: soundMode,
      };
    }),
    remoteUsers: (v.remoteUsers || []).map(function (u) { return { userID: u.userID, state: u.state }; }),
    soundMode: soundMode,
    startedAt: v.startedAt || 0,
  };
}

/**
 * The binder. Options:
 * - `wx`: provides `createLivePusherContext()` and `createLivePlayerContext(id, component)`;
 * - `component`: the component instance (`this`), for player contexts and `setData`;
 * - `setData(patch, callback)`: applies a patch (default `component.setData`, else just calls
 *   back);
 * - `feed(method, args)`: runs an engine input (the driver appends `now` and drains);
 * - `userID`: the local user (for local volume and network reports);
 * - `onStats(kind, userID, value)`: 'volume' (0-100) and 'network' (netQualityLevel) reports;
 * - `schedule {setTimeout}` and `stopTimeoutMs` (3000): a pusher stop() whose completion never
 *   comes counts as done after that long;
 * - `onLog(level, text)`.
 */
function Binder(options) {
  var opts = options || {};
  this._wx = opts.wx || null;
  this._component = opts.component || null;
  var component = this._component;
  this._setData = opts.setData || (component && typeof component.setData === 'function'
    ? function (patch, callback) { component.setData(patch, callback); }
    : function (patch, callback) { if (callback) callback(); });
  this._feed = opts.feed || noop;
  this._userID = opts.userID || '';
  this._onStats = opts.onStats || noop;
  this._log = opts.onLog || noop;
  this._schedule = opts.schedule || null;
  this._stopTimeoutMs = opts.stopTimeoutMs > 0 ? opts.stopTimeoutMs : 3000;
  this._rendered = render(null);
  // The pusher: 'idle' (nothing pushing), 'pushing' (started for _pushingUrl) or 'stopping'
  // (stop() called, waiting for its completion before the url is cleared).
  this._phase = 'idle';
  this._wantPusher = {};
  this._pushingUrl = '';
  this._pinnedPosition = '';
  this._lastPosition = '';
  this._pusherContext = null;
  this._players = {};
  this._destroyed = false;
  this.handlers = this._makeHandlers();
}

/** What the page has been given (the last rendered object, with the pusher as shown). */
Binder.prototype.rendered = function () {
  return this._rendered;
};

/**
 * Brings the page and the contexts in line with `view`. Returns the setData patch applied now
 * (only the changed top-level keys), or null when nothing changed. A pusher being stopped is
 * cleared (and a new one started) by a later setData, once stop() completed.
 */
Binder.prototype.sync = function (view) {
  if (this._destroyed) return null;
  var self = this;
  var next = render(view);
  var previous = this._rendered;
  this._wantPusher = next.pusher;

  // Players that went away stop now; new ones get a context once rendered.
  var nextIds = {};
  next.playerList.forEach(function (p) { nextIds[p.id] = true; });
  Object.keys(this._players).forEach(function (id) {
    if (!nextIds[id]) {
      self._call(self._players[id], 'stop', {});
      delete self._players[id];
    }
  });
  var newPlayers = next.playerList
    .filter(function (p) { return !self._players[p.id]; })
    .map(function (p) { return p.id; });

  var pusherStep = this._pusherStep();
  next.pusher = pusherStep.page;
  var patch = {};
  var changed = false;
  RENDER_KEYS.forEach(function (key) {
    if (!same(previous[key], next[key])) {
      patch[key] = next[key];
      changed = true;
    }
  });
  this._rendered = next;
  var afterRender = function () {
    newPlayers.forEach(function (id) { self._openPlayer(id); });
    if (pusherStep.start) self._startPusher();
  };
  if (changed) this._setData(patch, afterRender);
  else afterRender();
  if (pusherStep.stop) this._stopPusher();
  return changed ? patch : null;
};

/**
 * Decides the pusher for this sync: `{page, start, stop}` — what the page shows, whether to
 * start() once it is rendered, whether to stop() the running push.
 */
Binder.prototype._pusherStep = function () {
  var want = this._wantPusher;
  var wantUrl = want.url || '';
  var page = this._rendered.pusher;
  if (this._phase === 'stopping') return { page: page, start: false, stop: false };
  if (this._phase === 'idle') {
    if (!wantUrl) return { page: {}, start: false, stop: false };
    this._phase = 'pushing';
    this._pushingUrl = wantUrl;
    this._pinnedPosition = want.devicePosition || 'front';
    this._lastPosition = this._pinnedPosition;
    return { page: plain(want), start: true, stop: false };
  }
  if (wantUrl !== this._pushingUrl) {
    this._phase = 'stopping';
    return { page: page, start: false, stop: true };
  }
  var shown = plain(want);
  if (shown.devicePosition !== this._lastPosition) {
    this._call(this._pusherContext, 'switchCamera', {});
    this._lastPosition = shown.devicePosition;
  }
  shown.devicePosition = this._pinnedPosition;
  if (page.enableMic !== shown.enableMic) {
    this._call(this._pusherContext, 'setMICVolume', { volume: shown.enableMic ? 1 : 0 });
  }
  return { page: shown, start: false, stop: false };
};

/**
 * Starts the pusher (its url is rendered). The context is taken afresh for each push: the
 * template may re-create the <live-pusher> element between calls.
 */
Binder.prototype._startPusher = function () {
  if (this._destroyed || this._phase !== 'pushing') return;
  this._pusherContext = this._create('createLivePusherContext', [this._component]);
  this._call(this._pusherContext, 'start', {});
};

/** Stops the pusher; once stopped, clears its url and renders whatever is wanted by then. */
Binder.prototype._stopPusher = function () {
  var self = this;
  var done = false;
  var finish = function () {
    if (done || self._destroyed) return;
    done = true;
    self._phase = 'idle';
    self._pushingUrl = '';
    self._pusherContext = null;
    self._rendered = Object.assign({}, self._rendered, { pusher: {} });
    self._setData({ pusher: {} });
    var step = self._pusherStep();
    if (step.start) {
      self._rendered = Object.assign({}, self._rendered, { pusher: step.page });
      self._setData({ pusher: step.page }, function () { self._startPusher(); });
    }
  };
  if (!this._call(this._pusherContext, 'stop', { complete: finish })) {
    finish();
    return;
  }
  // A stop that never completes must not keep the next call's pusher away.
  if (this._schedule) this._schedule.setTimeout(finish, this._stopTimeoutMs);
};

Binder.prototype._openPlayer = function (id) {
  if (this._destroyed || this._players[id]) return;
  var context = this._create('createLivePlayerContext', [id, this._component]);
  this._players[id] = context || {};
};

/** Calls `wx[factory](...args)`, or null when there is no such API. */
Binder.prototype._create = function (factory, args) {
  var wx = this._wx;
  if (!wx || typeof wx[factory] !== 'function') return null;
  try {
    return wx[factory].apply(wx, args) || null;
  } catch (error) {
    this._log('warn', factory + ' failed: ' + (error && error.message));
    return null;
  }
};

/** Calls `context[method](options)`; false when it could not be called. */
Binder.prototype._call = function (context, method, options) {
  if (!context || typeof context[method] !== 'function') return false;
  var log = this._log;
  var opts = Object.assign({
    fail: function (error) { log('warn', method + ' failed: ' + ((error && error.errMsg) || '')); },
  }, options);
  try {
    context[method](opts);
    return true;
  } catch (error) {
    log('warn', method + ' threw: ' + (error && error.message));
    return false;
  }
};

/**
 * The component's event handlers, to bind in the template (each takes the mini-program event):
 * `pusherStateChange`, `pusherNetStatus`, `pusherAudioVolumeNotify`, `pusherError`,
 * `playerStateChange`, `playerNetStatus`, `playerAudioVolumeNotify`.
 */
Binder.prototype._makeHandlers = function () {
  var self = this;
  return {
    pusherStateChange: function (event) {
      var detail = detailOf(event);
      var code = toInt(detail.code);
      if (code === null || self._destroyed) return;
      self._feed('pusherState', [code, messageText(detail.message)]);
    },
    pusherError: function (event) {
      var detail = detailOf(event);
      var code = toInt(detail.errCode !== undefined ? detail.errCode : detail.code);
      if (code === null || self._destroyed) return;
      self._feed('pusherError', [code, messageText(detail.errMsg !== undefined ? detail.errMsg : detail.message)]);
    },
    pusherNetStatus: function (event) {
      if (self._destroyed) return;
      var quality = qualityOf(detailOf(event));
      if (quality > 0) self._onStats('network', self._userID, quality);
    },
    pusherAudioVolumeNotify: function (event) {
      if (self._destroyed) return;
      var volume = toInt(detailOf(event).volume);
      if (volume !== null) self._onStats('volume', self._userID, volume);
    },
    playerStateChange: function (event) {
      var id = playerIdOf(event);
      var code = toInt(detailOf(event).code);
      if (!id || code === null || self._destroyed) return;
      self._feed('playerState', [id, code]);
    },
    playerNetStatus: function (event) {
      var id = playerIdOf(event);
      if (!id || self._destroyed) return;
      var quality = qualityOf(detailOf(event));
      self._feed('playerNetStatus', [id, quality]);
      if (quality > 0) self._onStats('network', userOfPlayer(id), quality);
    },
    playerAudioVolumeNotify: function (event) {
      var id = playerIdOf(event);
      var volume = toInt(detailOf(event).volume);
      if (!id || volume === null || self._destroyed) return;
      self._onStats('volume', userOfPlayer(id), volume);
    },
  };
};

/** Stops the pusher and every player and forgets the contexts. */
Binder.prototype.destroy = function () {
  if (this._destroyed) return;
  var self = this;
  Object.keys(this._players).forEach(function (id) { self._call(self._players[id], 'stop', {}); });
  this._players = {};
  if (this._phase === 'pushing') this._call(this._pusherContext, 'stop', {});
  this._phase = 'idle';
  this._pushingUrl = '';
  this._pusherContext = null;
  this._destroyed = true;
};

module.exports = {
  Binder: Binder,
  render: render,
  RENDER_KEYS: RENDER_KEYS,
  userOfPlayer: userOfPlayer,
  messageText: messageText,
};
