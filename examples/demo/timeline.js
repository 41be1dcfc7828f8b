// The demo's readable timeline: virtual timestamps, signals decoded in one line, toasts and
// call ends as they happen, and one line per phone describing its screen.
'use strict';

/** `mm:ss.mmm` of `ms` since the start. */
function stamp(ms) {
  const total = Math.max(0, Math.round(ms));
  const min = String(Math.floor(total / 60000)).padStart(2, '0');
  const sec = String(Math.floor((total % 60000) / 1000)).padStart(2, '0');
  return `${min}:${sec}.${String(total % 1000).padStart(3, '0')}`;
}

const mediaName = (type) => (type === 1 ? 'audio' : type === 2 ? 'video' : '-');

/** One signal that crossed the hub: action, short inviteID, from→to, call type, room. */
function signalLine(entry, signal) {
  if (!signal) return `signal ?        ${entry.from}→${entry.to} (not decodable)`;
  let action = signal.action;
  if (signal.busy) action += '/busy';
  else if (signal.kind && signal.kind !== 'call' && signal.kind !== action) action += `/${signal.kind}`;
  const to = entry.conversationType === 'GROUP' ? `group ${entry.to} [${entry.recipients.join(',')}]` : entry.to;
  const room = signal.roomID ? ` room ${signal.roomID}` : '';
  const media = signal.switchTo ? `${mediaName(signal.callType)}→${signal.switchTo}` : mediaName(signal.callType);
  return `signal ${action.padEnd(14)} #${String(signal.inviteID).slice(0, 6)} ${entry.from}→${to} ${media}${room}`;
}

/** A phone's screen in one line, e.g. `connected video 00:00:20 [mic on, cam on] with bob`. */
function screenLine(phone) {
  const d = phone.data;
  const kind = mediaName(d.type);
  const peers = (d.peers || []).map((p) => p.userID).join(', ');
  switch (d.screen) {
    case 'dialing':
      return `dialing ${peers} (${kind})`;
    case 'incoming':
      return `ringing: ${kind} call from ${d.caller.userID}${d.isGroup ? ` (group, with ${peers})` : ''}`;
    case 'connected': {
      const seen = Array.from(new Set((d.playerList || []).map((p) => p.userID))).join(', ') || 'nobody yet';
      const toggles = `mic ${d.micOn ? 'on' : 'off'}, cam ${d.cameraOn ? 'on' : 'off'}${d.soundMode === 'ear' ? ', earpiece' : ''}`;
      return `connected ${kind} ${d.chatTime} [${toggles}] with ${seen}`;
    }
    default:
      return 'idle';
  }
}

/**
 * Records what happens in a world (signals, toasts, call ends, errors, kick-outs, TRTC room
 * events) with its time, and hands it out in time order. Each entry is `{at, text, kind, raw}`:
 * kind is 'signal', 'toast', 'callEnd', 'error', 'kickedOut', 'trtc' or whatever `add` was
 * given; raw is the wire payload of a signal or the detail of a TRTC event (JSON).
 * `api` is the wasm engine's API (its decodeSignal names the signals).
 */
class Recorder {
  constructor(world, api) {
    this.world = world;
    this.api = api;
    this.entries = [];
    this.seen = { toasts: new WeakMap(), events: new WeakMap(), trtc: 0 };
    const recorder = this;
    const sent = world.hub.sent;
    sent.push = function push(entry) {
      recorder.onSignal(entry);
      return Array.prototype.push.call(this, entry);
    };
  }

  decode(data) {
    try {
      return this.api.decodeSignal(data);
    } catch (error) {
      return null;
    }
  }

  onSignal(entry) {
    this.add(this.world.now(), signalLine(entry, this.decode(entry.payload.data)), 'signal', entry.payload.data);
  }

  /** Records one entry of `kind` (raw: its payload, optional). */
  add(at, text, kind, raw) {
    this.entries.push({ at, text, kind, raw, order: this.entries.length });
  }

  /** Toasts, page events and TRTC events since the last call, then everything in order. */
  drain() {
    for (const phone of this.world.phones) {
      const toastsSeen = this.seen.toasts.get(phone) || 0;
      phone.toasts.slice(toastsSeen).forEach((t) => this.add(t.at, `${phone.userID}: toast "${t.title}"`, 'toast'));
      this.seen.toasts.set(phone, phone.toasts.length);
      const eventsSeen = this.seen.events.get(phone) || 0;
      phone.pageEvents.slice(eventsSeen).forEach((e) => {
        if (e.name === 'callEnd') this.add(e.at, `${phone.userID}: call ended (${e.detail.reason}, ${e.detail.totalTime} s)`, 'callEnd');
        if (e.name === 'error') this.add(e.at, `${phone.userID}: error ${e.detail.code}: ${e.detail.message}`, 'error');
        if (e.name === 'kickedOut') this.add(e.at, `${phone.userID}: kicked out (${e.detail.type})`, 'kickedOut');
      });
      this.seen.events.set(phone, phone.pageEvents.length);
    }
    const log = this.world.rooms.log;
    log.slice(this.seen.trtc).forEach((e) => {
      const d = e.detail;
      this.add(e.at, `trtc → ${e.to} ${e.kind} ${d.code !== undefined ? d.code : d.errCode} ${d.message || d.errMsg || ''}`, 'trtc',
        JSON.stringify(d));
    });
    this.seen.trtc = log.length;
    const out = this.entries.sort((a, b) => a.at - b.at || a.order - b.order);
    this.entries = [];
    return out;
  }
}

module.exports = { Recorder, screenLine, signalLine, stamp };
