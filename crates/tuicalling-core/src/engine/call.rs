//! One call's bookkeeping: who is in it and which invitations are outstanding.

use super::sorted::SortedMap;

use super::room::Room;
use super::view::{RemoteState, Role};
use crate::protocol::{outgoing, MediaType, Signal};

/// An invitation we sent (caller side): its id, who it rings, and its give-up deadline.
#[derive(Debug, Clone)]
pub(super) struct SentInvite {
    /// The signal as sent (responses must match its id and invitees).
    pub(super) signal: Signal,
    /// When we give up on the invitees still pending (timeout + grace).
    pub(super) deadline: u64,
}

/// A media switch we asked for and are waiting on.
#[derive(Debug, Clone)]
pub(super) struct PendingSwitch {
    pub(super) invite_id: String,
    pub(super) to: MediaType,
    pub(super) deadline: u64,
}

/// The last remote user left the room (TRTC 1032): the call waits for them to come back.
#[derive(Debug, Clone)]
pub(super) struct LeaveGrace {
    /// Who left last.
    pub(super) user: String,
    /// When TRTC reported it (ms): the talk ended then unless they come back.
    pub(super) left_at: u64,
    /// When the wait started (ms): the leave, or our own return from a suspension (we could
    /// not see them come back while we were out of the room ourselves).
    pub(super) since: u64,
}

/// Connected or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    /// Dialing or ringing.
    Calling,
    /// In the call.
    Connected,
}

/// One call.
#[derive(Debug, Clone)]
pub(super) struct Call {
    pub(super) role: Role,
    pub(super) phase: Phase,
    pub(super) media: MediaType,
    pub(super) room_id: u32,
    pub(super) group_id: String,
    /// The user who started the call.
    pub(super) inviter: String,
    /// Several users, or an IM group.
    pub(super) is_group: bool,
    /// Remote users in joining order, with their state.
    pub(super) order: Vec<String>,
    pub(super) states: SortedMap<String, RemoteState>,
    /// Caller: our outstanding invitations by invite id.
    pub(super) sent: SortedMap<String, SentInvite>,
    /// Callee: the invitation that rang us.
    pub(super) received: Option<Signal>,
    /// Callee: when our ringing gives up.
    pub(super) ring_deadline: Option<u64>,
    pub(super) switch: Option<PendingSwitch>,
    pub(super) room: Room,
    /// Last time each remote user showed life in the room (ms).
    pub(super) last_seen: SortedMap<String, u64>,
    /// Since when we are connected with nobody else in the room (ms).
    pub(super) alone_since: Option<u64>,
    /// When the call started (local ms), to recognise notices older than it.
    pub(super) created_at: u64,
    /// The mini-program is suspended (TRTC 5000): silence and empty-room guards pause.
    pub(super) suspended: bool,
    /// Nobody is left in the room since a reported leave; the call ends when it runs out.
    pub(super) grace: Option<LeaveGrace>,
    /// 1v1: the peer's invite or accept said `sendsHangupNotice` (it is one of ours): a
    /// hang-up tells it at once, and its own hang-up will tell us.
    pub(super) peer_sends_notice: bool,
    pub(super) started_at: Option<u64>,
    pub(super) mic: bool,
    pub(super) camera: bool,
    pub(super) front_camera: bool,
}

impl Call {
    pub(super) fn new(
        role: Role,
        media: MediaType,
        room_id: u32,
        group_id: String,
        inviter: String,
        now: u64,
    ) -> Self {
        Self {
            role,
            phase: Phase::Calling,
            media,
            room_id,
            group_id,
            inviter,
            is_group: false,
            order: Vec::new(),
            states: SortedMap::new(),
            sent: SortedMap::new(),
            received: None,
            ring_deadline: None,
            switch: None,
            room: Room::new(),
            last_seen: SortedMap::new(),
            alone_since: None,
            created_at: now,
            suspended: false,
            grace: None,
            peer_sends_notice: false,
            started_at: None,
            mic: true,
            camera: media == MediaType::Video,
            front_camera: true,
        }
    }

    /// Adds a remote user (or updates their state if already known).
    pub(super) fn set_state(&mut self, user: &str, state: RemoteState) {
        if !self.states.contains_key(user) {
            self.order.push(user.to_owned());
        }
        self.states.insert(user.to_owned(), state);
    }

    pub(super) fn state(&self, user: &str) -> Option<RemoteState> {
        self.states.get(user).copied()
    }

    /// Anyone still pending, accepted or in the room.
    pub(super) fn anyone_active(&self) -> bool {
        self.states.values().any(|state| state.is_active())
    }

    /// Talk time so far, in whole seconds; it stops when the last remote user left the room
    /// (during the grace for their return).
    pub(super) fn duration_secs(&self, now: u64) -> u32 {
        let end = self.grace.as_ref().map_or(now, |grace| grace.left_at);
        self.started_at
            .map(|start| (end.saturating_sub(start) + 500) / 1000)
            .map(|secs| u32::try_from(secs).unwrap_or(u32::MAX))
            .unwrap_or(0)
    }

    /// The one remote user of a 1v1 call.
    pub(super) fn peer(&self) -> Option<&str> {
        (!self.is_group)
            .then(|| self.order.first().map(String::as_str))
            .flatten()
    }

    /// The cancel for `sent`'s invitees still pending; `None` when nobody is.
    pub(super) fn cancel_of(&self, sent: &SentInvite) -> Option<Signal> {
        let pending: Vec<String> = sent
            .signal
            .invitees
            .iter()
            .filter(|user| self.state(user).is_some_and(RemoteState::is_pending))
            .cloned()
            .collect();
        (!pending.is_empty()).then(|| outgoing::cancel(&sent.signal, pending))
    }

    /// Whether `invite_id` is one of this call's invitations (sent or received).
    pub(super) fn owns_invite(&self, invite_id: &str) -> bool {
        self.sent.contains_key(invite_id)
            || self
                .received
                .as_ref()
                .is_some_and(|signal| signal.invite_id == invite_id)
    }

    /// Whether `signal` names one of this call's invitations *and* its real inviter (a group
    /// member who copies an invite id cannot act for the inviter).
    pub(super) fn owns_signal(&self, signal: &Signal, me: &str) -> bool {
        if self.sent.contains_key(&signal.invite_id) {
            return signal.inviter == me;
        }
        self.received.as_ref().is_some_and(|invite| {
            invite.invite_id == signal.invite_id && invite.inviter == signal.inviter
        })
    }
}
