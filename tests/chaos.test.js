// The chaos runner (test-support/chaos/): its bounds against their sources, each invariant
// check against a scripted fake world (it fires when it must and stays quiet otherwise),
// determinism per seed, sabotaged sessions that the runner must catch, the component-world
// hooks it relies on, and the CI smoke run over CHAOS_CI_SEEDS seeds.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');

const { BOUNDS, ENGINE, ADAPTER, RING_CAP_S, SLACK_MS, ringMs } = require('../test-support/chaos/bounds');
const { Watch, INVARIANTS } = require('../test-support/chaos/invariants');
const { runSession } = require('../test-support/chaos/session');
const { runSeeds, summaryLine } = require('../test-support/chaos/run');
const { createRng } = require('../test-support/seeded-random');
const { createVirtualClock } = require('../test-support/virtual-clock');
const cw = require('../test-support/component-world');
const wasm = require('../wxcomponents/TUICalling/wasm/tuicalling.js');

/**
 * Seeds the CI smoke runs. On the shared 2-core machine a session took 191 ms (1,000 seeds in
 * 191 s, load 4-6) to 370 ms (300 seeds in 111 s, load 7-11), so 300 seeds cost 1-2 minutes,
 * under the 3-minute budget. `make chaos SEEDS=1000` runs more.
 */
const CHAOS_CI_SEEDS = 300;

/** A seed whose alice connects and ends a call early (the sabotage tests need one). */
const SABOTAGE_SEED = 2;

const REPO = path.join(__dirname, '..');
const read = (file) => fs.readFileSync(path.join(REPO, file), 'utf8');

/** The integer a Rust source assigns to `name` (`name: 30_000,` or `NAME: u32 = 30;`). */
function rustNumber(source, name) {
  const match = new RegExp(`\\b${name}\\s*(?::\\s*[a-z0-9]+\\s*=|:)\\s*([0-9_]+)`).exec(source);
  assert.ok(match, `${name} not found`);
  return Number(match[1].replace(/_/g, ''));
}

test('chaos bounds: each copied number equals its source (engine config, protocol, signals, IM adapter)', () => {
  const limits = read('crates/tuicalling-core/src/engine/config.rs');
  const defaults = limits.slice(limits.indexOf('impl Default for Limits'));
  assert.equal(ENGINE.aloneTimeoutMs, rustNumber(defaults, 'alone_timeout_ms'));
  assert.equal(ENGINE.remoteSilenceMs, rustNumber(defaults, 'remote_silence_ms'));
  assert.equal(ENGINE.inviterGraceMs, rustNumber(defaults, 'inviter_grace_ms'));
  assert.equal(ENGINE.inviteTimeoutS, rustNumber(read('crates/tuicalling-core/src/protocol/mod.rs'), 'DEFAULT_INVITE_TIMEOUT_SECS'));
  assert.equal(ENGINE.maxInviteTimeoutS, rustNumber(read('crates/tuicalling-core/src/engine/signals.rs'), 'MAX_INVITE_TIMEOUT_SECS'));
  const { DEFAULTS } = require('../wxcomponents/TUICalling/driver/im-adapter.js');
  assert.equal(ADAPTER.loginTimeoutMs, DEFAULTS.loginTimeoutMs);
  assert.equal(ringMs(0), 30000);
  assert.equal(ringMs(600), RING_CAP_S * 1000);
  assert.equal(BOUNDS.dialing(10), 10000 + ENGINE.inviterGraceMs + SLACK_MS);
});

test('chaos bounds: the engine caps a ring at the sane maximum', { todo: 'issue 16: the engine allows 600 s; phase B caps it' }, () => {
  assert.ok(ENGINE.maxInviteTimeoutS <= RING_CAP_S, `the engine rings up to ${ENGINE.maxInviteTimeoutS} s`);
});

test('seeded random: the same seed gives the same numbers; helpers stay in range', () => {
  const a = createRng(42);
  const b = createRng(42);
  const seqA = Array.from({ length: 50 }, () => a.range(3, 5));
  assert.deepEqual(seqA, Array.from({ length: 50 }, () => b.range(3, 5)));
  assert.ok(seqA.every((n) => n >= 3 && n <= 5) && new Set(seqA).size === 3);
  assert.equal(createRng(1).chance(0), false);
  assert.equal(a.weighted([[0, 'never'], [1, 'always']]), 'always');
  const fork = a.fork();
  assert.notDeepEqual([fork.float(), fork.float()], [a.float(), a.float()]);
});

// ---- the invariant checks against a scripted fake world -------------------------------------

/** A fake world: phones whose screen, page events and room the test sets. */
function fakeWorld(users) {
  let now = 1000000;
  const roomOf = new Map();
  const world = {
    now: () => now,
    hub: { sent: [], received: [] },
    rooms: {
      roomOf: (userID) => (roomOf.has(userID) ? roomOf.get(userID) : null),
      membersOf: (room) => Array.from(roomOf).filter(([, r]) => r === room).map(([u]) => u),
    },
  };
  const decode = (data) => JSON.parse(data);
  const watch = new Watch(world, decode, now);
  const phones = {};
  for (const userID of users) {
    const listeners = {};
    const phone = {
      userID,
      screen: 'idle',
      $: (selector) => (selector === '#root' && phone.screen !== 'idle' ? { dom: { className: `tuicalling--root tuicalling--${phone.screen}` } } : undefined),
      comp: { addEventListener: (name, fn) => { (listeners[name] = listeners[name] || []).push(fn); } },
      fire: (name, detail) => (listeners[name] || []).forEach((fn) => fn({ detail })),
    };
    phones[userID] = phone;
    watch.attach(phone, ['invited', 'callEnd', 'onCallBegin', 'error', 'sendMessage', 'userEnter']);
  }
  return {
    world, watch, phones,
    /** Moves time, checking every 200 ms; returns the invariants that broke (ids). */
    pass(ms) {
      const found = [];
      for (let t = 0; t < ms; t += 200) {
        now += 200;
        found.push(...watch.check());
      }
      return found;
    },
    at: () => now,
    setRoom: (userID, room) => (room === null ? roomOf.delete(userID) : roomOf.set(userID, room)),
    send: (from, signal) => world.hub.sent.push({ from, time: Math.floor(now / 1000), payload: { data: JSON.stringify(signal) } }),
    deliver: (to, signal) => world.hub.received.push({ at: now, to, message: { payload: { data: JSON.stringify(signal) } } }),
  };
}

const ids = (found) => found.map((v) => v.invariant);
const invite = (id, timeout, roomID) => ({ action: 'invite', kind: 'call', inviteID: id, inviter: 'alice', invitees: ['bob'], timeout, roomID });

test('invariant checks: a ring within its bound is fine; past it, past its expiry, after a cancel or twice, it is not', () => {
  // Fine: rings 29 s, then stops.
  let f = fakeWorld(['alice', 'bob']);
  f.send('alice', invite('i1', 30, 7));
  f.phones.bob.fire('invited', { sponsor: 'alice', inviteID: 'i1' });
  f.phones.bob.screen = 'incoming';
  assert.deepEqual(ids(f.pass(29000)), []);
  f.phones.bob.screen = 'idle';
  f.phones.bob.fire('callEnd', { reason: 'no_response' });
  assert.deepEqual(ids(f.pass(5000)), []);
  // Past the invitation's expiry (it arrived 10 s late and rings 30 s from arrival).
  f = fakeWorld(['alice', 'bob']);
  f.send('alice', invite('i2', 30, 7));
  f.pass(10000);
  f.phones.bob.fire('invited', { sponsor: 'alice', inviteID: 'i2' });
  f.phones.bob.screen = 'incoming';
  const late = f.pass(30000);
  assert.deepEqual(ids(late), ['leftCaller']);
  assert.match(late[0].detail, /bob: rings for alice's invitation i2 sent at .* which expired at/);
  // Past the ring bound (an invitation sent long ago with no record of it).
  f = fakeWorld(['alice', 'bob']);
  f.phones.bob.fire('invited', { sponsor: 'alice', inviteID: 'unknown' });
  f.phones.bob.screen = 'incoming';
  assert.deepEqual(ids(f.pass(BOUNDS.ringing(0) + 400)), ['stuck']);
  // After the cancel reached it.
  f = fakeWorld(['alice', 'bob']);
  f.send('alice', invite('i3', 30, 7));
  f.phones.bob.fire('invited', { sponsor: 'alice', inviteID: 'i3' });
  f.phones.bob.screen = 'incoming';
  f.pass(1000);
  f.deliver('bob', { action: 'cancel', inviteID: 'i3', invitees: ['bob'] });
  assert.deepEqual(ids(f.pass(BOUNDS.afterCancel + 600)), ['leftCaller']);
  // Twice for one invitation.
  f = fakeWorld(['alice', 'bob']);
  f.phones.bob.fire('invited', { sponsor: 'alice', inviteID: 'i4' });
  f.phones.bob.fire('callEnd', { reason: 'reject' });
  f.pass(1000);
  f.phones.bob.fire('invited', { sponsor: 'alice', inviteID: 'i4' });
  assert.deepEqual(ids(f.pass(200)), ['leftCaller']);
});

test('invariant checks: dialing and connected-alone bounds; invitees still ringing extend the wait', () => {
  let f = fakeWorld(['alice', 'bob']);
  f.watch.beforeCommand(f.phones.alice, 10);
  f.phones.alice.screen = 'dialing';
  assert.deepEqual(ids(f.pass(BOUNDS.dialing(10) - 400)), []);
  assert.deepEqual(ids(f.pass(800)), ['stuck']);
  // Connected with nobody in the room: fine for the guard, not past it.
  f = fakeWorld(['alice', 'bob']);
  f.phones.alice.fire('onCallBegin', { roomID: 7 });
  f.phones.alice.screen = 'connected';
  f.phones.bob.fire('onCallBegin', { roomID: 7 });
  f.phones.bob.screen = 'connected';
  f.setRoom('alice', 7);
  assert.deepEqual(ids(f.pass(BOUNDS.alone - 400)), []);
  assert.deepEqual(ids(f.pass(800)).sort(), ['stuck', 'stuck']);
  // With both in the room it can last.
  f = fakeWorld(['alice', 'bob']);
  for (const phone of [f.phones.alice, f.phones.bob]) {
    phone.fire('onCallBegin', { roomID: 7 });
    phone.screen = 'connected';
    f.setRoom(phone.userID, 7);
  }
  assert.deepEqual(ids(f.pass(120000)), []);
  // Alone while an invitee of that room rings: the wait lasts the invitation (60 s), not 30 s.
  f = fakeWorld(['alice', 'bob', 'carol']);
  f.send('alice', Object.assign(invite('i5', 60, 7), { invitees: ['carol'] }));
  f.phones.alice.fire('onCallBegin', { roomID: 7 });
  f.phones.alice.screen = 'connected';
  f.phones.bob.fire('onCallBegin', { roomID: 7 });
  f.phones.bob.screen = 'connected';
  f.setRoom('alice', 7);
  assert.deepEqual(ids(f.pass(60000)), []);
  assert.ok(ids(f.pass(10000)).includes('stuck'));
});

test('invariant checks: connected with no peer that shows the call; idle in a room; suspended phones are not judged', () => {
  let f = fakeWorld(['alice', 'bob']);
  f.phones.alice.fire('onCallBegin', { roomID: 7 });
  f.phones.alice.screen = 'connected';
  f.phones.bob.fire('onCallBegin', { roomID: 8 }); // bob shows another call
  f.phones.bob.screen = 'connected';
  f.setRoom('alice', 7);
  f.setRoom('bob', 7);
  assert.deepEqual(ids(f.pass(BOUNDS.unpaired - 400)), []);
  assert.deepEqual(ids(f.pass(800)), ['unpaired', 'unpaired']);
  // Idle but still in the room: once per stay.
  f.phones.bob.screen = 'idle';
  assert.deepEqual(ids(f.pass(BOUNDS.idleInRoom + 10000)), ['stuck']);
  // Suspended: time stops for the phone's bounds.
  f = fakeWorld(['alice', 'bob']);
  f.phones.bob.fire('invited', { sponsor: 'alice', inviteID: 'i6' });
  f.phones.bob.screen = 'incoming';
  f.pass(20000);
  f.watch.suspended(f.phones.bob);
  assert.deepEqual(ids(f.pass(60000)), []);
  f.watch.resumed(f.phones.bob);
  assert.deepEqual(ids(f.pass(10000)), []);
  assert.deepEqual(ids(f.pass(2000)), ['stuck']);
});

test('invariant checks: page events after a call\'s end, a second end, a ring during a call, an init() that never settles', () => {
  const f = fakeWorld(['alice', 'bob']);
  const { alice, bob } = f.phones;
  f.watch.beforeCommand(alice, undefined);
  alice.fire('callEnd', { reason: 'hangup' });
  alice.fire('userEnter', {}); // same instant: part of the end
  alice.fire('sendMessage', {});
  assert.deepEqual(ids(f.pass(200)), []);
  alice.fire('error', { code: 'SEND_FAILED', message: 'code 2801: ' });
  alice.fire('sendMessage', {}); // not call-scoped
  alice.fire('callEnd', { reason: 'error' });
  const found = f.pass(200);
  assert.deepEqual(ids(found), ['afterEnd', 'afterEnd']);
  assert.match(found[0].detail, /alice: page event error SEND_FAILED: code 2801: +0\.2 s after the call ended/);
  bob.fire('invited', { sponsor: 'alice', inviteID: 'a' });
  bob.fire('invited', { sponsor: 'carol', inviteID: 'b' });
  assert.deepEqual(ids(f.pass(200)), ['oneCall']);
  const attempt = f.watch.initStarted(alice);
  assert.deepEqual(ids(f.pass(BOUNDS.init - 200)), []);
  assert.deepEqual(ids(f.pass(400)), ['init']);
  attempt.settled = true;
  assert.deepEqual(ids(f.pass(60000)), []);
  assert.equal(Object.keys(INVARIANTS).length, 8);
});

// ---- whole sessions --------------------------------------------------------------------------

test('chaos sessions: a seed replays exactly (same digest, same first violation), alone or after others', async () => {
  const first = await runSession(7);
  const again = await runSession(7);
  assert.equal(again.digest, first.digest);
  assert.deepEqual(again.violation, first.violation);
  const batch = await runSeeds(5, 3);
  assert.equal(batch.digests[7], first.digest);
  assert.notEqual(batch.digests[5], batch.digests[6]);
});

test('chaos sessions: the runner catches a pusher that never leaves the room (stuck) and an IM handler that throws (uncaught)', async () => {
  const stuck = await runSession(SABOTAGE_SEED, {
    onOpen(session) {
      const leave = session.world.rooms.leave;
      session.world.rooms.leave = (userID) => (userID === 'alice' ? undefined : leave(userID));
    },
  });
  assert.ok(stuck.violation, 'a violation was found');
  assert.equal(stuck.violation.invariant, 'stuck', stuck.violation.detail);
  assert.match(stuck.violation.detail, /alice: shows no call but is still in TRTC room/);
  const thrown = await runSession(SABOTAGE_SEED, {
    onOpen(session) {
      session.phones[0].tim.on(session.world.hub.TIM.EVENT.MESSAGE_RECEIVED, () => { throw new Error('sabotage'); });
    },
  });
  assert.equal(thrown.violation && thrown.violation.invariant, 'uncaught');
  assert.match(thrown.violation.detail, /sabotage/);
});

test('chaos sessions: the memory check fails on a leak (Engines retained between sessions)', async () => {
  const api = await wasm.init();
  const retained = [];
  const summary = await runSeeds(1, 4, {
    warmup: 2,
    afterSession(seed) {
      if (seed < 3) return;
      for (let i = 0; i < 5000; i += 1) retained.push(new api.Engine({ sdkAppID: 1, userID: `leak${i}`, userSig: 's' }, 1, i));
    },
  });
  const memory = summary.violations.find((v) => v.invariant === 'memory');
  assert.ok(memory, 'the leak was caught');
  assert.match(memory.detail, /wasm memory grew from \d+ to \d+ bytes/);
  retained.forEach((engine) => engine.free());
});

test('component world: network and background combine; iOS-style background leaves the room and holds the page\'s events', async () => {
  const clock = createVirtualClock({ start: Date.UTC(2026, 10, 27, 9) });
  const world = cw.createWorld({ clock });
  const [alice, bob] = await cw.readyPhones(world, [['alice'], ['bob']]);
  bob.setNetwork(false);
  bob.background();
  bob.foreground();
  assert.equal(world.hub.isOnline('bob'), false, 'the network stays down after the app comes back');
  bob.setNetwork(true);
  assert.equal(world.hub.isOnline('bob'), true);
  await alice.comp.instance.call({ userID: 'bob', type: 1 });
  await world.run(500);
  await bob.tap('#accept');
  await world.run(1000);
  const bobEvents = bob.pageEvents.length;
  bob.background({ ios: true });
  await world.run(1000);
  assert.equal(world.rooms.roomOf('bob'), null, 'iOS: the SDK left the room');
  assert.equal(world.rooms.log.filter((e) => e.to === 'bob').pop().detail.code, 5000);
  assert.equal(alice.events('userLeave').length, 1, 'alice saw bob leave');
  // Alice keeps the call for bob's return (the leave grace); she hangs up meanwhile, and her
  // hang-up notice waits for bob's suspended page.
  await alice.comp.instance.hangup();
  await world.run(500);
  assert.equal(bob.pageEvents.length, bobEvents, 'bob\'s page got nothing while suspended');
  bob.foreground();
  await world.run(1000);
  assert.ok(bob.pageEvents.length > bobEvents, 'what was held reached bob\'s page');
  assert.equal(bob.playerEvent('nobody', -2301), false);
  assert.ok(cw.wasmMemoryBytes() > 0);
  const { EVENT } = require('../wxcomponents/TUICalling/driver/events.js');
  const ui = require('../wxcomponents/TUICalling/ui.js');
  assert.deepEqual(Object.keys(EVENT).map(ui.pageEventName).filter((name) => !cw.PAGE_EVENTS.includes(name)), [],
    'component-world records every page event');
  await cw.destroyAll(world);
});

test('component world: turning the camera off and on reaches the room within a player report period', async () => {
  const clock = createVirtualClock({ start: Date.UTC(2026, 10, 27, 9) });
  const world = cw.createWorld({ clock });
  const [alice, bob] = await cw.readyPhones(world, [['alice'], ['bob']]);
  await alice.comp.instance.call({ userID: 'bob', type: 2 });
  await world.run(500);
  await bob.tap('#accept');
  await world.run(1000);
  assert.deepEqual(world.rooms.mediaOf('bob'), { video: true, audio: true });
  await bob.comp.instance.closeCamera();
  await world.run(cw.PLAYER_REPORT_MS);
  assert.deepEqual(world.rooms.mediaOf('bob'), { video: false, audio: true });
  assert.equal(alice.data.playerList[0].muteVideo, true, 'alice sees bob\'s camera off');
  await bob.comp.instance.openCamera();
  await world.run(cw.PLAYER_REPORT_MS);
  assert.equal(alice.data.playerList[0].muteVideo, false);
  await cw.destroyAll(world);
});

test('component world: a re-init draws a new engine seed (new room and invite ids)', async () => {
  const clock = createVirtualClock({ start: Date.UTC(2026, 10, 27, 9) });
  const world = cw.createWorld({ clock });
  const [alice, bob] = await cw.readyPhones(world, [['alice'], ['bob']]);
  const api = await wasm.init();
  const firstInviteOf = async () => {
    const before = world.hub.sent.length;
    await bob.comp.instance.call({ userID: 'alice', type: 1 });
    await world.run(500);
    await bob.comp.instance.hangup();
    await world.run(500);
    return api.decodeSignal(world.hub.sent[before].payload.data);
  };
  const first = await firstInviteOf();
  await bob.comp.instance.destroyed();
  await bob.init();
  const second = await firstInviteOf();
  assert.notEqual(second.roomID, first.roomID);
  assert.notEqual(second.inviteID, first.inviteID);
  assert.equal(alice.events('invited').length, 2);
  await cw.destroyAll(world);
});

// ---- the CI smoke ------------------------------------------------------------------------------

let smoke = null;
async function smokeRun() {
  if (!smoke) smoke = runSeeds(1, CHAOS_CI_SEEDS);
  return smoke;
}

test(`chaos smoke (${CHAOS_CI_SEEDS} seeds): no uncaught exception, and wasm memory stays flat`, async (t) => {
  const summary = await smokeRun();
  t.diagnostic(summaryLine(summary));
  t.diagnostic(`${(summary.wallMs / summary.sessions).toFixed(0)} ms per session; wasm memory ${summary.memory.last} bytes`);
  const hard = summary.violations.filter((v) => v.invariant === 'uncaught' || v.invariant === 'memory');
  assert.deepEqual(hard.map((v) => `seed ${v.seed}: ${v.name}: ${v.detail.split('\n')[0]}`), []);
});

test(`chaos smoke (${CHAOS_CI_SEEDS} seeds): 0 invariant violations`, { todo: 'issue 16: the seven defects are fixed in phase B' }, async (t) => {
  const summary = await smokeRun();
  t.diagnostic(summaryLine(summary));
  const lines = summary.violations.map((v) => `seed ${v.seed}: ${v.name}: ${v.detail.split('\n')[0]}`);
  assert.deepEqual(lines, [], summaryLine(summary));
});
