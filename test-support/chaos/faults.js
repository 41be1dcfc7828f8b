// The faults a chaos session injects. A session draws a plan (its rates; many are zero, so
// sessions differ in which faults they have), installs the per-message and per-event hooks on
// the IM hub and the TRTC room service, and runs timed world faults (kicked out, network down
// and up, login failure or hang, pusher and player errors, permission denials).
// Test-only; never shipped.
'use strict';

/** IM codes a failed send reports: 2801 (a timeout: the server may have it), 2800, 2100. */
const SEND_FAILURE_CODES = [2801, 2801, 2800, 2100];
/** Login failures: UserSig expired / invalid, login failed, request timed out. */
const LOGIN_FAILURE_CODES = [70001, 70003, 3001, 2801];
/** Permission denials at the pusher's start: binderror 10001 / 10002, statechange -1301 / -1302. */
const PERMISSION_CODES = [10001, 10002, -1301, -1302];
/** The longest IM delay a copy gets (ms). */
const MAX_IM_DELAY_MS = 10000;

/** Draws a session's fault rates (probabilities per message, send, leave or room entry). */
function drawPlan(rng) {
  return {
    drop: rng.pick([0, 0, 0.02, 0.1, 0.25]),
    duplicate: rng.pick([0, 0, 0.05, 0.2]),
    delay: rng.pick([0, 0.1, 0.3, 0.7]),
    sendFailure: rng.pick([0, 0, 0.02, 0.08]),
    deliveredAnyway: rng.pick([0, 0.5, 1]),
    leaveNotReported: rng.pick([0, 0, 0.3, 1]),
    permissionAtEntry: rng.pick([0, 0, 0, 0.1, 0.3]),
    /** Timed world faults over the action window. */
    worldFaults: rng.range(0, 8),
    /** Calls may ask for long rings (up to the engine's 600 s cap). */
    longRings: rng.chance(0.1),
  };
}

/** One line describing a plan (the timeline's header). */
function describePlan(plan) {
  const pct = (p) => `${Math.round(p * 100)}%`;
  return [`IM loss ${pct(plan.drop)}`, `duplication ${pct(plan.duplicate)}`, `delay 0-10 s ${pct(plan.delay)}`,
    `send failures ${pct(plan.sendFailure)} (delivered anyway ${pct(plan.deliveredAnyway)})`,
    `TRTC leaves never reported ${pct(plan.leaveNotReported)}`, `permission denied at entry ${pct(plan.permissionAtEntry)}`,
    `${plan.worldFaults} world faults`, `long rings ${plan.longRings ? 'on' : 'off'}`].join(', ');
}

/**
 * Installs the plan's hooks on `world.hub` and `world.rooms`. `note(text)` gets a line per
 * fault that fires; `describe(message)` names a hub message. Returns `{armHang(userID)}`.
 */
function installHooks(world, plan, rng, note, describe) {
  const { hub, rooms } = world;
  const hangs = new Set();
  hub.faults.drop = (message, to) => {
    const lost = rng.chance(plan.drop);
    if (lost) note(`IM loses ${describe(message)} to ${to}`);
    return lost;
  };
  hub.faults.duplicate = (message, to) => {
    const twice = rng.chance(plan.duplicate);
    if (twice) note(`IM duplicates ${describe(message)} to ${to}`);
    return twice;
  };
  hub.faults.delayMs = (message, to) => {
    if (!rng.chance(plan.delay)) return 0;
    const ms = rng.range(0, MAX_IM_DELAY_MS);
    note(`IM delays ${describe(message)} to ${to} by ${(ms / 1000).toFixed(1)} s`);
    return ms;
  };
  hub.faults.sendFailure = (message, from) => {
    if (!rng.chance(plan.sendFailure)) return null;
    const code = rng.pick(SEND_FAILURE_CODES);
    const deliver = rng.chance(plan.deliveredAnyway);
    note(`${from}'s send of ${describe(message)} fails with ${code}${deliver ? ', but the server delivers it' : ''}`);
    return { code, deliver };
  };
  hub.faults.loginHang = (userID) => {
    if (!hangs.has(userID)) return false;
    hangs.delete(userID);
    note(`${userID}'s login never answers`);
    return true;
  };
  rooms.faults.leaveNotReported = (userID) => {
    const unreported = rng.chance(plan.leaveNotReported);
    if (unreported) note(`TRTC never reports that ${userID} left`);
    return unreported;
  };
  rooms.faults.deviceError = (userID) => {
    if (!rng.chance(plan.permissionAtEntry)) return 0;
    const code = rng.pick(PERMISSION_CODES);
    note(`${userID}'s pusher: permission denied (${code})`);
    return code;
  };
  return { armHang: (userID) => hangs.add(userID) };
}

/**
 * The timed world faults. Each `run(session, phone)` does one to a phone and returns its
 * timeline text, or null when it does not apply now (e.g. a mid-call fault on an idle phone).
 * (`imLogout` is the app's doing, not a fault, but it is what makes logins, and so login
 * failures and hangs, happen.)
 */
const WORLD_FAULTS = {
  kick(session, phone) {
    if (session.world.hub.sessionOf(phone.userID) !== phone.tim) return null;
    session.world.hub.kick(phone.userID);
    return `${phone.userID} is signed in elsewhere (IM kicked out)`;
  },
  network(session, phone) {
    if (!phone.networkUp) return null;
    const downMs = session.faultRng.range(1000, 40000);
    phone.setNetwork(false);
    session.later(downMs, `${phone.userID}'s network comes back`, () => phone.setNetwork(true));
    return `${phone.userID}'s network goes down for ${(downMs / 1000).toFixed(1)} s`;
  },
  loginFailure(session, phone) {
    const code = session.faultRng.pick(LOGIN_FAILURE_CODES);
    session.world.hub.failNextLogin(phone.userID, code);
    return `${phone.userID}'s next login will fail with ${code}`;
  },
  imLogout(session, phone) {
    if (session.world.hub.sessionOf(phone.userID) !== phone.tim) return null;
    const backMs = session.faultRng.range(1000, 20000);
    Promise.resolve(phone.tim.logout()).catch(() => {});
    session.later(backMs, `${phone.userID}'s app logs in again`, () => {
      const login = phone.tim.login({ userID: phone.userID, userSig: `sig-${phone.userID}` });
      Promise.resolve(login).then(() => session.note(`${phone.userID}'s app login succeeded`),
        (error) => session.note(`${phone.userID}'s app login failed: ${error && error.code}`));
      return `${phone.userID}'s app logs in to IM again`;
    });
    return `${phone.userID}'s app logs out of IM for ${(backMs / 1000).toFixed(1)} s`;
  },
  loginHang(session, phone) {
    session.hooks.armHang(phone.userID);
    return `${phone.userID}'s next login will never answer`;
  },
  permissionLost(session, phone) {
    const { rooms } = session.world;
    if (rooms.roomOf(phone.userID) === null) return null;
    const camera = session.faultRng.chance(0.5);
    const viaBindError = session.faultRng.chance(0.5);
    if (viaBindError) rooms.pusherError(phone.userID, camera ? 10001 : 10002);
    else rooms.pusherEvent(phone.userID, camera ? -1301 : -1302, camera ? 'open camera failed' : 'open microphone failed');
    rooms.setMedia(phone.userID, camera ? { video: false } : { audio: false });
    const code = viaBindError ? (camera ? 10001 : 10002) : (camera ? -1301 : -1302);
    return `${phone.userID} loses ${camera ? 'camera' : 'microphone'} permission mid-call (${code})`;
  },
  pusherError(session, phone) {
    const { rooms } = session.world;
    if (rooms.roomOf(phone.userID) === null) return null;
    if (session.faultRng.chance(0.5)) {
      rooms.pusherEvent(phone.userID, -1307, 'network disconnected after retries');
      rooms.kick(phone.userID, 1);
      return `${phone.userID}'s pusher loses the TRTC server (-1307) and is dropped from the room`;
    }
    const code = session.faultRng.pick([-1303, -1304]);
    rooms.pusherEvent(phone.userID, code, code === -1303 ? 'video encode failed' : 'audio encode failed');
    return `${phone.userID}'s pusher reports ${code}`;
  },
  playerError(session, phone) {
    const peers = session.others(phone).map((p) => p.userID);
    const victim = peers.find((userID) => phone.playerEvent(userID, -2301));
    return victim ? `${phone.userID}'s player of ${victim} reports -2301 (disconnected)` : null;
  },
};

module.exports = { MAX_IM_DELAY_MS, PERMISSION_CODES, WORLD_FAULTS, describePlan, drawPlan, installHooks };
