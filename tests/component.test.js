// The tuicalling component (wxcomponents/TUICalling) rendered by miniprogram-simulate with
// WeChat's own template/style compilers (`compiler: 'official'`: wcc/wcsc), its wasm loaded
// through a WXWebAssembly shim that takes package paths, and whole calls driven between
// rendered components through the local IM hub and the simulated TRTC room (real time, short
// latencies). Pusher statechange events reach the component through the rendered
// <live-pusher>'s bindstatechange.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');

const {
  COMPONENT, REPO, SDK_APP_ID, attrs, componentId, createPhone, createWorld, destroyAll, instantiated, readyPhones,
  simulate, sleep, text, waitFor,
} = require('../test-support/component-world');
const { createVirtualClock } = require('../test-support/virtual-clock');
const ui = require('../wxcomponents/TUICalling/ui.js');
const { checkShippedScript } = require('../js-glue/build/es2016');

// ---- shipping ------------------------------------------------------------------------------

test('the component files ship: json marks a component, JS is ES2016, the driver is shipped as built', () => {
  const dir = path.dirname(COMPONENT);
  assert.equal(JSON.parse(fs.readFileSync(`${COMPONENT}.json`, 'utf8')).component, true);
  for (const file of ['TUICalling.js', 'ui.js']) checkShippedScript(fs.readFileSync(path.join(dir, file), 'utf8'), file);
  for (const file of ['call-driver', 'im-adapter', 'timer', 'binder', 'events']) {
    assert.equal(fs.readFileSync(path.join(dir, 'driver', `${file}.js`), 'utf8'),
      fs.readFileSync(path.join(REPO, 'js-glue', 'driver', `${file}.js`), 'utf8'),
      `driver/${file}.js equals js-glue/driver/${file}.js (run scripts/build-wasm.sh)`);
  }
  const js = fs.readFileSync(`${COMPONENT}.js`, 'utf8');
  assert.doesNotMatch(js, /wx\.\$\w+\s*=[^=]/, 'writes no wx.$ global');
  assert.doesNotMatch(js, /component-export/);
});

test('ui helpers: HH:MM:SS past an hour, toasts in zh-CN and en, page event names, network hint', () => {
  assert.equal(ui.formatDuration(0), '00:00:00');
  assert.equal(ui.formatDuration(59.9), '00:00:59');
  assert.equal(ui.formatDuration(3723), '01:02:03');
  assert.equal(ui.formatDuration(36000 + 61), '10:01:01');
  assert.equal(ui.toastText('rejected', 'bob'), 'bob已拒绝');
  assert.equal(ui.toastText('busy', 'bob'), 'bob忙线中');
  assert.equal(ui.toastText('offline', 'bob'), 'bob不在线');
  assert.equal(ui.toastText('timeout', 'bob'), 'bob超时无应答');
  assert.equal(ui.toastText('canceled', 'bob'), 'bob取消通话');
  assert.equal(ui.toastText('ended', ''), '通话结束');
  assert.equal(ui.toastText('kickedOut', ''), '您已被踢下线');
  assert.equal(ui.toastText('failed', 'TRTC -100018: userSig check failed'), '通话失败：TRTC -100018: userSig check failed');
  assert.equal(ui.toastText('failed', 'code 2801', 'en'), 'Call failed: code 2801');
  assert.equal(ui.toastText('rejected', 'bob', 'en-US'), 'bob declined');
  assert.equal(ui.toastText('ended', '', 'en'), 'Call ended');
  assert.equal(ui.pageEventName('CALL_END'), 'callEnd');
  assert.equal(ui.pageEventName('ON_CALL_RECEIVED'), 'onCallReceived');
  assert.equal(ui.pageEventName('INVITED'), 'invited');
  const memory = {};
  assert.equal(ui.networkHint(memory, { userID: 'bob', quality: 5 }, 'alice', 1000), 'bob当前网络不佳');
  assert.equal(ui.networkHint(memory, { userID: 'bob', quality: 6 }, 'alice', 2000), '', 'not again at once');
  assert.equal(ui.networkHint(memory, { userID: 'alice', quality: 5 }, 'alice', 2000), '您当前网络不佳');
  assert.equal(ui.networkHint(memory, { userID: 'bob', quality: 2 }, 'alice', 3000), '');
  assert.equal(ui.networkHint(memory, { userID: 'bob', quality: 5 }, 'alice', 4000), 'bob当前网络不佳', 'poor again after good');
  assert.equal(ui.networkHint(memory, { userID: 'bob', quality: 5 }, 'alice', 4000 + ui.NETWORK_HINT_INTERVAL_MS), 'bob当前网络不佳');
});

test('init() rejects with a clear Error without credentials or an IM instance; idle renders nothing', async () => {
  const world = createWorld();
  const phone = createPhone(world, 'nobody', { userSig: '' });
  await assert.rejects(phone.init(), /config needs sdkAppID, userID and userSig/);
  assert.equal(phone.$('#root'), undefined);
  await assert.rejects(phone.comp.instance.call({ userID: 'x', type: 2 }), /call init\(\) first/);
  const noTim = simulate.render(componentId(), { config: { sdkAppID: SDK_APP_ID, userID: 'u', userSig: 's', type: 2 } });
  noTim.attach(document.createElement('div'));
  const savedTim = global.wx.$TIM;
  delete global.wx.$TIM;
  await assert.rejects(noTim.instance.init(), /no TIM instance/);
  if (savedTim !== undefined) global.wx.$TIM = savedTim;
  noTim.detach();
  await destroyAll(world);
});

// ---- init() and the IM SDK's readiness (issue 13) -------------------------------------------

/** A virtual-time world whose hub holds alice's SDK_READY back `readyDelayMs` after her login. */
function slowReadyWorld(readyDelayMs) {
  const world = createWorld({ clock: createVirtualClock({ start: Date.UTC(2026, 11, 1, 9, 0, 0) }) });
  world.hub.faults.readyDelayMs = (userID) => (userID === 'alice' ? readyDelayMs : 0);
  return world;
}

test('init() resolves only when the IM SDK is ready: the seed\'s call() right after it goes out (SDK_READY 3 s after login)', async () => {
  const world = slowReadyWorld(3000);
  const bob = createPhone(world, 'bob');
  const alice = createPhone(world, 'alice');
  const bobInit = bob.init();
  await world.until(() => bob.events('sdkReady').length === 1, 'bob ready');
  await bobInit;
  let resolved = false;
  const init = alice.init().then(() => { resolved = true; });
  await world.until(() => alice.tim.getLoginUser() === 'alice', 'alice logged in');
  await world.run(1000);
  assert.equal(alice.tim.isReady(), false, 'logged in, SDK not ready yet');
  assert.equal(resolved, false, 'init() waits for SDK_READY');
  await world.until(() => resolved, 'init() resolved', 3000);
  assert.equal(alice.tim.isReady(), true, 'init() resolved once the SDK was ready');
  await init;
  // The seed's snippet: a button that calls right after init().
  await alice.comp.instance.call({ userID: 'bob', type: 2 });
  await world.run(500);
  assert.deepEqual(alice.events('error'), [], 'no "code 3000 … createCustomMessage"');
  assert.equal(alice.data.screen, 'dialing');
  assert.equal(bob.data.screen, 'incoming');
  await destroyAll(world);
});

test('init() rejects with code IM_NOT_READY when the IM SDK never becomes ready (bounded wait, 20 s)', async () => {
  const world = slowReadyWorld(10 * 60 * 1000);
  const alice = createPhone(world, 'alice');
  let failure = null;
  alice.init().catch((error) => { failure = error; });
  await world.until(() => alice.tim.getLoginUser() === 'alice', 'alice logged in');
  await world.run(19000);
  assert.equal(failure, null, 'still waiting at 19 s');
  await world.run(2000);
  assert.ok(failure, 'rejected after 20 s');
  assert.equal(failure.code, 'IM_NOT_READY');
  assert.match(failure.message, /IM SDK did not become ready within 20 s/);
  await assert.rejects(alice.comp.instance.call({ userID: 'bob', type: 2 }), /call init\(\) first/);
  await destroyAll(world);
});

// ---- a whole 1v1 video call ------------------------------------------------------------------

test('1v1 video call between two rendered components: dialing, incoming, accept, connected, hang up', async () => {
  const world = createWorld();
  const { rooms } = world;
  const [alice, bob] = await readyPhones(world, [['alice'], ['bob']]);
  assert.ok(instantiated.every((p) => p === '/wxcomponents/TUICalling/wasm/tuicalling_bg.wasm.br'), instantiated.join());

  await alice.comp.instance.call({ userID: 'bob', type: 2 });
  await sleep(0);
  // Alice: dialing, camera preview, "waiting", switch-to-audio and hang-up.
  assert.equal(alice.data.screen, 'dialing');
  assert.ok(alice.$('#root'));
  assert.ok(alice.$('#preview'), 'camera preview');
  assert.equal(attrs(alice.$('#preview')).devicePosition, 'front');
  assert.equal(text(alice.$('#peer-name')), 'bob');
  assert.equal(text(alice.$('#subtitle')), '等待对方接受');
  assert.ok(alice.$('#to-audio'));
  assert.ok(alice.$('#hangup'));
  assert.equal(alice.$('#accept'), undefined);

  await waitFor(() => bob.data.screen === 'incoming', 'bob rings');
  assert.equal(text(bob.$('#peer-name')), 'alice');
  assert.equal(text(bob.$('#subtitle')), '邀请你视频通话');
  assert.ok(bob.$('#accept'));
  assert.ok(bob.$('#reject'));
  assert.equal(bob.events('invited')[0].sponsor, 'alice');
  assert.equal(bob.events('onCallReceived')[0].callMediaType, 2);
  // The page got the invite message (sendMessage {message}) for its chat UI.
  await waitFor(() => alice.events('sendMessage').length === 1, 'sendMessage for the invite');
  const { message } = alice.events('sendMessage')[0];
  assert.equal(message.to, 'bob');
  assert.match(message.payload.data, /"businessID":\s*1|av_call|inviteID/);

  await bob.tap('#accept');
  assert.equal(bob.data.screen, 'connected');
  await waitFor(() => alice.data.screen === 'connected' && alice.data.playerList.length === 1 && bob.data.playerList.length === 1,
    'both connected with a player');
  assert.equal(rooms.roomOf('alice'), rooms.roomOf('bob'));
  // Bob's accept went to the page too.
  await waitFor(() => bob.events('sendMessage').length >= 1, 'sendMessage for the accept');

  for (const [me, peer] of [[alice, 'bob'], [bob, 'alice']]) {
    const pusher = attrs(me.$('#pusher'));
    assert.match(pusher.url, new RegExp(`^room://cloud\\.tencent\\.com/rtc\\?sdkappid=${SDK_APP_ID}&roomid=\\d+&userid=${me.userID}&`));
    assert.equal(pusher.enableCamera, true);
    assert.equal(pusher.enableMic, true);
    assert.equal(pusher.muted, false);
    assert.equal(pusher.devicePosition, 'front');
    assert.equal(pusher.mode, 'RTC');
    const player = attrs(me.$(`#${peer}_main`));
    assert.match(player.src, new RegExp(`^room://rtc\\.tencent\\.com\\?userid=${peer}&streamtype=main`));
    assert.equal(player.soundMode, 'speaker');
    assert.equal(player.muteVideo, false);
    assert.equal(player.muteAudio, false);
    assert.deepEqual(me.contextCalls.filter((c) => c[0] === 'createLivePlayerContext'), [['createLivePlayerContext', `${peer}_main`, true]]);
    assert.equal(me.data.layout, 'single');
    assert.ok(me.$('#mic') && me.$('#speaker') && me.$('#camera') && me.$('#flip') && me.$('#to-audio') && me.$('#hangup'));
    assert.equal(me.$('#preview'), undefined, 'no camera preview once connected');
  }
  assert.equal(alice.events('userEnter')[0].userID, 'bob');
  assert.equal(alice.events('onCallBegin').length, 1);
  await waitFor(() => /^00:00:0\d$/.test(text(alice.$('#time'))), 'elapsed time shown');

  // Buttons. Speaker -> earpiece: every player's sound-mode follows.
  await bob.tap('#speaker');
  assert.equal(attrs(bob.$('#alice_main')).soundMode, 'ear');
  assert.equal(text(bob.$('#speaker')), '听筒');
  await bob.tap('#speaker');
  assert.equal(attrs(bob.$('#alice_main')).soundMode, 'speaker');
  // Mic off: the pusher is muted, the context's mic volume goes to 0; on again.
  await bob.tap('#mic');
  assert.equal(attrs(bob.$('#pusher')).muted, true);
  assert.equal(text(bob.$('#mic')), '麦克风已关');
  assert.deepEqual(bob.contextCalls.filter((c) => c[0] === 'setMICVolume').map((c) => c[1]), [0]);
  await bob.tap('#mic');
  assert.equal(attrs(bob.$('#pusher')).muted, false);
  // Camera off: enable-camera false and the flip button goes away; on again.
  await bob.tap('#camera');
  assert.equal(attrs(bob.$('#pusher')).enableCamera, false);
  assert.equal(bob.$('#flip'), undefined);
  await bob.tap('#camera');
  assert.equal(attrs(bob.$('#pusher')).enableCamera, true);
  // Flip: the context switches; the rendered device-position stays (no double flip).
  await bob.tap('#flip');
  assert.deepEqual(bob.contextCalls.filter((c) => c[0] === 'switchCamera'), [['switchCamera']]);
  assert.equal(attrs(bob.$('#pusher')).devicePosition, 'front');
  // Tap-to-swap: the small (pusher) view becomes the big one and back.
  assert.equal(bob.data.bigView, 'player');
  await bob.tap('#pusher-box');
  assert.equal(bob.data.bigView, 'pusher');
  assert.match(bob.$('#pusher-box').dom.className, /\bbig\b/);
  await bob.tap('#pusher-box');
  assert.equal(bob.data.bigView, 'pusher', 'tapping the big view does not swap');

  // A player's netstatus reaches the driver through the rendered <live-player> binding.
  alice.$('#bob_main').dispatchEvent('netstatus', { detail: { info: { netQualityLevel: 6 } } });
  await sleep(0);
  alice.$('#bob_main').dispatchEvent('netstatus', { detail: { info: { netQualityLevel: 6 } } });
  await sleep(0);
  assert.deepEqual(alice.toastTitles().filter((t) => /网络不佳/.test(t)), ['bob当前网络不佳'], 'one hint, not one per report');

  await alice.tap('#hangup');
  await waitFor(() => alice.data.screen === 'idle' && bob.data.screen === 'idle', 'both idle');
  for (const phone of [alice, bob]) {
    assert.equal(phone.$('#root'), undefined, `${phone.userID}: nothing rendered when idle`);
    assert.equal(phone.$('#pusher'), undefined);
    assert.deepEqual(phone.data.playerList, []);
    assert.equal(phone.events('callEnd')[0].reason, 'hangup');
    assert.ok(phone.toasts.some((t) => t.title === '通话结束' && t.duration === 800), `${phone.userID}: ${phone.toastTitles()}`);
    assert.ok(phone.contextCalls.some((c) => c[0] === 'stop'), 'pusher stopped');
    assert.equal(rooms.roomOf(phone.userID), null);
  }
  await destroyAll(world);
});

test('reject with en strings: the caller is told "bob declined"; busy and cancel toasts', async () => {
  const world = createWorld();
  const [alice, bob, carol] = await readyPhones(world, [['alice', { locale: 'en' }], ['bob'], ['carol', { type: 1 }]]);
  await alice.comp.instance.call({ userID: 'bob', type: 1 });
  await waitFor(() => bob.data.screen === 'incoming', 'bob rings');
  assert.equal(text(bob.$('#subtitle')), '邀请你语音通话');
  assert.equal(alice.$('#preview'), undefined, 'no camera for an audio call');
  assert.equal(alice.$('#to-audio'), undefined);
  assert.equal(text(alice.$('#subtitle')), 'Waiting for the other side to accept');
  await bob.tap('#reject');
  await waitFor(() => alice.data.screen === 'idle', 'alice back to idle');
  assert.equal(bob.data.screen, 'idle');
  assert.deepEqual(alice.toastTitles(), ['bob declined']);
  assert.equal(alice.events('reject')[0].invitee, 'bob');

  // Busy: carol rings bob, then alice calls bob.
  await carol.comp.instance.call({ userID: 'bob' });
  await waitFor(() => bob.data.screen === 'incoming', 'bob rings for carol');
  await alice.comp.instance.call({ userID: 'bob', type: 1 });
  await waitFor(() => alice.data.screen === 'idle', 'alice told busy');
  assert.deepEqual(alice.toastTitles(), ['bob declined', 'bob is busy']);
  // Carol cancels: bob gets "carol取消通话".
  await carol.tap('#hangup');
  await waitFor(() => bob.data.screen === 'idle', 'bob stops ringing');
  assert.deepEqual(bob.toastTitles(), ['carol取消通话']);
  await destroyAll(world);
});

// ---- group calls and the audio screens -------------------------------------------------------

test('3 rendered components complete an IM-group video call: lists, grid, leave, end', async () => {
  const world = createWorld();
  world.hub.createGroup('g1', ['alice', 'bob', 'carol']);
  const [alice, bob, carol] = await readyPhones(world, [['alice'], ['bob'], ['carol']]);
  await alice.comp.instance.groupCall({ userIDList: ['bob', 'carol'], type: 2, groupID: 'g1' });
  await sleep(0);
  assert.equal(alice.data.screen, 'dialing');
  assert.ok(alice.$('#peer-list'), 'group list instead of the 1v1 card');
  assert.equal(alice.$('#preview'), undefined);
  assert.equal(alice.$('#to-audio'), undefined, 'no switch to audio in a group call');
  assert.deepEqual(alice.comp.querySelectorAll('.peer-row').map((row) => row.dom.dataset.userid).sort(), ['bob', 'carol']);
  await waitFor(() => bob.data.screen === 'incoming' && carol.data.screen === 'incoming', 'both ring');
  assert.ok(bob.$('#peer-list'));
  assert.ok(bob.$('#accept'));
  assert.equal(bob.events('sendMessage').length, 0, 'no sendMessage for group signaling');

  await bob.tap('#accept');
  await carol.tap('#accept');
  await waitFor(() => [alice, bob, carol].every((p) => p.data.screen === 'connected' && p.data.playerList.length === 2),
    'everyone connected with two players');
  for (const phone of [alice, bob, carol]) {
    assert.equal(phone.data.layout, 'grid', phone.userID);
    const others = ['alice', 'bob', 'carol'].filter((u) => u !== phone.userID);
    for (const peer of others) assert.match(attrs(phone.$(`#${peer}_main`)).src, new RegExp(`userid=${peer}&`));
    assert.equal(phone.comp.querySelectorAll('.tile').length, 3, `${phone.userID}: pusher + 2 players tiled`);
    assert.equal(phone.$('#to-audio'), undefined);
    assert.ok(phone.$('#hangup') && phone.$('#mic') && phone.$('#camera') && phone.$('#speaker'));
  }
  await bob.tap('#hangup');
  await waitFor(() => bob.data.screen === 'idle' && alice.data.playerList.length === 1 && carol.data.playerList.length === 1,
    'bob left, the others keep talking');
  assert.equal(alice.data.screen, 'connected');
  assert.deepEqual(alice.events('userLeave').map((e) => e.userID), ['bob']);
  assert.equal(alice.data.layout, 'grid', 'still a group call');
  await alice.tap('#hangup');
  await waitFor(() => alice.data.screen === 'idle' && carol.data.screen === 'idle', 'all idle');
  assert.deepEqual(carol.events('callEnd').map((e) => e.reason), ['hangup']);
  await destroyAll(world);
});

test('1v1 audio call: avatar grid, mic/speaker/hang-up row, no camera; video call switched to audio', async () => {
  const world = createWorld();
  const [alice, bob] = await readyPhones(world, [['alice', { type: 1 }], ['bob']]);
  await alice.comp.instance.setSelfInfo('Alice A', '');
  await alice.comp.instance.call({ userID: 'bob', type: 1 });
  await waitFor(() => bob.data.screen === 'incoming', 'bob rings');
  assert.equal(bob.$('#preview'), undefined);
  await bob.tap('#accept');
  await waitFor(() => alice.data.screen === 'connected' && alice.data.playerList.length === 1, 'alice connected');
  for (const phone of [alice, bob]) {
    assert.equal(phone.data.layout, 'audio');
    assert.ok(phone.$('#avatar-grid'));
    assert.equal(phone.$('#camera'), undefined);
    assert.equal(phone.$('#flip'), undefined);
    assert.ok(phone.$('#hangup') && phone.$('#mic') && phone.$('#speaker'));
    assert.equal(attrs(phone.$('#pusher')).enableCamera, false);
    assert.match(phone.$('#pusher-box').dom.className, /\bhidden\b/);
  }
  assert.equal(alice.comp.querySelectorAll('.grid-cell').length, 1, '1v1: only the other user');
  await bob.tap('#hangup');
  await waitFor(() => alice.data.screen === 'idle', 'alice idle');

  // A video call switched to audio from the connected screen.
  await alice.comp.instance.call({ userID: 'bob', type: 2 });
  await waitFor(() => bob.data.screen === 'incoming', 'bob rings again');
  await bob.tap('#accept');
  await waitFor(() => alice.data.screen === 'connected' && alice.data.playerList.length === 1, 'video connected');
  assert.equal(alice.data.layout, 'single');
  await alice.tap('#to-audio');
  await waitFor(() => alice.data.type === 1 && bob.data.type === 1, 'both switched to audio');
  for (const phone of [alice, bob]) {
    assert.equal(phone.data.layout, 'audio');
    assert.equal(phone.$('#camera'), undefined);
  }
  assert.ok(bob.events('callMode').some((e) => e.type === 1));
  await alice.tap('#hangup');
  await waitFor(() => alice.data.screen === 'idle' && bob.data.screen === 'idle', 'both idle');
  await destroyAll(world);
});
