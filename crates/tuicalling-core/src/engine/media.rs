//! `<live-pusher>` and `<live-player>` events: who is in the TRTC room.

use super::call::Phase;
use super::input::{PlayerEvent, PusherEvent};
use super::room::RoomEvent;
use super::view::RemoteState;
use super::{CallEvent, Conversation, EndReason, Engine, SendPurpose};
use crate::json::write::int_to_string;
use crate::protocol::outgoing;

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
                    self.user_left(now, &user);
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

    /// A remote user left the call (TRTC 1032, or silence). If we are the last one, we tell
    /// the others the call is over, as the original does.
    pub(super) fn user_left(&mut self, now: u64, user: &str) {
        self.leave(now, user, true);
    }

    /// A remote user told us they left (a hang-up notice): no notice goes back.
    pub(super) fn user_left_quietly(&mut self, now: u64, user: &str) {
        self.leave(now, user, false);
    }

    fn leave(&mut self, now: u64, user: &str, notify: bool) {
        let Some(call) = self.call.as_mut() else {
            return;
        };
        if !call.state(user).is_some_and(RemoteState::is_active) {
            return;
        }
        call.room.remove_user(user);
        call.last_seen.remove(user);
        call.set_state(user, RemoteState::Left);
        if call.room.present_users().is_empty() && call.alone_since.is_none() {
            call.alone_since = Some(now);
        }
        self.emit(CallEvent::UserLeft(user.to_owned()));
        let Some(call) = self.call.as_ref() else {
            return;
        };
        if call.anyone_active() {
            return;
        }
        if !notify {
            return self.end_call(now, EndReason::Hangup, Some(user.to_owned()));
        }
        // We are the last one: tell the others the call is over, as the original does.
        if call.is_group && !call.group_id.is_empty() {
            let notice = outgoing::hangup_notice(
                &self.rng.uuid_v4(),
                &self.config.user_id,
                vec![user.to_owned()],
                &call.group_id,
                call.media,
                0,
                &call.inviter,
            );
            let group = call.group_id.clone();
            self.send(now, &notice, group, Conversation::Group, SendPurpose::Other);
        } else if !call.is_group {
            let notice = outgoing::hangup_notice(
                &self.rng.uuid_v4(),
                &self.config.user_id,
                vec![user.to_owned()],
                "",
                call.media,
                call.duration_secs(now),
                &call.inviter,
            );
            self.send(
                now,
                &notice,
                user.to_owned(),
                Conversation::C2C,
                SendPurpose::Other,
            );
        }
        self.end_call(now, EndReason::Hangup, Some(user.to_owned()));
    }
}

/// `"TRTC <code>: <message>"` for an error event.
fn trtc_message(code: i32, message: &str) -> String {
    ["TRTC ", &int_to_string(i64::from(code)), ": ", message].concat()
}
