// One start-up measurement in a fresh node process (so no compiled module is reused), printed
// as JSON {ms}. Usage: node [--no-wasm-lazy-compilation] startup-child.js ours|theirs|init
//   ours, theirs: WebAssembly.instantiate(bytes, stubs) of the brotli-decoded production
//     module; decoding and building the stubs happen before the clock starts;
//   init: require our glue + init() (reads and decodes the .wasm.br) + new Engine(), i.e. the
//     component's first start up to a ready engine.
'use strict';

const { PRODUCTION_WASM, TENCENT_WASM, contentBytes } = require('./artifacts');
const { stubImports } = require('./wasm-imports');
const { msSince } = require('./stats');
const { memoryOf } = require('./wasm-instance');

async function compileAndInstantiate(file) {
  const bytes = contentBytes(file);
  const imports = stubImports(bytes);
  const start = process.hrtime.bigint();
  const { instance } = await WebAssembly.instantiate(bytes, imports);
  const ms = msSince(start);
  if (!memoryOf(instance)) throw new Error(`${file}: no memory export`);
  return ms;
}

async function firstInit() {
  const start = process.hrtime.bigint();
  const { loadBundle, PRODUCTION_BUNDLE } = require('../js-glue/node');
  const api = await loadBundle(PRODUCTION_BUNDLE);
  const engine = new api.Engine({ sdkAppID: 1400000000, userID: 'alice', userSig: 'sig' }, Date.now(), 1);
  const ms = msSince(start);
  if (engine.view().status !== 'idle') throw new Error('engine not ready');
  engine.free();
  return ms;
}

const MEASURES = {
  ours: () => compileAndInstantiate(PRODUCTION_WASM),
  theirs: () => compileAndInstantiate(TENCENT_WASM),
  init: firstInit,
};

const which = process.argv[2];
if (!MEASURES[which]) {
  console.error('usage: startup-child.js ours|theirs|init');
  process.exit(2);
}
MEASURES[which]().then((ms) => console.log(JSON.stringify({ ms })), (error) => {
  console.error(error);
  process.exit(1);
});
