// The time bounds the chaos runner holds every rendered phone to, written once. The engine's
// numbers are its defaults (crates/tuicalling-core/src/engine/config.rs `Limits::default()`,
// protocol `DEFAULT_INVITE_TIMEOUT_SECS`, the received-invite cap in engine/signals.rs); the
// adapter's are the driver's IM adapter defaults. tests/chaos.test.js checks each copy
// against its source, so a change there fails until it is made here too.
// Test-only; never shipped.
'use strict';

/** The engine's defaults. */
const ENGINE = Object.freeze({
  /** How long an invitation rings when it does not say (s). */
  inviteTimeoutS: 30,
  /** How long past the timeout the inviter waits before it gives up (ms). */
  inviterGraceMs: 5000,
  /** Connected with nobody else in the TRTC room for this long ends the call (ms). */
  aloneTimeoutMs: 30000,
  /** A remote user with no room or player event for this long counts as gone (ms). */
  remoteSilenceMs: 30000,
  /** The longest ring a received invitation may ask for today (s). */
  maxInviteTimeoutS: 600,
});

/** The driver's IM adapter defaults. */
const ADAPTER = Object.freeze({
  /** A login with no answer is rejected after this long (ms). */
  loginTimeoutMs: 20000,
});

/**
 * The longest ring a user should get (s). Issue 16 asks for a sane cap (Tencent's clients use
 * 30–60 s); the engine's is 600 s today, so a caller asking for more rings past this bound
 * (the "long rings" defect).
 */
const RING_CAP_S = 60;

/** Room for delivery, rendering and the runner's check period (ms). */
const SLACK_MS = 1500;

/** How long an invitation with `timeoutS` (0/undefined: the default) may ring (ms). */
function ringMs(timeoutS) {
  return Math.min(timeoutS > 0 ? timeoutS : ENGINE.inviteTimeoutS, RING_CAP_S) * 1000;
}

/** The bounds, all in ms. */
const BOUNDS = Object.freeze({
  /** A callee rings at most this long (foreground time) for an invitation of `timeoutS`. */
  ringing: (timeoutS) => ringMs(timeoutS) + SLACK_MS,
  /** …and never past the invitation's own expiry: `sent + ringMs(timeoutS)`, plus this. */
  pastExpiry: SLACK_MS,
  /** A callee told that its caller cancelled stops ringing within this. */
  afterCancel: SLACK_MS,
  /** A caller dials at most this long (foreground time) for `timeoutS`. */
  dialing: (timeoutS) => ringMs(timeoutS) + ENGINE.inviterGraceMs + SLACK_MS,
  /** A connected phone with nobody else in its TRTC room (since it connected, the last
   *  other member left, or it came back to the foreground) ends within this. */
  alone: Math.max(ENGINE.aloneTimeoutMs, ENGINE.remoteSilenceMs) + SLACK_MS,
  /** A connected phone finds a peer that shows the same call connected within this. */
  unpaired: Math.max(ENGINE.aloneTimeoutMs, ENGINE.remoteSilenceMs) + SLACK_MS,
  /** An idle phone leaves its TRTC room within this. */
  idleInRoom: SLACK_MS,
  /** init() settles (resolves or rejects) within this. */
  init: ADAPTER.loginTimeoutMs + SLACK_MS,
});

module.exports = { ADAPTER, BOUNDS, ENGINE, RING_CAP_S, SLACK_MS, ringMs };
