// A small fake `wx` plus an in-process fake IM backend, so the REAL npm `tim-wx-sdk` 2.x and
// `@tencentcloud/chat` 3.x run in node (../shared/reference/tim-sdk.md §9, extended to route
// between several logged-in users). Nothing leaves the process: every `wx.connectSocket` and
// `wx.request` lands here.
//
// REQUIRE THIS BEFORE THE SDK. Both SDKs detect the platform once, when their module is
// evaluated (`typeof wx !== 'undefined' && wx.getSystemInfoSync().fontSizeSetting`), and
// `login()` reads the globals `getApp()` and `__wxConfig.pages`. Without the fake `wx`, 3.x
// runs in web mode and, on a node with a global WebSocket, could open a real socket.
//
// The backend is reverse-engineered from the SDKs' own request/response key maps; it only has
// to satisfy the pinned versions (tim-wx-sdk 2.27.6, @tencentcloud/chat 3.6.6). It is not a
// protocol spec. What it does:
// - each socket learns its user from `im_open_status.wslogin` (`head.identifier`); every user
//   gets its own TinyId; the server clock is `Date.now()` + `serverOffsetS`;
// - `openim.sendmsg` answers `{MsgTime, MsgSeq}` and, when the addressee has a logged-in socket,
//   pushes the message to it (`im_open_push.msg_push`, C2C); otherwise it queues it for the
//   addressee's next `openim.getmsg` (a fresh login does not emit those as MESSAGE_RECEIVED,
//   see tim-sdk.md §8);
// - `group_open_http_svc.send_group_msg` answers `{MsgTime, MsgSeq}` and pushes the message
//   to every other logged-in member of the group (see `groups`), as the SDKs' GroupMsgArray;
// - `openim.modify_c2c_msg` (chat's modifyMessage, TSignaling's modifyInvitation) replaces the
//   stored message's body (roaming history and the addressee's offline queue; see `modified`);
//   online peers are not told (the server's modification push is not emulated);
// - fault hooks: `handlers[cmd] = () => null` leaves a command unanswered, `failNext(cmd,
//   code, info)` makes the next one fail with a server ErrorCode, `offline` fails sockets.
'use strict';

const store = new Map();
const sockets = [];
const frames = [];
const requests = [];
const noop = () => {};

const state = {
  serverOffsetS: 0,
  offline: false,
  seq: 100,
  nextTinyId: 1,
  /** userID -> TinyId (a string, as the server sends it) */
  tinyIds: new Map(),
  /** userID -> wire messages waiting for that user's next `openim.getmsg` */
  pending: new Map(),
  /** groupID -> Set of member userIDs */
  groups: new Map(),
  /** servcmd -> [{ErrorCode, ErrorInfo}] consumed one per request */
  failures: new Map(),
};

function buf(o) {
  const b = Buffer.from(JSON.stringify(o));
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.length);
}
/** The fake server's clock, in seconds. */
function now() {
  return Math.floor(Date.now() / 1000) + (state.serverOffsetS || 0);
}
function ok(x) {
  return Object.assign({ ErrorCode: 0, ErrorInfo: '', ActionStatus: 'OK' }, x);
}
function tinyIdOf(userID) {
  if (!state.tinyIds.has(userID)) state.tinyIds.set(userID, '14411500000000' + String(state.nextTinyId++).padStart(4, '0'));
  return state.tinyIds.get(userID);
}
function userOfTinyId(tinyId) {
  for (const [user, id] of state.tinyIds) if (id === String(tinyId)) return user;
  return '';
}

/** The open, logged-in socket of `userID` (the latest one), or null. */
function socketOf(userID) {
  for (let i = sockets.length - 1; i >= 0; i--) {
    const s = sockets[i];
    if (s.user === userID && s.isOpen && s.loggedIn) return s;
  }
  return null;
}

function deliverFrame(task, head, body) {
  setTimeout(() => {
    if (!task.isOpen) return;
    task.h.message.forEach((cb) => cb({ data: buf({ head, body }) }));
  }, 1);
}

/**
 * A C2C custom message as the server pushes/syncs it. `isSyncMsg`: a message the addressee
 * itself sent from another device; the server then has From=peer, To=self (the SDKs swap them
 * back, so it arrives with `from`=self and `flow:'out'`).
 */
function wireC2C({ from, to, data = '', desc = '', ext = '', time = now(), clientTime = time, seq, random, cloudCustomData, nick, avatar, isSyncMsg }) {
  const r = random === undefined ? Math.floor(Math.random() * 2 ** 31) : random;
  const s = seq === undefined ? ++state.seq : seq;
  const msg = {
    From_Account: from, To_Account: to, TinyId: tinyIdOf(from), MsgSeq: s, MsgRandom: r, MsgTimeStamp: time,
    MsgClientTime: clientTime, MsgKey: `${s}_${r}_${time}`, CloudCustomData: cloudCustomData, From_AccountNick: nick,
    From_AccountHeadurl: avatar, MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: data, Desc: desc, Ext: ext } }],
  };
  if (isSyncMsg) msg.IsSyncMsg = 1;
  return msg;
}

/** A group custom message as the server pushes it (GroupMsgArray item). */
function wireGroup({ from, groupID, data = '', desc = '', ext = '', time = now(), clientTime = time, seq, random, cloudCustomData }) {
  const r = random === undefined ? Math.floor(Math.random() * 2 ** 31) : random;
  const s = seq === undefined ? ++state.seq : seq;
  return {
    GroupId: groupID, GroupInfo: { GroupId: groupID, GroupType: 'Private' }, From_Account: from, To_Account: groupID, TinyId: tinyIdOf(from), MsgSeq: s, MsgRandom: r, MsgTimeStamp: time,
    MsgClientTime: clientTime, MsgPriority: 1, CloudCustomData: cloudCustomData, OnlineOnlyFlag: 0, ClientSeq: r,
    MsgFrom_AccountExtraInfo: { Nick: '', FaceUrl: '' },
    MsgBody: [{ MsgType: 'TIMCustomElem', MsgContent: { Data: data, Desc: desc, Ext: ext } }],
  };
}

/** A group's base info as the group APIs answer it (a work group: not an AVChatRoom). */
function groupInfo(groupID) {
  const members = state.groups.get(groupID) || new Set();
  return { GroupId: groupID, Type: 'Private', Name: groupID, Owner_Account: [...members][0] || '', MemberNum: members.size,
    MaxMemberNum: 200, NextMsgSeq: state.seq + 1, CreateTime: 1, InfoSeq: 1, LastInfoTime: 1, LastMsgTime: 0,
    ApplyJoinOption: 'NeedPermission', ShutUpAllMember: 'Off', SelfInfo: { Role: 'Member', MsgFlag: 'AcceptAndNotify', JoinTime: 1 } };
}

/** Server push of online C2C messages to `userID` (default: the latest socket). */
function push(msgs, userID) {
  const t = userID ? socketOf(userID) : sockets[sockets.length - 1];
  if (!t) throw new Error(`fake backend: ${userID} has no logged-in socket`);
  deliverFrame(t, { servcmd: 'im_open_push.msg_push', seq: 0 }, { eventArray: [{ event: 1, C2cMsgArray: msgs }] });
}

/** Server push of online group messages to `userID`. */
function pushGroup(msgs, userID) {
  const t = socketOf(userID);
  if (!t) throw new Error(`fake backend: ${userID} has no logged-in socket`);
  deliverFrame(t, { servcmd: 'im_open_push.msg_push', seq: 0 }, { eventArray: [{ event: 3, GroupMsgArray: msgs }] });
}

/**
 * Server notice that `userID` was kicked out (kickType 1 multipleAccount, 2 multipleDevice,
 * 3 REST API): the SDK logs out and emits KICKED_OUT.
 */
function kick(userID, kickType = 1) {
  const t = socketOf(userID);
  if (!t) throw new Error(`fake backend: ${userID} has no logged-in socket`);
  deliverFrame(t, { servcmd: 'im_open_push.msg_push', seq: 0 },
    { eventArray: [{ event: 9, C2cNotifyMsgArray: [{ KickoutMsgNotify: { KickType: kickType, NewInstInfo: {} } }] }] });
}

/** Simulates a network drop on `userID`'s socket (default: the latest socket). */
function drop(userID) {
  const t = userID ? socketOf(userID) : sockets[sockets.length - 1];
  if (!t) return;
  t.isOpen = false;
  t.h.close.forEach((f) => f({ code: 1006 }));
}

/** The next `count` requests of `servcmd` fail with server `ErrorCode` `code`. */
function failNext(servcmd, code, info = '', count = 1) {
  const list = state.failures.get(servcmd) || [];
  for (let i = 0; i < count; i++) list.push({ ErrorCode: code, ErrorInfo: info, ActionStatus: 'FAIL' });
  state.failures.set(servcmd, list);
}

function fromOf(head, task) {
  return task.user || userOfTinyId(head.tinyid) || head.identifier || '';
}

const handlers = {   // servcmd -> (body, frame, task) -> response body; unknown commands get ok({}); null = no answer
  'im_open_status.wslogin': (body, j, task) => {
    task.user = j.head.identifier;
    task.loggedIn = true;
    return ok({ A2Key: 'a2', TinyId: tinyIdOf(task.user), HelloInterval: 120, InstId: 1, TimeStamp: now() });
  },
  'im_open_status.wslogout': (body, j, task) => {
    task.loggedIn = false;
    return ok({});
  },
  // The conversation list: one C2C item per peer in the stored history (the latest message).
  // CompleteFlag 1, else the SDK pages forever.
  'recentcontact.page_get': (body, j, task) => {
    const user = body.From_Account || fromOf(j.head, task);
    const latest = new Map();
    for (const m of history) {
      const peer = m.From_Account === user ? m.To_Account : m.To_Account === user ? m.From_Account : null;
      if (peer !== null && (!latest.has(peer) || latest.get(peer).MsgTimeStamp <= m.MsgTimeStamp)) latest.set(peer, m);
    }
    const items = [...latest].map(([peer, m]) => ({
      Type: 1, To_Account: peer, MsgTimeStamp: m.MsgTimeStamp, MsgSeq: m.MsgSeq, MsgRandom: m.MsgRandom,
      UnreadMsgCount: m.From_Account === user ? 0 : 1, C2cPeerReadTime: 0, LastC2CMsgFromAccount: m.From_Account,
      LastMsg: { MsgBody: m.MsgBody, CloudCustomData: m.CloudCustomData || '' },
    }));
    return ok({ CompleteFlag: 1, SessionItem: items, TimeStamp: now(), StartIndex: 0, TopTimeStamp: 0, TopStartIndex: 0 });
  },
  'sns.black_list_get': () => ok({ BlackListItem: [], StartIndex: 0 }),        // else 3.x pages forever
  'openim.getmsg': (body, j, task) => {
    const user = fromOf(j.head, task);
    const list = state.pending.get(user) || [];
    state.pending.set(user, []);
    return ok({ Cookie: 'c1', SyncFlag: 2, MsgList: list });
  },
  'openim.sendmsg': (body, j, task) => {
    const time = now();
    const seq = ++state.seq;
    const from = body.From_Account || fromOf(j.head, task);
    const to = body.To_Account;
    const body0 = (body.MsgBody && body.MsgBody[0]) || { MsgContent: {} };
    const c = body0.MsgContent || {};
    const wire = wireC2C({ from, to, data: c.Data, desc: c.Desc, ext: c.Ext, time, clientTime: body.MsgClientTime,
      seq, random: body.MsgRandom, cloudCustomData: body.CloudCustomData });
    wire.MsgBody = body.MsgBody;
    sent.push({ from, to, time, seq, wire, request: body });
    if (!(body.MsgLifeTime === 0)) history.push(wire);
    if (exports.route) {
      if (socketOf(to)) push([wire], to);
      else {
        if (!state.pending.has(to)) state.pending.set(to, []);
        state.pending.get(to).push(wire);
      }
    }
    return ok({ MsgTime: time, MsgSeq: seq, MsgKey: `${seq}_${body.MsgRandom}_${time}` });
  },
  'group_open_http_svc.send_group_msg': (body, j, task) => {
    const time = now();
    const seq = ++state.seq;
    const from = body.From_Account || fromOf(j.head, task);
    const groupID = body.GroupId;
    const wire = wireGroup({ from, groupID, time, seq, random: body.Random, clientTime: body.MsgClientTime,
      cloudCustomData: body.CloudCustomData });
    wire.MsgBody = body.MsgBody;
    sent.push({ from, groupID, time, seq, wire, request: body });
    if (exports.route) {
      for (const member of state.groups.get(groupID) || []) if (member !== from && socketOf(member)) pushGroup([wire], member);
    }
    return ok({ MsgTime: time, MsgSeq: seq });
  },
  'group_open_http_svc.get_joined_group_list': (body, j, task) => {
    const user = body.Member_Account || fromOf(j.head, task);
    const list = [...state.groups.keys()].filter((g) => state.groups.get(g).has(user)).map(groupInfo);
    return ok({ TotalCount: list.length, GroupIdList: list });
  },
  'group_open_http_svc.get_group_self_member_info': (body) => {
    const ids = body.GroupIdList || [];
    return ok({ GroupIdList: ids.filter((g) => state.groups.has(g)).map(groupInfo) });
  },
  // C2C roaming history with one peer, newest MaxCnt (oldest first), all in one page.
  'openim.getroammsg': (body, j, task) => {
    const user = fromOf(j.head, task);
    const peer = body.Peer_Account;
    const before = body.LastMsgTime || Infinity;
    const list = history.filter((m) => ((m.From_Account === user && m.To_Account === peer) || (m.From_Account === peer && m.To_Account === user))
      && m.MsgTimeStamp <= before);
    const page = list.slice(-(body.MaxCnt || 15));
    return ok({ Complete: 1, MsgList: page, LastMsgTime: page.length ? page[0].MsgTimeStamp : 0, MsgKey: '' });
  },
  'openim.get_peer_read_time': () => ok({ PeerReadTimeList: [0] }),
  'openim.modify_c2c_msg': (body) => {
    // Found by sender, addressee and MsgRandom: chat 3.x sends its own client sequence here,
    // not the MsgSeq the server answered.
    const stored = history.find((m) => m.MsgRandom === body.MsgRandom && m.From_Account === body.From_Account &&
      m.To_Account === body.To_Account);
    modified.push({ from: body.From_Account, to: body.To_Account, random: body.MsgRandom, applied: Boolean(stored), request: body });
    if (!stored) return ok({});
    stored.MsgBody = body.MsgBody;
    stored.MsgVersion = (stored.MsgVersion || 0) + 1;
    return ok({ MsgTime: stored.MsgTimeStamp, MsgVersion: stored.MsgVersion });
  },
};

/** Every message the backend accepted: `{from, to|groupID, time, seq, wire, request}`. */
const sent = [];
/** The stored C2C messages (wire form), for the conversation list and roaming history. */
const history = [];
/** Every C2C modification asked for: `{from, to, random, applied, request}` (applied: the message was found). */
const modified = [];

function connectSocket({ url }) {
  const h = { open: [], close: [], error: [], message: [] };
  const task = {
    url, h, user: '', loggedIn: false, isOpen: false,
    onOpen: (f) => h.open.push(f), onClose: (f) => h.close.push(f), onError: (f) => h.error.push(f),
    onMessage: (f) => h.message.push(f),
    close() {
      if (!task.isOpen) return;
      task.isOpen = false;
      task.loggedIn = false;
    },
    send({ data }) {
      const j = JSON.parse(typeof data === 'string' ? data : Buffer.from(data).toString());
      frames.push(j);
      if (state.offline || !task.isOpen) return;
      const cmd = j.head.servcmd;
      const queued = state.failures.get(cmd);
      let body;
      if (queued && queued.length) body = queued.shift();
      else {
        const f = handlers[cmd];
        body = f ? f(j.body, j, task) : ok({});
      }
      if (body) deliverFrame(task, j.head, body);   // the reply echoes head (servcmd+seq)
    },
  };
  sockets.push(task);
  setTimeout(() => {
    if (state.offline) {
      h.error.forEach((f) => f({ errMsg: 'offline' }));
      h.close.forEach((f) => f({ code: 1006 }));
    } else {
      task.isOpen = true;
      h.open.forEach((f) => f({}));
    }
  }, 5);
  return task;
}

const wx = {
  getSystemInfoSync: () => ({ fontSizeSetting: 16, platform: 'devtools', SDKVersion: '3.0.0' }),
  getAccountInfoSync: () => ({ miniProgram: { appId: 'wxtest', envVersion: 'develop' } }),
  getStorageSync: (k) => (store.has(k) ? store.get(k) : ''),
  setStorageSync: (k, v) => store.set(k, v),
  removeStorageSync: (k) => store.delete(k),
  clearStorageSync: () => store.clear(),
  getStorageInfoSync: () => ({ keys: [...store.keys()] }),
  getNetworkType: (o) => setTimeout(() => o && o.success && o.success({ networkType: 'wifi' })),
  onNetworkStatusChange: noop, offNetworkStatusChange: noop,
  onAppShow: noop, onAppHide: noop, offAppShow: noop, offAppHide: noop,
  request: (o) => {
    requests.push(o && o.url);
    setTimeout(() => o && o.fail && o.fail({ errMsg: 'request:fail offline' }));
  },
  connectSocket,
};

if (typeof globalThis.wx === 'undefined') {
  globalThis.wx = wx;
  globalThis.getApp = () => ({ globalData: {} });   // read by login()
  globalThis.__wxConfig = { pages: [] };            // read by login()
} else if (globalThis.wx !== wx) {
  throw new Error('fake-tim-backend: a global `wx` exists already; load this helper first, in its own process');
}

/**
 * Both SDKs start a 1 s `setInterval` at `create()` that keeps node alive even after
 * `destroy()` (tim-sdk.md §1). Call this before creating instances: every interval created
 * from then on is unref'd, so the test process ends when the tests do. Timeouts are left alone
 * (the fake socket's replies run on them).
 */
function unrefIntervals() {
  if (globalThis.setInterval.__unrefed) return;
  const original = globalThis.setInterval;
  const patched = function setInterval(...args) {
    const handle = original.apply(this, args);
    if (handle && typeof handle.unref === 'function') handle.unref();
    return handle;
  };
  patched.__unrefed = true;
  globalThis.setInterval = patched;
}

/** Declares group `groupID` with these members (for send_group_msg routing). */
function setGroup(groupID, members) {
  state.groups.set(groupID, new Set(members));
}

Object.assign(exports, {
  wx, handlers, frames, sockets, store, requests, sent, history, modified, state,
  wireC2C, wireGroup, push, pushGroup, kick, drop, now, failNext, socketOf, tinyIdOf, setGroup, unrefIntervals,
  /** Route sent messages to logged-in addressees (true) or just acknowledge them (false). */
  route: true,
});
Object.defineProperty(exports, 'serverOffsetS', { get: () => state.serverOffsetS, set: (v) => { state.serverOffsetS = v; }, enumerable: true });
Object.defineProperty(exports, 'offline', { get: () => state.offline, set: (v) => { state.offline = v; }, enumerable: true });
