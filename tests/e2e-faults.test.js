// End-to-end faults through rendered <tuicalling> components (built wasm + glue + wxml, the
// official compilers) on the local IM hub and the simulated TRTC room, on virtual time
// (test-support/component-world.js). Each test names what every phone must end with and
// checks it: nobody is left ringing, dialing, or connected to nobody.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');

const cw = require('../test-support/component-world');
const { assertEnded, connect, setup } = require('./helpers/e2e');

/**
 * `who` hangs up: both phones are ours (their invite and accept say sendsHangupNotice), so
 * `who` sends the one hang-up notice at once and `other` ends on it, sending none. The world
 * is torn down.
 */
async function hangUpAndFinish(env, who, other) {
  const before = env.hangupNotices().length;
  await who.tap('#hangup');
  await env.run(1000);
  assertEnded(who, ['hangup']);
  assertEnded(other, ['hangup']);
  await env.run(15000); // past the other's leave grace: still one notice
  assert.deepEqual(env.hangupNotices().slice(before), [`${who.userID}>${other.userID}`], 'exactly one hang-up notice');
  await cw.destroyAll(env.world);
}

test('a lost accept: bob ends at the empty-room guard (error), alice by his hang-up notice (hangup), before her own 35 s guard', async () => {
  const env = await setup(['alice', 'bob']);
  const [alice, bob] = env.phones;
  env.world.hub.faults.drop = (message, to) => to === 'alice' && env.signalOf(message).action === 'accept';
  await alice.comp.instance.call({ userID: 'bob', type: 2 });
  await env.run(500);
  await bob.tap('#accept');
  await env.run(1000);
  assert.equal(bob.data.screen, 'connected', 'bob accepted and entered the room');
  assert.equal(alice.data.screen, 'dialing', 'alice never heard of it');
  await env.run(28000);
  assert.equal(bob.data.screen, 'connected', 'the empty-room guard waits 30 s');
  await env.run(6000);
  assertEnded(bob, ['error']);
  assert.ok(bob.toastTitles().includes('Call failed: nobody joined the TRTC room'), bob.toastTitles().join());
  assertEnded(alice, ['hangup']);
  assert.ok(env.endedAt(alice) < 35500, `alice ended at ${env.endedAt(alice)} ms`);
  assert.deepEqual(env.wire(), ['alice>bob invite', 'bob>alice accept', 'bob>alice invite/hangup']);
  await cw.destroyAll(env.world);
});

test('a duplicated invite rings once: bob sees one invitation, accepts it, and the call ends normally on both sides', async () => {
  const env = await setup(['alice', 'bob']);
  const [alice, bob] = env.phones;
  env.world.hub.faults.duplicate = (message) => env.signalOf(message).action === 'invite';
  await alice.comp.instance.call({ userID: 'bob', type: 2 });
  await env.run(500);
  assert.equal(bob.events('invited').length, 1, 'INVITED once');
  assert.equal(bob.events('onCallReceived').length, 1, 'ON_CALL_RECEIVED once');
  await bob.tap('#accept');
  await env.run(1000);
  assert.equal(alice.data.screen, 'connected');
  await env.run(5000);
  assert.equal(bob.events('invited').length, 1, 'the copy never rang later either');
  await hangUpAndFinish(env, alice, bob);
});

test('a cancel and an accept that cross: alice ends canceled at once; bob, who accepted, ends canceled when the cancel lands; nobody stays connected', async () => {
  const env = await setup(['alice', 'bob']);
  const [alice, bob] = env.phones;
  await alice.comp.instance.call({ userID: 'bob', type: 2 });
  await env.run(500);
  env.world.hub.faults.delayMs = () => 300; // both messages are still in flight when the other acts
  await alice.tap('#hangup');
  await env.run(100);
  await bob.tap('#accept');
  assert.equal(bob.data.screen, 'connected', 'bob accepted before the cancel arrived');
  await env.run(2000);
  assertEnded(alice, ['canceled']);
  assertEnded(bob, ['canceled']);
  assert.ok(bob.toastTitles().includes('alice cancelled the call'), bob.toastTitles().join());
  assert.deepEqual(env.wire(), ['alice>bob invite', 'alice>bob cancel', 'bob>alice accept']);
  assert.equal(env.world.rooms.roomOf('bob'), null, 'bob left the room');
  await env.run(40000);
  assert.equal(alice.events('callEnd').length, 1, 'the late accept did not revive anything on alice');
  await cw.destroyAll(env.world);
});

test('a TRTC leave never reported: alice ends by bob\'s hang-up notice; with that notice lost too, by room silence within ~30 s, with her own', async () => {
  for (const noticeLost of [false, true]) {
    const env = await setup(['alice', 'bob']);
    const [alice, bob] = env.phones;
    await connect(env, alice, bob);
    env.world.rooms.faults.leaveNotReported = (userID) => userID === 'bob';
    if (noticeLost) env.world.hub.faults.drop = (message, to) => to === 'alice';
    await env.run(5000);
    await bob.tap('#hangup');
    const hungUpAt = env.elapsed();
    await env.run(1000);
    assertEnded(bob, ['hangup']);
    if (!noticeLost) {
      assertEnded(alice, ['hangup']);
      assert.deepEqual(env.hangupNotices(), ['bob>alice']);
    } else {
      assert.equal(alice.data.screen, 'connected', 'no notice, no 1032: alice still thinks bob is there');
      await env.run(35000);
      assertEnded(alice, ['hangup']);
      const after = env.endedAt(alice) - hungUpAt;
      assert.ok(after > 25000 && after <= 32000, `silence ended it ${after} ms after bob left`);
      assert.deepEqual(env.hangupNotices(), ['bob>alice', 'alice>bob'], 'bob\'s was lost: alice, left, sent hers');
    }
    await cw.destroyAll(env.world);
  }
});

test('IM kicked out mid-call (bob logs in elsewhere): bob ends kicked_out with a toast, alice ends when bob leaves the room', async () => {
  const env = await setup(['alice', 'bob']);
  const [alice, bob] = env.phones;
  await connect(env, alice, bob);
  const elsewhere = env.world.hub.createInstance({ SDKAppID: cw.SDK_APP_ID });
  const login = elsewhere.login({ userID: 'bob', userSig: 'sig-bob' });
  await env.run(2000);
  await login;
  assertEnded(bob, ['kicked_out']);
  assert.equal(bob.events('kickedOut').length, 1);
  assert.ok(bob.toastTitles().includes('You were signed in elsewhere and went offline'), bob.toastTitles().join());
  await env.run(10000); // alice's leave grace
  assertEnded(alice, ['hangup']);
  assert.deepEqual(env.hangupNotices(), ['alice>bob'], 'one notice, from the side left');
  assert.equal(env.world.rooms.roomOf('bob'), null);
  await cw.destroyAll(env.world);
});

test('a re-login while ringing: bob keeps ringing (once, the re-fetched invite does not ring again), accepts, and the call works', async () => {
  const env = await setup(['alice', 'bob']);
  const [alice, bob] = env.phones;
  await alice.comp.instance.call({ userID: 'bob', type: 2 });
  await env.run(500);
  const logout = bob.tim.logout();
  await env.run(100);
  await logout;
  const login = bob.tim.login({ userID: 'bob', userSig: 'sig-bob' });
  await env.run(1000);
  await login;
  assert.equal(bob.data.screen, 'incoming', 'still ringing after the re-login');
  assert.equal(bob.events('invited').length, 1, 'rang once');
  await bob.tap('#accept');
  await env.run(1000);
  assert.equal(alice.data.screen, 'connected');
  assert.equal(bob.data.screen, 'connected');
  await hangUpAndFinish(env, alice, bob);
});

test('the app goes to the background for 60 s mid-call: bob\'s camera pauses, the call goes on on both sides, and it continues after he returns', async () => {
  const env = await setup(['alice', 'bob']);
  const [alice, bob] = env.phones;
  await connect(env, alice, bob);
  bob.background();
  await env.run(1000);
  assert.equal(alice.data.playerList[0].muteVideo, true, 'alice sees bob\'s camera stopped');
  assert.equal(alice.data.playerList[0].muteAudio, false, 'his audio goes on');
  await env.run(59000);
  assert.equal(alice.data.screen, 'connected', 'alice kept the call');
  bob.foreground();
  await env.run(1000);
  assert.equal(alice.data.playerList[0].muteVideo, false, 'bob\'s camera is back');
  await env.run(40000); // longer than every guard
  for (const phone of [alice, bob]) {
    assert.equal(phone.data.screen, 'connected', `${phone.userID} still connected`);
    assert.deepEqual(phone.events('callEnd'), []);
  }
  assert.match(bob.data.chatTime, /^00:01:4\d$/, `bob's clock went on: ${bob.data.chatTime}`);
  await hangUpAndFinish(env, bob, alice);
});

test('iOS background within the leave grace: bob\'s pusher leaves the room (alice sees him go) and re-enters 6 s later; the call goes on on both sides and nothing is sent', async () => {
  const env = await setup(['alice', 'bob']);
  const [alice, bob] = env.phones;
  await connect(env, alice, bob);
  const wireBefore = env.wire().length;
  bob.background({ ios: true });
  await env.run(1000);
  assert.equal(env.world.rooms.roomOf('bob'), null, 'bob\'s SDK left the room');
  assert.deepEqual(alice.events('userLeave').map((e) => e.userID), ['bob'], 'alice saw him leave');
  assert.equal(alice.data.screen, 'connected', 'alice waits the leave grace');
  assert.equal(alice.data.away, true);
  assert.equal(alice.$('#time').dom.textContent.trim(), 'The other side left; waiting for them to return…');
  const clock = alice.data.chatTime;
  await env.run(5000);
  assert.equal(alice.data.chatTime, clock, 'the talk clock stops while bob is away');
  bob.foreground();
  await env.run(1000);
  assert.notEqual(env.world.rooms.roomOf('bob'), null, 'bob re-entered');
  assert.deepEqual(alice.events('userEnter').map((e) => e.userID), ['bob', 'bob'], 'alice saw him come back');
  assert.equal(alice.data.playerList.length, 1, 'alice plays bob again');
  assert.equal(alice.data.away, false);
  assert.match(alice.$('#time').dom.textContent.trim(), /^00:00:\d\d$/);
  await env.run(40000); // past the grace and every guard
  for (const phone of [alice, bob]) {
    assert.equal(phone.data.screen, 'connected', `${phone.userID} still connected`);
    assert.deepEqual(phone.events('callEnd'), []);
  }
  assert.deepEqual(env.wire().slice(wireBefore), [], 'no signal for the trip to the background');
  await hangUpAndFinish(env, bob, alice);
});

test('iOS background past the leave grace: alice ends 10 s after bob\'s pusher left, with the one notice; bob ends on it when he returns and sends nothing', async () => {
  const env = await setup(['alice', 'bob']);
  const [alice, bob] = env.phones;
  await connect(env, alice, bob);
  bob.background({ ios: true });
  const leftAt = env.elapsed();
  await env.run(9000);
  assert.equal(alice.data.screen, 'connected', 'within the grace');
  await env.run(2000);
  assertEnded(alice, ['hangup']);
  const ended = env.endedAt(alice) - leftAt;
  assert.ok(ended >= 10000 && ended < 10500, `alice ended ${ended} ms after bob left`);
  assert.equal(bob.data.screen, 'connected', 'bob, suspended, knows nothing yet');
  await env.run(20000);
  bob.foreground();
  await env.run(1000);
  assertEnded(bob, ['hangup']);
  assert.equal(env.world.rooms.roomOf('bob'), null, 'bob left the room again');
  assert.deepEqual(env.hangupNotices(), ['alice>bob'], 'exactly one hang-up notice, from the side left');
  await cw.destroyAll(env.world);
});

test('a bad UserSig (TRTC -100018 on entering the room): bob ends in error and says why; alice ends by his notice', async () => {
  const env = await setup(['alice', 'bob']);
  const [alice, bob] = env.phones;
  env.world.rooms.validateUserSig = (userID) => userID !== 'bob';
  await alice.comp.instance.call({ userID: 'bob', type: 2 });
  await env.run(500);
  await bob.tap('#accept');
  await env.run(1000);
  assertEnded(bob, ['error']);
  assert.deepEqual(bob.events('error').map((e) => [e.code, e.message]), [['ENTER_ROOM_FAILED', 'TRTC -100018: userSig check failed']]);
  assert.deepEqual(bob.toastTitles(), ['Call failed: TRTC -100018: userSig check failed']);
  assertEnded(alice, ['hangup']);
  assert.equal(env.world.rooms.roomOf('alice'), null, 'alice left the room she was alone in');
  await cw.destroyAll(env.world);
});

test('a send failure: the invite\'s send fails (2801): alice ends in error; bob never rings, or, if the server delivered it anyway, stops at once', async () => {
  for (const deliveredAnyway of [false, true]) {
    const env = await setup(['alice', 'bob']);
    const [alice, bob] = env.phones;
    env.world.hub.failNextSend('alice', 2801, { deliver: deliveredAnyway });
    await alice.comp.instance.call({ userID: 'bob', type: 2 });
    await env.run(14000);
    assert.equal(alice.data.screen, 'dialing', 'the SDK waits ~15 s before it gives up');
    await env.run(2000);
    assertEnded(alice, ['error']);
    assert.deepEqual(alice.toastTitles(), ['Call failed: code 2801']);
    if (deliveredAnyway) {
      assert.equal(bob.events('invited').length, 1, 'the server delivered the invite');
      assertEnded(bob, ['canceled']);
      assert.ok(env.endedAt(bob) - env.endedAt(alice) < 100, 'bob stopped ringing right after alice gave up');
      assert.deepEqual(env.wire(), ['alice>bob invite', 'alice>bob cancel']);
    } else {
      assertEnded(bob, []);
      assert.equal(bob.events('invited').length, 0, 'bob never rang');
    }
    await cw.destroyAll(env.world);
  }
});
