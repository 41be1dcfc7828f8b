// The simulator's pieces in process (examples/sim/): the pacer (virtual time on real time at a
// speed, one change at a time), the fault switches on the hub and the room, a phone slot's
// DOM → HTML → tap round trip, and the seeds of phones made after others left the world.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { createVirtualClock } = require('../test-support/virtual-clock');
const cw = require('../test-support/component-world');
const { Pacer, SPEEDS } = require('../examples/sim/pacer');
const { Faults } = require('../examples/sim/faults');
const { PhoneSlot } = require('../examples/sim/phone-slot');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

test('pacer: virtual time follows real time times the speed; run() never overlaps a tick', async () => {
  const clock = createVirtualClock({ start: 0 });
  const pacer = new Pacer(clock, { stepMs: 10 });
  assert.deepEqual(SPEEDS, [1, 10]);
  assert.throws(() => pacer.setSpeed(3), /speed must be one of ×1, ×10/);
  pacer.start();
  const realStart = Date.now();
  await sleep(500);
  const atOne = clock.now() / (Date.now() - realStart);
  pacer.setSpeed(10);
  const [v0, r0] = [clock.now(), Date.now()];
  await sleep(500);
  const atTen = (clock.now() - v0) / (Date.now() - r0);
  pacer.stop();
  assert.ok(atOne > 0.5 && atOne <= 1.05, `×1 ran at ${atOne}`);
  assert.ok(atTen > 5 && atTen <= 10.5, `×10 ran at ${atTen}`);
  // A command run while ticks go on sees the clock stand still.
  pacer.start();
  const seen = await pacer.run(async () => {
    const before = clock.now();
    await sleep(50);
    return clock.now() - before;
  });
  pacer.stop();
  assert.equal(seen, 0);
  await assert.rejects(pacer.run(() => { throw new Error('boom'); }), /boom/);
  assert.equal(await pacer.run(() => 'still serving'), 'still serving', 'a failed run does not block the next');
});

test('faults: the armed drop takes the next message for all its recipients; delays; camera denial; kick', () => {
  const clock = createVirtualClock({ start: 0 });
  const world = cw.createWorld({ clock });
  const notes = [];
  const faults = new Faults(world, (text) => notes.push(text), (message) => `message ${message.ID}`);
  const { hub, rooms } = world;
  assert.equal(hub.faults.drop({ ID: 'm1' }, 'bob'), false, 'nothing armed');
  faults.dropNext();
  assert.equal(hub.faults.drop({ ID: 'm2' }, 'bob'), true);
  assert.equal(hub.faults.drop({ ID: 'm2' }, 'carol'), true, 'the same message to another group member');
  assert.equal(hub.faults.drop({ ID: 'm3' }, 'bob'), false, 'only the next message');
  assert.deepEqual(notes.slice(0, 3), ['fault: the next message will be dropped', 'fault: dropped message m2 to bob (never delivered)',
    'fault: dropped message m2 to carol (never delivered)']);
  faults.setDelay(2.5);
  assert.equal(hub.faults.delayMs({}, 'bob'), 2500);
  faults.denyCamera('alice', true);
  assert.equal(rooms.faults.deviceError('alice'), 10001);
  assert.equal(rooms.faults.deviceError('bob'), 0);
  assert.deepEqual(faults.state(), { dropArmed: false, delaySeconds: 2.5, cameraDenied: ['alice'] });
  faults.denyCamera('alice', false);
  faults.setDelay(0);
  assert.deepEqual(faults.state(), { dropArmed: false, delaySeconds: 0, cameraDenied: [] });
  faults.kick('nobody');
  assert.equal(notes[notes.length - 1], 'fault: nobody is not logged in, nothing to kick');
});

test('phone slot: the live DOM as HTML with tap targets; a tap from the page is a real tap', async () => {
  const clock = createVirtualClock({ start: Date.UTC(2026, 0, 1) });
  const world = cw.createWorld({ clock });
  const slots = [new PhoneSlot(world, 0, 'en'), new PhoneSlot(world, 1, 'en')];
  const inits = [slots[0].login('alice'), slots[1].login('bob')];
  await world.until(() => slots.every((s) => s.phone.events('sdkReady').length === 1), 'ready');
  await Promise.all(inits);
  const [alice, bob] = slots;
  assert.match(alice.render(), /^<div class="" data-n="\d+"><\/div>$/, 'idle: the component renders nothing');
  assert.equal(alice.render(), null, 'unchanged: nothing to send');
  assert.equal(alice.status().idle, true);
  await alice.phone.comp.instance.call({ userID: 'bob', type: 2 });
  await world.run(500);
  const html = bob.render();
  assert.match(html, /data-wx-id="accept" data-n="(\d+)"/);
  assert.match(html, /class="wx-camera [^"]*video-placeholder video-camera" data-who="bob"/);
  assert.match(html, /<img src="\/pkg\/wxcomponents\/TUICalling\/static\/accept\.svg"/);
  // The page's click lands on the icon inside the button: the tap bubbles to #accept.
  const icon = /data-wx-id="accept" data-n="\d+"><div class="wx-view [^"]*" data-n="\d+"><div class="wx-image [^"]*" data-n="(\d+)">/.exec(html);
  assert.ok(icon, html);
  assert.equal(bob.tap(Number(icon[1])), '#accept');
  await world.run(500);
  assert.match(bob.render(), /data-wx-id="time"/);
  assert.match(alice.render(), /class="wx-live-player [^"]*video-placeholder video-player" data-who="bob"/);
  assert.throws(() => bob.tap(Number(icon[1])), { status: 409, message: /no longer on bob's screen/ });
  alice.retire();
  bob.retire();
  await world.run(2000);
  assert.equal(world.phones.length, 0);
});

test('a phone made after another left the world gets a seed of its own (no repeated invite IDs)', async () => {
  const clock = createVirtualClock({ start: Date.UTC(2026, 0, 1) });
  const world = cw.createWorld({ clock });
  const [alice, bob, carol] = await cw.readyPhones(world, [['alice'], ['bob'], ['carol']]);
  world.phones.splice(world.phones.indexOf(bob), 1); // bob's phone leaves, as a sim slot's does
  const [dave] = await cw.readyPhones(world, [['dave']]);
  await carol.comp.instance.call({ userID: 'alice', type: 1 });
  await world.run(100);
  await dave.comp.instance.call({ userID: 'erin', type: 1 });
  await world.run(100);
  const invites = world.hub.sent.map((m) => JSON.parse(m.payload.data)).filter((s) => s.actionType === 1);
  assert.deepEqual(invites.map((s) => s.inviter), ['carol', 'dave']);
  assert.notEqual(invites[0].inviteID, invites[1].inviteID);
  await cw.destroyAll(world);
});

test('sim: a snapshot of logged-in phones; the component\'s refused-tap warnings reach the timeline; close', async () => {
  const { Sim } = require('../examples/sim/sim');
  assert.throws(() => new Sim({ phones: 6 }), /phones must be 3 to 5, not 6/);
  const events = [];
  const sim = await new Sim({ phones: 3, emit: (event, data) => events.push({ event, data }) }).open();
  try {
    const snapshot = sim.snapshot();
    assert.deepEqual(snapshot.phones.map((p) => [p.user, p.ready, p.loggedIn, p.idle]),
      [['alice', true, true, true], ['bob', true, true, true], ['carol', true, true, true]]);
    assert.deepEqual(snapshot.timeline.map((e) => e.text), ['alice, bob, carol logged in; the clock runs at ×1']);
    console.warn('TUICalling accept: NO_CALL: there is no call to accept');
    sim.flush();
    assert.equal(events.filter((e) => e.event === 'timeline').pop().data.entries[0].text,
      'component: TUICalling accept: NO_CALL: there is no call to accept');
    sim.releaseComponentWarnings();
    const passedOn = [];
    const keep = console.warn;
    console.warn = (...args) => passedOn.push(args.join(' '));
    try {
      sim.captureComponentWarnings();
      console.warn('something else');
      sim.releaseComponentWarnings();
    } finally {
      console.warn = keep;
    }
    assert.deepEqual(passedOn, ['something else'], 'other warnings go where they went');
  } finally {
    await sim.close();
  }
  assert.equal(sim.pacer.running, false);
  assert.equal(sim.world.phones.length, 0, 'every phone left the world');
});
