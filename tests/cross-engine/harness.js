// One lane of the cross-engine suite (tests/cross-engine.test.js runs the lanes as parallel
// processes): our rendered <tuicalling> phones and ONE of Tencent's engines
// (@tencentcloud/call-engine-wx 3.3.2, unmodified; test-support/tencent-engine.js), both on
// the REAL @tencentcloud/chat 3.6.6 over the fake IM backend (../helpers/fake-tim-backend.js),
// both in one simulated TRTC room service (test-support/trtc-room.js). Real time: the
// engine's TSignaling timers are real seconds. Waits are bounded wait-fors; the only fixed
// waits are short "quiet" windows that make sure nothing MORE arrives (a second hang-up
// notice, a late ring).
//
// One engine per process, so every line it prints belongs to this lane, and scenarios run
// one after the other, so the lines since a scenario's mark are that scenario's.
'use strict';

// The fake wx, getApp and __wxConfig must exist before the chat SDK and the simulator load.
const H = require('../helpers/fake-tim-backend');

H.unrefIntervals();

const assert = require('node:assert/strict');
const cw = require('../../test-support/component-world');
const te = require('../../test-support/tencent-engine');
const { sleep } = require('../../test-support/wait');
const Chat = require('@tencentcloud/chat');

/** Long enough for any message or room event still on its way (all are ≤ 50 ms here). */
const QUIET_MS = 1500;
/** Bound for one step of a scenario (a ring, a connect, an end). */
const STEP_MS = 10000;
/**
 * Our engine's default grace after the last remote user leaves the room (config.leaveGraceMs,
 * for an iOS peer taken out of the room in the background): a peer that leaves without a
 * hang-up notice (Tencent's engine when it hangs up, by its rule) ends our call only then.
 * The lanes' phones keep the default, as integrators ship it (component-world would shorten
 * it on real time).
 */
const LEAVE_GRACE_MS = 10000;
/** Our phones' config: English strings, the engine's default leave grace (null = default). */
const PHONE_CONFIG = { locale: 'en', leaveGraceMs: null };
/** Bound for an end that may wait for the leave grace. */
const END_MS = LEAVE_GRACE_MS + STEP_MS;
/** TSignaling's ring (30 s) plus the inviter's own 5 s, plus slack. */
const NO_ANSWER_MS = 45000;

let nextSdkAppID = 1400000700;
/** Each user its own SDKAppID: chat 3.x keeps one instance per SDKAppID per process. */
function sdkAppIDOf() {
  nextSdkAppID += 1;
  return nextSdkAppID;
}

/** A received or sent C2C/group custom message's TSignaling envelope and inner data, or null. */
function parseSignal(data) {
  try {
    const envelope = JSON.parse(data);
    if (!envelope || envelope.businessID !== 1 || typeof envelope.data !== 'string') return null;
    let inner = null;
    try { inner = JSON.parse(envelope.data); } catch (error) { inner = null; }
    return { envelope, inner };
  } catch (error) {
    return null;
  }
}

const ACTIONS = { 1: 'invite', 2: 'cancel', 3: 'accept', 4: 'reject', 5: 'timeout' };

/**
 * One message through the backend as the suite reads it: `{from, to, groupID, random,
 * action, cmd, inviteID, inviteeList, hangup, busy, excluded, callEnd, inner}`.
 */
function describeSent(entry) {
  const content = entry.request.MsgBody && entry.request.MsgBody[0] && entry.request.MsgBody[0].MsgContent;
  const parsed = parseSignal(content && content.Data);
  if (!parsed) return { from: entry.from, to: entry.to || '', groupID: entry.groupID || '', action: 'other' };
  const { envelope, inner } = parsed;
  const data = (inner && inner.data) || {};
  const cmd = typeof data.cmd === 'string' ? data.cmd : '';
  const action = ACTIONS[envelope.actionType] || 'unknown';
  return {
    from: entry.from,
    to: entry.to || '',
    groupID: entry.groupID || '',
    random: entry.request.MsgRandom,
    action,
    cmd,
    inviteID: envelope.inviteID,
    inviteeList: envelope.inviteeList || [],
    hangup: action === 'invite' && (cmd === 'hangup' || (inner && inner.call_end > 0 && !cmd)),
    busy: Boolean(inner && (inner.line_busy !== undefined || data.message === 'lineBusy')),
    excluded: data.excludeFromHistoryMessage === true,
    callEnd: inner ? inner.call_end : undefined,
    inner,
  };
}

/**
 * A lane: `{world, ours: {userID: phone}, theirs (the Tencent phone), mark(), wire(mark), …}`.
 * `ours` are userIDs of our phones; `theirs` the Tencent user.
 */
async function createLane({ ours, theirs }) {
  const world = cw.createWorld({ im: cw.chatSdkIm({ Chat, sdkAppIDOf }) });
  const tencent = await te.createTencentPhone({ userID: theirs, sdkAppID: sdkAppIDOf(), rooms: world.rooms, Chat, backend: H });
  const phones = await cw.readyPhones(world, ours.map((userID) => [userID, PHONE_CONFIG]));
  const byName = {};
  for (const phone of phones) {
    byName[phone.userID] = phone;
    recordDiagnostics(phone);
  }
  tencent.placed = 0;
  // The SDKs' own intervals are unref'd; this one keeps the lane's process up while it runs.
  const keepAlive = setInterval(() => {}, 1000);
  return {
    world, ours: byName, theirs: tencent,
    /**
     * A new phone of ours on this lane, rendered but NOT initialised (its chat instance is not
     * logged in yet): the scenario calls `phone.init()` itself. Kept in `ours` for the checks.
     */
    addPhone(userID) {
      const phone = cw.createPhone(world, userID, PHONE_CONFIG);
      phones.push(phone);
      byName[userID] = phone;
      phone.diagnostics = [];
      return phone;
    },
    /** Records the diagnostics of a phone added with addPhone, once its init() has run. */
    recordDiagnostics,
    /** Indexes to tell what happened after this point. */
    mark() {
      return {
        sent: H.sent.length,
        log: te.engineLog.length,
        theirEvents: tencent.events.length,
        ourEvents: Object.fromEntries(phones.map((p) => [p.userID, p.pageEvents.length])),
        diagnostics: Object.fromEntries(phones.map((p) => [p.userID, p.diagnostics.length])),
      };
    },
    /** The signals that crossed the backend since `mark`. */
    wire(mark) {
      return H.sent.slice(mark.sent).map(describeSent);
    },
    /** Tencent's events since `mark` (names, or `{name, data}` with `full`). */
    theirEvents(mark, full) {
      const list = tencent.events.slice(mark.theirEvents);
      return full ? list : list.map((e) => e.name);
    },
    /** Our phone's page events since `mark`, by name (or the details of one name). */
    ourEvents(phone, mark, name) {
      const list = phone.pageEvents.slice(mark.ourEvents[phone.userID]);
      return name ? list.filter((e) => e.name === name).map((e) => e.detail) : list.map((e) => e.name);
    },
    /** The engine's console lines since `mark`. */
    engineLog(mark) {
      return te.engineLog.slice(mark.log);
    },
    /**
     * After a scenario (also a failed one): whatever call is left is hung up on both sides
     * and both must be idle, so the next scenario starts clean.
     */
    async reset() {
      for (const phone of phones) {
        if (phone.data.screen !== 'idle') await phone.comp.instance.hangup().catch(() => {});
      }
      if (world.rooms.roomOf(tencent.userID) !== null || unfinished(tencent)) {
        await bounded(tencent.engine.hangup(), 'hangup()').catch(() => {});
      }
      await until(() => phones.every((p) => p.data.screen === 'idle') && world.rooms.roomOf(tencent.userID) === null,
        'everyone idle after the scenario', END_MS);
    },
    async destroy() {
      clearInterval(keepAlive);
      await cw.destroyAll(world);
      await bounded(tencent.destroy(), 'destroyInstance()').catch(() => {});
    },
  };
}

/** Tencent's engine has a call that has not ended (received or placed, no end event since). */
function unfinished(t) {
  const last = [...t.events].reverse().find((e) => ['onCallReceived', 'onCallBegin', 'onCallEnd', 'onCallNotConnected'].includes(e.name));
  return Boolean(last && (last.name === 'onCallReceived' || last.name === 'onCallBegin'));
}

/**
 * Our side's diagnostics (what CallDriver gives `onLog`: the engine's `ignored` events,
 * refused inputs, adapter warnings) recorded on `phone.diagnostics` as `{level, text}`.
 * The component does not hand them to the page, so the driver's log hook is wrapped.
 */
function recordDiagnostics(phone) {
  phone.diagnostics = [];
  const driver = phone.comp.instance._driver;
  if (!driver) throw new Error(`${phone.userID}: no driver (init() has not run)`);
  const record = (level, text) => phone.diagnostics.push({ level, text: String(text) });
  driver._log = record;
  driver.adapter._on.log = record;
  driver.binder._log = record;
}

/**
 * `promise` (a call into Tencent's engine) or an Error after `ms`: some of its promises never
 * settle in node (e.g. `switchCallMediaType`), and an unsettled await would end the process.
 */
function bounded(promise, what, ms) {
  let timer = null;
  const limit = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms || STEP_MS} ms`)), ms || STEP_MS);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/**
 * Defects the suite shows that are not fixed yet, by id. A check wrapped in
 * `c.knownDefect(id, …)` that fails makes its scenario a TODO (reported, not failing the
 * run); one that passes fails the scenario, so a fixed defect is taken off this list.
 */
const KNOWN_DEFECTS = {
  'string-room': 'ours ignores an invite that names only a string room (data.str_room_id, Tencent\'s strRoomID): "ignored NO_ROOM", ' +
    'no ring and no reply, so the Tencent caller rings for its whole 30 s',
  'group-reenter': 'ours re-admits a user who left an IM-group call by hang-up notice when TRTC then reports their media off ' +
    '(room.rs on_stream admits on 1033/1034): a spurious USER_ENTER, then USER_LEAVE',
};

/**
 * Checks that do not stop at the first failure, so one scenario reports every defect it
 * shows: `c.run(() => assert…)`, `c.equal`, `c.deepEqual`, `c.knownDefect(id, fn)`, then
 * `c.done()` throws them all (an error with `knownDefects` when only known defects failed).
 */
function checks() {
  const failures = [];
  const known = [];
  const run = (fn, into) => {
    try {
      fn();
      return true;
    } catch (error) {
      if (!(error instanceof assert.AssertionError)) throw error;
      (into || failures).push(error.message);
      return false;
    }
  };
  return {
    run,
    equal: (actual, expected, message) => run(() => assert.equal(actual, expected, message)),
    deepEqual: (actual, expected, message) => run(() => assert.deepEqual(actual, expected, message)),
    knownDefect(id, fn) {
      if (!KNOWN_DEFECTS[id]) throw new Error(`unknown defect id ${id}`);
      const shown = [];
      if (run(fn, shown)) failures.push(`known defect "${id}" no longer shows: take it off KNOWN_DEFECTS (${KNOWN_DEFECTS[id]})`);
      else known.push({ id, message: shown[0] });
    },
    done() {
      const knownText = known.map((k) => `known defect "${k.id}": ${KNOWN_DEFECTS[k.id]}\n${k.message}`);
      if (failures.length) {
        throw new assert.AssertionError({ message: `${failures.length} check(s) failed:\n\n${failures.concat(knownText).join('\n\n')}` });
      }
      if (known.length) {
        const error = new assert.AssertionError({ message: knownText.join('\n\n') });
        error.knownDefects = [...new Set(known.map((k) => k.id))];
        throw error;
      }
    },
  };
}

/** Waits for `check` with the lane's step bound. */
function until(check, what, ms) {
  return cw.waitFor(check, what, ms || STEP_MS);
}

/** Tencent's side calls as TUICallKit does: `call()`, then the camera for a video call. */
async function theirCall(lane, params) {
  const t = lane.theirs;
  t.placed += 1;
  await bounded(t.engine.call(params), 'call()');
  if (params.type === 2) await bounded(t.engine.openCamera('localVideo', true), 'openCamera()');
}

/** Tencent's side IM-group call as TUICallKit does: `groupCall()`, then the camera for video. */
async function theirGroupCall(lane, params) {
  const t = lane.theirs;
  t.placed += 1;
  await bounded(t.engine.groupCall(params), 'groupCall()');
  if (params.type === 2) await bounded(t.engine.openCamera('localVideo', true), 'openCamera()');
}

/** Tencent's side answers as TUICallKit does: `accept()`, then the camera for a video call. */
async function theirAccept(lane) {
  const t = lane.theirs;
  const received = t.last('onCallReceived');
  await bounded(t.engine.accept(), 'accept()');
  if (received && received.callMediaType === 2) await bounded(t.engine.openCamera('localVideo', true), 'openCamera()');
}

/** A wire entry as one short line: `alice>tom invite/videoCall`, `tom>group:g1 accept`, `bob>alice reject/busy`. */
function wireLine(m) {
  const to = m.groupID ? `group:${m.groupID}` : m.to;
  let what = m.action;
  if (m.action === 'invite') what += `/${m.cmd || (m.hangup ? 'hangup' : '?')}`;
  if (m.action === 'reject' && m.busy) what += '/busy';
  return `${m.from}>${to} ${what}`;
}

/**
 * What an interop-clean exchange must also satisfy, as a list of problems (empty = clean):
 * every signal parses as a TSignaling envelope with av_call data, and every 1v1 C2C call
 * invite, switch request and accept of OUR side carries `data.excludeFromHistoryMessage:
 * true`, as Tencent's engine's do, so chat UIs hide them (its cancel, reject, busy, timeout and
 * hang-up stay visible).
 */
function wireProblems(wire, ourUsers) {
  const problems = [];
  for (const m of wire) {
    if (m.action === 'other' || !m.inner) {
      problems.push(`${m.from}: a message that is not av_call signaling`);
      continue;
    }
    if (!ourUsers.includes(m.from) || m.groupID || m.inviteeList.length !== 1) continue;
    const hidden = (m.action === 'invite' && ['videoCall', 'audioCall', 'switchToAudio', 'switchToVideo'].includes(m.cmd)) ||
      m.action === 'accept';
    if (hidden && !m.excluded) problems.push(`${wireLine(m)}: no data.excludeFromHistoryMessage (chat UIs show it as an unread message)`);
  }
  return problems;
}

/**
 * Both sides idle: our phones render nothing and push nothing; Tencent's engine is out of the
 * TRTC room and ended every call it began or received.
 */
function assertAllIdle(lane, what) {
  for (const phone of Object.values(lane.ours)) {
    assert.equal(phone.data.screen, 'idle', `${what}: ${phone.userID} (ours) is idle`);
    assert.equal(phone.data.pusher.url, undefined, `${what}: ${phone.userID} (ours) pushes nothing`);
    assert.equal(lane.world.rooms.roomOf(phone.userID), null, `${what}: ${phone.userID} (ours) left the TRTC room`);
  }
  const t = lane.theirs;
  assert.equal(lane.world.rooms.roomOf(t.userID), null, `${what}: ${t.userID} (Tencent) left the TRTC room`);
  const calls = t.on('onCallReceived').length + t.placed;
  const ends = t.on('onCallEnd').length + t.on('onCallNotConnected').length;
  assert.equal(ends, calls, `${what}: each call of ${t.userID} (Tencent) ended once (${calls} calls, ${ends} ends)`);
}

/**
 * Neither side ignored or failed on a message of the other since `mark`: no `ignored` or
 * error diagnostics on our phones (except `allowIgnored` reasons), no `onError` from Tencent's
 * engine, no engine log line that says something failed or was invalid.
 */
function assertUnderstood(lane, mark, allowIgnored) {
  const allowed = allowIgnored || [];
  for (const phone of Object.values(lane.ours)) {
    const seen = phone.diagnostics.slice(mark.diagnostics[phone.userID])
      .filter((d) => d.level === 'error' || d.level === 'warn' || /^ignored /.test(d.text))
      .filter((d) => !allowed.some((reason) => d.text.startsWith(`ignored ${reason}`)));
    assert.deepEqual(seen, [], `${phone.userID} (ours) ignored or failed on nothing`);
  }
  assert.deepEqual(lane.theirEvents(mark, true).filter((e) => e.name === 'onError'), [], `${lane.theirs.userID} (Tencent) reported no error`);
  const bad = lane.engineLog(mark).filter((l) => l.level === 'error' || /\b(fail(ed|ure)?|invalid|exception|parse error|cannot)\b/i.test(l.text));
  assert.deepEqual(bad.map((l) => l.text), [], `${lane.theirs.userID} (Tencent) logged no failure`);
}

module.exports = {
  END_MS, H, KNOWN_DEFECTS, LEAVE_GRACE_MS, NO_ANSWER_MS, QUIET_MS, STEP_MS, assert, assertAllIdle, bounded, checks, assertUnderstood, createLane, cw, describeSent, parseSignal,
  sleep, te, theirAccept, theirCall, theirGroupCall, until, wireLine, wireProblems,
};
