// The IM adapter against the REAL npm SDKs, pinned: tim-wx-sdk 2.27.6 and @tencentcloud/chat
// 3.6.6. Both run in node with a small fake `wx` and an in-process fake backend
// (helpers/fake-tim-backend.js, tim-sdk.md §9), so create → login → send → receive runs through
// the SDKs' own code: their parameter checks, Message objects, wire encoding, push decoding,
// dedup and events. Nothing leaves the process.
//
// The fake backend's clock runs an hour behind the local one, so every time the adapter hands
// to the engine is visibly the server's, not the phone's.
//
// Ending: both SDKs keep a 1 s setInterval alive even after destroy() (tim-sdk.md §1). The
// helper unrefs every interval created in this process, so it ends when the tests do.
'use strict';

// The fake wx, getApp and __wxConfig must exist before the SDKs are evaluated.
const H = require('./helpers/fake-tim-backend');

H.unrefIntervals();

const test = require('node:test');
const { describe, before, after } = test;
const assert = require('node:assert/strict');
const path = require('path');

// The SDKs print a few 'TIM hh:mm:ss …' / 'Chat hh:mm:ss …' lines at require and create time,
// before setLogLevel can run; they are dropped (everything else is printed).
for (const level of ['log', 'info', 'warn', 'error']) {
  const original = console[level];
  console[level] = (...args) => {
    if (typeof args[0] === 'string' && /^(TIM|Chat) \d\d:\d\d:\d\d/.test(args[0])) return;
    original.apply(console, args);
  };
}

const TIM = require('tim-wx-sdk');
const TencentCloudChat = require('@tencentcloud/chat');
const { ImAdapter, CODES } = require('../js-glue/driver/im-adapter');

const PINNED = { 'tim-wx-sdk': '2.27.6', '@tencentcloud/chat': '3.6.6' };
const SERVER_OFFSET_S = -3600;
H.serverOffsetS = SERVER_OFFSET_S;

/** What the fake server's clock reads now, in ms (give or take its 1 s resolution). */
function serverClockMs() {
  return Date.now() + SERVER_OFFSET_S * 1000;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `predicate` until it is truthy (assert outside SDK handlers: they swallow throws). */
async function waitFor(predicate, what, timeoutMs = 3000) {
  const start = Date.now();
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

let nextAppID = 1400000100;
const cleanups = [];

/** A fresh SDK instance (own SDKAppID: one instance per SDKAppID per module). */
function createInstance(SDK) {
  const tim = SDK.create({ SDKAppID: nextAppID++ });
  tim.setLogLevel(4);
  return tim;
}

/**
 * An adapter on `tim` that records what it hands on. `calls` records the arguments of
 * createCustomMessage / sendMessage and what the SDK returned (the SDK's code still runs).
 */
function makeAdapter(SDK, tim, userID, extra) {
  const rec = { inputs: [], results: [], events: [], logs: [], created: [], sent: [] };
  const adapter = new ImAdapter(Object.assign({
    tim,
    TIM: SDK,
    userID,
    onMessage: (m) => rec.inputs.push(m),
    onSendResult: (id, code, message) => rec.results.push({ id, code, message }),
    onReady: () => rec.events.push('ready'),
    onNotReady: () => rec.events.push('notReady'),
    onKickedOut: (type) => rec.events.push(`kicked:${type}`),
    onNetState: (state) => rec.events.push(`net:${state}`),
    onLog: (level, text) => rec.logs.push(`${level} ${text}`),
  }, extra || {}));
  return { adapter, rec };
}

/** Wraps the instance's createCustomMessage/sendMessage to record calls; the SDK's code runs. */
function spyOn(tim, rec) {
  const create = tim.createCustomMessage;
  const send = tim.sendMessage;
  tim.createCustomMessage = function (options) {
    const entry = { options: JSON.parse(JSON.stringify(options)), returned: undefined, threw: null };
    rec.created.push(entry);
    try {
      entry.returned = create.apply(this, arguments);
    } catch (error) {
      entry.threw = error;
      throw error;
    }
    return entry.returned;
  };
  tim.sendMessage = function () {
    rec.sent.push({ args: Array.from(arguments) });
    return send.apply(this, arguments);
  };
}

/** Creates an instance, an adapter on it, and logs in through the adapter. */
async function loginUser(SDK, userID, extra) {
  const tim = createInstance(SDK);
  const { adapter, rec } = makeAdapter(SDK, tim, userID, extra);
  spyOn(tim, rec);
  let sdkReady = false;
  tim.on(SDK.EVENT.SDK_READY, () => { sdkReady = true; });
  const loginResult = await adapter.login(userID, `sig-${userID}`);
  await waitFor(() => sdkReady && rec.events.includes('ready'), `${userID} SDK_READY`);
  const user = { SDK, tim, adapter, rec, userID, loginResult, loggedInAt: Date.now() };
  cleanups.push(async () => {
    await adapter.release();
    await Promise.resolve().then(() => tim.logout()).catch(() => {});
    await Promise.resolve().then(() => tim.destroy()).catch(() => {});
  });
  return user;
}

function framesOf(servcmd, from) {
  const tinyId = from ? H.tinyIdOf(from) : null;
  return H.frames.filter((f) => f.head.servcmd === servcmd && (!tinyId || f.head.tinyid === tinyId || f.head.identifier === from));
}

after(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

test('the SDK versions are pinned in package.json and are the ones loaded', () => {
  const pkg = require(path.join(__dirname, '..', 'package.json'));
  for (const [name, version] of Object.entries(PINNED)) {
    assert.equal(pkg.devDependencies[name], version, `${name} must be pinned exactly`);
    assert.equal(require(`${name}/package.json`).version, version);
  }
  assert.equal(TIM.VERSION, PINNED['tim-wx-sdk']);
  assert.equal(TencentCloudChat.VERSION, PINNED['@tencentcloud/chat']);
});

const SDKS = [
  { label: `tim-wx-sdk ${PINNED['tim-wx-sdk']}`, SDK: TIM, major: 2, tag: 'v2' },
  { label: `@tencentcloud/chat ${PINNED['@tencentcloud/chat']}`, SDK: TencentCloudChat, major: 3, tag: 'v3' },
];

for (const { label, SDK, major, tag } of SDKS) {
  describe(`ImAdapter on ${label}`, () => {
    const alice = `alice-${tag}`;
    const bob = `bob-${tag}`;
    const carol = `carol-${tag}`;
    const group = `group-${tag}`;
    let A;
    let B;
    let C;

    before(async () => {
      H.setGroup(group, [alice, bob, carol]);
      A = await loginUser(SDK, alice);
      B = await loginUser(SDK, bob);
      C = await loginUser(SDK, carol);
    });

    test('before login: a send reports 2024 and nothing throws', async () => {
      const tim = createInstance(SDK);
      const { adapter, rec } = makeAdapter(SDK, tim, `early-${tag}`);
      spyOn(tim, rec);
      const before = framesOf('openim.sendmsg').length;
      assert.doesNotThrow(() => adapter.attach());
      assert.doesNotThrow(() => adapter.send({ id: 'early-1', to: bob, conversationType: 'C2C', data: '{"cmd":"invite"}' }));
      await waitFor(() => rec.results.length === 1, 'the pre-login send result');
      assert.deepEqual(rec.results[0], { id: 'early-1', code: CODES.NOT_LOGGED_IN, message: rec.results[0].message });
      assert.equal(CODES.NOT_LOGGED_IN, 2024);
      // The SDK's own behaviour: createCustomMessage returned a Promise (not a Message).
      assert.equal(rec.created.length, 1);
      assert.equal(typeof rec.created[0].returned.then, 'function');
      assert.equal(rec.sent.length, 0);
      assert.equal(framesOf('openim.sendmsg').length, before);
      // The clock does not throw either (3.x getServerTime() is a rejected Promise before login).
      assert.equal(typeof adapter.serverNow(), 'number');
      assert.equal(await adapter.fetchRecent(), 0);
      assert.equal(adapter.ready, false);
      assert.deepEqual(rec.inputs, []);
      await adapter.release();
      await Promise.resolve().then(() => tim.destroy()).catch(() => {});   // before login: rejects 2024, clears its timer
    });

    test('login goes through the adapter: SDK_READY and the server clock', () => {
      assert.equal(A.loginResult.code, 0);
      assert.equal(A.adapter.ready, true);
      assert.deepEqual(A.rec.events.filter((e) => e === 'ready'), ['ready']);
      assert.equal(typeof A.loginResult.data.timeStamp, 'number');
      assert.ok(Math.abs(A.loginResult.data.timeStamp * 1000 - serverClockMs()) < 5000);
      if (major === 3) {
        assert.equal(typeof A.tim.getServerTime, 'function');
        const sdkClock = A.tim.getServerTime();
        assert.equal(typeof sdkClock, 'number');
        assert.ok(Math.abs(A.adapter.serverNow() - sdkClock) < 50, 'serverNow() is getServerTime()');
      } else {
        assert.equal(A.tim.getServerTime, undefined, '2.x has no server clock API');
      }
      // Either way it is the server's clock (an hour behind the local one), not Date.now().
      assert.ok(Math.abs(A.adapter.serverNow() - serverClockMs()) < 2000,
        `serverNow ${A.adapter.serverNow()} vs server ${serverClockMs()}`);
    });

    if (major === 2) {
      test('2.x: the server clock comes from the login result timeStamp', async () => {
        // A second adapter on the same logged-in instance, clock frozen: only the login result
        // can give it the server's time.
        const frozen = 1700000000000;
        const { adapter } = makeAdapter(SDK, A.tim, alice, { now: () => frozen });
        adapter.noteLogin(A.loginResult);
        assert.equal(adapter.serverNow(), A.loginResult.data.timeStamp * 1000);
        await adapter.release();
      });
    }

    test('an invite: a High-priority custom message with offlinePushInfo, sent and received', async () => {
      const data = JSON.stringify({ cmd: 'invite', callId: `c-${tag}`, n: 1 });
      const offlinePushInfo = { title: 'Call', description: `${alice} is calling`, extension: '{"k":1}' };
      A.adapter.send({ id: 'inv-1', to: bob, conversationType: 'C2C', data, offlinePushInfo });
      await waitFor(() => A.rec.results.some((r) => r.id === 'inv-1'), 'the invite send result');
      assert.deepEqual(A.rec.results.find((r) => r.id === 'inv-1'), { id: 'inv-1', code: 0, message: '' });

      // What the adapter asked the SDK for, and the SDK's own Message.
      const created = A.rec.created[A.rec.created.length - 1];
      assert.deepEqual(created.options, {
        to: bob,
        conversationType: SDK.TYPES.CONV_C2C,
        priority: SDK.TYPES.MSG_PRIORITY_HIGH,
        payload: { data, description: '', extension: '' },
      });
      assert.equal(created.threw, null);
      const message = created.returned;
      assert.equal(message.type, 'TIMCustomElem');
      assert.equal(message.to, bob);
      assert.equal(message.from, alice);
      assert.equal(message.conversationType, 'C2C');
      assert.equal(message.conversationID, `C2C${bob}`);
      assert.equal(message.priority, 'High');
      assert.deepEqual({ ...message.payload }, { data, description: '', extension: '' });
      assert.equal(message.status, 'success');

      // sendMessage(message, {offlinePushInfo}) with the SDK's Message.
      const call = A.rec.sent[A.rec.sent.length - 1];
      assert.equal(call.args.length, 2);
      assert.equal(call.args[0], message);
      assert.deepEqual(call.args[1], { offlinePushInfo });

      // On the wire, as the SDK encoded it.
      const wire = framesOf('openim.sendmsg', alice).pop().body;
      assert.equal(wire.To_Account, bob);
      assert.deepEqual(wire.MsgBody, [{ MsgType: 'TIMCustomElem', MsgContent: { Data: data, Desc: '', Ext: '' } }]);
      assert.equal(wire.OfflinePushInfo.Title, 'Call');
      assert.equal(wire.OfflinePushInfo.Desc, `${alice} is calling`);
      assert.equal(wire.OfflinePushInfo.Ext, '{"k":1}');
      assert.equal(wire.OfflinePushInfo.PushFlag, 0);

      // Bob's engine gets it from MESSAGE_RECEIVED, with the server's times.
      await waitFor(() => B.rec.inputs.some((m) => m.data === data), 'bob receiving the invite');
      const stored = H.sent.find((s) => s.request.MsgRandom === wire.MsgRandom);
      const input = B.rec.inputs.find((m) => m.data === data);
      assert.deepEqual({ ...input, serverNowMs: 0 }, {
        from: alice,
        conversationType: 'C2C',
        groupID: '',
        elemType: 'TIMCustomElem',
        data,
        timeMs: stored.time * 1000,
        serverNowMs: 0,
        messageID: message.ID,
        fetched: false,
      });
      assert.ok(Math.abs(input.timeMs - serverClockMs()) < 5000, 'timeMs is the server MsgTimeStamp');
      assert.ok(Math.abs(input.serverNowMs - serverClockMs()) < 2000,
        `serverNowMs ${input.serverNowMs} is the server clock ${serverClockMs()}, not the local one`);
      assert.ok(Math.abs(input.serverNowMs - Date.now()) > 3000000);
    });

    test('a non-invite is sent without a second sendMessage argument', async () => {
      const data = JSON.stringify({ cmd: 'accept', callId: `c-${tag}` });
      B.adapter.send({ id: 'acc-1', to: alice, conversationType: 'C2C', data });
      await waitFor(() => B.rec.results.some((r) => r.id === 'acc-1'), 'the accept send result');
      assert.equal(B.rec.results.find((r) => r.id === 'acc-1').code, 0);
      assert.equal(B.rec.sent[B.rec.sent.length - 1].args.length, 1);
      const wire = framesOf('openim.sendmsg', bob).pop().body;
      assert.equal(wire.OfflinePushInfo.Title, '');
      assert.equal(wire.OfflinePushInfo.Desc, '');
      await waitFor(() => A.rec.inputs.some((m) => m.data === data), 'alice receiving the accept');
      const input = A.rec.inputs.find((m) => m.data === data);
      assert.equal(input.from, bob);
      assert.equal(input.conversationType, 'C2C');
    });

    test('a call invite or accept hidden from chat history goes out with TSignaling\'s message control (no unread, no preview)', async () => {
      const inner = { businessID: 'av_call', data: { cmd: 'videoCall', excludeFromHistoryMessage: true } };
      const data = JSON.stringify({ businessID: 1, inviteID: `h-${tag}`, actionType: 3, data: JSON.stringify(inner) });
      B.adapter.send({ id: 'hid-1', to: alice, conversationType: 'C2C', data });
      await waitFor(() => B.rec.results.some((r) => r.id === 'hid-1'), 'the hidden send result');
      assert.equal(B.rec.results.find((r) => r.id === 'hid-1').code, 0);
      assert.deepEqual(B.rec.sent[B.rec.sent.length - 1].args[1],
        { messageControlInfo: { excludedFromUnreadCount: true, excludedFromLastMessage: true } });
      const wire = framesOf('openim.sendmsg', bob).pop().body;
      assert.deepEqual(wire.SendMsgControl, ['NoUnread', 'NoLastMsg']);
      // An invite: push info and message control together.
      const offlinePushInfo = { title: 'Call', description: 'x', extension: '{}' };
      A.adapter.send({ id: 'hid-2', to: bob, conversationType: 'C2C', data, offlinePushInfo });
      await waitFor(() => A.rec.results.some((r) => r.id === 'hid-2'), 'the hidden invite result');
      assert.deepEqual(A.rec.sent[A.rec.sent.length - 1].args[1],
        { offlinePushInfo, messageControlInfo: { excludedFromUnreadCount: true, excludedFromLastMessage: true } });
      assert.deepEqual(framesOf('openim.sendmsg', alice).pop().body.SendMsgControl, ['NoUnread', 'NoLastMsg']);
    });

    test('a server-side send failure becomes its SDK code', async () => {
      H.failNext('openim.sendmsg', 20003, 'invalid To_Account');
      A.adapter.send({ id: 'fail-1', to: 'nobody', conversationType: 'C2C', data: '{"cmd":"invite"}', offlinePushInfo: { title: 't', description: 'd' } });
      await waitFor(() => A.rec.results.some((r) => r.id === 'fail-1'), 'the failed send result');
      const result = A.rec.results.find((r) => r.id === 'fail-1');
      assert.equal(result.code, 20003);
      assert.equal(typeof result.message, 'string');
      assert.equal(A.rec.created[A.rec.created.length - 1].returned.status, 'fail');
    });

    test('bad parameters after login throw synchronously in the SDK; the adapter reports NO_CODE', async () => {
      assert.throws(() => A.tim.createCustomMessage({ conversationType: 'C2C', payload: { data: 'x', description: '', extension: '' } }),
        (error) => error instanceof Error && error.code === undefined);
      const sentBefore = A.rec.sent.length;
      assert.doesNotThrow(() => A.adapter.send({ id: 'bad-1', to: undefined, conversationType: 'C2C', data: '{}' }));
      await waitFor(() => A.rec.results.some((r) => r.id === 'bad-1'), 'the bad-params send result');
      assert.equal(A.rec.results.find((r) => r.id === 'bad-1').code, CODES.NO_CODE);
      assert.notEqual(A.rec.created[A.rec.created.length - 1].threw, null, 'the SDK threw');
      assert.equal(A.rec.sent.length, sentBefore, 'nothing was sent');
    });

    test('a send the server never answers is reported 2801 by the adapter\'s own timeout', async () => {
      const { adapter, rec } = makeAdapter(SDK, A.tim, alice, { sendTimeoutMs: 300 });
      const original = H.handlers['openim.sendmsg'];
      H.handlers['openim.sendmsg'] = () => null;
      try {
        adapter.send({ id: 'silent-1', to: bob, conversationType: 'C2C', data: '{"cmd":"invite"}' });
        await waitFor(() => rec.results.length === 1, 'the timed-out send result', 2000);
      } finally {
        H.handlers['openim.sendmsg'] = original;
      }
      assert.equal(rec.results[0].id, 'silent-1');
      assert.equal(rec.results[0].code, CODES.NETWORK_TIMEOUT);
      await adapter.release();   // not owned: the app's instance stays logged in
      assert.equal(A.tim.isReady ? A.tim.isReady() : true, true);
    });

    test('group: a GROUP custom message reaches every other member with its groupID', async () => {
      const data = JSON.stringify({ cmd: 'invite', callId: `g-${tag}`, group: true });
      A.adapter.send({ id: 'ginv-1', to: group, conversationType: 'GROUP', data, offlinePushInfo: { title: 'Group call', description: 'd' } });
      await waitFor(() => A.rec.results.some((r) => r.id === 'ginv-1'), 'the group send result');
      assert.deepEqual(A.rec.results.find((r) => r.id === 'ginv-1'), { id: 'ginv-1', code: 0, message: '' });
      const created = A.rec.created[A.rec.created.length - 1];
      assert.deepEqual(created.options, {
        to: group,
        conversationType: SDK.TYPES.CONV_GROUP,
        priority: SDK.TYPES.MSG_PRIORITY_HIGH,
        payload: { data, description: '', extension: '' },
      });
      assert.equal(created.returned.conversationID, `GROUP${group}`);
      const wire = framesOf('group_open_http_svc.send_group_msg', alice).pop().body;
      assert.equal(wire.GroupId, group);
      assert.equal(wire.MsgPriority, 'High');
      assert.equal(wire.OfflinePushInfo.Title, 'Group call');
      const stored = H.sent.find((s) => s.groupID === group && s.request.Random === wire.Random);
      for (const member of [B, C]) {
        await waitFor(() => member.rec.inputs.some((m) => m.data === data), `${member.userID} receiving the group invite`);
        const input = member.rec.inputs.find((m) => m.data === data);
        assert.equal(input.from, alice);
        assert.equal(input.conversationType, 'GROUP');
        assert.equal(input.groupID, group);
        assert.equal(input.timeMs, stored.time * 1000);
        assert.equal(input.messageID, created.returned.ID);
        assert.ok(Math.abs(input.serverNowMs - serverClockMs()) < 2000);
      }
      assert.ok(!A.rec.inputs.some((m) => m.data === data), 'the sender does not receive its own message');
    });

    test('pushed messages: batches in order, duplicates once, own synced and non-custom ignored, stale passed on', async () => {
      const n = B.rec.inputs.length;
      const stale = H.now() - 3600;
      const one = H.wireC2C({ from: carol, to: bob, data: '{"cmd":"p1"}' });
      const two = H.wireC2C({ from: carol, to: bob, data: '{"cmd":"p2"}' });
      const old = H.wireC2C({ from: carol, to: bob, data: '{"cmd":"old"}', time: stale });
      // Sent by bob from another device: the server syncs it with From=peer, To=self,
      // IsSyncMsg=1, and the SDK swaps them back (from=bob, flow 'out').
      const mine = H.wireC2C({ from: carol, to: bob, data: '{"cmd":"mine"}', isSyncMsg: true });
      const text = H.wireC2C({ from: carol, to: bob });
      text.MsgBody = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hello' } }];
      H.push([one, two], bob);
      H.push([one], bob);
      H.push([mine, text, old], bob);
      await waitFor(() => B.rec.inputs.length >= n + 3, 'bob receiving the pushed messages');
      await sleep(50);
      const got = B.rec.inputs.slice(n);
      assert.deepEqual(got.map((m) => m.data), ['{"cmd":"p1"}', '{"cmd":"p2"}', '{"cmd":"old"}']);
      assert.ok(got.every((m) => m.from === carol && m.conversationType === 'C2C' && m.fetched === false));
      assert.equal(got[2].timeMs, stale * 1000, 'a stale invite keeps its old server time (the engine drops it)');
    });

    test('a network drop while logged in: NET_STATE_CHANGE, and the missed message arrives after the reconnect', async () => {
      const data = '{"cmd":"missed-while-reconnecting"}';
      H.state.pending.set(bob, [H.wireC2C({ from: carol, to: bob, data })]);
      const socketsBefore = H.sockets.length;
      const eventsBefore = B.rec.events.length;
      H.drop(bob);
      await waitFor(() => B.rec.inputs.some((m) => m.data === data), 'bob receiving the missed message', 10000);
      assert.ok(H.sockets.length > socketsBefore, 'the SDK opened a new socket');
      // The SDK reports changes only (no event for the first connect).
      const net = B.rec.events.slice(eventsBefore).filter((e) => e.startsWith('net:'));
      assert.equal(net[0], 'net:disconnected');
      assert.equal(net[net.length - 1], 'net:connected');
      assert.equal(B.adapter.netState, 'connected');
      const input = B.rec.inputs.find((m) => m.data === data);
      assert.equal(input.from, carol);
      assert.equal(input.fetched, false);
      assert.equal(B.adapter.ready, true);
    });

    test('invites sent while the callee was logged out: not emitted by the SDK, fetched after SDK_READY', async () => {
      const dan = `dan-${tag}`;
      const erin = `erin-${tag}`;
      const fresh = JSON.stringify({ cmd: 'invite', callId: `off-${tag}` });
      // Stored on the server while dan was logged out: one stale message in the same
      // conversation, one stale conversation, then alice's live invite sent through her adapter.
      const staleTime = H.now() - 600;
      for (const wire of [
        H.wireC2C({ from: alice, to: dan, data: '{"cmd":"stale-same-conversation"}', time: staleTime }),
        H.wireC2C({ from: erin, to: dan, data: '{"cmd":"stale-conversation"}', time: staleTime }),
      ]) {
        H.history.push(wire);
        H.state.pending.set(dan, (H.state.pending.get(dan) || []).concat([wire]));
      }
      A.adapter.send({ id: 'off-1', to: dan, conversationType: 'C2C', data: fresh, offlinePushInfo: { title: 'Call', description: 'd' } });
      await waitFor(() => A.rec.results.some((r) => r.id === 'off-1'), 'the offline invite send result');
      assert.equal(A.rec.results.find((r) => r.id === 'off-1').code, 0);
      assert.equal(H.state.pending.get(dan).length, 3, 'queued for dan');

      let emitted = 0;
      const user = await loginUser(SDK, dan);
      // Count what the SDK itself emits (beside the adapter's subscription).
      user.tim.on(SDK.EVENT.MESSAGE_RECEIVED, (event) => { emitted += event.data.length; });
      await waitFor(() => user.rec.inputs.length >= 1, 'the fetched invite');
      await sleep(100);
      assert.equal(emitted, 0, 'the SDK does not emit offline messages after a fresh login');
      assert.deepEqual(user.rec.inputs.map((m) => m.data), [fresh], 'only the live invite is handed over');
      const input = user.rec.inputs[0];
      const stored = H.sent.find((x) => x.to === dan);
      assert.equal(input.fetched, true);
      assert.equal(input.from, alice);
      assert.equal(input.conversationType, 'C2C');
      assert.equal(input.groupID, '');
      assert.equal(input.timeMs, stored.time * 1000);
      assert.equal(input.messageID, A.rec.created[A.rec.created.length - 1].returned.ID);
      assert.ok(Math.abs(input.serverNowMs - serverClockMs()) < 2000);
      // Fetching again (a second SDK_READY) hands nothing over twice.
      await user.adapter.fetchRecent();
      assert.equal(user.rec.inputs.length, 1);
      assert.ok(framesOf('recentcontact.page_get', dan).length >= 1, 'the conversation list came from the server');
    });

    test('an adapter attached to an instance the app already logged in is ready at once', async () => {
      const { adapter, rec } = makeAdapter(SDK, C.tim, carol);
      adapter.attach();
      await waitFor(() => rec.events.includes('ready'), 'the late adapter becoming ready');
      assert.equal(adapter.ready, true);
      const data = '{"cmd":"late"}';
      H.push([H.wireC2C({ from: alice, to: carol, data })], carol);
      await waitFor(() => rec.inputs.some((m) => m.data === data), 'the late adapter receiving');
      await adapter.release();
      // After release it hands nothing on; the app's instance stays logged in.
      const count = rec.inputs.length;
      H.push([H.wireC2C({ from: alice, to: carol, data: '{"cmd":"after-release"}' })], carol);
      await waitFor(() => C.rec.inputs.some((m) => m.data === '{"cmd":"after-release"}'), 'the main adapter receiving');
      assert.equal(rec.inputs.length, count);
      assert.equal(framesOf('im_open_status.wslogout', carol).length, 0, 'an app instance is never logged out');
    });

    test('an owned instance is logged out and destroyed on release', async () => {
      const owner = `owner-${tag}`;
      const user = await loginUser(SDK, owner, { owned: true });
      assert.equal(user.adapter.owned, true);
      let destroyed = false;
      user.tim.on(SDK.EVENT.SDK_DESTROY, () => { destroyed = true; });
      await user.adapter.release();
      assert.equal(framesOf('im_open_status.wslogout', owner).length, 1);
      await waitFor(() => destroyed, 'SDK_DESTROY');
      // Released: its own callbacks stay quiet (it detached before logging out).
      assert.ok(!user.rec.events.includes('notReady'));
    });

    test('KICKED_OUT reaches the adapter with its type', async () => {
      const victim = `kicked-${tag}`;
      const user = await loginUser(SDK, victim);
      H.kick(victim, 1);
      await waitFor(() => user.rec.events.some((e) => e.startsWith('kicked:')), 'KICKED_OUT');
      assert.ok(user.rec.events.includes(`kicked:${SDK.TYPES.KICKED_OUT_MULT_ACCOUNT}`), user.rec.events.join(','));
      assert.equal(user.adapter.ready, false);
      // Once kicked, a send fails with the SDK's own code (3003, KICKED_OUT_MULT_ACCOUNT),
      // without throwing.
      user.adapter.send({ id: 'after-kick', to: alice, conversationType: 'C2C', data: '{}' });
      await waitFor(() => user.rec.results.length === 1, 'the post-kick send result');
      assert.equal(user.rec.results[0].code, 3003);
    });
  });
}

test('cross-SDK: a 2.x caller reaches a 3.x callee through the same backend', async () => {
  const caller = await loginUser(TIM, 'x-caller');
  const callee = await loginUser(TencentCloudChat, 'x-callee');
  const data = JSON.stringify({ cmd: 'invite', callId: 'cross' });
  caller.adapter.send({ id: 'x-1', to: 'x-callee', conversationType: 'C2C', data, offlinePushInfo: { title: 'Call', description: 'd' } });
  await waitFor(() => callee.rec.inputs.some((m) => m.data === data), 'the 3.x callee receiving');
  assert.deepEqual(caller.rec.results, [{ id: 'x-1', code: 0, message: '' }]);
  const input = callee.rec.inputs.find((m) => m.data === data);
  assert.equal(input.from, 'x-caller');
  assert.equal(input.messageID, caller.rec.created[0].returned.ID);
});
