// Shipped size: our production wxcomponents/TUICalling payload, in groups, against Tencent's
// engine package (RTCCallEngine.wasm.br + index.js). Every file is measured on its content
// (a `.br` is decoded first): raw bytes, gzip -9 and brotli q11, summed per group. For a
// `.wasm.br` the brotli figure equals the shipped file (both sides were built at q11).
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { COMPONENT, TENCENT_WASM, TENCENT_JS, contentBytes } = require('./artifacts');

const BROTLI_Q11 = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } };
/** Budget (issue 8): our engine ≤ 25 % of Tencent's engine, in brotli bytes. */
const BUDGET_PERCENT = 25;

function listFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((file) => !path.basename(file).startsWith('.'))
    .sort();
}

function measureFile(file) {
  const bytes = contentBytes(file);
  return {
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, BROTLI_Q11).length,
  };
}

function measureGroup(files) {
  if (files.length === 0) throw new Error('empty size group');
  return files.map(measureFile).reduce((sum, m) => ({
    raw: sum.raw + m.raw, gzip: sum.gzip + m.gzip, brotli: sum.brotli + m.brotli,
  }), { raw: 0, gzip: 0, brotli: 0 });
}

/** Our groups: engine (wasm + glue + codec), driver, component files, whole component. */
function ourGroups(componentDir = COMPONENT) {
  const all = listFiles(componentDir);
  const rel = (file) => path.relative(componentDir, file).split(path.sep).join('/');
  const engine = ['wasm/tuicalling_bg.wasm.br', 'wasm/tuicalling.js', 'wasm/text-codec.js'].map((f) => path.join(componentDir, f));
  const driver = all.filter((f) => /^driver\/[^/]+\.js$/.test(rel(f)));
  const own = all.filter((f) => !rel(f).includes('/'));
  return [
    { key: 'engine', label: 'engine (wasm.br decoded + tuicalling.js + text-codec.js)', files: engine },
    { key: 'driver', label: 'driver (driver/*.js)', files: driver },
    { key: 'component', label: 'component files (TUICalling.* + ui.js)', files: own },
    { key: 'whole', label: `whole component (${all.length} files)`, files: all },
  ];
}

/** {anchor, rows: [{key, label, raw, gzip, brotli, percent: {raw, gzip, brotli}}]}. */
function measureSizes() {
  const anchor = measureGroup([TENCENT_WASM, TENCENT_JS]);
  const percent = (m) => ({
    raw: (100 * m.raw) / anchor.raw, gzip: (100 * m.gzip) / anchor.gzip, brotli: (100 * m.brotli) / anchor.brotli,
  });
  const rows = ourGroups().map((group) => {
    const m = measureGroup(group.files);
    return { key: group.key, label: group.label, ...m, percent: percent(m) };
  });
  return { anchor, rows, budgetPercent: BUDGET_PERCENT };
}

module.exports = { measureSizes, measureGroup, ourGroups, BUDGET_PERCENT };
