// ---- Engine commands (js-glue/engine-commands.js, appended to the wasm-bindgen glue at build time) ----
// The wasm module exports one entry point for the engine's rarer commands,
// `Engine.prototype.__command(name, arg, now)`; these are its methods, with the same names and
// arguments as the engine's other inputs (the time `now` in ms last). ES2016.

['accept', 'reject', 'hangup', 'kickedOut', 'timeout'].forEach(function (name) {
  Engine.prototype[name] = function (now) { return this.__command(name, undefined, now); };
});
['call', 'join', 'inviteUser', 'switchMedia', 'setMicrophone', 'setCamera', 'setFrontCamera', 'setSpeaker'].forEach(function (name) {
  Engine.prototype[name] = function (arg, now) { return this.__command(name, arg, now); };
});
