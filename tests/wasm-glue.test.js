// The built bundles (glue + .wasm.br) loaded the way WeChat loads them: in a realm without
// WebAssembly/TextEncoder/TextDecoder/FinalizationRegistry/WeakRef, through
// WXWebAssembly.instantiate(packagePath, imports) only.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { createWeChatSandbox, MISSING_ON_PHONES } = require('./helpers/wechat-sandbox');
const { REPO, BUNDLES, loadInSandbox } = require('./helpers/bundles');

const VECTORS = require('./vectors/usersig.json');
const CARGO_VERSION = /^version = "([^"]+)"/m.exec(fs.readFileSync(path.join(REPO, 'Cargo.toml'), 'utf8'))[1];
const SIGNING_EXPORTS = ['genUserSig', 'genPrivateMapKey', 'verifyUserSig'];

function wasmBytes(name) {
  return zlib.brotliDecompressSync(fs.readFileSync(path.join(BUNDLES[name].packageRoot, BUNDLES[name].wasm)));
}

test('the sandbox really lacks the globals phones lack', () => {
  const sandbox = createWeChatSandbox({ packageRoot: REPO });
  for (const name of MISSING_ON_PHONES) assert.equal(sandbox.typeOf(name), 'undefined', name);
  assert.equal(sandbox.typeOf('WXWebAssembly'), 'object');
});

for (const name of Object.keys(BUNDLES)) {
  test(`${name} bundle loads through WXWebAssembly with its package path`, async () => {
    const { api, sandbox } = await loadInSandbox(name);
    assert.deepEqual(sandbox.instantiateCalls, ['/' + BUNDLES[name].wasm]);
    assert.equal(api.version(), CARGO_VERSION);
    // Non-ASCII text crosses the boundary both ways through our own text codec.
    const invite = JSON.stringify({ businessID: 1, inviteID: '呼叫-1', inviter: '小明', actionType: 1, inviteeList: ['小红'],
      data: JSON.stringify({ version: 4, call_type: 1, room_id: 7, businessID: 'av_call', data: { cmd: 'audioCall' } }), timeout: 30, groupID: '' });
    const signal = api.decodeSignal(invite);
    assert.equal(signal.inviter, '小明');
    assert.deepEqual(Array.from(signal.invitees), ['小红']);
    assert.throws(() => api.decodeSignal('签名'), { name: 'SignalError', code: 'NOT_JSON' });
    if (name === 'debug') {
      const user = VECTORS.find((v) => v.kind === 'user');
      const info = api.inspectUserSig(user.usersig, user.now);
      assert.equal(info.identifier, user.userid);
      assert.equal(info.sdkAppID, user.sdkappid);
      assert.equal(info.expiresAt, user.now + user.expire);
      assert.equal(info.expired, false);
      assert.throws(() => api.inspectUserSig('签名', 0), { name: 'UserSigError', code: 'BAD_BASE64' });
    }
  });
}

test('init() is idempotent: one instantiate, one promise, same API', async () => {
  const sandbox = createWeChatSandbox({ packageRoot: REPO });
  const glue = sandbox.require(BUNDLES.production.glue);
  assert.equal(glue.isReady(), false);
  const first = glue.init();
  assert.equal(glue.init(), first);
  const api = await first;
  assert.equal(await glue.init(), api);
  assert.equal(glue.isReady(), true);
  assert.equal(sandbox.instantiateCalls.length, 1);
  assert.ok(Object.isFrozen(api));
});

test('init() retries one intermittent failure and accepts a bare Instance', async () => {
  const { api, sandbox } = await loadInSandbox('production', { instantiateFailures: 1, returnBareInstance: true });
  assert.equal(sandbox.instantiateCalls.length, 2);
  assert.equal(api.version(), CARGO_VERSION);
});

test('init() rejects with a typed error after two failures, and a later call tries again', async () => {
  const sandbox = createWeChatSandbox({ packageRoot: REPO, instantiateFailures: 2 });
  const glue = sandbox.require(BUNDLES.production.glue);
  await assert.rejects(glue.init(), { name: 'TUICallingLoadError', code: 'INSTANTIATE_FAILED' });
  assert.equal(glue.isReady(), false);
  const api = await glue.init();
  assert.equal(api.version(), CARGO_VERSION);
  assert.equal(sandbox.instantiateCalls.length, 3);
});

test('init() explains a missing wasm file, an old base library and a missing WXWebAssembly', async () => {
  const missing = createWeChatSandbox({ packageRoot: REPO }).require(BUNDLES.production.glue);
  await assert.rejects(missing.init({ wasmPath: '/nowhere/x.wasm.br' }), (error) => {
    assert.equal(error.code, 'INSTANTIATE_FAILED');
    assert.match(error.message, /\/nowhere\/x\.wasm\.br/);
    return true;
  });
  const old = createWeChatSandbox({ packageRoot: REPO, sdkVersion: '2.13.9' }).require(BUNDLES.production.glue);
  await assert.rejects(old.init(), { code: 'BASE_LIBRARY_TOO_OLD' });
  const none = createWeChatSandbox({ packageRoot: REPO, withWXWebAssembly: false, sdkVersion: '' })
    .require(BUNDLES.production.glue);
  await assert.rejects(none.init(), { code: 'NO_WXWEBASSEMBLY' });
});

test('init() rejects BAD_INSTANCE when instantiate resolves to something that is not an instance', async () => {
  const glue = createWeChatSandbox({ packageRoot: REPO }).require(BUNDLES.production.glue);
  let calls = 0;
  const bogus = () => { calls += 1; return Promise.resolve({}); };
  await assert.rejects(glue.init({ instantiate: bogus }), { name: 'TUICallingLoadError', code: 'BAD_INSTANCE' });
  assert.equal(calls, 2, 'retried once');
  assert.equal(glue.isReady(), false);
});

test('UserSig errors reach JS as Error objects with name and code (inspectUserSig: debug bundle)', async () => {
  const { api } = await loadInSandbox('debug');
  const cases = [
    ['', 'EMPTY'],
    ['eJyr+Vg_', 'BAD_BASE64'],
    ['AAAA', 'BAD_ZLIB'],
    ['A'.repeat(5000), 'TOO_LONG'],
    [zlib.deflateSync(Buffer.alloc(70000, 32)).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_'), 'INFLATED_TOO_LARGE'],
  ];
  for (const [input, code] of cases) {
    assert.throws(() => api.inspectUserSig(input, 0), (error) => {
      assert.equal(error.name, 'UserSigError');
      assert.equal(error.code, code);
      assert.ok(error.message.length > 0);
      return true;
    }, code);
  }
  for (const badNow of [-1, 1.5, NaN, Infinity, undefined]) {
    assert.throws(() => api.inspectUserSig(VECTORS[0].usersig, badNow), { code: 'INVALID_ARGUMENT' }, String(badNow));
  }
});

test('the production bundle has no UserSig signing entry point or signing code, and no developer tools', async () => {
  const { api } = await loadInSandbox('production');
  assert.deepEqual(Object.keys(api).sort(), ['Engine', 'decodeElement', 'decodeSignal', 'version']);
  const { api: debugApi } = await loadInSandbox('debug');
  for (const name of ['encodeSignal', 'inspectUserSig', 'offlinePushInfo']) {
    assert.equal(typeof debugApi[name], 'function', `the debug build has the tool ${name}`);
  }
  const exportsOf = (name) => WebAssembly.Module.exports(new WebAssembly.Module(wasmBytes(name))).map((e) => e.name);
  for (const name of SIGNING_EXPORTS) {
    assert.ok(!exportsOf('production').includes(name), `production exports ${name}`);
    assert.ok(exportsOf('debug').includes(name), `the check itself works: debug exports ${name}`);
  }
  // The production module's export names are minified, so the check above cannot fail there by
  // name alone: every export it has must also be one the production glue calls, so there is no
  // entry point beyond the API above.
  const glue = fs.readFileSync(path.join(REPO, BUNDLES.production.glue), 'utf8');
  const called = new Set([...glue.matchAll(/\bwasm\.(\w+)/g)].map((m) => m[1]));
  const memory = WebAssembly.Module.exports(new WebAssembly.Module(wasmBytes('production'))).filter((e) => e.kind === 'memory').map((e) => e.name);
  for (const name of exportsOf('production')) {
    assert.ok(called.has(name) || memory.includes(name), `production export ${name} is used by its glue`);
  }
  assert.ok(exportsOf('production').length <= called.size + 1);
  // The signed-content template and SHA-256's round constants appear only where HMAC signing is.
  const production = wasmBytes('production');
  const debug = wasmBytes('debug');
  assert.equal(production.indexOf('TLS.identifier:'), -1);
  assert.notEqual(debug.indexOf('TLS.identifier:'), -1);
  assert.equal(sha256ConstantHits(production), 0);
  assert.ok(sha256ConstantHits(debug) >= 16, `debug has SHA-256 constants (${sha256ConstantHits(debug)})`);
});

const SHA256_K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/** How many SHA-256 round constants occur as data (u32 LE) or as an `i32.const` immediate. */
function sha256ConstantHits(bytes) {
  const asI32Const = (value) => {
    const out = [0x41];
    let v = value | 0;
    for (;;) {
      const byte = v & 0x7f;
      v >>= 7;
      const done = (v === 0 && !(byte & 0x40)) || (v === -1 && byte & 0x40);
      out.push(done ? byte : byte | 0x80);
      if (done) return Buffer.from(out);
    }
  };
  const asData = (value) => {
    const out = Buffer.alloc(4);
    out.writeUInt32LE(value >>> 0);
    return out;
  };
  return SHA256_K.filter((k) => bytes.indexOf(asData(k)) >= 0 || bytes.indexOf(asI32Const(k)) >= 0).length;
}
