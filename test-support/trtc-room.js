// A simulated TRTC room service for tests: it tracks who is in which room and who pushes audio
// and video, and emits to every participant's <live-pusher> handlers the `bindstatechange`
// details WeChat emits for room:// URLs (../shared/reference/platform.md §D.4, §D.6;
// tuicalling-spec.md §5.4). Test-only; never shipped. No node built-ins are required.
//
// Event sequences (each event is `{code, message}`; room codes carry a JSON *string*):
//   X enters an empty room   -> X: 1018, 1020 {"userlist":[]}
//   Y enters (X is in it)    -> Y: 1018, 1020 [X], 1031 [X], 1033 [X video] (if X has video),
//                                  1034 [X audio] (if X has audio)
//                               X: 1031 [Y], 1020 [Y], 1033 [Y video] (if any), 1034 [Y audio] (if any)
//   Y.setMedia({video:false})-> X: 1033 [{userid:Y, playurl, streamtype:'main', hasvideo:false}]
//   Y leaves                 -> Y: 1019 'Exit room success reason[0]'; X: 1032 [Y], 1020 []
// That a newcomer also gets 1031 for the members already present mirrors the native TRTC SDK's
// onRemoteUserEnterRoom; TUICalling only needs 1031..1034 and ignores 1020.
'use strict';

const PUSH_URL_PREFIX = 'room://cloud.tencent.com/rtc?';
const PLAY_URL_PREFIX = 'room://rtc.tencent.com?';
const MAX_ROOM_ID = 4294967295;

const CODES = Object.freeze({
  LOCAL_ENTER: 1018,
  LOCAL_LEAVE: 1019,
  MEMBER_LIST: 1020,
  ENTER_FAILED_EVENT: 1022,
  REMOTE_ENTER: 1031,
  REMOTE_LEAVE: 1032,
  REMOTE_VIDEO: 1033,
  REMOTE_AUDIO: 1034,
  ENTER_FAILED: -3301,
  BAD_SDKAPPID: -100015,
  BAD_USERSIG: -100018,
  CAMERA_DENIED: 10001, // binderror {errMsg, errCode}
  MIC_DENIED: 10002,
  CAMERA_OPEN_FAILED: -1301, // statechange
  MIC_OPEN_FAILED: -1302,
  SUSPENDED: 5000, // mini-program suspended (iOS: the SDK exits the room, re-enters on resume)
});

/** The binderror text WeChat gives with 10001 / 10002. */
const DENIED_TEXT = { [CODES.CAMERA_DENIED]: 'camera authorize deny', [CODES.MIC_DENIED]: 'microphone authorize deny' };
/** The statechange text with -1301 / -1302. */
const OPEN_FAILED_TEXT = { [CODES.CAMERA_OPEN_FAILED]: 'open camera failed', [CODES.MIC_OPEN_FAILED]: 'open microphone failed' };

/** Parses a query string without URL/URLSearchParams (not guaranteed on every JS runtime). */
function parseQuery(query) {
  const params = {};
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    params[key] = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
  }
  return params;
}

/**
 * Parses a TRTC push URL `room://cloud.tencent.com/rtc?sdkappid=..&roomid=..&userid=..&usersig=..`.
 * Returns the query parameters, or null if it is not a room:// push URL.
 */
function parsePushUrl(url) {
  if (typeof url !== 'string' || url.indexOf(PUSH_URL_PREFIX) !== 0) return null;
  try {
    return parseQuery(url.slice(PUSH_URL_PREFIX.length));
  } catch (error) {
    return null; // malformed %-escape
  }
}

/** The play url a remote stream gets, as in 1033/1034 user lists. */
function playUrlOf(userID, streamType) {
  return `${PLAY_URL_PREFIX}userid=${encodeURIComponent(userID)}&streamtype=${streamType || 'main'}`;
}

/** The room a push URL names: roomid (u32 1..4294967295) or strroomid; null if invalid. */
function roomNameOf(params) {
  if (params.roomid !== undefined && params.roomid !== '') {
    if (!/^[0-9]+$/.test(params.roomid)) return null;
    const n = Number(params.roomid);
    return n >= 1 && n <= MAX_ROOM_ID ? String(n) : null;
  }
  return params.strroomid ? params.strroomid : null;
}

function userList(entries) {
  return JSON.stringify({ userlist: entries });
}

/**
 * Creates the room service.
 *
 * @param {{now?: () => number, schedule?: (fn: Function, delayMs: number) => void,
 *          sdkAppID?: number, validateUserSig?: (userID: string, usersig: string, sdkappid: string) => boolean,
 *          preEnterCodes?: number[]}} [options]
 *   sdkAppID: if set, a push URL with another sdkappid fails with -100015.
 *   preEnterCodes: informational pusher codes to emit before 1018 (e.g. [1003, 1008, 1001, 1002]).
 */
function createTrtcRooms(options) {
  const opts = options || {};
  const now = opts.now || (() => Date.now());
  const schedule = opts.schedule || ((fn, delayMs) => { setTimeout(fn, delayMs); });
  /** @type {Map<string, {pusherStateChange?: Function, pusherError?: Function}>} */
  const handlers = new Map();
  /** @type {Map<string, Map<string, {userID: string, video: boolean, audio: boolean}>>} room -> members in join order */
  const rooms = new Map();
  /** @type {Map<string, string>} userID -> room name */
  const roomOfUser = new Map();
  /** media state set before entering: userID -> {video, audio} */
  const presetMedia = new Map();
  /** iOS-style suspended users: userID -> {pushUrl, media} to re-enter with on resume */
  const suspended = new Map();

  const service = {
    /** `(userID, usersig, sdkappid) => boolean`; false makes entering fail with -100018. */
    validateUserSig: opts.validateUserSig || null,
    sdkAppID: opts.sdkAppID || null,
    preEnterCodes: opts.preEnterCodes || [],
    /** leaveNotReported(userID): the others never see this leave (no 1032/1020).
     *  delayMs(event): extra delay for one event ({to, kind, code, message} / {to, kind, errCode}).
     *  deviceError(userID): 10001 (camera) / 10002 (mic) on binderror, or -1301 / -1302 on
     *  statechange, or falsy; with a code the pusher does not enter the room. */
    faults: {
      leaveNotReported: () => false,
      delayMs: () => 0,
      deviceError: () => 0,
    },
    /** Every event handed out: {at, to, kind:'statechange'|'error', detail}. */
    log: [],
    /** Exceptions thrown by handlers (recorded, not rethrown). */
    handlerErrors: [],
  };

  function fault(name, fallback) {
    const hook = service.faults && service.faults[name];
    return typeof hook === 'function' ? hook : fallback;
  }

  /** Queues one event to one user's pusher handler, after the per-event fault delay. */
  function send(to, kind, detail) {
    const delay = Number(fault('delayMs', () => 0)(Object.assign({ to, kind }, detail))) || 0;
    service.log.push({ at: now() + delay, to, kind, detail });
    schedule(() => {
      const h = handlers.get(to);
      const fn = h && (kind === 'error' ? h.pusherError : h.pusherStateChange);
      if (typeof fn !== 'function') return;
      try {
        fn(detail);
      } catch (error) {
        service.handlerErrors.push({ to, detail, error });
      }
    }, delay);
  }

  function stateChange(to, code, message) {
    send(to, 'statechange', { code, message });
  }

  function membersExcept(room, userID) {
    return Array.from(room.values()).filter((m) => m.userID !== userID);
  }

  function videoEntry(member) {
    return { userid: member.userID, playurl: playUrlOf(member.userID, 'main'), streamtype: 'main', hasvideo: member.video };
  }

  function audioEntry(member) {
    return { userid: member.userID, playurl: playUrlOf(member.userID, 'main'), hasaudio: member.audio };
  }

  function idEntry(member) {
    return { userid: member.userID };
  }

  /** Tells `to` the full remote member list (1020). */
  function sendMemberList(to, room) {
    stateChange(to, CODES.MEMBER_LIST, userList(membersExcept(room, to).map(idEntry)));
  }

  /** Validates a push URL; returns {params, room} or reports the failure and returns null. */
  function checkPushUrl(userID, pushUrl) {
    const params = parsePushUrl(pushUrl);
    if (params && params.userid !== undefined && params.userid !== userID) {
      throw new Error(`trtc-room: enter(${userID}) with a push URL for userid=${params.userid}`);
    }
    const missing = !params ? 'room:// url'
      : ['sdkappid', 'userid', 'usersig'].find((k) => !params[k]) || (roomNameOf(params) ? null : 'roomid');
    if (missing) {
      stateChange(userID, CODES.ENTER_FAILED, `enter room failed: invalid ${missing}`);
      return null;
    }
    if (service.sdkAppID && String(service.sdkAppID) !== params.sdkappid) {
      stateChange(userID, CODES.BAD_SDKAPPID, 'invalid sdkappid');
      return null;
    }
    if (service.validateUserSig && !service.validateUserSig(params.userid, params.usersig, params.sdkappid)) {
      stateChange(userID, CODES.BAD_USERSIG, 'userSig check failed');
      return null;
    }
    return { params, room: roomNameOf(params) };
  }

  /**
   * The pusher starts with a room:// URL (what `pusherContext.start()` does after setData url).
   * `media` ({video, audio}) defaults to what setMedia set before, else {video: !pureaudiomode,
   * audio: true}. Entering while in a room leaves that room first (reported).
   */
  service.enter = function enter(userID, pushUrl, media) {
    if (roomOfUser.has(userID)) service.leave(userID);
    for (const code of service.preEnterCodes) stateChange(userID, code, '');
    suspended.delete(userID);
    const deviceError = fault('deviceError', () => 0)(userID);
    if (deviceError) {
      if (deviceError < 0) stateChange(userID, deviceError, OPEN_FAILED_TEXT[deviceError] || 'device failed');
      else send(userID, 'error', { errMsg: DENIED_TEXT[deviceError] || 'device authorize deny', errCode: deviceError });
      return;
    }
    const checked = checkPushUrl(userID, pushUrl);
    if (!checked) return;
    const initial = media || presetMedia.get(userID) || { video: checked.params.pureaudiomode !== '1', audio: true };
    const member = { userID, pushUrl, video: initial.video !== false, audio: initial.audio !== false };
    if (!rooms.has(checked.room)) rooms.set(checked.room, new Map());
    const room = rooms.get(checked.room);
    const others = membersExcept(room, userID);
    room.set(userID, member);
    roomOfUser.set(userID, checked.room);
    announceEnter(room, member, others);
  };

  function announceEnter(room, member, others) {
    const me = member.userID;
    stateChange(me, CODES.LOCAL_ENTER, 'Enter room success');
    sendMemberList(me, room);
    if (others.length > 0) {
      stateChange(me, CODES.REMOTE_ENTER, userList(others.map(idEntry)));
      const withVideo = others.filter((m) => m.video);
      const withAudio = others.filter((m) => m.audio);
      if (withVideo.length > 0) stateChange(me, CODES.REMOTE_VIDEO, userList(withVideo.map(videoEntry)));
      if (withAudio.length > 0) stateChange(me, CODES.REMOTE_AUDIO, userList(withAudio.map(audioEntry)));
    }
    for (const other of others) {
      stateChange(other.userID, CODES.REMOTE_ENTER, userList([idEntry(member)]));
      sendMemberList(other.userID, room);
      if (member.video) stateChange(other.userID, CODES.REMOTE_VIDEO, userList([videoEntry(member)]));
      if (member.audio) stateChange(other.userID, CODES.REMOTE_AUDIO, userList([audioEntry(member)]));
    }
  }

  /** Removes a user from their room; `reason` 0 = own exit (the message has 'reason[0]'),
   *  SUSPENDED = the SDK left for an iOS-style suspension (the user gets 5000, not 1019). */
  function removeMember(userID, reason) {
    const roomName = roomOfUser.get(userID);
    if (roomName === undefined) return;
    const room = rooms.get(roomName);
    room.delete(userID);
    roomOfUser.delete(userID);
    if (room.size === 0) rooms.delete(roomName);
    if (reason === CODES.SUSPENDED) stateChange(userID, CODES.SUSPENDED, 'mini-program suspended');
    else stateChange(userID, CODES.LOCAL_LEAVE, reason === 0 ? 'Exit room success reason[0]' : `Exit room reason[${reason}]`);
    if (fault('leaveNotReported', () => false)(userID)) return;
    for (const other of room.values()) {
      stateChange(other.userID, CODES.REMOTE_LEAVE, userList([{ userid: userID }]));
      sendMemberList(other.userID, room);
    }
  }

  /** The pusher stops (pusherContext.stop()): 1019 locally, 1032 + 1020 to the others. */
  service.leave = function leave(userID) {
    suspended.delete(userID);
    removeMember(userID, 0);
  };

  /**
   * iOS-style suspension (WeChat in the background): the SDK exits the room. The user's pusher
   * gets 5000, the others 1032 + 1020 (unless leaveNotReported). Nothing when not in a room.
   */
  service.suspend = function suspend(userID) {
    const roomName = roomOfUser.get(userID);
    if (roomName === undefined) return;
    const member = rooms.get(roomName).get(userID);
    suspended.set(userID, { pushUrl: member.pushUrl, media: { video: member.video, audio: member.audio } });
    removeMember(userID, CODES.SUSPENDED);
  };

  /** The app resumes: a suspended user re-enters its room (as `enter`); a user whose pusher
   *  stopped meanwhile (`leave`) or that entered elsewhere does not. */
  service.resume = function resume(userID) {
    const saved = suspended.get(userID);
    if (!saved) return;
    suspended.delete(userID);
    service.enter(userID, saved.pushUrl, saved.media);
  };

  /** Injects a pusher `statechange` {code, message} for a user (e.g. -1301, -1302, -1307). */
  service.pusherEvent = function pusherEvent(userID, code, message) {
    stateChange(userID, code, message === undefined ? '' : message);
  };

  /** Injects a pusher `binderror` {errCode, errMsg} for a user (e.g. 10001, 10002). */
  service.pusherError = function pusherError(userID, errCode, errMsg) {
    send(userID, 'error', { errMsg: errMsg === undefined ? DENIED_TEXT[errCode] || '' : errMsg, errCode });
  };

  /** The server removes a user (1019 with reason[reason], default 1 = kicked). */
  service.kick = function kick(userID, reason) {
    removeMember(userID, reason === undefined ? 1 : reason);
  };

  /** Camera/mic publishing on or off; others get 1033 (video) / 1034 (audio) for changes. */
  service.setMedia = function setMedia(userID, media) {
    const roomName = roomOfUser.get(userID);
    if (roomName === undefined) {
      presetMedia.set(userID, Object.assign({ video: true, audio: true }, presetMedia.get(userID), media));
      return;
    }
    const room = rooms.get(roomName);
    const member = room.get(userID);
    const videoChanged = media.video !== undefined && Boolean(media.video) !== member.video;
    const audioChanged = media.audio !== undefined && Boolean(media.audio) !== member.audio;
    if (videoChanged) member.video = Boolean(media.video);
    if (audioChanged) member.audio = Boolean(media.audio);
    for (const other of membersExcept(room, userID)) {
      if (videoChanged) stateChange(other.userID, CODES.REMOTE_VIDEO, userList([videoEntry(member)]));
      if (audioChanged) stateChange(other.userID, CODES.REMOTE_AUDIO, userList([audioEntry(member)]));
    }
  };

  /** Binds a user's <live-pusher> handlers: {pusherStateChange(detail), pusherError(detail)}. */
  service.attach = function attach(userID, userHandlers) {
    handlers.set(userID, userHandlers || {});
  };

  service.detach = function detach(userID) {
    handlers.delete(userID);
  };

  /** userIDs in a room, in join order (the server's view, faults notwithstanding). */
  service.membersOf = function membersOf(roomID) {
    const room = rooms.get(String(roomID));
    return room ? Array.from(room.keys()) : [];
  };

  /** The room a user is in, or null. */
  service.roomOf = (userID) => (roomOfUser.has(userID) ? roomOfUser.get(userID) : null);

  /** {video, audio} a user publishes, or null when not in a room. */
  service.mediaOf = function mediaOf(userID) {
    const roomName = roomOfUser.get(userID);
    if (roomName === undefined) return null;
    const m = rooms.get(roomName).get(userID);
    return { video: m.video, audio: m.audio };
  };

  return service;
}

module.exports = { createTrtcRooms, parsePushUrl, playUrlOf, CODES };
