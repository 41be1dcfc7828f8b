// A demo stage: three phones (alice, bob, carol), each a rendered <tuicalling> component with
// the built wasm, on the local IM hub and the simulated TRTC room, on virtual time. Actions
// are printed with their virtual time, followed by what crossed the wire and every screen.
'use strict';

const { createVirtualClock } = require('../../test-support/virtual-clock');
const cw = require('../../test-support/component-world');
const wasm = require('../../wxcomponents/TUICalling/wasm/tuicalling.js');
const { Recorder, screenLine, stamp } = require('./timeline');

const START = Date.UTC(2026, 10, 27, 9, 0, 0);
const USERS = ['alice', 'bob', 'carol'];
/** How long an action is given to play out before the screens are printed (virtual ms). */
const SETTLE_MS = 1000;

class Stage {
  /** `print(line)` writes a line; `verbose` adds raw wire payloads and TRTC events. */
  constructor(options) {
    this.print = options.print;
    this.verbose = Boolean(options.verbose);
    this.clock = createVirtualClock({ start: START });
    this.world = cw.createWorld({ clock: this.clock });
    this.world.hub.createGroup('team', USERS);
    this.phones = {};
    this.recorder = null;
  }

  /** Creates and logs in the three phones (English strings). */
  async open() {
    this.recorder = new Recorder(this.world, await wasm.init());
    const phones = await cw.readyPhones(this.world, USERS.map((u) => [u, { locale: 'en' }]));
    phones.forEach((phone) => { this.phones[phone.userID] = phone; });
    this.t0 = this.clock.now();
    this.recorder.drain();
    return this;
  }

  phone(userID) {
    const phone = this.phones[userID];
    if (!phone) throw new Error(`no phone "${userID}" (phones: ${USERS.join(', ')})`);
    return phone;
  }

  stamp() {
    return stamp(this.clock.now() - this.t0);
  }

  /** Prints `label`, runs `fn`, lets `ms` of virtual time pass, prints what happened and the screens. */
  async act(label, fn, ms = SETTLE_MS) {
    this.print(`[${this.stamp()}] ${label}`);
    try {
      await fn();
    } catch (error) {
      this.print(`           refused: ${error.code ? `${error.code}: ` : ''}${error.message}`);
    }
    await this.wait(ms);
  }

  /** Lets `ms` of virtual time pass, then prints what happened and the screens. */
  async wait(ms) {
    await this.world.run(ms);
    const entries = this.recorder.drain().filter((entry) => this.verbose || entry.kind !== 'trtc');
    for (const entry of entries) {
      const at = `[${stamp(entry.at - this.t0)}]   `;
      this.print(`${at}${entry.kind === 'trtc' ? '  ' : ''}${entry.text}`);
      if (this.verbose && entry.kind === 'signal') this.print(`${at}  wire ${entry.raw}`);
    }
    this.show(entries.length === 0);
  }

  /** Every phone's screen; with `onlyIfChanged`, only when one changed since the last time. */
  show(onlyIfChanged) {
    const lines = USERS.map((userID) => `           ${userID.padEnd(5)}: ${screenLine(this.phones[userID])}`);
    if (onlyIfChanged && lines.join('\n') === this.shown) return;
    this.shown = lines.join('\n');
    lines.forEach((line) => this.print(line));
  }

  /** Taps `selector` when it is rendered, else calls the component method (refusals are printed). */
  async press(userID, selector, method, arg) {
    const phone = this.phone(userID);
    if (selector && phone.$(selector)) return phone.tap(selector);
    return phone.comp.instance[method](arg);
  }

  /** The hang-up notices that crossed the hub, as `from>to` (a user, or a group). */
  hangupNotices() {
    return this.world.hub.sent
      .filter((message) => {
        const signal = this.recorder.decode(message.payload.data);
        return signal && signal.kind === 'hangup';
      })
      .map((message) => `${message.from}>${message.to}`);
  }

  async close() {
    await cw.destroyAll(this.world);
  }
}

module.exports = { Stage, USERS };
