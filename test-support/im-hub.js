// A local, in-process stand-in for Tencent IM (tim-wx-sdk 2.x / @tencentcloud/chat 3.x) that
// routes custom messages among users. Test-only; never shipped in wxcomponents.
//
// Each `hub.createInstance()` returns an object with the slice of the SDK *instance* API the
// call component uses, with the SDK's method names, event names, payload shapes and error
// shapes, as recorded in ../shared/reference/tim-sdk.md (verified against the real SDKs):
//   - before login, APIs return a Promise rejected with {code:2024}, even createCustomMessage;
//   - after login, bad params throw synchronously `Error('Params validate failed.')` (no code);
//   - error texts are empty (offline, the SDK has no error-text file): branch on `code`;
//   - a send with the network down rejects 2801 after ~15 s;
//   - messages that arrive while a user is logged out are NOT emitted as MESSAGE_RECEIVED on
//     the next login; they are only in getMessageList / getConversationList. Messages missed
//     during a network drop while logged in ARE emitted after the reconnect;
//   - the SDK does not emit MESSAGE_RECEIVED for your own sendMessage.
// Time comes from the injected `now()` (the device clock); the server clock is
// `now() + hub.serverOffsetMs`. No node built-ins are required (loads in the WeChat sandbox).
'use strict';

const { EVENT_3X, TYPES_3X, ERROR_CODES, constantsFor } = require('./tim-constants');
const { createRandom } = require('./seeded-random');

const PARAMS_VALIDATE_FAILED = 'Params validate failed.';
const SEND_TIMEOUT_MS = 15000; // network down after ready: sendMessage rejects 2801 after ~15 s
const LOGIN_TIMEOUT_MS = 90000; // no network at all: login rejects 2801 after ~90 s
const MAX_MESSAGE_LIST_COUNT = 15; // getMessageList's default and maximum count

/** The SDK's rejection: an Error subclass with own keys code, message, data. */
class TimError extends Error {
  constructor(code, message, data) {
    super(message);
    this.code = code;
    // Own and enumerable like the SDK's (Object.keys gives code, message, data); may be ''.
    Object.defineProperty(this, 'message', { value: message, enumerable: true, writable: true, configurable: true });
    this.data = data;
  }
}

/** The SDK's Message (plain own enumerable fields, JSON-stringifies like the real one). */
class Message {}

function paramsError() {
  return new Error(PARAMS_VALIDATE_FAILED);
}

function isNonEmptyString(value) {
  return typeof value === 'string' && value.length > 0;
}

function isObject(value) {
  return value !== null && typeof value === 'object';
}

function customContent(payload) {
  return {
    data: typeof payload.data === 'string' ? payload.data : '',
    description: typeof payload.description === 'string' ? payload.description : '',
    extension: typeof payload.extension === 'string' ? payload.extension : '',
  };
}

/**
 * A Message as `createCustomMessage` returns it (flow 'out'), field for field as tim-sdk.md §3
 * records it. 2.x lacks hasRiskContent/revokerInfo/revokeReason/pinnerInfo/level and has
 * readReceiptInfo:{} and revoker:null.
 */
function buildOutgoing(flavour, f) {
  const is3 = flavour === '3.x';
  const m = new Message();
  m.ID = f.ID;
  m.conversationID = f.conversationType + f.to;
  m.conversationType = f.conversationType;
  m.time = f.time;
  m.sequence = f.sequence;
  m.clientSequence = f.sequence;
  m.random = f.random;
  m.priority = f.priority;
  m.nick = '';
  m.avatar = '';
  m.isPeerRead = false;
  m.nameCard = '';
  if (is3) m.hasRiskContent = false;
  m._elements = [{ type: TYPES_3X.MSG_CUSTOM, content: customContent(f.payload) }];
  m.isPlaceMessage = 0;
  m.isRevoked = false;
  m.from = f.from;
  m.to = f.to;
  m.flow = 'out';
  m.isSystemMessage = false;
  m.protocol = 'JSON';
  m.isResend = false;
  m.isRead = true;
  m.status = 'unSend';
  m._onlineOnlyFlag = false;
  m._groupAtInfoList = [];
  m._relayFlag = false;
  m.atUserList = [];
  m.cloudCustomData = f.cloudCustomData;
  m.isDeleted = false;
  m.isModified = false;
  m._isExcludedFromUnreadCount = false;
  m._isExcludedFromLastMessage = false;
  m.clientTime = f.clientTime;
  m.senderTinyID = f.senderTinyID;
  m.readReceiptInfo = is3 ? { timestamp: 0 } : {};
  m.needReadReceipt = false;
  m.version = 0;
  m.isBroadcastMessage = false;
  m.isSupportExtension = false;
  if (is3) {
    m.revoker = '';
    m.revokerInfo = { userID: '', nick: '', avatar: '' };
    m.revokeReason = '';
    m.pinnerInfo = null;
    m.level = 0;
  } else {
    m.revoker = null;
  }
  m.payload = customContent(f.payload);
  m.type = TYPES_3X.MSG_CUSTOM;
  return m;
}

/**
 * The Message a receiver gets (MESSAGE_RECEIVED, getMessageList), field for field as the
 * received sample in tim-sdk.md §4. C2C priority is not on the wire, so receivers see 'Normal';
 * group messages keep theirs.
 */
function buildIncoming(sent, recipientID) {
  const isGroup = sent.conversationType === TYPES_3X.CONV_GROUP;
  const m = new Message();
  m.ID = sent.ID;
  m.conversationID = isGroup ? sent.conversationID : TYPES_3X.CONV_C2C + sent.from;
  m.conversationType = sent.conversationType;
  m.time = sent.time;
  m.sequence = sent.sequence;
  m.clientSequence = sent.sequence;
  m.random = sent.random;
  m.priority = isGroup ? sent.priority : TYPES_3X.MSG_PRIORITY_NORMAL;
  m.nick = '';
  m.avatar = '';
  m.isPeerRead = false;
  m.nameCard = '';
  m._elements = [{ type: TYPES_3X.MSG_CUSTOM, content: Object.assign({}, sent.payload) }];
  m.isPlaceMessage = 0;
  m.isRevoked = false;
  m.from = sent.from;
  m.to = isGroup ? sent.to : recipientID;
  m.flow = 'in';
  m.isSystemMessage = false;
  m.protocol = 'JSON';
  m.isResend = false;
  m.isRead = false;
  m.status = 'success';
  m.atUserList = [];
  m.cloudCustomData = sent.cloudCustomData;
  m.isDeleted = false;
  m.isModified = false;
  m.clientTime = sent.clientTime;
  m.senderTinyID = sent.senderTinyID;
  m.needReadReceipt = false;
  m.version = 0;
  m.isBroadcastMessage = false;
  m.isSupportExtension = false;
  m.payload = Object.assign({}, sent.payload);
  m.type = TYPES_3X.MSG_CUSTOM;
  return m;
}

/** A copy for a second delivery of the same message (the duplicate fault). */
function cloneMessage(message) {
  const copy = new Message();
  return Object.assign(copy, JSON.parse(JSON.stringify(message)));
}

/** The conversation summary getConversationList returns for one stored conversation. */
function conversationSummary(conv) {
  const last = conv.messages[conv.messages.length - 1];
  const summary = {
    conversationID: conv.conversationID,
    type: conv.type,
    subType: conv.type === TYPES_3X.CONV_GROUP ? conv.groupType : '',
    unreadCount: conv.unreadCount,
    lastMessage: {
      lastTime: last.time,
      lastSequence: last.sequence,
      fromAccount: last.from,
      type: last.type,
      payload: Object.assign({}, last.payload),
      messageForShow: '[自定义消息]',
      nick: '',
      nameCard: '',
      isRevoked: false,
      isPeerRead: false,
      cloudCustomData: last.cloudCustomData,
      onlineOnlyFlag: false,
    },
    peerReadTime: 0,
    groupAtInfoList: [],
    isPinned: false,
    messageRemindType: '',
  };
  if (conv.type === TYPES_3X.CONV_GROUP) {
    summary.groupProfile = { groupID: conv.target, name: conv.target, type: conv.groupType };
  } else {
    summary.userProfile = { userID: conv.target, nick: '', avatar: '' };
  }
  return summary;
}

/**
 * Creates a hub. `now` is the device clock (ms) and `schedule(fn, delayMs)` runs `fn` later;
 * inject a virtual clock (./virtual-clock.js) to run on virtual time.
 *
 * @param {{now?: () => number, schedule?: (fn: Function, delayMs: number) => void,
 *          serverOffsetMs?: number, latencyMs?: number, seed?: number,
 *          onHandlerError?: (error: any, eventName: string) => void}} [options]
 */
function createImHub(options) {
  const opts = options || {};
  const now = opts.now || (() => Date.now());
  const schedule = opts.schedule || ((fn, delayMs) => { setTimeout(fn, delayMs); });
  const random31 = createRandom(opts.seed === undefined ? 1 : opts.seed);
  /** @type {Map<string, object>} userID -> server-side account state */
  const users = new Map();
  /** @type {Map<string, {groupID:string, type:string, members:Set<string>}>} */
  const groups = new Map();
  /** Messages created by any instance of this hub -> the session that created them. */
  const createdBy = new WeakMap();
  let serverSequence = 100;
  let instanceCount = 0;

  const hub = {
    /** Server clock = device clock + this offset (ms). */
    serverOffsetMs: opts.serverOffsetMs || 0,
    /** Virtual network latency for login/send/getMessageList acknowledgements (ms). */
    latencyMs: opts.latencyMs || 0,
    /** Fault hooks, consulted per recipient: drop(msg, recipientID), duplicate(msg, recipientID),
     *  delayMs(msg, recipientID); `loginHang(userID)` makes a login never settle;
     *  `readyDelayMs(userID)` holds SDK_READY back after the login resolved (a slow first
     *  sync: until then createCustomMessage and sendMessage reject 3000, LOGGING_IN);
     *  `sendFailure(msg, senderID)` → null or `{code, afterMs?, message?, deliver?}` (as
     *  failNextSend's options) fails that send; it is asked after the failNextSend queue. */
    faults: {
      drop: () => false,
      duplicate: () => false,
      delayMs: () => 0,
      loginHang: () => false,
      readyDelayMs: () => 0,
      sendFailure: () => null,
    },
    /** Optional `(userID, userSig) => boolean | errorCode`; false rejects login with 70003. */
    validateUserSig: null,
    /** Every routed message: {ID, from, to, conversationType, recipients, time, payload}. */
    sent: [],
    /** Every copy handed to a recipient's SDK as MESSAGE_RECEIVED: {at, to, message, duplicate}
     *  (at = the device clock). */
    received: [],
    /** Exceptions thrown by event handlers. The SDK swallows them; the hub records them here. */
    handlerErrors: [],
    onHandlerError: opts.onHandlerError || null,
  };

  // ---- accounts, groups, clocks --------------------------------------------------------------

  function account(userID) {
    let user = users.get(userID);
    if (!user) {
      user = {
        userID,
        tinyID: '144115' + String(users.size + 1).padStart(12, '0'),
        online: true,
        session: null, // the logged-in instance state, if any
        lastFlavour: '3.x',
        profile: { nick: '', avatar: '' }, // updateMyProfile / getUserProfile
        conversations: new Map(), // conversationID -> {conversationID, type, target, messages, unreadCount}
        pendingLogins: [], // logins waiting for the network
        sendFailures: [], // queued failNextSend entries
        loginFailures: [], // queued failNextLogin entries
      };
      users.set(userID, user);
    }
    return user;
  }

  function serverNowMs() {
    return now() + hub.serverOffsetMs;
  }

  function serverSeconds() {
    return Math.floor(serverNowMs() / 1000);
  }

  function later(fn, delayMs) {
    schedule(fn, delayMs || 0);
  }

  function storeMessage(user, message, target, groupType) {
    let conv = user.conversations.get(message.conversationID);
    if (!conv) {
      conv = { conversationID: message.conversationID, type: message.conversationType, target, groupType, messages: [], unreadCount: 0 };
      user.conversations.set(message.conversationID, conv);
    }
    conv.messages.push(message);
    if (message.flow === 'in') conv.unreadCount += 1;
  }

  // ---- event delivery ------------------------------------------------------------------------

  function emit(st, name, data) {
    const event = data === undefined ? { name } : { name, data };
    const list = (st.handlers.get(name) || []).slice();
    for (const entry of list) {
      try {
        entry.fn.call(entry.ctx, event);
      } catch (error) {
        hub.handlerErrors.push({ eventName: name, error });
        if (hub.onHandlerError) hub.onHandlerError(error, name);
      }
    }
  }

  /** Ends a session's login state without events (callers emit what the SDK emits). */
  function endSession(st) {
    st.generation += 1;
    st.loggedIn = false;
    st.ready = false;
    st.missed = [];
    if (st.userID !== null) {
      const user = account(st.userID);
      if (user.session === st) user.session = null;
    }
    st.userID = null;
    st.offsetMs = 0;
  }

  /** Delivers one copy to a recipient: stores it (server side), then emits it if the recipient
   *  has a ready, connected session; a ready but disconnected session gets it on reconnect. */
  function deliver(recipientID, message, meta) {
    const user = account(recipientID);
    if (!meta.duplicate && !meta.onlineOnly) storeMessage(user, message, meta.target, meta.groupType);
    const st = user.session;
    if (!st || !st.ready) return;
    if (user.online) emitReceived(st, [message], Boolean(meta.duplicate));
    else if (!meta.onlineOnly) st.missed.push(message);
  }

  /** MESSAGE_RECEIVED with `messages` to a session, logged in `hub.received`. */
  function emitReceived(st, messages, duplicate) {
    for (const message of messages) hub.received.push({ at: now(), to: st.userID, message, duplicate });
    emit(st, EVENT_3X.MESSAGE_RECEIVED, messages);
  }

  function faultHook(name, fallback) {
    const hook = hub.faults && hub.faults[name];
    return typeof hook === 'function' ? hook : fallback;
  }

  function recipientsOf(sent) {
    if (sent.conversationType === TYPES_3X.CONV_C2C) return [sent.to];
    const group = groups.get(sent.to);
    return Array.from(group.members).filter((id) => id !== sent.from);
  }

  /** Fans a successfully sent message out to its recipients, through the fault hooks. */
  function route(sent, options) {
    const isGroup = sent.conversationType === TYPES_3X.CONV_GROUP;
    const recipients = recipientsOf(sent);
    const meta = {
      target: isGroup ? sent.to : sent.from,
      groupType: isGroup ? groups.get(sent.to).type : undefined,
      onlineOnly: Boolean(options && options.onlineUserOnly),
    };
    hub.sent.push({ ID: sent.ID, from: sent.from, to: sent.to, conversationType: sent.conversationType,
      recipients: recipients.slice(), time: sent.time, payload: Object.assign({}, sent.payload),
      offlinePushInfo: options && options.offlinePushInfo });
    for (const recipientID of recipients) {
      const incoming = buildIncoming(sent, recipientID);
      if (faultHook('drop', () => false)(incoming, recipientID)) continue;
      const delay = Number(faultHook('delayMs', () => 0)(incoming, recipientID)) || 0;
      const duplicate = faultHook('duplicate', () => false)(incoming, recipientID);
      later(() => deliver(recipientID, incoming, meta), delay);
      if (duplicate) later(() => deliver(recipientID, cloneMessage(incoming), Object.assign({ duplicate: true }, meta)), delay);
    }
  }

  // ---- one SDK instance ----------------------------------------------------------------------

  /**
   * Creates an SDK instance. `flavour` '3.x' (default, @tencentcloud/chat) or '2.x'
   * (tim-wx-sdk: no isReady/getLoginUser/getServerTime). Unlike the real `create()`, the
   * same SDKAppID gives a new instance each time, so several users can live in one process.
   *
   * @param {{SDKAppID: number, flavour?: '2.x'|'3.x'}} createOptions
   */
  function createInstance(createOptions) {
    const copts = createOptions || {};
    const flavour = copts.flavour || '3.x';
    constantsFor(flavour); // validates the flavour
    instanceCount += 1;
    const st = {
      flavour,
      SDKAppID: copts.SDKAppID,
      instanceID: instanceCount,
      handlers: new Map(),
      userID: null,
      loggedIn: false,
      ready: false,
      loginPending: false,
      destroyed: false,
      generation: 0,
      offsetMs: 0, // server - device, as computed at login (1 s resolution, like the SDK)
      clientSequence: 0,
      missed: [],
    };
    const api = {};

    function notLoggedIn(apiName) {
      return Promise.reject(new TimError(ERROR_CODES.USER_NOT_LOGGED_IN, ` | ${apiName} | `, {}));
    }

    /** Logged in, but the login's first sync (SDK_READY) has not finished. */
    function notReadyYet(apiName) {
      return Promise.reject(new TimError(ERROR_CODES.LOGGING_IN, ` | ${apiName} | `, {}));
    }

    function ack(fn) {
      return new Promise((resolve, reject) => later(() => {
        try { resolve(fn()); } catch (error) { reject(error); }
      }, hub.latencyMs));
    }

    api.on = function on(eventName, handler, context) {
      if (typeof handler !== 'function') return;
      if (!st.handlers.has(eventName)) st.handlers.set(eventName, []);
      st.handlers.get(eventName).push({ fn: handler, ctx: context });
    };

    api.off = function off(eventName, handler) {
      const list = st.handlers.get(eventName);
      if (!list) return;
      const i = list.findIndex((entry) => entry.fn === handler);
      if (i >= 0) list.splice(i, 1);
    };

    api.setLogLevel = function setLogLevel() {};

    api.login = function login(params) {
      if (!isObject(params) || !isNonEmptyString(params.userID) || !isNonEmptyString(params.userSig)) throw paramsError();
      if (st.loginPending) return Promise.reject(new TimError(ERROR_CODES.REPEAT_LOGIN, '', {}));
      if (st.loggedIn && st.userID === params.userID) {
        return ack(() => ({ code: 0, data: { actionStatus: 'OK', errorCode: 0, errorInfo: '', repeatLogin: true } }));
      }
      if (st.loggedIn) { // switching accounts: the old one is logged out first
        endSession(st);
        emit(st, EVENT_3X.SDK_NOT_READY);
      }
      st.loginPending = true;
      st.destroyed = false;
      return new Promise((resolve, reject) => startLogin(params, resolve, reject));
    };

    function startLogin(params, resolve, reject) {
      const user = account(params.userID);
      const generation = st.generation;
      const fail = (code) => { st.loginPending = false; reject(new TimError(code, '', {})); };
      if (faultHook('loginHang', () => false)(params.userID)) return; // never settles
      const failure = user.loginFailures.shift();
      if (failure) { later(() => fail(failure.code), failure.afterMs); return; }
      const verdict = hub.validateUserSig ? hub.validateUserSig(params.userID, params.userSig) : true;
      if (verdict !== true) {
        later(() => fail(typeof verdict === 'number' ? verdict : ERROR_CODES.USERSIG_INVALID), hub.latencyMs);
        return;
      }
      const proceed = () => later(() => {
        if (st.generation !== generation) return;
        finishLogin(user, resolve);
      }, hub.latencyMs);
      if (user.online) { proceed(); return; }
      // No network: wait for setOnline(userID, true), or give up after ~90 s like the SDK.
      const pending = { proceed, done: false };
      user.pendingLogins.push(pending);
      later(() => {
        if (pending.done) return;
        pending.done = true;
        user.pendingLogins.splice(user.pendingLogins.indexOf(pending), 1);
        fail(ERROR_CODES.NETWORK_TIMEOUT);
      }, LOGIN_TIMEOUT_MS);
    }

    function finishLogin(user, resolve) {
      if (user.session && user.session !== st) kick(user.session, TYPES_3X.KICKED_OUT_MULT_ACCOUNT);
      const timeStamp = serverSeconds();
      st.loginPending = false;
      st.loggedIn = true;
      st.userID = user.userID;
      st.offsetMs = timeStamp * 1000 - now();
      user.session = st;
      user.lastFlavour = st.flavour;
      const generation = st.generation;
      resolve({ code: 0, data: { errorCode: 0, errorInfo: '', actionStatus: 'OK', a2Key: 'a2-' + user.tinyID,
        tinyID: user.tinyID, helloInterval: 120, instanceID: st.instanceID, timeStamp } });
      // SDK_READY comes after the login promise settles (the first sync finishes).
      later(() => {
        if (st.generation !== generation || !st.loggedIn) return;
        st.ready = true;
        emit(st, EVENT_3X.SDK_READY);
      }, Number(faultHook('readyDelayMs', () => 0)(user.userID)) || 0);
    }

    api.logout = function logout() {
      if (!st.loggedIn) return notLoggedIn('logout');
      return ack(() => {
        if (st.loggedIn) {
          endSession(st);
          emit(st, EVENT_3X.SDK_NOT_READY);
        }
        return { code: 0, data: {} };
      });
    };

    api.destroy = function destroy() {
      if (!st.loggedIn) return notLoggedIn('destroy');
      return ack(() => {
        if (st.loggedIn) {
          endSession(st);
          emit(st, EVENT_3X.SDK_NOT_READY);
        }
        st.destroyed = true;
        emit(st, EVENT_3X.SDK_DESTROY, { SDKAppID: st.SDKAppID });
        return { code: 0, data: {} };
      });
    };

    api.createCustomMessage = function createCustomMessage(options) {
      if (!st.loggedIn) return notLoggedIn('createCustomMessage');
      if (!st.ready) return notReadyYet('createCustomMessage');
      if (!isObject(options) || !isNonEmptyString(options.to) || !isNonEmptyString(options.conversationType)) throw paramsError();
      const payload = options.payload;
      if (!isObject(payload) || (payload.data !== undefined && typeof payload.data !== 'string')) throw paramsError();
      const user = account(st.userID);
      const clientTime = Math.floor((now() + st.offsetMs) / 1000);
      const randomValue = random31();
      st.clientSequence += 1;
      const message = buildOutgoing(st.flavour, {
        ID: `${user.tinyID}-${clientTime}-${randomValue}`,
        conversationType: options.conversationType,
        to: options.to,
        from: st.userID,
        time: Math.ceil(now() / 1000), // local, unadjusted clock until the server stamps it
        clientTime,
        sequence: st.clientSequence,
        random: randomValue,
        priority: options.priority || TYPES_3X.MSG_PRIORITY_NORMAL,
        payload,
        cloudCustomData: typeof options.cloudCustomData === 'string' ? options.cloudCustomData : '',
        senderTinyID: user.tinyID,
      });
      createdBy.set(message, st);
      return message;
    };

    api.sendMessage = function sendMessage(message, options) {
      if (!st.loggedIn) return notLoggedIn('sendMessage');
      if (!st.ready) return notReadyYet('sendMessage');
      if (!isObject(message)) throw paramsError();
      if (!createdBy.has(message)) return Promise.reject(new TimError(ERROR_CODES.MESSAGE_SEND_NEED_MESSAGE_INSTANCE, '', {}));
      return new Promise((resolve, reject) => startSend(message, options || {}, resolve, reject));
    };

    function startSend(message, options, resolve, reject) {
      const user = account(st.userID);
      const failWith = (code, text) => {
        message.status = 'fail';
        reject(new TimError(code, text || '', { message }));
      };
      if (message.status === 'fail') message.isResend = true;
      message.status = 'unSend';
      const type = message.conversationType;
      if (type !== TYPES_3X.CONV_C2C && type !== TYPES_3X.CONV_GROUP) {
        later(() => failWith(ERROR_CODES.MESSAGE_SEND_INVALID_CONVERSATION_TYPE), 0);
        return;
      }
      const failure = user.sendFailures.shift() || hookedSendFailure(message, st.userID);
      if (failure) {
        later(() => {
          if (failure.deliver) accept(message, options);
          failWith(failure.code, failure.message);
        }, failure.afterMs);
        return;
      }
      if (!user.online) { later(() => failWith(ERROR_CODES.NETWORK_TIMEOUT), SEND_TIMEOUT_MS); return; }
      later(() => {
        const refusal = groupRefusal(message);
        if (refusal) { failWith(refusal); return; }
        accept(message, options);
        message.status = 'success';
        resolve({ code: 0, data: { message } });
      }, hub.latencyMs);
    }

    /** The server's side of a send: stamps time and sequence, stores, routes. */
    function accept(message, options) {
      if (groupRefusal(message)) return;
      message.time = serverSeconds();
      serverSequence += 1;
      message.sequence = serverSequence;
      if (!options.onlineUserOnly) {
        storeMessage(account(message.from), message, message.to,
          message.conversationType === TYPES_3X.CONV_GROUP ? groups.get(message.to).type : undefined);
      }
      route(message, options);
    }

    api.getMessageList = function getMessageList(options) {
      if (!st.loggedIn) return notLoggedIn('getMessageList');
      if (!isObject(options) || !isNonEmptyString(options.conversationID)) throw paramsError();
      const userID = st.userID;
      return ack(() => messagePage(account(userID), options));
    };

    api.getConversationList = function getConversationList(filter) {
      if (!st.loggedIn) return notLoggedIn('getConversationList');
      const userID = st.userID;
      return ack(() => {
        let list = Array.from(account(userID).conversations.values()).filter((c) => c.messages.length > 0);
        if (Array.isArray(filter)) list = list.filter((c) => filter.indexOf(c.conversationID) >= 0);
        list.sort((a, b) => b.messages[b.messages.length - 1].time - a.messages[a.messages.length - 1].time);
        return { code: 0, data: { conversationList: list.map(conversationSummary), isSyncCompleted: true } };
      });
    };

    api.setMessageRead = function setMessageRead(options) {
      if (!st.loggedIn) return notLoggedIn('setMessageRead');
      if (!isObject(options) || !isNonEmptyString(options.conversationID)) throw paramsError();
      const conv = account(st.userID).conversations.get(options.conversationID);
      return ack(() => {
        if (conv) { conv.unreadCount = 0; conv.messages.forEach((m) => { if (m.flow === 'in') m.isRead = true; }); }
        return { code: 0, data: {} };
      });
    };

    /** Sets the own nick/avatar (other fields of the real SDK's profile are not kept). */
    api.updateMyProfile = function updateMyProfile(options) {
      if (!st.loggedIn) return notLoggedIn('updateMyProfile');
      if (!isObject(options)) throw paramsError();
      const profile = account(st.userID).profile;
      if (typeof options.nick === 'string') profile.nick = options.nick;
      if (typeof options.avatar === 'string') profile.avatar = options.avatar;
      const userID = st.userID;
      return ack(() => ({ code: 0, data: { userID, nick: profile.nick, avatar: profile.avatar } }));
    };

    /** Profiles `{userID, nick, avatar}` of the listed users that have an account (logged in once). */
    api.getUserProfile = function getUserProfile(options) {
      if (!st.loggedIn) return notLoggedIn('getUserProfile');
      if (!isObject(options) || !Array.isArray(options.userIDList)) throw paramsError();
      const known = options.userIDList.filter((userID) => users.has(userID));
      return ack(() => ({ code: 0, data: known.map((userID) => ({ userID, nick: users.get(userID).profile.nick, avatar: users.get(userID).profile.avatar })) }));
    };

    if (flavour === '3.x') {
      api.isReady = function isReady() { return st.ready; };
      api.getLoginUser = function getLoginUser() { return st.loggedIn ? st.userID : ''; };
      /** Server time in ms (Date.now() + the offset computed at login); 2024 before login. */
      api.getServerTime = function getServerTime() {
        if (!st.loggedIn) return notLoggedIn('getServerTime');
        return now() + st.offsetMs;
      };
    }

    st.api = api;
    return api;
  }

  function groupRefusal(message) {
    if (message.conversationType !== TYPES_3X.CONV_GROUP) return 0;
    const group = groups.get(message.to);
    if (!group) return ERROR_CODES.GROUP_NOT_FOUND;
    if (!group.members.has(message.from)) return ERROR_CODES.GROUP_NO_PERMISSION;
    return 0;
  }

  /** One getMessageList page: oldest first, at most 15, ending before nextReqMessageID. */
  function messagePage(user, options) {
    const conv = user.conversations.get(options.conversationID);
    const all = conv ? conv.messages : [];
    let end = all.length;
    if (isNonEmptyString(options.nextReqMessageID)) {
      const i = all.findIndex((m) => m.ID === options.nextReqMessageID);
      end = i >= 0 ? i : 0;
    }
    const count = Math.min(Math.max(Number(options.count) || MAX_MESSAGE_LIST_COUNT, 1), MAX_MESSAGE_LIST_COUNT);
    const start = Math.max(0, end - count);
    const messageList = all.slice(start, end);
    return { code: 0, data: { messageList, nextReqMessageID: start > 0 ? all[start].ID : '', isCompleted: start === 0 } };
  }

  function kick(st, type) {
    endSession(st);
    emit(st, EVENT_3X.KICKED_OUT, { type });
  }

  // ---- hub controls for tests ----------------------------------------------------------------

  hub.createInstance = createInstance;

  /** A module-like facade: a drop-in for require('tim-wx-sdk') ('2.x') or
   *  require('@tencentcloud/chat') ('3.x'): {create, EVENT, TYPES, VERSION}. */
  hub.sdk = function sdk(flavour) {
    const constants = constantsFor(flavour || '3.x');
    return Object.assign({}, constants, {
      create: (createOptions) => createInstance(Object.assign({}, createOptions, { flavour: flavour || '3.x' })),
    });
  };

  /** {EVENT, TYPES, VERSION, create} of @tencentcloud/chat 3.x (EVENT/TYPES values shared with 2.x). */
  hub.TIM = hub.sdk('3.x');

  /** The server clock in ms. */
  hub.serverNow = serverNowMs;

  /** Creates (or replaces) an IM group with members. type defaults to 'Private' (Work). */
  hub.createGroup = function createGroup(groupID, members, groupOptions) {
    const type = (groupOptions && groupOptions.type) || TYPES_3X.GRP_WORK;
    groups.set(groupID, { groupID, type, members: new Set(members || []) });
  };
  hub.addGroupMembers = function addGroupMembers(groupID, members) {
    members.forEach((id) => groups.get(groupID).members.add(id));
  };
  hub.removeGroupMembers = function removeGroupMembers(groupID, members) {
    members.forEach((id) => groups.get(groupID).members.delete(id));
  };
  hub.groupMembers = function groupMembers(groupID) {
    const group = groups.get(groupID);
    return group ? Array.from(group.members) : [];
  };

  /**
   * Network up/down for a user's device. Down: NET_STATE_CHANGE 'disconnected'; sends reject
   * 2801 after 15 s; messages to the user wait. Up: NET_STATE_CHANGE 'connected', then the
   * messages missed while logged in are emitted as one MESSAGE_RECEIVED batch (the SDK's
   * reconnect re-sync), and logins waiting for the network proceed.
   */
  hub.setOnline = function setOnline(userID, online) {
    const user = account(userID);
    if (user.online === Boolean(online)) return;
    user.online = Boolean(online);
    const st = user.session;
    if (st && st.loggedIn) {
      emit(st, EVENT_3X.NET_STATE_CHANGE, { state: online ? TYPES_3X.NET_STATE_CONNECTED : TYPES_3X.NET_STATE_DISCONNECTED });
    }
    if (!online) return;
    if (st && st.ready && st.missed.length > 0) {
      const batch = st.missed.splice(0);
      later(() => {
        if (user.session !== st || !st.ready) return;
        if (user.online) emitReceived(st, batch, false);
        else st.missed.unshift(...batch); // down again before the re-sync: it waits for the next one
      }, 0);
    }
    user.pendingLogins.splice(0).forEach((pending) => { pending.done = true; pending.proceed(); });
  };

  /** Whether a user's device currently has network. */
  hub.isOnline = (userID) => account(userID).online;

  /**
   * Makes the user's next sendMessage fail with `code`. Options: afterMs (default 15000 for
   * 2801, else 0), message (default ''), deliver (the server got it anyway: the recipients
   * receive it though the sender sees a failure, e.g. a lost acknowledgement).
   */
  hub.failNextSend = function failNextSend(userID, code, failOptions) {
    account(userID).sendFailures.push(sendFailureEntry(code, failOptions));
  };

  /** A queued send failure from failNextSend's arguments (afterMs defaults by code). */
  function sendFailureEntry(code, failOptions) {
    const o = failOptions || {};
    const afterMs = o.afterMs !== undefined ? o.afterMs : (code === ERROR_CODES.NETWORK_TIMEOUT ? SEND_TIMEOUT_MS : 0);
    return { code, afterMs, message: o.message || '', deliver: Boolean(o.deliver) };
  }

  /** The `faults.sendFailure` hook's verdict for one send, as a failure entry or null. */
  function hookedSendFailure(message, senderID) {
    const verdict = faultHook('sendFailure', () => null)(message, senderID);
    return verdict && verdict.code ? sendFailureEntry(verdict.code, verdict) : null;
  }

  /** Makes the user's next login reject with `code` after `afterMs` (default 0). */
  hub.failNextLogin = function failNextLogin(userID, code, failOptions) {
    const o = failOptions || {};
    account(userID).loginFailures.push({ code, afterMs: o.afterMs || 0 });
  };

  /** Kicks the user's session out (KICKED_OUT {type}); default 'multipleAccount'. */
  hub.kick = function kickUser(userID, type) {
    const st = account(userID).session;
    if (st) kick(st, type || TYPES_3X.KICKED_OUT_MULT_ACCOUNT);
  };

  /** The instance a user is currently logged in on, or null. */
  hub.sessionOf = function sessionOf(userID) {
    const user = users.get(userID);
    return user && user.session ? user.session.api : null;
  };

  /** The server-side stored messages of one of a user's conversations (for assertions). */
  hub.storedMessages = function storedMessages(userID, conversationID) {
    const conv = account(userID).conversations.get(conversationID);
    return conv ? conv.messages.slice() : [];
  };

  return hub;
}

const TIM = constantsFor('3.x');

module.exports = { createImHub, TIM, TimError, Message, constantsFor, ERROR_CODES, PARAMS_VALIDATE_FAILED };
