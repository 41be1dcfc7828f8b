// Invite → ringing against Tencent's engine (issue 13 item 3): runs bench/ringing-child.js in
// a fresh process (it installs the fake backend's globals and loads Tencent's engine) and
// returns the distributions, ours and theirs, measured alternately in that one run.
// Usage: node bench/ringing.js [rounds]
'use strict';

const path = require('path');
const { execFileSync } = require('child_process');
const { median, percentile } = require('./stats');

const CHILD = path.join(__dirname, 'ringing-child.js');
/** ours / theirs at the median must not exceed this. */
const RINGING_RATIO_TARGET = 0.5;

function summary(samples) {
  return { median: median(samples), p95: percentile(samples, 95), min: Math.min(...samples), max: Math.max(...samples), samples };
}

/** {rounds, ours, theirs, ratio: {median, p95}}; ours/theirs are {median, p95, min, max, samples} in ms. */
function measureRinging(rounds = 200) {
  const out = execFileSync(process.execPath, [CHILD, String(rounds)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 24 });
  const samples = JSON.parse(out.trim().split('\n').pop());
  const ours = summary(samples.ours);
  const theirs = summary(samples.theirs);
  return { rounds, ours, theirs, ratio: { median: ours.median / theirs.median, p95: ours.p95 / theirs.p95 } };
}

if (require.main === module) {
  const r = measureRinging(Number(process.argv[2] || 200));
  const line = (name, s) => `  ${name}: median ${s.median.toFixed(3)} ms, p95 ${s.p95.toFixed(3)} ms (min ${s.min.toFixed(3)}, max ${s.max.toFixed(3)})`;
  console.log(`invite → ringing through @tencentcloud/chat, ${r.rounds} rounds each:`);
  console.log(line('Tencent onCallReceived', r.theirs));
  console.log(line('ours INVITED', r.ours));
  console.log(`  ratio ours/theirs: median ${r.ratio.median.toFixed(2)}x, p95 ${r.ratio.p95.toFixed(2)}x (target <= ${RINGING_RATIO_TARGET}x at the median)`);
}

module.exports = { measureRinging, RINGING_RATIO_TARGET };
