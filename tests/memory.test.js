// Wasm linear memory must stop growing over sequential calls: 10,000 calls (1v1 made and
// received, and a 9-person group call every 10th) through the production binding, with one
// long-lived Engine and with an Engine per call that is freed. Memory grows in 64 KiB pages
// and never shrinks, so "bytes after 10,000 calls == bytes after 2,000" fails on any leak
// that adds up to the free heap left at 2,000 calls (a few bytes per call over 8,000 calls).
// The last test shows the check can fail: retained Engines make memory grow.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { memorySeries } = require('../bench/memory');

/** The flatness assertion, shared by the real runs and the leak demonstration. */
function assertFlat(at, from, to) {
  assert.equal(at[to], at[from], `grew from ${at[from]} to ${at[to]} bytes between call ${from} and ${to}`);
}

for (const lifecycle of ['long-lived', 'per-call']) {
  test(`linear memory is flat over 10,000 sequential calls (${lifecycle} Engine)`, async () => {
    const { at } = await memorySeries({ lifecycle, calls: 10000, checkpoints: [1, 2000, 10000] });
    assert.ok(at[1] > 0);
    assertFlat(at, 2000, 10000);
  });
}

test('the flatness check fails on a leak: Engines retained without free() grow memory', async () => {
  const { at, retained } = await memorySeries({ lifecycle: 'retained', calls: 2000, checkpoints: [1000, 2000] });
  assert.equal(retained, 2000);
  assert.throws(() => assertFlat(at, 1000, 2000), /grew from \d+ to \d+ bytes/);
  assert.ok(at[2000] > at[1000]);
});
