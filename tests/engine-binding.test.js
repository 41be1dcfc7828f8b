// The Engine class of the production bundle, in the WeChat-like sandbox: two engines make a
// 1v1 call through plain-object outputs, and bad arguments throw typed EngineErrors.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { loadInSandbox } = require('./helpers/bundles');

const plain = (value) => JSON.parse(JSON.stringify(value));

function roomMessage(users) {
  return JSON.stringify({ userlist: users.map((userid) => ({ userid, playurl: `room://x?userid=${userid}`, streamtype: 'main', hasvideo: true, hasaudio: true })) });
}

/** Drains `engine`, acknowledging every send; returns {sends, events}. */
function drain(engine, now) {
  const outputs = plain(engine.drain());
  const sends = outputs.filter((o) => o.kind === 'send');
  for (const send of sends) engine.sendResult(send.id, 0, '', now);
  const events = outputs.filter((o) => o.kind === 'event').concat(plain(engine.drain()));
  return { sends, events };
}

test('two engines make a 1v1 video call through the binding', async () => {
  const { api } = await loadInSandbox('production');
  const alice = new api.Engine({ sdkAppID: 1400000000, userID: 'alice', userSig: 'sig-a' }, 0, 1);
  const bob = new api.Engine({ sdkAppID: 1400000000, userID: 'bob', userSig: 'sig-b', type: 2, leaveGraceMs: 2000 }, 0, 2);

  alice.call({ userIDList: ['bob'], type: 2, offlinePushInfo: { title: 'alice', description: '' } }, 1000);
  const invite = drain(alice, 1000).sends[0];
  assert.equal(invite.conversationType, 'C2C');
  assert.equal(invite.to, 'bob');
  assert.match(invite.offlinePushInfo.extension, /\\"call_type\\":2/);
  assert.equal(plain(alice.view()).status, 'calling');
  assert.equal(alice.nextTimeout(), 36000);

  bob.receive('alice', 'C2C', '', 'TIMCustomElem', invite.data, 1000, 1050, 1100);
  const ring = drain(bob, 1100).events;
  assert.deepEqual(ring.map((e) => e.name), ['invited']);
  assert.equal(ring[0].inviter, 'alice');
  assert.equal(ring[0].type, 2);

  bob.accept(3000);
  const accept = drain(bob, 3000);
  assert.deepEqual(accept.events.map((e) => e.name), ['connected']);
  const pusher = plain(bob.view()).pusher;
  assert.match(pusher.url, /^room:\/\/cloud\.tencent\.com\/rtc\?sdkappid=1400000000&roomid=\d+&userid=bob&usersig=sig-b&/);
  assert.equal(pusher.enableCamera, true);

  alice.receive('bob', 'C2C', '', 'TIMCustomElem', accept.sends[0].data, 3000, 3000, 3100);
  assert.deepEqual(drain(alice, 3100).events.map((e) => e.name), ['userAccepted', 'connected']);
  alice.pusherState(1018, '', 3500);
  alice.pusherState(1031, roomMessage(['bob']), 4000);
  alice.pusherState(1033, roomMessage(['bob']), 4100);
  assert.deepEqual(drain(alice, 4100).events.map((e) => e.name), ['userEntered']);
  const view = plain(alice.view());
  assert.deepEqual(view.players.map((p) => [p.id, p.muteVideo]), [['bob_main', false]]);
  assert.deepEqual(view.remoteUsers, [{ userID: 'bob', state: 'in_room' }]);

  bob.pusherState(1031, roomMessage(['alice']), 4000);
  drain(bob, 4000);

  // Alice hangs up. Bob's accept said sendsHangupNotice (one of ours), so she tells him at
  // once. TRTC shows him her leave first: he starts his leave grace (2 s here), then her
  // notice ends his call quietly. One notice for the call end.
  alice.hangup(24000);
  const end = drain(alice, 24000);
  assert.deepEqual(end.events, [{ kind: 'event', name: 'callEnded', reason: 'hangup', duration: 20 }]);
  assert.equal(end.sends.length, 1);
  const signal = plain(api.decodeSignal(end.sends[0].data));
  assert.deepEqual([signal.kind, signal.inviter, signal.invitees, signal.callEnd], ['hangup', 'alice', ['bob'], 20]);
  assert.equal(alice.nextTimeout(), -1);
  bob.pusherState(1032, roomMessage(['alice']), 24100);
  assert.deepEqual(drain(bob, 24100).events.map((e) => e.name), ['userLeft']);
  assert.equal(bob.nextTimeout(), 26100, 'the leave grace of his config');
  bob.receive('alice', 'C2C', '', 'TIMCustomElem', end.sends[0].data, 24000, 24000, 24200);
  const after = drain(bob, 24200);
  assert.deepEqual(after.events.map((e) => [e.name, e.reason, e.userID]), [['callEnded', 'hangup', 'alice']]);
  assert.deepEqual(after.sends, [], 'no second notice');
  assert.equal(plain(bob.view()).status, 'idle');
  alice.free();
  bob.free();
});

test('bad arguments and refused commands throw typed EngineErrors', async () => {
  const { api } = await loadInSandbox('production');
  const expectError = (fn, code, tsignalingCode) => assert.throws(fn, (error) => {
    assert.equal(error.name, 'EngineError');
    assert.equal(error.code, code);
    assert.equal(error.tsignalingCode, tsignalingCode);
    return true;
  });
  expectError(() => new api.Engine({ sdkAppID: 0, userID: 'a', userSig: 's' }, 0, 1), 'INVALID_CONFIG', 0);
  expectError(() => new api.Engine({ sdkAppID: 1, userID: 'a', userSig: 's', surprise: 1 }, 0, 1), 'INVALID_ARGUMENT', 6017);
  for (const bad of [60001, -1, 1.5, '10']) {
    expectError(() => new api.Engine({ sdkAppID: 1, userID: 'a', userSig: 's', leaveGraceMs: bad }, 0, 1), 'INVALID_ARGUMENT', 6017);
  }
  const engine = new api.Engine({ sdkAppID: 1, userID: 'a', userSig: 's' }, 0, 1);
  expectError(() => engine.accept(1), 'NO_CALL', 8010);
  expectError(() => engine.call({ userIDList: [] }, 1), 'INVALID_ARGUMENT', 6017);
  expectError(() => engine.call({ userIDList: ['a'] }, 1), 'INVALID_ARGUMENT', 6017);
  expectError(() => engine.call({ userIDList: ['b'], type: 3 }, 1), 'INVALID_ARGUMENT', 6017);
  expectError(() => engine.call({ userIDList: ['b'] }, -1), 'INVALID_ARGUMENT', 6017);
  engine.call({ userIDList: ['b'] }, 1);
  expectError(() => engine.call({ userIDList: ['c'] }, 2), 'BUSY', 0);
  expectError(() => engine.accept(2), 'NOT_ALLOWED', 8011);
  expectError(() => engine.receive('b', 'DM', '', 'TIMCustomElem', '{}', 1, 1, 3), 'INVALID_ARGUMENT', 6017);
  // The rarer commands share one wasm entry point (__command); their arguments are checked there.
  for (const bad of [3, 0, 1.5, '2', null, undefined]) {
    expectError(() => engine.switchMedia(bad, 3), 'INVALID_ARGUMENT', 6017);
  }
  for (const bad of [1, 'true', null, undefined]) {
    expectError(() => engine.setMicrophone(bad, 3), 'INVALID_ARGUMENT', 6017);
    expectError(() => engine.setSpeaker(bad, 3), 'INVALID_ARGUMENT', 6017);
  }
  for (const bad of ['c', ['c', 7], null]) expectError(() => engine.inviteUser(bad, 3), 'INVALID_ARGUMENT', 6017);
  expectError(() => engine.__command('dial', undefined, 3), 'INVALID_ARGUMENT', 6017);
  expectError(() => engine.timeout(-5), 'INVALID_ARGUMENT', 6017);
  assert.equal(engine.view().status, 'calling', 'refused commands leave the call as it was');
  // Malformed and foreign messages never throw: they are ignored with a diagnostic or silently.
  engine.receive('b', 'C2C', '', 'TIMCustomElem', '{"businessID":1,"actionType":99}', 1, 1, 3);
  engine.receive('b', 'C2C', '', 'TIMTextElem', 'hello', 1, 1, 3);
  const events = plain(engine.drain()).filter((o) => o.kind === 'event');
  assert.deepEqual(events.map((e) => [e.name, e.code]), [['ignored', 'MALFORMED_SIGNAL']]);
  engine.free();
});
