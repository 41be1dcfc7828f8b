//! `<live-pusher>` and `<live-player>` events: who is in the TRTC room.

use super::call::{LeaveGrace, Phase};
use super::input::{PlayerEvent, PusherEvent};
use super::room::RoomEvent;
use super::view::RemoteState;
use super::{CallEvent, Conversation, EndReason, Engine, SendPurpose};
use crate::json::write::int_to_string;
use crate::protocol::outgoing;
use crate::RoomId;

/// TRTC codes after which the pusher cannot continue (network lost after retries).
const FATAL_PUSHER_ERRORS: [i32; 1] = [-1307];

impl Engine {
    pub(super) fn handle_pusher(&mut self, now: u64, event: PusherEvent) {
        let Some(call) = self
            .call
            .as_mut()
            .filter(|call| call.phase == Phase::Connected)
        else {
            return; // late events of a finished call
        };
        let events = match event {
            PusherEvent::StateChange { code, message } => {
                call.room.handle_pusher_state(code, &message)
            }
            PusherEvent::Error { code, message } => {
                vec![call.room.handle_pusher_error(code, &message)]
            }
            PusherEvent::NetStatus { .. } => Vec::new(),
        };
        for event in events {
            self.on_room_event(now, event);
        }
    }

    fn on_room_event(&mut self, now: u64, event: RoomEvent) {
        let Some(call) = self.call.as_mut() else {
            return;
        };
        if !matches!(event, RoomEvent::Suspended) && call.suspended {
            // Any other room event means the mini-program runs again: restart the guards.
            call.suspended = false;
            let present = call.room.present_users();
            for user in present {
                call.last_seen.insert(user, now);
            }
            if call.alone_since.is_some() {
                call.alone_since = Some(now);
            }
            if let Some(grace) = call.grace.as_mut() {
                grace.since = now;
            }
        }
        match event {
            RoomEvent::RemoteEntered(users) => {
                // An invitee whose TRTC entry overtakes its IM accept has evidently accepted.
                let accepted: Vec<String> = users
                    .iter()
                    .filter(|user| call.state(user).is_some_and(RemoteState::is_pending))
                    .cloned()
                    .collect();
                for user in &users {
                    call.set_state(user, RemoteState::InRoom);
                    call.last_seen.insert(user.clone(), now);
                }
                if !users.is_empty() {
                    call.started_at.get_or_insert(now);
                    call.alone_since = None;
                    call.grace = None; // back in time (an iOS app back from the background)
                }
                for user in accepted {
                    self.emit(CallEvent::UserAccepted(user));
                }
                for user in users {
                    self.emit(CallEvent::UserEntered(user));
                }
            }
            RoomEvent::RemoteLeft(users) => {
                for user in users {
                    self.user_departed(now, &user, Departure::Room);
                }
            }
            RoomEvent::Suspended => call.suspended = true,
            RoomEvent::EnterFailed { code, message } => {
                self.emit(CallEvent::Error {
                    code: "ENTER_ROOM_FAILED",
                    message: trtc_message(code, &message),
                });
                self.notify_peer_of_hangup(now);
                self.end_call(now, EndReason::Error, None);
            }
            RoomEvent::Error { code, message } => {
                self.emit(CallEvent::Error {
                    code: "TRTC_ERROR",
                    message: trtc_message(code, &message),
                });
                if FATAL_PUSHER_ERRORS.contains(&code) {
                    self.notify_peer_of_hangup(now);
                    self.end_call(now, EndReason::Error, None);
                }
            }
            RoomEvent::LocalEntered
            | RoomEvent::LocalLeft
            | RoomEvent::StreamsChanged
            | RoomEvent::NeedReenter
            | RoomEvent::FloatingWindowClosed
            | RoomEvent::Info { .. } => {}
        }
    }

    pub(super) fn handle_player(&mut self, now: u64, event: PlayerEvent) {
        let (player_id, healthy) = match &event {
            PlayerEvent::StateChange { player_id, code } => (player_id, *code >= 0),
            PlayerEvent::NetStatus { player_id, .. } => (player_id, true),
        };
        let user = player_id
            .rsplit_once('_')
            .map_or(player_id.as_str(), |(user, _)| user);
        let Some(call) = self.call.as_mut() else {
            return;
        };
        if healthy && call.room.is_present(user) {
            call.last_seen.insert(user.to_owned(), now);
        }
    }

    /// A remote user left the call. Once nobody else is left, how we learned it decides what
    /// follows (see [`Departure`] and the end-of-call rules in the [engine docs](super)).
    pub(super) fn user_departed(&mut self, now: u64, user: &str, how: Departure) {
        let Some(call) = self.call.as_mut() else {
            return;
        };
        if call.state(user).is_some_and(RemoteState::is_active) {
            call.room.remove_user(user);
            call.last_seen.remove(user);
            call.set_state(user, RemoteState::Left);
            if call.room.present_count() == 0 && call.alone_since.is_none() {
                call.alone_since = Some(now);
            }
            self.emit(CallEvent::UserLeft(user.to_owned()));
        } else if how != Departure::Notice || call.grace.is_none() {
            return; // gone already (a notice may still end the grace it started)
        }
        let Some(call) = self.call.as_mut() else {
            return;
        };
        if call.anyone_active() {
            return;
        }
        match how {
            Departure::Room => {
                call.grace = Some(LeaveGrace {
                    user: user.to_owned(),
                    left_at: now,
                    since: now,
                });
            }
            Departure::Silence if !call.is_group => {
                self.send_end_notice(now, user);
                self.end_call(now, EndReason::Hangup, Some(user.to_owned()));
            }
            Departure::Silence | Departure::Notice => {
                self.end_call(now, EndReason::Hangup, Some(user.to_owned()))
            }
        }
    }

    /// The grace for the last leaver ran out (or they call anew): we are the side left in the
    /// room, so we send the one end-of-call notice and end.
    pub(super) fn grace_expired(&mut self, now: u64) {
        let Some(call) = self.call.as_mut() else {
            return;
        };
        let Some(user) = call.grace.as_ref().map(|grace| grace.user.clone()) else {
            return;
        };
        if call.anyone_active() {
            call.grace = None;
            return;
        }
        self.send_end_notice(now, &user);
        self.end_call(now, EndReason::Hangup, Some(user));
    }

    /// The end-of-call notice of the side left in the room, about `user` who left last: a 1v1
    /// notice with the duration and the room (so that it cannot end a later call), also to the
    /// last leaver of a multi-C2C call (the original's there was a ringing invite; ours is the
    /// 1v1 shape, which ends and never rings); in an IM group the original's group notice
    /// (`call_end: 0`, no room).
    pub(super) fn send_end_notice(&mut self, now: u64, user: &str) {
        let Some(call) = self.call.as_ref() else {
            return;
        };
        let (to, conversation, call_end) = if call.group_id.is_empty() {
            (user.to_owned(), Conversation::C2C, call.duration_secs(now))
        } else {
            (call.group_id.clone(), Conversation::Group, 0)
        };
        let mut notice = outgoing::hangup_notice(
            &self.rng.uuid_v4(),
            &self.config.user_id,
            vec![user.to_owned()],
            &call.group_id,
            call.media,
            call_end,
            &call.inviter,
        );
        if conversation == Conversation::C2C {
            notice.room = Some(RoomId::Numeric(call.room_id));
        }
        self.send(now, &notice, to, conversation, SendPurpose::Other);
    }
}

/// How we learned that a remote user left; it decides what happens once nobody else is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Departure {
    /// TRTC reported the leave (1032, or gone from the 1020 list). The call waits
    /// `remote_leave_grace_ms` for a re-entry (an iOS background); then we, the side left,
    /// send the notice and end.
    Room,
    /// The silence guard: we stopped hearing them, which may be our own stall. A 1v1 call is
    /// over either way and we send the notice; in a group only our side drops them, and when
    /// nobody is left we end our own participation without any notice.
    Silence,
    /// Their hang-up notice: we end quietly.
    Notice,
}

/// `"TRTC <code>: <message>"` for an error event.
fn trtc_message(code: i32, message: &str) -> String {
    ["TRTC ", &int_to_string(i64::from(code)), ": ", message].concat()
}
