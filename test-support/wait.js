// Real-time waiting for tests: `sleep(ms)` and `waitFor(check, what, timeoutMs)`, which polls
// `check` every 10 ms and throws `timed out waiting for <what>`. Test-only; never shipped. No
// node built-ins are required.
'use strict';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` on real time until it returns something truthy, and returns that. */
async function waitFor(check, what, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

module.exports = { sleep, waitFor };
