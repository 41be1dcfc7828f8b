// The invariants a user cares about, checked by the chaos runner after every step from what a
// page can see: each phone's rendered DOM (its screen), its page events, and the cloud's side
// (the IM hub's log of what was sent and delivered, the TRTC room service's membership). No
// component internals, so the checks survive a redesign of the component.
// Test-only; never shipped.
'use strict';

const { stamp } = require('../../examples/demo/timeline');
const { BOUNDS, ENGINE, ringMs } = require('./bounds');

/** Invariant ids and what they promise. 1-6 are issue 16's; 7 and 8 come with them. */
const INVARIANTS = Object.freeze({
  stuck: '1: no phone stays in a call or ringing past its bound',
  leftCaller: '2: no phone rings for a call its caller has left',
  unpaired: '3: a phone that shows "connected" has a peer that shows the same call connected',
  afterEnd: '4: no page event after a call\'s end',
  memory: '5: wasm memory stays flat',
  uncaught: '6: no uncaught exception',
  init: '7: init() settles within its bound',
  oneCall: '8: one call at a time (no invitation rings during a call)',
});

/** Page events that belong to no call: the SDK's state and the chat echo of a send. */
const CALL_FREE_EVENTS = new Set(['sdkReady', 'kickedOut', 'sendMessage']);

const SCREENS = ['incoming', 'dialing', 'connected'];

/** The screen a phone's page shows, from its DOM: idle, dialing, incoming or connected. */
function pageScreen(phone) {
  const root = phone.$('#root');
  if (!root) return 'idle';
  const classes = String(root.dom.className).split(/\s+/);
  return SCREENS.find((screen) => classes.some((c) => c === screen || c.endsWith(`--${screen}`))) || 'unknown';
}

/**
 * Watches the phones of one chaos session. The runner tells it about commands it issued
 * (`beforeCommand` / `commandRefused`), suspensions, and init() calls; it listens to every page
 * event itself. `check()` returns the violations found since the last call.
 */
class Watch {
  /** `world` (component-world), `decode(data)` → signal or null, `t0` (session start, ms). */
  constructor(world, decode, t0) {
    this.world = world;
    this.decode = decode;
    this.t0 = t0;
    this.tracks = new Map();
    this.invites = new Map(); // inviteID -> {sentAt, timeoutS, inviter, roomID}
    this.sentSeen = 0;
    this.receivedSeen = 0;
    this.found = [];
  }

  now() {
    return this.world.now();
  }

  /** Starts watching a phone (call before its first init). */
  attach(phone, pageEventNames) {
    const track = {
      phone, screen: 'idle', enteredFg: 0, suspendedTotal: 0, suspendedAt: null, foregroundFg: 0,
      open: false, endedAt: null, ring: null, dial: null, room: 0, aloneSinceFg: 0, unpairedSinceFg: 0,
      idleInRoomSince: null, cancels: new Map(), arrivals: new Map(), rang: new Map(), init: null,
    };
    this.tracks.set(phone, track);
    for (const name of pageEventNames) {
      phone.comp.addEventListener(name, (event) => this.onPageEvent(track, name, event.detail));
    }
  }

  /** Foreground time of a phone: virtual time minus the time it spent suspended. */
  fg(track) {
    const now = this.now();
    return now - track.suspendedTotal - (track.suspendedAt === null ? 0 : now - track.suspendedAt);
  }

  violation(invariant, track, detail) {
    const who = track ? `${track.phone.userID}: ` : '';
    this.found.push({ invariant, name: INVARIANTS[invariant], at: this.now(), detail: who + detail });
  }

  /** The runner is about to issue a call-starting command (call, groupCall, join). */
  beforeCommand(phone, timeoutS) {
    const track = this.tracks.get(phone);
    const saved = { open: track.open, dial: track.dial };
    track.open = true;
    track.dial = { timeoutS, fg: this.fg(track) };
    return saved;
  }

  /** The command was refused: nothing started. */
  commandRefused(phone, saved) {
    const track = this.tracks.get(phone);
    track.open = saved.open;
    track.dial = saved.dial;
  }

  suspended(phone) {
    const track = this.tracks.get(phone);
    if (track.suspendedAt === null) track.suspendedAt = this.now();
  }

  resumed(phone) {
    const track = this.tracks.get(phone);
    if (track.suspendedAt === null) return;
    track.suspendedTotal += this.now() - track.suspendedAt;
    track.suspendedAt = null;
    track.foregroundFg = this.fg(track);
  }

  initStarted(phone) {
    const track = this.tracks.get(phone);
    track.init = { fg: this.fg(track), settled: false, reported: false };
    return track.init;
  }

  onPageEvent(track, name, detail) {
    const at = this.now();
    const d = detail || {};
    if (name === 'invited') {
      if (track.open) this.violation('oneCall', track, `an invitation from ${d.sponsor} rang during a call`);
      const before = track.rang.get(d.inviteID);
      if (before !== undefined) {
        this.violation('leftCaller', track, `rings again for ${d.sponsor}'s invitation ${String(d.inviteID).slice(0, 6)}, which it rang for at ${stamp(before - this.t0)}`);
      } else {
        track.rang.set(d.inviteID, at);
      }
      track.open = true;
      track.ring = { inviteID: d.inviteID, sponsor: d.sponsor, at, fg: this.fg(track) };
      // It rings from now (a re-fetched invitation may ring long after it was first delivered).
      track.arrivals.set(d.inviteID, Math.max(track.arrivals.get(d.inviteID) || 0, at));
      return;
    }
    if (name === 'callEnd') {
      if (!track.open) {
        const ended = track.endedAt === null ? 'never started' : `already ended at ${stamp(track.endedAt - this.t0)}`;
        this.violation('afterEnd', track, `callEnd (${d.reason}) for a call that ${ended}`);
      }
      track.open = false;
      track.endedAt = at;
      track.ring = null;
      track.dial = null;
      track.room = 0;
      return;
    }
    if (name === 'onCallBegin') track.room = d.roomID || 0;
    if (!track.open && !CALL_FREE_EVENTS.has(name) && track.endedAt !== null && at > track.endedAt) {
      const what = name === 'error' ? `error ${d.code}: ${d.message}` : name;
      this.violation('afterEnd', track, `page event ${what} ${((at - track.endedAt) / 1000).toFixed(1)} s after the call ended`);
    }
  }

  /** New hub traffic: invitations sent (for their expiry) and cancels delivered (per phone). */
  scanHub() {
    const { hub } = this.world;
    for (; this.sentSeen < hub.sent.length; this.sentSeen += 1) {
      const entry = hub.sent[this.sentSeen];
      const signal = this.decode(entry.payload.data);
      if (signal && signal.action === 'invite' && signal.kind === 'call' && !this.invites.has(signal.inviteID)) {
        this.invites.set(signal.inviteID, { sentAt: entry.time * 1000, timeoutS: signal.timeout, inviter: signal.inviter, roomID: signal.roomID });
      }
    }
    for (; this.receivedSeen < hub.received.length; this.receivedSeen += 1) {
      const { at, to, message } = hub.received[this.receivedSeen];
      const signal = this.decode(message.payload.data);
      const track = Array.from(this.tracks.values()).find((t) => t.phone.userID === to);
      if (!track || !signal) continue;
      if (signal.action === 'cancel' && (signal.invitees || []).includes(to) && !track.cancels.has(signal.inviteID)) {
        track.cancels.set(signal.inviteID, at);
      }
      if (signal.action === 'invite' && signal.kind === 'call' && !track.arrivals.has(signal.inviteID)) {
        track.arrivals.set(signal.inviteID, at);
      }
    }
  }

  /** Checks every invariant that holds at one instant; returns (and clears) what was found. */
  check() {
    this.scanHub();
    const screens = new Map();
    for (const track of this.tracks.values()) screens.set(track, pageScreen(track.phone));
    for (const track of this.tracks.values()) this.checkPhone(track, screens);
    const found = this.found;
    this.found = [];
    return found;
  }

  checkPhone(track, screens) {
    const screen = screens.get(track);
    const fg = this.fg(track);
    if (screen !== track.screen) {
      track.screen = screen;
      track.enteredFg = fg;
      track.aloneSinceFg = fg;
      track.unpairedSinceFg = fg;
    }
    if (track.init && !track.init.settled && !track.init.reported && fg - track.init.fg > BOUNDS.init) {
      track.init.reported = true;
      this.violation('init', track, `init() has not settled after ${((fg - track.init.fg) / 1000).toFixed(1)} s`);
    }
    if (track.suspendedAt !== null) return; // its page is not running
    if (screen === 'incoming') this.checkRinging(track, fg);
    else if (screen === 'dialing') this.checkDialing(track, fg);
    else if (screen === 'connected') this.checkConnected(track, fg, screens);
    else if (screen === 'idle') this.checkIdle(track);
  }

  checkRinging(track, fg) {
    if (!track.ring) track.ring = { inviteID: '', sponsor: '?', at: this.now(), fg: track.enteredFg };
    const ring = track.ring;
    if (ring.reported) return undefined; // one violation per ring
    const report = (invariant, detail) => {
      ring.reported = true;
      this.violation(invariant, track, detail);
    };
    const invite = this.invites.get(ring.inviteID);
    const timeoutS = invite ? invite.timeoutS : 0;
    const rang = fg - Math.max(ring.fg, track.enteredFg);
    if (rang > BOUNDS.ringing(timeoutS)) {
      return report('stuck', `rings for ${(rang / 1000).toFixed(1)} s (invitation from ${ring.sponsor}, timeout ${timeoutS || 'default'})`);
    }
    if (invite) {
      const expiry = invite.sentAt + ringMs(timeoutS);
      if (this.now() > expiry + BOUNDS.pastExpiry) {
        return report('leftCaller', `rings for ${ring.sponsor}'s invitation ${ring.inviteID.slice(0, 6)} sent at ${stamp(invite.sentAt - this.t0)}, which expired at ${stamp(expiry - this.t0)}`);
      }
    }
    const cancelledAt = track.cancels.get(ring.inviteID);
    if (cancelledAt !== undefined && this.now() > Math.max(cancelledAt, ring.at) + BOUNDS.afterCancel) {
      return report('leftCaller', `rings for ${ring.sponsor}'s invitation ${ring.inviteID.slice(0, 6)}, cancelled by a message it got at ${stamp(cancelledAt - this.t0)}`);
    }
    return undefined;
  }

  checkDialing(track, fg) {
    if (!track.dial) track.dial = { timeoutS: 0, fg: track.enteredFg };
    const dial = track.dial;
    const dialed = fg - dial.fg;
    if (!dial.reported && dialed > BOUNDS.dialing(dial.timeoutS)) {
      dial.reported = true;
      this.violation('stuck', track, `dials for ${(dialed / 1000).toFixed(1)} s (timeout ${dial.timeoutS || 'default'})`);
    }
  }

  /**
   * Until when the phone's call may wait for invitees (the engine holds its empty-room guard
   * while anyone is invited or ringing): every invitation into its room expires by the time it
   * reached the phone (or was sent) plus its ring and the inviter's grace. 0 when none.
   */
  pendingUntil(track) {
    let until = 0;
    if (!track.room) return until;
    for (const [inviteID, invite] of this.invites) {
      if (invite.roomID !== track.room) continue;
      const from = Math.max(invite.sentAt, track.arrivals.get(inviteID) || 0);
      until = Math.max(until, from + ringMs(invite.timeoutS) + ENGINE.inviterGraceMs);
    }
    return until;
  }

  checkConnected(track, fg, screens) {
    const { rooms } = this.world;
    const userID = track.phone.userID;
    const room = rooms.roomOf(userID);
    if (room !== null && rooms.membersOf(room).length > 1) track.aloneSinceFg = fg;
    const waiting = this.now() <= this.pendingUntil(track) + BOUNDS.pastExpiry;
    if (waiting) {
      track.aloneSinceFg = Math.max(track.aloneSinceFg, fg - ENGINE.aloneTimeoutMs);
      track.unpairedSinceFg = Math.max(track.unpairedSinceFg, fg - ENGINE.aloneTimeoutMs);
    }
    const alone = fg - Math.max(track.aloneSinceFg, track.foregroundFg);
    if (alone > BOUNDS.alone) {
      this.violation('stuck', track, `connected for ${(alone / 1000).toFixed(1)} s with nobody else in its TRTC room (${room === null ? 'it is in none' : `room ${room}`})`);
      track.aloneSinceFg = fg;
    }
    const paired = track.room && Array.from(this.tracks.values()).some((other) => other !== track
      && screens.get(other) === 'connected' && other.room === track.room);
    if (paired) track.unpairedSinceFg = fg;
    const unpaired = fg - Math.max(track.unpairedSinceFg, track.foregroundFg);
    if (unpaired > BOUNDS.unpaired) {
      this.violation('unpaired', track, `shows "connected" (room ${track.room || '?'}) for ${(unpaired / 1000).toFixed(1)} s while no other phone shows that call connected`);
      track.unpairedSinceFg = fg;
    }
  }

  checkIdle(track) {
    const room = this.world.rooms.roomOf(track.phone.userID);
    if (room === null) {
      track.idleInRoomSince = null;
      track.idleInRoomReported = false;
      return;
    }
    if (track.idleInRoomSince === null) track.idleInRoomSince = this.now();
    if (!track.idleInRoomReported && this.now() - track.idleInRoomSince > BOUNDS.idleInRoom) {
      track.idleInRoomReported = true; // once per stay
      this.violation('stuck', track, `shows no call but is still in TRTC room ${room}`);
    }
  }
}

module.exports = { CALL_FREE_EVENTS, INVARIANTS, Watch, pageScreen };
