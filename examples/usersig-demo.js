#!/usr/bin/env node
// The UserSig demo (`make demo ARGS=--usersig`): make a debug UserSig with the built wasm,
// exactly as a mini-program would with examples/debug/GenerateTestUserSig.js, then check it
// three ways: the debug bundle's inspectUserSig decodes it without a key, the debug bundle
// verifies it, and the native CLI verifies it. A tampered copy must fail. Exits non-zero if anything is off.
// No Tencent account needed: the SDKAppID and SecretKey below are made up.
'use strict';

const path = require('path');
const { spawnSync } = require('child_process');
const { nodeInstantiate, loadBundle, PRODUCTION_BUNDLE, DEBUG_BUNDLE } = require('../js-glue/node');
const GenerateTestUserSig = require('./debug/GenerateTestUserSig');

const SDKAPPID = 1400000000;
const SECRETKEY = 'demo-secret-key-never-use-a-real-one-here';
const USER = process.argv[2] || 'alice';
const REPO = path.join(__dirname, '..');

let failures = 0;
function step(label, ok, detail) {
  if (!ok) failures += 1;
  console.log(`${ok ? '  ok ' : 'FAIL '} ${label}${detail ? `\n       ${detail}` : ''}`);
}

function cli(args) {
  return spawnSync('cargo', ['run', '-q', '-p', 'tuicalling-cli', '--', ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: Object.assign({}, process.env, { TUICALLING_SECRET_KEY: SECRETKEY }),
  });
}

async function main() {
  console.log(`tuicalling-rs UserSig demo: user "${USER}", SDKAppID ${SDKAPPID} (made-up credentials)\n`);
  const production = await loadBundle(PRODUCTION_BUNDLE);
  const debug = await GenerateTestUserSig.ready({ instantiate: nodeInstantiate(DEBUG_BUNDLE) });
  GenerateTestUserSig.configure({ sdkAppID: SDKAPPID, secretKey: SECRETKEY });
  console.log(`loaded wasm bundles (version ${production.version()}): production exports [${Object.keys(production)}],`);
  console.log(`  debug exports [${Object.keys(debug)}]\n`);

  const { sdkAppID, userSig } = GenerateTestUserSig.genTestUserSig(USER);
  console.log(`genTestUserSig("${USER}") -> sdkAppID ${sdkAppID}, userSig (${userSig.length} chars):\n  ${userSig}\n`);

  const now = Math.floor(Date.now() / 1000);
  const info = debug.inspectUserSig(userSig, now);
  step('inspectUserSig decodes it (no key needed)', info.identifier === USER && !info.expired,
    `identifier=${info.identifier} sdkAppID=${info.sdkAppID} issuedAt=${info.issuedAt} ` +
    `expiresAt=${info.expiresAt} (${new Date(info.expiresAt * 1000).toISOString()}) expired=${info.expired}`);

  const verified = debug.verifyUserSig(SDKAPPID, SECRETKEY, USER, userSig, now);
  step('debug bundle verifies the HMAC with the SecretKey', verified.identifier === USER);

  const native = cli(['usersig', 'verify', '--sdkappid', String(SDKAPPID), '--user-id', USER, '--usersig', userSig]);
  step('native CLI verifies it: tuicalling-cli usersig verify', native.status === 0, (native.stdout + native.stderr).trim());

  const tampered = debug.genUserSig(SDKAPPID, 'wrong-key', USER, 604800, info.issuedAt);
  const rejected = cli(['usersig', 'verify', '--sdkappid', String(SDKAPPID), '--user-id', USER, '--usersig', tampered]);
  step('a UserSig signed with another key is rejected', rejected.status === 1 && /SIGNATURE_MISMATCH/.test(rejected.stderr),
    rejected.stderr.trim());

  let expiredCode = null;
  try {
    debug.verifyUserSig(SDKAPPID, SECRETKEY, USER, userSig, info.expiresAt + 1);
  } catch (error) {
    expiredCode = error.code;
  }
  step('one second after expiry it is rejected as EXPIRED', expiredCode === 'EXPIRED', `code=${expiredCode}`);

  console.log(failures ? `\n${failures} check(s) failed` : '\nall checks passed');
  process.exit(failures ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
