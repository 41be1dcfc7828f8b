// The simulator's world: 3–5 phones (PhoneSlot) on the local IM hub and the simulated TRTC room
// of test-support/, on a virtual clock that a Pacer runs on real time, the demo's Recorder for
// the timeline, and the page's fault switches. It tells its listener what changed
// (`emit(event, data)`: 'phone', 'toast', 'timeline', 'state') after every tick and command.
'use strict';

const { createVirtualClock } = require('../../test-support/virtual-clock');
const cw = require('../../test-support/component-world');
const wasm = require('../../wxcomponents/TUICalling/wasm/tuicalling.js');
const { Recorder, stamp } = require('../demo/timeline');
const { Faults } = require('./faults');
const { Pacer } = require('./pacer');
const { PhoneSlot } = require('./phone-slot');
const { SERVICE_MODE } = require('./service-mode');

/** Everyone who can log in; the phones start as the first few. */
const ROSTER = ['alice', 'bob', 'carol', 'dave', 'erin'];
/** The IM group every roster user is in (group calls). */
const GROUP_ID = 'team';
const MIN_PHONES = 3;
const MAX_PHONES = 5;
/** How many timeline entries a newly opened page gets. */
const HISTORY = 2000;
/** How long the phones get to log in at start (real ms). */
const READY_MS = 20000;

class Sim {
  /** Options: `phones` (3–5, default 4), `emit(event, data)`, `speed` (1). */
  constructor(options) {
    const o = options || {};
    const phones = o.phones === undefined ? 4 : o.phones;
    if (!(Number.isInteger(phones) && phones >= MIN_PHONES && phones <= MAX_PHONES)) {
      throw new RangeError(`phones must be ${MIN_PHONES} to ${MAX_PHONES}, not ${phones}`);
    }
    this.phoneCount = phones;
    this.emit = o.emit || (() => {});
    this.clock = createVirtualClock({ start: Date.now() });
    this.world = cw.createWorld({ clock: this.clock });
    this.world.hub.createGroup(GROUP_ID, ROSTER);
    this.t0 = this.clock.now();
    this.history = [];
    this.pacer = new Pacer(this.clock, { speed: o.speed || 1, onStep: () => this.flush() });
    this.slots = [];
    this.recorder = null;
    this.faults = null;
  }

  /** Loads the engine, logs every phone in and starts the clock; resolves when all are ready. */
  async open() {
    this.recorder = new Recorder(this.world, await wasm.init());
    this.faults = new Faults(this.world, (text) => this.note(text, 'fault'), (message) => this.describe(message));
    this.captureComponentWarnings();
    const inits = [];
    for (let i = 0; i < this.phoneCount; i += 1) {
      const slot = new PhoneSlot(this.world, i, 'en');
      this.slots.push(slot);
      inits.push(slot.login(ROSTER[i]));
    }
    this.pacer.start();
    const deadline = Date.now() + READY_MS;
    const late = () => new Error(`the phones did not log in within ${READY_MS / 1000} s`);
    let timer;
    const timeout = new Promise((resolve, reject) => { timer = setTimeout(() => reject(late()), READY_MS); });
    try {
      await Promise.race([Promise.all(inits), timeout]);
    } finally {
      clearTimeout(timer);
    }
    while (!this.slots.every((slot) => slot.phone.events('sdkReady').length > 0)) {
      if (Date.now() > deadline) throw late();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    this.note(`${this.slots.map((slot) => slot.userID).join(', ')} logged in; the clock runs at ×${this.pacer.speed}`, 'sim');
    this.flush();
    return this;
  }

  /** Stops the clock and takes every phone out. */
  async close() {
    this.pacer.stop();
    this.slots.forEach((slot) => slot.retire());
    this.releaseComponentWarnings();
    await this.clock.tick(1000);
  }

  /**
   * A refused tap is only logged by the component (console.warn 'TUICalling <method>: …'):
   * those lines go to the timeline as well, where the page can see them.
   */
  captureComponentWarnings() {
    const original = console.warn;
    console.warn = (...args) => {
      const text = args.map(String).join(' ');
      if (text.startsWith('TUICalling ')) this.note(`component: ${text}`, 'warn');
      else original.apply(console, args);
    };
    this.restoreWarn = () => { console.warn = original; };
  }

  /** Gives console.warn back (once). */
  releaseComponentWarnings() {
    if (this.restoreWarn) this.restoreWarn();
    this.restoreWarn = null;
  }

  /** The slot at `index`, or undefined. */
  slot(index) {
    return this.slots[index];
  }

  /** Adds a line of `kind` to the timeline at the current time. */
  note(text, kind) {
    this.recorder.add(this.world.now(), text, kind || 'sim');
  }

  /** An IM message in a few words: its decoded action and short inviteID. */
  describe(message) {
    const signal = this.recorder.decode(message.payload && message.payload.data);
    return signal ? `${signal.action} #${String(signal.inviteID).slice(0, 6)}` : `message ${message.ID}`;
  }

  /** Sends the page what changed: screens, toasts and new timeline lines. */
  flush() {
    for (const slot of this.slots) {
      if (!slot.phone) continue;
      const html = slot.render();
      const status = slot.status();
      const statusText = JSON.stringify(status);
      if (html !== null || statusText !== slot.sentStatus) {
        slot.sentStatus = statusText;
        this.emit('phone', Object.assign({ html: slot.html }, status));
      }
      slot.newToasts().forEach((toast) => this.emit('toast', Object.assign({ slot: slot.index }, toast)));
    }
    const entries = this.recorder.drain().map((e) => ({ t: stamp(e.at - this.t0), text: e.text, kind: e.kind, raw: e.raw }));
    if (entries.length) {
      this.history.push(...entries);
      if (this.history.length > HISTORY) this.history.splice(0, this.history.length - HISTORY);
      this.emit('timeline', { entries });
    }
  }

  /** Speed and faults, as the page shows them. */
  state() {
    return { speed: this.pacer.speed, faults: this.faults.state() };
  }

  /** Everything a newly opened page needs. */
  snapshot() {
    return {
      users: ROSTER,
      group: GROUP_ID,
      phones: this.slots.filter((slot) => slot.phone).map((slot) => Object.assign({ html: slot.html }, slot.status())),
      timeline: this.history,
      serviceMode: SERVICE_MODE,
      state: this.state(),
    };
  }
}

module.exports = { GROUP_ID, MAX_PHONES, MIN_PHONES, ROSTER, Sim };
