//! Deadlines: ringing, the inviter's guard, media switches, the empty room, silent users and
//! the grace for a user who left the room.

use super::call::Phase;
use super::media::Departure;
use super::view::{RemoteState, Role};
use super::{CallEvent, EndReason, Engine, SendPurpose};
use crate::protocol::outgoing;

/// A kind of deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Due {
    Ring,
    InviteGuard,
    Switch,
    EmptyRoom,
    Silence,
    Grace,
}

impl Due {
    fn reason(self) -> &'static str {
        match self {
            Self::Ring => "ring timeout",
            Self::InviteGuard => "invite guard",
            Self::Switch => "switch timeout",
            Self::EmptyRoom => "empty room",
            Self::Silence => "remote silent",
            Self::Grace => "leave grace",
        }
    }
}

impl Engine {
    /// When to call [`handle_timeout`](Self::handle_timeout) next, and why; `None` when idle.
    /// While outputs are queued it returns the last `now` with the reason "queued output".
    pub fn poll_timeout(&self) -> Option<(u64, &'static str)> {
        if !self.outputs.is_empty() {
            return Some((self.last_now, "queued output"));
        }
        self.call_deadline().map(|(at, due)| (at, due.reason()))
    }

    /// The current call's earliest deadline and its reason.
    fn call_deadline(&self) -> Option<(u64, Due)> {
        let call = self.call.as_ref()?;
        let limits = &self.config.limits;
        let mut next: Option<(u64, Due)> = None;
        let mut consider = |at: u64, why: Due| {
            if next.is_none_or(|(best, _)| at < best) {
                next = Some((at, why));
            }
        };
        if let Some(at) = call.ring_deadline {
            consider(at, Due::Ring);
        }
        for sent in call.sent.values() {
            let pending = sent
                .signal
                .invitees
                .iter()
                .any(|user| call.state(user).is_some_and(RemoteState::is_pending));
            if pending {
                consider(sent.deadline, Due::InviteGuard);
            }
        }
        if let Some(switch) = &call.switch {
            consider(switch.deadline, Due::Switch);
        }
        if call.phase == Phase::Connected && !call.suspended {
            let pending = call.states.values().any(|state| state.is_pending());
            if let (Some(since), false) = (call.alone_since, pending) {
                consider(since + limits.alone_timeout_ms, Due::EmptyRoom);
            }
            for (user, seen) in call.last_seen.iter() {
                if call.room.is_present(user) {
                    consider(seen + limits.remote_silence_ms, Due::Silence);
                }
            }
            if let Some(grace) = &call.grace {
                consider(grace.since + limits.remote_leave_grace_ms, Due::Grace);
            }
        }
        next
    }

    /// Handles every deadline that is due at `now` (ms). Drain outputs afterwards.
    pub fn handle_timeout(&mut self, now: u64) {
        self.last_now = self.last_now.max(now);
        // Each handler clears the deadline it handles; the cap is a backstop.
        for _ in 0..64 {
            let Some((_, due)) = self.call_deadline().filter(|(at, _)| *at <= now) else {
                break;
            };
            match due {
                Due::Ring => self.ring_timed_out(now),
                Due::InviteGuard => self.invites_timed_out(now),
                Due::Switch => self.switch_timed_out(),
                Due::EmptyRoom => {
                    self.emit(CallEvent::Error {
                        code: "EMPTY_ROOM",
                        message: "nobody joined the TRTC room".into(),
                    });
                    self.notify_peer_of_hangup(now);
                    self.end_call(now, EndReason::Error, None);
                }
                Due::Silence => self.silent_users_left(now),
                Due::Grace => self.grace_expired(now),
            }
        }
    }

    fn ring_timed_out(&mut self, now: u64) {
        let Some(call) = self.call.as_ref() else {
            return;
        };
        let Some(invite) = call.received.clone() else {
            return;
        };
        if call.role == Role::Callee && call.phase == Phase::Calling {
            let me = self.config.user_id.clone();
            let notice = outgoing::timeout_notice(&invite, vec![me]);
            let (to, conversation) = Self::destination(&invite.group_id, &invite.inviter);
            self.send(now, &notice, to, conversation, SendPurpose::Other);
            self.end_call(now, EndReason::NoResponse, Some(invite.inviter));
        } else if let Some(call) = self.call.as_mut() {
            // Connected: the invitation has expired, so invitees who never showed up are gone.
            call.ring_deadline = None;
            let expired: Vec<String> = call
                .states
                .iter()
                .filter(|(_, state)| state.is_pending())
                .map(|(user, _)| user.clone())
                .collect();
            for user in expired {
                call.set_state(&user, RemoteState::NoResponse);
            }
            self.end_if_deserted(now, EndReason::NoResponse, None);
        }
    }

    /// The inviter's guard: invitees still pending are treated as offline.
    fn invites_timed_out(&mut self, now: u64) {
        let Some(call) = self.call.as_mut() else {
            return;
        };
        let mut notices = Vec::new();
        let mut gone = Vec::new();
        for sent in call.sent.values_mut() {
            if sent.deadline > now {
                continue;
            }
            sent.deadline = u64::MAX;
            let pending: Vec<String> = sent
                .signal
                .invitees
                .iter()
                .filter(|user| {
                    call.states
                        .get(*user)
                        .is_some_and(|state| state.is_pending())
                })
                .cloned()
                .collect();
            if !pending.is_empty() {
                notices.push(outgoing::timeout_notice(&sent.signal, pending.clone()));
                gone.extend(pending);
            }
        }
        for user in &gone {
            call.set_state(user, RemoteState::NoResponse);
        }
        for notice in notices {
            let (to, conversation) = Self::destination(&notice.group_id, &notice.invitees[0]);
            self.send(now, &notice, to, conversation, SendPurpose::Other);
        }
        let last = gone.last().cloned();
        for user in gone {
            self.emit(CallEvent::UserNoResponse {
                user,
                offline: true,
            });
        }
        self.end_if_deserted(now, EndReason::Offline, last);
    }

    fn switch_timed_out(&mut self) {
        if let Some(call) = self.call.as_mut() {
            call.switch = None;
            call.camera = call.media == crate::protocol::MediaType::Video;
        }
    }

    /// Remote users silent for too long count as gone (a TRTC leave that never came).
    fn silent_users_left(&mut self, now: u64) {
        let Some(call) = self.call.as_ref() else {
            return;
        };
        let limit = self.config.limits.remote_silence_ms;
        let silent: Vec<String> = call
            .last_seen
            .iter()
            .filter(|(user, seen)| call.room.is_present(user) && **seen + limit <= now)
            .map(|(user, _)| user.clone())
            .collect();
        for user in silent {
            let seen = self.call.as_mut().and_then(|call| {
                call.room.remove_user(&user);
                call.last_seen.remove(&user)
            });
            self.user_departed(now, &user, Departure::Silence);
            // A silent user has been gone since they were last seen, and so has the room been
            // empty: the empty-room guard counts from then, not from when we noticed.
            if let (Some(call), Some(seen)) = (self.call.as_mut(), seen) {
                if call.alone_since == Some(now) {
                    call.alone_since = Some(seen);
                }
            }
        }
    }
}
