// Small timing helpers shared by the benchmarks.
'use strict';

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds since `start` (a process.hrtime.bigint() reading). */
function msSince(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

module.exports = { median, msSince };
