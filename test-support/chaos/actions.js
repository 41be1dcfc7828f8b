// What the users of a chaos session do, through the phone API (the component's page methods
// and rendered buttons) and the app's lifecycle: call, group call, accept, reject, hang up,
// invite mid-call, switch to audio, mute, camera, background/foreground, destroy and re-init,
// log in again, and commands that must be refused. Labels use the demo's command words
// (examples/demo/commands.js) where the demo has the action.
// Test-only; never shipped.
'use strict';

const { pageScreen } = require('./invariants');

/** What a user may do on each screen: [weight, action]. */
const CHOICES = {
  idle: [[35, 'call'], [15, 'groupCall'], [8, 'background'], [5, 'destroy'], [6, 'refused']],
  incoming: [[40, 'accept'], [20, 'reject'], [8, 'hangup'], [8, 'background'], [4, 'destroy'], [4, 'refused']],
  dialing: [[30, 'hangup'], [8, 'switchAudio'], [8, 'background'], [4, 'destroy'], [4, 'refused']],
  connected: [[25, 'hangup'], [10, 'inviteUser'], [10, 'switchAudio'], [10, 'mute'], [10, 'camera'], [8, 'background'],
    [4, 'destroy'], [4, 'refused']],
};

const mediaWord = (type) => (type === 1 ? 'audio' : 'video');

function errorText(error) {
  if (!error) return 'rejected';
  return `${error.code ? `${error.code}: ` : ''}${error.message || error}`;
}

/**
 * Runs a page method the way a page does (`comp.method(...).then(…, …)`): a synchronous throw is
 * an uncaught exception for the page; a rejection is a refusal. Returns a promise of
 * `{ok, error}` that never rejects (a promise that never settles stays pending).
 */
function pageCall(session, phone, what, fn) {
  let result;
  try {
    result = fn();
  } catch (error) {
    session.uncaught(`${phone.userID}: ${what} threw synchronously: ${errorText(error)}`);
    return Promise.resolve({ ok: false, error });
  }
  return Promise.resolve(result).then(() => ({ ok: true }), (error) => ({ ok: false, error }));
}

/**
 * A page command the runner waits for: its outcome if it settles without virtual time passing
 * (commands do), else `{pending: true}` and its outcome goes to the timeline when it comes, so a
 * command that waits on the clock cannot stall the runner, which moves the clock.
 */
function command(session, phone, what, fn) {
  const outcomeOf = pageCall(session, phone, what, fn);
  const later = new Promise((resolve) => setImmediate(() => resolve({ ok: true, pending: true })));
  return Promise.race([outcomeOf, later]).then((result) => {
    if (result.pending) outcomeOf.then((late) => session.note(`${phone.userID}: ${what} ${late.ok ? 'resolved' : `rejected: ${errorText(late.error)}`}`));
    return result;
  });
}

/** Taps `selector` when it is rendered, else calls the page method (as examples/demo/stage.js). */
function press(session, phone, selector, method, arg) {
  const element = selector ? phone.$(selector) : null;
  if (element) {
    return command(session, phone, `tap ${selector}`, () => { element.dispatchEvent('tap'); });
  }
  return command(session, phone, `${method}()`, () => phone.comp.instance[method](arg));
}

/** `label`, plus what became of the command. */
function outcome(label, result) {
  if (result.pending) return `${label} (pending)`;
  return result.ok ? label : `${label} → refused: ${errorText(result.error)}`;
}

/** A call-starting command: the watch learns of it before it runs. */
async function startCall(session, phone, label, timeoutS, fn) {
  const saved = session.watch.beforeCommand(phone, timeoutS);
  const result = await command(session, phone, label, fn);
  if (result.ok) session.stats.calls += 1;
  else session.watch.commandRefused(phone, saved);
  return outcome(label, result);
}

function callTimeout(session) {
  const { actRng, plan } = session;
  return actRng.weighted([[85, undefined], [8, 10], [7, 60]].concat(plan.longRings ? [[10, 600]] : []));
}

const ACTIONS = {
  call(session, phone) {
    const peer = session.actRng.pick(session.others(phone));
    const type = session.actRng.pick([1, 2]);
    const timeout = callTimeout(session);
    const label = `${phone.userID} call ${peer.userID} ${mediaWord(type)}${timeout ? ` (timeout ${timeout} s)` : ''}`;
    return startCall(session, phone, label, timeout,
      () => phone.comp.instance.call({ userID: peer.userID, type, timeout }));
  },
  groupCall(session, phone) {
    const { actRng } = session;
    const others = session.others(phone).filter(() => actRng.chance(0.7));
    if (others.length < 2) others.splice(0, others.length, ...session.others(phone).slice(0, 2));
    const users = others.map((p) => p.userID);
    const type = actRng.pick([1, 2]);
    const timeout = callTimeout(session);
    const inGroup = actRng.chance(0.5);
    const params = Object.assign({ userIDList: users, type, timeout }, inGroup ? { groupID: 'team' } : {});
    const label = `${phone.userID} ${inGroup ? 'group-call' : 'call'} ${users.join(' ')} ${mediaWord(type)}${timeout ? ` (timeout ${timeout} s)` : ''}`;
    return startCall(session, phone, label, timeout, () => phone.comp.instance.groupCall(params));
  },
  async accept(session, phone) {
    return outcome(`${phone.userID} accept`, await press(session, phone, '#accept', 'accept'));
  },
  async reject(session, phone) {
    return outcome(`${phone.userID} reject`, await press(session, phone, '#reject', 'reject'));
  },
  async hangup(session, phone) {
    return outcome(`${phone.userID} hangup`, await press(session, phone, '#hangup', 'hangup'));
  },
  async inviteUser(session, phone) {
    const peer = session.actRng.pick(session.others(phone));
    const result = await command(session, phone, 'inviteUser', () => phone.comp.instance.inviteUser({ userIDList: [peer.userID] }));
    return outcome(`${phone.userID} invites ${peer.userID} into the call`, result);
  },
  async switchAudio(session, phone) {
    return outcome(`${phone.userID} switch-audio`, await press(session, phone, '#to-audio', 'switchToAudio'));
  },
  async mute(session, phone) {
    const mic = phone.$('#mic');
    const on = !mic || String(mic.dom.className).split(/\s+/).some((c) => c === 'on' || c.endsWith('--on'));
    const result = await press(session, phone, '#mic', on ? 'closeMicrophone' : 'openMicrophone');
    return outcome(`${phone.userID} ${on ? 'mute' : 'unmute'}`, result);
  },
  async camera(session, phone) {
    const camera = phone.$('#camera');
    const on = !camera || String(camera.dom.className).split(/\s+/).some((c) => c === 'on' || c.endsWith('--on'));
    const result = await press(session, phone, '#camera', on ? 'closeCamera' : 'openCamera');
    return outcome(`${phone.userID} camera ${on ? 'off' : 'on'}`, result);
  },
  background(session, phone) {
    const ios = session.actRng.chance(0.5);
    session.watch.suspended(phone);
    phone.background({ ios });
    session.later(session.actRng.range(1000, 60000), `${phone.userID} foreground`, () => ACTIONS.foreground(session, phone));
    return `${phone.userID} background${ios ? ' (iOS: the SDK leaves the TRTC room)' : ''}`;
  },
  foreground(session, phone) {
    if (!phone.suspended) return null;
    session.watch.resumed(phone);
    phone.foreground();
    return `${phone.userID} foreground`;
  },
  async destroy(session, phone) {
    phone.live = false;
    const result = await command(session, phone, 'destroyed()', () => phone.comp.instance.destroyed());
    session.later(session.actRng.range(500, 20000), `${phone.userID} init()`, () => ACTIONS.init(session, phone));
    return outcome(`${phone.userID}'s page calls destroyed()`, result);
  },
  init(session, phone) {
    if (phone.live || phone.initPending) return null;
    const attempt = session.watch.initStarted(phone);
    phone.initPending = true;
    pageCall(session, phone, 'init()', () => phone.init()).then((result) => {
      attempt.settled = true;
      phone.initPending = false;
      phone.live = result.ok;
      session.note(`${phone.userID}: init() ${result.ok ? 'resolved' : `rejected: ${errorText(result.error)}`}`);
      if (!result.ok) session.later(session.actRng.range(1000, 30000), `${phone.userID} init()`, () => ACTIONS.init(session, phone));
    });
    return `${phone.userID}'s page calls init()`;
  },
  relogin(session, phone) {
    if (session.world.hub.sessionOf(phone.userID) === phone.tim) return null;
    pageCall(session, phone, 'tim.login()', () => phone.tim.login({ userID: phone.userID, userSig: `sig-${phone.userID}` }))
      .then((result) => session.note(`${phone.userID}'s app login ${result.ok ? 'succeeded' : `failed: ${errorText(result.error)}`}`));
    return `${phone.userID}'s app logs in to IM again`;
  },
  async refused(session, phone) {
    const { actRng } = session;
    const attempts = [
      ['accept()', () => phone.comp.instance.accept()],
      ['call() with no userID', () => phone.comp.instance.call({ userID: '', type: 2 })],
      [`call() to ${phone.userID} itself`, () => phone.comp.instance.call({ userID: phone.userID, type: 1 })],
      ['join() with no room', () => phone.comp.instance.join({ roomID: 0, type: 1 })],
      ['switchToAudio()', () => phone.comp.instance.switchToAudio()],
      ['groupCall() with nobody', () => phone.comp.instance.groupCall({ userIDList: [], type: 1 })],
    ];
    const [what, fn] = actRng.pick(attempts);
    // A command that may start something is watched like one.
    const saved = session.watch.beforeCommand(phone, undefined);
    const result = await command(session, phone, what, fn);
    if (!result.ok) session.watch.commandRefused(phone, saved);
    return outcome(`${phone.userID} ${what}`, result);
  },
};

/** One spontaneous action of `phone`, chosen by what its page shows. Returns its label or null. */
function spontaneous(session, phone) {
  if (phone.suspended) return ACTIONS.foreground(session, phone);
  if (!phone.live) return phone.initPending ? null : ACTIONS.init(session, phone);
  if (session.world.hub.sessionOf(phone.userID) !== phone.tim && session.actRng.chance(0.5)) return ACTIONS.relogin(session, phone);
  const screen = pageScreen(phone);
  const choices = CHOICES[screen];
  if (!choices) return null;
  return ACTIONS[session.actRng.weighted(choices)](session, phone);
}

module.exports = { ACTIONS, spontaneous };
