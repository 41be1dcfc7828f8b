//! The five invariants of issue 4 and the sixth of issue 13, checked after every step of every
//! scenario.
//!
//! 1. **One call per user.** Structurally the engine holds one call; the checks here are that
//!    a user's room never changes without the call ending first (so it is never in two rooms),
//!    that an invitation never rings over a running call, and that a call ends at most once.
//! 2. **Back to idle in time.** See [`idle_bound_ms`] for the bound and why it is sound.
//! 3. **Same room when connected to each other.** If `a` and `b` are both connected and each
//!    knows it is connected with the other (see [`Snapshot::connected_with`]), they are in the
//!    same room.
//! 4. **No timer for a finished call.** An idle engine has no deadline (in particular right
//!    after `CallEnded`); `handle_timeout` always makes progress (the deadline it handled is
//!    gone); no `CallEnded` for a call that already ended.
//! 5. **Nobody in a TRTC room after going idle.** Pusher ⇔ connected; the room service's
//!    membership equals the engines' connected state (a user stepped out of its room by an
//!    iOS background still counts as in it); the push URL names the right room and user.
//! 6. **One hang-up notice per call end** (engine docs, "End of call"). Checked two ways: the
//!    silence guard of a group call never sends one; and each 1v1 call the two users were
//!    connected in (both knowing it) ends with exactly one notice between them, unless both
//!    hung up (then each may have told the other, or neither: at most two), their notices
//!    crossed (one sent while the other's was on its way: at most two), a message between
//!    them was lost or its send failed, or the call became a group call.

use tuicalling_core::engine::{EngineConfig, RemoteState, Role, Status};

/// Invariant 2's bound, ms: how long after its last *keep-alive* a user may still be in a
/// call. The issue allows `timeout + 10 s` ([`issue_idle_bound_ms`], 40 s); the engine's design
/// promises less, and we check what it promises, so that a regression of a few seconds shows:
/// `max(timeout + inviter grace, empty-room guard, silence guard)` = max(30 + 5, 30, 30) = 35 s
/// with the defaults every simulated engine uses.
///
/// *Keep-alives* (a user's keep-alive time is the latest of them): a page command the engine
/// accepted (a refused command changes nothing), the delivery of any IM message to the user,
/// and any TRTC event delivered to the user's current pusher: a `statechange` (1018, 1031,
/// 1032, 1033, 1034) or a player `netstatus`. Send results and timer expiries are *not*
/// keep-alives: they only end or shrink a call.
///
/// *Why the bound is sound for the engine's design.* Every deadline the engine arms is taken
/// from a keep-alive: ringing ends `T` after the invite arrived; the inviter's guard fires
/// `T + grace` after the invite was sent (a command); the empty-room guard fires 30 s after
/// connecting (an accept command or a received accept) or after the last remote user left (a
/// 1032 or a hang-up notice); the silence guard fires 30 s after the last room or player event
/// of a present user. A media-switch deadline never ends a call. So without a further
/// keep-alive the last guard fires at most `max(T + grace, 30 s)` later, and a handler that
/// re-arms another guard must date it from the evidence, not from its own firing: the engine
/// documents a silent user as one "with no room or player event for this long", i.e. gone
/// since their last event, so the room has been empty since then too. Message loss cannot
/// break the bound (no guard waits for a message), and neither can delay (a late message is a
/// keep-alive when it arrives).
///
/// *Skew does not enter the bound*: the engine uses server time only to judge an invitation's
/// age (a stale invite never rings, which can only keep a user idle); every timer runs on the
/// engine's local clock.
pub fn idle_bound_ms() -> u64 {
    let config = EngineConfig::new(1, "sim", "sig");
    let limits = &config.limits;
    let invite = u64::from(config.invite_timeout_secs) * 1000 + limits.inviter_grace_ms;
    invite
        .max(limits.alone_timeout_ms)
        .max(limits.remote_silence_ms)
}

/// The issue's bound for invariant 2: the invite timeout plus 10 s, ms.
pub fn issue_idle_bound_ms() -> u64 {
    u64::from(EngineConfig::new(1, "sim", "sig").invite_timeout_secs) * 1000 + 10_000
}

/// Which invariant broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Invariant {
    /// 1: at most one active call per user.
    OneCall,
    /// 2: idle soon enough after the last keep-alive.
    IdleBound,
    /// 3: never connected to each other in different rooms.
    SameRoom,
    /// 4: no timer fires for a finished call.
    NoStaleTimer,
    /// 5: nobody stays in a TRTC room after going idle.
    RoomMatchesState,
    /// 6: one hang-up notice per call end.
    OneNotice,
    /// The engine broke its API contract (a non-command input returned an error).
    Contract,
}

impl Invariant {
    /// Human-readable name.
    pub fn name(self) -> &'static str {
        match self {
            Self::OneCall => "1: at most one active call per user",
            Self::IdleBound => "2: back to idle within the bound after the last keep-alive",
            Self::SameRoom => "3: never connected to each other in different rooms",
            Self::NoStaleTimer => "4: no timer fires for a finished call",
            Self::RoomMatchesState => "5: nobody stays in a TRTC room after going idle",
            Self::OneNotice => "6: one hang-up notice per call end",
            Self::Contract => "0: engine API contract",
        }
    }
}

/// A broken invariant and the details.
#[derive(Debug, Clone)]
pub struct Broken {
    /// Which one.
    pub invariant: Invariant,
    /// What exactly.
    pub detail: String,
}

/// Fails with `invariant` and the formatted details.
pub fn broken(invariant: Invariant, detail: String) -> Result<(), Broken> {
    Err(Broken { invariant, detail })
}

/// What the world caches of one engine after its last step.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// `view().status`.
    pub status: Status,
    /// `view().role`.
    pub role: Option<Role>,
    /// `view().room_id`.
    pub room: Option<u32>,
    /// `view().pusher.is_some()`.
    pub pusher: bool,
    /// The pusher's camera is on.
    pub camera: bool,
    /// The push URL names `room` and the user.
    pub url_ok: bool,
    /// `view().remote_users` (user, state).
    pub remotes: Vec<(String, RemoteState)>,
    /// `view().players` ids.
    pub players: Vec<String>,
    /// `view().group_id`.
    pub group_id: String,
    /// `view().is_group`.
    pub is_group: bool,
    /// `poll_timeout()` in the engine's local time.
    pub deadline: Option<(u64, &'static str)>,
}

impl Snapshot {
    /// The snapshot of a fresh engine.
    pub fn idle() -> Self {
        Self {
            status: Status::Idle,
            role: None,
            room: None,
            pusher: false,
            camera: false,
            url_ok: true,
            remotes: Vec::new(),
            players: Vec::new(),
            group_id: String::new(),
            is_group: false,
            deadline: None,
        }
    }

    /// Whether the user *knows* it is connected with `user` in its current call: it is
    /// connected and `user` is in its TRTC room (`InRoom`), or it invited `user` and `user`
    /// accepted (`Accepted` on the caller side).
    ///
    /// A callee also lists the inviter (and, in an IM group, other invitees it heard accept)
    /// as `Accepted`, but that is an assumption, not knowledge: with one lost cancel and one
    /// late invite, *any* engine ends up with two users each assuming the other accepted in
    /// different rooms. Knowledge cannot be split that way: a user seen in our room during our
    /// call was in that room while we were, and an accept of our invitation was sent during our
    /// call, so the other user entered our call's room after we did and cannot have been in
    /// (or have accepted) a different call of its own since ours started without ours ending.
    pub fn connected_with(&self, user: &str) -> bool {
        self.status == Status::Connected
            && self.remotes.iter().any(|(id, state)| {
                id == user
                    && match state {
                        RemoteState::InRoom => true,
                        RemoteState::Accepted => self.role == Some(Role::Caller),
                        RemoteState::Invited
                        | RemoteState::Ringing
                        | RemoteState::Left
                        | RemoteState::Rejected
                        | RemoteState::Busy
                        | RemoteState::NoResponse => false,
                    }
            })
    }
}

/// Invariant 1 across one step: the room changes only through idle, an invitation rings only
/// an idle engine, and one step ends at most one call, which must have existed.
pub fn one_call(
    user: &str,
    before: &Snapshot,
    after: &Snapshot,
    ended: usize,
    rang_while_busy: bool,
    started_call: bool,
) -> Result<(), Broken> {
    if let (Some(old), Some(new)) = (before.room, after.room) {
        if old != new && ended == 0 {
            return broken(
                Invariant::OneCall,
                format!("{user} moved from room {old} to room {new} without ending the call"),
            );
        }
    }
    if rang_while_busy {
        return broken(
            Invariant::OneCall,
            format!(
                "an invitation rang {user} while it was in a call (room {:?})",
                before.room
            ),
        );
    }
    if ended > 1 {
        return broken(
            Invariant::OneCall,
            format!("{user} ended {ended} calls in one step"),
        );
    }
    if ended == 1 && before.status == Status::Idle && !started_call {
        return broken(
            Invariant::NoStaleTimer,
            format!("{user} emitted CallEnded while idle (a finished call ended again)"),
        );
    }
    Ok(())
}

/// Invariant 4 for one engine after a step: idle ⇒ no deadline; a handled timeout is gone.
pub fn no_stale_timer(
    user: &str,
    after: &Snapshot,
    handled_timeout_at: Option<u64>,
) -> Result<(), Broken> {
    if after.status == Status::Idle {
        if let Some((at, why)) = after.deadline {
            return broken(
                Invariant::NoStaleTimer,
                format!("{user} is idle but has a deadline at {at} ({why})"),
            );
        }
    }
    if let (Some(now), Some((at, why))) = (handled_timeout_at, after.deadline) {
        if at <= now {
            return broken(
                Invariant::NoStaleTimer,
                format!("{user}: handle_timeout({now}) left a due deadline at {at} ({why})"),
            );
        }
    }
    Ok(())
}

/// Invariant 5 for one engine: pusher ⇔ connected, the URL is right, and the room service has
/// the user exactly in its connected room.
pub fn room_matches(user: &str, after: &Snapshot, member_of: Option<u32>) -> Result<(), Broken> {
    let connected = after.status == Status::Connected;
    if after.pusher != connected {
        return broken(
            Invariant::RoomMatchesState,
            format!(
                "{user} is {:?} but its pusher is {}",
                after.status,
                if after.pusher { "mounted" } else { "absent" }
            ),
        );
    }
    if after.pusher && !after.url_ok {
        return broken(
            Invariant::RoomMatchesState,
            format!(
                "{user}'s push URL does not name room {:?} and the user",
                after.room
            ),
        );
    }
    let expected = if connected { after.room } else { None };
    if member_of != expected {
        return broken(
            Invariant::RoomMatchesState,
            format!(
                "{user} is {:?} in room {:?} but the room service has it in {member_of:?}",
                after.status, after.room
            ),
        );
    }
    Ok(())
}

/// Invariant 3 for a pair.
pub fn same_room(a: &str, sa: &Snapshot, b: &str, sb: &Snapshot) -> Result<(), Broken> {
    if sa.connected_with(b) && sb.connected_with(a) && sa.room != sb.room {
        return broken(
            Invariant::SameRoom,
            format!(
                "{a} (room {:?}) and {b} (room {:?}) both believe they are connected to each other",
                sa.room, sb.room
            ),
        );
    }
    Ok(())
}
