#!/usr/bin/env node
// Prints raw, gzip (-9) and brotli (q11) bytes for every shipped file under
// wxcomponents/TUICalling/ and their total. A `.br` file ships already compressed, so its
// raw size is what the package pays; its decompressed size is shown for information.
// Usage: size-report.js [dir]   (default wxcomponents/TUICalling)
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } };

function listFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((file) => !path.basename(file).startsWith('.'))
    .sort();
}

/** {file, raw, gzip, brotli, unpacked?} for one file. */
function measure(file) {
  const bytes = fs.readFileSync(file);
  const row = {
    file,
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, BROTLI).length,
  };
  if (file.endsWith('.br')) row.unpacked = zlib.brotliDecompressSync(bytes).length;
  return row;
}

function report(dir) {
  const rows = listFiles(dir).map(measure);
  const total = rows.reduce((sum, r) => ({ raw: sum.raw + r.raw, gzip: sum.gzip + r.gzip, brotli: sum.brotli + r.brotli }),
    { raw: 0, gzip: 0, brotli: 0 });
  const width = Math.max(5, ...rows.map((r) => path.relative(dir, r.file).length));
  const line = (name, r, note) =>
    `${name.padEnd(width)}  ${String(r.raw).padStart(9)}  ${String(r.gzip).padStart(9)}  ${String(r.brotli).padStart(9)}${note || ''}`;
  console.log(`size report: ${path.relative(process.cwd(), dir) || dir}`);
  console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip'.padStart(9)}  ${'brotli'.padStart(9)}`);
  for (const r of rows) {
    console.log(line(path.relative(dir, r.file), r, r.unpacked ? `  (shipped brotli; ${r.unpacked} bytes unpacked)` : ''));
  }
  console.log(line('total', total));
  return { rows, total };
}

if (require.main === module) {
  report(path.resolve(process.argv[2] || path.join(__dirname, '..', '..', 'wxcomponents', 'TUICalling')));
}
module.exports = { report, measure };
