// A fresh, separate instance of a built bundle (own glue module, own wasm memory), with its
// linear memory size readable. The glue memoises one instance per module load, so each call
// re-evaluates the glue file.
'use strict';

const path = require('path');
const { nodeInstantiate, PRODUCTION_BUNDLE } = require('../js-glue/node');

/** The instance's exported linear memory, whatever its export name (the production module's
 * export names are minified). */
function memoryOf(instance) {
  return Object.values(instance.exports).find((value) => value instanceof WebAssembly.Memory) || null;
}

/** Resolves to {api, memoryBytes()} for a new instance of the bundle in `bundleDir`. */
async function loadInstance(bundleDir = PRODUCTION_BUNDLE) {
  const gluePath = require.resolve(path.join(bundleDir, 'tuicalling.js'));
  delete require.cache[gluePath];
  const glue = require(gluePath);
  delete require.cache[gluePath];
  const instantiate = nodeInstantiate(bundleDir);
  let memory = null;
  const api = await glue.init({
    instantiate: (packagePath, imports) => Promise.resolve(instantiate(packagePath, imports)).then((result) => {
      memory = memoryOf(result.instance || result);
      return result;
    }),
  });
  return { api, memoryBytes: () => memory.buffer.byteLength };
}

module.exports = { loadInstance, memoryOf };
