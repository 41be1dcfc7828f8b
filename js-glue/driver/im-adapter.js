// The IM adapter: the app's tim-wx-sdk 2.x or @tencentcloud/chat 3.x instance, as the engine
// needs it. It sends the engine's custom messages, turns results into send results, and hands
// every received custom element to the engine with its sender, conversation and server time.
// Shipped to WeChat: CommonJS, ES2016, no globals.
//
// SDK behaviour this relies on (../shared/reference/tim-sdk.md, verified on 2.27.6 / 3.6.6):
// - before login almost every API returns a Promise that rejects `{code:2024}`; after login
//   bad parameters throw synchronously (no `code`); offline, error messages are '' → every
//   call goes through `attempt()` and only `code` is looked at;
// - a send can take ~15 s to fail with 2801, a login can hang forever → our own timeouts;
// - messages that arrived while logged out are NOT emitted as MESSAGE_RECEIVED after login:
//   they are fetched with getConversationList + getMessageList after SDK_READY;
// - the SDK does not drop stale messages: the engine does, given `message.time` and the
//   server clock (3.x `getServerTime()` in ms; 2.x the login result's `data.timeStamp`).
'use strict';

/** The SDKs' constant values (identical in 2.x and 3.x), used where `TIM` lacks one. */
var DEFAULT_EVENT = {
  SDK_READY: 'sdkStateReady',
  SDK_NOT_READY: 'sdkStateNotReady',
  MESSAGE_RECEIVED: 'onMessageReceived',
  KICKED_OUT: 'kickedOut',
  NET_STATE_CHANGE: 'netStateChange',
};
var DEFAULT_TYPES = {
  MSG_CUSTOM: 'TIMCustomElem',
  MSG_PRIORITY_HIGH: 'High',
  CONV_C2C: 'C2C',
  CONV_GROUP: 'GROUP',
};

/** Error codes the adapter reports itself. */
var CODES = {
  /** The SDK's USER_NOT_LOGGED_IN. */
  NOT_LOGGED_IN: 2024,
  /** The SDK's NETWORK_TIMEOUT; also our own login/send timeouts. */
  NETWORK_TIMEOUT: 2801,
  /** A failure without an SDK code (a synchronous `Error('Params validate failed.')`). */
  NO_CODE: -1,
};

var DEFAULTS = {
  /** Messages at most this old (server time) are fetched after SDK_READY. */
  fetchWindowMs: 120000,
  /** Conversations looked at after SDK_READY (the most recent first). */
  fetchConversations: 20,
  /** Messages per conversation (getMessageList's maximum). */
  fetchCount: 15,
  /** A send with no answer after this long is reported as failed (2801). */
  sendTimeoutMs: 30000,
  /** A login with no answer after this long is rejected (2801). */
  loginTimeoutMs: 20000,
  /** Message IDs remembered to hand each message to the engine once. */
  rememberedMessages: 512,
};

function noop() {}

/**
 * Runs `fn` and returns a Promise of its result: a synchronous throw becomes a rejection, a
 * returned Promise (a 2024 rejection before login) is followed, a plain value resolves.
 */
function attempt(fn) {
  try {
    return Promise.resolve(fn());
  } catch (error) {
    return Promise.reject(error);
  }
}

/** The numeric SDK code of a failure (CODES.NO_CODE when it has none). */
function errorCode(error) {
  if (error && typeof error.code === 'number' && isFinite(error.code) && error.code !== 0) return error.code | 0;
  if (error && typeof error.code === 'string' && /^-?\d+$/.test(error.code) && Number(error.code) !== 0) return Number(error.code) | 0;
  return CODES.NO_CODE;
}

/** The message of a failure, as a string ('' when none; offline the SDK's are empty). */
function errorMessage(error) {
  if (error && typeof error.message === 'string') return error.message;
  if (typeof error === 'string') return error;
  return '';
}

/** `{code, message}` for any failure value. */
function normalizeError(error) {
  return { code: errorCode(error), message: errorMessage(error) };
}

/**
 * The adapter. Options:
 * - `tim`: the TIM/chat instance; `TIM`: its namespace with `EVENT` and `TYPES`;
 * - `userID`: the local user (for the 2.x clock probe);
 * - `owned`: true when the driver created `tim` itself (only then is it ever logged out);
 * - `now()`, `schedule {setTimeout, clearTimeout}`: clock and timers (ms);
 * - `onMessage(m)`: a received custom element, `m = {from, conversationType, groupID,
 *   elemType, data, timeMs, serverNowMs, messageID, fetched}`;
 * - `onSendResult(id, code, message)`: `code` 0 on success;
 * - `onSent(output, message)`: after a successful send, the engine output and the SDK's sent
 *   message (`result.data.message`; the component fires its `sendMessage` page event with it);
 * - `onReady()`, `onNotReady()`, `onKickedOut(type)`, `onNetState(state)`;
 * - `onLog(level, text)`: diagnostics;
 * - the numbers in DEFAULTS.
 */
function ImAdapter(options) {
  var opts = options || {};
  this.tim = opts.tim || null;
  this.owned = !!opts.owned;
  this.userID = opts.userID || '';
  this._setConstants(opts.TIM);
  this._now = opts.now || function () { return Date.now(); };
  this._schedule = opts.schedule || {
    setTimeout: function (fn, ms) { return setTimeout(fn, ms); },
    clearTimeout: function (handle) { clearTimeout(handle); },
  };
  this._on = {
    message: opts.onMessage || noop,
    sendResult: opts.onSendResult || noop,
    sent: opts.onSent || noop,
    ready: opts.onReady || noop,
    notReady: opts.onNotReady || noop,
    kickedOut: opts.onKickedOut || noop,
    netState: opts.onNetState || noop,
    log: opts.onLog || noop,
  };
  this.options = {};
  for (var key in DEFAULTS) {
    this.options[key] = typeof opts[key] === 'number' && opts[key] > 0 ? opts[key] : DEFAULTS[key];
  }
  this.ready = false;
  this.netState = '';
  this._offsetMs = null;
  this._attachedTo = null;
  this._handlers = null;
  this._seen = {};
  this._seenOrder = [];
  this._fetchGeneration = 0;
  this._released = false;
  this._inFlight = [];
}

ImAdapter.prototype._setConstants = function (TIM) {
  var ns = TIM || {};
  this.EVENT = Object.assign({}, DEFAULT_EVENT, ns.EVENT || {});
  this.TYPES = Object.assign({}, DEFAULT_TYPES, ns.TYPES || {});
};

/**
 * Subscribes to MESSAGE_RECEIVED, SDK_READY, SDK_NOT_READY, KICKED_OUT and NET_STATE_CHANGE
 * (first removing our earlier subscriptions, so calling it again re-subscribes, e.g. after a
 * re-login or on a new instance). Then probes whether the instance is already logged in; if it
 * is, it counts as ready and recent messages are fetched.
 */
ImAdapter.prototype.attach = function () {
  if (!this.tim || this._released) return;
  this.detach();
  var self = this;
  var E = this.EVENT;
  var handlers = {};
  handlers[E.MESSAGE_RECEIVED] = function (event) { self._onMessages(event); };
  handlers[E.SDK_READY] = function () { self._onReady(); };
  handlers[E.SDK_NOT_READY] = function () { self._onNotReady(); };
  handlers[E.KICKED_OUT] = function (event) {
    self.ready = false;
    self._on.kickedOut(event && event.data && event.data.type ? event.data.type : '');
  };
  handlers[E.NET_STATE_CHANGE] = function (event) {
    var state = event && event.data && event.data.state ? event.data.state : '';
    self.netState = state;
    self._on.netState(state);
  };
  var tim = this.tim;
  Object.keys(handlers).forEach(function (name) { tim.on(name, handlers[name]); });
  this._attachedTo = tim;
  this._handlers = handlers;
  this._probeReady();
};

/** Removes our subscriptions (only ours). */
ImAdapter.prototype.detach = function () {
  var tim = this._attachedTo;
  var handlers = this._handlers;
  this._attachedTo = null;
  this._handlers = null;
  if (!tim || !handlers) return;
  Object.keys(handlers).forEach(function (name) {
    try {
      tim.off(name, handlers[name]);
    } catch (error) {
      // an SDK that cannot unsubscribe: our handlers check _handlers below
    }
  });
};

/** Switches to another instance (the app re-created its TIM): re-subscribes there. */
ImAdapter.prototype.setInstance = function (tim, TIM, owned) {
  if (tim === this.tim) return;
  this.detach();
  this.tim = tim;
  this.owned = !!owned;
  if (TIM) this._setConstants(TIM);
  this.ready = false;
  this._offsetMs = null;
  this.attach();
};

/**
 * Tell the adapter about a login result (`tim.login(...)` resolved value). 2.x has no server
 * clock API; its `data.timeStamp` (server seconds) gives the offset. Also re-subscribes.
 */
ImAdapter.prototype.noteLogin = function (result) {
  var stamp = result && result.data ? result.data.timeStamp : undefined;
  if (typeof stamp === 'number' && isFinite(stamp) && stamp > 0) {
    this._offsetMs = stamp * 1000 - this._now();
  }
  this.attach();
};

/**
 * The IM server's clock now (ms): 3.x `getServerTime()`; else the offset learned at login
 * (or from a probe message's `clientTime`, see `_probeClock`); else the local clock.
 */
ImAdapter.prototype.serverNow = function () {
  var tim = this.tim;
  if (tim && typeof tim.getServerTime === 'function') {
    try {
      var value = tim.getServerTime();
      if (typeof value === 'number' && isFinite(value) && value > 0) return Math.floor(value);
      if (value && typeof value.then === 'function') value.then(noop, noop); // 2024 before login
    } catch (error) {
      // fall through
    }
  }
  var now = this._now();
  return Math.max(0, Math.floor(this._offsetMs === null ? now : now + this._offsetMs));
};

/**
 * The sendMessage options of one engine output: `offlinePushInfo` when the engine gave one
 * (invitations); `messageControlInfo` excluding it from unread counts and conversation
 * previews when its data asks to be hidden from chat history (call invites and accepts).
 * That is chat 3.x's own signaling rule (`_genMsgCtrlInfo`: the data contains
 * `excludeFromHistoryMessage`), which TSignaling applies to the current engines' messages.
 * Null when there is none.
 */
function sendOptions(output) {
  var options = null;
  if (output.offlinePushInfo) options = { offlinePushInfo: output.offlinePushInfo };
  if (typeof output.data === 'string' && output.data.indexOf('excludeFromHistoryMessage') >= 0) {
    options = Object.assign(options || {}, {
      messageControlInfo: { excludedFromUnreadCount: true, excludedFromLastMessage: true },
    });
  }
  return options;
}

/**
 * Sends one engine output `{id, to, conversationType, data, offlinePushInfo}` as a custom
 * message (priority High, `payload:{data, description:'', extension:''}`), with the options
 * of `sendOptions` when there are any. The outcome is reported once through
 * `onSendResult(id, code, message)`: 0, the SDK's code, or 2801 if nothing came back within
 * `sendTimeoutMs`.
 */
ImAdapter.prototype.send = function (output) {
  var self = this;
  var settled = false;
  var timer = null;
  var markDone = noop;
  var flight = new Promise(function (resolve) { markDone = resolve; });
  this._inFlight.push(flight);
  var settle = function (code, message) {
    if (settled) return;
    settled = true;
    if (timer !== null) self._schedule.clearTimeout(timer);
    markDone();
    self._inFlight = self._inFlight.filter(function (item) { return item !== flight; });
    self._on.sendResult(output.id, code, message);
  };
  var tim = this.tim;
  if (!tim) {
    Promise.resolve().then(function () { settle(CODES.NOT_LOGGED_IN, 'no IM instance'); });
    return;
  }
  timer = this._schedule.setTimeout(function () {
    timer = null;
    settle(CODES.NETWORK_TIMEOUT, 'no answer from sendMessage in ' + self.options.sendTimeoutMs + ' ms');
  }, this.options.sendTimeoutMs);
  var T = this.TYPES;
  attempt(function () {
    return tim.createCustomMessage({
      to: output.to,
      conversationType: output.conversationType === 'GROUP' ? T.CONV_GROUP : T.CONV_C2C,
      priority: T.MSG_PRIORITY_HIGH,
      payload: { data: output.data, description: '', extension: '' },
    });
  }).then(function (message) {
    var options = sendOptions(output);
    return attempt(function () {
      return options ? tim.sendMessage(message, options) : tim.sendMessage(message);
    });
  }).then(function (result) {
    var code = result && typeof result.code === 'number' ? result.code : 0;
    var sentMessage = result && result.data ? result.data.message : undefined;
    var first = !settled;
    settle(code, code === 0 ? '' : errorMessage(result));
    if (code === 0 && first) {
      try {
        self._on.sent(output, sentMessage);
      } catch (error) {
        self._on.log('error', 'onSent threw: ' + ((error && error.stack) || error));
      }
    }
  }, function (error) {
    settle(errorCode(error), errorMessage(error));
  });
};

/**
 * Logs in with our own timeout (a login can hang forever). Resolves the SDK's result, rejects
 * `{code, message}` (2801 for our timeout, 2025 for a second login while one is pending).
 * Subscribes first: the SDK asks for listeners before login.
 */
ImAdapter.prototype.login = function (userID, userSig) {
  var self = this;
  var tim = this.tim;
  if (!tim) return Promise.reject({ code: CODES.NOT_LOGGED_IN, message: 'no IM instance' });
  this.attach();
  return new Promise(function (resolve, reject) {
    var done = false;
    var timer = self._schedule.setTimeout(function () {
      if (done) return;
      done = true;
      reject({ code: CODES.NETWORK_TIMEOUT, message: 'login timed out after ' + self.options.loginTimeoutMs + ' ms' });
    }, self.options.loginTimeoutMs);
    attempt(function () { return tim.login({ userID: userID, userSig: userSig }); }).then(function (result) {
      if (done) return;
      done = true;
      self._schedule.clearTimeout(timer);
      if (result && typeof result.code === 'number' && result.code !== 0) {
        reject(normalizeError(result));
        return;
      }
      self.noteLogin(result);
      resolve(result);
    }, function (error) {
      if (done) return;
      done = true;
      self._schedule.clearTimeout(timer);
      reject(normalizeError(error));
    });
  });
};

/**
 * Unsubscribes. Logs out (and destroys) the instance only if the adapter created it, after the
 * sends in flight settled (a hang-up notice must leave first); an app's instance is never
 * logged out. Resolves when done (never rejects).
 */
ImAdapter.prototype.release = function () {
  this.detach();
  this._released = true;
  this._fetchGeneration += 1;
  var tim = this.tim;
  if (!tim || !this.owned) return Promise.resolve();
  return Promise.all(this._inFlight)
    .then(function () { return attempt(function () { return tim.logout(); }); })
    .then(noop, noop)
    .then(function () {
      if (typeof tim.destroy === 'function') return attempt(function () { return tim.destroy(); }).then(noop, noop);
      return undefined;
    });
};

ImAdapter.prototype._active = function () {
  return !this._released && this._handlers !== null;
};

ImAdapter.prototype._onReady = function () {
  if (!this._active()) return;
  var wasReady = this.ready;
  this.ready = true;
  this._probeClock();
  if (!wasReady) this._on.ready();
  this.fetchRecent();
};

ImAdapter.prototype._onNotReady = function () {
  if (!this._active()) return;
  this.ready = false;
  this._fetchGeneration += 1;
  this._on.notReady();
};

/**
 * Whether the instance is already logged in: 3.x `isReady()`; 2.x has none, so a cheap call
 * (getConversationList) tells: it rejects with 2024 before login. Ready → `_onReady()`.
 */
ImAdapter.prototype._probeReady = function () {
  var self = this;
  var tim = this.tim;
  if (typeof tim.isReady === 'function') {
    var ready = false;
    try {
      ready = tim.isReady() === true;
    } catch (error) {
      ready = false;
    }
    if (ready) this._onReady();
    return;
  }
  if (typeof tim.getConversationList !== 'function') return;
  attempt(function () { return tim.getConversationList(); }).then(function (result) {
    if (self.tim === tim && !self.ready && result && (result.code === 0 || result.code === undefined)) self._onReady();
  }, noop);
};

/**
 * 2.x without a login result: a created (never sent) message's `clientTime` is the SDK's
 * server-adjusted clock in seconds (tim-sdk.md §8), good enough for judging invite age.
 */
ImAdapter.prototype._probeClock = function () {
  var tim = this.tim;
  if (this._offsetMs !== null || typeof tim.getServerTime === 'function' || typeof tim.createCustomMessage !== 'function') return;
  try {
    var probe = tim.createCustomMessage({
      to: this.userID || 'tuicalling-clock',
      conversationType: this.TYPES.CONV_C2C,
      payload: { data: '', description: '', extension: '' },
    });
    if (probe && typeof probe.clientTime === 'number' && probe.clientTime > 0) {
      this._offsetMs = probe.clientTime * 1000 + 500 - this._now();
    } else if (probe && typeof probe.then === 'function') {
      probe.then(noop, noop);
    }
  } catch (error) {
    // no probe: the local clock stands in
  }
};

/** Remembers a message ID; false if it was handed over already. */
ImAdapter.prototype._firstSight = function (id) {
  if (!id) return true;
  if (this._seen[id]) return false;
  this._seen[id] = true;
  this._seenOrder.push(id);
  while (this._seenOrder.length > this.options.rememberedMessages) {
    delete this._seen[this._seenOrder.shift()];
  }
  return true;
};

ImAdapter.prototype._onMessages = function (event) {
  if (!this._active()) return;
  var list = event && event.data;
  if (!Array.isArray(list)) return;
  for (var i = 0; i < list.length; i++) this._deliver(list[i], false);
};

/** The elements of a message: `_elements` when it has several, else its `type`/`payload`. */
function elementsOf(message) {
  if (Array.isArray(message._elements) && message._elements.length > 1) {
    return message._elements.map(function (element) { return { type: element.type, content: element.content }; });
  }
  return [{ type: message.type, content: message.payload }];
}

/** Hands each custom element of one message to `onMessage` (once per message ID). */
ImAdapter.prototype._deliver = function (message, fetched) {
  if (!message || typeof message !== 'object') return;
  if (message.flow && message.flow !== 'in') return; // our own, synced from another device
  var T = this.TYPES;
  var conversationType;
  if (message.conversationType === T.CONV_C2C) conversationType = 'C2C';
  else if (message.conversationType === T.CONV_GROUP) conversationType = 'GROUP';
  else return;
  if (!this._firstSight(message.ID)) return;
  var serverNowMs = this.serverNow();
  var timeMs = typeof message.time === 'number' && isFinite(message.time) && message.time > 0
    ? Math.floor(message.time * 1000) : serverNowMs;
  var elements = elementsOf(message);
  for (var i = 0; i < elements.length; i++) {
    var element = elements[i];
    if (element.type !== T.MSG_CUSTOM || !element.content || typeof element.content.data !== 'string') continue;
    this._on.message({
      from: String(message.from || ''),
      conversationType: conversationType,
      groupID: conversationType === 'GROUP' ? String(message.to || '') : '',
      elemType: 'TIMCustomElem',
      data: element.content.data,
      timeMs: timeMs,
      serverNowMs: serverNowMs,
      messageID: message.ID || '',
      fetched: fetched,
    });
  }
};

/**
 * Fetches the recent C2C and group messages that could still be live (stored within
 * `fetchWindowMs` of the server clock) and hands them over oldest first; messages already
 * handed over are skipped, stale invitations are left to the engine to drop. Invites sent while
 * the user was logged out reach us only this way. Resolves to the number handed over.
 */
ImAdapter.prototype.fetchRecent = function () {
  var self = this;
  var tim = this.tim;
  if (!tim || typeof tim.getConversationList !== 'function' || typeof tim.getMessageList !== 'function') {
    return Promise.resolve(0);
  }
  var generation = ++this._fetchGeneration;
  var T = this.TYPES;
  var since = function () { return self.serverNow() - self.options.fetchWindowMs; };
  return attempt(function () { return tim.getConversationList(); }).then(function (result) {
    if (generation !== self._fetchGeneration) return [];
    var list = (result && result.data && result.data.conversationList) || [];
    var cutoff = since();
    var wanted = list.filter(function (conversation) {
      if (!conversation || (conversation.type !== T.CONV_C2C && conversation.type !== T.CONV_GROUP)) return false;
      var last = conversation.lastMessage;
      if (!last || typeof last.lastTime !== 'number') return true; // cannot tell: look
      return last.lastTime * 1000 >= cutoff;
    }).slice(0, self.options.fetchConversations);
    return Promise.all(wanted.map(function (conversation) {
      return attempt(function () {
        return tim.getMessageList({ conversationID: conversation.conversationID, count: self.options.fetchCount });
      }).then(function (res) {
        return (res && res.data && res.data.messageList) || [];
      }, function (error) {
        self._on.log('warn', 'getMessageList(' + conversation.conversationID + ') failed: ' + errorCode(error));
        return [];
      });
    }));
  }).then(function (lists) {
    if (generation !== self._fetchGeneration || !self._active()) return 0;
    var cutoff = since();
    var messages = [];
    lists.forEach(function (list) {
      list.forEach(function (message) {
        if (message && typeof message.time === 'number' && message.time * 1000 >= cutoff) messages.push(message);
      });
    });
    messages.sort(function (a, b) {
      if (a.time !== b.time) return a.time - b.time;
      return (a.sequence || 0) - (b.sequence || 0);
    });
    messages.forEach(function (message) { self._deliver(message, true); });
    return messages.length;
  }, function (error) {
    self._on.log('warn', 'getConversationList failed: ' + errorCode(error));
    return 0;
  });
};

module.exports = {
  ImAdapter: ImAdapter,
  attempt: attempt,
  errorCode: errorCode,
  normalizeError: normalizeError,
  CODES: CODES,
  DEFAULTS: DEFAULTS,
};
