/*
 * !!! DEBUG ONLY. NEVER SHIP THIS FILE OR YOUR SECRETKEY IN A RELEASED APP. !!!
 *
 * The tuicalling-rs equivalent of TUICalling's debug/GenerateTestUserSig.js: it computes a
 * UserSig on the phone from SDKAPPID and SECRETKEY, using the debug wasm build in ./wasm.
 * Anyone who unpacks your mini-program package can read the SecretKey and sign UserSigs for
 * every user of your app. In production, sign on your server (or with
 * `cargo run -p tuicalling-cli -- usersig gen ...`) and hand the UserSig to the app.
 *
 * Usage (ES2016, no enhanced compile needed):
 *   var GenerateTestUserSig = require('../../debug/GenerateTestUserSig.js');
 *   GenerateTestUserSig.ready().then(function () {
 *     var info = GenerateTestUserSig.genTestUserSig('user1'); // {sdkAppID, userSig}
 *   });
 * ready() takes the glue's init options, e.g. {wasmPath: '/static/debug/wasm/tuicalling_bg.wasm.br'}
 * when the folder is not at /debug in the package.
 */
'use strict';

var glue = require('./wasm/tuicalling.js');

/** Your SDKAppID from the Tencent Cloud console. */
var SDKAPPID = 0;
/** Your SecretKey from the console. DEBUG ONLY. */
var SECRETKEY = '';
/** UserSig lifetime in seconds (7 days, as in the original). */
var EXPIRETIME = 604800;

var api = null;
var warned = false;

function debugError(code, message) {
  var error = new Error(message);
  error.name = 'GenerateTestUserSigError';
  error.code = code;
  return error;
}

/** Loads the debug wasm once; resolves when genTestUserSig can be called. */
function ready(options) {
  return glue.init(options).then(function (loaded) {
    api = loaded;
    return loaded;
  });
}

/** Overrides the constants above (for tools and tests; in an app, edit the constants). */
function configure(settings) {
  if (settings.sdkAppID !== undefined) SDKAPPID = settings.sdkAppID;
  if (settings.secretKey !== undefined) SECRETKEY = settings.secretKey;
  if (settings.expireTime !== undefined) EXPIRETIME = settings.expireTime;
}

/** Returns {sdkAppID, userSig} for `userID`, signed now. Throws a typed error on misuse. */
function genTestUserSig(userID) {
  if (!api) throw debugError('NOT_READY', 'call GenerateTestUserSig.ready() and wait for it first');
  if (!SDKAPPID || !SECRETKEY) {
    throw debugError('NOT_CONFIGURED', 'set SDKAPPID and SECRETKEY in debug/GenerateTestUserSig.js');
  }
  if (!warned) {
    warned = true;
    console.warn('[GenerateTestUserSig] DEBUG ONLY: the SecretKey is inside your app package. ' +
      'Never release it; sign UserSigs on your server.');
  }
  var now = Math.floor(Date.now() / 1000);
  return { sdkAppID: SDKAPPID, userSig: api.genUserSig(SDKAPPID, SECRETKEY, userID, EXPIRETIME, now) };
}

/** ready(), then genTestUserSig(userID). */
function genTestUserSigAsync(userID, options) {
  return ready(options).then(function () { return genTestUserSig(userID); });
}

module.exports = {
  ready: ready,
  configure: configure,
  genTestUserSig: genTestUserSig,
  genTestUserSigAsync: genTestUserSigAsync,
};
