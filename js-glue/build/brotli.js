#!/usr/bin/env node
// Brotli-compresses a file at quality 11 (what WXWebAssembly's `.wasm.br` loading expects).
// Usage: brotli.js <in> <out.br>
'use strict';

const fs = require('fs');
const zlib = require('zlib');

const [input, output] = process.argv.slice(2);
const compressed = zlib.brotliCompressSync(fs.readFileSync(input), {
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_GENERIC,
  },
});
fs.writeFileSync(output, compressed);
