// examples/debug/GenerateTestUserSig.js, the debug-only drop-in for the original's helper,
// run on the debug wasm build inside the WeChat-like sandbox.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const TLSSigAPIv2 = require('tls-sig-api-v2');
const { createWeChatSandbox } = require('./helpers/wechat-sandbox');
const { tencentAt, tencentDecode } = require('./helpers/tencent');

const EXAMPLES = path.join(__dirname, '..', 'examples');

function load() {
  const sandbox = createWeChatSandbox({ packageRoot: EXAMPLES });
  return sandbox.require('debug/GenerateTestUserSig.js');
}

test('refuses to sign before ready() and before it is configured', async () => {
  const helper = load();
  assert.throws(() => helper.genTestUserSig('user1'), { code: 'NOT_READY' });
  await helper.ready();
  assert.throws(() => helper.genTestUserSig('user1'), { code: 'NOT_CONFIGURED' });
});

test('returns {sdkAppID, userSig} that Tencent-style verification accepts', async () => {
  const helper = load();
  helper.configure({ sdkAppID: 1400000123, secretKey: 'debug-secret', expireTime: 3600 });
  const before = Math.floor(Date.now() / 1000);
  const { sdkAppID, userSig } = await helper.genTestUserSigAsync('user1');
  assert.equal(sdkAppID, 1400000123);
  const api = await load().ready();
  const info = api.verifyUserSig(1400000123, 'debug-secret', 'user1', userSig, before + 1);
  assert.equal(info.expire, 3600);
  assert.ok(info.issuedAt >= before && info.issuedAt <= before + 2);
  // Tencent's generator at the same second produces the same TLS.sig.
  const theirs = tencentAt(info.issuedAt, () => new TLSSigAPIv2.Api(1400000123, 'debug-secret').genUserSig('user1', 3600));
  assert.deepEqual(tencentDecode(userSig), tencentDecode(theirs));
  assert.equal(api.verifyUserSig(1400000123, 'debug-secret', 'user1', theirs, info.issuedAt).identifier, 'user1');
});

test('bad user ids are typed errors, not crashes', async () => {
  const helper = load();
  helper.configure({ sdkAppID: 1400000123, secretKey: 'debug-secret' });
  await helper.ready();
  for (const bad of ['', 'x'.repeat(33), 'a\nb']) {
    assert.throws(() => helper.genTestUserSig(bad), { name: 'UserSigError', code: 'INVALID_ARGUMENT' });
  }
});
