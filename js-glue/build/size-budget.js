#!/usr/bin/env node
// CI size gate (issue 8): our call engine must be at most 25 % of Tencent's, both measured in
// this run.
//   Tencent: @tencentcloud/call-engine-wx (devDependency): RTCCallEngine.wasm.br as shipped
//            + index.js brotli q11.
//   ours:    wxcomponents/TUICalling/wasm/tuicalling_bg.wasm.br as shipped + tuicalling.js
//            and text-codec.js brotli q11.
// Brotli of JS is computed here with node's zlib (quality 11); a .wasm.br counts as shipped.
// The whole component's total (driver, UI files) is printed too, for information, not gated.
// Exits 1 with a message when over budget, 2 when a file is missing.
// Usage: size-budget.js [--percent N] [--component DIR] [--tencent DIR]
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const REPO = path.join(__dirname, '..', '..');
const BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } };
const DEFAULT_PERCENT = 25;

/** Bytes a file costs in the package, brotli'd: a `.br` as is, anything else at q11. */
function brotliBytes(file) {
  const bytes = fs.readFileSync(file);
  return file.endsWith('.br') ? bytes.length : zlib.brotliCompressSync(bytes, BROTLI).length;
}

/** Every file under `dir` (recursive, no dotfiles). */
function listFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((file) => !path.basename(file).startsWith('.'));
}

function parseArgs(argv) {
  const options = {
    percent: DEFAULT_PERCENT,
    component: path.join(REPO, 'wxcomponents', 'TUICalling'),
    tencent: path.join(REPO, 'node_modules', '@tencentcloud', 'call-engine-wx'),
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--percent' && Number(value) > 0) options.percent = Number(value);
    else if (flag === '--component' && value) options.component = path.resolve(value);
    else if (flag === '--tencent' && value) options.tencent = path.resolve(value);
    else throw new Error(`usage: size-budget.js [--percent N] [--component DIR] [--tencent DIR] (bad: ${flag})`);
  }
  return options;
}

/** {rows, total} for named files under `dir`. */
function side(dir, names) {
  const rows = names.map((name) => ({ name, bytes: brotliBytes(path.join(dir, name)) }));
  return { rows, total: rows.reduce((sum, r) => sum + r.bytes, 0) };
}

/** Measures both sides; returns {ours, tencent, budget, component, ok}. */
function measure({ percent, component, tencent }) {
  const theirs = side(tencent, ['RTCCallEngine.wasm.br', 'index.js']);
  const ours = side(path.join(component, 'wasm'), ['tuicalling_bg.wasm.br', 'tuicalling.js', 'text-codec.js']);
  const componentTotal = listFiles(component).reduce((sum, file) => sum + brotliBytes(file), 0);
  const budget = Math.floor((theirs.total * percent) / 100);
  return { ours, tencent: theirs, budget, percent, componentTotal, ok: ours.total <= budget };
}

function report(result) {
  const pct = (n) => `${((100 * n) / result.tencent.total).toFixed(1)} %`;
  const line = (label, bytes) => `  ${label.padEnd(36)} ${String(bytes.toLocaleString('en-US')).padStart(9)} B`;
  console.log('size budget (brotli q11; .wasm.br as shipped)');
  console.log("Tencent's engine (@tencentcloud/call-engine-wx):");
  result.tencent.rows.forEach((r) => console.log(line(r.name, r.bytes)));
  console.log(line('total', result.tencent.total));
  console.log('our engine (wxcomponents/TUICalling/wasm):');
  result.ours.rows.forEach((r) => console.log(line(r.name, r.bytes)));
  console.log(line('total', result.ours.total));
  console.log(`whole component (all of wxcomponents/TUICalling, not gated): ${result.componentTotal.toLocaleString('en-US')} B`);
  const verdict = `ours ${result.ours.total.toLocaleString('en-US')} B = ${pct(result.ours.total)} of Tencent's; ` +
    `budget ${result.percent} % = ${result.budget.toLocaleString('en-US')} B`;
  if (result.ok) console.log(`size-budget: ok: ${verdict}`);
  else console.error(`size-budget: OVER BUDGET: ${verdict} (${(result.ours.total - result.budget).toLocaleString('en-US')} B too many)`);
}

if (require.main === module) {
  let result;
  try {
    result = measure(parseArgs(process.argv.slice(2)));
  } catch (error) {
    console.error(`size-budget: ${error.message}`);
    process.exit(2);
  }
  report(result);
  process.exit(result.ok ? 0 : 1);
}
module.exports = { measure, brotliBytes, DEFAULT_PERCENT };
