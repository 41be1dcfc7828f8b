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
const { median, msSince, clocks } = require('./stats');

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

/** {cpu, wall}: operations per CPU second and per wall second, over at least `minMs` of wall time. */
function opsPerSecond(fn, minMs) {
  const { value: ops, wall, cpu } = clocks(() => {
    let done = 0;
    const start = process.hrtime.bigint();
    for (let batch = 16; msSince(start) < minMs; batch *= 2) {
      for (let i = 0; i < batch; i++) fn();
      done += batch;
    }
    return done;
  });
  return { cpu: ops / cpu, wall: ops / wall };
}

/**
 * {rounds, fields, ours, tencent, tls, ratio: {ours, tls}}: each generator's ops/s on both
 * clocks ({cpu, wall}, medians over `rounds` interleaved rounds) and the medians of the
 * per-round ratios against Tencent's (the three slices of a round run back to back, so a load
 * change on the shared machine hits them alike).
 */
async function measureUserSig({ rounds = 9, minMs = 400 } = {}) {
  const gens = await generators();
  const fields = await checkEqualWork(gens);
  const samples = { ours: [], tencent: [], tls: [] };
  quietly(() => {
    for (const name of Object.keys(samples)) opsPerSecond(gens[name], 200); // warm-up
    for (let round = 0; round < rounds; round++) {
      for (const name of Object.keys(samples)) samples[name].push(opsPerSecond(gens[name], minMs));
    }
  });
  const medians = (list) => ({ cpu: median(list.map((s) => s.cpu)), wall: median(list.map((s) => s.wall)) });
  const pairedRatio = (name) => ({
    cpu: median(samples[name].map((s, i) => s.cpu / samples.tencent[i].cpu)),
    wall: median(samples[name].map((s, i) => s.wall / samples.tencent[i].wall)),
  });
  return {
    rounds,
    fields: Object.keys(fields),
    ours: medians(samples.ours),
    tencent: medians(samples.tencent),
    tls: medians(samples.tls),
    ratio: { ours: pairedRatio('ours'), tls: pairedRatio('tls') },
  };
}

module.exports = { measureUserSig };
