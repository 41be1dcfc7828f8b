#!/usr/bin/env node
// `make demo`: three phones (alice, bob, carol), each a real rendered <tuicalling> component
// (built wasm + glue + wxml, WeChat's official compilers, miniprogram-simulate) on the local
// IM hub and the simulated TRTC room, on virtual time. Runs the scripted scenarios, prints a
// timeline and checks each scenario's end state (exit 1 when one is wrong).
//
//   node examples/demo/main.js [--scenario <name>] [--verbose] [--list] [--interactive]
'use strict';

const readline = require('readline');
const { Stage } = require('./stage');
const { SCENARIOS } = require('./scenarios');
const { HELP, runCommand } = require('./commands');

const USAGE = `usage: demo [--scenario <name>] [--verbose] [--list] [--interactive] [--usersig]
  --scenario <name>  run one scenario (see --list)
  --verbose          also print each raw wire payload and every TRTC room event
  --list             list the scenarios
  --interactive      a REPL: type actions per phone and watch the signals and screens
  --usersig          the UserSig demo (examples/usersig-demo.js)`;

function parseArgs(argv) {
  const args = { scenario: null, verbose: false, list: false, interactive: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--scenario') args.scenario = argv[++i];
    else if (arg.startsWith('--scenario=')) args.scenario = arg.slice('--scenario='.length);
    else if (arg === '--verbose' || arg === '-v') args.verbose = true;
    else if (arg === '--list') args.list = true;
    else if (arg === '--interactive' || arg === '-i') args.interactive = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return args;
}

const print = (line) => process.stdout.write(`${line}\n`);

/** Runs one scenario on a fresh stage; returns its problems. */
async function runScenario(scenario, verbose) {
  print(`\n== ${scenario.name}: ${scenario.title} ==`);
  const stage = await new Stage({ print, verbose }).open();
  for (const line of scenario.script) await runCommand(stage, line);
  await stage.wait(2000);
  const problems = scenario.check(stage);
  await stage.close();
  print(problems.length ? problems.map((p) => `FAIL ${scenario.name}: ${p}`).join('\n') : `ok   ${scenario.name}`);
  return problems;
}

async function runScenarios(args) {
  const chosen = args.scenario ? SCENARIOS.filter((s) => s.name === args.scenario) : SCENARIOS;
  if (chosen.length === 0) throw new Error(`no scenario "${args.scenario}" (--list shows them)`);
  const started = Date.now();
  let failed = 0;
  for (const scenario of chosen) {
    if ((await runScenario(scenario, args.verbose)).length) failed += 1;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  print(`\n${chosen.length - failed} of ${chosen.length} scenarios ended as expected (${seconds} s)`);
  return failed ? 1 : 0;
}

/** The REPL: one command per line from stdin (a terminal or a pipe), run in order. */
async function interactive(args) {
  const stage = await new Stage({ print, verbose: args.verbose }).open();
  const tty = Boolean(process.stdin.isTTY);
  print('three phones are logged in: alice, bob, carol (type help)');
  stage.show();
  const rl = readline.createInterface({ input: process.stdin, output: tty ? process.stdout : undefined, terminal: tty });
  if (tty) { rl.setPrompt('> '); rl.prompt(); }
  for await (const line of rl) {
    if (!tty && line.trim()) print(`> ${line.trim()}`);
    if ((await runCommand(stage, line)) === 'quit') break;
    if (tty) rl.prompt();
  }
  rl.close();
  await stage.close();
  return 0;
}

async function main(argv) {
  const args = parseArgs(argv);
  if (args.help) { print(`${USAGE}\n\n${HELP}`); return 0; }
  if (args.list) {
    SCENARIOS.forEach((s) => print(`${s.name.padEnd(10)} ${s.title}`));
    return 0;
  }
  return args.interactive ? interactive(args) : runScenarios(args);
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (error) => {
  process.stderr.write(`demo: ${error.message}\n`);
  process.exitCode = 2;
});
