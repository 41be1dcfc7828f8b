// Tests for the cloud test doubles in test-support/: the local IM hub (shapes and semantics of
// tim-wx-sdk 2.x / @tencentcloud/chat 3.x per ../shared/reference/tim-sdk.md) and the simulated
// TRTC room service (live-pusher codes per platform.md §D.4). Everything runs on virtual time.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { createVirtualClock } = require('../test-support/virtual-clock');
const { createImHub, TIM, TimError, Message } = require('../test-support/im-hub');
const { createTrtcRooms, parsePushUrl } = require('../test-support/trtc-room');

const T0 = 1795797350000; // device clock at start (ms)
const SDKAppID = 1400000000;

// ---- IM helpers --------------------------------------------------------------------------------

function setupHub(options) {
  const clock = createVirtualClock({ start: T0 });
  const hub = createImHub(Object.assign({ now: clock.now, schedule: clock.schedule }, options));
  return { clock, hub };
}

const RECORDED = ['SDK_READY', 'SDK_NOT_READY', 'SDK_DESTROY', 'MESSAGE_RECEIVED', 'KICKED_OUT', 'NET_STATE_CHANGE'];

/** Subscribes to the events the adapter uses; returns the array they are recorded into. */
function record(tim) {
  const events = [];
  for (const key of RECORDED) tim.on(TIM.EVENT[key], (event) => events.push(event));
  return events;
}

/** Creates an instance, logs `userID` in and waits for SDK_READY. */
async function loginUser(env, userID, flavour) {
  const tim = env.hub.createInstance({ SDKAppID, flavour: flavour || '3.x' });
  const events = record(tim);
  const pending = tim.login({ userID, userSig: 'sig-' + userID });
  await env.clock.tick(0);
  const result = await pending;
  assert.equal(result.code, 0);
  assert.ok(events.some((e) => e.name === TIM.EVENT.SDK_READY), `${userID} is ready`);
  events.length = 0;
  return { tim, events, result };
}

function customMessage(tim, to, data, conversationType) {
  return tim.createCustomMessage({ to, conversationType: conversationType || TIM.TYPES.CONV_C2C,
    priority: TIM.TYPES.MSG_PRIORITY_HIGH, payload: { data, description: '', extension: '' } });
}

function received(events) {
  return events.filter((e) => e.name === TIM.EVENT.MESSAGE_RECEIVED);
}

function receivedData(events) {
  return received(events).reduce((all, e) => all.concat(e.data), []).map((m) => m.payload.data);
}

/** Settles a promise that may be pending, without waiting for it. */
async function peek(promise) {
  const marker = {};
  let outcome = marker;
  promise.then((v) => { outcome = { value: v }; }, (e) => { outcome = { error: e }; });
  await new Promise((r) => setImmediate(r));
  return outcome === marker ? 'pending' : outcome;
}

// Own keys of a created 3.x custom Message, in order (tim-sdk.md §3).
const OUT_KEYS_3X = ['ID', 'conversationID', 'conversationType', 'time', 'sequence', 'clientSequence', 'random',
  'priority', 'nick', 'avatar', 'isPeerRead', 'nameCard', 'hasRiskContent', '_elements', 'isPlaceMessage', 'isRevoked',
  'from', 'to', 'flow', 'isSystemMessage', 'protocol', 'isResend', 'isRead', 'status', '_onlineOnlyFlag',
  '_groupAtInfoList', '_relayFlag', 'atUserList', 'cloudCustomData', 'isDeleted', 'isModified',
  '_isExcludedFromUnreadCount', '_isExcludedFromLastMessage', 'clientTime', 'senderTinyID', 'readReceiptInfo',
  'needReadReceipt', 'version', 'isBroadcastMessage', 'isSupportExtension', 'revoker', 'revokerInfo', 'revokeReason',
  'pinnerInfo', 'level', 'payload', 'type'];
// Own keys of a received Message (tim-sdk.md §4).
const IN_KEYS = ['ID', 'conversationID', 'conversationType', 'time', 'sequence', 'clientSequence', 'random', 'priority',
  'nick', 'avatar', 'isPeerRead', 'nameCard', '_elements', 'isPlaceMessage', 'isRevoked', 'from', 'to', 'flow',
  'isSystemMessage', 'protocol', 'isResend', 'isRead', 'status', 'atUserList', 'cloudCustomData', 'isDeleted',
  'isModified', 'clientTime', 'senderTinyID', 'needReadReceipt', 'version', 'isBroadcastMessage', 'isSupportExtension',
  'payload', 'type'];

// ---- IM: constants -------------------------------------------------------------------------------

test('IM hub: EVENT/TYPES carry the SDKs\' runtime values, per flavour', () => {
  const { hub } = setupHub();
  assert.equal(TIM.EVENT.SDK_READY, 'sdkStateReady');
  assert.equal(TIM.EVENT.SDK_NOT_READY, 'sdkStateNotReady');
  assert.equal(TIM.EVENT.MESSAGE_RECEIVED, 'onMessageReceived');
  assert.equal(TIM.EVENT.KICKED_OUT, 'kickedOut');
  assert.equal(TIM.EVENT.NET_STATE_CHANGE, 'netStateChange');
  assert.equal(TIM.EVENT.SDK_DESTROY, 'sdkDestroy');
  assert.equal(TIM.TYPES.MSG_CUSTOM, 'TIMCustomElem');
  assert.equal(TIM.TYPES.CONV_C2C, 'C2C');
  assert.equal(TIM.TYPES.CONV_GROUP, 'GROUP');
  assert.equal(TIM.TYPES.MSG_PRIORITY_HIGH, 'High');
  assert.equal(TIM.TYPES.KICKED_OUT_MULT_ACCOUNT, 'multipleAccount');
  assert.equal(TIM.TYPES.NET_STATE_DISCONNECTED, 'disconnected');
  assert.equal(TIM.TYPES.CONV_MARK_TYPE_FOLD, 4);
  assert.equal(TIM.TYPES.CONV_MARK_TYPE_HIDE, 8);
  assert.equal(hub.TIM.EVENT, TIM.EVENT);
  const v2 = hub.sdk('2.x');
  const v3 = hub.sdk('3.x');
  assert.equal(v2.VERSION, '2.27.6');
  assert.equal(v3.VERSION, '3.6.6');
  assert.equal(v2.EVENT.SDK_RELOAD, 'sdkReload');
  assert.equal(v3.EVENT.SDK_RELOAD, undefined);
  assert.equal(v3.EVENT.PINNED_GROUP_MESSAGE_UPDATED, 'onPinnedGroupMessageUpdated');
  assert.equal(v2.TYPES.GRP_ROOM, undefined);
  assert.equal(v3.TYPES.GRP_ROOM, 'Room');
  assert.throws(() => hub.createInstance({ SDKAppID, flavour: '4.x' }), TypeError);
});

test('IM hub: 2.x instances lack isReady/getLoginUser/getServerTime', () => {
  const { hub } = setupHub();
  const v2 = hub.sdk('2.x').create({ SDKAppID });
  const v3 = hub.createInstance({ SDKAppID });
  for (const name of ['isReady', 'getLoginUser', 'getServerTime']) {
    assert.equal(typeof v2[name], 'undefined', name);
    assert.equal(typeof v3[name], 'function', name);
  }
  for (const name of ['on', 'off', 'login', 'logout', 'destroy', 'createCustomMessage', 'sendMessage',
    'getMessageList', 'getConversationList', 'setLogLevel']) {
    assert.equal(typeof v2[name], 'function', name);
  }
});

// ---- IM: before login, bad params --------------------------------------------------------------

test('IM hub: before login every API rejects {code:2024}; nothing throws', async () => {
  const { hub } = setupHub();
  const tim = hub.createInstance({ SDKAppID });
  assert.equal(tim.isReady(), false);
  assert.equal(tim.getLoginUser(), '');
  const calls = {
    createCustomMessage: () => tim.createCustomMessage({ to: 'bob', conversationType: 'C2C', payload: { data: 'x' } }),
    createCustomMessageBadParams: () => tim.createCustomMessage({}),
    sendMessage: () => tim.sendMessage({}),
    getMessageList: () => tim.getMessageList({ conversationID: 'C2Cbob' }),
    getConversationList: () => tim.getConversationList(),
    getServerTime: () => tim.getServerTime(),
    logout: () => tim.logout(),
    destroy: () => tim.destroy(),
  };
  for (const [name, call] of Object.entries(calls)) {
    const result = call();
    assert.ok(result instanceof Promise, `${name} returns a Promise`);
    await assert.rejects(result, (error) => {
      assert.ok(error instanceof Error);
      assert.ok(error instanceof TimError);
      assert.deepEqual(Object.keys(error).sort(), ['code', 'data', 'message']);
      assert.equal(error.code, 2024);
      assert.deepEqual(error.data, {});
      assert.match(error.message, /^ \| \w+ \| $/); // no error text offline, only the API name
      return true;
    }, name);
  }
});

test('IM hub: after login, bad params throw synchronously "Params validate failed." without code', async () => {
  const env = setupHub();
  const { tim } = await loginUser(env, 'alice');
  const bad = [
    () => tim.createCustomMessage({ conversationType: 'C2C', payload: { data: 'x' } }), // no to
    () => tim.createCustomMessage({ to: 'bob', conversationType: 'C2C' }), // no payload
    () => tim.createCustomMessage({ to: 'bob', conversationType: 'C2C', payload: { data: 42 } }),
    () => tim.sendMessage(),
    () => tim.getMessageList({}),
    () => tim.login({ userID: 'alice' }),
  ];
  for (const call of bad) {
    assert.throws(call, (error) => error instanceof Error && error.message === 'Params validate failed.' && error.code === undefined);
  }
  const onlyDescription = tim.createCustomMessage({ to: 'bob', conversationType: 'C2C', payload: { description: 'd' } });
  assert.deepEqual(onlyDescription.payload, { data: '', description: 'd', extension: '' });
  await assert.rejects(tim.sendMessage({ not: 'a message' }), { code: 2105, message: '' });
  const odd = tim.createCustomMessage({ to: 'a', conversationType: 'XX', payload: { data: '' } });
  assert.equal(odd.conversationID, 'XXa'); // conversationType is not validated at creation
  const sending = assert.rejects(tim.sendMessage(odd), { code: 2106 });
  await env.clock.tick(0);
  await sending;
});

// ---- IM: login, server time --------------------------------------------------------------------

test('IM hub: login resolves with the SDK shape, then SDK_READY fires; server time is stamped', async () => {
  const env = setupHub({ serverOffsetMs: -3600 * 1000 + 250 });
  const tim = env.hub.createInstance({ SDKAppID });
  const order = [];
  tim.on(TIM.EVENT.SDK_READY, (event) => order.push(event));
  const pending = tim.login({ userID: 'alice', userSig: 'sig' }).then((r) => { order.push('resolved'); return r; });
  assert.equal(await peek(pending), 'pending');
  await env.clock.tick(0);
  const result = await pending;
  assert.deepEqual(order, ['resolved', { name: 'sdkStateReady' }]);
  const serverSeconds = Math.floor((T0 - 3600 * 1000 + 250) / 1000);
  assert.deepEqual(Object.keys(result.data), ['errorCode', 'errorInfo', 'actionStatus', 'a2Key', 'tinyID',
    'helloInterval', 'instanceID', 'timeStamp']);
  assert.equal(result.data.timeStamp, serverSeconds);
  assert.equal(result.data.actionStatus, 'OK');
  assert.equal(tim.isReady(), true);
  assert.equal(tim.getLoginUser(), 'alice');
  // getServerTime: ms, offset taken at login with the login TimeStamp's 1 s resolution.
  assert.equal(tim.getServerTime(), serverSeconds * 1000);
  await env.clock.tick(10000);
  assert.equal(tim.getServerTime(), serverSeconds * 1000 + 10000);
  assert.equal(env.hub.serverNow(), T0 + 10000 - 3600 * 1000 + 250);
});

test('IM hub: message time is server seconds after send; creation uses the local clock', async () => {
  const env = setupHub({ serverOffsetMs: -3600 * 1000 });
  const { tim: alice } = await loginUser(env, 'alice');
  const { events } = await loginUser(env, 'bob');
  await env.clock.tick(1500);
  const message = customMessage(alice, 'bob', '{"cmd":"invite"}');
  const localNow = T0 + 1500;
  assert.equal(message.time, Math.ceil(localNow / 1000)); // local, unadjusted
  assert.equal(message.clientTime, Math.floor((localNow - 3600 * 1000) / 1000)); // server-adjusted
  assert.equal(message.status, 'unSend');
  assert.equal(message.ID, `${message.senderTinyID}-${message.clientTime}-${message.random}`);
  const sending = alice.sendMessage(message, { offlinePushInfo: { title: 'Call', description: 'alice calls' } });
  await env.clock.tick(0);
  const result = await sending;
  const serverTime = Math.floor((localNow - 3600 * 1000) / 1000);
  assert.deepEqual(Object.keys(result), ['code', 'data']);
  assert.equal(result.code, 0);
  assert.equal(result.data.message, message); // the same object
  assert.equal(message.status, 'success');
  assert.equal(message.time, serverTime);
  const [got] = received(events)[0].data;
  assert.equal(got.time, serverTime);
  assert.equal(got.clientTime, message.clientTime);
  assert.equal(env.hub.sent[0].offlinePushInfo.title, 'Call');
});

// ---- IM: C2C and group routing -----------------------------------------------------------------

test('IM hub: C2C send/receive between two users, with the SDK\'s Message and event shapes', async () => {
  const env = setupHub();
  const alice = await loginUser(env, 'alice');
  const bob = await loginUser(env, 'bob');
  const message = alice.tim.createCustomMessage({ to: 'bob', conversationType: TIM.TYPES.CONV_C2C,
    priority: TIM.TYPES.MSG_PRIORITY_HIGH, cloudCustomData: 'ccd',
    payload: { data: '{"cmd":"invite","callId":"c1"}', description: 'call', extension: 'ext' } });
  assert.ok(message instanceof Message);
  assert.deepEqual(Object.keys(message), OUT_KEYS_3X);
  assert.equal(message.conversationID, 'C2Cbob');
  assert.equal(message.flow, 'out');
  assert.equal(message.priority, 'High');
  assert.deepEqual(message._elements, [{ type: 'TIMCustomElem', content: message.payload }]);
  const sending = alice.tim.sendMessage(message);
  await env.clock.tick(0);
  assert.equal((await sending).code, 0);

  const events = received(bob.events);
  assert.equal(events.length, 1);
  assert.equal(events[0].name, 'onMessageReceived');
  assert.equal(events[0].data.length, 1);
  const got = events[0].data[0];
  assert.deepEqual(Object.keys(got), IN_KEYS);
  assert.equal(got.ID, message.ID);
  assert.equal(got.type, 'TIMCustomElem');
  assert.equal(got.conversationType, 'C2C');
  assert.equal(got.conversationID, 'C2Calice');
  assert.equal(got.from, 'alice');
  assert.equal(got.to, 'bob');
  assert.equal(got.flow, 'in');
  assert.equal(got.status, 'success');
  assert.equal(got.isRead, false);
  assert.equal(got.priority, 'Normal'); // C2C priority is not on the wire
  assert.equal(got.cloudCustomData, 'ccd');
  assert.deepEqual(got.payload, { data: '{"cmd":"invite","callId":"c1"}', description: 'call', extension: 'ext' });
  assert.deepEqual(received(alice.events), []); // no MESSAGE_RECEIVED for one's own send

  // The reply goes the other way.
  const reply = bob.tim.sendMessage(customMessage(bob.tim, 'alice', '{"cmd":"accept"}'));
  await env.clock.tick(0);
  await reply;
  assert.deepEqual(receivedData(alice.events), ['{"cmd":"accept"}']);
});

test('IM hub: 2.x messages have the 2.x field set', async () => {
  const env = setupHub();
  const { tim } = await loginUser(env, 'alice', '2.x');
  const message = customMessage(tim, 'bob', 'x');
  for (const key of ['hasRiskContent', 'revokerInfo', 'revokeReason', 'pinnerInfo', 'level']) {
    assert.equal(Object.prototype.hasOwnProperty.call(message, key), false, key);
  }
  assert.deepEqual(message.readReceiptInfo, {});
  assert.equal(message.revoker, null);
});

test('IM hub: group messages reach every member but the sender; non-members and unknown groups fail', async () => {
  const env = setupHub();
  const users = {};
  for (const id of ['alice', 'bob', 'carol', 'dave']) users[id] = await loginUser(env, id);
  env.hub.createGroup('g1', ['alice', 'bob', 'carol']);
  const message = customMessage(users.alice.tim, 'g1', '{"cmd":"invite","group":true}', TIM.TYPES.CONV_GROUP);
  assert.equal(message.conversationID, 'GROUPg1');
  const sending = users.alice.tim.sendMessage(message);
  await env.clock.tick(0);
  await sending;
  for (const id of ['bob', 'carol']) {
    const [got] = received(users[id].events)[0].data;
    assert.equal(got.conversationType, 'GROUP');
    assert.equal(got.conversationID, 'GROUPg1');
    assert.equal(got.to, 'g1');
    assert.equal(got.from, 'alice');
    assert.equal(got.priority, 'High'); // group messages keep their priority
  }
  assert.deepEqual(received(users.alice.events), []);
  assert.deepEqual(received(users.dave.events), []);
  assert.deepEqual(env.hub.sent[0].recipients, ['bob', 'carol']);

  const outsider = assert.rejects(users.dave.tim.sendMessage(customMessage(users.dave.tim, 'g1', 'x', 'GROUP')),
    (e) => e.code === 10007 && e.data.message.status === 'fail');
  const nowhere = assert.rejects(users.alice.tim.sendMessage(customMessage(users.alice.tim, 'nope', 'x', 'GROUP')),
    { code: 10010 });
  await env.clock.tick(0);
  await outsider;
  await nowhere;
});

// ---- IM: offline delivery ----------------------------------------------------------------------

test('IM hub: messages to a logged-out user are not emitted at login, only fetched', async () => {
  const env = setupHub();
  const alice = await loginUser(env, 'alice');
  env.hub.createGroup('g1', ['alice', 'bob']);
  for (const [to, type, data] of [['bob', 'C2C', 'c2c-1'], ['bob', 'C2C', 'c2c-2'], ['g1', 'GROUP', 'grp-1']]) {
    const p = alice.tim.sendMessage(customMessage(alice.tim, to, data, type));
    await env.clock.tick(1000);
    assert.equal((await p).code, 0);
  }
  const bob = await loginUser(env, 'bob');
  await env.clock.tick(5000);
  assert.deepEqual(received(bob.events), []); // not MESSAGE_RECEIVED

  const listing = bob.tim.getMessageList({ conversationID: 'C2Calice', count: 15 });
  const conversations = bob.tim.getConversationList();
  const groupListing = bob.tim.getMessageList({ conversationID: 'GROUPg1' });
  await env.clock.tick(0);
  const list = await listing;
  assert.deepEqual(Object.keys(list.data), ['messageList', 'nextReqMessageID', 'isCompleted']);
  assert.deepEqual(list.data.messageList.map((m) => m.payload.data), ['c2c-1', 'c2c-2']);
  assert.equal(list.data.messageList[0].flow, 'in');
  assert.equal(list.data.messageList[0].time, Math.floor(T0 / 1000));
  assert.equal(list.data.isCompleted, true);
  assert.deepEqual((await groupListing).data.messageList.map((m) => m.payload.data), ['grp-1']);
  const convs = (await conversations).data.conversationList;
  assert.deepEqual(convs.map((c) => [c.conversationID, c.type, c.unreadCount]), [['GROUPg1', 'GROUP', 1], ['C2Calice', 'C2C', 2]]);
  assert.equal(convs[1].lastMessage.payload.data, 'c2c-2');
  assert.equal(convs[1].userProfile.userID, 'alice');

  // Once connected, new messages are emitted.
  const live = alice.tim.sendMessage(customMessage(alice.tim, 'bob', 'live'));
  await env.clock.tick(0);
  await live;
  assert.deepEqual(receivedData(bob.events), ['live']);
  // The sender's own history has its sent messages too.
  const own = alice.tim.getMessageList({ conversationID: 'C2Cbob' });
  await env.clock.tick(0);
  assert.deepEqual((await own).data.messageList.map((m) => [m.payload.data, m.flow]),
    [['c2c-1', 'out'], ['c2c-2', 'out'], ['live', 'out']]);
});

test('IM hub: a logout then login again does not replay; getMessageList pages by 15', async () => {
  const env = setupHub();
  const alice = await loginUser(env, 'alice');
  const bob = await loginUser(env, 'bob');
  const out = bob.tim.logout();
  await env.clock.tick(0);
  assert.deepEqual(await out, { code: 0, data: {} });
  assert.deepEqual(bob.events.map((e) => e.name), ['sdkStateNotReady']);
  for (let i = 0; i < 20; i += 1) {
    const p = alice.tim.sendMessage(customMessage(alice.tim, 'bob', `m${i}`));
    await env.clock.tick(0);
    await p;
  }
  bob.events.length = 0;
  const again = bob.tim.login({ userID: 'bob', userSig: 's' });
  await env.clock.tick(0);
  await again;
  assert.deepEqual(bob.events.map((e) => e.name), ['sdkStateReady']);
  const first = bob.tim.getMessageList({ conversationID: 'C2Calice', count: 100 });
  await env.clock.tick(0);
  const page1 = (await first).data;
  assert.equal(page1.messageList.length, 15);
  assert.equal(page1.messageList[14].payload.data, 'm19');
  assert.equal(page1.isCompleted, false);
  const second = bob.tim.getMessageList({ conversationID: 'C2Calice', nextReqMessageID: page1.nextReqMessageID });
  await env.clock.tick(0);
  const page2 = (await second).data;
  assert.deepEqual(page2.messageList.map((m) => m.payload.data), ['m0', 'm1', 'm2', 'm3', 'm4']);
  assert.equal(page2.isCompleted, true);
});

test('IM hub: a network drop while logged in queues messages and emits them after reconnect', async () => {
  const env = setupHub();
  const alice = await loginUser(env, 'alice');
  const bob = await loginUser(env, 'bob');
  env.hub.setOnline('bob', false);
  assert.deepEqual(bob.events, [{ name: 'netStateChange', data: { state: 'disconnected' } }]);
  for (const data of ['a', 'b']) {
    const p = alice.tim.sendMessage(customMessage(alice.tim, 'bob', data));
    await env.clock.tick(0);
    await p;
  }
  assert.deepEqual(received(bob.events), []);
  env.hub.setOnline('bob', true);
  await env.clock.tick(0);
  assert.deepEqual(bob.events.slice(1).map((e) => e.name), ['netStateChange', 'onMessageReceived']);
  assert.deepEqual(bob.events[1].data, { state: 'connected' });
  assert.deepEqual(bob.events[2].data.map((m) => m.payload.data), ['a', 'b']); // one batch
});

test('IM hub: a network that drops again before the queued batch goes out keeps the batch for later', async () => {
  const env = setupHub();
  const alice = await loginUser(env, 'alice');
  const bob = await loginUser(env, 'bob');
  env.hub.setOnline('bob', false);
  const p = alice.tim.sendMessage(customMessage(alice.tim, 'bob', 'a'));
  await env.clock.tick(0);
  await p;
  env.hub.setOnline('bob', true);
  env.hub.setOnline('bob', false); // up for an instant, then down again (no time passes)
  await env.clock.tick(0);
  assert.deepEqual(receivedData(bob.events), [], 'nothing arrives while the network is down');
  env.hub.setOnline('bob', true);
  await env.clock.tick(0);
  assert.deepEqual(receivedData(bob.events), ['a'], 'the batch arrives once, when it is up');
});

// ---- IM: failures ------------------------------------------------------------------------------

test('IM hub: a send with the network down rejects 2801 after 15 s with an empty message', async () => {
  const env = setupHub();
  const alice = await loginUser(env, 'alice');
  const bob = await loginUser(env, 'bob');
  env.hub.setOnline('alice', false);
  const message = customMessage(alice.tim, 'bob', 'lost');
  const sending = alice.tim.sendMessage(message);
  await env.clock.tick(14999);
  assert.equal(await peek(sending), 'pending');
  await env.clock.tick(1);
  const outcome = await peek(sending);
  assert.ok(outcome.error instanceof Error);
  assert.equal(outcome.error.code, 2801);
  assert.equal(outcome.error.message, '');
  assert.equal(outcome.error.data.message, message);
  assert.equal(message.status, 'fail');
  assert.deepEqual(received(bob.events), []);
});

test('IM hub: failNextSend: 2801 after 15 s of virtual time, immediate server codes, lost acks', async () => {
  const env = setupHub();
  const alice = await loginUser(env, 'alice');
  const bob = await loginUser(env, 'bob');
  env.hub.failNextSend('alice', 2801);
  const slow = alice.tim.sendMessage(customMessage(alice.tim, 'bob', 'slow'));
  await env.clock.tick(14999);
  assert.equal(await peek(slow), 'pending');
  await env.clock.tick(1);
  await assert.rejects(slow, { code: 2801, message: '' });

  env.hub.failNextSend('alice', 20003);
  const fast = assert.rejects(alice.tim.sendMessage(customMessage(alice.tim, 'bob', 'fast')), { code: 20003 });
  await env.clock.tick(0);
  await fast;

  // The server got it but the acknowledgement was lost: bob has it, alice sees 2801.
  env.hub.failNextSend('alice', 2801, { deliver: true, afterMs: 100 });
  const message = customMessage(alice.tim, 'bob', 'delivered-anyway');
  const lost = assert.rejects(alice.tim.sendMessage(message), { code: 2801 });
  await env.clock.tick(100);
  await lost;
  assert.deepEqual(receivedData(bob.events), ['delivered-anyway']);
  // A resend of the failed message is flagged isResend and arrives again with the same ID.
  const resend = alice.tim.sendMessage(message);
  await env.clock.tick(0);
  await resend;
  assert.equal(message.isResend, true);
  const ids = received(bob.events).map((e) => e.data[0].ID);
  assert.equal(ids[0], ids[1]);
});

test('IM hub: login failures: repeat, pending, offline 90 s, server codes, hang', async () => {
  const env = setupHub();
  const { tim } = await loginUser(env, 'alice');
  const repeat = tim.login({ userID: 'alice', userSig: 's' });
  await env.clock.tick(0);
  assert.deepEqual((await repeat).data, { actionStatus: 'OK', errorCode: 0, errorInfo: '', repeatLogin: true });

  const tim2 = env.hub.createInstance({ SDKAppID });
  const first = tim2.login({ userID: 'bob', userSig: 's' });
  await assert.rejects(tim2.login({ userID: 'bob', userSig: 's' }), { code: 2025 });
  await env.clock.tick(0);
  await first;

  env.hub.setOnline('carol', false);
  const carol = env.hub.createInstance({ SDKAppID });
  const offline = carol.login({ userID: 'carol', userSig: 's' });
  await env.clock.tick(89999);
  assert.equal(await peek(offline), 'pending');
  await env.clock.tick(1);
  await assert.rejects(offline, { code: 2801, message: '' });

  env.hub.failNextLogin('dave', 70001);
  const dave = env.hub.createInstance({ SDKAppID });
  const expired = assert.rejects(dave.login({ userID: 'dave', userSig: 's' }), { code: 70001 });
  await env.clock.tick(0);
  await expired;

  env.hub.validateUserSig = (userID, userSig) => userSig === 'good';
  const bad = assert.rejects(dave.login({ userID: 'dave', userSig: 'bad' }), { code: 70003 });
  await env.clock.tick(0);
  await bad;
  const good = dave.login({ userID: 'dave', userSig: 'good' });
  await env.clock.tick(0);
  assert.equal((await good).code, 0);

  env.hub.faults.loginHang = (userID) => userID === 'erin';
  const erin = env.hub.createInstance({ SDKAppID });
  const hung = erin.login({ userID: 'erin', userSig: 's' });
  await env.clock.tick(600000);
  assert.equal(await peek(hung), 'pending');
});

test('IM hub: login waits for the network to come back', async () => {
  const env = setupHub();
  env.hub.setOnline('bob', false);
  const tim = env.hub.createInstance({ SDKAppID });
  const events = record(tim);
  const pending = tim.login({ userID: 'bob', userSig: 's' });
  await env.clock.tick(30000);
  assert.equal(await peek(pending), 'pending');
  env.hub.setOnline('bob', true);
  await env.clock.tick(0);
  assert.equal((await pending).code, 0);
  assert.deepEqual(events.map((e) => e.name), ['sdkStateReady']);
});

test('IM hub: a second login of the same user kicks the first instance out', async () => {
  const env = setupHub();
  const alice = await loginUser(env, 'alice');
  const first = await loginUser(env, 'bob');
  const second = await loginUser(env, 'bob', '2.x');
  assert.deepEqual(first.events, [{ name: 'kickedOut', data: { type: 'multipleAccount' } }]);
  assert.equal(first.tim.isReady(), false);
  await assert.rejects(first.tim.getMessageList({ conversationID: 'C2Calice' }), { code: 2024 });
  assert.equal(env.hub.sessionOf('bob'), second.tim);
  const p = alice.tim.sendMessage(customMessage(alice.tim, 'bob', 'to-second'));
  await env.clock.tick(0);
  await p;
  assert.deepEqual(receivedData(second.events), ['to-second']);
  assert.deepEqual(received(first.events), []);
  env.hub.kick('bob', TIM.TYPES.KICKED_OUT_USERSIG_EXPIRED);
  assert.deepEqual(second.events.slice(-1), [{ name: 'kickedOut', data: { type: 'userSigExpired' } }]);
});

test('IM hub: destroy after login emits SDK_NOT_READY then SDK_DESTROY; off() unsubscribes', async () => {
  const env = setupHub();
  const { tim, events } = await loginUser(env, 'alice');
  const extra = [];
  const handler = (e) => extra.push(e);
  tim.on(TIM.EVENT.SDK_NOT_READY, handler);
  tim.off(TIM.EVENT.SDK_NOT_READY, handler);
  const destroying = tim.destroy();
  await env.clock.tick(0);
  assert.deepEqual(await destroying, { code: 0, data: {} });
  assert.deepEqual(events, [{ name: 'sdkStateNotReady' }, { name: 'sdkDestroy', data: { SDKAppID } }]);
  assert.deepEqual(extra, []);
  await assert.rejects(tim.sendMessage({}), { code: 2024 });
});

test('IM hub: exceptions in handlers are swallowed (as the SDK does) and recorded', async () => {
  const env = setupHub();
  const tim = env.hub.createInstance({ SDKAppID });
  const seen = [];
  tim.on(TIM.EVENT.SDK_READY, () => { throw new Error('boom'); });
  tim.on(TIM.EVENT.SDK_READY, (e) => seen.push(e.name));
  const p = tim.login({ userID: 'alice', userSig: 's' });
  await env.clock.tick(0);
  await p;
  assert.deepEqual(seen, ['sdkStateReady']);
  assert.equal(env.hub.handlerErrors[0].error.message, 'boom');
});

// ---- IM: fault hooks ---------------------------------------------------------------------------

test('IM hub faults: drop, duplicate and delay (reordering) per recipient', async () => {
  const env = setupHub();
  const alice = await loginUser(env, 'alice');
  const bob = await loginUser(env, 'bob');
  const calls = [];
  env.hub.faults.drop = (msg, recipientID) => { calls.push(['drop', recipientID, msg.flow]); return msg.payload.data === 'drop-me'; };
  env.hub.faults.duplicate = (msg) => msg.payload.data === 'twice';
  env.hub.faults.delayMs = (msg) => (msg.payload.data === 'slow' ? 500 : 0);
  async function send(data) {
    const p = alice.tim.sendMessage(customMessage(alice.tim, 'bob', data));
    await env.clock.tick(0);
    return p;
  }
  assert.equal((await send('drop-me')).code, 0); // the sender sees success
  assert.deepEqual(calls, [['drop', 'bob', 'in']]);
  await send('twice');
  await send('slow');
  await send('fast');
  assert.deepEqual(receivedData(bob.events), ['twice', 'twice', 'fast']);
  const dupes = received(bob.events).slice(0, 2).map((e) => e.data[0]);
  assert.equal(dupes[0].ID, dupes[1].ID);
  assert.notEqual(dupes[0], dupes[1]);
  await env.clock.tick(500);
  assert.deepEqual(receivedData(bob.events), ['twice', 'twice', 'fast', 'slow']); // reordered
  // Stored once each, in delivery order; the dropped one is nowhere.
  assert.deepEqual(env.hub.storedMessages('bob', 'C2Calice').map((m) => m.payload.data), ['twice', 'fast', 'slow']);
});

test('IM hub faults: sendFailure fails a send (immediately, or after 15 s and delivered anyway); received logs every copy handed out', async () => {
  const env = setupHub();
  const alice = await loginUser(env, 'alice');
  const bob = await loginUser(env, 'bob');
  const verdicts = { fast: { code: 2800 }, lost: { code: 2801, deliver: true } };
  env.hub.faults.sendFailure = (msg, senderID) => (senderID === 'alice' ? verdicts[msg.payload.data] || null : null);
  env.hub.faults.duplicate = (msg) => msg.payload.data === 'twice';
  const fast = assert.rejects(alice.tim.sendMessage(customMessage(alice.tim, 'bob', 'fast')), { code: 2800 });
  await env.clock.tick(0);
  await fast;
  const lost = alice.tim.sendMessage(customMessage(alice.tim, 'bob', 'lost'));
  const settled = assert.rejects(lost, { code: 2801 });
  await env.clock.tick(14000);
  assert.deepEqual(receivedData(bob.events), []);
  await env.clock.tick(1000);
  await settled;
  assert.deepEqual(receivedData(bob.events), ['lost'], 'the server had it');
  const twice = alice.tim.sendMessage(customMessage(alice.tim, 'bob', 'twice'));
  await env.clock.tick(0);
  assert.equal((await twice).code, 0);
  assert.deepEqual(env.hub.received.map((r) => [r.to, r.message.payload.data, r.duplicate]),
    [['bob', 'lost', false], ['bob', 'twice', false], ['bob', 'twice', true]]);
  // A batch after a reconnect is logged when it is handed out, not when it was sent.
  env.hub.setOnline('bob', false);
  const queued = alice.tim.sendMessage(customMessage(alice.tim, 'bob', 'queued'));
  await env.clock.tick(0);
  await queued;
  await env.clock.tick(3000);
  assert.equal(env.hub.received.length, 3);
  env.hub.setOnline('bob', true);
  await env.clock.tick(0);
  assert.deepEqual(env.hub.received.slice(3).map((r) => [r.message.payload.data, r.at - T0 > 3000]), [['queued', true]]);
});

// ---- TRTC rooms --------------------------------------------------------------------------------

function setupRooms(options) {
  const clock = createVirtualClock({ start: T0 });
  const rooms = createTrtcRooms(Object.assign({ now: clock.now, schedule: clock.schedule }, options));
  const events = {};
  function attach(userID) {
    events[userID] = [];
    rooms.attach(userID, {
      pusherStateChange: (detail) => events[userID].push(detail),
      pusherError: (detail) => events[userID].push(Object.assign({ error: true }, detail)),
    });
  }
  return { clock, rooms, events, attach };
}

function pushUrl(userID, extra) {
  return `room://cloud.tencent.com/rtc?sdkappid=${SDKAppID}&roomid=4321&userid=${userID}&usersig=sig-${userID}`
    + '&appscene=videocall&encsmall=0&cloudenv=PRO&recvmode=1' + (extra || '');
}

/** [code, parsed message] pairs; room codes' messages must be JSON strings. */
function decoded(list) {
  return list.map((d) => {
    assert.equal(typeof d.message, 'string');
    return [1020, 1031, 1032, 1033, 1034].includes(d.code) ? [d.code, JSON.parse(d.message)] : [d.code];
  });
}

const play = (userID) => `room://rtc.tencent.com?userid=${userID}&streamtype=main`;

test('TRTC rooms: parsePushUrl reads the room:// query', () => {
  const params = parsePushUrl(pushUrl('u1', '&privatemapkey=abc*-_'));
  assert.equal(params.sdkappid, String(SDKAppID));
  assert.equal(params.roomid, '4321');
  assert.equal(params.userid, 'u1');
  assert.equal(params.privatemapkey, 'abc*-_');
  assert.equal(parsePushUrl('rtmp://x'), null);
});

test('TRTC rooms: 1v1 enter/leave with exact codes and JSON-string messages', async () => {
  const env = setupRooms();
  env.attach('alice');
  env.attach('bob');
  env.rooms.enter('alice', pushUrl('alice'));
  await env.clock.tick(0);
  assert.deepEqual(decoded(env.events.alice), [[1018], [1020, { userlist: [] }]]);
  env.events.alice.length = 0;

  env.rooms.enter('bob', pushUrl('bob'));
  await env.clock.tick(0);
  assert.deepEqual(decoded(env.events.bob), [
    [1018],
    [1020, { userlist: [{ userid: 'alice' }] }],
    [1031, { userlist: [{ userid: 'alice' }] }],
    [1033, { userlist: [{ userid: 'alice', playurl: play('alice'), streamtype: 'main', hasvideo: true }] }],
    [1034, { userlist: [{ userid: 'alice', playurl: play('alice'), hasaudio: true }] }],
  ]);
  assert.deepEqual(decoded(env.events.alice), [
    [1031, { userlist: [{ userid: 'bob' }] }],
    [1020, { userlist: [{ userid: 'bob' }] }],
    [1033, { userlist: [{ userid: 'bob', playurl: play('bob'), streamtype: 'main', hasvideo: true }] }],
    [1034, { userlist: [{ userid: 'bob', playurl: play('bob'), hasaudio: true }] }],
  ]);
  // The exact key order of the JSON text.
  assert.equal(env.events.alice[2].message,
    '{"userlist":[{"userid":"bob","playurl":"room://rtc.tencent.com?userid=bob&streamtype=main","streamtype":"main","hasvideo":true}]}');
  assert.deepEqual(env.rooms.membersOf(4321), ['alice', 'bob']);
  assert.equal(env.rooms.roomOf('bob'), '4321');

  env.events.alice.length = 0;
  env.events.bob.length = 0;
  env.rooms.setMedia('bob', { video: false });
  env.rooms.setMedia('bob', { audio: false });
  env.rooms.setMedia('bob', { audio: false }); // no change, no event
  await env.clock.tick(0);
  assert.deepEqual(decoded(env.events.alice), [
    [1033, { userlist: [{ userid: 'bob', playurl: play('bob'), streamtype: 'main', hasvideo: false }] }],
    [1034, { userlist: [{ userid: 'bob', playurl: play('bob'), hasaudio: false }] }],
  ]);
  assert.deepEqual(env.events.bob, []);
  assert.deepEqual(env.rooms.mediaOf('bob'), { video: false, audio: false });

  env.events.alice.length = 0;
  env.rooms.leave('bob');
  await env.clock.tick(0);
  assert.deepEqual(env.events.bob, [{ code: 1019, message: 'Exit room success reason[0]' }]);
  assert.deepEqual(decoded(env.events.alice), [[1032, { userlist: [{ userid: 'bob' }] }], [1020, { userlist: [] }]]);
  assert.deepEqual(env.rooms.membersOf(4321), ['alice']);
  env.rooms.leave('alice');
  await env.clock.tick(0);
  assert.deepEqual(env.rooms.membersOf('4321'), []);
  assert.equal(env.rooms.roomOf('alice'), null);
});

test('TRTC rooms: a third member gets everyone in one userlist; audio-only pushers send no 1033', async () => {
  const env = setupRooms();
  for (const id of ['a', 'b', 'c']) env.attach(id);
  env.rooms.enter('a', pushUrl('a'));
  env.rooms.enter('b', pushUrl('b', '&pureaudiomode=1'));
  await env.clock.tick(0);
  assert.deepEqual(decoded(env.events.a).map((x) => x[0]), [1018, 1020, 1031, 1020, 1034]);
  env.rooms.enter('c', pushUrl('c'));
  await env.clock.tick(0);
  assert.deepEqual(decoded(env.events.c), [
    [1018],
    [1020, { userlist: [{ userid: 'a' }, { userid: 'b' }] }],
    [1031, { userlist: [{ userid: 'a' }, { userid: 'b' }] }],
    [1033, { userlist: [{ userid: 'a', playurl: play('a'), streamtype: 'main', hasvideo: true }] }],
    [1034, { userlist: [{ userid: 'a', playurl: play('a'), hasaudio: true }, { userid: 'b', playurl: play('b'), hasaudio: true }] }],
  ]);
  assert.deepEqual(decoded(env.events.b).slice(-4), [
    [1031, { userlist: [{ userid: 'c' }] }],
    [1020, { userlist: [{ userid: 'a' }, { userid: 'c' }] }],
    [1033, { userlist: [{ userid: 'c', playurl: play('c'), streamtype: 'main', hasvideo: true }] }],
    [1034, { userlist: [{ userid: 'c', playurl: play('c'), hasaudio: true }] }],
  ]);
  assert.deepEqual(env.rooms.membersOf(4321), ['a', 'b', 'c']);
});

test('TRTC rooms: a bad UserSig reports -100018 and does not enter; bad URLs fail', async () => {
  const env = setupRooms({ validateUserSig: (userID, usersig) => usersig === 'sig-' + userID, sdkAppID: SDKAppID });
  env.attach('alice');
  env.attach('bob');
  env.rooms.enter('alice', pushUrl('alice'));
  env.rooms.enter('bob', pushUrl('bob').replace('usersig=sig-bob', 'usersig=forged'));
  await env.clock.tick(0);
  assert.deepEqual(env.events.bob, [{ code: -100018, message: 'userSig check failed' }]);
  assert.deepEqual(env.rooms.membersOf(4321), ['alice']);
  assert.deepEqual(env.events.alice.map((d) => d.code), [1018, 1020]); // alice sees nothing of bob

  env.events.bob.length = 0;
  env.rooms.enter('bob', pushUrl('bob').replace('roomid=4321', 'roomid=0'));
  env.rooms.enter('bob', pushUrl('bob').replace('&usersig=sig-bob', ''));
  env.rooms.enter('bob', pushUrl('bob').replace(`sdkappid=${SDKAppID}`, 'sdkappid=1400000001'));
  env.rooms.enter('bob', 'rtmp://example/live');
  await env.clock.tick(0);
  assert.deepEqual(env.events.bob.map((d) => d.code), [-3301, -3301, -100015, -3301]);
  assert.throws(() => env.rooms.enter('bob', pushUrl('alice')), /userid=alice/);
  // strroomid works as a room name too.
  env.events.bob.length = 0;
  env.rooms.enter('bob', pushUrl('bob').replace('roomid=4321', 'strroomid=call-7'));
  await env.clock.tick(0);
  assert.equal(env.events.bob[0].code, 1018);
  assert.deepEqual(env.rooms.membersOf('call-7'), ['bob']);
});

test('TRTC rooms faults: a leave the others never see; per-event delays; device errors; kicks', async () => {
  const env = setupRooms();
  for (const id of ['a', 'b', 'c']) env.attach(id);
  env.rooms.enter('a', pushUrl('a'));
  env.rooms.enter('b', pushUrl('b'));
  await env.clock.tick(0);
  env.events.a.length = 0;
  env.rooms.faults.leaveNotReported = (userID) => userID === 'b';
  env.rooms.leave('b');
  await env.clock.tick(0);
  assert.deepEqual(env.events.b.slice(-1).map((d) => d.code), [1019]);
  assert.deepEqual(env.events.a, []); // a never hears of it
  assert.deepEqual(env.rooms.membersOf(4321), ['a']); // but the server knows

  env.rooms.faults.delayMs = (event) => (event.to === 'a' && event.code === 1031 ? 2000 : 0);
  env.rooms.enter('c', pushUrl('c'));
  await env.clock.tick(0);
  assert.deepEqual(env.events.a.map((d) => d.code), [1020, 1033, 1034]);
  await env.clock.tick(2000);
  assert.deepEqual(env.events.a.map((d) => d.code), [1020, 1033, 1034, 1031]);

  env.rooms.kick('c');
  await env.clock.tick(0);
  assert.deepEqual(env.events.c.slice(-1), [{ code: 1019, message: 'Exit room reason[1]' }]);

  env.rooms.faults.deviceError = (userID) => (userID === 'c' ? 10001 : 0);
  env.events.c.length = 0;
  env.rooms.enter('c', pushUrl('c'));
  await env.clock.tick(0);
  assert.deepEqual(env.events.c, [{ error: true, errMsg: 'camera authorize deny', errCode: 10001 }]);
  assert.deepEqual(env.rooms.membersOf(4321), ['a']);
});

test('TRTC rooms: iOS-style suspend (5000 locally, a leave for the others) and resume (re-enter); a stop while suspended stays out', async () => {
  const env = setupRooms();
  for (const id of ['a', 'b']) env.attach(id);
  env.rooms.enter('a', pushUrl('a'));
  env.rooms.enter('b', pushUrl('b'), { video: false, audio: true });
  await env.clock.tick(0);
  env.events.a.length = 0;
  env.events.b.length = 0;
  env.rooms.suspend('b');
  await env.clock.tick(0);
  assert.deepEqual(env.events.b, [{ code: 5000, message: 'mini-program suspended' }]);
  assert.deepEqual(decoded(env.events.a), [[1032, { userlist: [{ userid: 'b' }] }], [1020, { userlist: [] }]]);
  assert.equal(env.rooms.roomOf('b'), null);
  env.events.a.length = 0;
  env.rooms.resume('b');
  await env.clock.tick(0);
  assert.deepEqual(env.events.b.slice(1).map((d) => d.code), [1018, 1020, 1031, 1033, 1034]);
  assert.deepEqual(env.events.a.map((d) => d.code), [1031, 1020, 1034], 'b comes back with the media it had (audio only)');
  assert.equal(env.rooms.roomOf('b'), '4321');
  env.rooms.suspend('b');
  env.rooms.leave('b'); // the page stopped the pusher meanwhile
  env.rooms.resume('b');
  await env.clock.tick(0);
  assert.equal(env.rooms.roomOf('b'), null);
  env.rooms.suspend('a'); // alone now: nobody to tell
  env.rooms.suspend('nobody');
  await env.clock.tick(0);
  assert.equal(env.rooms.roomOf('a'), null);
});

test('TRTC rooms: injected pusher events and errors; a -1301 / -1302 at entry is a statechange and keeps the pusher out', async () => {
  const env = setupRooms();
  env.attach('a');
  env.rooms.pusherEvent('a', -1307, 'network disconnected');
  env.rooms.pusherError('a', 10002);
  env.rooms.faults.deviceError = () => -1302;
  env.rooms.enter('a', pushUrl('a'));
  await env.clock.tick(0);
  assert.deepEqual(env.events.a, [
    { code: -1307, message: 'network disconnected' },
    { error: true, errMsg: 'microphone authorize deny', errCode: 10002 },
    { code: -1302, message: 'open microphone failed' },
  ]);
  assert.equal(env.rooms.roomOf('a'), null);
});

test('TRTC rooms: media set before entering applies on entry; re-entering leaves first', async () => {
  const env = setupRooms({ preEnterCodes: [1003, 1008] });
  env.attach('a');
  env.attach('b');
  env.rooms.setMedia('b', { video: false });
  env.rooms.enter('a', pushUrl('a'));
  env.rooms.enter('b', pushUrl('b'));
  await env.clock.tick(0);
  assert.deepEqual(env.events.a.map((d) => d.code), [1003, 1008, 1018, 1020, 1031, 1020, 1034]);
  env.events.a.length = 0;
  env.rooms.enter('b', pushUrl('b').replace('roomid=4321', 'roomid=99'));
  await env.clock.tick(0);
  assert.deepEqual(env.events.a.map((d) => d.code), [1032, 1020]);
  assert.deepEqual(env.rooms.membersOf(99), ['b']);
  assert.equal(env.rooms.log.length > 0, true);
});

test('virtual clock: FIFO at equal times, tick lets promise chains arm new timers', async () => {
  const clock = createVirtualClock({ start: 0 });
  const order = [];
  clock.schedule(() => order.push('a'), 10);
  clock.schedule(() => order.push('b'), 10);
  const id = clock.setTimeout(() => order.push('never'), 5);
  clock.clearTimeout(id);
  clock.schedule(() => Promise.resolve().then(() => clock.schedule(() => order.push('chained'), 5)), 1);
  await clock.tick(10);
  assert.deepEqual(order, ['chained', 'a', 'b']);
  assert.equal(clock.now(), 10);
  clock.schedule(() => order.push('late'), 1000);
  await clock.flush();
  assert.equal(clock.now(), 1010);
  assert.equal(clock.pending(), 0);
});

// ---- IM: profiles ------------------------------------------------------------------------------

test('IM hub: updateMyProfile / getUserProfile (2024 before login; users never seen are left out)', async () => {
  const env = setupHub();
  const early = env.hub.createInstance({ SDKAppID });
  await assert.rejects(early.updateMyProfile({ nick: 'x' }), { code: 2024 });
  await assert.rejects(early.getUserProfile({ userIDList: ['bob'] }), { code: 2024 });
  const alice = await loginUser(env, 'alice');
  const bob = await loginUser(env, 'bob');
  assert.throws(() => alice.tim.getUserProfile({ userIDList: 'bob' }), /Params validate failed/);
  const updated = bob.tim.updateMyProfile({ nick: 'Bob', avatar: 'https://example.invalid/b.png' });
  await env.clock.tick(0);
  assert.deepEqual((await updated).data, { userID: 'bob', nick: 'Bob', avatar: 'https://example.invalid/b.png' });
  const got = alice.tim.getUserProfile({ userIDList: ['bob', 'alice', 'nobody'] });
  await env.clock.tick(0);
  assert.deepEqual((await got).data, [
    { userID: 'bob', nick: 'Bob', avatar: 'https://example.invalid/b.png' },
    { userID: 'alice', nick: '', avatar: '' },
  ]);
});
