// The cross-engine suite (issue 13): OUR rendered component and TENCENT'S current call engine
// (@tencentcloud/call-engine-wx 3.3.2, unmodified) on one fake IM backend with the real
// @tencentcloud/chat 3.6.6 on both sides, in one simulated TRTC room. The scenarios are in
// tests/cross-engine/ (scenarios.js), grouped in lanes (lanes.js). Tencent's engine is one per
// process and runs on real timers (30 s rings), so each lane is a process of its own and the
// lanes run side by side; each lane's scenarios show up here as subtests.
// One lane alone: node tests/cross-engine/lane.js <lane>.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { spawn } = require('child_process');
const { LANES } = require('./cross-engine/lanes');
const { MARK } = require('./cross-engine/json-reporter');

const LANE_SCRIPT = path.join(__dirname, 'cross-engine', 'lane.js');
const REPORTER = path.join(__dirname, 'cross-engine', 'json-reporter.js');
/** A lane that has not finished by then is killed (the longest takes about a minute). */
const LANE_LIMIT_MS = 240000;

/** Runs one lane in its own process: `{results, output, code, signal, ms}`. */
function runLane(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    // Under `node --test` this process has NODE_TEST_CONTEXT set; a lane that inherits it
    // would talk the runner's internal protocol instead of using the reporter.
    const env = Object.assign({}, process.env);
    delete env.NODE_TEST_CONTEXT;
    const child = spawn(process.execPath, [`--test-reporter=${REPORTER}`, LANE_SCRIPT, name], {
      cwd: path.join(__dirname, '..'), env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const results = [];
    let output = '';
    let pending = '';
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      let newline;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.startsWith(MARK)) results.push(JSON.parse(line.slice(MARK.length)));
        else output += `${line}\n`;
      }
    });
    child.stderr.on('data', (chunk) => { output += chunk; });
    const timer = setTimeout(() => child.kill('SIGKILL'), LANE_LIMIT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ results, output: output + pending, code, signal, ms: Date.now() - started });
    });
  });
}

test('cross-engine: our component and Tencent\'s current engine', { concurrency: true }, async (t) => {
  await Promise.all(Object.keys(LANES).map((name) => t.test(`lane ${name}`, async (lane) => {
    const run = await runLane(name);
    lane.diagnostic(`lane ${name}: ${(run.ms / 1000).toFixed(1)} s`);
    for (const result of run.results) {
      await lane.test(`${result.name} (${(result.ms / 1000).toFixed(1)} s)`, { todo: result.todo || undefined }, () => {
        if (!result.ok) {
          const error = new assert.AssertionError({ message: result.error || 'failed' });
          error.stack = error.message; // the lane's failure, not this runner's stack
          throw error;
        }
      });
    }
    const expected = LANES[name].tests.map(([title]) => title);
    assert.deepEqual(run.results.map((r) => r.name), expected,
      `lane ${name} ran every scenario (exit ${run.code}${run.signal ? `, ${run.signal}` : ''})\n${run.output.slice(-4000)}`);
    assert.equal(run.code, 0, `lane ${name} exited with ${run.code}\n${run.output.slice(-4000)}`);
  })));
});
