// wxcomponents/TUICalling/static: our own icons, default avatar and ringtone.
//  - the folder holds exactly what the component uses, and everything it uses is there;
//  - the SVGs parse and keep to what WeChat's <image> renders (no % units, no <style>);
//  - ring.wav is what scripts/assets/ringtone.js makes, and a valid 8 kHz PCM WAV;
//  - rendered: the buttons show the icons, the bell rings while dialing/incoming (custom bell,
//    mute mode) and stops, a broken avatar falls back to ours.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { JSDOM } = require('jsdom');
const { REPO, attrs, createWorld, destroyAll, readyPhones, sleep, waitFor } = require('../test-support/component-world');
const { ringtoneWav, SAMPLE_RATE, PATTERN } = require('../scripts/assets/ringtone');

const COMPONENT_DIR = path.join(REPO, 'wxcomponents', 'TUICalling');
const STATIC_DIR = path.join(COMPONENT_DIR, 'static');
const ASSETS = '/wxcomponents/TUICalling/static';
const ICONS = ['accept', 'camera-off', 'camera-on', 'earpiece', 'hangup', 'mic-off', 'mic-on', 'speaker', 'switch-camera'];

test('static/: exactly the files the component uses, each one used', () => {
  const wxml = fs.readFileSync(path.join(COMPONENT_DIR, 'TUICalling.wxml'), 'utf8');
  const js = fs.readFileSync(path.join(COMPONENT_DIR, 'TUICalling.js'), 'utf8');
  const expected = ICONS.map((name) => `${name}.svg`).concat(['avatar.svg', 'ring.wav']).sort();
  assert.deepEqual(fs.readdirSync(STATIC_DIR).sort(), expected);
  for (const name of ICONS) assert.ok(wxml.includes(`'${name}'`) || wxml.includes(`{{assets}}/${name}.svg`), `${name}.svg is used by the wxml`);
  assert.ok(js.includes("'/avatar.svg'"), 'avatar.svg is used by the js');
  assert.ok(js.includes("'/ring.wav'"), 'ring.wav is used by the js');
});

test('static/: the SVGs parse and keep to what WeChat\'s <image> renders', () => {
  const { window } = new JSDOM('');
  for (const name of fs.readdirSync(STATIC_DIR).filter((f) => f.endsWith('.svg'))) {
    const source = fs.readFileSync(path.join(STATIC_DIR, name), 'utf8');
    const doc = new window.DOMParser().parseFromString(source, 'image/svg+xml');
    assert.equal(doc.getElementsByTagName('parsererror').length, 0, `${name} is well-formed`);
    const root = doc.documentElement;
    assert.equal(root.tagName, 'svg', name);
    assert.equal(root.getAttribute('xmlns'), 'http://www.w3.org/2000/svg', name);
    for (const attr of ['width', 'height', 'viewBox']) assert.ok(root.getAttribute(attr), `${name} has ${attr}`);
    assert.ok(!source.includes('%'), `${name}: WeChat's image does not support % units in SVG`);
    assert.equal(doc.getElementsByTagName('style').length, 0, `${name}: no <style> (unsupported)`);
    assert.ok(source.length < 1024, `${name} stays small (${source.length} B)`);
  }
});

test('static/ring.wav: made by scripts/assets/ringtone.js; 8 kHz 8-bit mono PCM in the ring pattern', () => {
  const bytes = fs.readFileSync(path.join(STATIC_DIR, 'ring.wav'));
  assert.ok(bytes.equals(ringtoneWav()), 'the shipped file is the generator\'s output (run node scripts/assets/ringtone.js)');
  assert.equal(bytes.toString('ascii', 0, 4), 'RIFF');
  assert.equal(bytes.readUInt32LE(4), bytes.length - 8);
  assert.equal(bytes.toString('ascii', 8, 16), 'WAVEfmt ');
  assert.equal(bytes.readUInt16LE(20), 1, 'PCM');
  assert.equal(bytes.readUInt16LE(22), 1, 'mono');
  assert.equal(bytes.readUInt32LE(24), SAMPLE_RATE);
  assert.equal(bytes.readUInt16LE(34), 8, '8-bit');
  assert.equal(bytes.toString('ascii', 36, 40), 'data');
  const data = bytes.subarray(44);
  assert.equal(data.length, bytes.readUInt32LE(40));
  // Each segment is loud where the pattern rings and exactly silent where it does not.
  let offset = 0;
  for (const [seconds, sounding] of PATTERN) {
    const count = Math.round(seconds * SAMPLE_RATE);
    const segment = data.subarray(offset, offset + count);
    const peak = segment.reduce((max, v) => Math.max(max, Math.abs(v - 128)), 0);
    if (sounding) assert.ok(peak > 60, `ringing segment at ${offset} is audible (peak ${peak})`);
    else assert.equal(peak, 0, `silent segment at ${offset}`);
    offset += count;
  }
  assert.equal(offset, data.length);
});

const audioCalls = (phone) => phone.contextCalls.filter((c) => c[0].startsWith('audio.'));
const srcOf = (element) => attrs(element).src;

test('rendered: icons on every button; the bell rings while dialing and incoming, then stops', async () => {
  const world = createWorld();
  const [alice, bob] = await readyPhones(world, [['alice'], ['bob']]);
  await alice.comp.instance.call({ userID: 'bob', type: 2 });
  await waitFor(() => bob.data.screen === 'incoming', 'bob rings');
  assert.deepEqual(audioCalls(alice), [['audio.play', `${ASSETS}/ring.wav`, true]], 'the caller hears the ringback');
  assert.deepEqual(audioCalls(bob), [['audio.play', `${ASSETS}/ring.wav`, true]], 'the callee rings with our ringtone');
  assert.equal(srcOf(alice.$('#hangup .icon')), `${ASSETS}/hangup.svg`);
  assert.equal(srcOf(alice.$('#to-audio .icon-inline')), `${ASSETS}/accept.svg`);
  assert.equal(srcOf(bob.$('#reject .icon')), `${ASSETS}/hangup.svg`);
  assert.equal(srcOf(bob.$('#accept .icon')), `${ASSETS}/accept.svg`);

  await bob.tap('#accept');
  await waitFor(() => alice.data.screen === 'connected' && bob.data.screen === 'connected', 'connected');
  for (const phone of [alice, bob]) {
    assert.deepEqual(audioCalls(phone).slice(1), [['audio.stop', `${ASSETS}/ring.wav`], ['audio.destroy', `${ASSETS}/ring.wav`]], `${phone.userID}: the bell stops once connected`);
  }
  const icon = (selector) => srcOf(alice.$(`${selector} .icon`)).replace(`${ASSETS}/`, '');
  assert.deepEqual(['#mic', '#speaker', '#camera', '#to-audio', '#hangup', '#flip'].map(icon),
    ['mic-on.svg', 'speaker.svg', 'camera-on.svg', 'accept.svg', 'hangup.svg', 'switch-camera.svg']);
  await alice.tap('#mic');
  await alice.tap('#speaker');
  await alice.tap('#camera');
  await waitFor(() => !alice.data.cameraOn, 'camera off');
  assert.deepEqual(['#mic', '#speaker', '#camera'].map(icon), ['mic-off.svg', 'earpiece.svg', 'camera-off.svg']);
  assert.equal(alice.$('#flip'), undefined, 'no camera switch while the camera is off');
  await alice.tap('#hangup');
  await waitFor(() => bob.data.screen === 'idle', 'ended');
  assert.equal(audioCalls(alice).length, 3, 'no bell after the call');
  await destroyAll(world);
});

test('rendered: setCallingBell rings the callee with its path; mute mode silences only incoming calls', async () => {
  const world = createWorld();
  const [alice, bob] = await readyPhones(world, [['alice'], ['bob']]);
  await bob.comp.instance.setCallingBell('/static/my-ring.mp3');
  await alice.comp.instance.call({ userID: 'bob', type: 1 });
  await waitFor(() => bob.data.screen === 'incoming', 'bob rings');
  assert.deepEqual(audioCalls(bob), [['audio.play', '/static/my-ring.mp3', true]]);
  await bob.tap('#reject');
  await waitFor(() => alice.data.screen === 'idle' && bob.data.screen === 'idle', 'rejected');
  assert.deepEqual(audioCalls(bob).slice(1).map((c) => c[0]), ['audio.stop', 'audio.destroy']);

  await bob.comp.instance.enableMuteMode(true);
  const before = audioCalls(bob).length;
  await alice.comp.instance.call({ userID: 'bob', type: 1 });
  await waitFor(() => bob.data.screen === 'incoming', 'bob rings again');
  await sleep(20);
  assert.equal(audioCalls(bob).length, before, 'mute mode: the callee stays silent');
  await bob.comp.instance.hangup();
  await waitFor(() => alice.data.screen === 'idle', 'rejected');

  await bob.comp.instance.setCallingBell('');
  await bob.comp.instance.call({ userID: 'alice', type: 1 });
  await waitFor(() => bob.data.screen === 'dialing', 'bob dials');
  assert.deepEqual(audioCalls(bob).slice(before), [['audio.play', `${ASSETS}/ring.wav`, true]], 'mute mode keeps the caller\'s ringback');
  await bob.comp.instance.hangup();
  await destroyAll(world);
});

test('rendered: setSelfInfo reaches the peer through the IM profile; a broken avatar falls back to static/avatar.svg', async () => {
  const world = createWorld();
  const [alice, bob] = await readyPhones(world, [['alice'], ['bob'], ['carol']]);
  const broken = 'https://example.invalid/bob.png';
  await bob.comp.instance.setSelfInfo('Bob', broken);
  await alice.comp.instance.call({ userID: 'bob', type: 1 });
  await waitFor(() => alice.$('#peer .avatar-image'), 'bob\'s avatar image on alice\'s dialing screen');
  assert.equal(srcOf(alice.$('#peer .avatar-image')), broken);
  assert.equal(alice.$('#peer-name').dom.textContent, 'Bob', 'the nick from bob\'s profile');
  alice.$('#peer .avatar-image').dispatchEvent('error', { detail: { errMsg: `GET ${broken} 404` } });
  await sleep(0);
  assert.equal(srcOf(alice.$('#peer .avatar-image')), `${ASSETS}/avatar.svg`);
  await alice.comp.instance.hangup();
  await waitFor(() => bob.data.screen === 'idle', 'canceled');

  await alice.comp.instance.call({ userID: 'carol', type: 1 });
  await waitFor(() => alice.data.screen === 'dialing' && alice.data.peers.length === 1, 'alice dials carol');
  await sleep(30);
  assert.equal(alice.$('#peer .avatar-image'), undefined, 'carol has no avatar: no image');
  assert.equal(alice.$('#peer .avatar-letter').dom.textContent, 'carol', 'her user id stands in');
  await alice.comp.instance.hangup();

  await alice.comp.instance.setSelfInfo('Alice', 'https://example.invalid/alice.png');
  assert.equal(alice.data.me.avatar, 'https://example.invalid/alice.png');
  alice.comp.instance.onAvatarError({ currentTarget: { dataset: { src: 'https://example.invalid/alice.png' } } });
  assert.equal(alice.data.me.avatar, `${ASSETS}/avatar.svg`, 'the own avatar falls back too');
  await destroyAll(world);
});
