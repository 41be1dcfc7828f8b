#!/usr/bin/env node
// Engine throughput in wasm on node (the production bundle, through the JS binding):
//   1. received signals handled per second (invite → ring, cancel → end; outputs drained);
//   2. one TRTC room event (1033) in a connected call with 300 remote users, in µs.
// Target (issue 4): < 50 µs for the room event. The throughput is information only (issue 13
// replaced its absolute ≥ 100,000 signals/s target, which flipped with the machine's load, by
// the invite → ringing ratio against Tencent's engine, bench/ringing.js). A benchmark script,
// not a test: it prints the figures and whether the target is met. Each figure is taken on two clocks:
// wall time and this process's CPU time; the targets are judged on CPU time, which leaves out
// the time spent waiting for a core on a shared machine. Usage: node bench/engine.js
// (`make bench` runs it as part of bench/index.js through measureEngine()).
'use strict';

const { loadBundle, PRODUCTION_BUNDLE } = require('../js-glue/node');
const { median, clocks } = require('./stats');

/** The former throughput target (signals/s), shown for reference only. */
const SIGNAL_REFERENCE = 100000;
const ROOM_EVENT_TARGET_US = 50;

function envelope(action, inviteID, data) {
  return JSON.stringify({
    businessID: 1, inviteID, inviter: 'alice', actionType: action, inviteeList: ['bob'],
    data: JSON.stringify(data), timeout: action === 1 ? 30 : 0, groupID: '',
  });
}

const INVITE_DATA = {
  extraInfo: '', version: 4, call_type: 2, room_id: 271828182, businessID: 'av_call', platform: 'MiniApp',
  data: { cmd: 'videoCall', room_id: 271828182, message: '' },
};
const CANCEL_DATA = {
  extraInfo: '', version: 4, call_type: 2, businessID: 'av_call', platform: 'MiniApp',
  data: { cmd: 'videoCall', message: '' },
};

function signalsPerSecond(api, rounds) {
  const engine = new api.Engine({ sdkAppID: 1400000000, userID: 'bob', userSig: 'sig' }, 0, 1);
  const messages = [];
  for (let i = 0; i < rounds; i++) {
    messages.push(envelope(1, `invite-${i}`, INVITE_DATA), envelope(2, `invite-${i}`, CANCEL_DATA));
  }
  let now = 1000;
  let ended = 0;
  const { wall, cpu } = clocks(() => {
    for (const data of messages) {
      now += 1;
      engine.receive('alice', 'C2C', '', 'TIMCustomElem', data, now, now, now);
      for (const output of engine.drain()) if (output.name === 'callEnded') ended += 1;
    }
  });
  engine.free();
  if (ended !== rounds) throw new Error(`expected ${rounds} calls to ring and end, saw ${ended}`);
  return { wall: messages.length / wall, cpu: messages.length / cpu };
}

function userList(users, withStreams) {
  return JSON.stringify({
    userlist: users.map((userid) => (withStreams
      ? { userid, playurl: `room://cloud.tencent.com/rtc?userid=${userid}&streamtype=main`, streamtype: 'main', hasvideo: true, hasaudio: true }
      : { userid })),
  });
}

function roomEventMicros(api, users, iterations) {
  const engine = new api.Engine({ sdkAppID: 1400000000, userID: 'me', userSig: 'sig' }, 0, 2);
  engine.join({ roomID: 12345, type: 2 }, 1);
  const everyone = Array.from({ length: users }, (_, i) => `user${i}`);
  engine.pusherState(1018, '', 2);
  engine.pusherState(1031, userList(everyone, false), 3);
  engine.pusherState(1033, userList(everyone, true), 4);
  engine.drain();
  const toggles = [userList(['user150'], true), JSON.stringify({ userlist: [{ userid: 'user150', streamtype: 'main', hasvideo: false }] })];
  const { wall, cpu } = clocks(() => {
    for (let i = 0; i < iterations; i++) {
      engine.pusherState(1033, toggles[i % 2], 10 + i);
      engine.drain();
    }
  });
  const view = engine.view();
  engine.free();
  if (view.remoteUsers.length !== users) throw new Error(`room lost users: ${view.remoteUsers.length}`);
  return { wall: (wall * 1e6) / iterations, cpu: (cpu * 1e6) / iterations };
}

/**
 * {signalsPerSecond, roomEventMicros}, each {cpu, wall}: medians of `runs` runs on the
 * production bundle.
 */
async function measureEngine(runs = 5) {
  const api = await loadBundle(PRODUCTION_BUNDLE);
  signalsPerSecond(api, 2000); // warm-up
  roomEventMicros(api, 300, 200);
  const rates = Array.from({ length: runs }, () => signalsPerSecond(api, 20000));
  const micros = Array.from({ length: runs }, () => roomEventMicros(api, 300, 20000));
  const medians = (samples) => ({ cpu: median(samples.map((s) => s.cpu)), wall: median(samples.map((s) => s.wall)) });
  return { signalsPerSecond: medians(rates), roomEventMicros: medians(micros) };
}

async function main() {
  const { signalsPerSecond: rates, roomEventMicros: micros } = await measureEngine(5);
  const rate = rates.cpu;
  const us = micros.cpu;
  console.log(`engine (wasm, node ${process.version}), median of 5 runs, per CPU second ` +
    `(wall clock: ${Math.round(rates.wall).toLocaleString('en-US')} signals/s, ${micros.wall.toFixed(2)} µs):`);
  console.log(`  received signals handled: ${Math.round(rate).toLocaleString('en-US')} signals/s ` +
    `(information; the former target was >= ${SIGNAL_REFERENCE.toLocaleString('en-US')})`);
  console.log(`  room event (1033) with 300 remote users: ${us.toFixed(2)} µs ` +
    `(target < ${ROOM_EVENT_TARGET_US} µs: ${us < ROOM_EVENT_TARGET_US ? 'met' : 'NOT MET'})`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

module.exports = { measureEngine, signalsPerSecond, roomEventMicros, SIGNAL_REFERENCE, ROOM_EVENT_TARGET_US };
