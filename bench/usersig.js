// UserSig generation, operations per second, through each generator's debug entry point:
//   ours:    examples/debug/GenerateTestUserSig.js genTestUserSig() on the debug wasm build;
//   Tencent: new LibGenerateTestUserSig(...).genTestUserSig() from @trtc/calls-uikit-wx@5.0.0
//            (pure JS, what their mini-program demo ships) — the anchor;
//   tls-sig-api-v2: Tencent's node library on node's native crypto and zlib (information).
// First every generator signs the same user at the same pinned second, and the three
// UserSigs must decode to the same JSON (same TLS.sig) and verify with our verifier, so the
// timed work is equal. Their library console.logs on every call; the console is silenced
// while timing (for all three), which only helps it.
'use strict';

const TLSSigAPIv2 = require('tls-sig-api-v2');
const { loadBundle, nodeInstantiate, DEBUG_BUNDLE } = require('../js-glue/node');
const GenerateTestUserSig = require('../examples/debug/GenerateTestUserSig');
const { tencentAt, tencentDecode } = require('../tests/helpers/tencent');
const { loadTencentUserSigLib } = require('./tencent-usersig');
const { median, msSince } = require('./stats');

const SDKAPPID = 1400000000;
const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
const EXPIRE = 604800;
const USER = 'bench_user_01';

function quietly(fn) {
  const saved = { log: console.log, warn: console.warn };
  console.log = () => {};
  console.warn = () => {};
  try {
    return fn();
  } finally {
    Object.assign(console, saved);
  }
}

async function generators() {
  const Lib = await loadTencentUserSigLib();
  await GenerateTestUserSig.ready({ instantiate: nodeInstantiate(DEBUG_BUNDLE) });
  GenerateTestUserSig.configure({ sdkAppID: SDKAPPID, secretKey: KEY, expireTime: EXPIRE });
  const tencent = new Lib(SDKAPPID, KEY, EXPIRE);
  const tls = new TLSSigAPIv2.Api(SDKAPPID, KEY);
  return {
    ours: () => GenerateTestUserSig.genTestUserSig(USER).userSig,
    tencent: () => tencent.genTestUserSig(USER),
    tls: () => tls.genUserSig(USER, EXPIRE),
  };
}

/** Signs at one pinned second with each generator; throws unless all agree and verify. */
async function checkEqualWork(gens) {
  const api = await loadBundle(DEBUG_BUNDLE);
  const now = 1795000000;
  const sigs = quietly(() => Object.fromEntries(Object.entries(gens).map(([name, gen]) => [name, tencentAt(now, gen)])));
  const decoded = Object.fromEntries(Object.entries(sigs).map(([name, sig]) => [name, tencentDecode(sig)]));
  const reference = JSON.stringify(decoded.tls);
  for (const [name, fields] of Object.entries(decoded)) {
    if (JSON.stringify(fields) !== reference) throw new Error(`${name} UserSig fields differ: ${JSON.stringify(fields)} vs ${reference}`);
    const info = api.verifyUserSig(SDKAPPID, KEY, USER, sigs[name], now);
    if (info.identifier !== USER) throw new Error(`${name} UserSig does not verify`);
  }
  return decoded.tls;
}

function opsPerSecond(fn, minMs) {
  let ops = 0;
  let batch = 16;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < batch; i++) fn();
    ops += batch;
    batch *= 2;
    elapsed = msSince(start);
  }
  return (ops * 1000) / elapsed;
}

/** {rounds, fields, ours, tencent, tls}: ops/s medians over `rounds` interleaved rounds. */
async function measureUserSig({ rounds = 7, minMs = 300 } = {}) {
  const gens = await generators();
  const fields = await checkEqualWork(gens);
  const samples = { ours: [], tencent: [], tls: [] };
  quietly(() => {
    for (const name of Object.keys(samples)) opsPerSecond(gens[name], minMs / 3); // warm-up
    for (let round = 0; round < rounds; round++) {
      for (const name of Object.keys(samples)) samples[name].push(opsPerSecond(gens[name], minMs));
    }
  });
  return {
    rounds,
    fields: Object.keys(fields),
    ours: median(samples.ours),
    tencent: median(samples.tencent),
    tls: median(samples.tls),
  };
}

module.exports = { measureUserSig };
