// The driver's single timer: re-armed from the engine's next deadline after every input.
// Tolerates suspend: timers of a suspended mini-program fire late (or, where the platform's
// timer clock stops while suspended, later still), so the timer never waits longer than
// `maxDelayMs` in one go, re-checks the real clock whenever it wakes, and hands the engine the
// real `now`, not the deadline. Shipped to WeChat: CommonJS, ES2016, no globals.
'use strict';

/** The longest single wait (ms); a longer deadline is reached in steps. */
var DEFAULT_MAX_DELAY_MS = 5000;

/** The host's setTimeout/clearTimeout as a scheduler. */
function defaultScheduler() {
  return {
    setTimeout: function (fn, ms) { return setTimeout(fn, ms); },
    clearTimeout: function (handle) { clearTimeout(handle); },
  };
}

/**
 * One re-armable timer. Options:
 * - `now()`: the clock (ms), default `Date.now`;
 * - `schedule`: `{setTimeout(fn, ms), clearTimeout(handle)}`, default the host's;
 * - `fire(now)`: called once the armed deadline has passed, with the real time;
 * - `maxDelayMs`: the longest single wait (default 5000).
 */
function EngineTimer(options) {
  var opts = options || {};
  if (typeof opts.fire !== 'function') throw new TypeError('EngineTimer needs fire(now)');
  this._now = opts.now || function () { return Date.now(); };
  this._schedule = opts.schedule || defaultScheduler();
  this._fire = opts.fire;
  this._maxDelay = opts.maxDelayMs > 0 ? opts.maxDelayMs : DEFAULT_MAX_DELAY_MS;
  this._deadline = -1;
  this._handle = null;
}

/** The armed deadline (ms), or -1. */
EngineTimer.prototype.deadline = function () {
  return this._deadline;
};

/**
 * Arms the timer for `deadline` (ms, as `engine.nextTimeout()` returns it); -1 (or any
 * negative or non-finite value) disarms it. Re-arming for the same deadline keeps the pending
 * wait.
 */
EngineTimer.prototype.arm = function (deadline) {
  if (typeof deadline !== 'number' || !isFinite(deadline) || deadline < 0) {
    this.cancel();
    return;
  }
  if (deadline === this._deadline && this._handle !== null) return;
  this._deadline = deadline;
  this._wait();
};

/** Disarms the timer. */
EngineTimer.prototype.cancel = function () {
  this._deadline = -1;
  this._clear();
};

/**
 * Checks the real clock now (call it when the mini-program shows again): fires at once if the
 * deadline has passed, else re-schedules the wait from the real time.
 */
EngineTimer.prototype.wake = function () {
  if (this._deadline < 0) return;
  this._tick();
};

EngineTimer.prototype._clear = function () {
  if (this._handle !== null) {
    this._schedule.clearTimeout(this._handle);
    this._handle = null;
  }
};

EngineTimer.prototype._wait = function () {
  this._clear();
  var now = this._now();
  var delay = Math.max(0, Math.min(this._deadline - now, this._maxDelay));
  var self = this;
  this._handle = this._schedule.setTimeout(function () {
    self._handle = null;
    self._tick();
  }, delay);
};

EngineTimer.prototype._tick = function () {
  if (this._deadline < 0) return;
  var now = this._now();
  if (now < this._deadline) {
    // Woke early (a step of a long wait, or a timer that fired early): wait again.
    this._wait();
    return;
  }
  this._clear();
  this._deadline = -1;
  this._fire(now);
};

module.exports = { EngineTimer: EngineTimer, DEFAULT_MAX_DELAY_MS: DEFAULT_MAX_DELAY_MS };
