// The demo's command language, shared by the scripted scenarios and interactive mode:
// `alice call bob video`, `bob accept`, `wait 10s`, … (see HELP).
'use strict';

const HELP = `commands (phones: alice, bob, carol):
  <who> call <user>[ <user>…] [audio|video]   1v1 call, or one C2C invite each for several users
  <who> group-call <user> <user> [audio|video] group call in the IM group "team"
  <who> accept | reject | hangup
  <who> mute | unmute                          microphone off / on
  <who> camera off | camera on
  <who> switch-audio                           a 1v1 video call becomes an audio call
  <who> speaker | earpiece
  <who> background | foreground                the app goes to the background / comes back
  wait <n>s | wait <n>ms                       let virtual time pass
  show                                         every phone's screen
  help | quit`;

/** `10s`, `1.5s`, `500ms` → ms; NaN when it is not a duration. */
function parseDuration(text) {
  const m = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text || '');
  if (!m) return NaN;
  return Math.round(Number(m[1]) * (m[2] === 'ms' ? 1 : 1000));
}

function mediaType(word) {
  if (word === 'audio') return 1;
  if (word === 'video' || word === undefined) return 2;
  return 0;
}

/** Phone verbs: [selector of the rendered button (or null), component method, argument]. */
const VERBS = {
  accept: ['#accept', 'accept'],
  reject: ['#reject', 'reject'],
  hangup: ['#hangup', 'hangup'],
  mute: [null, 'closeMicrophone'],
  unmute: [null, 'openMicrophone'],
  'camera off': [null, 'closeCamera'],
  'camera on': [null, 'openCamera'],
  'switch-audio': ['#to-audio', 'switchToAudio'],
  speaker: [null, 'setSoundMode', 'speaker'],
  earpiece: [null, 'setSoundMode', 'ear'],
};

/**
 * Runs one command line on a stage. Returns 'quit' for quit/exit, else undefined; unknown
 * commands print a hint.
 */
async function runCommand(stage, line) {
  const words = line.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words[0].startsWith('#')) return undefined;
  const [first, ...rest] = words;
  if (first === 'quit' || first === 'exit') return 'quit';
  if (first === 'help') { stage.print(HELP); return undefined; }
  if (first === 'show') { stage.show(); return undefined; }
  if (first === 'wait') {
    const ms = parseDuration(rest[0]);
    if (!(ms >= 0)) { stage.print(`wait what? e.g. "wait 10s"`); return undefined; }
    stage.print(`[${stage.stamp()}] … ${rest[0]} pass`);
    await stage.wait(ms);
    return undefined;
  }
  if (!stage.phones[first]) { stage.print(`unknown command "${line.trim()}" (type help)`); return undefined; }
  const verb = rest.join(' ');
  const phone = stage.phone(first);
  if (rest[0] === 'call' || rest[0] === 'group-call') {
    const last = rest[rest.length - 1];
    const explicit = last === 'audio' || last === 'video';
    const users = rest.slice(1, explicit ? -1 : undefined);
    const type = mediaType(explicit ? last : undefined);
    if (users.length === 0) { stage.print('call whom? e.g. "alice call bob video"'); return undefined; }
    const label = `${first} ${rest[0] === 'call' ? 'calls' : 'group-calls'} ${users.join(', ')} (${explicit ? last : 'video'})`;
    const instance = phone.comp.instance;
    if (rest[0] === 'group-call') await stage.act(label, () => instance.groupCall({ userIDList: users, type, groupID: 'team' }));
    else if (users.length === 1) await stage.act(label, () => instance.call({ userID: users[0], type }));
    else await stage.act(label, () => instance.groupCall({ userIDList: users, type }));
    return undefined;
  }
  if (verb === 'background' || verb === 'foreground') {
    await stage.act(`${first}'s app goes to the ${verb}`, () => phone[verb]());
    return undefined;
  }
  const spec = VERBS[verb];
  if (!spec) { stage.print(`unknown command "${line.trim()}" (type help)`); return undefined; }
  await stage.act(`${first} ${verb}`, () => stage.press(first, spec[0], spec[1], spec[2]));
  return undefined;
}

module.exports = { HELP, parseDuration, runCommand };
