// Whole calls between engines, driven like the component drives them: every output is
// drained, every send is delivered (C2C to its user, GROUP to every other member) and
// acknowledged, every invitee that rings accepts, and room events (1018 enter, 1031/1033 user
// lists) are fed as <live-pusher> reports them, and <live-player> net status every 2 s. The measured user ("me") can live in its own
// wasm instance, so its linear memory holds only its own engine.
'use strict';

const SDKAPPID = 1400000000;
const CALL_MS = 60000;
const NET_STATUS_MS = 2000;

function roomList(users) {
  return JSON.stringify({
    userlist: users.map((userid) => ({
      userid, playurl: `room://cloud.tencent.com/rtc?userid=${userid}&streamtype=main`, streamtype: 'main', hasvideo: true, hasaudio: true,
    })),
  });
}

class CallWorld {
  /** `peerApi`: the api for the peers' engines; `peerCount` peers peer0..peerN-1. */
  constructor(peerApi, peerCount) {
    this.now = 1000;
    this.engines = new Map();
    this.groups = new Map();
    this.seed = 1;
    this.peers = Array.from({ length: peerCount }, (_, i) => `peer${i}`);
    for (const id of this.peers) this.add(peerApi, id);
  }

  /** Creates an engine for `userID` in `api`'s instance and returns it. */
  add(api, userID) {
    const engine = new api.Engine({ sdkAppID: SDKAPPID, userID, userSig: `sig-${userID}`, type: 2 }, this.now, this.seed++);
    this.engines.set(userID, engine);
    return engine;
  }

  remove(userID, { free = true } = {}) {
    const engine = this.engines.get(userID);
    this.engines.delete(userID);
    if (free) engine.free();
    return engine;
  }

  tick(ms) {
    this.now += ms;
    for (const engine of this.engines.values()) {
      const due = engine.nextTimeout();
      if (due >= 0 && due <= this.now) engine.timeout(this.now);
    }
    this.settle();
  }

  /** Drains every engine until nothing moves; ringing engines accept. */
  settle() {
    for (let moved = true, guard = 0; moved; guard++) {
      if (guard > 100) throw new Error('call world does not settle');
      moved = false;
      for (const [userID, engine] of this.engines) {
        for (const out of engine.drain()) {
          moved = true;
          if (out.kind === 'send') this.deliver(userID, out, engine);
          else if (out.name === 'invited') engine.accept(this.now);
          else if (out.name === 'error') throw new Error(`${userID}: ${JSON.stringify(out)}`);
        }
      }
    }
  }

  deliver(from, send, engine) {
    const group = send.conversationType === 'GROUP' ? send.to : '';
    const recipients = group ? (this.groups.get(group) || []).filter((u) => u !== from) : [send.to];
    engine.sendResult(send.id, 0, '', this.now);
    for (const userID of recipients) {
      const target = this.engines.get(userID);
      if (target) target.receive(from, send.conversationType, group, 'TIMCustomElem', send.data, this.now, this.now, this.now + 50);
    }
  }

  /** Everyone in the call reports the TRTC room: enter, then the others' lists. */
  enterRoom(members) {
    for (const userID of members) {
      const engine = this.engines.get(userID);
      const others = members.filter((u) => u !== userID);
      engine.pusherState(1018, '', this.now);
      engine.pusherState(1031, roomList(others), this.now);
      engine.pusherState(1033, roomList(others), this.now);
    }
    this.settle();
  }

  /** `ms` of conversation: every <live-player> reports its net status every 2 s (signs of life). */
  talk(members, ms) {
    for (let elapsed = 0; elapsed < ms; elapsed += NET_STATUS_MS) {
      for (const userID of members) {
        const engine = this.engines.get(userID);
        for (const other of members) if (other !== userID) engine.playerNetStatus(`${other}_main`, 1, this.now);
      }
      this.tick(NET_STATUS_MS);
    }
  }

  /** `caller` calls `invitees` (a group call when more than one), all accept, talk, `caller` hangs up. */
  call(caller, invitees) {
    const members = [caller, ...invitees];
    const groupID = invitees.length > 1 ? 'bench-group' : '';
    if (groupID) this.groups.set(groupID, members);
    this.engines.get(caller).call({ userIDList: invitees, type: 2, ...(groupID ? { groupID } : {}) }, this.now);
    this.settle();
    this.tick(1000);
    this.enterRoom(members);
    const connected = members.filter((u) => this.engines.get(u).view().status === 'connected');
    if (connected.length !== members.length) throw new Error(`only ${connected.length} of ${members.length} connected`);
    this.talk(members, CALL_MS);
    this.engines.get(caller).hangup(this.now);
    this.settle();
    for (const userID of invitees) {
      const engine = this.engines.get(userID);
      if (engine.view().status !== 'idle') engine.hangup(this.now);
    }
    this.settle();
    this.tick(CALL_MS);
    for (const userID of members) {
      const status = this.engines.get(userID).view().status;
      if (status !== 'idle') throw new Error(`${userID} still ${status} after the call`);
    }
    return members.length;
  }
}

module.exports = { CallWorld };
