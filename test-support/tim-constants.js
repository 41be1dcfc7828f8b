// The Tencent IM SDKs' EVENT and TYPES constants, with the runtime values of tim-wx-sdk 2.27.6
// and @tencentcloud/chat 3.6.6 (../shared/reference/tim-sdk.md §2). Test-only.
'use strict';

const EVENT_COMMON = {
  SDK_READY: 'sdkStateReady',
  SDK_NOT_READY: 'sdkStateNotReady',
  SDK_DESTROY: 'sdkDestroy',
  MESSAGE_RECEIVED: 'onMessageReceived',
  MESSAGE_MODIFIED: 'onMessageModified',
  MESSAGE_REVOKED: 'onMessageRevoked',
  MESSAGE_READ_BY_PEER: 'onMessageReadByPeer',
  MESSAGE_READ_RECEIPT_RECEIVED: 'onMessageReadReceiptReceived',
  MESSAGE_EXTENSIONS_UPDATED: 'onMessageExtensionsUpdated',
  MESSAGE_EXTENSIONS_DELETED: 'onMessageExtensionsDeleted',
  CONVERSATION_LIST_UPDATED: 'onConversationListUpdated',
  TOTAL_UNREAD_MESSAGE_COUNT_UPDATED: 'onTotalUnreadMessageCountUpdated',
  CONVERSATION_GROUP_LIST_UPDATED: 'onConversationGroupListUpdated',
  CONVERSATION_IN_GROUP_UPDATED: 'onConversationInGroupUpdated',
  GROUP_LIST_UPDATED: 'onGroupListUpdated',
  GROUP_ATTRIBUTES_UPDATED: 'groupAttributesUpdated',
  GROUP_COUNTER_UPDATED: 'onGroupCounterUpdated',
  TOPIC_CREATED: 'onTopicCreated',
  TOPIC_DELETED: 'onTopicDeleted',
  TOPIC_UPDATED: 'onTopicUpdated',
  PROFILE_UPDATED: 'onProfileUpdated',
  USER_STATUS_UPDATED: 'onUserStatusUpdated',
  BLACKLIST_UPDATED: 'blacklistUpdated',
  FRIEND_LIST_UPDATED: 'onFriendListUpdated',
  FRIEND_GROUP_LIST_UPDATED: 'onFriendGroupListUpdated',
  FRIEND_APPLICATION_LIST_UPDATED: 'onFriendApplicationListUpdated',
  KICKED_OUT: 'kickedOut',
  ERROR: 'error',
  NET_STATE_CHANGE: 'netStateChange',
};

const EVENT_2X_ONLY = {
  GROUP_SYSTEM_NOTICE_RECEIVED: 'receiveGroupSystemNotice',
  SDK_RELOAD: 'sdkReload',
};

const EVENT_3X_ONLY = {
  ROOM_CUSTOM_DATA_RECEIVED: 'onRoomCustomDataReceived',
  MESSAGE_REACTIONS_UPDATED: 'onMessageReactionsUpdated',
  MY_FOLLOWERS_LIST_UPDATED: 'onMyFollowersListUpdated',
  MY_FOLLOWING_LIST_UPDATED: 'onMyFollowingListUpdated',
  MUTUAL_FOLLOWERS_LIST_UPDATED: 'onMutualFollowersListUpdated',
  ALL_RECEIVE_MESSAGE_OPT_UPDATED: 'onAllReceiveMessageOptUpdated',
  SERVER_CONFIG_UPDATED: 'onServerConfigUpdated',
  PINNED_GROUP_MESSAGE_UPDATED: 'onPinnedGroupMessageUpdated',
};

const TYPES_COMMON = {
  MSG_TEXT: 'TIMTextElem',
  MSG_CUSTOM: 'TIMCustomElem',
  MSG_IMAGE: 'TIMImageElem',
  MSG_AUDIO: 'TIMSoundElem',
  MSG_SOUND: 'TIMSoundElem',
  MSG_VIDEO: 'TIMVideoFileElem',
  MSG_FILE: 'TIMFileElem',
  MSG_FACE: 'TIMFaceElem',
  MSG_LOCATION: 'TIMLocationElem',
  MSG_GEO: 'TIMLocationElem',
  MSG_GRP_TIP: 'TIMGroupTipElem',
  MSG_GRP_SYS_NOTICE: 'TIMGroupSystemNoticeElem',
  MSG_MERGER: 'TIMRelayElem',
  MSG_PRIORITY_HIGH: 'High',
  MSG_PRIORITY_NORMAL: 'Normal',
  MSG_PRIORITY_LOW: 'Low',
  MSG_PRIORITY_LOWEST: 'Lowest',
  CONV_C2C: 'C2C',
  CONV_GROUP: 'GROUP',
  CONV_TOPIC: 'TOPIC',
  CONV_SYSTEM: '@TIM#SYSTEM',
  NET_STATE_CONNECTED: 'connected',
  NET_STATE_CONNECTING: 'connecting',
  NET_STATE_DISCONNECTED: 'disconnected',
  KICKED_OUT_MULT_ACCOUNT: 'multipleAccount',
  KICKED_OUT_MULT_DEVICE: 'multipleDevice',
  KICKED_OUT_USERSIG_EXPIRED: 'userSigExpired',
  KICKED_OUT_REST_API: 'REST_API_Kick',
  GRP_WORK: 'Private',
  GRP_PRIVATE: 'Private',
  GRP_PUBLIC: 'Public',
  GRP_MEETING: 'ChatRoom',
  GRP_CHATROOM: 'ChatRoom',
  GRP_AVCHATROOM: 'AVChatRoom',
  GRP_COMMUNITY: 'Community',
  MSG_REMIND_ACPT_AND_NOTE: 'AcceptAndNotify',
  MSG_REMIND_ACPT_NOT_NOTE: 'AcceptNotNotify',
  MSG_REMIND_DISCARD: 'Discard',
  USER_STATUS_UNKNOWN: 0,
  USER_STATUS_ONLINE: 1,
  USER_STATUS_OFFLINE: 2,
  USER_STATUS_UNLOGINED: 3,
  READ_ALL_C2C_MSG: 'readAllC2CMessage',
  READ_ALL_GROUP_MSG: 'readAllGroupMessage',
  READ_ALL_MSG: 'readAllMessage',
  // Runtime values; the 3.x d.ts wrongly says FOLD 0x3 and HIDE 0x4.
  CONV_MARK_TYPE_STAR: 1,
  CONV_MARK_TYPE_UNREAD: 2,
  CONV_MARK_TYPE_FOLD: 4,
  CONV_MARK_TYPE_HIDE: 8,
};

const TYPES_3X_ONLY = {
  GRP_ROOM: 'Room',
  GRP_LIVE: 'Live',
  NOT_RECEIVE_OFFLINE_PUSH_EXCEPT_AT: 'AcceptNotNotifyExceptAt',
  RECEIVE_WITH_OFFLINE_PUSH_EXCEPT_AT: 'AcceptNotNotifyExceptAt',
  NOT_RECEIVE_MSG_EXCEPT_AT: 'NotReceiveMsgExceptAt',
  IOS_OFFLINE_PUSH_NO_SOUND: 'push.no_sound',
  IOS_OFFLINE_PUSH_DEFAULT_SOUND: 'default',
};

/** Error codes the call component meets (tim-sdk.md §2), plus the server codes the hub uses. */
const ERROR_CODES = Object.freeze({
  USER_NOT_LOGGED_IN: 2024,
  REPEAT_LOGIN: 2025,
  LOGIN_FAILED: 3001,
  USERSIG_EXPIRED: 70001,
  USERSIG_INVALID: 70003,
  MESSAGE_SEND_FAIL: 2100,
  MESSAGE_SEND_NEED_MESSAGE_INSTANCE: 2105,
  MESSAGE_SEND_INVALID_CONVERSATION_TYPE: 2106,
  NETWORK_ERROR: 2800,
  NETWORK_TIMEOUT: 2801,
  NO_NETWORK: 2805,
  UNCAUGHT_ERROR: 2903,
  CANNOT_FIND_MODULE: 2998,
  SDK_IS_NOT_READY: 2999,
  LOGGING_IN: 3000, // an API that needs the SDK called while its login has not finished (SDK_READY)
  // IM server codes used for group sends (server side; the SDK passes them through).
  GROUP_NO_PERMISSION: 10007,
  GROUP_NOT_FOUND: 10010,
});

const VERSIONS = Object.freeze({ '2.x': '2.27.6', '3.x': '3.6.6' });

const EVENT_2X = Object.freeze(Object.assign({}, EVENT_COMMON, EVENT_2X_ONLY));
const EVENT_3X = Object.freeze(Object.assign({}, EVENT_COMMON, EVENT_3X_ONLY));
const TYPES_2X = Object.freeze(Object.assign({}, TYPES_COMMON));
const TYPES_3X = Object.freeze(Object.assign({}, TYPES_COMMON, TYPES_3X_ONLY));

/** `{EVENT, TYPES, VERSION}` for 'tim-wx-sdk' ('2.x') or '@tencentcloud/chat' ('3.x'). */
function constantsFor(flavour) {
  if (flavour === '2.x') return { EVENT: EVENT_2X, TYPES: TYPES_2X, VERSION: VERSIONS['2.x'] };
  if (flavour === '3.x') return { EVENT: EVENT_3X, TYPES: TYPES_3X, VERSION: VERSIONS['3.x'] };
  throw new TypeError(`unknown SDK flavour ${flavour} (use '2.x' or '3.x')`);
}

module.exports = { EVENT_2X, EVENT_3X, TYPES_2X, TYPES_3X, ERROR_CODES, VERSIONS, constantsFor };
