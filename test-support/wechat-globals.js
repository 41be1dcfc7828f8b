// The globals miniprogram-simulate needs before it loads, for every node process that renders
// components: jsdom's DOM classes, and a `WXWebAssembly` that, like WeChat's, only takes package
// paths (mapped onto `packageRoot`, the folder that stands for the mini-program package).
// Node only (jsdom, fs, zlib); never shipped.
'use strict';

const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

/**
 * Installs the globals and returns `{dom, instantiated, instances}`: the jsdom instance, the
 * package paths `WXWebAssembly.instantiate` was asked for, in order, and the wasm instances it
 * made (to read their linear memory). Call it before requiring miniprogram-simulate
 * (platform.md §C.2).
 */
function installWeChatGlobals(packageRoot) {
  const { JSDOM } = require('jsdom');
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>');
  for (const name of ['window', 'document', 'CustomEvent', 'Event', 'TouchEvent', 'Touch', 'HTMLElement', 'Node']) {
    // Node has its own Event/CustomEvent: jsdom's must win (its dispatchEvent checks the type).
    if (dom.window[name]) global[name] = dom.window[name];
  }
  const instantiated = [];
  const instances = [];
  global.WXWebAssembly = {
    instantiate(packagePath, imports) {
      instantiated.push(packagePath);
      if (typeof packagePath !== 'string') return Promise.reject(new TypeError('package path expected'));
      const file = path.join(packageRoot, packagePath.replace(/^\/+/, ''));
      if (!fs.existsSync(file)) return Promise.reject(new Error(`no file ${packagePath}`));
      let bytes = fs.readFileSync(file);
      if (packagePath.endsWith('.br')) bytes = zlib.brotliDecompressSync(bytes);
      return WebAssembly.instantiate(bytes, imports).then((result) => {
        instances.push(result.instance);
        return result;
      });
    },
  };
  return { dom, instantiated, instances };
}

/** The component .js file (one with a `"component": true` json beside it) calling Component(). */
function callerComponentFile(packageRoot) {
  const frames = String(new Error().stack).split('\n');
  for (const frame of frames) {
    const match = /\(?(\/[^():]+\.js):\d+:\d+\)?$/.exec(frame.trim());
    if (!match || path.relative(packageRoot, match[1]).startsWith('..')) continue;
    const json = match[1].replace(/\.js$/, '.json');
    if (fs.existsSync(json) && /"component"\s*:\s*true/.test(fs.readFileSync(json, 'utf8'))) return match[1];
  }
  return null;
}

/**
 * Gives every component registered from now on the `this.is` WeChat gives it: its package path
 * without extension (e.g. 'miniprogram_npm/tuicalling-component/TUICalling'); the simulator
 * gives a random id instead. Call it after requiring miniprogram-simulate (which sets
 * `Component`) and before loading components, so that code that derives paths from `this.is`
 * (the component's wasm and assets) is tested as it runs on a phone.
 */
function emulateComponentPaths(packageRoot) {
  const register = global.Component;
  global.Component = (definition) => {
    const file = callerComponentFile(packageRoot);
    if (!file) return register(definition);
    const is = path.relative(packageRoot, file).replace(/\.js$/, '').split(path.sep).join('/');
    const lifetimes = definition.lifetimes || {};
    const created = lifetimes.created || definition.created;
    return register(Object.assign({}, definition, {
      lifetimes: Object.assign({}, lifetimes, {
        created() {
          Object.defineProperty(this, 'is', { value: is, configurable: true });
          if (created) created.call(this);
        },
      }),
    }));
  };
}

module.exports = { installWeChatGlobals, emulateComponentPaths };
