// Small timing helpers shared by the benchmarks.
'use strict';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The `p`-th percentile (0..100) of `values`, nearest rank (p95 of 200 samples = the 190th smallest). */
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** Milliseconds since `start` (a process.hrtime.bigint() reading). */
function msSince(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Runs `fn` once; returns {value, wall, cpu}: its result, the wall-clock seconds and this
 * process's CPU seconds (user + system, all threads). On a shared machine the CPU clock
 * leaves out the time the process waited for a core, so it is the one targets are judged on.
 */
function clocks(fn) {
  const cpuStart = process.cpuUsage();
  const wallStart = process.hrtime.bigint();
  const value = fn();
  const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;
  const used = process.cpuUsage(cpuStart);
  return { value, wall, cpu: (used.user + used.system) / 1e6 };
}

module.exports = { median, percentile, msSince, clocks };
