// More screens and buttons of the tuicalling component (wxcomponents/TUICalling), rendered by
// miniprogram-simulate (official compilers) as in component.test.js and driven between
// rendered components through the local IM hub and the simulated TRTC room (real time,
// short latencies, config.timeout of 1 s so the ring timeout and the offline guard
// (timeout + 5 s) stay short). The setup is shared with component.test.js
// (test-support/component-world.js).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');

const {
  SDK_APP_ID, attrs, createWorld, destroyAll, readyPhones, sleep, text, waitFor,
} = require('../test-support/component-world');

// ---- tests ---------------------------------------------------------------------------------

const SHORT = { timeout: 1 }; // seconds: the ring timeout; the caller's offline guard is at timeout + 5 s

test('offline: the callee never answers (not logged in); the caller toasts "bob不在线" at its guard', async () => {
  const world = createWorld();
  const [alice] = await readyPhones(world, [['alice', SHORT]]);
  await alice.comp.instance.call({ userID: 'bob', type: 2 });
  await sleep(0);
  assert.equal(alice.data.screen, 'dialing');
  await sleep(2000);
  assert.equal(alice.data.screen, 'dialing', 'still dialing past the ring timeout: nobody answered the invite');
  assert.deepEqual(alice.toastTitles(), []);
  await waitFor(() => alice.data.screen === 'idle', 'the offline guard fired', 6000);
  assert.deepEqual(alice.toastTitles(), ['bob不在线']);
  assert.equal(alice.toasts[0].icon, 'none');
  assert.equal(alice.events('noResp').length, 1);
  assert.deepEqual(alice.events('noResp')[0].timeoutUserList, ['bob']);
  assert.equal(alice.events('callEnd')[0].reason, 'offline');
  assert.equal(alice.events('onCallNotConnected').length, 1);
  assert.equal(alice.$('#root'), undefined);
  assert.equal(alice.$('#preview'), undefined);
  await destroyAll(world);
});

test('ring timeout: bob lets it ring; alice toasts "bob超时无应答", bob "alice的来电未接听"; both go idle', async () => {
  const world = createWorld();
  const [alice, bob] = await readyPhones(world, [['alice', SHORT], ['bob', SHORT]]);
  await alice.comp.instance.call({ userID: 'bob', type: 1 });
  await waitFor(() => bob.data.screen === 'incoming', 'bob rings');
  assert.ok(bob.$('#accept') && bob.$('#reject'));
  await waitFor(() => alice.data.screen === 'idle' && bob.data.screen === 'idle', 'both idle after the ring timeout', 4000);
  assert.deepEqual(alice.toastTitles(), ['bob超时无应答']);
  assert.deepEqual(bob.toastTitles(), ['alice的来电未接听'], 'the callee sees a missed call, not his own name');
  assert.equal(alice.events('noResp').length, 0, 'a timeout, not offline');
  assert.deepEqual(alice.events('callingTimeout')[0].timeoutUserList, ['bob']);
  assert.deepEqual(bob.events('callingTimeout')[0].timeoutUserList, ['bob']);
  for (const phone of [alice, bob]) {
    assert.equal(phone.events('callEnd')[0].reason, 'no_response', phone.userID);
    assert.equal(phone.events('onCallNotConnected').length, 1, phone.userID);
    assert.equal(phone.$('#root'), undefined);
  }
  await destroyAll(world);
});

test('kicked out: a second login of bob mid-call ends his call with "您已被踢下线"; hub.kick when idle too', async () => {
  const world = createWorld();
  const { hub } = world;
  const [alice, bob] = await readyPhones(world, [['alice'], ['bob']]);
  await alice.comp.instance.call({ userID: 'bob', type: 2 });
  await waitFor(() => bob.data.screen === 'incoming', 'bob rings');
  await bob.tap('#accept');
  await waitFor(() => alice.data.screen === 'connected' && alice.data.playerList.length === 1, 'connected');
  // Bob signs in on another device.
  const other = hub.createInstance({ SDKAppID: SDK_APP_ID, flavour: '3.x' });
  await other.login({ userID: 'bob', userSig: 'sig-bob' });
  await waitFor(() => bob.data.screen === 'idle', 'bob kicked out of the call');
  assert.ok(bob.toastTitles().includes('您已被踢下线'), bob.toastTitles().join());
  assert.equal(bob.events('kickedOut').length, 1);
  assert.equal(bob.events('kickedOut')[0].type, 'multipleAccount');
  assert.equal(bob.events('callEnd')[0].reason, 'kicked_out');
  assert.equal(bob.$('#root'), undefined);
  assert.equal(bob.$('#pusher'), undefined);
  await alice.comp.instance.hangup().catch(() => {});
  await waitFor(() => alice.data.screen === 'idle', 'alice idle');
  await other.logout();

  // Kicked while idle (hub.kick): only the toast, in the page's locale.
  const world2 = createWorld();
  const [carol] = await readyPhones(world2, [['carol', { locale: 'en' }]]);
  world2.hub.kick('carol');
  await waitFor(() => carol.toasts.length === 1, 'kicked toast');
  assert.deepEqual(carol.toastTitles(), ['You were signed in elsewhere and went offline']);
  assert.equal(carol.events('kickedOut').length, 1);
  assert.equal(carol.events('callEnd').length, 0, 'no call to end');
  assert.equal(carol.$('#root'), undefined);
  await destroyAll(world);
  await destroyAll(world2);
});

test('video dialing and incoming: the preview flip button switches the camera before connecting', async () => {
  const world = createWorld();
  const [alice, bob] = await readyPhones(world, [['alice'], ['bob']]);
  await alice.comp.instance.call({ userID: 'bob', type: 2 });
  await sleep(0);
  assert.ok(alice.$('#flip-preview'), 'flip on the dialing screen');
  const flip = alice.$('#flip-preview').toJSON();
  assert.equal(attrs(alice.$('#flip-preview')).ariaLabel, '翻转');
  assert.equal(flip.children[0].tagName, 'wx-image');
  assert.equal(flip.children[0].attrs.find((a) => a.name === 'src').value, '/wxcomponents/TUICalling/static/switch-camera.svg');
  assert.equal(attrs(alice.$('#preview')).devicePosition, 'front');
  await alice.tap('#flip-preview');
  assert.equal(alice.data.frontCamera, false);
  assert.equal(attrs(alice.$('#preview')).devicePosition, 'back');
  await alice.tap('#flip-preview');
  assert.equal(attrs(alice.$('#preview')).devicePosition, 'front');
  await waitFor(() => bob.data.screen === 'incoming', 'bob rings');
  assert.ok(bob.$('#preview'), 'the callee sees a camera preview for a video call');
  assert.ok(bob.$('#flip-preview'));
  await bob.tap('#flip-preview');
  assert.equal(attrs(bob.$('#preview')).devicePosition, 'back');
  await bob.tap('#accept');
  await waitFor(() => alice.data.screen === 'connected' && bob.data.screen === 'connected', 'connected');
  assert.equal(bob.$('#flip-preview'), undefined, 'the preview flip is gone once connected');
  assert.equal(bob.$('#preview'), undefined);
  assert.ok(bob.$('#flip'));
  await alice.tap('#hangup');
  await waitFor(() => alice.data.screen === 'idle' && bob.data.screen === 'idle', 'both idle');
  assert.equal(alice.data.frontCamera, true, 'back to the front camera for the next call');
  await destroyAll(world);
});

test('incoming screen: reject ends the call on both sides; the callee gets no toast', async () => {
  const world = createWorld();
  const [alice, bob] = await readyPhones(world, [['alice'], ['bob']]);
  await alice.comp.instance.call({ userID: 'bob', type: 2 });
  await waitFor(() => bob.data.screen === 'incoming', 'bob rings');
  assert.equal(text(bob.$('#reject')), '挂断');
  assert.equal(text(bob.$('#accept')), '接听');
  assert.equal(bob.$('#hangup'), undefined);
  assert.equal(bob.$('#to-audio'), undefined);
  await bob.tap('#reject');
  assert.equal(bob.data.screen, 'idle');
  assert.equal(bob.$('#root'), undefined);
  await waitFor(() => alice.data.screen === 'idle', 'alice told');
  assert.deepEqual(alice.toastTitles(), ['bob已拒绝']);
  assert.deepEqual(bob.toastTitles(), []);
  assert.equal(alice.events('reject')[0].invitee, 'bob');
  assert.equal(bob.events('callEnd')[0].reason, 'reject');
  assert.equal(alice.events('callEnd')[0].reason, 'reject');
  assert.equal(bob.events('onCallNotConnected').length, 1);
  assert.equal(alice.events('onCallNotConnected').length, 1);
  await destroyAll(world);
});

test('audio dialing screen: avatar card, waiting text and only a hang-up button; hang-up cancels', async () => {
  const world = createWorld();
  const [alice, bob] = await readyPhones(world, [['alice', { type: 1 }], ['bob']]);
  await alice.comp.instance.call({ userID: 'bob' });
  await sleep(0);
  assert.equal(alice.data.screen, 'dialing');
  assert.equal(alice.data.type, 1, 'config.type is the default');
  assert.match(alice.$('#root').dom.className, /\baudio-call\b/);
  assert.match(alice.$('#peer').dom.className, /\bpeer-audio\b/);
  assert.ok(alice.comp.querySelector('.avatar-large'));
  assert.equal(text(alice.$('#peer-name')), 'bob');
  assert.equal(text(alice.$('#subtitle')), '等待对方接受');
  assert.equal(alice.$('#preview'), undefined);
  assert.equal(alice.$('#flip-preview'), undefined);
  assert.equal(alice.$('#to-audio'), undefined);
  assert.equal(alice.$('#accept'), undefined);
  assert.equal(alice.$('#reject'), undefined);
  assert.equal(text(alice.$('#hangup')), '挂断');
  await waitFor(() => bob.data.screen === 'incoming', 'bob rings');
  assert.equal(text(bob.$('#subtitle')), '邀请你语音通话');
  assert.equal(bob.$('#flip-preview'), undefined);
  await alice.tap('#hangup');
  assert.equal(alice.data.screen, 'idle');
  await waitFor(() => bob.data.screen === 'idle', 'bob stops ringing');
  assert.deepEqual(bob.toastTitles(), ['alice取消通话']);
  assert.deepEqual(alice.toastTitles(), []);
  assert.equal(bob.events('callingCancel').length, 1);
  assert.equal(alice.events('callEnd')[0].reason, 'canceled');
  assert.equal(bob.events('callEnd')[0].reason, 'canceled');
  await destroyAll(world);
});

const rowIDs = (phone) => phone.comp.querySelectorAll('.peer-row').map((row) => row.dom.dataset.userid).filter(Boolean).sort();

test('group dialing list: a waiting row per invitee; the incoming list shows the inviter and the others', async () => {
  const world = createWorld();
  world.hub.createGroup('g2', ['alice', 'bob', 'carol', 'dave']);
  const [alice, bob, carol, dave] = await readyPhones(world, [['alice'], ['bob'], ['carol'], ['dave']]);
  await alice.comp.instance.groupCall({ userIDList: ['bob', 'carol', 'dave'], type: 1, groupID: 'g2' });
  await sleep(0);
  assert.equal(alice.data.screen, 'dialing');
  assert.ok(alice.$('#peer-list'));
  assert.equal(alice.$('#peer'), undefined, 'no 1v1 card');
  assert.deepEqual(rowIDs(alice), ['bob', 'carol', 'dave']);
  assert.equal(alice.comp.querySelector('.inviter'), undefined, 'the caller lists no inviter row');
  assert.deepEqual(alice.comp.querySelectorAll('.peer-row .subtitle').map(text), ['等待对方接受', '等待对方接受', '等待对方接受']);
  assert.equal(alice.$('#to-audio'), undefined);
  assert.equal(alice.$('#flip-preview'), undefined);
  assert.ok(alice.$('#hangup'));
  await waitFor(() => [bob, carol, dave].every((p) => p.data.screen === 'incoming'), 'all ring');
  const inviter = bob.comp.querySelector('.inviter');
  assert.ok(inviter, 'the inviter row');
  assert.equal(text(inviter).replace(/\s+/g, ''), 'alicealice邀请你语音通话', 'avatar letter, name, subtitle');
  assert.deepEqual(rowIDs(bob), ['carol', 'dave'], 'the other invitees, not bob himself nor the caller twice');
  assert.ok(bob.$('#accept') && bob.$('#reject'));
  // Dave rejects: alice is told, the others keep ringing and alice's list shrinks.
  await dave.tap('#reject');
  await waitFor(() => alice.toastTitles().includes('dave已拒绝'), 'alice told of dave');
  assert.equal(alice.data.screen, 'dialing');
  await waitFor(() => alice.data.peers.some((p) => p.userID === 'dave' && p.state === 'rejected'), 'dave marked rejected');
  // The caller hangs up while dialing: both remaining callees stop ringing.
  await alice.tap('#hangup');
  await waitFor(() => bob.data.screen === 'idle' && carol.data.screen === 'idle', 'all idle');
  // (Group signaling: the other callees also saw 'dave已拒绝'.)
  assert.equal(bob.toastTitles().at(-1), 'alice取消通话');
  assert.equal(carol.toastTitles().at(-1), 'alice取消通话');
  await destroyAll(world);
});

test('calls({userIDList, type}) without a group: C2C invites, a dialing list, grid once two answer', async () => {
  const world = createWorld();
  const [alice, bob, carol] = await readyPhones(world, [['alice'], ['bob'], ['carol']]);
  await alice.comp.instance.calls({ userIDList: ['bob', 'carol'], type: 2 });
  await sleep(0);
  assert.equal(alice.data.screen, 'dialing');
  assert.equal(alice.data.type, 2);
  assert.ok(alice.$('#peer-list'));
  assert.deepEqual(rowIDs(alice), ['bob', 'carol']);
  assert.equal(alice.$('#preview'), undefined, 'no 1v1 preview for a multi-user call');
  await waitFor(() => bob.data.screen === 'incoming' && carol.data.screen === 'incoming', 'both ring');
  assert.equal(bob.events('invited')[0].sponsor, 'alice');
  assert.equal(bob.events('onCallReceived')[0].callMediaType, 2);
  assert.equal(alice.events('sendMessage').length, 0, 'a multi-user call is not a 1v1 chat message');
  await bob.tap('#accept');
  await carol.tap('#accept');
  await waitFor(() => [alice, bob, carol].every((p) => p.data.screen === 'connected' && p.data.playerList.length === 2),
    'all connected with two players');
  for (const phone of [alice, bob, carol]) {
    assert.equal(phone.data.layout, 'grid', phone.userID);
    assert.equal(phone.comp.querySelectorAll('.tile').length, 3);
    assert.equal(phone.comp.querySelectorAll('.tile-name').length, 2);
  }
  await alice.tap('#hangup');
  await waitFor(() => alice.data.screen === 'idle' && bob.data.playerList.length === 1, 'alice left');
  await bob.tap('#hangup');
  await waitFor(() => bob.data.screen === 'idle' && carol.data.screen === 'idle', 'all idle');
  await destroyAll(world);
});

test('inviteUser mid-call: a third component rings, accepts and joins the grid', async () => {
  const world = createWorld();
  const [alice, bob, carol] = await readyPhones(world, [['alice'], ['bob'], ['carol']]);
  await alice.comp.instance.call({ userID: 'bob', type: 2 });
  await waitFor(() => bob.data.screen === 'incoming', 'bob rings');
  await bob.tap('#accept');
  await waitFor(() => alice.data.screen === 'connected' && alice.data.playerList.length === 1, 'connected 1v1');
  assert.equal(alice.data.layout, 'single');
  await alice.comp.instance.inviteUser({ userIDList: ['carol'] });
  await waitFor(() => carol.data.screen === 'incoming', 'carol rings');
  assert.equal(carol.events('invited')[0].sponsor, 'alice');
  assert.ok(carol.$('#accept') && carol.$('#reject'));
  assert.equal(alice.data.screen, 'connected', 'the running call goes on');
  await carol.tap('#accept');
  await waitFor(() => [alice, bob, carol].every((p) => p.data.screen === 'connected' && p.data.playerList.length === 2),
    'three in the call');
  for (const phone of [alice, bob, carol]) {
    assert.equal(phone.data.layout, 'grid', phone.userID);
    assert.equal(phone.comp.querySelectorAll('.tile').length, 3, phone.userID);
    assert.equal(phone.$('#to-audio'), undefined, `${phone.userID}: no switch to audio in a grid`);
  }
  assert.ok(alice.events('userEnter').map((e) => e.userID).includes('carol'));
  await carol.tap('#hangup');
  await waitFor(() => carol.data.screen === 'idle' && alice.data.playerList.length === 1, 'carol left');
  await alice.tap('#hangup');
  await waitFor(() => alice.data.screen === 'idle' && bob.data.screen === 'idle', 'all idle');
  await destroyAll(world);
});

test('join({roomID, type}) into a running group call: the joiner connects, the others see a new tile', async () => {
  const world = createWorld();
  world.hub.createGroup('g3', ['alice', 'bob', 'carol']);
  const [alice, bob, carol] = await readyPhones(world, [['alice'], ['bob'], ['carol']]);
  await alice.comp.instance.groupCall({ userIDList: ['bob'], type: 2, groupID: 'g3' });
  await waitFor(() => bob.data.screen === 'incoming', 'bob rings');
  await bob.tap('#accept');
  await waitFor(() => alice.data.screen === 'connected' && alice.data.playerList.length === 1, 'alice and bob connected');
  const { roomID } = alice.data;
  assert.ok(roomID, 'the room id is rendered data');
  assert.equal(carol.data.screen, 'idle');
  await carol.comp.instance.join({ roomID, groupID: 'g3', type: 2 });
  await waitFor(() => carol.data.screen === 'connected' && carol.data.playerList.length === 2, 'carol joined');
  await waitFor(() => alice.data.playerList.length === 2 && bob.data.playerList.length === 2, 'the others see carol');
  assert.equal(world.rooms.roomOf('carol'), world.rooms.roomOf('alice'));
  for (const phone of [alice, bob, carol]) {
    assert.equal(phone.data.layout, 'grid', phone.userID);
    assert.equal(phone.comp.querySelectorAll('.tile').length, 3, phone.userID);
    assert.ok(phone.$('#hangup') && phone.$('#mic') && phone.$('#camera') && phone.$('#speaker'));
  }
  assert.ok(attrs(carol.$('#alice_main')).src.includes('userid=alice&'));
  assert.equal(carol.events('invited').length, 0, 'carol was not invited');
  await carol.tap('#hangup');
  await waitFor(() => carol.data.screen === 'idle' && alice.data.playerList.length === 1, 'carol left again');
  assert.equal(alice.data.screen, 'connected');
  await alice.tap('#hangup');
  await waitFor(() => alice.data.screen === 'idle' && bob.data.screen === 'idle', 'all idle');
  await destroyAll(world);
});

test('group dialing list: a rejected invitee no longer shows "waiting"', async () => {
  const world = createWorld();
  const [alice, bob, carol] = await readyPhones(world, [['alice'], ['bob'], ['carol']]);
  await alice.comp.instance.calls({ userIDList: ['bob', 'carol'], type: 1 });
  await waitFor(() => bob.data.screen === 'incoming' && carol.data.screen === 'incoming', 'both ring');
  await carol.tap('#reject');
  await waitFor(() => alice.toastTitles().includes('carol已拒绝'), 'alice told');
  await waitFor(() => !rowIDs(alice).includes('carol')
    || alice.comp.querySelectorAll('.peer-row .subtitle').length === 1, 'carol not shown as waiting');
  await alice.tap('#hangup');
  await destroyAll(world);
});
