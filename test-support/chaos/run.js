// Runs many chaos sessions (./session.js) in one process and sums them up: the summary line
// `chaos: N sessions, M calls, V invariant violations`, each violating seed with its first
// violation, and the wasm memory check across sessions (all phones of every session share the
// component's one wasm instance, as the pages of one mini-program do). Process-level handlers
// catch uncaught exceptions and unhandled rejections while it runs; jsdom's errors from event
// handlers count too.
// Test-only; never shipped.
'use strict';

const cw = require('../component-world');
const { runSession } = require('./session');
const { INVARIANTS } = require('./invariants');

/** Sessions run before the memory baseline is taken (the allocator warms up). */
const MEMORY_WARMUP_SESSIONS = 20;

/** Installs process-level catchers; returns a function that removes them. */
function catchStrays(onStray) {
  const onException = (error) => onStray(`uncaught exception: ${(error && error.stack) || error}`);
  const onRejection = (reason) => onStray(`unhandled rejection: ${(reason && reason.stack) || reason}`);
  const onJsdomError = (error) => onStray(`an event handler threw (jsdom): ${(error && error.stack) || error}`);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  cw.dom.virtualConsole.on('jsdomError', onJsdomError);
  return () => {
    process.removeListener('uncaughtException', onException);
    process.removeListener('unhandledRejection', onRejection);
    cw.dom.virtualConsole.removeListener('jsdomError', onJsdomError);
  };
}

/**
 * A violation's kind without its particulars (users, ids, numbers), to group a survey:
 * `leftCaller | rings for U's invitation ID sent at T, which expired at T`.
 */
function violationKind(violation) {
  const detail = violation.detail.split('\n')[0].replace(/^[a-z]+: /, '')
    .replace(/\b(alice|bob|carol|dave|erin)\b/g, 'U').replace(/#?\b[0-9a-f]{6}\b/g, 'ID')
    .replace(/\d+(\.\d+)?/g, 'N').replace(/N:N/g, 'T');
  return `${violation.invariant} | ${detail}`;
}

/**
 * Runs `count` sessions from seed `from`. Options: `survey` (each session goes on after its
 * first violation; `summary.kinds` maps every kind of violation to its seeds);
 * `onSession(result, violation)` after each one; `warmup` (sessions before the memory baseline, default MEMORY_WARMUP_SESSIONS);
 * `afterSession(seed)` runs before memory is read (tests leak memory on purpose with it).
 * Resolves `{sessions, calls, violations: [{seed, invariant, name, detail, at}], memory:
 * {baseline, last, grewAt}, wallMs}`.
 */
async function runSeeds(from, count, options) {
  const o = options || {};
  const started = Date.now();
  let current = null;
  const stray = [];
  const release = catchStrays((text) => (current ? current.push(text) : stray.push(text)));
  const warmup = o.warmup || MEMORY_WARMUP_SESSIONS;
  const summary = { sessions: 0, calls: 0, violations: [], memory: { baseline: null, last: null, grewAt: null }, digests: {},
    kinds: new Map() };
  try {
    for (let seed = from; seed < from + count; seed += 1) {
      current = [];
      const result = await runSession(seed, { all: Boolean(o.survey) });
      for (const kind of new Set(result.violations.map(violationKind))) {
        if (!summary.kinds.has(kind)) summary.kinds.set(kind, []);
        summary.kinds.get(kind).push(seed);
      }
      const strays = current;
      current = null;
      summary.sessions += 1;
      summary.calls += result.calls;
      summary.digests[seed] = result.digest;
      const violation = result.violation
        || (strays.length ? { invariant: 'uncaught', name: INVARIANTS.uncaught, at: 0, detail: strays[0] } : null);
      if (o.afterSession) o.afterSession(seed);
      const bytes = cw.wasmMemoryBytes();
      if (summary.sessions === Math.min(warmup, count)) summary.memory.baseline = bytes;
      if (summary.memory.baseline !== null && bytes > summary.memory.baseline && summary.memory.grewAt === null) {
        summary.memory.grewAt = { seed, from: summary.memory.baseline, to: bytes };
      }
      summary.memory.last = bytes;
      if (violation) summary.violations.push(Object.assign({ seed }, violation));
      if (o.onSession) o.onSession(result, violation);
    }
    if (summary.memory.grewAt) {
      const g = summary.memory.grewAt;
      summary.violations.push({ seed: g.seed, invariant: 'memory', name: INVARIANTS.memory, at: 0,
        detail: `wasm memory grew from ${g.from} to ${g.to} bytes after the ${warmup}-session baseline (seed ${g.seed})` });
    }
    if (stray.length) {
      summary.violations.push({ seed: null, invariant: 'uncaught', name: INVARIANTS.uncaught, at: 0, detail: stray[0] });
    }
  } finally {
    release();
  }
  summary.wallMs = Date.now() - started;
  return summary;
}

/** The summary line (the exact words). */
function summaryLine(summary) {
  return `chaos: ${summary.sessions} sessions, ${summary.calls} calls, ${summary.violations.length} invariant violations`;
}

module.exports = { MEMORY_WARMUP_SESSIONS, runSeeds, summaryLine, violationKind };
