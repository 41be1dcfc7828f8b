// The page's commands: `{op, …}` objects, checked field by field (a bad one is a CommandError
// with a sentence the page shows), then run on the simulator with the clock held. Taps go to
// the phone's DOM; the panel's buttons call the component's own methods, as an app would.
'use strict';

const { CommandError } = require('./command-error');
const { MAX_DELAY_S } = require('./faults');
const { SPEEDS } = require('./pacer');
const { GROUP_ID, ROSTER } = require('./sim');
const { setServiceMode } = require('./service-mode');

/** How long a command waits for the component's answer before it reports "pending" (real ms). */
const ANSWER_MS = 3000;

const MEDIA = { audio: 1, video: 2 };

// ---- field checks --------------------------------------------------------------------------

function bad(message) {
  return new CommandError(400, `malformed command: ${message}`);
}

function slotOf(sim, command) {
  const index = command.slot;
  if (!Number.isInteger(index)) throw bad('"slot" must be a phone number (0, 1, …)');
  const slot = sim.slot(index);
  if (!slot || !slot.phone) throw new CommandError(404, `no phone ${index} (phones 0 to ${sim.slots.length - 1})`);
  return slot;
}

function userOf(value, field) {
  if (typeof value !== 'string') throw bad(`"${field}" must be a user name`);
  if (!ROSTER.includes(value)) throw new CommandError(404, `unknown user "${value}" (users: ${ROSTER.join(', ')})`);
  return value;
}

function usersOf(command, caller) {
  if (!Array.isArray(command.users) || command.users.length === 0) throw bad('"users" must list whom to call');
  const users = command.users.map((u) => userOf(u, 'users'));
  if (users.includes(caller)) throw new CommandError(400, `${caller} cannot call ${caller}`);
  if (new Set(users).size !== users.length) throw bad('"users" names someone twice');
  return users;
}

function mediaOf(command) {
  const media = command.media === undefined ? 'video' : command.media;
  if (!MEDIA[media]) throw bad('"media" must be "audio" or "video"');
  return media;
}

function flagOf(command, field) {
  if (typeof command[field] !== 'boolean') throw bad(`"${field}" must be true or false`);
  return command[field];
}

// ---- running -------------------------------------------------------------------------------

/**
 * A component method's promise, answered within ANSWER_MS: `{ok:true}`, a CommandError 422
 * with the engine's refusal (also put on the timeline), or `{ok:true, pending:true}`.
 */
async function answer(sim, who, what, promise) {
  const refused = (error) => {
    const text = `${error && error.code ? `${error.code}: ` : ''}${error && error.message ? error.message : error}`;
    sim.note(`${who}: ${what} refused: ${text}`, 'refused');
    return new CommandError(422, `${who}: ${what} refused: ${text}`);
  };
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve('late'), ANSWER_MS); });
  const outcome = await Promise.race([promise.then(() => 'done', (error) => ({ error })), late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    promise.catch((error) => { refused(error); });
    return { ok: true, pending: true };
  }
  if (outcome !== 'done') throw refused(outcome.error);
  return { ok: true };
}

/** An op that sets one of a phone's switches (`field`: true or false), told on the timeline. */
function phoneSwitch(field, describe, apply) {
  return (sim, c) => {
    const slot = slotOf(sim, c);
    const value = flagOf(c, field);
    sim.note(describe(slot.userID, value), 'action');
    apply(slot, value);
    return { ok: true };
  };
}

/** Each op: (sim, command) → a result, run with the clock held; a Promise is answered outside. */
const OPS = {
  tap(sim, c) {
    const slot = slotOf(sim, c);
    if (!Number.isInteger(c.node)) throw bad('"node" must be the data-n of the tapped element');
    sim.note(`${slot.userID} taps ${slot.tap(c.node)}`, 'action');
    return { ok: true };
  },
  call(sim, c) {
    const slot = slotOf(sim, c);
    const users = usersOf(c, slot.userID);
    const media = mediaOf(c);
    const what = `call ${users.join(', ')} (${media})`;
    sim.note(`${slot.userID}: ${what}`, 'action');
    const instance = slot.phone.comp.instance;
    const type = MEDIA[media];
    const promise = users.length === 1 ? instance.call({ userID: users[0], type }) : instance.groupCall({ userIDList: users, type });
    return { who: slot.userID, what, promise };
  },
  groupCall(sim, c) {
    const slot = slotOf(sim, c);
    const users = usersOf(c, slot.userID);
    const media = mediaOf(c);
    const what = `group call ${users.join(', ')} in "${GROUP_ID}" (${media})`;
    sim.note(`${slot.userID}: ${what}`, 'action');
    const promise = slot.phone.comp.instance.groupCall({ userIDList: users, type: MEDIA[media], groupID: GROUP_ID });
    return { who: slot.userID, what, promise };
  },
  background: phoneSwitch('on', (who, on) => `${who}'s app goes to the ${on ? 'background' : 'foreground'}`,
    (slot, on) => slot.setBackground(on)),
  network: phoneSwitch('down', (who, down) => `${who}'s network goes ${down ? 'down' : 'up'}`,
    (slot, down) => slot.setNetworkDown(down)),
  login(sim, c) {
    const slot = slotOf(sim, c);
    const user = userOf(c.user, 'user');
    sim.note(`phone ${slot.index + 1}: ${user} logs in${slot.userID !== user ? ` (was ${slot.userID})` : ' again'}`, 'action');
    return { who: user, what: 'login', promise: slot.login(user) };
  },
  kick(sim, c) {
    sim.faults.kick(slotOf(sim, c).userID);
    return { ok: true };
  },
  denyCamera(sim, c) {
    sim.faults.denyCamera(slotOf(sim, c).userID, flagOf(c, 'deny'));
    return { ok: true };
  },
  dropNext(sim) {
    sim.faults.dropNext();
    return { ok: true };
  },
  delay(sim, c) {
    const s = c.seconds;
    if (typeof s !== 'number' || !(s >= 0 && s <= MAX_DELAY_S)) throw bad(`"seconds" must be a number from 0 to ${MAX_DELAY_S}`);
    sim.faults.setDelay(s);
    return { ok: true };
  },
  speed(sim, c) {
    if (!SPEEDS.includes(c.speed)) throw bad(`"speed" must be one of ${SPEEDS.join(', ')}`);
    sim.pacer.setSpeed(c.speed);
    sim.note(`the clock runs at ×${c.speed}`, 'sim');
    return { ok: true };
  },
  serviceMode(sim, c) {
    slotOf(sim, c);
    return setServiceMode();
  },
};

/**
 * Runs one command from the page. Resolves to `{ok:true}` (or `{ok:true, pending:true}`);
 * rejects with a CommandError for bad input or a refusal. Anything else that goes wrong is a
 * CommandError 500 with its message: the server goes on.
 */
async function runCommand(sim, command) {
  if (command === null || typeof command !== 'object' || Array.isArray(command)) throw bad('expected a JSON object');
  if (typeof command.op !== 'string') throw bad('"op" missing');
  if (!Object.prototype.hasOwnProperty.call(OPS, command.op)) {
    throw new CommandError(400, `unknown command "${command.op}" (known: ${Object.keys(OPS).join(', ')})`);
  }
  let result;
  try {
    result = await sim.pacer.run(() => OPS[command.op](sim, command));
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw new CommandError(500, `${command.op} failed: ${error && error.message ? error.message : error}`);
  } finally {
    sim.flush();
  }
  if (!result.promise) {
    sim.emit('state', sim.state());
    return result;
  }
  return answer(sim, result.who, result.what, result.promise);
}

module.exports = { OPS, runCommand };
