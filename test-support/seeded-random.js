// Deterministic randomness for the test doubles and the chaos runner: the same seed gives the
// same numbers on every machine. Test-only; never shipped. No node built-ins are required (it
// loads in the WeChat-like sandbox too).
'use strict';

/** mulberry32: a function returning deterministic 31-bit integers from a 32-bit seed. */
function createRandom(seed) {
  let state = seed >>> 0;
  return function next31() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % 2147483648;
  };
}

/**
 * A seeded generator with the helpers a simulation needs:
 * `float()` in [0, 1), `int(n)` in 0..n-1, `range(lo, hi)` inclusive, `chance(p)`,
 * `pick(list)`, `weighted([[weight, value], …])`, and `fork()`: an independent generator
 * seeded from this one (so one stream's use does not shift another's).
 */
function createRng(seed) {
  const next31 = createRandom(seed);
  const rng = {
    float: () => next31() / 2147483648,
    int: (n) => Math.floor(rng.float() * n),
    range: (lo, hi) => lo + rng.int(hi - lo + 1),
    chance: (p) => p > 0 && rng.float() < p,
    pick: (list) => list[rng.int(list.length)],
    weighted(entries) {
      const total = entries.reduce((sum, [weight]) => sum + weight, 0);
      let x = rng.float() * total;
      for (const [weight, value] of entries) {
        if (x < weight) return value;
        x -= weight;
      }
      return entries[entries.length - 1][1];
    },
    fork: () => createRng(next31() ^ 0x5bd1e995),
  };
  return rng;
}

module.exports = { createRandom, createRng };
