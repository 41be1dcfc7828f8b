// Node loading path for tools, tests and the demo (not shipped to WeChat): loads a built
// bundle (tuicalling.js + tuicalling_bg.wasm.br) with node's WebAssembly instead of
// WXWebAssembly. The package path the glue asks for is mapped to the file beside it.
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

/** An `instantiate(packagePath, imports)` that reads the wasm from `bundleDir`. */
function nodeInstantiate(bundleDir) {
  return function instantiate(packagePath, imports) {
    const file = path.join(bundleDir, path.posix.basename(packagePath));
    let bytes = fs.readFileSync(file);
    if (file.endsWith('.br')) bytes = zlib.brotliDecompressSync(bytes);
    return WebAssembly.instantiate(bytes, imports);
  };
}

/** Loads the bundle in `bundleDir` and resolves to its API object. */
function loadBundle(bundleDir) {
  const glue = require(path.resolve(bundleDir, 'tuicalling.js'));
  return glue.init({ instantiate: nodeInstantiate(path.resolve(bundleDir)) });
}

/** The shipped production bundle. */
const PRODUCTION_BUNDLE = path.join(__dirname, '..', 'wxcomponents', 'TUICalling', 'wasm');
/** The debug bundle with UserSig signing (examples/debug). */
const DEBUG_BUNDLE = path.join(__dirname, '..', 'examples', 'debug', 'wasm');

module.exports = { nodeInstantiate, loadBundle, PRODUCTION_BUNDLE, DEBUG_BUNDLE };
