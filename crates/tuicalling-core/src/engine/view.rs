//! The view state the component renders.

use super::room::{Player, PusherConfig};
use crate::protocol::MediaType;

/// Where the local user is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// No call.
    Idle,
    /// Dialing (caller) or ringing (callee).
    Calling,
    /// In the call.
    Connected,
}

/// The local user's role in the call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// We invited.
    Caller,
    /// We were invited (or joined a running call).
    Callee,
}

/// What we know of one remote user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RemoteState {
    /// Invitation being sent.
    Invited,
    /// Invitation delivered; their phone rings.
    Ringing,
    /// They accepted (or started the call).
    Accepted,
    /// They are in the TRTC room.
    InRoom,
    /// They left.
    Left,
    /// They declined.
    Rejected,
    /// They were in another call.
    Busy,
    /// They did not answer.
    NoResponse,
}

impl RemoteState {
    /// Lower-case name, e.g. "in_room".
    pub fn name(self) -> &'static str {
        match self {
            Self::Invited => "invited",
            Self::Ringing => "ringing",
            Self::Accepted => "accepted",
            Self::InRoom => "in_room",
            Self::Left => "left",
            Self::Rejected => "rejected",
            Self::Busy => "busy",
            Self::NoResponse => "no_response",
        }
    }

    /// Still part of the call (pending, accepted or in the room).
    pub fn is_active(self) -> bool {
        match self {
            Self::Invited | Self::Ringing | Self::Accepted | Self::InRoom => true,
            Self::Left | Self::Rejected | Self::Busy | Self::NoResponse => false,
        }
    }

    /// Invited and not answered yet.
    pub fn is_pending(self) -> bool {
        match self {
            Self::Invited | Self::Ringing => true,
            Self::Accepted
            | Self::InRoom
            | Self::Left
            | Self::Rejected
            | Self::Busy
            | Self::NoResponse => false,
        }
    }
}

/// One remote user in the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteUser {
    /// The user id.
    pub user_id: String,
    /// What we know of them.
    pub state: RemoteState,
}

/// Everything the screens need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewState {
    /// Idle, calling or connected.
    pub status: Status,
    /// Our role, while in a call.
    pub role: Option<Role>,
    /// The call's media, while in a call.
    pub media: Option<MediaType>,
    /// Group call (IM group or several users).
    pub is_group: bool,
    /// The IM group, or empty.
    pub group_id: String,
    /// Who called (the local user when we called).
    pub inviter: String,
    /// The TRTC room, while in a call.
    pub room_id: Option<u32>,
    /// Remote users, in the order they joined the call.
    pub remote_users: Vec<RemoteUser>,
    /// The `<live-player>`s to render.
    pub players: Vec<Player>,
    /// The `<live-pusher>` attributes, once connected.
    pub pusher: Option<PusherConfig>,
    /// When talking started (ms, the first remote user in the room).
    pub started_at: Option<u64>,
    /// Speaker (`true`) or earpiece.
    pub speaker: bool,
}

/// Builds the view from the engine's state.
pub(super) fn build(engine: &super::Engine) -> ViewState {
    let Some(call) = engine.call.as_ref() else {
        return ViewState {
            status: Status::Idle,
            role: None,
            media: None,
            is_group: false,
            group_id: String::new(),
            inviter: String::new(),
            room_id: None,
            remote_users: Vec::new(),
            players: Vec::new(),
            pusher: None,
            started_at: None,
            speaker: engine.speaker,
        };
    };
    ViewState {
        status: match call.phase {
            super::call::Phase::Calling => Status::Calling,
            super::call::Phase::Connected => Status::Connected,
        },
        role: Some(call.role),
        media: Some(call.media),
        is_group: call.is_group,
        group_id: call.group_id.clone(),
        inviter: call.inviter.clone(),
        room_id: Some(call.room_id),
        remote_users: call
            .order
            .iter()
            .filter_map(|user| {
                call.state(user).map(|state| RemoteUser {
                    user_id: user.clone(),
                    state,
                })
            })
            .collect(),
        players: call.room.players(),
        pusher: engine.pusher_config(call),
        started_at: call.started_at,
        speaker: engine.speaker,
    }
}
