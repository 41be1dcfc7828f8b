// Events in both vocabularies: the original TUICalling's (INVITED … ERROR) and TUICallKit's
// (ON_CALL_RECEIVED … USER_NETWORK_QUALITY_CHANGED), mapped from the engine's drained events
// and from changes of the rendered view. Shipped to WeChat: CommonJS, ES2016, no globals.
'use strict';

/**
 * Event names (each value equals its key). The original's: INVITED, USER_ACCEPT, USER_ENTER,
 * USER_LEAVE, USER_UPDATE, REJECT, NO_RESP, LINE_BUSY, CALLING_CANCEL, CALLING_TIMEOUT,
 * CALL_END, CALL_MODE, SDK_READY, KICKED_OUT, ERROR. TUICallKit's: ON_CALL_RECEIVED,
 * ON_CALL_BEGIN, ON_CALL_NOT_CONNECTED, ON_CALL_CANCELED, USER_VIDEO_AVAILABLE,
 * USER_AUDIO_AVAILABLE, USER_VOICE_VOLUME, USER_NETWORK_QUALITY_CHANGED.
 */
var EVENT = {};
[
  'INVITED', 'USER_ACCEPT', 'USER_ENTER', 'USER_LEAVE', 'USER_UPDATE', 'REJECT', 'NO_RESP',
  'LINE_BUSY', 'CALLING_CANCEL', 'CALLING_TIMEOUT', 'CALL_END', 'CALL_MODE', 'SDK_READY',
  'KICKED_OUT', 'ERROR',
  'ON_CALL_RECEIVED', 'ON_CALL_BEGIN', 'ON_CALL_NOT_CONNECTED', 'ON_CALL_CANCELED',
  'USER_VIDEO_AVAILABLE', 'USER_AUDIO_AVAILABLE', 'USER_VOICE_VOLUME',
  'USER_NETWORK_QUALITY_CHANGED',
].forEach(function (name) { EVENT[name] = name; });
Object.freeze(EVENT);

/** Role numbers TUICallKit uses for `callRole` (1 caller, 2 callee; 0 unknown). */
function callRole(role) {
  if (role === 'caller') return 1;
  if (role === 'callee') return 2;
  return 0;
}

/**
 * A small emitter. Listeners get one argument, `{eventCode, data}` (the original's format).
 * A listener that throws does not stop the others; the error goes to `onListenerError`.
 */
function Emitter(onListenerError) {
  this._listeners = {};
  this._onListenerError = onListenerError || null;
}

/** Adds `fn` for `name` (called with `this` = `context` when given). */
Emitter.prototype.on = function (name, fn, context) {
  if (typeof fn !== 'function') throw new TypeError('on(' + name + '): listener must be a function');
  var list = this._listeners[name] || (this._listeners[name] = []);
  list.push({ fn: fn, context: context });
  return this;
};

/** Removes `fn` for `name`; without `fn`, every listener of `name`; without `name`, all. */
Emitter.prototype.off = function (name, fn) {
  if (name === undefined) {
    this._listeners = {};
    return this;
  }
  var list = this._listeners[name];
  if (!list) return this;
  if (!fn) {
    delete this._listeners[name];
    return this;
  }
  this._listeners[name] = list.filter(function (item) { return item.fn !== fn; });
  return this;
};

/** Calls every listener of `name` with `{eventCode: name, data}`. */
Emitter.prototype.emit = function (name, data) {
  var list = this._listeners[name];
  if (!list || list.length === 0) return;
  var event = { eventCode: name, data: data };
  list.slice().forEach(function (item) {
    try {
      item.fn.call(item.context, event);
    } catch (error) {
      if (this._onListenerError) this._onListenerError(error, name);
    }
  }, this);
};

/** Per-user audio/video availability from a rendered player list: {userID: {video, audio}}. */
function availability(playerList) {
  var map = {};
  (playerList || []).forEach(function (player) {
    var entry = map[player.userID] || (map[player.userID] = { video: false, audio: false });
    if (!player.muteVideo) entry.video = true;
    if (!player.muteAudio) entry.audio = true;
  });
  return map;
}

/**
 * TUICallKit's USER_VIDEO_AVAILABLE / USER_AUDIO_AVAILABLE for what changed between two
 * rendered player lists: `[{name, data:{userID, userId, isVideoAvailable|isAudioAvailable}}]`.
 */
function availabilityEvents(previousPlayers, nextPlayers) {
  var before = availability(previousPlayers);
  var after = availability(nextPlayers);
  var users = Object.keys(before);
  Object.keys(after).forEach(function (user) { if (!before[user]) users.push(user); });
  var out = [];
  users.forEach(function (user) {
    var was = before[user] || { video: false, audio: false };
    var now = after[user] || { video: false, audio: false };
    if (was.video !== now.video) {
      out.push({ name: EVENT.USER_VIDEO_AVAILABLE, data: { userID: user, userId: user, isVideoAvailable: now.video } });
    }
    if (was.audio !== now.audio) {
      out.push({ name: EVENT.USER_AUDIO_AVAILABLE, data: { userID: user, userId: user, isAudioAvailable: now.audio } });
    }
  });
  return out;
}

/** USER_VOICE_VOLUME for one user's volume report (0-100). */
function volumeEvent(userID, volume) {
  return {
    name: EVENT.USER_VOICE_VOLUME,
    data: { userID: userID, volume: volume, volumeMap: [{ userId: userID, userID: userID, audioVolume: volume }] },
  };
}

/** USER_NETWORK_QUALITY_CHANGED for one user's `netQualityLevel` (0 unknown, 1 best … 6 down). */
function networkEvent(userID, quality) {
  return {
    name: EVENT.USER_NETWORK_QUALITY_CHANGED,
    data: { userID: userID, quality: quality, networkQualityList: [{ userId: userID, userID: userID, quality: quality }] },
  };
}

/**
 * Maps one drained engine event (`{kind:'event', name, …}`) to the events the page gets, in
 * order: `[{name, data}]`. `ctx` describes the call around it:
 * - `selfID`: the local user;
 * - `before` / `after`: the engine view before and after the input (`before` also holds the
 *   ended call's role, type and room for `callEnded`);
 * - `playerList` / `pusher`: the rendered lists after the input;
 * - `inviteID(userID)`: the invitation a user belongs to ('' when unknown);
 * - `invite`: for `invited`, the decoded invitation (`{inviteID, invitees, roomID, …}`) or null.
 * `ignored` events map to nothing (they are diagnostics).
 */
function mapEngineEvent(event, ctx) {
  var before = ctx.before || {};
  var after = ctx.after || {};
  var call = after.status !== 'idle' ? after : before;
  var inviteID = function (user) { return (ctx.inviteID && ctx.inviteID(user)) || ''; };
  var out = [];
  var push = function (name, data) { out.push({ name: name, data: data }); };
  switch (event.name) {
    case 'invited': {
      var invite = ctx.invite || {};
      var invitees = invite.invitees && invite.invitees.length ? invite.invitees.slice() : [ctx.selfID];
      var id = invite.inviteID || inviteID(event.inviter);
      var roomID = after.roomID || 0;
      var isFromGroup = !!event.groupID || !!after.isGroup;
      var inviteData = { version: 4, callType: event.type, roomID: roomID, callEnd: 0 };
      push(EVENT.INVITED, {
        sponsor: event.inviter, inviteeList: invitees, isFromGroup: isFromGroup, inviteID: id,
        inviteData: inviteData, groupID: event.groupID || '', userIDList: event.userIDList || [],
      });
      push(EVENT.ON_CALL_RECEIVED, {
        sponsor: event.inviter, userIDList: invitees, isFromGroup: isFromGroup, inviteData: inviteData,
        inviteID: id, callId: id, userData: '', roomID: roomID, callMediaType: event.type,
        callRole: callRole('callee'), groupID: event.groupID || '', participants: event.userIDList || [],
      });
      break;
    }
    case 'userAccepted':
      push(EVENT.USER_ACCEPT, { userID: event.userID });
      break;
    case 'userRejected':
      push(EVENT.REJECT, { inviteID: inviteID(event.userID), invitee: event.userID, userID: event.userID, reason: 'reject' });
      break;
    case 'userBusy':
      push(EVENT.LINE_BUSY, { inviteID: inviteID(event.userID), invitee: event.userID, userID: event.userID, reason: 'line busy' });
      break;
    case 'userNoResponse':
      // The original: NO_RESP when our own guard fired (the callee is treated as offline),
      // CALLING_TIMEOUT when the callee's timeout notice came.
      push(event.offline ? EVENT.NO_RESP : EVENT.CALLING_TIMEOUT, {
        groupID: call.groupID || '', inviteID: inviteID(event.userID), sponsor: call.inviter || ctx.selfID,
        timeoutUserList: [event.userID], userID: event.userID, offline: !!event.offline,
      });
      break;
    case 'userEntered':
      push(EVENT.USER_ENTER, { userID: event.userID, playerList: ctx.playerList || [] });
      break;
    case 'userLeft':
      push(EVENT.USER_LEAVE, { userID: event.userID, playerList: ctx.playerList || [] });
      break;
    case 'connected':
      push(EVENT.ON_CALL_BEGIN, { roomID: call.roomID || 0, callMediaType: call.type || 0, callRole: callRole(call.role) });
      break;
    case 'mediaChanged':
      push(EVENT.CALL_MODE, { type: event.type });
      break;
    case 'callEnded': {
      var ended = before.status && before.status !== 'idle' ? before : after;
      var neverConnected = ended.status === 'calling';
      var callee = ended.role === 'callee';
      var common = {
        roomID: ended.roomID || 0, callMediaType: ended.type || 0, callRole: callRole(ended.role),
      };
      if (event.reason === 'canceled' && callee) {
        push(EVENT.CALLING_CANCEL, { inviteID: inviteID(ended.inviter), invitee: ctx.selfID, userID: event.userID || ended.inviter });
        push(EVENT.ON_CALL_CANCELED, { userID: event.userID || ended.inviter, inviteID: inviteID(ended.inviter) });
      }
      if (event.reason === 'no_response' && callee && neverConnected) {
        push(EVENT.CALLING_TIMEOUT, {
          groupID: ended.groupID || '', inviteID: inviteID(ended.inviter), sponsor: ended.inviter,
          timeoutUserList: [ctx.selfID], userID: ctx.selfID, offline: false,
        });
      }
      if (neverConnected) {
        push(EVENT.ON_CALL_NOT_CONNECTED, Object.assign({ reason: event.reason, userID: event.userID || '' }, common));
      }
      push(EVENT.CALL_END, Object.assign({
        userID: event.userID || '', callEnd: event.duration || 0, totalTime: event.duration || 0,
        reason: event.reason,
      }, common));
      break;
    }
    case 'error':
      push(EVENT.ERROR, { code: event.code, message: event.message || '' });
      break;
    default:
      break; // 'ignored' and anything newer: diagnostics only
  }
  return out;
}

module.exports = {
  EVENT: EVENT,
  Emitter: Emitter,
  mapEngineEvent: mapEngineEvent,
  availabilityEvents: availabilityEvents,
  volumeEvent: volumeEvent,
  networkEvent: networkEvent,
  callRole: callRole,
};
