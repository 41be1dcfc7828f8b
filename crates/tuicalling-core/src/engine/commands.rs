//! Page commands.

use super::call::{Call, PendingSwitch, Phase, SentInvite};
use super::input::{CallRequest, Command, JoinRequest};
use super::view::{RemoteState, Role};
use super::{CallEvent, Conversation, EndReason, Engine, EngineError, SendPurpose};
use crate::protocol::outgoing::{self, NewCall};
use crate::protocol::{MediaType, RejectReason, Signal, MAX_USER_ID_BYTES};

/// Longest IM group id accepted.
const MAX_GROUP_ID_BYTES: usize = 128;

impl Engine {
    pub(super) fn handle_command(&mut self, now: u64, command: Command) -> Result<(), EngineError> {
        match command {
            Command::Call(request) => self.start_call(now, request),
            Command::Accept => self.accept(now),
            Command::Reject => self.reject(now),
            Command::Hangup => self.hangup(now),
            Command::InviteUser(users) => self.invite_more(now, users),
            Command::Join(request) => self.join(now, request),
            Command::SwitchMedia(to) => self.switch_media(now, to),
            Command::SetMicrophone(on) => self.with_call(|call| call.mic = on),
            Command::SetCamera(on) => self.with_call(|call| call.camera = on),
            Command::SetFrontCamera(front) => self.with_call(|call| call.front_camera = front),
            Command::SetSpeaker(on) => {
                self.speaker = on;
                Ok(())
            }
        }
    }

    fn with_call(&mut self, change: impl FnOnce(&mut Call)) -> Result<(), EngineError> {
        let call = self
            .call
            .as_mut()
            .ok_or(EngineError::NoCall("change devices in"))?;
        change(call);
        Ok(())
    }

    /// Checks a list of users to invite: non-empty, valid ids, not ourselves, no repeats.
    fn validate_invitees(
        &self,
        users: &[String],
        already: usize,
    ) -> Result<Vec<String>, EngineError> {
        if users.is_empty() {
            return Err(EngineError::InvalidArgument("userIDList must not be empty"));
        }
        let mut unique: Vec<String> = Vec::new();
        for user in users {
            if user.is_empty() || user.len() > MAX_USER_ID_BYTES {
                return Err(EngineError::InvalidArgument(
                    "each userID must be 1..=32 bytes",
                ));
            }
            if *user == self.config.user_id {
                return Err(EngineError::InvalidArgument("cannot call yourself"));
            }
            if !unique.contains(user) {
                unique.push(user.clone());
            }
        }
        if already + unique.len() + 1 > self.config.limits.max_participants {
            return Err(EngineError::InvalidArgument("too many participants"));
        }
        Ok(unique)
    }

    fn start_call(&mut self, now: u64, request: CallRequest) -> Result<(), EngineError> {
        if self.call.is_some() {
            return Err(EngineError::Busy);
        }
        let users = self.validate_invitees(&request.user_ids, 0)?;
        let group_id = request.group_id.unwrap_or_default();
        if group_id.len() > MAX_GROUP_ID_BYTES {
            return Err(EngineError::InvalidArgument("groupID is too long"));
        }
        let room_id = match request.room_id {
            Some(0) => return Err(EngineError::InvalidArgument("roomID must be non-zero")),
            Some(room) => room,
            None => self.rng.room_id(),
        };
        let timeout = request
            .timeout_secs
            .unwrap_or(self.config.invite_timeout_secs);
        if timeout == 0 || timeout > 600 {
            return Err(EngineError::InvalidArgument(
                "timeout must be 1..=600 seconds",
            ));
        }
        let media = request.media.unwrap_or(self.config.default_media);
        self.push_texts = request.push.unwrap_or_default();
        let me = self.config.user_id.clone();
        let mut call = Call::new(Role::Caller, media, room_id, group_id, me, now);
        call.is_group = users.len() > 1 || !call.group_id.is_empty();
        self.call = Some(call);
        self.send_invites(now, &users, timeout);
        Ok(())
    }

    /// Sends invitations for `users` in the current call: one group invite, one C2C invite,
    /// or one C2C invite per user (multi-C2C, each carrying everyone's ids).
    fn send_invites(&mut self, now: u64, users: &[String], timeout: u32) {
        let Some(call) = self.call.as_ref() else {
            return;
        };
        let (media, room, group_id, is_group) = (
            call.media,
            call.room_id,
            call.group_id.clone(),
            call.is_group,
        );
        let everyone: Vec<String> = call
            .order
            .iter()
            .cloned()
            .chain(users.iter().cloned())
            .collect();
        let batches: Vec<Vec<String>> = if !group_id.is_empty() || (users.len() == 1 && !is_group) {
            vec![users.to_vec()]
        } else {
            users.iter().map(|user| vec![user.clone()]).collect()
        };
        for invitees in batches {
            let signal = outgoing::call_invite(NewCall {
                invite_id: self.rng.uuid_v4(),
                inviter: self.config.user_id.clone(),
                invitees: invitees.clone(),
                group_id: group_id.clone(),
                media,
                room,
                user_ids: (is_group && group_id.is_empty()).then(|| everyone.clone()),
                timeout,
            });
            let (to, conversation) = Self::destination(&group_id, &invitees[0]);
            let deadline = now + u64::from(timeout) * 1000 + self.config.limits.inviter_grace_ms;
            if let Some(call) = self.call.as_mut() {
                for user in &invitees {
                    call.set_state(user, RemoteState::Invited);
                }
                call.sent.insert(
                    signal.invite_id.clone(),
                    SentInvite {
                        signal: signal.clone(),
                        deadline,
                    },
                );
            }
            let purpose = SendPurpose::Invite(signal.invite_id.clone());
            if !self.send(now, &signal, to, conversation, purpose) {
                self.drop_invite(now, &signal.invite_id);
            }
        }
    }

    fn accept(&mut self, now: u64) -> Result<(), EngineError> {
        let call = self.call.as_ref().ok_or(EngineError::NoCall("accept"))?;
        if call.role != Role::Callee || call.phase != Phase::Calling {
            return Err(EngineError::NotAllowed("only a ringing callee can accept"));
        }
        let invite = call.received.clone().ok_or(EngineError::NoCall("accept"))?;
        let me = self.config.user_id.clone();
        let reply = outgoing::accept(&invite, &me);
        let (to, conversation) = Self::destination(&invite.group_id, &invite.inviter);
        // The ring deadline stays armed: it now expires the other invitees still pending.
        self.connect(now);
        self.send(
            now,
            &reply,
            to,
            conversation,
            SendPurpose::Accept(invite.invite_id.clone()),
        );
        Ok(())
    }

    fn reject(&mut self, now: u64) -> Result<(), EngineError> {
        let call = self.call.as_ref().ok_or(EngineError::NoCall("reject"))?;
        if call.role != Role::Callee || call.phase != Phase::Calling {
            return Err(EngineError::NotAllowed("only a ringing callee can reject"));
        }
        let invite = call.received.clone().ok_or(EngineError::NoCall("reject"))?;
        let me = self.config.user_id.clone();
        let reply = outgoing::reject(&invite, &me, RejectReason::Normal);
        let (to, conversation) = Self::destination(&invite.group_id, &invite.inviter);
        self.send(now, &reply, to, conversation, SendPurpose::Other);
        self.end_call(now, EndReason::Reject, None);
        Ok(())
    }

    fn hangup(&mut self, now: u64) -> Result<(), EngineError> {
        let call = self.call.as_ref().ok_or(EngineError::NoCall("hang up"))?;
        match (call.role, call.phase) {
            (Role::Callee, Phase::Calling) => self.reject(now),
            (Role::Caller, Phase::Calling) => {
                self.cancel_pending(now);
                self.end_call(now, EndReason::Canceled, None);
                Ok(())
            }
            (Role::Caller | Role::Callee, Phase::Connected) => {
                // A peer in the room sees us leave and sends the notice itself (Tencent's
                // rule); one who is not there (not entered yet, or away in its grace) cannot.
                // One of ours is told at once and ends on it, sending none.
                let absent = call.peer().is_some_and(|peer| !call.room.is_present(peer));
                let tell = absent || call.peer_sends_notice;
                self.cancel_pending(now);
                if tell {
                    self.notify_peer_of_hangup(now);
                }
                self.end_call(now, EndReason::Hangup, None);
                Ok(())
            }
        }
    }

    /// Caller: cancels every invitee still pending (the original left them ringing).
    pub(super) fn cancel_pending(&mut self, now: u64) {
        let Some(call) = self.call.as_ref() else {
            return;
        };
        if call.role != Role::Caller {
            return;
        }
        let cancels: Vec<_> = call
            .sent
            .values()
            .filter_map(|sent| call.cancel_of(sent))
            .collect();
        for cancel in cancels {
            self.send_cancel(now, &cancel);
        }
    }

    /// Sends a cancel to its invitee (C2C) or group.
    pub(super) fn send_cancel(&mut self, now: u64, cancel: &Signal) {
        let (to, conversation) = Self::destination(&cancel.group_id, &cancel.invitees[0]);
        self.send(now, cancel, to, conversation, SendPurpose::Other);
    }

    /// 1v1: tells the peer the call is over (a hang-up notice with the duration), when it
    /// cannot learn it from TRTC (see the end-of-call rules in the [engine docs](super)).
    /// Group calls send nothing: a notice would end the call for everyone on original clients.
    pub(super) fn notify_peer_of_hangup(&mut self, now: u64) {
        let Some(call) = self.call.as_ref() else {
            return;
        };
        let Some(peer) = call.peer().map(str::to_owned) else {
            return;
        };
        if !call.state(&peer).is_some_and(RemoteState::is_active) && call.grace.is_none() {
            return;
        }
        self.send_end_notice(now, &peer);
    }

    fn invite_more(&mut self, now: u64, users: Vec<String>) -> Result<(), EngineError> {
        let call = self
            .call
            .as_ref()
            .ok_or(EngineError::NoCall("invite into"))?;
        if !call.is_group && call.phase != Phase::Connected {
            return Err(EngineError::NotAllowed("invite more users once connected"));
        }
        let fresh: Vec<String> = users
            .into_iter()
            .filter(|user| call.state(user).is_none_or(|s| !s.is_active()))
            .collect();
        let active = call
            .states
            .values()
            .filter(|state| state.is_active())
            .count();
        let fresh = self.validate_invitees(&fresh, active)?;
        let timeout = self.config.invite_timeout_secs;
        if let Some(call) = self.call.as_mut() {
            call.is_group = true;
        }
        self.send_invites(now, &fresh, timeout);
        Ok(())
    }

    fn join(&mut self, now: u64, request: JoinRequest) -> Result<(), EngineError> {
        if self.call.is_some() {
            return Err(EngineError::Busy);
        }
        if request.room_id == 0 {
            return Err(EngineError::InvalidArgument("roomID must be non-zero"));
        }
        let group_id = request.group_id.unwrap_or_default();
        let mut call = Call::new(
            Role::Callee,
            request.media,
            request.room_id,
            group_id,
            String::new(),
            now,
        );
        call.is_group = true;
        self.call = Some(call);
        self.connect(now);
        Ok(())
    }

    fn switch_media(&mut self, now: u64, to: MediaType) -> Result<(), EngineError> {
        let call = self.call.as_ref().ok_or(EngineError::NoCall("switch"))?;
        if call.is_group || call.phase != Phase::Connected {
            return Err(EngineError::NotAllowed(
                "switching media is for connected 1v1 calls",
            ));
        }
        if call.media == to || call.switch.is_some() {
            return Ok(());
        }
        let peer = call.peer().ok_or(EngineError::NoCall("switch"))?.to_owned();
        let request = outgoing::switch_request(
            &self.rng.uuid_v4(),
            &self.config.user_id,
            &peer,
            call.media,
            call.room_id,
        );
        let deadline = now + u64::from(self.config.invite_timeout_secs) * 1000;
        if let Some(call) = self.call.as_mut() {
            call.switch = Some(PendingSwitch {
                invite_id: request.invite_id.clone(),
                to,
                deadline,
            });
            if to == MediaType::Audio {
                call.camera = false;
            }
        }
        self.send(
            now,
            &request,
            peer,
            Conversation::C2C,
            SendPurpose::Switch(request.invite_id.clone()),
        );
        Ok(())
    }

    /// Applies an agreed media switch.
    pub(super) fn apply_switch(&mut self, to: MediaType) {
        if let Some(call) = self.call.as_mut() {
            call.switch = None;
            call.media = to;
            call.camera = to == MediaType::Video;
        }
        self.emit(CallEvent::MediaChanged(to));
    }
}
