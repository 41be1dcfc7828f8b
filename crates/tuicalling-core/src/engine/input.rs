//! Everything that can happen to the engine.

use crate::protocol::{MediaType, OfflinePushInfo};

/// A conversation type in Tencent IM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Conversation {
    /// One-to-one (`TIM.TYPES.CONV_C2C`).
    C2C,
    /// A group (`TIM.TYPES.CONV_GROUP`).
    Group,
}

/// Starting a call: one user (1v1) or several (group, over an IM group or multi-C2C).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CallRequest {
    /// Who to call (not including the local user).
    pub user_ids: Vec<String>,
    /// Audio or video; the configured default when `None`.
    pub media: Option<MediaType>,
    /// An IM group to signal through (group calls); `None` for C2C.
    pub group_id: Option<String>,
    /// A TRTC room to use; a random one in 1..=2147483646 when `None`.
    pub room_id: Option<u32>,
    /// Seconds the invitation rings; the configured timeout when `None`.
    pub timeout_secs: Option<u32>,
    /// Offline-push texts for the invitation.
    pub push: Option<PushTexts>,
}

/// The texts of the offline push that accompanies an invitation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PushTexts {
    /// Notification title.
    pub title: String,
    /// Notification text ("您有一个通话请求" when empty).
    pub description: String,
    /// OPPO channel id.
    pub android_oppo_channel_id: String,
}

/// Joining a group call that is already running, by its room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinRequest {
    /// The TRTC room of the running call.
    pub room_id: u32,
    /// Its IM group, if it has one.
    pub group_id: Option<String>,
    /// Audio or video.
    pub media: MediaType,
}

/// A command from the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Start a 1v1 or group call.
    Call(CallRequest),
    /// Accept the ringing call.
    Accept,
    /// Reject the ringing call.
    Reject,
    /// Leave the call: cancel while dialing, reject while ringing, hang up while connected.
    Hangup,
    /// Invite more users into the current call.
    InviteUser(Vec<String>),
    /// Join a group call in progress.
    Join(JoinRequest),
    /// Switch the running 1v1 call to this media.
    SwitchMedia(MediaType),
    /// Turn the microphone on or off.
    SetMicrophone(bool),
    /// Turn the camera on or off.
    SetCamera(bool),
    /// Use the front (`true`) or back camera.
    SetFrontCamera(bool),
    /// Play through the speaker (`true`) or the earpiece.
    SetSpeaker(bool),
}

/// One element of a received IM message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedMessage {
    /// `message.from`: the sender as the IM server reports it.
    pub from: String,
    /// `message.conversationType`.
    pub conversation: Conversation,
    /// `message.to` for group messages (the group id); empty for C2C.
    pub group_id: String,
    /// The element type (`TIMCustomElem`, `TIMTextElem`, …).
    pub element_type: String,
    /// `payload.data` of a custom element.
    pub data: String,
    /// `message.time` in ms: when the IM server stored it.
    pub server_time_ms: u64,
    /// The IM server's clock now, in ms (`getServerTime()`, or the local clock plus the
    /// offset learned at login).
    pub server_now_ms: u64,
}

/// Why a send failed, as the IM SDK reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendFailure {
    /// The SDK error code.
    pub code: i32,
    /// The SDK error message (often empty).
    pub message: String,
}

/// A `<live-pusher>` event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PusherEvent {
    /// `bindstatechange` `{code, message}`.
    StateChange {
        /// `e.detail.code`.
        code: i32,
        /// `e.detail.message` (a JSON string for room codes).
        message: String,
    },
    /// `binderror` `{errCode, errMsg}`.
    Error {
        /// `e.detail.errCode`.
        code: i32,
        /// `e.detail.errMsg`.
        message: String,
    },
    /// `bindnetstatus` with the network quality level (1 best … 6 down), if reported.
    NetStatus {
        /// `netQualityLevel`.
        quality: Option<u8>,
    },
}

/// A `<live-player>` event, for the player with this id (`<userID>_<main|aux>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlayerEvent {
    /// `bindstatechange` `{code}`.
    StateChange {
        /// The player id.
        player_id: String,
        /// `e.detail.code`.
        code: i32,
    },
    /// `bindnetstatus`.
    NetStatus {
        /// The player id.
        player_id: String,
        /// `netQualityLevel`, if reported.
        quality: Option<u8>,
    },
}

/// One input. Time comes separately, as the `now` argument of `handle_input`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A command from the page.
    Command(Command),
    /// A received IM message element.
    Message(ReceivedMessage),
    /// The result of sending the output message with this id.
    SendResult {
        /// `OutgoingMessage::id`.
        id: u64,
        /// Success, or the SDK's error.
        result: Result<(), SendFailure>,
    },
    /// A `<live-pusher>` event.
    Pusher(PusherEvent),
    /// A `<live-player>` event.
    Player(PlayerEvent),
    /// IM `KICKED_OUT`: this account logged in elsewhere.
    KickedOut,
}

/// A message for the glue to send with the IM SDK (custom message, priority High).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMessage {
    /// Local id; report the outcome with `Input::SendResult { id, .. }`.
    pub id: u64,
    /// A user id (C2C) or a group id.
    pub to: String,
    /// C2C or group.
    pub conversation: Conversation,
    /// `payload.data`.
    pub data: String,
    /// `sendMessage` option `offlinePushInfo` (invitations only).
    pub offline_push: Option<OfflinePushInfo>,
}
