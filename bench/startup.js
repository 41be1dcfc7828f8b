// Start-up: the median of N fresh-process measurements (startup-child.js) for each of
// ours/theirs compile+instantiate and our first init() to a ready engine, under node's
// default (lazy wasm compilation) and with --no-wasm-lazy-compilation. The runs are
// interleaved (one of each per round) so background load hits every series alike.
'use strict';

const path = require('path');
const { execFileSync } = require('child_process');
const { median } = require('./stats');

const CHILD = path.join(__dirname, 'startup-child.js');
const MODES = [
  { key: 'default', flags: [] },
  { key: 'eager', flags: ['--no-wasm-lazy-compilation'] },
];
const MEASURES = ['ours', 'theirs', 'init'];

function once(flags, which) {
  const out = execFileSync(process.execPath, [...flags, CHILD, which], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()).ms;
}

/** {default: {ours, theirs, init}, eager: {...}}, each {median, samples} in ms. */
function measureStartup(runs) {
  const samples = {};
  for (const mode of MODES) samples[mode.key] = Object.fromEntries(MEASURES.map((m) => [m, []]));
  for (let round = 0; round < runs; round++) {
    for (const mode of MODES) {
      for (const which of MEASURES) samples[mode.key][which].push(once(mode.flags, which));
    }
  }
  const result = {};
  for (const mode of MODES) {
    result[mode.key] = Object.fromEntries(MEASURES.map((m) => [m, { median: median(samples[mode.key][m]), samples: samples[mode.key][m] }]));
  }
  return result;
}

module.exports = { measureStartup, MODES };
