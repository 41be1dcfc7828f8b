//! The typed model of a signal.

use crate::RoomId;

/// TSignaling `actionType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// 1: an invitation (also used for hang-up notices and media switches).
    Invite,
    /// 2: the inviter cancels.
    Cancel,
    /// 3: an invitee accepts.
    Accept,
    /// 4: an invitee rejects (or is busy).
    Reject,
    /// 5: an invitation timed out.
    Timeout,
}

impl Action {
    /// The wire number.
    pub fn code(self) -> u8 {
        match self {
            Self::Invite => 1,
            Self::Cancel => 2,
            Self::Accept => 3,
            Self::Reject => 4,
            Self::Timeout => 5,
        }
    }

    /// The action for a wire number.
    pub fn from_code(code: u64) -> Option<Self> {
        match code {
            1 => Some(Self::Invite),
            2 => Some(Self::Cancel),
            3 => Some(Self::Accept),
            4 => Some(Self::Reject),
            5 => Some(Self::Timeout),
            _ => None,
        }
    }

    /// Lower-case name: invite, cancel, accept, reject, timeout.
    pub fn name(self) -> &'static str {
        match self {
            Self::Invite => "invite",
            Self::Cancel => "cancel",
            Self::Accept => "accept",
            Self::Reject => "reject",
            Self::Timeout => "timeout",
        }
    }
}

/// `call_type`: 1 audio, 2 video.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaType {
    /// 1: audio only.
    Audio,
    /// 2: audio and video.
    Video,
}

impl MediaType {
    /// The wire number (1 or 2).
    pub fn code(self) -> u8 {
        match self {
            Self::Audio => 1,
            Self::Video => 2,
        }
    }

    /// The media type for a wire number.
    pub fn from_code(code: u64) -> Option<Self> {
        match code {
            1 => Some(Self::Audio),
            2 => Some(Self::Video),
            _ => None,
        }
    }

    /// "audio" or "video".
    pub fn name(self) -> &'static str {
        match self {
            Self::Audio => "audio",
            Self::Video => "video",
        }
    }

    /// The `cmd` that starts a call of this type.
    pub fn call_cmd(self) -> Cmd {
        match self {
            Self::Audio => Cmd::AudioCall,
            Self::Video => Cmd::VideoCall,
        }
    }

    /// The `cmd` that switches a call to this type.
    pub fn switch_cmd(self) -> Cmd {
        match self {
            Self::Audio => Cmd::SwitchToAudio,
            Self::Video => Cmd::SwitchToVideo,
        }
    }
}

/// `data.cmd`. Values we do not know are kept as they are.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Cmd {
    /// "audioCall".
    AudioCall,
    /// "videoCall".
    VideoCall,
    /// "hangup".
    Hangup,
    /// "switchToAudio".
    SwitchToAudio,
    /// "switchToVideo".
    SwitchToVideo,
    /// Any other non-empty value, preserved.
    Other(String),
}

impl Cmd {
    /// Parses a wire value; the empty string (sent by current engines on accepts) is no cmd.
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "" => return None,
            "audioCall" => Self::AudioCall,
            "videoCall" => Self::VideoCall,
            "hangup" => Self::Hangup,
            "switchToAudio" => Self::SwitchToAudio,
            "switchToVideo" => Self::SwitchToVideo,
            other => Self::Other(other.to_owned()),
        })
    }

    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            Self::AudioCall => "audioCall",
            Self::VideoCall => "videoCall",
            Self::Hangup => "hangup",
            Self::SwitchToAudio => "switchToAudio",
            Self::SwitchToVideo => "switchToVideo",
            Self::Other(other) => other,
        }
    }
}

/// What an invitation means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InviteKind {
    /// A new call, ringing the invitees.
    Call {
        /// Audio or video.
        media: MediaType,
    },
    /// An end-of-call notice: `call_end` seconds (1v1), or 0 for an IM-group call.
    Hangup {
        /// Call duration in seconds, 0 for a group.
        call_end: u32,
    },
    /// A request to switch the running call's media.
    Switch {
        /// The media the call switches to.
        to: MediaType,
    },
}

/// Why an invitee rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RejectReason {
    /// The user declined.
    Normal,
    /// The user is already in a call.
    LineBusy,
}

/// One signal: the envelope and the call data it carries, normalized across client families.
///
/// Decoding fills every field from whichever wire variant the sender used; [`encode`] writes
/// the V1 shape from them. Meaning is derived by [`Signal::invite_kind`] and
/// [`Signal::reject_reason`].
///
/// [`encode`]: super::encode
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    /// `actionType`.
    pub action: Action,
    /// `inviteID`: one per invitation; every response reuses it.
    pub invite_id: String,
    /// `inviter`: the user who sent the invitation.
    pub inviter: String,
    /// `inviteeList`.
    pub invitees: Vec<String>,
    /// `groupID`: the IM group, or empty for C2C.
    pub group_id: String,
    /// `timeout` in seconds (0 on every non-invite, and on hang-up notices).
    pub timeout: u32,
    /// `call_type`. Missing in the original's busy reject.
    pub call_type: Option<MediaType>,
    /// The room: `room_id`, else `data.room_id`, else `data.str_room_id`. 0 is no room.
    pub room: Option<RoomId>,
    /// `call_end`: present on hang-up notices (and, as 0, on every current-engine message).
    pub call_end: Option<u32>,
    /// `line_busy` present, or `data.message == "lineBusy"`.
    pub busy: bool,
    /// The media a switch asks for: from `data.cmd`, else `switch_to_audio_call` (audio).
    pub switch_to: Option<MediaType>,
    /// `data.cmd`.
    pub cmd: Option<Cmd>,
    /// `data.userIDs`: everyone invited to a multi-C2C call.
    pub user_ids: Option<Vec<String>>,
    /// `platform` ("MiniApp", "Android", "iOS", "Web", …).
    pub platform: Option<String>,
    /// `version` (4; absent from some senders).
    pub version: Option<u32>,
    /// `data.inviter`: who started the call (read by current chat UIs).
    pub data_inviter: Option<String>,
    /// `data.consumed`: an invitation already handled elsewhere; it must not ring.
    pub consumed: bool,
    /// `data.excludeFromHistoryMessage`: chat UIs hide the message.
    pub exclude_from_history: bool,
    /// `data.sendsHangupNotice` (ours, on call invites and accepts): the sender sends a hang-up
    /// notice when it hangs up a 1v1 call and ends at once on receiving one, so a peer that
    /// does the same ends a call without waiting for the TRTC leave.
    pub sends_hangup_notice: bool,
    /// `inCallUserIDs`: who is already in a group call (current engines).
    pub in_call_user_ids: Option<Vec<String>>,
}

impl Signal {
    /// Whether this belongs to a group call: an IM group, or several invitees or user ids.
    pub fn is_group_call(&self) -> bool {
        !self.group_id.is_empty()
            || self.invitees.len() >= 2
            || self.user_ids.as_ref().is_some_and(|ids| ids.len() >= 2)
    }

    /// What an invitation means, or `None` for other actions and invitations whose meaning
    /// cannot be told (decoding rejects those).
    ///
    /// `data.cmd` decides first, so a current engine's `call_end: 0` on a call invite does
    /// not make it a hang-up. Without a known cmd the V1 rules apply: `call_end` present is a
    /// hang-up; a group invite without a room is a hang-up; otherwise `call_type` is a call.
    pub fn invite_kind(&self) -> Option<InviteKind> {
        if self.action != Action::Invite {
            return None;
        }
        if self.cmd == Some(Cmd::Hangup) {
            return Some(InviteKind::Hangup {
                call_end: self.call_end.unwrap_or(0),
            });
        }
        if let Some(to) = self.switch_to {
            return Some(InviteKind::Switch { to });
        }
        match &self.cmd {
            Some(Cmd::AudioCall) => {
                return Some(InviteKind::Call {
                    media: MediaType::Audio,
                })
            }
            Some(Cmd::VideoCall) => {
                return Some(InviteKind::Call {
                    media: MediaType::Video,
                })
            }
            Some(Cmd::Hangup | Cmd::SwitchToAudio | Cmd::SwitchToVideo | Cmd::Other(_)) | None => {}
        }
        if let Some(call_end) = self.call_end {
            return Some(InviteKind::Hangup { call_end });
        }
        if self.room.is_none() && !self.group_id.is_empty() {
            return Some(InviteKind::Hangup { call_end: 0 });
        }
        self.call_type.map(|media| InviteKind::Call { media })
    }

    /// Why a reject was sent, or `None` for other actions.
    pub fn reject_reason(&self) -> Option<RejectReason> {
        match (self.action, self.busy) {
            (Action::Reject, true) => Some(RejectReason::LineBusy),
            (Action::Reject, false) => Some(RejectReason::Normal),
            _ => None,
        }
    }

    /// The call's media: `data.cmd` when it names one, else `call_type`.
    pub fn media(&self) -> Option<MediaType> {
        match self.cmd {
            Some(Cmd::AudioCall) => Some(MediaType::Audio),
            Some(Cmd::VideoCall) => Some(MediaType::Video),
            _ => self.call_type,
        }
    }

    /// Who started the call: `data.inviter` when present, else the envelope's inviter.
    pub fn call_inviter(&self) -> &str {
        self.data_inviter.as_deref().unwrap_or(&self.inviter)
    }
}
