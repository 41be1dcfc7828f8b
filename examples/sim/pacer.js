// Runs a virtual clock on real time: every few real milliseconds it moves the clock forward by
// the real time that passed, times the speed (×1 is real time, ×10 lets a 30 s ring timeout
// play out in 3 s). It also serialises every change to the world: a tick and a command never
// run at the same time (`run`).
'use strict';

/** The speeds the page offers. */
const SPEEDS = [1, 10];

class Pacer {
  /**
   * `clock`: a virtual clock (test-support/virtual-clock.js). Options: `speed` (1), `stepMs`
   * (how often it ticks, real ms; 50), `maxStepMs` (the most real time one tick makes up for
   * after the event loop stalled; 2000), `onStep()` (after every tick).
   */
  constructor(clock, options) {
    const o = options || {};
    this.clock = clock;
    this.speed = o.speed || 1;
    this.stepMs = o.stepMs || 50;
    this.maxStepMs = o.maxStepMs || 2000;
    this.onStep = o.onStep || (() => {});
    this.tail = Promise.resolve();
    this.timer = null;
    this.running = false;
  }

  /** Starts ticking (real time from now on). */
  start() {
    if (this.running) return;
    this.running = true;
    this.last = Date.now();
    this.schedule();
  }

  /** Stops ticking; a tick under way finishes. */
  stop() {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = null;
  }

  /** Sets the speed; throws a RangeError for a speed not in SPEEDS. */
  setSpeed(speed) {
    if (!SPEEDS.includes(speed)) throw new RangeError(`speed must be one of ${SPEEDS.map((s) => `×${s}`).join(', ')}`);
    this.speed = speed;
  }

  /** Runs `fn` (sync or async) when no tick and no earlier `run` is under way; resolves to its result. */
  run(fn) {
    const result = this.tail.then(fn);
    this.tail = result.then(() => undefined, () => undefined);
    return result;
  }

  schedule() {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.step().then(() => this.schedule(), (error) => {
        process.stderr.write(`sim: a clock tick failed: ${error && error.stack ? error.stack : error}\n`);
        this.schedule();
      });
    }, this.stepMs);
  }

  async step() {
    const now = Date.now();
    const real = Math.min(Math.max(0, now - this.last), this.maxStepMs);
    this.last = now;
    await this.run(() => this.clock.tick(real * this.speed));
    this.onStep();
  }
}

module.exports = { Pacer, SPEEDS };
