// One seeded chaos session: 3-5 rendered <tuicalling> phones (test-support/component-world.js)
// on the local IM hub and the simulated TRTC room, on virtual time. For two minutes the users
// act at random (./actions.js) and react to rings and connects, while the world injects faults
// (./faults.js); then everyone comes back, most calls are hung up, and the session runs on
// until every bound has passed. The invariants (./invariants.js) are checked every 200 ms of
// virtual time and after every action; the session stops at the first violation.
// The seed draws everything, so a seed replays exactly; with `print`, the session prints its
// timeline in the demo's format (examples/demo/timeline.js).
// Test-only; never shipped.
'use strict';

const { createVirtualClock } = require('../virtual-clock');
const { createRng } = require('../seeded-random');
const cw = require('../component-world');
const wasm = require('../../wxcomponents/TUICalling/wasm/tuicalling.js');
const { Recorder, screenLine, signalLine, stamp } = require('../../examples/demo/timeline');
const { ACTIONS, spontaneous } = require('./actions');
const { WORLD_FAULTS, describePlan, drawPlan, installHooks } = require('./faults');
const { INVARIANTS, Watch, pageScreen } = require('./invariants');

const START = Date.UTC(2026, 10, 27, 9, 0, 0);
const USERS = ['alice', 'bob', 'carol', 'dave', 'erin'];
/** Random actions and faults happen in this window (virtual ms). */
const ACTION_WINDOW_MS = 120000;
/** After the window: everyone comes back, hangs up (mostly), and every bound passes. */
const TAIL_MS = 100000;
/** The invariants are checked at least this often (virtual ms). */
const CHECK_MS = 200;

/** FNV-1a over a string, continuing from `hash`: the session's digest (same seed, same digest). */
function fnv(hash, text) {
  let h = hash >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h;
}

class Session {
  /** `seed`; options: `print(line)` to print the timeline (`verbose`: with every TRTC event and
   *  raw wire payload, as the demo's --verbose), `all` to go on after a violation
   *  (to survey every violation a session has; the default stops at the first), `onOpen(session)`
   *  to change the world once the phones are ready (tests use it to break things on purpose). */
  constructor(seed, options) {
    const o = options || {};
    this.seed = seed;
    this.print = o.print || null;
    this.verbose = Boolean(o.verbose);
    this.all = Boolean(o.all);
    this.onOpen = o.onOpen || null;
    const rng = createRng(seed);
    this.setupRng = rng;
    this.actRng = rng.fork();
    this.faultRng = rng.fork();
    this.hookRng = rng.fork();
    this.plan = drawPlan(rng);
    this.users = USERS.slice(0, rng.range(3, 5));
    this.latencyMs = rng.pick([10, 50, 200]);
    this.queue = [];
    this.seq = 0;
    this.violations = [];
    this.stats = { calls: 0, actions: 0, faults: 0 };
    this.recorder = null;
    this.shown = '';
  }

  // ---- scheduling --------------------------------------------------------------------------

  /** Runs `fn` (which returns a label, null, or a promise of one) `ms` from now. */
  later(ms, what, fn) {
    this.queue.push({ at: this.world.now() + ms, seq: (this.seq += 1), what, fn });
    this.queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  others(phone) {
    return this.phones.filter((p) => p !== phone);
  }

  // ---- the timeline ------------------------------------------------------------------------

  /** A line under the current time (faults as they fire, init results). */
  note(text) {
    if (this.recorder) this.recorder.add(this.world.now(), text);
  }

  /** Prints what the recorder holds (signals, toasts, call ends, notes) in time order. */
  flushTimeline() {
    if (!this.print) return;
    for (const entry of this.recorder.drain()) {
      if (entry.kind === 'trtc' && !this.verbose) continue;
      const at = `[${stamp(entry.at - this.t0)}]`;
      this.print(`${at}   ${entry.text}`);
      if (this.verbose && entry.kind === 'signal') this.print(`${at}     wire ${entry.raw}`);
    }
  }

  /** Every phone's screen, when one changed since the last time (as the demo's stage). */
  showScreens() {
    if (!this.print) return;
    const lines = this.phones.map((p) => `           ${p.userID.padEnd(5)}: ${p.suspended ? '(background) ' : ''}${screenLine(p)}`);
    if (lines.join('\n') === this.shown) return;
    this.shown = lines.join('\n');
    lines.forEach((line) => this.print(line));
  }

  uncaught(text) {
    this.violations.push({ invariant: 'uncaught', name: INVARIANTS.uncaught, at: this.world.now(), detail: text });
  }

  // ---- running -----------------------------------------------------------------------------

  async open() {
    // The component logs refused taps with console.warn: into the timeline, not the terminal.
    const saved = { warn: console.warn, error: console.error, log: console.log };
    this.restoreConsole = () => Object.assign(console, saved);
    for (const level of ['warn', 'error', 'log']) console[level] = (...args) => this.note(`console.${level}: ${args.join(' ')}`);
    const clock = createVirtualClock({ start: START });
    this.clock = clock;
    this.world = cw.createWorld({ clock, latencyMs: this.latencyMs, seed: this.seed % 2147483647 });
    this.world.hub.createGroup('team', this.users);
    const api = await wasm.init();
    this.decode = (data) => {
      try {
        return api.decodeSignal(data);
      } catch (error) {
        return null;
      }
    };
    if (this.print) this.recorder = new Recorder(this.world, api);
    this.phones = await cw.readyPhones(this.world, this.users.map((u) => [u, { locale: 'en' }]));
    this.t0 = clock.now();
    this.phones.forEach((phone) => { phone.live = true; });
    this.watch = new Watch(this.world, this.decode, this.t0);
    for (const phone of this.phones) {
      this.watch.attach(phone, cw.PAGE_EVENTS);
      phone.comp.addEventListener('invited', () => this.onRing(phone));
      phone.comp.addEventListener('onCallBegin', () => this.onConnect(phone));
    }
    const describe = this.print
      ? (message) => signalLine({ from: message.from, to: message.to, conversationType: 'C2C' }, this.decode(message.payload.data))
        .replace(/^signal\s+/, '').replace(/\s+/g, ' ')
      : () => '';
    this.hooks = installHooks(this.world, this.plan, this.hookRng, (text) => this.note(text), describe);
    this.errorCounts = { hub: 0, rooms: 0 };
    if (this.print) {
      this.print(`chaos seed ${this.seed}: ${this.users.join(', ')}; IM latency ${this.latencyMs} ms; ${describePlan(this.plan)}`);
      this.recorder.drain();
    }
    this.schedule();
    if (this.onOpen) this.onOpen(this);
    return this;
  }

  /** The session's script: actions and faults at random times, then the closing phase. */
  schedule() {
    const rng = this.setupRng;
    const act = () => {
      const phone = this.actRng.pick(this.phones);
      return spontaneous(this, phone);
    };
    if (rng.chance(0.9)) this.later(rng.range(0, 5000), 'action', act);
    for (let n = rng.range(6, 24); n > 0; n -= 1) this.later(rng.range(0, ACTION_WINDOW_MS), 'action', act);
    const kinds = Object.keys(WORLD_FAULTS);
    for (let n = this.plan.worldFaults; n > 0; n -= 1) {
      this.later(rng.range(0, ACTION_WINDOW_MS), 'fault', () => {
        const phone = this.faultRng.pick(this.phones);
        const text = WORLD_FAULTS[this.faultRng.pick(kinds)](this, phone);
        if (text) this.stats.faults += 1;
        return text && `fault: ${text}`;
      });
    }
    this.later(ACTION_WINDOW_MS, 'closing', () => this.closing());
  }

  /** A phone rings: its user answers (or declines) after a while, mostly. */
  onRing(phone) {
    if (!this.actRng.chance(0.85)) return;
    this.later(this.actRng.range(300, 40000), 'answer', () => {
      if (phone.suspended || !phone.live || pageScreen(phone) !== 'incoming') return null;
      return this.actRng.chance(0.75) ? ACTIONS.accept(this, phone) : ACTIONS.reject(this, phone);
    });
  }

  /** A call connects: one of its users hangs up after a while, sometimes. */
  onConnect(phone) {
    if (!this.actRng.chance(0.5)) return;
    this.later(this.actRng.range(2000, 60000), 'hang up', () => {
      if (phone.suspended || !phone.live || pageScreen(phone) !== 'connected') return null;
      return ACTIONS.hangup(this, phone);
    });
  }

  /** End of the window: everyone returns, the network is back, and most calls are hung up. */
  closing() {
    for (const phone of this.phones) {
      ACTIONS.foreground(this, phone);
      phone.setNetwork(true);
      if (!phone.live && !phone.initPending) ACTIONS.init(this, phone);
      if (this.actRng.chance(0.85)) {
        this.later(this.actRng.range(0, 10000), 'hang up', () => (phone.live && pageScreen(phone) !== 'idle' ? ACTIONS.hangup(this, phone) : null));
      }
    }
    return 'everyone comes back to the foreground with network; most hang up';
  }

  /** Moves virtual time; a timer callback that throws is an uncaught exception. */
  async advance(ms) {
    try {
      await this.world.run(ms);
    } catch (error) {
      this.uncaught(`a timer threw: ${(error && error.stack) || error}`);
    }
  }

  /** The violations found now (also exceptions the hub and the room service swallowed). */
  check() {
    const { hub, rooms } = this.world;
    for (; this.errorCounts.hub < hub.handlerErrors.length; this.errorCounts.hub += 1) {
      const { eventName, error } = hub.handlerErrors[this.errorCounts.hub];
      this.uncaught(`an IM ${eventName} handler threw: ${(error && error.stack) || error}`);
    }
    for (; this.errorCounts.rooms < rooms.handlerErrors.length; this.errorCounts.rooms += 1) {
      const { error } = rooms.handlerErrors[this.errorCounts.rooms];
      this.uncaught(`a TRTC event handler threw: ${(error && error.stack) || error}`);
    }
    this.violations.push(...this.watch.check());
    if (this.print) {
      for (const v of this.violations.slice(this.printed || 0)) {
        this.flushTimeline();
        this.print(`[${stamp(v.at - this.t0)}] VIOLATION ${v.name}: ${v.detail}`);
      }
      this.printed = this.violations.length;
    }
    return this.violations.length > 0 && !this.all;
  }

  async runEvent(event) {
    const label = await event.fn();
    if (!label) return;
    if (event.what !== 'fault') this.stats.actions += 1;
    if (this.print) this.print(`[${stamp(this.world.now() - this.t0)}] ${label}`);
  }

  /** Runs the session to its end or its first violation. */
  async run() {
    const end = this.t0 + ACTION_WINDOW_MS + TAIL_MS;
    while (!this.check() && this.world.now() < end) {
      const next = this.queue[0];
      const target = Math.min(next ? next.at : end, this.world.now() + CHECK_MS, end);
      if (target > this.world.now()) await this.advance(target - this.world.now());
      else if (next) {
        this.queue.shift();
        this.flushTimeline(); // what happened before it, then its label, then what it caused
        await this.runEvent(next);
      }
      this.flushTimeline();
      this.showScreens();
    }
    return this.finish();
  }

  async finish() {
    const violation = this.violations[0] || null;
    this.flushTimeline();
    try {
      await cw.destroyAll(this.world);
    } catch (error) {
      this.uncaught(`destroying the phones threw: ${(error && error.stack) || error}`);
    }
    let digest = fnv(2166136261, String(this.seed));
    for (const m of this.world.hub.sent) digest = fnv(digest, `${m.time}|${m.from}|${m.to}|${m.payload.data}`);
    for (const phone of this.phones) {
      for (const e of phone.pageEvents) digest = fnv(digest, `${phone.userID}|${e.at}|${e.name}`);
    }
    const ends = {};
    let connects = 0;
    for (const phone of this.phones) {
      for (const e of phone.pageEvents) {
        if (e.name === 'callEnd') ends[e.detail.reason] = (ends[e.detail.reason] || 0) + 1;
        if (e.name === 'onCallBegin') connects += 1;
      }
    }
    return {
      seed: this.seed,
      calls: this.stats.calls,
      connects,
      ends,
      actions: this.stats.actions,
      faults: this.stats.faults,
      violation,
      violations: this.violations,
      digest: digest.toString(16),
    };
  }
}

/** Runs one session; `options.print(line)` prints its timeline. */
async function runSession(seed, options) {
  const session = new Session(seed, options);
  try {
    await session.open();
    return await session.run();
  } finally {
    if (session.restoreConsole) session.restoreConsole();
  }
}

module.exports = { ACTION_WINDOW_MS, CHECK_MS, TAIL_MS, USERS, runSession };
