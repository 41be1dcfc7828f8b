// UI helpers of the tuicalling component: strings (zh-CN default, en), the elapsed-time
// format, toast texts, page event names and the network-quality hint. Pure functions, no
// wx calls. Shipped to WeChat: CommonJS, ES2016, no globals.
'use strict';

var STRINGS = {
  'zh-CN': {
    inviteVideo: '邀请你视频通话',
    inviteAudio: '邀请你语音通话',
    waiting: '等待对方接受',
    away: '对方已离开，等待对方回来…',
    accept: '接听',
    reject: '挂断',
    hangup: '挂断',
    toAudio: '切换到语音通话',
    micOn: '麦克风已开',
    micOff: '麦克风已关',
    speaker: '扬声器',
    ear: '听筒',
    cameraOn: '摄像头已开',
    cameraOff: '摄像头已关',
    switchCamera: '翻转',
    me: '(自己)',
    rejected: '{nick}已拒绝',
    offline: '{nick}不在线',
    busy: '{nick}忙线中',
    canceled: '{nick}取消通话',
    timeout: '{nick}超时无应答',
    missed: '{nick}的来电未接听',
    ended: '通话结束',
    failed: '通话失败：{nick}',
    kickedOut: '您已被踢下线',
    myNetworkPoor: '您当前网络不佳',
    networkPoor: '{nick}当前网络不佳',
  },
  en: {
    inviteVideo: 'invites you to a video call',
    inviteAudio: 'invites you to a voice call',
    waiting: 'Waiting for the other side to accept',
    away: 'The other side left; waiting for them to return…',
    accept: 'Answer',
    reject: 'Decline',
    hangup: 'Hang up',
    toAudio: 'Switch to voice call',
    micOn: 'Mic on',
    micOff: 'Mic off',
    speaker: 'Speaker',
    ear: 'Earpiece',
    cameraOn: 'Camera on',
    cameraOff: 'Camera off',
    switchCamera: 'Flip',
    me: '(me)',
    rejected: '{nick} declined',
    offline: '{nick} is offline',
    busy: '{nick} is busy',
    canceled: '{nick} cancelled the call',
    timeout: '{nick} did not answer in time',
    missed: 'Missed call from {nick}',
    ended: 'Call ended',
    failed: 'Call failed: {nick}',
    kickedOut: 'You were signed in elsewhere and went offline',
    myNetworkPoor: 'Your network is poor',
    networkPoor: "{nick}'s network is poor",
  },
};

/** 'en' for any English locale ('en', 'en-US', 'en_GB'), else 'zh-CN'. */
function localeOf(locale) {
  return /^en\b|^en[-_]/i.test(String(locale || '')) ? 'en' : 'zh-CN';
}

function strings(locale) {
  return STRINGS[localeOf(locale)];
}

/** `text` with `{nick}` replaced. */
function format(text, nick) {
  return String(text).replace('{nick}', nick === undefined || nick === null ? '' : String(nick));
}

/** The toast for a call outcome: kind is rejected, offline, busy, canceled, timeout, ended, failed (nick = the reason), kickedOut. */
function toastText(kind, nick, locale) {
  var table = strings(locale);
  return table[kind] === undefined ? '' : format(table[kind], nick);
}

function pad2(n) {
  return n < 10 ? '0' + n : String(n);
}

/** Seconds as HH:MM:SS (hours keep counting past 99). */
function formatDuration(seconds) {
  var s = Math.max(0, Math.floor(Number(seconds) || 0));
  var h = Math.floor(s / 3600);
  var m = Math.floor((s % 3600) / 60);
  return pad2(h) + ':' + pad2(m) + ':' + pad2(s % 60);
}

/** The page event name for a driver event: USER_ENTER -> userEnter (uni-app keeps camelCase). */
function pageEventName(eventCode) {
  return String(eventCode).toLowerCase().replace(/_([a-z])/g, function (all, c) { return c.toUpperCase(); });
}

/** netQualityLevel above this is "poor" (1 best … 6 down; 0 unknown). */
var POOR_NETWORK_LEVEL = 4;
/** The same user's poor-network hint is not shown again within this many ms. */
var NETWORK_HINT_INTERVAL_MS = 30000;

/**
 * Decides whether a network-quality report deserves a hint. `memory` is the component's
 * `{userID: {poor, at}}`; a hint is shown when a user's quality turns poor, and again only
 * if it stays poor for NETWORK_HINT_INTERVAL_MS. Returns the text or ''.
 */
function networkHint(memory, report, selfID, nowMs, locale) {
  var poor = report.quality > POOR_NETWORK_LEVEL;
  var seen = memory[report.userID];
  if (!poor) {
    memory[report.userID] = { poor: false, at: seen ? seen.at : 0 };
    return '';
  }
  if (seen && seen.poor && nowMs - seen.at < NETWORK_HINT_INTERVAL_MS) return '';
  memory[report.userID] = { poor: true, at: nowMs };
  var table = strings(locale);
  return report.userID === selfID ? table.myNetworkPoor : format(table.networkPoor, report.nick || report.userID);
}

module.exports = {
  STRINGS: STRINGS,
  localeOf: localeOf,
  strings: strings,
  toastText: toastText,
  formatDuration: formatDuration,
  pageEventName: pageEventName,
  networkHint: networkHint,
  POOR_NETWORK_LEVEL: POOR_NETWORK_LEVEL,
  NETWORK_HINT_INTERVAL_MS: NETWORK_HINT_INTERVAL_MS,
};
