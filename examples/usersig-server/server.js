// A minimal UserSig endpoint: POST /usersig signs a UserSig for the AUTHENTICATED user with
// Tencent's own server library (tls-sig-api-v2), so that the SecretKey never leaves the server.
//
//   TUICALLING_SDKAPPID=1400000000 TUICALLING_SECRET_KEY=... \
//   USERSIG_DEMO_TOKENS="token-of-alice:alice" node server.js
//
// Response: {"sdkAppID":1400000000,"userID":"alice","userSig":"eJy...","expireAt":1750086400}
// (expireAt in unix seconds: renew before it; docs/usersig.md has the app-side flow).
// Plain node (http); only dependency: tls-sig-api-v2. Listens on 127.0.0.1 unless HOST is set.
'use strict';

const http = require('http');
const TLSSigAPIv2 = require('tls-sig-api-v2');

/** One day. Shorter lifetimes limit a leaked UserSig; the app renews before expiry. */
const DEFAULT_EXPIRE_SECONDS = 24 * 60 * 60;

/**
 * Demo authentication ONLY: `Authorization: Bearer <token>` looked up in USERSIG_DEMO_TOKENS
 * ("token:userID,token:userID"). Returns the userID, or null.
 *
 * >>> REPLACE THIS WITH YOUR APP'S OWN AUTH. <<< Check your session cookie or token, or the
 * user behind a wx.login code (code2Session on your server), and return YOUR user id for
 * them. Never sign for a userID the client merely names in the request: anyone could then get
 * a UserSig for anyone.
 */
function demoTokenAuthenticator(tokens) {
  const table = new Map(String(tokens || '').split(',').filter(Boolean).map((pair) => {
    const at = pair.indexOf(':');
    return [pair.slice(0, at), pair.slice(at + 1)];
  }));
  return (request) => {
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization || '');
    return (match && table.get(match[1])) || null;
  };
}

function send(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/**
 * The server. Options: sdkAppID, secretKey (from the environment, never from the repository),
 * authenticate(request) → userID | null | Promise of either, expireSeconds, now() (unix seconds,
 * for the response's expireAt; tls-sig-api-v2 itself reads the system clock).
 */
function createUserSigServer(options) {
  const sdkAppID = Number(options.sdkAppID);
  if (!Number.isInteger(sdkAppID) || sdkAppID <= 0) throw new Error('sdkAppID must be a positive integer');
  if (!options.secretKey) throw new Error('secretKey is required (set TUICALLING_SECRET_KEY)');
  if (typeof options.authenticate !== 'function') throw new Error('authenticate(request) is required');
  const api = new TLSSigAPIv2.Api(sdkAppID, options.secretKey);
  const expireSeconds = options.expireSeconds || DEFAULT_EXPIRE_SECONDS;
  const now = options.now || (() => Math.floor(Date.now() / 1000));

  return http.createServer((request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (url.pathname !== '/usersig') return send(response, 404, { error: 'not found' });
    if (request.method !== 'POST') return send(response, 405, { error: 'use POST' });
    Promise.resolve()
      .then(() => options.authenticate(request))
      .then((userID) => {
        if (!userID) return send(response, 401, { error: 'not signed in' });
        if (!/^[A-Za-z0-9_-]{1,32}$/.test(userID)) return send(response, 500, { error: 'bad user id from authenticate()' });
        const issuedAt = now();
        const userSig = api.genUserSig(userID, expireSeconds);
        return send(response, 200, { sdkAppID, userID, userSig, expireAt: issuedAt + expireSeconds });
      })
      .catch(() => send(response, 500, { error: 'authentication failed' }));
  });
}

if (require.main === module) {
  const server = createUserSigServer({
    sdkAppID: process.env.TUICALLING_SDKAPPID,
    secretKey: process.env.TUICALLING_SECRET_KEY,
    authenticate: demoTokenAuthenticator(process.env.USERSIG_DEMO_TOKENS),
    expireSeconds: Number(process.env.USERSIG_EXPIRE_SECONDS) || DEFAULT_EXPIRE_SECONDS,
  });
  const port = Number(process.env.PORT) || 8787;
  const host = process.env.HOST || '127.0.0.1';
  server.listen(port, host, () => console.log(`usersig server: http://${host}:${port}/usersig`));
}

module.exports = { createUserSigServer, demoTokenAuthenticator, DEFAULT_EXPIRE_SECONDS };
