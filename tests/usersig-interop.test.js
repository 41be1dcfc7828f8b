// Our UserSigs against Tencent's own generator, the npm package tls-sig-api-v2:
// - the debug wasm bundle (in the WeChat-like sandbox) signs the same fields and TLS.sig;
// - tls-sig-api-v2-style decoding (unescape, base64, inflate, JSON, its own HMAC) accepts ours;
// - our wasm verifier and the native CLI verify theirs.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');
const TLSSigAPIv2 = require('tls-sig-api-v2');
const { REPO, loadInSandbox } = require('./helpers/bundles');
const { tencentAt, tencentDecode } = require('./helpers/tencent');

const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomCase(random) {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';
  const pick = (n) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  return {
    sdkappid: 1400000000 + Math.floor(random() * 100000000),
    key: pick(8 + Math.floor(random() * 56)),
    userid: pick(1 + Math.floor(random() * 32)),
    expire: 1 + Math.floor(random() * 31536000),
    now: 1600000000 + Math.floor(random() * 200000000),
  };
}

test('debug wasm UserSigs carry the fields and TLS.sig tls-sig-api-v2 produces', async () => {
  const { api } = await loadInSandbox('debug');
  const random = mulberry32(20261127);
  for (let i = 0; i < 200; i++) {
    const c = randomCase(random);
    const theirs = tencentAt(c.now, () => new TLSSigAPIv2.Api(c.sdkappid, c.key).genUserSig(c.userid, c.expire));
    const ours = api.genUserSig(c.sdkappid, c.key, c.userid, c.expire, c.now);
    assert.deepEqual(tencentDecode(ours), tencentDecode(theirs), JSON.stringify(c));
    // Key order too: the same JSON text as Tencent's Node library.
    assert.equal(JSON.stringify(tencentDecode(ours)), JSON.stringify(tencentDecode(theirs)));
    assert.equal(api.verifyUserSig(c.sdkappid, c.key, c.userid, theirs, c.now).identifier, c.userid);
  }
});

test('PrivateMapKeys match tls-sig-api-v2 for numeric and string rooms', async () => {
  const { api } = await loadInSandbox('debug');
  const now = 1700000000;
  const tencent = new TLSSigAPIv2.Api(1400000000, KEY);
  const pairs = [
    [tencentAt(now, () => tencent.genPrivateMapKey('xiaojun', 15552000, 10000, 255)),
      api.genPrivateMapKey(1400000000, KEY, 'xiaojun', 15552000, now, 10000, 255)],
    [tencentAt(now, () => tencent.genPrivateMapKeyWithStringRoomID('xiaojun', 300, 'room1', 42)),
      api.genPrivateMapKey(1400000000, KEY, 'xiaojun', 300, now, 'room1', 42)],
    [tencentAt(now, () => tencent.genPrivateMapKey('u_9', 86400, 4294967295, 42)),
      api.genPrivateMapKey(1400000000, KEY, 'u_9', 86400, now, 4294967295, 42)],
  ];
  for (const [theirs, ours] of pairs) assert.deepEqual(tencentDecode(ours), tencentDecode(theirs));
  const grant = api.inspectUserSig(pairs[1][0], now).privateMapKey;
  assert.deepEqual(JSON.parse(JSON.stringify(grant)), { account: 'xiaojun', sdkAppID: 1400000000, strRoomID: 'room1', expiresAt: now + 300, privileges: 42 });
});

test("tls-sig-api-v2's own HMAC accepts the signature of our UserSigs", async () => {
  const { api } = await loadInSandbox('debug');
  const random = mulberry32(7);
  for (let i = 0; i < 50; i++) {
    const c = randomCase(random);
    const doc = tencentDecode(api.genUserSig(c.sdkappid, c.key, c.userid, c.expire, c.now));
    const tencent = new TLSSigAPIv2.Api(c.sdkappid, c.key);
    const expected = tencent._hmacsha256(doc['TLS.identifier'], doc['TLS.time'], doc['TLS.expire'], null);
    assert.equal(doc['TLS.sig'], expected);
  }
});

test('the native CLI verifies fresh tls-sig-api-v2 UserSigs and names what is wrong', () => {
  execFileSync('cargo', ['build', '-q', '-p', 'tuicalling-cli'], { cwd: REPO, stdio: 'inherit' });
  const cli = path.join(REPO, 'target', 'debug', 'tuicalling-cli');
  const now = Math.floor(Date.now() / 1000);
  const sig = new TLSSigAPIv2.Api(1400000001, KEY).genUserSig('alice', 86400);
  const run = (...args) => spawnSync(cli, ['usersig', 'verify', '--sdkappid', '1400000001', '--user-id', 'alice',
    '--usersig', sig, ...args], { encoding: 'utf8', env: Object.assign({}, process.env, { TUICALLING_SECRET_KEY: KEY }) });
  const ok = run('--now', String(now));
  assert.equal(ok.status, 0, ok.stderr);
  const expired = run('--now', String(now + 86400 + 5));
  assert.equal(expired.status, 1);
  assert.match(expired.stderr, /^error: EXPIRED: /m);
  const wrongKey = run('--now', String(now), '--secret-key', 'not-the-key');
  assert.equal(wrongKey.status, 1);
  assert.match(wrongKey.stderr, /^error: SIGNATURE_MISMATCH: /m);
});
