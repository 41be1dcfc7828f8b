// The js-glue driver (js-glue/driver): CallDrivers loaded in the WeChat-like sandbox, with the
// production wasm engine, talking through the local IM hub and the simulated TRTC room on
// virtual time. Covers a 1v1 video call (3.x and 2.x SDK instances), a 3-person IM-group call,
// send failures, invitations queued while logged out, suspend/resume, the binder's pusher
// event sequences, and the adapter's SDK failure modes.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');

const { loadInSandbox, REPO } = require('./helpers/bundles');
const { checkShippedScript } = require('../js-glue/build/es2016');
const { createImHub, ERROR_CODES } = require('../test-support/im-hub');
const { createTrtcRooms } = require('../test-support/trtc-room');
const { createVirtualClock } = require('../test-support/virtual-clock');

const SDK_APP_ID = 1400000000;
const DRIVER_DIR = path.join(REPO, 'js-glue', 'driver');
const DRIVER_FILES = fs.readdirSync(DRIVER_DIR).filter((f) => f.endsWith('.js'));

/** Objects from the sandbox realm, compared as plain JSON. */
const plain = (value) => JSON.parse(JSON.stringify(value));
/** The hang-up notices that crossed the hub (`cmd: "hangup"` in the call data), as `from>to`. */
const hangupNotices = (hub) => hub.sent.filter((m) => m.payload.data.includes('\\"cmd\\":\\"hangup\\"'))
  .map((m) => `${m.from}>${m.to}`);

let api;
let sandbox;
let driverModule;
let binderModule;
let timerModule;
let adapterModule;

test.before(async () => {
  ({ api, sandbox } = await loadInSandbox('production'));
  driverModule = sandbox.require('js-glue/driver/call-driver.js');
  binderModule = sandbox.require('js-glue/driver/binder.js');
  timerModule = sandbox.require('js-glue/driver/timer.js');
  adapterModule = sandbox.require('js-glue/driver/im-adapter.js');
});

// ---- the world: a clock, the IM hub, the TRTC rooms, and phones ---------------------------

/** A scheduler on the virtual clock that a phone can suspend: timers due meanwhile wait. */
function suspendableScheduler(clock) {
  const held = [];
  const scheduler = {
    suspended: false,
    setTimeout(fn, ms) {
      return clock.setTimeout(() => {
        if (scheduler.suspended) held.push(fn);
        else fn();
      }, ms);
    },
    clearTimeout(id) { clock.clearTimeout(id); },
    resume() {
      scheduler.suspended = false;
      held.splice(0).forEach((fn) => fn());
    },
  };
  return scheduler;
}

function createWorld(options) {
  const clock = createVirtualClock({ start: 1700000000000 });
  const hub = createImHub(Object.assign({ now: clock.now, schedule: clock.schedule, latencyMs: 20 }, options && options.hub));
  const rooms = createTrtcRooms({ now: clock.now, schedule: clock.schedule });
  // Room events take a while (entering a TRTC room is slower than an IM round trip).
  rooms.faults.delayMs = () => 300;
  return { clock, hub, rooms, phones: {} };
}

/**
 * A phone: an IM instance on the hub, a fake component (setData) and wx (live-pusher/player
 * contexts wired to the TRTC room), and a CallDriver from the sandbox. Players report
 * netstatus every 2 s while they play, like <live-player> does.
 */
function createPhone(world, userID, options) {
  const opts = Object.assign({ flavour: '3.x', seed: userID.charCodeAt(0) }, options);
  const { clock, hub, rooms } = world;
  const tim = opts.tim || hub.createInstance({ SDKAppID: SDK_APP_ID, flavour: opts.flavour });
  const contextCalls = [];
  const component = {
    data: {},
    patches: [],
    setData(patch, callback) {
      this.patches.push(plain(patch));
      Object.assign(this.data, plain(patch));
      // <live-pusher enable-camera> toggled while pushing: TRTC tells the others (1033).
      if (patch.pusher && patch.pusher.url && rooms.roomOf(userID) !== null) {
        rooms.setMedia(userID, { video: Boolean(patch.pusher.enableCamera) });
      }
      if (callback) callback();
    },
  };
  const scheduler = suspendableScheduler(clock);
  let driver = null;
  const players = {};
  const diagnostics = [];
  const pusherContext = {
    start(o) {
      const pusher = component.data.pusher;
      contextCalls.push(['start', pusher.url]);
      rooms.enter(userID, pusher.url, { video: pusher.enableCamera, audio: pusher.enableMic });
      if (o && o.complete) o.complete();
    },
    stop(o) {
      contextCalls.push(['stop', component.data.pusher && component.data.pusher.url]);
      rooms.leave(userID);
      if (o && o.complete) clock.setTimeout(o.complete, 5);
    },
    switchCamera() { contextCalls.push(['switchCamera']); },
    setMICVolume(o) {
      contextCalls.push(['setMICVolume', o.volume]);
      rooms.setMedia(userID, { audio: o.volume > 0 });
    },
  };
  function playerContext(id) {
    const player = { id, stopped: false };
    const tick = () => {
      if (player.stopped || !driver || players[id] !== player) return;
      const target = { id, dataset: { streamid: id, userid: id.slice(0, id.lastIndexOf('_')) } };
      driver.handlers.playerNetStatus({ currentTarget: target, target, detail: { info: { netQualityLevel: 1, videoBitrate: 500 } } });
      clock.setTimeout(tick, 2000);
    };
    players[id] = player;
    clock.setTimeout(tick, 2000);
    return {
      stop() { contextCalls.push(['player.stop', id]); player.stopped = true; delete players[id]; },
      play() {},
    };
  }
  const wx = {
    createLivePusherContext() { contextCalls.push(['createLivePusherContext']); return pusherContext; },
    createLivePlayerContext(id, componentThis) {
      contextCalls.push(['createLivePlayerContext', id, componentThis === component]);
      return playerContext(id);
    },
  };
  driver = new driverModule.CallDriver({
    api,
    config: Object.assign({ sdkAppID: SDK_APP_ID, userID, userSig: `sig-${userID}`, type: 2 }, opts.config),
    tim,
    TIM: hub.sdk(opts.flavour),
    wx,
    component,
    now: clock.now,
    schedule: scheduler,
    seed: opts.seed,
    onLog: (level, text) => {
      diagnostics.push(`${level} ${text}`);
      if (process.env.DRIVER_LOG) console.log(`[${userID} ${clock.now() % 1000000}] ${level} ${text}`);
    },
  });
  rooms.attach(userID, {
    pusherStateChange: (detail) => driver.handlers.pusherStateChange({ detail }),
    pusherError: (detail) => driver.handlers.pusherError({ detail }),
  });
  const log = [];
  Object.keys(driverModule.EVENT).forEach((name) => {
    driver.on(name, (event) => log.push({ name: event.eventCode, data: plain(event.data), at: clock.now() }));
  });
  const phone = {
    userID, tim, driver, component, contextCalls, log, scheduler, diagnostics,
    names: (filter) => log.map((e) => e.name).filter((n) => !filter || filter.includes(n)),
    events: (name) => log.filter((e) => e.name === name).map((e) => e.data),
    /** Logs the IM instance in (the clock runs meanwhile) and tells the driver. */
    async login() {
      const pending = tim.login({ userID, userSig: `sig-${userID}` });
      await clock.tick(100);
      const result = await pending;
      driver.noteLogin(result);
      return result;
    },
  };
  world.phones[userID] = phone;
  return phone;
}

/** Phones for these users, logged in and SDK_READY. */
async function phonesFor(world, specs) {
  const phones = specs.map(([userID, options]) => createPhone(world, userID, options));
  await Promise.all(phones.map((phone) => phone.login()));
  await world.clock.tick(100);
  for (const phone of phones) assert.deepEqual(phone.names(['SDK_READY']), ['SDK_READY'], `${phone.userID} ready`);
  return phones;
}

const CALL_FLOW = ['INVITED', 'ON_CALL_RECEIVED', 'USER_ACCEPT', 'ON_CALL_BEGIN', 'USER_ENTER', 'USER_LEAVE',
  'CALL_END', 'REJECT', 'NO_RESP', 'LINE_BUSY', 'CALLING_CANCEL', 'CALLING_TIMEOUT', 'ON_CALL_CANCELED',
  'ON_CALL_NOT_CONNECTED', 'CALL_MODE', 'ERROR', 'KICKED_OUT'];

function destroyAll(world) {
  return Promise.all(Object.values(world.phones).map((phone) => phone.driver.destroy()));
}

// ---- shipping rules ------------------------------------------------------------------------

test('every driver file is CommonJS that parses as ES2016 and writes no wx.$ globals', () => {
  assert.deepEqual(DRIVER_FILES.sort(), ['binder.js', 'call-driver.js', 'events.js', 'im-adapter.js', 'timer.js']);
  for (const file of DRIVER_FILES) {
    const source = fs.readFileSync(path.join(DRIVER_DIR, file), 'utf8');
    checkShippedScript(source, file);
    assert.match(source, /module\.exports = /, file);
    assert.doesNotMatch(source, /wx\.\$\w+\s*=[^=]/, `${file} assigns a wx.$ global`);
  }
});

// ---- calls end to end ----------------------------------------------------------------------

test('1v1 video call: alice (chat 3.x) calls bob (tim-wx-sdk 2.x), they talk, alice hangs up', async () => {
  const world = createWorld();
  const { clock, rooms } = world;
  const [alice, bob] = await phonesFor(world, [['alice', { flavour: '3.x' }], ['bob', { flavour: '2.x' }]]);

  alice.driver.call({ userID: 'bob', type: 2, offlinePushInfo: { title: 'alice', description: 'video call' } });
  assert.equal(alice.driver.view().status, 'calling');
  await clock.tick(100);
  const invite = world.hub.sent[0];
  assert.equal(invite.to, 'bob');
  assert.equal(invite.conversationType, 'C2C');
  assert.equal(invite.offlinePushInfo.title, 'alice');
  assert.match(invite.offlinePushInfo.extension, /call_type/);

  assert.deepEqual(bob.names(CALL_FLOW), ['INVITED', 'ON_CALL_RECEIVED']);
  const [invited] = bob.events('INVITED');
  assert.equal(invited.sponsor, 'alice');
  assert.deepEqual(invited.inviteeList, ['bob']);
  assert.equal(invited.isFromGroup, false);
  assert.equal(invited.inviteData.callType, 2);
  assert.equal(invited.inviteData.roomID, alice.driver.view().roomID);
  assert.match(invited.inviteID, /^[0-9a-f-]{36}$/);
  const [received] = bob.events('ON_CALL_RECEIVED');
  assert.equal(received.callId, invited.inviteID);
  assert.equal(received.callMediaType, 2);
  assert.equal(received.callRole, 2);
  assert.equal(bob.component.data.status, 'calling');
  assert.equal(bob.component.data.inviter, 'alice');

  await clock.tick(2000);
  bob.driver.accept();
  assert.equal(bob.driver.view().status, 'connected');
  // The pusher was rendered first, then started in the setData callback.
  const bobPush = bob.component.data.pusher;
  assert.match(bobPush.url, /^room:\/\/cloud\.tencent\.com\/rtc\?sdkappid=1400000000&roomid=\d+&userid=bob&usersig=sig-bob&/);
  assert.deepEqual(bob.contextCalls.slice(0, 2), [['createLivePusherContext'], ['start', bobPush.url]]);
  await clock.tick(1000);

  assert.deepEqual(alice.names(CALL_FLOW), ['USER_ACCEPT', 'ON_CALL_BEGIN', 'USER_ENTER']);
  assert.deepEqual(bob.names(CALL_FLOW), ['INVITED', 'ON_CALL_RECEIVED', 'ON_CALL_BEGIN', 'USER_ENTER']);
  assert.equal(rooms.roomOf('alice'), rooms.roomOf('bob'));
  for (const [me, peer] of [[alice, 'bob'], [bob, 'alice']]) {
    const [enter] = me.events('USER_ENTER');
    assert.equal(enter.userID, peer);
    assert.ok(Array.isArray(enter.playerList), 'USER_ENTER has the documented {userID, playerList}');
    const list = me.component.data.playerList;
    assert.deepEqual(list.map((p) => [p.id, p.userID, p.muteVideo, p.muteAudio, p.soundMode]), [[`${peer}_main`, peer, false, false, 'speaker']]);
    assert.match(list[0].src, new RegExp(`^room://rtc\\.tencent\\.com\\?userid=${peer}&streamtype=main`));
    assert.deepEqual(me.contextCalls.filter((c) => c[0] === 'createLivePlayerContext'), [['createLivePlayerContext', `${peer}_main`, true]]);
    assert.deepEqual(me.events('USER_VIDEO_AVAILABLE').map((e) => [e.userID, e.isVideoAvailable]), [[peer, true]]);
    assert.deepEqual(me.events('USER_AUDIO_AVAILABLE').map((e) => [e.userID, e.isAudioAvailable]), [[peer, true]]);
  }

  // Bob mutes: the pusher context gets setMICVolume 0, alice sees his audio go away.
  bob.driver.closeMicrophone();
  assert.equal(bob.component.data.pusher.muted, true);
  assert.deepEqual(bob.contextCalls.filter((c) => c[0] === 'setMICVolume'), [['setMICVolume', 0]]);
  await clock.tick(500);
  assert.deepEqual(alice.events('USER_AUDIO_AVAILABLE').map((e) => e.isAudioAvailable), [true, false]);
  assert.equal(alice.component.data.playerList[0].muteAudio, true);

  // Bob flips the camera: switchCamera() on the context; the rendered position stays.
  bob.driver.switchCamera();
  assert.equal(bob.driver.view().pusher.devicePosition, 'back');
  assert.equal(bob.component.data.pusher.devicePosition, 'front');
  assert.deepEqual(bob.contextCalls.filter((c) => c[0] === 'switchCamera'), [['switchCamera']]);

  // 40 s of talk: players keep reporting, so nobody is taken for gone.
  await clock.tick(40000);
  assert.equal(alice.driver.view().status, 'connected');
  assert.equal(bob.driver.view().status, 'connected');

  alice.driver.hangup();
  await clock.tick(1000);
  const [aliceEnd] = alice.events('CALL_END');
  assert.equal(aliceEnd.reason, 'hangup');
  assert.ok(aliceEnd.callEnd >= 40 && aliceEnd.callEnd <= 45, `duration ${aliceEnd.callEnd}`);
  assert.equal(aliceEnd.callRole, 1);
  // Bob is one of ours (his accept said sendsHangupNotice): alice told him at once, and he
  // ended on her notice; one notice for the call end.
  assert.deepEqual(hangupNotices(world.hub), ['alice>bob']);
  const [bobEnd] = bob.events('CALL_END');
  assert.equal(bobEnd.reason, 'hangup');
  assert.equal(bobEnd.userID, 'alice');
  for (const phone of [alice, bob]) {
    assert.equal(phone.driver.view().status, 'idle');
    assert.deepEqual(phone.component.data.pusher, {}, 'url cleared after stop');
    assert.deepEqual(phone.component.data.playerList, []);
    assert.ok(phone.contextCalls.some((c) => c[0] === 'stop'), 'pusher stopped');
    assert.ok(phone.contextCalls.some((c) => c[0] === 'player.stop'), 'player stopped');
    assert.equal(rooms.roomOf(phone.userID), null);
    assert.equal(phone.driver.timer.deadline(), -1, 'no timer left');
  }
  // The pusher's url was cleared only after its stop completed.
  const stopAt = alice.contextCalls.findIndex((c) => c[0] === 'stop');
  assert.ok(stopAt >= 0 && alice.contextCalls[stopAt][1].startsWith('room://'));
  await destroyAll(world);
});

test('3-person IM-group video call: alice calls bob and carol in group g1', async () => {
  const world = createWorld();
  const { clock, hub, rooms } = world;
  hub.createGroup('g1', ['alice', 'bob', 'carol']);
  const [alice, bob, carol] = await phonesFor(world, [['alice'], ['bob', { flavour: '2.x' }], ['carol']]);

  alice.driver.groupCall({ userIDList: ['bob', 'carol'], type: 2, groupID: 'g1' });
  await clock.tick(100);
  assert.equal(hub.sent.length, 1, 'one GROUP invite');
  assert.equal(hub.sent[0].conversationType, 'GROUP');
  for (const phone of [bob, carol]) {
    const [invited] = phone.events('INVITED');
    assert.equal(invited.sponsor, 'alice');
    assert.equal(invited.isFromGroup, true);
    assert.deepEqual(invited.inviteeList, ['bob', 'carol']);
    assert.equal(invited.groupID, 'g1');
  }

  bob.driver.accept();
  await clock.tick(500);
  carol.driver.accept();
  await clock.tick(1500);
  assert.deepEqual(alice.events('USER_ACCEPT').map((e) => e.userID), ['bob', 'carol']);
  const roomID = String(alice.driver.view().roomID);
  assert.deepEqual(rooms.membersOf(roomID).sort(), ['alice', 'bob', 'carol']);
  for (const phone of [alice, bob, carol]) {
    assert.equal(phone.driver.view().status, 'connected', phone.userID);
    const others = ['alice', 'bob', 'carol'].filter((u) => u !== phone.userID);
    assert.deepEqual(phone.events('USER_ENTER').map((e) => e.userID).sort(), others, phone.userID);
    assert.deepEqual(phone.component.data.playerList.map((p) => p.userID).sort(), others, phone.userID);
    assert.equal(phone.component.data.isGroup, true);
  }

  // Bob leaves; the others see USER_LEAVE and keep talking.
  await clock.tick(10000);
  bob.driver.hangup();
  await clock.tick(1000);
  assert.equal(bob.events('CALL_END')[0].reason, 'hangup');
  for (const phone of [alice, carol]) {
    assert.deepEqual(phone.events('USER_LEAVE').map((e) => e.userID), ['bob'], phone.userID);
    assert.deepEqual(phone.events('USER_LEAVE')[0].playerList.map((p) => p.userID), [phone === alice ? 'carol' : 'alice']);
    assert.equal(phone.driver.view().status, 'connected', phone.userID);
  }
  // Alice hangs up; carol is the last one: after the leave grace she ends the call too, with
  // the one group notice. Bob's and alice's hang-ups sent nothing.
  alice.driver.hangup();
  await clock.tick(1000);
  assert.equal(alice.events('CALL_END')[0].reason, 'hangup');
  assert.deepEqual(carol.events('CALL_END'), []);
  await clock.tick(10000);
  assert.deepEqual(carol.events('CALL_END').map((e) => [e.reason, e.userID]), [['hangup', 'alice']]);
  assert.deepEqual(hangupNotices(hub), ['carol>g1']);
  for (const phone of [alice, bob, carol]) {
    assert.equal(phone.driver.view().status, 'idle', phone.userID);
    assert.equal(rooms.roomOf(phone.userID), null, phone.userID);
    assert.equal(phone.names(['ERROR']).length, 0, `${phone.userID}: ${JSON.stringify(phone.events('ERROR'))}`);
  }
  await destroyAll(world);
});

test('a multi-C2C group call (no IM group) connects all three', async () => {
  const world = createWorld();
  const { clock, hub } = world;
  const [alice, bob, carol] = await phonesFor(world, [['alice'], ['bob'], ['carol', { flavour: '2.x' }]]);
  alice.driver.calls({ userIDList: ['bob', 'carol'], type: 1 });
  await clock.tick(100);
  assert.deepEqual(hub.sent.map((m) => [m.to, m.conversationType]), [['bob', 'C2C'], ['carol', 'C2C']]);
  bob.driver.accept();
  carol.driver.accept();
  await clock.tick(2000);
  for (const phone of [alice, bob, carol]) {
    assert.equal(phone.events('USER_ENTER').length, 2, phone.userID);
    assert.equal(phone.component.data.type, 1);
    assert.equal(phone.component.data.pusher.enableCamera, false, 'audio call: camera off');
  }
  carol.driver.hangup();
  bob.driver.hangup();
  await clock.tick(11000); // alice's leave grace
  assert.equal(alice.events('CALL_END')[0].reason, 'hangup');
  const notices = hangupNotices(hub);
  assert.equal(notices.length, 1, 'one notice: alice, left last, to the last leaver');
  assert.match(notices[0], /^alice>(bob|carol)$/);
  await destroyAll(world);
});

test('bob rejects, then is busy: REJECT and LINE_BUSY with the invite id; CALL_END reasons', async () => {
  const world = createWorld();
  const { clock } = world;
  const [alice, bob, carol] = await phonesFor(world, [['alice'], ['bob'], ['carol']]);
  alice.driver.call({ userID: 'bob', type: 1 });
  await clock.tick(100);
  bob.driver.reject();
  await clock.tick(100);
  const [reject] = alice.events('REJECT');
  assert.equal(reject.invitee, 'bob');
  assert.equal(reject.inviteID, bob.events('INVITED')[0].inviteID);
  assert.deepEqual(alice.events('CALL_END').map((e) => e.reason), ['reject']);
  assert.equal(alice.events('ON_CALL_NOT_CONNECTED')[0].reason, 'reject');
  assert.equal(bob.events('CALL_END')[0].reason, 'reject');

  carol.driver.call({ userID: 'bob', type: 1 });
  await clock.tick(100);
  alice.driver.call({ userID: 'bob', type: 1 });
  await clock.tick(100);
  assert.deepEqual(alice.events('LINE_BUSY').map((e) => e.invitee), ['bob']);
  assert.deepEqual(alice.events('CALL_END').map((e) => e.reason), ['reject', 'line_busy']);
  // Carol cancels: bob gets CALLING_CANCEL and ON_CALL_CANCELED.
  carol.driver.hangup();
  await clock.tick(100);
  assert.deepEqual(bob.names(['CALLING_CANCEL', 'ON_CALL_CANCELED', 'ON_CALL_NOT_CONNECTED', 'CALL_END']).slice(-4),
    ['CALLING_CANCEL', 'ON_CALL_CANCELED', 'ON_CALL_NOT_CONNECTED', 'CALL_END']);
  assert.equal(bob.events('CALLING_CANCEL')[0].userID, 'carol');
  assert.equal(bob.events('CALL_END')[1].reason, 'canceled');
  await destroyAll(world);
});

// ---- failures ------------------------------------------------------------------------------

test('a send that fails after ~15 s (2801) ends the call with CALL_END reason error', async () => {
  const world = createWorld();
  const { clock, hub } = world;
  const [alice, bob] = await phonesFor(world, [['alice'], ['bob']]);
  hub.failNextSend('alice', ERROR_CODES.NETWORK_TIMEOUT);
  const started = clock.now();
  alice.driver.call({ userID: 'bob', type: 2 });
  await clock.tick(14000);
  assert.equal(alice.driver.view().status, 'calling');
  await clock.tick(2000);
  assert.deepEqual(alice.names(CALL_FLOW), ['ERROR', 'ON_CALL_NOT_CONNECTED', 'CALL_END']);
  assert.deepEqual(alice.events('ERROR')[0], { code: 'SEND_FAILED', message: 'code 2801: ' });
  const [end] = alice.events('CALL_END');
  assert.equal(end.reason, 'error');
  assert.equal(alice.log.find((e) => e.name === 'CALL_END').at - started, 15000);
  assert.equal(alice.driver.view().status, 'idle');
  assert.deepEqual(bob.names(CALL_FLOW), [], 'bob never rang');
  await destroyAll(world);
});

test('calling before login fails with 2024 (a rejected Promise, not a throw) and ends the call', async () => {
  const world = createWorld();
  const alice = createPhone(world, 'alice');
  alice.driver.call({ userID: 'bob' });
  await world.clock.tick(100);
  assert.deepEqual(alice.events('ERROR'), [{ code: 'SEND_FAILED', message: 'code 2024:  | createCustomMessage | ' }]);
  assert.equal(alice.events('CALL_END')[0].reason, 'error');
  await destroyAll(world);
});

test('a failed accept send ends the callee call with reason error', async () => {
  const world = createWorld();
  const { clock, hub } = world;
  const [alice, bob] = await phonesFor(world, [['alice'], ['bob']]);
  alice.driver.call({ userID: 'bob' });
  await clock.tick(100);
  hub.failNextSend('bob', ERROR_CODES.MESSAGE_SEND_FAIL, { afterMs: 50 });
  bob.driver.accept();
  await clock.tick(200);
  assert.equal(bob.events('CALL_END')[0].reason, 'error');
  assert.equal(bob.driver.view().status, 'idle');
  assert.deepEqual(bob.component.data.pusher, {});
  assert.equal(alice.events('USER_ACCEPT').length, 0);
  await destroyAll(world);
});

// ---- invitations that arrived while logged out ---------------------------------------------

test('an invite queued while bob was logged out rings after his login; a stale one does not', async () => {
  const world = createWorld();
  const { clock, hub } = world;
  const [alice, carol] = await phonesFor(world, [['alice'], ['carol']]);
  const bob = createPhone(world, 'bob', { flavour: '2.x' });

  // Carol calls bob while he is logged out and gives up (her guard fires at 35 s).
  carol.driver.call({ userID: 'bob', type: 1 });
  await clock.tick(60000);
  assert.deepEqual(carol.names(['NO_RESP', 'CALL_END']), ['NO_RESP', 'CALL_END']);
  assert.equal(carol.events('CALL_END')[0].reason, 'offline');
  // 35 s later alice calls him.
  await clock.tick(35000);
  alice.driver.call({ userID: 'bob', type: 2 });
  await clock.tick(5000);
  assert.equal(hub.storedMessages('bob', 'C2Ccarol').length, 2, 'carol invite + timeout stored for bob');
  assert.equal(hub.storedMessages('bob', 'C2Calice').length, 1, 'alice invite stored for bob');

  // Bob logs in at ~100 s: carol's invite is 100 s old (stale), alice's 5 s (rings).
  await bob.login();
  await clock.tick(500);
  assert.deepEqual(bob.names(CALL_FLOW), ['INVITED', 'ON_CALL_RECEIVED']);
  assert.equal(bob.events('INVITED')[0].sponsor, 'alice');
  assert.equal(bob.events('INVITED')[0].inviteData.callType, 2);
  // Carol's invite reached the engine (fetched) and was dropped there as stale.
  assert.ok(bob.diagnostics.some((line) => /ignored STALE_INVITE: .* is 100 s old/.test(line)), bob.diagnostics.join('\n'));
  bob.driver.accept();
  await clock.tick(1000);
  assert.equal(alice.driver.view().status, 'connected');
  assert.deepEqual(alice.events('USER_ENTER').map((e) => e.userID), ['bob']);
  // A second SDK_READY (re-login) fetches again: nothing rings twice.
  bob.driver.noteLogin({ code: 0, data: { timeStamp: Math.floor(hub.serverNow() / 1000) } });
  await clock.tick(500);
  assert.equal(bob.events('INVITED').length, 1);
  alice.driver.hangup();
  await clock.tick(1000);
  await destroyAll(world);
});

test('server clock: 3.x getServerTime(), 2.x login timeStamp, judge invite age on a skewed device', async () => {
  // The device clocks run 10 minutes behind the IM server: local time alone would make the
  // fetched invite look fresh or stale wrongly; the server clock keeps it right.
  const world = createWorld({ hub: { serverOffsetMs: 600000 } });
  const { clock } = world;
  const [alice] = await phonesFor(world, [['alice']]);
  const bob = createPhone(world, 'bob', { flavour: '2.x' });
  const aliceSkew = Math.abs(alice.driver.adapter.serverNow() - world.hub.serverNow());
  assert.ok(aliceSkew < 1000, `3.x getServerTime() (1 s resolution, like the SDK): ${aliceSkew}`);
  alice.driver.call({ userID: 'bob' });
  await clock.tick(3000);
  await bob.login();
  await clock.tick(500);
  const skew = Math.abs(bob.driver.adapter.serverNow() - world.hub.serverNow());
  assert.ok(skew <= 1000, `2.x server clock from login timeStamp within 1 s (${skew})`);
  assert.deepEqual(bob.names(['INVITED']), ['INVITED']);
  await destroyAll(world);
});

// ---- suspend / resume ----------------------------------------------------------------------

test('suspend/resume: bob ringing is suspended past his ring timeout; on resume it times out at the real now', async () => {
  const world = createWorld();
  const { clock, hub } = world;
  const [alice, bob] = await phonesFor(world, [['alice'], ['bob']]);
  alice.driver.call({ userID: 'bob', type: 2 });
  await clock.tick(100);
  assert.deepEqual(bob.names(['INVITED']), ['INVITED']);
  // Bob's mini-program goes to the background: no timers, no network.
  await clock.tick(5000);
  bob.scheduler.suspended = true;
  hub.setOnline('bob', false);
  await clock.tick(55000);
  assert.equal(bob.driver.view().status, 'calling', 'nothing ran while suspended');
  assert.deepEqual(bob.names(['CALL_END']), []);
  assert.deepEqual(alice.events('CALL_END').map((e) => e.reason), ['offline'], "alice's own guard fired at 35 s");
  const resumedAt = clock.now();
  bob.scheduler.resume();
  hub.setOnline('bob', true);
  await clock.tick(100);
  const end = bob.log.find((e) => e.name === 'CALL_END');
  assert.ok(end, 'the ring timeout fired on resume');
  assert.equal(end.data.reason, 'no_response');
  assert.equal(end.at, resumedAt, 'handled at the real now');
  assert.deepEqual(bob.names(['CALLING_TIMEOUT', 'ON_CALL_NOT_CONNECTED', 'CALL_END']), ['CALLING_TIMEOUT', 'ON_CALL_NOT_CONNECTED', 'CALL_END']);
  assert.equal(bob.driver.view().status, 'idle');
  assert.equal(bob.names(['ERROR']).length, 0);
  await destroyAll(world);
});

test('EngineTimer: steps long waits, re-checks the real clock, wake() fires a passed deadline at once', () => {
  let now = 0;
  const pending = [];
  const schedule = {
    setTimeout(fn, ms) { const t = { fn, at: now + ms }; pending.push(t); return t; },
    clearTimeout(t) { const i = pending.indexOf(t); if (i >= 0) pending.splice(i, 1); },
  };
  const fired = [];
  const timer = new timerModule.EngineTimer({ now: () => now, schedule, fire: (t) => fired.push(t), maxDelayMs: 5000 });
  timer.arm(30000);
  assert.equal(pending.length, 1);
  assert.equal(pending[0].at, 5000, 'never waits longer than maxDelayMs');
  timer.arm(30000);
  assert.equal(pending.length, 1, 're-arming the same deadline keeps the wait');
  // A platform whose timers stop while suspended: 100 s pass, the 5 s step has not fired yet.
  now = 100000;
  timer.wake();
  assert.deepEqual(fired, [100000], 'fired at once with the real now');
  assert.equal(pending.length, 0);
  assert.equal(timer.deadline(), -1);
  // A timer that fires early re-arms instead of firing.
  timer.arm(now + 3000);
  now += 1000;
  pending.shift().fn();
  assert.deepEqual(fired, [100000]);
  assert.equal(pending[0].at, now + 2000);
  now += 2000;
  pending.shift().fn();
  assert.deepEqual(fired, [100000, 103000]);
  timer.arm(-1);
  assert.equal(pending.length, 0);
});

test('ring timeout: bob does not answer; both sides get CALLING_TIMEOUT and CALL_END no_response', async () => {
  const world = createWorld();
  const { clock } = world;
  const [alice, bob] = await phonesFor(world, [['alice'], ['bob']]);
  alice.driver.call({ userID: 'bob', type: 1, timeout: 20 });
  await clock.tick(19000);
  assert.deepEqual(bob.names(['CALL_END']), []);
  await clock.tick(2000);
  assert.deepEqual(bob.names(['CALLING_TIMEOUT', 'ON_CALL_NOT_CONNECTED', 'CALL_END']), ['CALLING_TIMEOUT', 'ON_CALL_NOT_CONNECTED', 'CALL_END']);
  assert.deepEqual(bob.events('CALLING_TIMEOUT')[0].timeoutUserList, ['bob']);
  assert.deepEqual(alice.names(['CALLING_TIMEOUT', 'NO_RESP', 'CALL_END']), ['CALLING_TIMEOUT', 'CALL_END']);
  const [timeout] = alice.events('CALLING_TIMEOUT');
  assert.deepEqual([timeout.sponsor, timeout.timeoutUserList, timeout.inviteID], ['alice', ['bob'], bob.events('INVITED')[0].inviteID]);
  assert.equal(alice.events('CALL_END')[0].reason, 'no_response');
  await destroyAll(world);
});

test('switch to audio (CALL_MODE on both sides) and inviteUser into a running call', async () => {
  const world = createWorld();
  const { clock } = world;
  const [alice, bob, carol] = await phonesFor(world, [['alice'], ['bob'], ['carol']]);
  alice.driver.call({ userID: 'bob', type: 2 });
  await clock.tick(100);
  bob.driver.accept();
  await clock.tick(1000);
  bob.driver.switchToAudio();
  assert.equal(bob.component.data.pusher.enableCamera, false, 'the camera goes off at once');
  await clock.tick(1000);
  for (const phone of [alice, bob]) {
    assert.deepEqual(phone.events('CALL_MODE'), [{ type: 1 }], phone.userID);
    assert.equal(phone.component.data.type, 1);
    assert.equal(phone.component.data.pusher.enableCamera, false);
  }
  assert.deepEqual(alice.events('USER_VIDEO_AVAILABLE').map((e) => e.isVideoAvailable), [true, false]);
  alice.driver.inviteUser(['carol']);
  await clock.tick(100);
  assert.equal(carol.events('INVITED')[0].isFromGroup, true);
  carol.driver.accept();
  await clock.tick(1000);
  assert.deepEqual(alice.events('USER_ENTER').map((e) => e.userID), ['bob', 'carol']);
  assert.equal(alice.component.data.isGroup, true);
  for (const phone of [bob, carol, alice]) phone.driver.hangup();
  await clock.tick(1000);
  for (const phone of [alice, bob, carol]) assert.equal(phone.driver.view().status, 'idle');
  await destroyAll(world);
});

test('adapter: 2.x logged in by the app without a login result: the server clock comes from clientTime', async () => {
  const world = createWorld({ hub: { serverOffsetMs: -3600000 } });
  const { clock, hub } = world;
  const tim = hub.createInstance({ SDKAppID: SDK_APP_ID, flavour: '2.x' });
  const login = tim.login({ userID: 'bob', userSig: 's' });
  await clock.tick(100);
  await login;
  await clock.tick(100);
  const adapter = new adapterModule.ImAdapter({ tim, TIM: hub.sdk('2.x'), userID: 'bob', now: clock.now, schedule: clock });
  assert.equal(adapter.serverNow(), clock.now(), 'before ready: the local clock');
  adapter.attach();
  await clock.tick(100);
  assert.equal(adapter.ready, true, 'getConversationList answered: logged in');
  const skew = Math.abs(adapter.serverNow() - hub.serverNow());
  assert.ok(skew <= 1000, `skew ${skew}`);
  await adapter.release();
});

test('the driver follows a re-created wx.$TIM and never writes it', async () => {
  const world = createWorld();
  const { clock, hub } = world;
  const [alice] = await phonesFor(world, [['alice']]);
  const first = hub.createInstance({ SDKAppID: SDK_APP_ID });
  const fakeWx = { $TIM: first };
  const login1 = first.login({ userID: 'bob', userSig: 's' });
  await clock.tick(100);
  await login1;
  const bob = new driverModule.CallDriver({
    api, wx: fakeWx, TIM: hub.TIM, config: { sdkAppID: SDK_APP_ID, userID: 'bob', userSig: 'sig-bob' },
    now: clock.now, schedule: clock,
  });
  const invited = [];
  bob.on('INVITED', (e) => invited.push(plain(e.data)));
  // The app destroys its instance and creates a new one (tim-sdk.md §1: after destroy(), create() gives a new one).
  const destroyed = first.destroy();
  await clock.tick(100);
  await destroyed;
  const second = hub.createInstance({ SDKAppID: SDK_APP_ID });
  fakeWx.$TIM = second;
  const login2 = second.login({ userID: 'bob', userSig: 's' });
  await clock.tick(100);
  bob.noteLogin(await login2);
  assert.equal(bob.adapter.tim, second);
  alice.driver.call({ userID: 'bob' });
  await clock.tick(200);
  assert.deepEqual(invited.map((e) => e.sponsor), ['alice']);
  assert.deepEqual(Object.keys(fakeWx), ['$TIM']);
  alice.driver.hangup();
  await clock.tick(200);
  await Promise.all([bob.destroy(), destroyAll(world)]);
  assert.equal(hub.sessionOf('bob'), second, 'the app instance stays logged in');
});

// ---- binder --------------------------------------------------------------------------------

/** WeChat-like <live-pusher> statechange events: JSON-string messages. */
function userlist(entries) {
  return JSON.stringify({ userlist: entries });
}

test('binder: pusher statechange sequences with JSON-string messages drive players and events', async () => {
  const world = createWorld();
  const { clock } = world;
  const [alice, bob] = await phonesFor(world, [['alice'], ['bob']]);
  // Detach the simulated room: this test plays WeChat's events by hand.
  world.rooms.detach('alice');
  alice.driver.call({ userID: 'bob', type: 2 });
  await clock.tick(100);
  bob.driver.accept();
  await clock.tick(100);
  const h = alice.driver.handlers;
  const state = (code, message) => h.pusherStateChange({ type: 'statechange', detail: { code, message } });
  state(1003, '打开摄像头成功');
  state(1018, '进入房间成功');
  state(1020, userlist([]));
  state(1031, userlist([{ userid: 'bob' }]));
  assert.deepEqual(alice.events('USER_ENTER').map((e) => [e.userID, e.playerList]), [['bob', []]]);
  state(1033, userlist([{ userid: 'bob', playurl: 'room://rtc.tencent.com?userid=bob&streamtype=main', streamtype: 'main', hasvideo: true }]));
  let players = alice.component.data.playerList;
  assert.deepEqual(players.map((p) => [p.id, p.muteVideo, p.muteAudio, p.objectFit]), [['bob_main', false, true, 'fillCrop']]);
  state(1034, userlist([{ userid: 'bob', playurl: 'room://rtc.tencent.com?userid=bob&streamtype=main', hasaudio: true }]));
  // An aux stream (screen share) gets its own player with objectFit contain.
  state(1033, userlist([{ userid: 'bob', playurl: 'room://rtc.tencent.com?userid=bob&streamtype=aux', streamtype: 'aux', hasvideo: true }]));
  players = alice.component.data.playerList;
  assert.deepEqual(players.map((p) => [p.id, p.muteVideo, p.muteAudio, p.objectFit]),
    [['bob_main', false, false, 'fillCrop'], ['bob_aux', false, true, 'contain']]);
  assert.deepEqual(alice.contextCalls.filter((c) => c[0] === 'createLivePlayerContext').map((c) => c[1]), ['bob_main', 'bob_aux']);
  // Garbage is ignored: not JSON, no userlist, an object instead of a string, an unknown code.
  state(1033, '{"userlist":');
  state(1031, 'not json');
  state(1034, { userlist: [{ userid: 'bob', hasaudio: false }] });
  state(2027, '');
  assert.equal(alice.component.data.playerList[0].muteAudio, true, 'an object message is stringified and used');
  state(1034, userlist([{ userid: 'bob', hasaudio: '1' }]));
  assert.equal(alice.component.data.playerList[0].muteAudio, false);
  // Player events are routed by data-streamid.
  h.playerStateChange({ currentTarget: { id: 'bob_main', dataset: { streamid: 'bob_main' } }, detail: { code: 2004 } });
  h.playerAudioVolumeNotify({ currentTarget: { id: 'bob_main', dataset: { streamid: 'bob_main' } }, detail: { volume: 42 } });
  h.pusherAudioVolumeNotify({ detail: { volume: 7 } });
  h.pusherNetStatus({ detail: { info: { netQualityLevel: 5, videoBitrate: 300 } } });
  assert.deepEqual(alice.events('USER_VOICE_VOLUME').map((e) => [e.userID, e.volume]), [['bob', 42], ['alice', 7]]);
  assert.deepEqual(alice.events('USER_NETWORK_QUALITY_CHANGED').map((e) => e.networkQualityList), [[{ userId: 'alice', userID: 'alice', quality: 5 }]]);
  const update = alice.events('USER_UPDATE').pop();
  assert.equal(update.pusher.netQualityLevel, 5);
  assert.equal(update.pusher.volume, 7);
  assert.equal(update.playerList[0].volume, 42);
  // The aux stream stops, then bob leaves the room.
  state(1033, userlist([{ userid: 'bob', streamtype: 'aux', hasvideo: false }]));
  assert.deepEqual(alice.component.data.playerList.map((p) => p.id), ['bob_main']);
  assert.deepEqual(alice.contextCalls.filter((c) => c[0] === 'player.stop').map((c) => c[1]), ['bob_aux']);
  state(1032, userlist([{ userid: 'bob' }]));
  assert.deepEqual(alice.events('USER_LEAVE').map((e) => [e.userID, e.playerList]), [['bob', []]]);
  assert.deepEqual(alice.events('USER_VIDEO_AVAILABLE').map((e) => e.isVideoAvailable), [true, false]);
  assert.deepEqual(alice.events('CALL_END'), [], 'the last one left: alice waits the leave grace for a return');
  await clock.tick(10000);
  assert.equal(alice.events('CALL_END')[0].reason, 'hangup', 'nobody came back');
  // binderror: camera denied is an ERROR, not a crash.
  await clock.tick(100);
  assert.deepEqual(alice.component.data.pusher, {});
  await destroyAll(world);
});

test('binder: a room-entry failure (-100018) ends the call; a camera binderror is reported', async () => {
  const world = createWorld();
  const { clock } = world;
  const [alice, bob] = await phonesFor(world, [['alice'], ['bob']]);
  world.rooms.faults.deviceError = (userID) => (userID === 'bob' ? 10001 : 0);
  alice.driver.call({ userID: 'bob', type: 2 });
  await clock.tick(100);
  bob.driver.accept();
  await clock.tick(500);
  assert.deepEqual(bob.events('ERROR').map((e) => e.code), ['TRTC_ERROR']);
  assert.match(bob.events('ERROR')[0].message, /10001/);
  alice.driver.handlers.pusherStateChange({ detail: { code: -100018, message: 'userSig check failed' } });
  assert.deepEqual(alice.events('ERROR').map((e) => e.code), ['ENTER_ROOM_FAILED']);
  assert.equal(alice.events('CALL_END')[0].reason, 'error');
  await destroyAll(world);
});

test('binder.render and a pusher url change (stop first, then the new url, then start)', () => {
  const calls = [];
  const patches = [];
  let complete = null;
  const pusherContext = {
    start() { calls.push('start'); },
    stop(o) { calls.push('stop'); complete = o.complete; },
    setMICVolume(o) { calls.push(`mic ${o.volume}`); },
    switchCamera() { calls.push('switchCamera'); },
  };
  const binder = new binderModule.Binder({
    wx: { createLivePusherContext: () => pusherContext, createLivePlayerContext: () => ({ stop() {} }) },
    setData: (patch, cb) => { patches.push(plain(patch)); if (cb) cb(); },
  });
  const pusher = (url, extra) => Object.assign({ url, enableMic: true, muted: false, devicePosition: 'front', enableCamera: true }, extra);
  const view = (p) => ({ status: p ? 'connected' : 'idle', pusher: p || null, players: [], remoteUsers: [], speaker: false });
  assert.deepEqual(plain(binderModule.render(view(null))).pusher, {});
  assert.equal(binderModule.render(view(null)).soundMode, 'ear');
  binder.sync(view(pusher('room://a')));
  assert.deepEqual(calls, ['start']);
  binder.sync(view(pusher('room://a', { enableMic: false, muted: true })));
  binder.sync(view(pusher('room://a', { enableMic: false, muted: true, devicePosition: 'back' })));
  assert.deepEqual(calls, ['start', 'mic 0', 'switchCamera']);
  assert.equal(binder.rendered().pusher.devicePosition, 'front');
  binder.sync(view(pusher('room://b')));
  assert.deepEqual(calls.slice(-1), ['stop']);
  assert.equal(binder.rendered().pusher.url, 'room://a', 'the old url stays until stop completed');
  complete();
  assert.deepEqual(calls.slice(-1), ['start']);
  assert.deepEqual(patches.slice(-2).map((p) => p.pusher.url), [undefined, 'room://b']);
  binder.sync(view(null));
  complete();
  assert.deepEqual(plain(binder.rendered().pusher), {});
  assert.equal(binderModule.messageText({ userlist: [] }), '{"userlist":[]}');
});

// ---- the IM adapter ------------------------------------------------------------------------

test('adapter: bad params throw synchronously after login → a code -1 send result; 2024 before', async () => {
  const world = createWorld();
  const { clock, hub } = world;
  const tim = hub.createInstance({ SDKAppID: SDK_APP_ID });
  const results = [];
  const adapter = new adapterModule.ImAdapter({
    tim, TIM: hub.TIM, now: clock.now, schedule: clock, onSendResult: (id, code, message) => results.push([id, code, message]),
  });
  adapter.attach();
  adapter.send({ id: 1, to: 'bob', conversationType: 'C2C', data: '{}', offlinePushInfo: null });
  await clock.tick(100);
  assert.deepEqual(results, [[1, 2024, ' | createCustomMessage | ']]);
  const login = tim.login({ userID: 'alice', userSig: 's' });
  await clock.tick(100);
  await login;
  await clock.tick(100);
  assert.equal(adapter.ready, true);
  adapter.send({ id: 2, to: '', conversationType: 'C2C', data: '{}', offlinePushInfo: null });
  adapter.send({ id: 3, to: 'bob', conversationType: 'C2C', data: '{}', offlinePushInfo: null });
  await clock.tick(100);
  assert.deepEqual(results.slice(1), [[2, -1, 'Params validate failed.'], [3, 0, '']]);
  assert.equal(adapterModule.errorCode({ code: 2801, message: '' }), 2801);
  assert.equal(adapterModule.errorCode(new Error('x')), -1);
  await adapter.release();
  assert.equal(hub.sessionOf('alice'), tim, 'a foreign instance is never logged out');
});

test('adapter: our own login timeout when a login hangs; own instance is logged out on release', async () => {
  const world = createWorld();
  const { clock, hub } = world;
  hub.faults.loginHang = (userID) => userID === 'alice';
  const sdk = hub.sdk('3.x');
  const driver = new driverModule.CallDriver({
    api, SDK: sdk, config: { sdkAppID: SDK_APP_ID, userID: 'alice', userSig: 'sig-alice' },
    now: clock.now, schedule: clock, adapter: { loginTimeoutMs: 10000 },
  });
  assert.equal(driver.adapter.owned, true);
  let failure = null;
  driver.login().catch((error) => { failure = error; });
  await clock.tick(9000);
  assert.equal(failure, null);
  await clock.tick(2000);
  assert.equal(failure.code, 2801);
  hub.faults.loginHang = () => false;
  const ready = [];
  driver.on('SDK_READY', () => ready.push(clock.now()));
  // The hung login is still pending inside the SDK: a second one is REPEAT_LOGIN (2025).
  await driver.login().catch((error) => { failure = error; });
  assert.equal(failure.code, 2025);
  await destroyAllDrivers([driver]);
});

async function destroyAllDrivers(drivers) {
  await Promise.all(drivers.map((d) => d.destroy()));
}

test('adapter: own instance logs in, gets SDK_READY, and destroy() logs it out; app instance is never logged out', async () => {
  const world = createWorld();
  const { clock, hub } = world;
  const own = new driverModule.CallDriver({
    api, SDK: hub.sdk('2.x'), config: { sdkAppID: SDK_APP_ID, userID: 'alice', userSig: 'sig-alice' },
    now: clock.now, schedule: clock,
  });
  const ready = [];
  own.on('SDK_READY', (e) => ready.push(plain(e.data)));
  const result = await Promise.race([own.login(), clock.tick(1000).then(() => 'pending')]);
  await clock.tick(100);
  assert.equal(result.code, 0);
  assert.deepEqual(ready, [{ message: 'SDK ready' }]);
  const tim = own.adapter.tim;
  assert.equal(hub.sessionOf('alice'), tim);
  const released = own.destroy();
  await clock.tick(100);
  await released;
  assert.equal(hub.sessionOf('alice'), null, 'the instance the driver created is logged out');

  // wx.$TIM is read (never written) and never logged out.
  const appTim = hub.createInstance({ SDKAppID: SDK_APP_ID });
  const fakeWx = { $TIM: appTim };
  const login = appTim.login({ userID: 'bob', userSig: 's' });
  await clock.tick(100);
  await login;
  const driver = new driverModule.CallDriver({
    api, wx: fakeWx, TIM: hub.TIM, config: { sdkAppID: SDK_APP_ID, userID: 'bob', userSig: 'sig-bob' },
    now: clock.now, schedule: clock,
  });
  await clock.tick(100);
  assert.equal(driver.adapter.tim, appTim);
  assert.equal(driver.adapter.ready, true, 'an instance already logged in counts as ready');
  const done = driver.destroy();
  await clock.tick(100);
  await done;
  assert.equal(hub.sessionOf('bob'), appTim);
  assert.deepEqual(Object.keys(fakeWx), ['$TIM']);
});

test('adapter: re-login re-subscribes without double delivery; KICKED_OUT ends the call', async () => {
  const world = createWorld();
  const { clock, hub } = world;
  const [alice, bob] = await phonesFor(world, [['alice'], ['bob']]);
  // Bob logs out and in again on the same instance.
  await Promise.all([bob.tim.logout(), clock.tick(100)]);
  await bob.login();
  await clock.tick(200);
  alice.driver.call({ userID: 'bob' });
  await clock.tick(200);
  assert.equal(bob.events('INVITED').length, 1, 'one ring, not two');
  bob.driver.accept();
  await clock.tick(500);
  // Bob logs in on another device: this one is kicked out.
  hub.kick('bob', 'multipleAccount');
  await clock.tick(100);
  assert.deepEqual(bob.names(['CALL_END', 'KICKED_OUT']), ['CALL_END', 'KICKED_OUT']);
  assert.equal(bob.events('CALL_END')[0].reason, 'kicked_out');
  assert.equal(bob.events('KICKED_OUT')[0].type, 'multipleAccount');
  await destroyAll(world);
});

test('destroy() ends the call (the peer is told), frees the engine, and refuses later commands', async () => {
  const world = createWorld();
  const { clock } = world;
  const [alice, bob] = await phonesFor(world, [['alice'], ['bob']]);
  alice.driver.call({ userID: 'bob' });
  await clock.tick(100);
  bob.driver.accept();
  await clock.tick(1000);
  await Promise.all([alice.driver.destroy(), clock.tick(1000)]);
  assert.equal(bob.events('CALL_END')[0].reason, 'hangup');
  assert.throws(() => alice.driver.call({ userID: 'bob' }), (error) => error.code === 'DESTROYED');
  await destroyAll(world);
});

test('refused commands throw the engine error synchronously', async () => {
  const world = createWorld();
  const [alice] = await phonesFor(world, [['alice']]);
  assert.throws(() => alice.driver.accept(), (error) => error.name === 'EngineError' && error.code === 'NO_CALL');
  assert.throws(() => alice.driver.call({ userID: 'alice' }), (error) => error.code === 'INVALID_ARGUMENT');
  alice.driver.call({ userID: 'bob' });
  assert.throws(() => alice.driver.groupCall({ userIDList: ['carol'] }), (error) => error.code === 'BUSY');
  alice.driver.hangup();
  await world.clock.tick(100);
  await destroyAll(world);
});
