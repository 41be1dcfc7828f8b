//! Received signals, send results and IM events.

use super::call::{Call, Phase};
use super::input::{ReceivedMessage, SendFailure};
use super::media::Departure;
use super::view::{RemoteState, Role};
use super::{CallEvent, EndReason, Engine, SendPurpose};
use crate::json::write::{int_to_string, uint_to_string};
use crate::protocol::outgoing;
use crate::protocol::{decode_element, Action, InviteKind, RejectReason, Signal};

/// TIM's "request timed out" (2801; the driver's own send guard reports it too): the message
/// may have been delivered even though the send failed.
const SEND_TIMED_OUT: i32 = 2801;

/// Longest ring a received invitation may ask for (its `timeout` is capped to this).
const MAX_INVITE_TIMEOUT_SECS: u32 = 600;

impl Engine {
    pub(super) fn handle_message(&mut self, now: u64, message: &ReceivedMessage) {
        let signal = match decode_element(&message.element_type, &message.data) {
            Ok(signal) => signal,
            Err(error) if error.is_foreign() => return,
            Err(error) => return self.ignore("MALFORMED_SIGNAL", error.message()),
        };
        // A signal's sender must be who the envelope says acts: the inviter for invites and
        // cancels, the responder for accepts, rejects and (invitee) timeouts.
        let actor_ok = match signal.action {
            Action::Invite | Action::Cancel => message.from == signal.inviter,
            Action::Accept | Action::Reject => signal.invitees.contains(&message.from),
            Action::Timeout => {
                message.from == signal.inviter || signal.invitees.contains(&message.from)
            }
        };
        if !actor_ok {
            return self.ignore(
                "FORGED_SENDER",
                [
                    message.from.as_str(),
                    " claims to act for ",
                    &signal.inviter,
                ]
                .concat(),
            );
        }
        if message.from == self.config.user_id {
            return; // our own message echoed back (multi-device or group)
        }
        let me = self.config.user_id.as_str();
        let forged = signal.action != Action::Invite
            && self.call.as_ref().is_some_and(|call| {
                call.owns_invite(&signal.invite_id) && !call.owns_signal(&signal, me)
            });
        if forged {
            return self.ignore(
                "FORGED_INVITER",
                [
                    signal.inviter.as_str(),
                    " is not the inviter of ",
                    &signal.invite_id,
                ]
                .concat(),
            );
        }
        match signal.action {
            Action::Invite => self.on_invite(now, message, signal),
            Action::Cancel => self.on_cancel(now, &signal),
            Action::Accept => self.on_accept(now, &message.from, &signal),
            Action::Reject => self.on_reject(now, &message.from, &signal),
            Action::Timeout => self.on_timeout_notice(now, &message.from, &signal),
        }
    }

    fn on_invite(&mut self, now: u64, message: &ReceivedMessage, signal: Signal) {
        match signal.invite_kind() {
            Some(InviteKind::Hangup { .. }) => self.on_hangup_notice(now, message, &signal),
            Some(InviteKind::Switch { to }) => {
                self.on_switch_request(now, &message.from, &signal, to)
            }
            Some(InviteKind::Call { .. }) => self.on_call_invite(now, message, signal),
            None => self.ignore("UNKNOWN_INVITE", signal.invite_id),
        }
    }

    fn on_call_invite(&mut self, now: u64, message: &ReceivedMessage, signal: Signal) {
        let me = self.config.user_id.clone();
        if !signal.invitees.contains(&me) {
            return; // an IM-group invite for other members
        }
        if self.handled_set.contains(&signal.invite_id)
            || self
                .call
                .as_ref()
                .is_some_and(|call| call.owns_invite(&signal.invite_id))
        {
            return self.ignore("DUPLICATE_INVITE", signal.invite_id);
        }
        if signal.consumed {
            return self.ignore("CONSUMED_INVITE", signal.invite_id);
        }
        let timeout_secs = match signal.timeout {
            0 => self.config.invite_timeout_secs,
            secs => secs.min(MAX_INVITE_TIMEOUT_SECS),
        };
        let timeout_ms = u64::from(timeout_secs) * 1000;
        let age = message.server_now_ms.saturating_sub(message.server_time_ms);
        if age > timeout_ms + self.config.limits.clock_skew_ms {
            self.remember_invite(&signal.invite_id);
            return self.ignore(
                "STALE_INVITE",
                [
                    signal.invite_id.as_str(),
                    " is ",
                    &uint_to_string(age / 1000),
                    " s old",
                ]
                .concat(),
            );
        }
        let Some(crate::RoomId::Numeric(room_id)) = signal.room.clone() else {
            self.remember_invite(&signal.invite_id);
            return self.ignore("NO_ROOM", signal.invite_id);
        };
        let waiting_for = self.call.as_ref().and_then(|call| {
            let grace = call.grace.as_ref()?;
            (grace.user == signal.inviter).then_some(call.peer_sends_notice)
        });
        match waiting_for {
            // The user whose return we wait for calls anew: they hung up. This call ends first
            // (one of ours told us already: quietly; else with our notice, as its grace
            // would), and the new one rings.
            Some(true) => self.end_call(now, EndReason::Hangup, Some(signal.inviter.clone())),
            Some(false) => self.grace_expired(now),
            None => {}
        }
        if self.call.is_some() {
            // One call at a time: a second invitation gets a busy reply (and no retry).
            self.remember_invite(&signal.invite_id);
            let reply = outgoing::reject(&signal, &me, RejectReason::LineBusy);
            let (to, conversation) = Self::destination(&signal.group_id, &signal.inviter);
            self.send(now, &reply, to, conversation, SendPurpose::Other);
            return;
        }
        let media = signal.media().unwrap_or(self.config.default_media);
        let mut call = Call::new(
            Role::Callee,
            media,
            room_id,
            signal.group_id.clone(),
            signal.call_inviter().to_owned(),
            now,
        );
        call.set_state(&signal.inviter, RemoteState::Accepted);
        let others = signal
            .user_ids
            .clone()
            .unwrap_or_default()
            .into_iter()
            .chain(signal.invitees.iter().cloned());
        for user in others {
            if user != me && call.state(&user).is_none() {
                call.set_state(&user, RemoteState::Ringing);
            }
        }
        call.is_group = signal.is_group_call();
        call.peer_sends_notice = signal.sends_hangup_notice;
        call.ring_deadline = Some(now + timeout_ms);
        let participants = call.order.clone();
        let group_id = call.group_id.clone();
        call.received = Some(signal.clone());
        self.call = Some(call);
        self.emit(CallEvent::Invited {
            inviter: signal.inviter,
            media,
            participants,
            group_id,
        });
    }

    /// The current call, if `signal` belongs to it.
    fn call_for(&self, signal: &Signal) -> Option<&Call> {
        let me = self.config.user_id.as_str();
        self.call
            .as_ref()
            .filter(|call| call.owns_signal(signal, me))
    }

    fn on_cancel(&mut self, now: u64, signal: &Signal) {
        let me = self.config.user_id.clone();
        let Some(call) = self.call_for(signal) else {
            self.remember_invite(&signal.invite_id);
            return;
        };
        if call.role != Role::Callee {
            return self.ignore("CANCEL_NOT_FOR_US", signal.invite_id.clone());
        }
        if !signal.invitees.contains(&me) {
            // The caller withdrew other invitees of our group call: they are not coming.
            let withdrawn: Vec<String> = signal
                .invitees
                .iter()
                .filter(|user| call.state(user).is_some_and(RemoteState::is_pending))
                .cloned()
                .collect();
            if let Some(call) = self.call.as_mut() {
                for user in &withdrawn {
                    call.set_state(user, RemoteState::NoResponse);
                }
            }
            return self.end_if_deserted(now, EndReason::Canceled, None);
        }
        // Never answer a cancel (the original re-emits on stray replies).
        if call.phase == Phase::Connected {
            // The inviter gave up before our accept reached it: it is not coming.
            return self.inviter_gone(now, &signal.inviter, EndReason::Canceled);
        }
        self.end_call(now, EndReason::Canceled, Some(signal.inviter.clone()));
    }

    fn on_accept(&mut self, now: u64, from: &str, signal: &Signal) {
        if let Some(to) = self.our_switch(signal) {
            return self.apply_switch(to);
        }
        if self.call_for(signal).is_none() {
            return self.ignore("STRAY_ACCEPT", signal.invite_id.clone());
        }
        let Some(call) = self.call.as_mut() else {
            return;
        };
        if call.role == Role::Caller && !call.is_group && signal.sends_hangup_notice {
            call.peer_sends_notice = true; // (also from an accept its room entry overtook)
        }
        if call.role == Role::Callee {
            // An IM-group accept from another invitee.
            if call.state(from).is_some_and(RemoteState::is_pending) {
                call.set_state(from, RemoteState::Accepted);
                self.emit(CallEvent::UserAccepted(from.to_owned()));
            }
            return;
        }
        match call.state(from) {
            Some(state) if state.is_pending() => {
                call.set_state(from, RemoteState::Accepted);
                self.emit(CallEvent::UserAccepted(from.to_owned()));
                self.connect(now);
            }
            Some(_) => {} // a duplicate
            None => self.ignore("ACCEPT_FROM_STRANGER", from.to_owned()),
        }
    }

    /// The media of the switch we asked our peer for, if `signal` answers it.
    fn our_switch(&self, signal: &Signal) -> Option<crate::protocol::MediaType> {
        let call = self.call.as_ref()?;
        let switch = call
            .switch
            .as_ref()
            .filter(|switch| switch.invite_id == signal.invite_id)?;
        (call.peer() == signal.invitees.first().map(String::as_str)).then_some(switch.to)
    }

    fn on_reject(&mut self, now: u64, from: &str, signal: &Signal) {
        if self.our_switch(signal).is_some() {
            if let Some(call) = self.call.as_mut() {
                call.switch = None;
                call.camera = call.media == crate::protocol::MediaType::Video;
            }
            return;
        }
        let Some(call) = self.call_for(signal) else {
            return; // stray: never answer it
        };
        if call.state(from).is_none_or(|state| !state.is_pending()) {
            return;
        }
        let busy = signal.reject_reason() == Some(RejectReason::LineBusy);
        if let Some(call) = self.call.as_mut() {
            call.set_state(
                from,
                if busy {
                    RemoteState::Busy
                } else {
                    RemoteState::Rejected
                },
            );
        }
        self.emit(if busy {
            CallEvent::UserBusy(from.to_owned())
        } else {
            CallEvent::UserRejected(from.to_owned())
        });
        let reason = if busy {
            EndReason::LineBusy
        } else {
            EndReason::Reject
        };
        self.end_if_deserted(now, reason, Some(from.to_owned()));
    }

    fn on_timeout_notice(&mut self, now: u64, from: &str, signal: &Signal) {
        let Some(call) = self.call_for(signal) else {
            return;
        };
        if from == signal.inviter {
            // The inviter gave up on us (before our accept reached it, if we accepted).
            match (call.role, call.phase) {
                (Role::Callee, Phase::Calling) => {
                    self.end_call(now, EndReason::NoResponse, Some(from.to_owned()))
                }
                (Role::Callee, Phase::Connected) => {
                    self.inviter_gone(now, from, EndReason::NoResponse)
                }
                (Role::Caller, Phase::Calling | Phase::Connected) => {}
            }
            return;
        }
        if call.room.is_present(from) || call.state(from) == Some(RemoteState::InRoom) {
            // An original group invitee times itself out while it is in the room: keep it.
            return self.ignore("TIMEOUT_WHILE_PRESENT", from.to_owned());
        }
        if !call.state(from).is_some_and(RemoteState::is_pending) {
            return;
        }
        if let Some(call) = self.call.as_mut() {
            call.set_state(from, RemoteState::NoResponse);
        }
        self.emit(CallEvent::UserNoResponse {
            user: from.to_owned(),
            offline: false,
        });
        self.end_if_deserted(now, EndReason::NoResponse, Some(from.to_owned()));
    }

    fn on_hangup_notice(&mut self, now: u64, message: &ReceivedMessage, signal: &Signal) {
        let from = message.from.as_str();
        let Some(call) = self.call.as_ref() else {
            return; // e.g. an IM-group end notice while idle
        };
        if !signal.group_id.is_empty() && signal.group_id != call.group_id {
            return; // an IM-group end notice for a call we are not in
        }
        // A user who just left the room (their grace runs) may still tell us they hung up.
        let participant = call
            .state(from)
            .is_some_and(|state| state.is_active() || state == RemoteState::Left)
            || from == call.inviter;
        if !participant {
            return self.ignore("HANGUP_FROM_NON_PARTICIPANT", from.to_owned());
        }
        // A notice replayed, or sent before this call started (an earlier call's), is stale.
        // So is one naming another room: a late notice of an earlier call with the same user
        // (ours and the current engines' 1v1 notices carry the room; V1's do not).
        let age = message.server_now_ms.saturating_sub(message.server_time_ms);
        let since_start = now.saturating_sub(call.created_at);
        let other_room = signal
            .room
            .as_ref()
            .is_some_and(|room| *room != crate::RoomId::Numeric(call.room_id));
        if self.handled_set.contains(&signal.invite_id)
            || other_room
            || age > since_start + self.config.limits.clock_skew_ms
        {
            return self.ignore("STALE_HANGUP", signal.invite_id.clone());
        }
        let is_group = call.is_group;
        self.remember_invite(&signal.invite_id);
        if is_group {
            self.user_departed(now, from, Departure::Notice);
        } else {
            self.end_call(now, EndReason::Hangup, Some(from.to_owned()));
        }
    }

    fn on_switch_request(
        &mut self,
        now: u64,
        from: &str,
        signal: &Signal,
        to: crate::protocol::MediaType,
    ) {
        let Some(call) = self.call.as_ref() else {
            return;
        };
        if call.is_group || call.peer() != Some(from) {
            return self.ignore("SWITCH_FROM_NON_PARTICIPANT", from.to_owned());
        }
        if self.handled_set.contains(&signal.invite_id) {
            return self.ignore("DUPLICATE_SWITCH", signal.invite_id.clone());
        }
        let me = self.config.user_id.clone();
        let reply = outgoing::switch_accept(signal, &me);
        self.send(
            now,
            &reply,
            from.to_owned(),
            super::Conversation::C2C,
            SendPurpose::Other,
        );
        self.remember_invite(&signal.invite_id);
        self.apply_switch(to);
    }

    /// Connected callee: the inviter withdrew. A 1v1 call ends; in a group call the inviter
    /// drops out unless it is already in the room.
    fn inviter_gone(&mut self, now: u64, inviter: &str, reason: EndReason) {
        let Some(call) = self.call.as_mut() else {
            return;
        };
        if call.room.is_present(inviter) {
            return self.ignore("WITHDRAWN_WHILE_PRESENT", inviter.to_owned());
        }
        if !call.is_group {
            return self.end_call(now, reason, Some(inviter.to_owned()));
        }
        if call.state(inviter).is_some_and(RemoteState::is_active) {
            call.set_state(inviter, RemoteState::NoResponse);
        }
        self.end_if_deserted(now, reason, Some(inviter.to_owned()));
    }

    /// Ends the call when no remote user is pending, accepted or in the room any more (unless
    /// the last one who left the room may still come back: their grace decides).
    pub(super) fn end_if_deserted(&mut self, now: u64, reason: EndReason, user: Option<String>) {
        if self
            .call
            .as_ref()
            .is_some_and(|call| !call.anyone_active() && call.grace.is_none())
        {
            self.end_call(now, reason, user);
        }
    }

    pub(super) fn handle_send_result(
        &mut self,
        now: u64,
        id: u64,
        result: Result<(), SendFailure>,
    ) {
        let Some(purpose) = self.pending_sends.remove(&id) else {
            return;
        };
        match result {
            Ok(()) => {
                if let SendPurpose::Invite(invite_id) = purpose {
                    self.mark_ringing(&invite_id);
                }
            }
            Err(failure) => {
                self.emit(CallEvent::Error {
                    code: "SEND_FAILED",
                    message: [
                        "code ",
                        &int_to_string(i64::from(failure.code)),
                        ": ",
                        &failure.message,
                    ]
                    .concat(),
                });
                match purpose {
                    SendPurpose::Invite(invite_id) => {
                        if failure.code == SEND_TIMED_OUT {
                            self.cancel_unacknowledged(now, &invite_id);
                        }
                        self.drop_invite(now, &invite_id);
                    }
                    SendPurpose::Accept(invite_id) => {
                        if self
                            .call
                            .as_ref()
                            .is_some_and(|call| call.owns_invite(&invite_id))
                        {
                            self.end_call(now, EndReason::Error, None);
                        }
                    }
                    SendPurpose::Switch(invite_id) => {
                        if let Some(call) = self.call.as_mut() {
                            if call
                                .switch
                                .as_ref()
                                .is_some_and(|switch| switch.invite_id == invite_id)
                            {
                                call.switch = None;
                                call.camera = call.media == crate::protocol::MediaType::Video;
                            }
                        }
                    }
                    SendPurpose::Other => {}
                }
            }
        }
    }

    fn mark_ringing(&mut self, invite_id: &str) {
        let Some(call) = self.call.as_mut() else {
            return;
        };
        let Some(sent) = call.sent.get(invite_id) else {
            return;
        };
        let users = sent.signal.invitees.clone();
        for user in users {
            if call.state(&user) == Some(RemoteState::Invited) {
                call.set_state(&user, RemoteState::Ringing);
            }
        }
    }

    /// A timed-out invitation may have reached its invitees anyway (only the acknowledgement
    /// was lost): it is cancelled, so that nobody rings for a call we gave up.
    fn cancel_unacknowledged(&mut self, now: u64, invite_id: &str) {
        let cancel = self.call.as_ref().and_then(|call| {
            call.sent
                .get(invite_id)
                .and_then(|sent| call.cancel_of(sent))
        });
        if let Some(cancel) = cancel {
            self.send_cancel(now, &cancel);
        }
    }

    /// An invitation could not be sent: its invitees drop out; the call ends if nobody is left.
    pub(super) fn drop_invite(&mut self, now: u64, invite_id: &str) {
        let Some(call) = self.call.as_mut() else {
            return;
        };
        let Some(sent) = call.sent.remove(invite_id) else {
            return;
        };
        for user in &sent.signal.invitees {
            if call.state(user).is_some_and(RemoteState::is_pending) {
                call.set_state(user, RemoteState::NoResponse);
            }
        }
        self.end_if_deserted(now, EndReason::Error, None);
    }

    pub(super) fn handle_kicked_out(&mut self, now: u64) {
        if self.call.is_some() {
            self.end_call(now, EndReason::KickedOut, None);
        }
    }
}
