// A virtual clock for tests: `now()` and `schedule()` to inject into the IM hub, the TRTC room
// service and the driver, so a 15 s send timeout or a 60 s invite expiry runs in microseconds.
// Test-only; never shipped. No node built-ins are required, so it also loads in the WeChat-like
// sandbox (tests/helpers/wechat-sandbox.js).
'use strict';

/**
 * Creates a virtual clock.
 *
 *   const clock = createVirtualClock({ start: 1700000000000 });
 *   clock.now();                         // ms
 *   clock.schedule(fn, delayMs);         // fire-and-forget (the hub/room signature)
 *   const id = clock.setTimeout(fn, ms); clock.clearTimeout(id);
 *   clock.advance(ms);                   // run due timers synchronously, in time order
 *   await clock.tick(ms);                // same, but lets promise callbacks run between timers
 *   await clock.flush();                 // run everything pending (bounded), incl. chained timers
 *
 * Timers due at the same instant fire in the order they were scheduled (FIFO), like node's.
 *
 * @param {{start?: number}} [options]
 */
function createVirtualClock(options) {
  const opts = options || {};
  let current = typeof opts.start === 'number' ? opts.start : 1700000000000;
  let nextId = 1;
  /** @type {{id:number, at:number, fn:Function}[]} kept sorted by (at, id) */
  const timers = [];

  function insert(timer) {
    let i = timers.length;
    while (i > 0 && timers[i - 1].at > timer.at) i -= 1;
    timers.splice(i, 0, timer);
  }

  function setTimeoutV(fn, delayMs) {
    const delay = Math.max(0, Number(delayMs) || 0);
    const timer = { id: nextId++, at: current + delay, fn };
    insert(timer);
    return timer.id;
  }

  function clearTimeoutV(id) {
    const i = timers.findIndex((t) => t.id === id);
    if (i >= 0) timers.splice(i, 1);
  }

  /** Pops and runs the earliest timer if it is due by `limit`; returns whether one ran. */
  function runOne(limit) {
    if (timers.length === 0 || timers[0].at > limit) return false;
    const timer = timers.shift();
    current = Math.max(current, timer.at);
    timer.fn();
    return true;
  }

  /** Synchronous advance: promise continuations only run after it returns. */
  function advance(ms) {
    const limit = current + Math.max(0, ms || 0);
    while (runOne(limit)) { /* keep going */ }
    current = limit;
  }

  /** Lets every queued microtask (and promise chain) settle. */
  function settle() {
    return new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
  }

  /** Async advance: settles promises before each timer, so chains that arm new timers inside
   *  the window still fire in it. */
  async function tick(ms) {
    const limit = current + Math.max(0, ms || 0);
    await settle();
    while (runOne(limit)) await settle();
    current = limit;
    await settle();
  }

  /** Runs every pending timer, jumping time forward, until none are left (max `maxTimers`). */
  async function flush(maxTimers) {
    const cap = maxTimers || 10000;
    await settle();
    for (let n = 0; timers.length > 0; n += 1) {
      if (n >= cap) throw new Error(`virtual clock: still ${timers.length} timers after ${cap} (a timer loop?)`);
      runOne(Infinity);
      await settle();
    }
  }

  return {
    now: () => current,
    schedule: (fn, delayMs) => { setTimeoutV(fn, delayMs); },
    setTimeout: setTimeoutV,
    clearTimeout: clearTimeoutV,
    advance,
    tick,
    flush,
    settle,
    pending: () => timers.length,
    nextDue: () => (timers.length ? timers[0].at : null),
  };
}

module.exports = { createVirtualClock };
