// What ships in wxcomponents/ must load on every WeChat client without "enhanced compile":
// every JS file parses as an ES2016 script and uses no global phones lack; every wasm module
// is MVP-only and exports no Globals. Each checker is also shown to catch what it checks.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { execFileSync } = require('child_process');
const { checkShippedScript } = require('../js-glue/build/es2016');
const { problems } = require('../js-glue/build/validate-wasm');
const { REPO, BUNDLES } = require('./helpers/bundles');

function filesUnder(dir, suffix) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, suffix);
    return entry.name.endsWith(suffix) ? [full] : [];
  });
}

const SHIPPED_JS = [
  ...filesUnder(path.join(REPO, 'wxcomponents'), '.js'),
  ...filesUnder(path.join(REPO, 'examples', 'debug'), '.js'),
];

test('every shipped JS file parses as ES2016 and avoids missing globals', () => {
  assert.ok(SHIPPED_JS.length >= 4, `found ${SHIPPED_JS.length} files`);
  for (const file of SHIPPED_JS) {
    checkShippedScript(fs.readFileSync(file, 'utf8'), path.relative(REPO, file));
  }
});

test('the ES2016 check rejects what would need enhanced compile or a missing global', () => {
  const rejected = [
    'async function f() {}',
    'var f = async () => 1;',
    'var a = b?.c;',
    'var a = b ?? c;',
    'var o = {...p};',
    'try {} catch {}',
    'export function f() {}',
    'import x from "y";',
    'WebAssembly.instantiate(bytes);',
    'fetch("/x.wasm");',
  ];
  for (const source of rejected) {
    assert.throws(() => checkShippedScript(source, 'sample.js'), /sample\.js/, source);
  }
  checkShippedScript('class A { m() { return 2 ** 3; } } let [a] = [1]; const f = (...x) => x;', 'fine.js');
});

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'shipped-'));
}

test('the shipped wasm modules are MVP-only with no exported Globals', () => {
  const dir = tempDir();
  try {
    for (const [name, bundle] of Object.entries(BUNDLES)) {
      const file = path.join(dir, `${name}.wasm`);
      fs.writeFileSync(file, zlib.brotliDecompressSync(fs.readFileSync(path.join(bundle.packageRoot, bundle.wasm))));
      assert.deepEqual(problems(file), [], name);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the wasm validator catches post-MVP code even when target_features claims it, and Globals', () => {
  const dir = tempDir();
  const bin = (tool) => path.join(REPO, 'node_modules', '.bin', tool);
  // Assemble, then add a target_features section that declares the features in use.
  const build = (name, wat) => {
    const [source, bare, out] = ['wat', 'bare.wasm', 'wasm'].map((ext) => path.join(dir, `${name}.${ext}`));
    fs.writeFileSync(source, wat);
    execFileSync(bin('wasm-as'), [source, '--all-features', '-o', bare]);
    execFileSync(bin('wasm-opt'), [bare, '--all-features', '--emit-target-features', '-o', out]);
    return out;
  };
  const naiveCheckPasses = (file) => {
    try {
      execFileSync(bin('wasm-opt'), [file, '--mvp-features', '-o', os.devNull], { stdio: 'ignore' });
      return true;
    } catch (error) {
      return false;
    }
  };
  try {
    const bulk = build('bulk', '(module (memory 1) (func (export "f") (memory.copy (i32.const 0) (i32.const 8) (i32.const 4))))');
    const signExt = build('signext', '(module (func (export "f") (param i32) (result i32) (i32.extend8_s (local.get 0))))');
    const global = build('global', '(module (global (export "g") (mut i32) (i32.const 0)) (func (export "f")))');
    const mvp = build('mvp', '(module (memory (export "memory") 1) (func (export "f") (result i32) (i32.const 1)))');
    const sections = WebAssembly.Module.customSections(new WebAssembly.Module(fs.readFileSync(bulk)), 'target_features');
    assert.equal(sections.length, 1);
    assert.ok(naiveCheckPasses(bulk), 'wasm-opt --mvp-features alone trusts the section');
    assert.match(problems(bulk).join(), /not MVP-only/);
    assert.match(problems(signExt).join(), /not MVP-only/);
    assert.match(problems(global).join(), /exports wasm Globals: g/);
    assert.deepEqual(problems(mvp), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
