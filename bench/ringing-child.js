// Invite → ringing, ours against Tencent's engine, through the same chat SDK in one process
// (run by bench/ringing.js; prints one JSON line). Both callees are logged in to the REAL
// @tencentcloud/chat 3.6.6 over the fake IM backend (tests/helpers/fake-tim-backend.js):
//   ours:   our CallDriver (the component's driver, the production wasm; setData is a no-op,
//           so no simulator rendering is timed), "ringing" = its INVITED event;
//   theirs: @tencentcloud/call-engine-wx 3.3.2, unmodified (test-support/tencent-engine.js),
//           "ringing" = its onCallReceived event.
// Each round pushes the same invite (a current Tencent caller's bytes, fresh inviteID) to one
// callee's socket, as the server does, and times from handing the frame to the chat SDK's
// socket handler to the ringing event; then the callee rejects and the next round starts.
// The two callees alternate, so background load hits both alike.
// Usage: node bench/ringing-child.js [rounds]
'use strict';

const H = require('../tests/helpers/fake-tim-backend');

H.unrefIntervals();

const Chat = require('@tencentcloud/chat');
const te = require('../test-support/tencent-engine');
const { createTrtcRooms } = require('../test-support/trtc-room');
const { loadBundle, PRODUCTION_BUNDLE } = require('../js-glue/node');
const { CallDriver, EVENT } = require('../js-glue/driver/call-driver');

const WARMUP = 20;
const STEP_MS = 10000;
/** A pause between rounds, so the previous round's replies and timers are done (not timed). */
const SETTLE_MS = 30;

/** An invite as Tencent's current engine sends it (v2 path), addressed to `callee`. */
function inviteFrom(caller, callee, inviteID, roomID) {
  const data = {
    businessID: 'av_call', call_end: 0, call_type: 2, platform: 'Linux', room_id: roomID, userData: '', version: 4,
    data: { cmd: 'videoCall', excludeFromHistoryMessage: true, inviter: caller, message: '', room_id: roomID, str_room_id: '', userIDs: [callee] },
  };
  return JSON.stringify({ businessID: 1, inviteID, inviter: caller, actionType: 1, inviteeList: [callee], data: JSON.stringify(data), timeout: 30, groupID: '' });
}

/** The server's push of one C2C message, handed synchronously to `userID`'s socket handlers. */
function pushNow(userID, message) {
  const socket = H.socketOf(userID);
  if (!socket) throw new Error(`${userID} has no socket`);
  const frame = JSON.stringify({ head: { servcmd: 'im_open_push.msg_push', seq: 0 }, body: { eventArray: [{ event: 1, C2cMsgArray: [message] }] } });
  const bytes = Buffer.from(frame);
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
  const start = process.hrtime.bigint();
  socket.h.message.forEach((cb) => cb({ data }));
  return start;
}

function waitFor(check, what) {
  return te.waitFor(check, what, STEP_MS);
}

async function ourCallee(api) {
  const tim = Chat.create({ SDKAppID: 1400000901 });
  tim.setLogLevel(4);
  const noop = () => {};
  const wx = {
    createLivePusherContext: () => ({ start: noop, stop: (o) => o && o.complete && o.complete(), setMICVolume: noop, switchCamera: noop }),
    createLivePlayerContext: () => ({ play: noop, stop: noop }),
  };
  const driver = new CallDriver({
    api, tim, TIM: Chat, wx, setData: (patch, callback) => callback && callback(),
    config: { sdkAppID: 1400000901, userID: 'bob', userSig: 'sig-bob', type: 2 },
  });
  const rung = [];
  driver.on(EVENT.INVITED, () => rung.push(process.hrtime.bigint()));
  let ready = false;
  driver.on(EVENT.SDK_READY, () => { ready = true; });
  driver.noteLogin(await driver.login());
  await waitFor(() => ready, 'bob ready');
  return {
    name: 'ours',
    userID: 'bob',
    rung,
    reject: async () => {
      driver.reject();
      await waitFor(() => driver.view().status === 'idle', 'bob idle');
    },
  };
}

async function theirCallee() {
  const rooms = createTrtcRooms();
  const tom = await te.createTencentPhone({ userID: 'tom', sdkAppID: 1400000902, rooms, Chat, backend: H });
  const rung = [];
  tom.engine.on('onCallReceived', () => rung.push(process.hrtime.bigint()));
  return {
    name: 'theirs',
    userID: 'tom',
    rung,
    reject: async () => {
      const ends = tom.on('onCallNotConnected').length;
      await tom.engine.reject();
      await waitFor(() => tom.on('onCallNotConnected').length > ends, 'tom idle');
    },
  };
}

/** One round for `callee`: ms from the frame to the ringing event. */
async function round(callee, n) {
  const before = callee.rung.length;
  const inviteID = `bench-${callee.name}-${n}-${Math.random().toString(36).slice(2)}`;
  const message = H.wireC2C({ from: 'alice', to: callee.userID, data: inviteFrom('alice', callee.userID, inviteID, 100000 + n) });
  const start = pushNow(callee.userID, message);
  await waitFor(() => callee.rung.length > before, `${callee.name} rings`);
  const ms = Number(callee.rung[before] - start) / 1e6;
  await callee.reject();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return ms;
}

async function main() {
  const rounds = Number(process.argv[2] || 200);
  const api = await loadBundle(PRODUCTION_BUNDLE);
  const ours = await ourCallee(api);
  const theirs = await theirCallee();
  const samples = { ours: [], theirs: [] };
  for (let n = 0; n < WARMUP + rounds; n++) {
    for (const callee of n % 2 ? [theirs, ours] : [ours, theirs]) {
      const ms = await round(callee, n);
      if (n >= WARMUP) samples[callee.name].push(ms);
    }
  }
  process.stdout.write(`${JSON.stringify(samples)}\n`);
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack}\n`);
  process.exit(1);
});
