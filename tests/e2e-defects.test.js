// Issue 16's seven page-visible defects, each through rendered <tuicalling> phones on the local
// IM hub and the simulated TRTC room, on virtual time. Each test states what a user must see
// once the defect is fixed, and fails on the code of today: they are marked
// `{ todo: 'issue 16: fixed in phase B' }` (node:test reports them as todo, not as passes, and
// their failure does not fail the run). Phase B removes the mark with its fix.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');

const cw = require('../test-support/component-world');
const { ADAPTER, RING_CAP_S, SLACK_MS } = require('../test-support/chaos/bounds');
const { assertEnded, connect, setup } = require('./helpers/e2e');

const TODO = 'issue 16: fixed in phase B';

/** Tencent IM's documented send limit for group messages: 40 per second per group (see the
 *  busy-reply test). No other per-user rate is documented for messages sent from a client. */
const DOCUMENTED_GROUP_MESSAGES_PER_S = 40;

const deviceOf = (code) => (code === 10001 || code === -1301 ? 'camera' : 'microphone');
const titles = (phone) => phone.toastTitles().join(' | ');

/** A rendered control's on/off state from its class (`action on` / `action off`). */
function isOn(phone, selector) {
  const element = phone.$(selector);
  assert.ok(element, `${phone.userID}: ${selector} is rendered`);
  return String(element.dom.className).split(/\s+/).some((c) => c === 'on' || c.endsWith('--on'));
}

for (const code of [10001, 10002, -1301, -1302]) {
  test(`permission denied at accept (${code}): bob's attempt ends at once saying "${deviceOf(code)} permission denied"; alice's ends cleanly`, { todo: TODO }, async () => {
    const env = await setup(['alice', 'bob']);
    const [alice, bob] = env.phones;
    env.world.rooms.faults.deviceError = (userID) => (userID === 'bob' ? code : 0);
    await alice.comp.instance.call({ userID: 'bob', type: 2 });
    await env.run(500);
    await bob.tap('#accept');
    await env.run(2000);
    assertEnded(bob, ['error']);
    assert.match(titles(bob), new RegExp(`${deviceOf(code)} permission denied`, 'i'));
    assert.equal(alice.data.screen, 'idle', 'alice was told at once, not after 30 s of an empty room');
    assert.equal(alice.events('callEnd').length, 1);
    assert.notEqual(alice.events('callEnd')[0].reason, 'error', 'a clean end on the peer\'s side');
    await cw.destroyAll(env.world);
  });
}

for (const code of [-1301, -1302]) {
  test(`permission lost mid-call (${code}): bob gets a toast and his ${deviceOf(code)} shows off; the call goes on`, { todo: TODO }, async () => {
    const env = await setup(['alice', 'bob']);
    const [alice, bob] = env.phones;
    await connect(env, alice, bob);
    env.world.rooms.pusherEvent('bob', code, code === -1301 ? 'open camera failed' : 'open microphone failed');
    await env.run(1000);
    assert.equal(bob.data.screen, 'connected', 'the call goes on');
    assert.match(titles(bob), new RegExp(deviceOf(code), 'i'), 'a toast says what was lost');
    assert.equal(isOn(bob, code === -1301 ? '#camera' : '#mic'), false, 'the control shows the real device state');
    await cw.destroyAll(env.world);
  });
}

test('unlimited busy replies: a flood of 2,000 invites from distinct users in one second gets at most the documented rate of busy replies, and no page event per dropped invite', { todo: TODO }, async () => {
  // Tencent's "Use Limits" (cloud.tencent.com/document/product/269/9346, 2025-11-04;
  // tencentcloud.com/document/product/1047/34381): one-to-one messages sent from a client have
  // no documented rate limit; group messages are limited to 40 per second per group; the REST
  // API's sendmsg to 200 per second per app. A busy reply to a group call goes to the group,
  // so 40/s is the one documented client-side rate that a flood of busy replies can exceed.
  const env = await setup(['alice', 'bob', 'carol']);
  const [alice, bob, carol] = env.phones;
  await connect(env, alice, bob);
  await carol.comp.instance.call({ userID: 'bob', type: 1 }); // the template: one real invite
  await env.run(500);
  const template = env.world.hub.sent.find((m) => m.from === 'carol' && env.signalOf(m).action === 'invite');
  const flooders = [];
  for (let i = 0; i < 2000; i += 1) {
    const userID = `f${i}`;
    const tim = env.world.hub.createInstance({ SDKAppID: cw.SDK_APP_ID });
    tim.login({ userID, userSig: `sig-${userID}` });
    flooders.push({ userID, tim });
  }
  await env.run(100);
  const eventsBefore = bob.pageEvents.length;
  const repliesBefore = env.world.hub.sent.filter((m) => m.from === 'bob').length;
  for (const [i, { userID, tim }] of flooders.entries()) {
    const outer = JSON.parse(template.payload.data);
    outer.inviter = userID;
    outer.inviteID = `flood-${i}`;
    const message = tim.createCustomMessage({ to: 'bob', conversationType: 'C2C', payload: { data: JSON.stringify(outer), description: '', extension: '' } });
    env.world.later(() => tim.sendMessage(message), Math.floor(i / 2)); // 2,000 in one second
  }
  await env.run(1000);
  const replies = env.world.hub.sent.filter((m) => m.from === 'bob').length - repliesBefore;
  const events = bob.pageEvents.slice(eventsBefore).filter((e) => e.name !== 'userNetworkQualityChanged');
  assert.equal(bob.data.screen, 'connected', 'bob\'s call goes on');
  assert.ok(replies <= 2 * DOCUMENTED_GROUP_MESSAGES_PER_S, `${replies} busy replies in one second`);
  assert.ok(events.length <= replies, `${events.length} page events for ${replies} replies`);
  await cw.destroyAll(env.world);
});

/** alice calls bob, who accepts; the accept's send fails with 2801 after ~15 s (`deliver`: the
 *  server had it anyway). */
async function failingAccept(deliver) {
  const env = await setup(['alice', 'bob']);
  const [alice, bob] = env.phones;
  await alice.comp.instance.call({ userID: 'bob', type: 2 });
  await env.run(500);
  env.world.hub.failNextSend('bob', 2801, { deliver });
  await bob.tap('#accept');
  return { env, alice, bob };
}

test('failed but delivered accept: bob\'s accept fails (2801) though alice got it; bob hangs up so alice is told at once, not after 30 s in an empty room', { todo: TODO }, async () => {
  const { env, alice, bob } = await failingAccept(true);
  await env.run(14000);
  assert.equal(alice.data.screen, 'dialing', 'the accept is in flight for ~15 s');
  await env.run(3000); // the failure (and the delivery) at 15 s, plus 2 s
  assertEnded(bob, ['error']);
  assert.equal(alice.data.screen, 'idle', 'alice was told');
  assert.ok(!/nobody joined/.test(titles(alice)), titles(alice));
  await cw.destroyAll(env.world);
});

test(`long rings: a caller asking for a 600 s ring gets at most the ${RING_CAP_S} s cap`, { todo: TODO }, async () => {
  const env = await setup(['alice', 'bob']);
  const [alice, bob] = env.phones;
  await alice.comp.instance.call({ userID: 'bob', type: 2, timeout: 600 });
  await env.run(500);
  assert.equal(bob.data.screen, 'incoming');
  await env.run(RING_CAP_S * 1000 + SLACK_MS);
  assertEnded(bob, ['no_response']);
  await cw.destroyAll(env.world);
});

test('late rings: an invite delayed 20 s rings for the 10 s it has left; one delayed past its timeout does not ring', { todo: TODO }, async () => {
  for (const delayMs of [20000, 40000]) {
    const env = await setup(['alice', 'bob']);
    const [alice, bob] = env.phones;
    env.world.hub.faults.delayMs = (message) => (env.signalOf(message).action === 'invite' ? delayMs : 0);
    await alice.comp.instance.call({ userID: 'bob', type: 2 });
    if (delayMs < 30000) {
      await env.run(delayMs + 500);
      assert.equal(bob.data.screen, 'incoming', 'the late invite rings');
      await env.run(30000 - delayMs + SLACK_MS);
      assert.equal(bob.data.screen, 'idle', `rang only for what was left of the 30 s (elapsed ${env.elapsed()} ms)`);
    } else {
      await env.run(delayMs + 500);
      assert.deepEqual(bob.events('invited'), [], 'an expired invite does not ring');
    }
    await cw.destroyAll(env.world);
  }
});

test('wrong texts: when bob\'s accept fails, alice is not told "bob is offline"', { todo: TODO }, async () => {
  const { env, alice, bob } = await failingAccept(false);
  await env.run(40000); // the failure at 15 s; alice's own guard at 35 s
  assertEnded(bob, ['error']);
  assert.equal(alice.data.screen, 'idle');
  assert.ok(!/offline/.test(titles(alice)), `alice's toasts: ${titles(alice)}`);
  await cw.destroyAll(env.world);
});

test('no error event after a call\'s end: a call whose invite and cancel both fail reports one error, before its end', { todo: TODO }, async () => {
  const env = await setup(['alice', 'bob']);
  const [alice] = env.phones;
  alice.setNetwork(false);
  await alice.comp.instance.call({ userID: 'bob', type: 2 });
  await env.run(60000);
  const end = alice.pageEvents.find((e) => e.name === 'callEnd');
  assert.ok(end, 'the call ended');
  const errors = alice.pageEvents.filter((e) => e.name === 'error');
  const late = errors.filter((e) => e.at > end.at).map((e) => `${(e.at - end.at) / 1000} s after: ${e.detail.code} ${e.detail.message}`);
  assert.deepEqual(late, [], 'error events after the end');
  assert.equal(errors.length, 1);
  await cw.destroyAll(env.world);
});

/** A phone whose IM instance is not logged in (init() logs it in). */
async function loggedOutPhone(userID) {
  const env = await setup(['alice']);
  const phone = cw.createPhone(env.world, userID, { locale: 'en' });
  return { env, phone, alice: env.phones[0] };
}

/** init() settles within `ms` of virtual time: `{ok, error, at}`. */
async function settleInit(env, phone, ms) {
  const started = env.world.now();
  let outcome = null;
  phone.init().then(() => { outcome = { ok: true, at: env.world.now() - started }; },
    (error) => { outcome = { ok: false, error, at: env.world.now() - started }; });
  await env.world.until(() => outcome !== null, 'init() to settle', ms);
  return outcome;
}

/** `caller` calls `phone`, which must ring. */
async function rings(env, caller, phone) {
  await caller.comp.instance.call({ userID: phone.userID, type: 1 });
  await env.run(1000);
  assert.equal(phone.data.screen, 'incoming', `${phone.userID} rings after the retry`);
}

test('login failure in init(): a typed error at once, and a later init() works', { todo: TODO }, async () => {
  const { env, phone, alice } = await loggedOutPhone('bob');
  env.world.hub.failNextLogin('bob', 70001);
  const first = await settleInit(env, phone, 2000);
  assert.equal(first.ok, false);
  assert.equal(typeof first.error.code, 'string', `a typed error: ${first.error.message}`);
  assert.match(first.error.message, /70001/);
  const second = await settleInit(env, phone, 2000);
  assert.equal(second.ok, true);
  await rings(env, alice, phone);
  await cw.destroyAll(env.world);
});

test(`login hang in init(): a typed error within the ${ADAPTER.loginTimeoutMs / 1000} s login timeout, and a later init() works`, { todo: TODO }, async () => {
  const { env, phone, alice } = await loggedOutPhone('bob');
  let hangs = 1;
  env.world.hub.faults.loginHang = (userID) => userID === 'bob' && hangs-- > 0;
  const first = await settleInit(env, phone, ADAPTER.loginTimeoutMs + SLACK_MS);
  assert.equal(first.ok, false);
  assert.equal(typeof first.error.code, 'string', `a typed error: ${first.error.message}`);
  const second = await settleInit(env, phone, ADAPTER.loginTimeoutMs + SLACK_MS);
  assert.equal(second.ok, true, second.error && second.error.message);
  await rings(env, alice, phone);
  await cw.destroyAll(env.world);
});

// ---- defects found while building the chaos runner that the issue does not list ----------------

const TODO_NEW = 'issue 16 (new, found while building the chaos runner): phase B';

for (const answer of ['reject', 'accept, then hang up']) {
  test(`a page that re-inits (destroyed(), then init()) does not ring again for an invitation it already answered (${answer})`, { todo: TODO_NEW }, async () => {
    // Chaos seeds 7, 17, 24, 124: the new engine has forgotten the invitation, and the adapter
    // re-fetches the last 120 s of messages; an invitation younger than its timeout plus the
    // 60 s clock-skew allowance rings again, for a call its caller has left.
    const env = await setup(['alice', 'bob']);
    const [alice, bob] = env.phones;
    await alice.comp.instance.call({ userID: 'bob', type: 1 });
    await env.run(2000);
    if (answer === 'reject') {
      await bob.tap('#reject');
    } else {
      await bob.tap('#accept');
      await env.run(3000);
      await bob.tap('#hangup');
    }
    await env.run(1000);
    assert.equal(alice.data.screen, 'idle');
    await bob.comp.instance.destroyed();
    await env.run(1000);
    await bob.init();
    await env.run(1000);
    assert.equal(bob.events('invited').length, 1, 'rang once');
    assert.equal(bob.data.screen, 'idle');
    await env.run(40000);
    assert.ok(!/Missed call/.test(titles(bob)), `bob's toasts: ${titles(bob)}`);
    await cw.destroyAll(env.world);
  });
}

test('an iOS-style background for 5 s mid-call (the TRTC SDK leaves the room with 5000, re-enters on resume): the 1v1 call goes on on both sides', async () => {
  // README "Requirements and limits": "A call in progress goes on while the app is in the
  // background." On iOS the SDK exits the room while suspended (platform.md §D.4, code 5000), so
  // the peer got a 1032 at once and ended the call. Fixed by issue 13's leave grace (10 s):
  // tests/e2e-faults.test.js has the longer variants.
  const env = await setup(['alice', 'bob']);
  const [alice, bob] = env.phones;
  await connect(env, alice, bob);
  bob.background({ ios: true });
  await env.run(5000);
  assert.equal(alice.data.screen, 'connected', 'alice keeps the call while bob is away');
  bob.foreground();
  await env.run(2000);
  for (const phone of [alice, bob]) {
    assert.equal(phone.data.screen, 'connected', `${phone.userID} still connected`);
    assert.deepEqual(phone.events('callEnd'), []);
  }
  await cw.destroyAll(env.world);
});

for (const type of [1, 2]) {
  test(`a peer who mutes ${type === 1 ? 'the microphone in an audio call' : 'the microphone and turns the camera off in a video call'} for a minute is still in the call`, { todo: TODO_NEW }, async () => {
    // Found while widening the chaos world (the camera now reaches the room): with neither
    // audio nor video, bob's stream is removed on alice's side, so no player reports come
    // (platform.md §D.4 / tuicalling-spec.md §5.4), and the remote-silence guard takes him for
    // gone after 30 s: both calls end ("Call ended") though he never left the room.
    const env = await setup(['alice', 'bob']);
    const [alice, bob] = env.phones;
    await connect(env, alice, bob, type);
    await bob.comp.instance.closeMicrophone();
    if (type === 2) await bob.comp.instance.closeCamera();
    await env.run(60000);
    for (const phone of [alice, bob]) {
      assert.equal(phone.data.screen, 'connected', `${phone.userID} still connected`);
      assert.deepEqual(phone.events('callEnd'), []);
    }
    await cw.destroyAll(env.world);
  });
}
