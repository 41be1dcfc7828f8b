// Paths of the built bundles and a loader that runs them in the WeChat-like sandbox.
'use strict';

const path = require('path');
const { createWeChatSandbox } = require('./wechat-sandbox');

const REPO = path.join(__dirname, '..', '..');

/** Where each bundle sits and the package path its glue asks WXWebAssembly for. */
const BUNDLES = {
  production: {
    packageRoot: REPO,
    glue: 'wxcomponents/TUICalling/wasm/tuicalling.js',
    wasm: 'wxcomponents/TUICalling/wasm/tuicalling_bg.wasm.br',
  },
  // The debug bundle's package path is /debug/wasm/..., as in a mini-program that copied
  // examples/debug to /debug.
  debug: {
    packageRoot: path.join(REPO, 'examples'),
    glue: 'debug/wasm/tuicalling.js',
    wasm: 'debug/wasm/tuicalling_bg.wasm.br',
  },
};

/** Loads a bundle inside a fresh WeChat-like sandbox; resolves to {api, sandbox, glue}. */
async function loadInSandbox(name, sandboxOptions) {
  const bundle = BUNDLES[name];
  const sandbox = createWeChatSandbox(Object.assign({ packageRoot: bundle.packageRoot }, sandboxOptions));
  const glue = sandbox.require(bundle.glue);
  const api = await glue.init();
  return { api, sandbox, glue };
}

module.exports = { REPO, BUNDLES, loadInSandbox };
