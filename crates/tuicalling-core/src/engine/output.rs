//! What the engine tells the page.

use super::input::OutgoingMessage;
use crate::protocol::MediaType;

/// Why a call ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EndReason {
    /// Someone hung up.
    Hangup,
    /// The callee declined (or we did).
    Reject,
    /// Nobody answered in time.
    NoResponse,
    /// The caller's guard fired: the callee never answered or timed out (offline).
    Offline,
    /// The callee was in another call.
    LineBusy,
    /// The caller cancelled before the call was answered.
    Canceled,
    /// The IM account logged in elsewhere.
    KickedOut,
    /// Something failed (a send, TRTC, or the room stayed empty).
    Error,
}

impl EndReason {
    /// Lower-case name, e.g. "line_busy".
    pub fn name(self) -> &'static str {
        match self {
            Self::Hangup => "hangup",
            Self::Reject => "reject",
            Self::NoResponse => "no_response",
            Self::Offline => "offline",
            Self::LineBusy => "line_busy",
            Self::Canceled => "canceled",
            Self::KickedOut => "kicked_out",
            Self::Error => "error",
        }
    }
}

/// Something the page should know about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallEvent {
    /// An invitation rings.
    Invited {
        /// Who calls.
        inviter: String,
        /// Audio or video.
        media: MediaType,
        /// Everyone in the call besides the local user (the inviter first).
        participants: Vec<String>,
        /// The IM group, or empty.
        group_id: String,
    },
    /// An invitee accepted.
    UserAccepted(String),
    /// An invitee declined.
    UserRejected(String),
    /// An invitee was in another call.
    UserBusy(String),
    /// An invitee did not answer; `offline` when our own guard fired rather than their notice.
    UserNoResponse {
        /// The invitee.
        user: String,
        /// Our guard fired (they never answered or timed out).
        offline: bool,
    },
    /// A user entered the TRTC room.
    UserEntered(String),
    /// A user left the call.
    UserLeft(String),
    /// The local user is connected (entering the TRTC room).
    Connected,
    /// The call switched media.
    MediaChanged(MediaType),
    /// The call ended.
    CallEnded {
        /// Why.
        reason: EndReason,
        /// Talk time in seconds (0 if nobody talked).
        duration_secs: u32,
        /// The remote user whose action ended it, when there is one.
        user: Option<String>,
    },
    /// Something failed without ending the call (or after it ended).
    Error {
        /// A stable code, e.g. "SEND_FAILED".
        code: &'static str,
        /// Details.
        message: String,
    },
    /// A received message was ignored, and why (for diagnostics; not an error).
    Ignored {
        /// A stable reason, e.g. "FORGED_CANCEL".
        reason: &'static str,
        /// Details.
        detail: String,
    },
}

/// One drained output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Send this IM message, then report `Input::SendResult`.
    Send(OutgoingMessage),
    /// Tell the page.
    Event(CallEvent),
}
