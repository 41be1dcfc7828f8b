// A WeChat-like JS realm for tests: a fresh vm context where the globals phones lack
// (WebAssembly, TextEncoder, TextDecoder, FinalizationRegistry, WeakRef) are deleted, and
// the only way to get wasm is a `WXWebAssembly.instantiate(packagePath, imports)` shim that
// accepts a string path inside the package, like the real one. CommonJS files are loaded
// into the realm with a `require` that resolves relative paths only.
'use strict';

const fs = require('fs');
const path = require('path');
const vm = require('vm');
const zlib = require('zlib');

const MISSING_ON_PHONES = ['WebAssembly', 'TextEncoder', 'TextDecoder', 'FinalizationRegistry', 'WeakRef'];

/**
 * options.packageRoot: the folder that stands for the mini-program package root ("/").
 * options.sdkVersion: what wx.getSystemInfoSync().SDKVersion reports (default "3.4.0").
 * options.withWXWebAssembly: false to leave WXWebAssembly out (old base library).
 * options.instantiateFailures: how many instantiate calls fail before one succeeds.
 * options.returnBareInstance: resolve to the Instance itself instead of {instance, module}.
 */
function createWeChatSandbox(options) {
  const opts = Object.assign({ sdkVersion: '3.4.0', withWXWebAssembly: true, instantiateFailures: 0 }, options);
  const hostWebAssembly = WebAssembly;
  const instantiateCalls = [];
  let failuresLeft = opts.instantiateFailures;

  const WXWebAssembly = {
    instantiate(packagePath, imports) {
      instantiateCalls.push(packagePath);
      if (typeof packagePath !== 'string') {
        return Promise.reject(new TypeError('WXWebAssembly.instantiate: first argument must be a package path string'));
      }
      if (!/\.wasm(\.br)?$/.test(packagePath)) {
        return Promise.reject(new Error(`WXWebAssembly.instantiate: not a .wasm/.wasm.br path: ${packagePath}`));
      }
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        return Promise.reject(new Error('WXWebAssembly.instantiate: simulated intermittent failure'));
      }
      const file = path.join(opts.packageRoot, packagePath.replace(/^\/+/, ''));
      if (!fs.existsSync(file)) return Promise.reject(new Error(`WXWebAssembly.instantiate: no file ${packagePath}`));
      let bytes = fs.readFileSync(file);
      if (packagePath.endsWith('.br')) bytes = zlib.brotliDecompressSync(bytes);
      return hostWebAssembly.instantiate(bytes, imports).then((result) =>
        opts.returnBareInstance ? result.instance : result);
    },
  };

  const globals = {
    console,
    setTimeout,
    clearTimeout,
    wx: { getSystemInfoSync: () => ({ SDKVersion: opts.sdkVersion, platform: 'ios' }) },
  };
  if (opts.withWXWebAssembly) globals.WXWebAssembly = WXWebAssembly;
  const context = vm.createContext(globals);
  vm.runInContext(MISSING_ON_PHONES.map((name) => `delete globalThis.${name};`).join('\n'), context);

  const cache = new Map();
  function requireFile(file) {
    const resolved = fs.existsSync(file) ? file : `${file}.js`;
    if (cache.has(resolved)) return cache.get(resolved).exports;
    const module = { exports: {} };
    cache.set(resolved, module);
    const source = fs.readFileSync(resolved, 'utf8');
    const wrapper = vm.runInContext(
      `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
      context,
      { filename: resolved },
    );
    const localRequire = (specifier) => {
      if (!specifier.startsWith('.')) throw new Error(`sandbox: only relative requires exist here: ${specifier}`);
      return requireFile(path.resolve(path.dirname(resolved), specifier));
    };
    wrapper.call(module.exports, module.exports, localRequire, module, resolved, path.dirname(resolved));
    return module.exports;
  }

  return {
    context,
    instantiateCalls,
    /** Loads a CommonJS file into the realm, by its path relative to the package root. */
    require: (relativePath) => requireFile(path.join(opts.packageRoot, relativePath)),
    /** typeof each name inside the realm. */
    typeOf: (name) => vm.runInContext(`typeof ${name}`, context),
  };
}

module.exports = { createWeChatSandbox, MISSING_ON_PHONES };
