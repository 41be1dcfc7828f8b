// The end-to-end setup shared by the fault tests (tests/e2e-faults.test.js) and the issue 16
// defect tests (tests/e2e-defects.test.js): logged-in rendered phones on virtual time, and
// what a phone must show when its call is over.
'use strict';

const assert = require('node:assert/strict');

const { createVirtualClock } = require('../../test-support/virtual-clock');
const cw = require('../../test-support/component-world');
const wasm = require('../../wxcomponents/TUICalling/wasm/tuicalling.js');

const START = Date.UTC(2026, 10, 27, 9, 0, 0);

/** A virtual-time world with logged-in phones (English strings). */
async function setup(users) {
  const clock = createVirtualClock({ start: START });
  const world = cw.createWorld({ clock });
  const phones = await cw.readyPhones(world, users.map((u) => [u, { locale: 'en' }]));
  const api = await wasm.init();
  const t0 = clock.now();
  return {
    world,
    phones,
    api,
    run: (ms) => world.run(ms),
    /** Virtual ms since the phones were ready. */
    elapsed: () => clock.now() - t0,
    /** The decoded signal of a hub message (null when it is not one). */
    signalOf(message) {
      try {
        return api.decodeSignal(message.payload.data);
      } catch (error) {
        return null;
      }
    },
    /** Signals that went through the hub, as `from>to action[/kind]`. */
    wire() {
      return world.hub.sent.map((m) => {
        const s = this.signalOf(m);
        return `${m.from}>${m.to} ${s.action}${s.kind && s.kind !== 'call' && s.kind !== s.action ? `/${s.kind}` : ''}`;
      });
    },
    /** The hang-up notices that went through the hub, as `from>to`. */
    hangupNotices() {
      return this.wire().filter((line) => line.endsWith(' invite/hangup')).map((line) => line.split(' ')[0]);
    },
    /** When (virtual ms since ready) `phone`'s first call ended. */
    endedAt(phone) {
      const end = phone.pageEvents.find((e) => e.name === 'callEnd');
      return end ? end.at - t0 : null;
    },
  };
}

/** The phone is idle again and its calls ended with exactly `reasons`. */
function assertEnded(phone, reasons) {
  assert.equal(phone.data.screen, 'idle', `${phone.userID} is idle`);
  assert.equal(phone.$('#root'), undefined, `${phone.userID} renders nothing`);
  assert.equal(phone.data.pusher.url, undefined, `${phone.userID} pushes nothing`);
  assert.deepEqual(phone.events('callEnd').map((e) => e.reason), reasons, `${phone.userID}'s call ends`);
}

/** A connected 1v1 call from `caller` to `callee` (`type` 2 video by default). */
async function connect(env, caller, callee, type) {
  await caller.comp.instance.call({ userID: callee.userID, type: type || 2 });
  await env.run(500);
  assert.equal(callee.data.screen, 'incoming');
  await callee.tap('#accept');
  await env.run(1000);
  for (const phone of [caller, callee]) {
    assert.equal(phone.data.screen, 'connected', `${phone.userID} connected`);
    assert.equal(phone.data.playerList.length, 1, `${phone.userID} plays the other`);
  }
}

module.exports = { START, assertEnded, connect, setup };
