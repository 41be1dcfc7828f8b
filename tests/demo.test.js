// `make demo` (examples/demo/): the scripted scenarios end as they should and the process says
// so; a scenario cut short is reported as wrong; interactive mode reads commands from stdin
// and prints each phone's screen as it changes.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { spawnSync } = require('child_process');

const MAIN = path.join(__dirname, '..', 'examples', 'demo', 'main.js');

function demo(args, input) {
  return spawnSync(process.execPath, [MAIN, ...args], { input: input || '', encoding: 'utf8', timeout: 60000 });
}

test('every scenario ends as expected, with signals and screens in the timeline', () => {
  const run = demo([]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /5 of 5 scenarios ended as expected/);
  for (const name of ['1v1', 'busy', 'reject', 'no-answer', 'group']) assert.match(run.stdout, new RegExp(`^ok   ${name}$`, 'm'));
  assert.match(run.stdout, /signal invite +#\w{6} alice→bob video room \d+/);
  assert.match(run.stdout, /signal reject\/busy +#\w{6} bob→carol audio/);
  assert.match(run.stdout, /bob  : connected video 00:00:20 \[mic on, cam on\] with alice/);
  assert.match(run.stdout, /carol: toast "bob is busy"/);
  assert.match(run.stdout, /signal accept +#\w{6} carol→group team \[alice,bob\] video/);
});

test('--list, --scenario, --verbose and a bad scenario name', () => {
  const list = demo(['--list']);
  assert.equal(list.status, 0);
  assert.deepEqual(list.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0]), ['1v1', 'busy', 'reject', 'no-answer', 'group']);
  const one = demo(['--scenario', 'busy', '--verbose']);
  assert.equal(one.status, 0, one.stderr);
  assert.match(one.stdout, /1 of 1 scenarios ended as expected/);
  assert.match(one.stdout, /wire \{.*"actionType":4.*line_busy/, 'raw payloads in verbose mode');
  assert.match(one.stdout, /trtc → (alice|bob) statechange 1018/, 'TRTC events in verbose mode');
  assert.doesNotMatch(one.stdout, /== 1v1/);
  const bad = demo(['--scenario', 'nope']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /no scenario "nope"/);
});

test('a scenario that does not end as it should is reported (the checks can fail)', async () => {
  const { Stage } = require('../examples/demo/stage');
  const { SCENARIOS } = require('../examples/demo/scenarios');
  const { runCommand } = require('../examples/demo/commands');
  const lines = [];
  const stage = await new Stage({ print: (l) => lines.push(l) }).open();
  const oneToOne = SCENARIOS.find((s) => s.name === '1v1');
  for (const line of oneToOne.script.slice(0, oneToOne.script.indexOf('alice hangup'))) await runCommand(stage, line); // no hang-up
  const problems = oneToOne.check(stage);
  assert.ok(problems.includes('alice is still connected'), problems.join('; '));
  assert.ok(problems.some((p) => /bob: call ends \[\], expected \["hangup"\]/.test(p)), problems.join('; '));
  await stage.close();
});

test('interactive mode: commands piped into stdin drive the phones; states and refusals are printed', () => {
  const script = [
    'help',
    'alice call bob video',
    'bob accept',
    'wait 20s',
    'alice mute',
    'alice camera off',
    'bob switch-audio',
    'carol accept',
    'alice hangup',
    'show',
    'quit',
  ].join('\n');
  const run = demo(['--interactive'], `${script}\n`);
  assert.equal(run.status, 0, run.stderr);
  const out = run.stdout;
  const after = (command) => out.slice(out.indexOf(`> ${command}`));
  assert.match(out, /<who> call <user>/, 'help text');
  assert.match(after('alice call bob video'), /bob  : ringing: video call from alice/);
  assert.match(after('bob accept'), /alice: connected video 00:00:00 \[mic on, cam on\] with bob/);
  assert.match(after('wait 20s'), /bob  : connected video 00:00:2\d \[mic on, cam on\] with alice/);
  assert.match(after('alice mute'), /alice: connected video 00:00:2\d \[mic off, cam on\]/);
  assert.match(after('alice camera off'), /alice: connected video 00:00:2\d \[mic off, cam off\]/);
  assert.match(after('bob switch-audio'), /signal invite\/switch +#\w{6} bob→alice video→audio/);
  assert.match(after('bob switch-audio'), /alice: connected audio/);
  assert.match(after('carol accept'), /refused: NO_CALL/);
  assert.match(after('alice hangup'), /bob: call ended \(hangup, 2\d s\)/);
  assert.match(after('alice hangup'), /signal invite\/hangup +#\w{6} alice→bob audio/, 'one notice, from alice');
  const finalScreens = after('show').split('\n').slice(1, 4).join('\n');
  assert.match(finalScreens, /alice: idle\n.*bob  : idle\n.*carol: idle/);
});
