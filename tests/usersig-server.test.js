// examples/usersig-server: the production UserSig route. The server (Tencent's tls-sig-api-v2,
// the SecretKey from its options, never the client) signs only for the authenticated user; its
// UserSig verifies with our verifier (the debug wasm's verifyUserSig, TLSSigAPIv2 rules) and
// logs into the local IM hub, whose login checks UserSigs with that verifier. Nothing leaves
// 127.0.0.1.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('path');
const { createUserSigServer, demoTokenAuthenticator } = require('../examples/usersig-server/server');
const { loadInSandbox } = require('./helpers/bundles');
const { createImHub } = require('../test-support/im-hub');

const SDK_APP_ID = 1400000000;
const SECRET_KEY = 'test-only-secret-5bd2850fff3ecb11d7c805251c51ee46';

/** Starts the server on a free loopback port; resolves to {url, close}. */
function start(options) {
  const server = createUserSigServer(Object.assign({ sdkAppID: SDK_APP_ID, secretKey: SECRET_KEY }, options));
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}/usersig`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

async function post(url, token, method = 'POST') {
  const response = await fetch(url, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, cache: response.headers.get('cache-control'), body: await response.json() };
}

test('the server signs for the authenticated user only; the UserSig verifies and logs into the IM hub', async (t) => {
  const server = await start({ authenticate: demoTokenAuthenticator('t-alice:alice,t-bob:bob'), expireSeconds: 3600 });
  t.after(server.close);
  const { api } = await loadInSandbox('debug');
  const now = () => Math.floor(Date.now() / 1000);

  // The app's auth decides who gets a UserSig.
  assert.deepEqual(await post(server.url, null), { status: 401, cache: 'no-store', body: { error: 'not signed in' } });
  assert.equal((await post(server.url, 'wrong')).status, 401);
  assert.equal((await post(server.url, 't-alice', 'GET')).status, 405);
  assert.equal((await post(server.url.replace('/usersig', '/other'), 't-alice')).status, 404);

  const before = now();
  const alice = await post(server.url, 't-alice');
  assert.equal(alice.status, 200);
  assert.equal(alice.cache, 'no-store', 'a UserSig is never cached');
  assert.equal(alice.body.sdkAppID, SDK_APP_ID);
  assert.equal(alice.body.userID, 'alice');
  assert.ok(alice.body.expireAt >= before + 3600 && alice.body.expireAt <= now() + 3600, 'expireAt tells the app when to renew');

  // Our verifier (TLSSigAPIv2 rules: HMAC-SHA256 with the SecretKey, identifier, appid, expiry).
  const info = api.verifyUserSig(SDK_APP_ID, SECRET_KEY, 'alice', alice.body.userSig, now());
  assert.equal(info.identifier, 'alice');
  assert.equal(info.sdkAppID, SDK_APP_ID);
  assert.equal(info.expire, 3600);
  assert.ok(Math.abs(info.expiresAt - alice.body.expireAt) <= 1, 'the response\'s expireAt is the UserSig\'s');
  assert.throws(() => api.verifyUserSig(SDK_APP_ID, SECRET_KEY, 'bob', alice.body.userSig, now()), (e) => e.code === 'IDENTIFIER_MISMATCH');
  assert.throws(() => api.verifyUserSig(SDK_APP_ID, 'another-key', 'alice', alice.body.userSig, now()), (e) => e.code === 'SIGNATURE_MISMATCH');
  assert.throws(() => api.verifyUserSig(SDK_APP_ID, SECRET_KEY, 'alice', alice.body.userSig, now() + 3601), (e) => e.code === 'EXPIRED');

  // The IM hub's login checks UserSigs with that verifier, as Tencent's IM backend does.
  const hub = createImHub({ latencyMs: 1 });
  hub.validateUserSig = (userID, userSig) => {
    try {
      api.verifyUserSig(SDK_APP_ID, SECRET_KEY, userID, userSig, now());
      return true;
    } catch (error) {
      return false;
    }
  };
  const tim = hub.createInstance({ SDKAppID: SDK_APP_ID, flavour: '3.x' });
  const login = await tim.login({ userID: 'alice', userSig: alice.body.userSig });
  assert.equal(login.code, 0);
  const impostor = hub.createInstance({ SDKAppID: SDK_APP_ID, flavour: '3.x' });
  await assert.rejects(impostor.login({ userID: 'bob', userSig: alice.body.userSig }), (e) => e.code === 70003);
  const bob = await post(server.url, 't-bob');
  assert.equal((await impostor.login({ userID: 'bob', userSig: bob.body.userSig })).code, 0);
});

test('the server refuses to start without its secrets, and never signs a bad user id', async (t) => {
  assert.throws(() => createUserSigServer({ sdkAppID: SDK_APP_ID, authenticate: () => 'a' }), /secretKey is required/);
  assert.throws(() => createUserSigServer({ sdkAppID: 'x', secretKey: 'k', authenticate: () => 'a' }), /sdkAppID/);
  assert.throws(() => createUserSigServer({ sdkAppID: SDK_APP_ID, secretKey: 'k' }), /authenticate/);
  const server = await start({ authenticate: async () => 'not a user id!' });
  t.after(server.close);
  assert.deepEqual((await post(server.url, 'x')).body, { error: 'bad user id from authenticate()' });
  const failing = await start({ authenticate: () => { throw new Error('session store down'); } });
  t.after(failing.close);
  assert.deepEqual(await post(failing.url, 'x'), { status: 500, cache: 'no-store', body: { error: 'authentication failed' } });
  // The example's own files hold no key.
  const source = require('fs').readFileSync(path.join(__dirname, '..', 'examples', 'usersig-server', 'server.js'), 'utf8');
  assert.doesNotMatch(source, /[0-9a-f]{32,}/, 'no SecretKey in the example');
});
