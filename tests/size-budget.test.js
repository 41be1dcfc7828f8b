'use strict';
// The CI size gate (js-glue/build/size-budget.js): it measures Tencent's engine and ours in
// the same run and fails when ours is over the budget.
const test = require('node:test');
const assert = require('node:assert');
const path = require('path');
const fs = require('fs');
const os = require('os');
const { spawnSync } = require('child_process');

const SCRIPT = path.join(__dirname, '..', 'js-glue', 'build', 'size-budget.js');
const { measure, brotliBytes } = require(SCRIPT);
const TENCENT = path.join(__dirname, '..', 'node_modules', '@tencentcloud', 'call-engine-wx');
const COMPONENT = path.join(__dirname, '..', 'wxcomponents', 'TUICalling');

const run = (...args) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });

test('both sides are measured from the files: .wasm.br as shipped, JS at brotli q11', () => {
  const result = measure({ percent: 25, component: COMPONENT, tencent: TENCENT });
  const wasmBr = fs.statSync(path.join(TENCENT, 'RTCCallEngine.wasm.br')).size;
  assert.deepEqual(result.tencent.rows.map((r) => r.name), ['RTCCallEngine.wasm.br', 'index.js']);
  assert.equal(result.tencent.rows[0].bytes, wasmBr);
  assert.equal(result.tencent.total, wasmBr + brotliBytes(path.join(TENCENT, 'index.js')));
  assert.equal(result.budget, Math.floor(result.tencent.total / 4));
  assert.deepEqual(result.ours.rows.map((r) => r.name), ['tuicalling_bg.wasm.br', 'tuicalling.js', 'text-codec.js']);
  assert.equal(result.ours.rows[0].bytes, fs.statSync(path.join(COMPONENT, 'wasm', 'tuicalling_bg.wasm.br')).size);
  assert.ok(result.componentTotal > result.ours.total, 'the whole component includes the engine');
});

test('the gate passes under a budget and exits 1 with a clear message over it', () => {
  const pass = run('--percent', '99');
  assert.equal(pass.status, 0, pass.stderr);
  assert.match(pass.stdout, /size-budget: ok: ours [\d,]+ B = [\d.]+ % of Tencent's; budget 99 %/);
  assert.match(pass.stdout, /whole component \(all of wxcomponents\/TUICalling, not gated\): [\d,]+ B/);
  const fail = run('--percent', '1');
  assert.equal(fail.status, 1);
  assert.match(fail.stderr, /size-budget: OVER BUDGET: ours [\d,]+ B = [\d.]+ % of Tencent's; budget 1 % = [\d,]+ B \([\d,]+ B too many\)/);
});

test('a missing file or a bad flag is an error (exit 2), not a pass', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'size-budget-'));
  assert.equal(run('--tencent', empty).status, 2);
  assert.equal(run('--percent', 'x').status, 2);
});
