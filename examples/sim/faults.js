// Fault injection from the page, on the fault hooks of the IM hub and the TRTC room
// (test-support/README.md): drop the next IM message, delay every IM message by N s, kick a
// user out of IM, deny a user's camera (the pusher reports 10001 and does not enter the room).
'use strict';

const { CODES } = require('../../test-support/trtc-room');

/** The longest delay the page may set (s). */
const MAX_DELAY_S = 120;

class Faults {
  /**
   * Installs the hooks on `world.hub` and `world.rooms`. `note(text)` records what a fault did
   * (for the timeline); `describe(message)` names an IM message in a few words.
   */
  constructor(world, note, describe) {
    this.world = world;
    this.note = note;
    this.describe = describe;
    this.dropArmed = false;
    this.droppedID = null;
    this.delayMs = 0;
    this.cameraDenied = new Set();
    world.hub.faults.drop = (message, to) => this.drop(message, to);
    world.hub.faults.delayMs = () => this.delayMs;
    world.rooms.faults.deviceError = (userID) => (this.cameraDenied.has(userID) ? CODES.CAMERA_DENIED : 0);
  }

  /** The hub's drop hook: the armed drop takes the next message, for all of its recipients. */
  drop(message, to) {
    if (this.dropArmed) {
      this.dropArmed = false;
      this.droppedID = message.ID;
    }
    if (message.ID !== this.droppedID) return false;
    this.note(`fault: dropped ${this.describe(message)} to ${to} (never delivered)`);
    return true;
  }

  /** Arms a drop of the next message that crosses the hub. */
  dropNext() {
    this.dropArmed = true;
    this.note('fault: the next message will be dropped');
  }

  /** Delays every message by `seconds` (0 ends the delay). */
  setDelay(seconds) {
    this.delayMs = Math.round(seconds * 1000);
    this.note(seconds ? `fault: every message is delayed by ${seconds} s` : 'fault: messages are no longer delayed');
  }

  /** The IM server kicks `userID` out (kickedOut 'multipleAccount', as a login elsewhere does). */
  kick(userID) {
    if (!this.world.hub.sessionOf(userID)) {
      this.note(`fault: ${userID} is not logged in, nothing to kick`);
      return;
    }
    this.note(`fault: the IM server kicks ${userID} out`);
    this.world.hub.kick(userID);
  }

  /** Denies (or grants again) `userID`'s camera permission. */
  denyCamera(userID, deny) {
    if (deny) this.cameraDenied.add(userID);
    else this.cameraDenied.delete(userID);
    this.note(`fault: ${userID}'s camera permission is ${deny ? 'denied' : 'granted'}`);
  }

  /** What the page shows of the faults. */
  state() {
    return { dropArmed: this.dropArmed, delaySeconds: this.delayMs / 1000, cameraDenied: Array.from(this.cameraDenied) };
  }
}

module.exports = { Faults, MAX_DELAY_S };
