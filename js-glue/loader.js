// ---- tuicalling loader (js-glue/loader.js, appended to the wasm-bindgen glue at build time) ----
// WeChat has no `WebAssembly` global: the module is loaded with
// `WXWebAssembly.instantiate(packagePath, imports)` only. ES2016, no async functions, so the
// component loads without "enhanced compile".

var TUICALLING_WASM_PATH = '__TUICALLING_WASM_PATH__';
var TUICALLING_MIN_BASE_LIBRARY = '2.14.0';
var tuicallingInitPromise = null;
var tuicallingApi = Object.freeze(__TUICALLING_API__);

function tuicallingError(code, message, cause) {
  var error = new Error(message);
  error.name = 'TUICallingLoadError';
  error.code = code;
  if (cause !== undefined) error.cause = cause;
  return error;
}

function tuicallingCompareVersions(a, b) {
  var left = String(a).split('.');
  var right = String(b).split('.');
  for (var i = 0; i < Math.max(left.length, right.length); i++) {
    var diff = (parseInt(left[i], 10) || 0) - (parseInt(right[i], 10) || 0);
    if (diff !== 0) return diff < 0 ? -1 : 1;
  }
  return 0;
}

function tuicallingBaseLibraryVersion() {
  if (typeof wx === 'undefined' || !wx) return null;
  try {
    var info = typeof wx.getAppBaseInfo === 'function' ? wx.getAppBaseInfo() : wx.getSystemInfoSync();
    return (info && info.SDKVersion) || null;
  } catch (e) {
    return null;
  }
}

function tuicallingWeChatInstantiate() {
  var version = tuicallingBaseLibraryVersion();
  if (version && tuicallingCompareVersions(version, TUICALLING_MIN_BASE_LIBRARY) < 0) {
    throw tuicallingError('BASE_LIBRARY_TOO_OLD', 'tuicalling needs WeChat base library >= ' +
      TUICALLING_MIN_BASE_LIBRARY + ' (WXWebAssembly with .wasm.br); this one is ' + version);
  }
  if (typeof WXWebAssembly === 'undefined' || !WXWebAssembly || typeof WXWebAssembly.instantiate !== 'function') {
    throw tuicallingError('NO_WXWEBASSEMBLY', 'WXWebAssembly is not available: tuicalling needs WeChat base library >= ' +
      TUICALLING_MIN_BASE_LIBRARY);
  }
  return function (path, imports) { return WXWebAssembly.instantiate(path, imports); };
}

function tuicallingInstantiate(instantiate, path) {
  return new Promise(function (resolve) { resolve(instantiate(path, __wbg_get_imports())); })
    .then(function (result) {
      // WXWebAssembly has been seen returning both an Instance and {instance, module}.
      var instance = result && result.instance ? result.instance : result;
      if (!instance || !instance.exports || !instance.exports.memory) {
        throw tuicallingError('BAD_INSTANCE', 'instantiate(' + path + ') returned no wasm instance');
      }
      __wbg_finalize_init(instance, result && result.module);
      return tuicallingApi;
    });
}

/**
 * Loads the wasm module once and resolves to the API object. Safe to call any number of times:
 * every call returns the same promise; after a failure the next call tries again.
 * Options (all optional): `wasmPath`, the package path of the `.wasm.br`; `instantiate(path,
 * imports)`, a replacement for WXWebAssembly.instantiate (node tools and tests).
 */
function init(options) {
  if (wasm !== undefined) return Promise.resolve(tuicallingApi);
  if (tuicallingInitPromise) return tuicallingInitPromise;
  var opts = options || {};
  var path = opts.wasmPath || TUICALLING_WASM_PATH;
  var instantiate;
  try {
    instantiate = opts.instantiate || tuicallingWeChatInstantiate();
  } catch (error) {
    return Promise.reject(error);
  }
  tuicallingInitPromise = tuicallingInstantiate(instantiate, path)
    // One retry: intermittent instantiate failures are reported on some iOS clients.
    .catch(function () { return tuicallingInstantiate(instantiate, path); })
    .catch(function (error) {
      tuicallingInitPromise = null;
      if (error && error.name === 'TUICallingLoadError') throw error;
      throw tuicallingError('INSTANTIATE_FAILED', 'could not load ' + path + ': ' +
        ((error && error.message) || error), error);
    });
  return tuicallingInitPromise;
}

/** Whether init() has completed, so the API can be used. */
function isReady() {
  return wasm !== undefined;
}

module.exports = { init: init, isReady: isReady, wasmPath: TUICALLING_WASM_PATH };
