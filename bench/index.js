#!/usr/bin/env node
// `make bench`: every benchmark in one run, side by side with its anchor (Tencent's engine
// package or the target), printed as tables and written to bench/results.md with the machine.
// Invite → ringing runs Tencent's engine itself (bench/ringing.js), through the same chat SDK.
// Usage: node bench/index.js [--check] [--runs N]
//   --check    exit 1 when a target fails (plain runs only report)
//   --runs N   fresh processes per start-up series (default 30, at least 30 for a claim)
//   --rounds N invite → ringing rounds per callee against Tencent's engine (default 200)
'use strict';

const fs = require('fs');
const path = require('path');
const { describeMachine } = require('./machine');
const { tencentVersion, TENCENT_PACKAGE } = require('./artifacts');
const { measureSizes } = require('./size');
const { measureStartup } = require('./startup');
const { measureUserSig } = require('./usersig');
const { measureEngine, SIGNAL_REFERENCE, ROOM_EVENT_TARGET_US } = require('./engine');
const { memorySeries } = require('./memory');
const { measureRinging, RINGING_RATIO_TARGET } = require('./ringing');
const report = require('./report');
const { toText, toMarkdown } = require('./table');

const RESULTS = path.join(__dirname, 'results.md');

function parseArgs(argv) {
  const args = { check: false, runs: 30, rounds: 200 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--check') args.check = true;
    else if (argv[i] === '--runs') args.runs = Number(argv[++i]);
    else if (argv[i] === '--rounds') args.rounds = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!Number.isInteger(args.runs) || args.runs < 1) throw new Error('--runs needs a positive integer');
  if (!Number.isInteger(args.rounds) || args.rounds < 1) throw new Error('--rounds needs a positive integer');
  return args;
}

function chatVersion() {
  return require('@tencentcloud/chat/package.json').version;
}

function step(label, fn) {
  process.stderr.write(`bench: ${label}...\n`);
  return fn();
}

async function measureMemory() {
  const checkpoints = [1, 1000, 2000, 10000];
  return {
    longLived: await memorySeries({ lifecycle: 'long-lived', checkpoints }),
    perCall: await memorySeries({ lifecycle: 'per-call', checkpoints }),
    leak: await memorySeries({ lifecycle: 'retained', calls: 2000, checkpoints: [2000] }),
  };
}

function machineLine(m) {
  return `${m.date} · ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB · ${m.os} · node ${m.node} (V8 ${m.v8}) · load ${m.loadAverage}`;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const machine = describeMachine();
  const tencent = `${TENCENT_PACKAGE}@${tencentVersion()}`;
  const sizes = step('shipped size', measureSizes);
  const startup = step(`start-up (${args.runs} fresh processes per series)`, () => measureStartup(args.runs));
  const usersig = await step('UserSig generation', measureUserSig);
  const engine = await step('engine throughput', () => measureEngine(5));
  const ringing = step(`invite → ringing against Tencent's engine (${args.rounds} rounds each)`, () => measureRinging(args.rounds));
  const memory = await step('memory over 10,000 calls', measureMemory);

  const size = report.sizeSection(sizes, tencent);
  const sig = report.usersigSection(usersig);
  const eng = report.engineSection(engine, { roomUs: ROOM_EVENT_TARGET_US }, SIGNAL_REFERENCE);
  const ring = report.ringingSection(ringing, tencent, `@tencentcloud/chat@${chatVersion()}`, RINGING_RATIO_TARGET);
  const mem = report.memorySection(memory);
  const targets = [size.target, sig.target, ...eng.targets, ring.target, mem.target];
  const sections = [size.section, report.startupSection(startup, args.runs), sig.section, eng.section, ring.section, mem.section,
    report.targetsSection(targets)];

  console.log(`tuicalling-rs benchmarks: ${machineLine(machine)}\n`);
  console.log(sections.map(toText).join('\n\n'));
  const failed = targets.filter((t) => !t.ok);
  console.log(`\n${targets.length - failed.length} of ${targets.length} targets met${failed.length ? `; not met: ${failed.map((t) => t.name).join('; ')}` : ''}`);

  fs.writeFileSync(RESULTS, [
    '# Benchmark results',
    '',
    `Written by \`make bench\` (\`node bench/index.js\`); do not edit. Absolute times are noisy on a shared machine: the ratios, measured side by side in one run, are what we claim.`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM; ${machine.os}; node ${machine.node} (V8 ${machine.v8}). Date: ${machine.date}. Load average at start (1, 5, 15 min): ${machine.loadAverage}.`,
    '',
    sections.map(toMarkdown).join('\n\n'),
    '',
  ].join('\n'));
  console.log(`\nwritten: ${path.relative(process.cwd(), RESULTS)}`);
  if (args.check && failed.length) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
