// Wasm linear memory of one phone's engine over many sequential calls. "me" lives alone in
// its own instance of the production bundle (the peers are in another), so its memory is the
// phone's. Call 1 is a 9-person group call (me calling 8); then every 10th call is one too,
// and the others alternate 1v1 calls made and received. Lifecycles:
//   long-lived: one Engine for every call (one component instance on a page);
//   per-call:   a new Engine per call, freed after it (a page opened per call);
//   retained:   a new Engine per call, never freed and kept referenced (a deliberate leak,
//               to show that the flatness check can fail).
'use strict';

const { loadInstance } = require('./wasm-instance');
const { CallWorld } = require('./call-world');

const LIFECYCLES = ['long-lived', 'per-call', 'retained'];

function nthCall(world, i) {
  if (i % 10 === 0) return world.call('me', world.peers);
  return i % 2 ? world.call('me', ['peer0']) : world.call('peer1', ['me']);
}

/**
 * Runs `calls` sequential calls; returns {start, at: {n: bytes}, ninePerson} where `at` holds
 * the linear memory bytes after each of `checkpoints` calls.
 */
async function memorySeries({ calls = 10000, checkpoints = [1, 1000, 2000, 10000], lifecycle = 'long-lived' } = {}) {
  if (!LIFECYCLES.includes(lifecycle)) throw new Error(`unknown lifecycle ${lifecycle}`);
  const me = await loadInstance();
  const peers = await loadInstance();
  const world = new CallWorld(peers.api, 8);
  const retained = [];
  const start = me.memoryBytes();
  const at = {};
  if (lifecycle === 'long-lived') world.add(me.api, 'me');
  for (let i = 0; i < calls; i++) {
    if (lifecycle !== 'long-lived') world.add(me.api, 'me');
    const people = nthCall(world, i);
    if (i === 0 && people !== 9) throw new Error('the first call must have 9 people');
    if (lifecycle === 'per-call') world.remove('me');
    if (lifecycle === 'retained') retained.push(world.remove('me', { free: false }));
    if (checkpoints.includes(i + 1)) at[i + 1] = me.memoryBytes();
  }
  return { start, at, ninePerson: at[1], retained: retained.length };
}

module.exports = { memorySeries, LIFECYCLES };
