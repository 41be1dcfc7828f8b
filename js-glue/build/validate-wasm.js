#!/usr/bin/env node
// Validates a wasm module for WeChat's WXWebAssembly (iOS included):
// 1. MVP features only. wasm-opt trusts a module's `target_features` section, so it is
//    stripped first and the bare module is then validated with --mvp-features, which fails on
//    any post-MVP opcode, multi-value block or extra table.
// 2. No exported wasm Globals (iOS rejects them).
// Usage: validate-wasm.js <module.wasm>...   Exits non-zero with a reason on the first failure.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const WASM_OPT = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'wasm-opt');

function wasmOpt(args) {
  execFileSync(WASM_OPT, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Returns a list of problems (empty when the module is fine). */
function problems(file) {
  const found = [];
  const bare = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'validate-wasm-')), 'bare.wasm');
  try {
    wasmOpt([file, '--all-features', '--disable-compact-imports', '--strip-target-features', '-o', bare]);
    wasmOpt([bare, '--mvp-features', '-o', os.devNull]);
  } catch (error) {
    const detail = String(error.stderr || error.message).split('\n').slice(0, 3).join(' ');
    found.push(`not MVP-only: ${detail}`);
  } finally {
    fs.rmSync(path.dirname(bare), { recursive: true, force: true });
  }
  const module = new WebAssembly.Module(fs.readFileSync(file));
  const globals = WebAssembly.Module.exports(module).filter((e) => e.kind === 'global');
  if (globals.length) found.push(`exports wasm Globals: ${globals.map((g) => g.name).join(', ')}`);
  return found;
}

function main() {
  const files = process.argv.slice(2);
  let failed = false;
  for (const file of files) {
    const list = problems(file);
    if (list.length) {
      failed = true;
      for (const problem of list) console.error(`validate-wasm: ${file}: ${problem}`);
    } else {
      console.log(`validate-wasm: ${path.basename(file)}: MVP only, no exported Globals`);
    }
  }
  process.exit(failed ? 1 : 0);
}

if (require.main === module) main();
module.exports = { problems };
