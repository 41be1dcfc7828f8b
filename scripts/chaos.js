#!/usr/bin/env node
// `make chaos`: seeded chaos sessions through rendered <tuicalling> phones on the local IM hub
// and the simulated TRTC room (test-support/chaos/). Prints the summary line
// `chaos: N sessions, M calls, V invariant violations`, and for each violating seed the
// violation and the command that replays it; exits 1 when there is one.
//
//   node scripts/chaos.js [--seeds N] [--from S]      N sessions from seed S (default 200 from 1);
//                                                     prints the first violating seed's timeline
//   node scripts/chaos.js --seed S [--verbose]        one session, with its whole timeline
//                                                     (--verbose: every TRTC event and wire payload)
//   node scripts/chaos.js --seeds N --timelines       every violating seed's timeline
//   node scripts/chaos.js --seeds N --survey          every kind of violation (sessions go on
//                                                     after their first), with its seeds
'use strict';

const util = require('util');
const { runSeeds, summaryLine } = require('../test-support/chaos/run');
const { runSession } = require('../test-support/chaos/session');

const USAGE = 'usage: chaos [--seeds N] [--from S] [--timelines | --survey] | --seed S [--verbose]';

/** The options, through node's own parser (util.parseArgs). */
function parseArgs(argv) {
  const { values } = util.parseArgs({
    args: argv,
    options: {
      seeds: { type: 'string' }, from: { type: 'string' }, seed: { type: 'string' },
      timelines: { type: 'boolean' }, survey: { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' }, help: { type: 'boolean', short: 'h' },
    },
  });
  const number = (name, fallback) => {
    if (values[name] === undefined) return fallback;
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < 0) throw Object.assign(new Error(`--${name} needs a whole number`), { code: 'USAGE' });
    return n;
  };
  return {
    seeds: number('seeds', 200), from: number('from', 1), seed: number('seed', null),
    timelines: Boolean(values.timelines), survey: Boolean(values.survey), verbose: Boolean(values.verbose),
    help: Boolean(values.help),
  };
}

const print = (line) => process.stdout.write(`${line}\n`);

/** One seed with its timeline (a replay). */
async function replay(seed, verbose) {
  const result = await runSession(seed, { print, verbose });
  print(`seed ${seed}: ${result.calls} calls, digest ${result.digest}, ${result.violation ? '1 invariant violation' : 'no invariant violation'}`);
  return result.violation ? 1 : 0;
}

async function main(argv) {
  const args = parseArgs(argv);
  if (args.help) { print(USAGE); return 0; }
  if (args.seed !== null) return replay(args.seed, args.verbose);
  const summary = await runSeeds(args.from, args.seeds, {
    survey: args.survey,
    onSession(result, violation) {
      if (violation) print(`seed ${result.seed}: VIOLATION ${violation.name}: ${violation.detail.split('\n')[0]}`);
    },
  });
  for (const v of summary.violations) {
    if (v.invariant === 'memory' || v.seed === null) print(`VIOLATION ${v.name}: ${v.detail.split('\n')[0]}`);
  }
  if (args.survey) {
    print('\nkinds of violation (sessions with one, kind, first seeds):');
    for (const [kind, seeds] of Array.from(summary.kinds).sort((a, b) => b[1].length - a[1].length)) {
      print(`${String(seeds.length).padStart(5)}  ${kind}   seeds ${seeds.slice(0, 8).join(', ')}`);
    }
  }
  const seeds = Array.from(new Set(summary.violations.map((v) => v.seed).filter((s) => s !== null)));
  for (const seed of args.timelines ? seeds : seeds.slice(0, 1)) {
    print(`\n==== seed ${seed} (replay: make chaos SEED=${seed}) ====`);
    await runSession(seed, { print });
  }
  if (seeds.length > 1 && !args.timelines) print(`\n${seeds.length - 1} more violating seeds; --timelines prints each one's timeline`);
  print(`${(summary.wallMs / 1000).toFixed(1)} s wall, ${(summary.wallMs / Math.max(1, summary.sessions)).toFixed(0)} ms per session; wasm memory ${summary.memory.last} bytes`);
  print(summaryLine(summary));
  return summary.violations.length ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error) => {
  const usage = error && (error.code === 'USAGE' || String(error.code).startsWith('ERR_PARSE_ARGS'));
  process.stderr.write(usage ? `chaos: ${error.message}\n${USAGE}\n` : `chaos: ${(error && error.stack) || error}\n`);
  process.exitCode = 2;
});
