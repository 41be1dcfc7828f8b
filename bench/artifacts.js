// Where the measured files are: our built component and bundles, Tencent's engine package.
// Everything is read at run time, so the figures follow whatever is built.
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const REPO = path.join(__dirname, '..');
const COMPONENT = path.join(REPO, 'wxcomponents', 'TUICalling');
const PRODUCTION_WASM = path.join(COMPONENT, 'wasm', 'tuicalling_bg.wasm.br');
const TENCENT_PACKAGE = '@tencentcloud/call-engine-wx';
const TENCENT_DIR = path.dirname(require.resolve(`${TENCENT_PACKAGE}/package.json`));
const TENCENT_WASM = path.join(TENCENT_DIR, 'RTCCallEngine.wasm.br');
const TENCENT_JS = path.join(TENCENT_DIR, 'index.js');

function tencentVersion() {
  return JSON.parse(fs.readFileSync(path.join(TENCENT_DIR, 'package.json'), 'utf8')).version;
}

/** The bytes of a file, brotli-decoded when it is a `.br`. */
function contentBytes(file) {
  const bytes = fs.readFileSync(file);
  return file.endsWith('.br') ? zlib.brotliDecompressSync(bytes) : bytes;
}

module.exports = {
  REPO, COMPONENT, PRODUCTION_WASM, TENCENT_PACKAGE, TENCENT_DIR, TENCENT_WASM, TENCENT_JS, tencentVersion, contentBytes,
};
