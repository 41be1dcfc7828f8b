//! The call engine: TRTCCalling + TSignaling + trtc-wx of the original, as one deterministic,
//! sans-IO state machine per component instance.
//!
//! # Drive loop
//!
//! The engine never reads a clock, never does I/O and never calls back. The caller feeds it
//! inputs with the current time and then drains everything it produced:
//!
//! 1. call [`Engine::handle_input`] (a page command, a received IM message, a send result, a
//!    `<live-pusher>`/`<live-player>` event) or [`Engine::handle_timeout`];
//! 2. drain [`Engine::poll_output`] until it returns `None`: send each
//!    [`Output::Send`] with the IM SDK and report its outcome later as
//!    [`Input::SendResult`]; hand each [`Output::Event`] to the page;
//! 3. render [`Engine::view`];
//! 4. arm one timer for [`Engine::poll_timeout`] and call `handle_timeout` when it fires.
//!
//! ```
//! use tuicalling_core::engine::{CallRequest, Command, Engine, EngineConfig, Input, Output};
//!
//! let mut engine = Engine::new(EngineConfig::new(1400000000, "alice", "sig"), 0, 42).unwrap();
//! let call = CallRequest { user_ids: vec!["bob".into()], ..CallRequest::default() };
//! engine.handle_input(1_000, Input::Command(Command::Call(call))).unwrap();
//! while let Some(output) = engine.poll_output() {
//!     match output {
//!         Output::Send(message) => { /* tim.sendMessage(...), later: */
//!             engine.handle_input(1_050, Input::SendResult { id: message.id, result: Ok(()) }).unwrap();
//!         }
//!         Output::Event(event) => { /* triggerEvent(...) */ let _ = event; }
//!     }
//! }
//! let (deadline, _why) = engine.poll_timeout().unwrap(); // the caller's 35 s guard
//! assert_eq!(deadline, 36_000);
//! engine.handle_timeout(deadline);
//! ```
//!
//! Rules that keep calls from getting stuck: every call owns its timers (none outlive it);
//! a failed send ends or rolls back the call with an error event; a connected call ends when
//! the room stays empty or a remote user goes silent, even if TRTC never reports a leave.
//!
//! # End of call: who sends the hang-up notice
//!
//! The notice is a new invitation with timeout 0 and `cmd: "hangup"`; chat UIs show it as the
//! "call ended" record, so each call end must produce exactly one. Tencent's rule (V1 and the
//! current engines) is that **the side left in the TRTC room sends it**, after it sees the
//! other leave; the side that hangs up sends nothing. We follow it, and close its gaps:
//!
//! - **Local hang-up, 1v1:** nothing is sent while the peer is in our room (it sees us leave).
//!   A peer that is *not* in the room cannot see that (it accepted but never entered, or it
//!   left and its grace runs), so then the hang-up carries the notice.
//! - **Between two of ours** (the peer's invite or accept carried `sendsHangupNotice`, which
//!   our invites and accepts carry and every other client ignores): the side that hangs up
//!   sends the notice at once, and the other ends on it, quietly, before or during its grace.
//!   So a call between our components ends on both sides at once, still with one notice; with
//!   V1 and Tencent peers the rule above stays.
//! - **A reported leave (1032, or gone from a 1020 list) of the last remote user:** the call
//!   waits [`Limits::remote_leave_grace_ms`] (10 s) for a re-entry. iOS takes a backgrounded
//!   mini-program out of the room (5000 on its side) and back in on resume, so a return
//!   within the grace keeps the call. When the grace runs out we send the notice and end:
//!   1v1, a C2C notice with the talk time up to the leave; an IM group, the original's group
//!   notice (`call_end: 0`, no room) to the group, once; multi-C2C, the same 1v1 notice to
//!   the last leaver (the original's there was a ringing invite to the leaver; a 1v1 notice
//!   ends and never rings), so a call that began 1v1 gets its record. A notice that arrives
//!   during the grace ends the call quietly, so only one is sent; a new invitation from the
//!   user we wait for ends it at once (quietly from one of ours, which told us already; else
//!   with our notice) and rings. Our 1v1 notices carry the room, as the current engine's do
//!   (V1 receivers end on `call_end` alone); a notice naming another room is a late one of an
//!   earlier call and is ignored.
//! - **The silence guard** (no room or player event for `remote_silence_ms`; a leave TRTC never
//!   reported, or our own stall): in a 1v1 call the call is over either way, and we send the
//!   notice as the side left. In a group call the silent users are dropped on our side only,
//!   and when nobody is left we end our own participation with no notice at all: a group
//!   notice would end the call for everyone still in it on V1 clients.
//! - **The empty-room guard and room-entry failures (1v1):** we tell the peer, who cannot
//!   see a leave of ours.
//! - **Group calls otherwise send nothing on a hang-up** (the others see us leave). The current
//!   engine's one-notice-per-remaining-user (with a `room_id`) is not copied: V1 invitees ring
//!   or answer busy on it.
//! - **Our own suspension** (5000): the call is kept; its empty-room and silence guards and a
//!   running grace pause (out of the room ourselves, we cannot see anyone come back), and
//!   restart from the next room event (the re-entry on resume). Past the peer's grace, the
//!   peer has ended and its notice ends ours on resume.

mod call;
mod commands;
mod config;
mod error;
mod input;
mod media;
mod output;
mod rng;
pub mod room;
mod signals;
mod sorted;
mod timers;
mod view;

use std::collections::VecDeque;

use sorted::{SortedMap, SortedSet};

pub use config::{EngineConfig, Limits};
pub use error::EngineError;
pub use input::{
    CallRequest, Command, Conversation, Input, JoinRequest, OutgoingMessage, PlayerEvent,
    PushTexts, PusherEvent, ReceivedMessage, SendFailure,
};
pub use output::{CallEvent, EndReason, Output};
pub use view::{RemoteState, RemoteUser, Role, Status, ViewState};

use call::{Call, Phase};
use rng::Rng;
use room::{push_url, PushUrlParams, PusherConfig};

use crate::protocol::{encode, InviteKind, OfflinePushInfo, Signal};

/// What a sent message was for, so a failure can be undone.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SendPurpose {
    /// A call invitation: failure drops its invitees.
    Invite(String),
    /// Our accept: failure ends the call.
    Accept(String),
    /// Our media switch request: failure forgets it.
    Switch(String),
    /// Anything else: failure is only reported.
    Other,
}

/// Most sends awaiting a result; older ones are forgotten (the SDK never answered).
const MAX_PENDING_SENDS: usize = 256;

/// The call engine for one component instance. See the [module docs](self) for the drive loop.
#[derive(Debug)]
pub struct Engine {
    config: EngineConfig,
    rng: Rng,
    call: Option<Call>,
    outputs: VecDeque<Output>,
    next_message_id: u64,
    pending_sends: SortedMap<u64, SendPurpose>,
    /// Invite ids already handled (newest last), so replays never ring again.
    handled_invites: VecDeque<String>,
    handled_set: SortedSet<String>,
    push_texts: PushTexts,
    speaker: bool,
    last_now: u64,
}

impl Engine {
    /// Creates an engine for the configured user at time `now` (ms). `seed` drives invite and
    /// room ids, so a run replays exactly.
    pub fn new(config: EngineConfig, now: u64, seed: u64) -> Result<Self, EngineError> {
        config.validate()?;
        Ok(Self {
            config,
            rng: Rng::new(seed),
            call: None,
            outputs: VecDeque::new(),
            next_message_id: 1,
            pending_sends: SortedMap::new(),
            handled_invites: VecDeque::new(),
            handled_set: SortedSet::new(),
            push_texts: PushTexts::default(),
            speaker: true,
            last_now: now,
        })
    }

    /// The configuration.
    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// Feeds one input at time `now` (ms). Only commands can fail; a refused command changes
    /// nothing. Drain [`poll_output`](Self::poll_output) afterwards.
    pub fn handle_input(&mut self, now: u64, input: Input) -> Result<(), EngineError> {
        self.last_now = self.last_now.max(now);
        match input {
            Input::Command(command) => return self.handle_command(now, command),
            Input::Message(message) => self.handle_message(now, &message),
            Input::SendResult { id, result } => self.handle_send_result(now, id, result),
            Input::Pusher(event) => self.handle_pusher(now, event),
            Input::Player(event) => self.handle_player(now, event),
            Input::KickedOut => self.handle_kicked_out(now),
        }
        Ok(())
    }

    /// The next output, or `None` when drained.
    pub fn poll_output(&mut self) -> Option<Output> {
        self.outputs.pop_front()
    }

    /// The current view state.
    pub fn view(&self) -> ViewState {
        view::build(self)
    }

    fn emit(&mut self, event: CallEvent) {
        self.outputs.push_back(Output::Event(event));
    }

    fn ignore(&mut self, reason: &'static str, detail: String) {
        self.emit(CallEvent::Ignored { reason, detail });
    }

    /// Queues a signal for sending. Returns false (with an error event) if it cannot be encoded.
    fn send(
        &mut self,
        now: u64,
        signal: &Signal,
        to: String,
        conversation: Conversation,
        purpose: SendPurpose,
    ) -> bool {
        let data = match encode(signal) {
            Ok(data) => data,
            Err(error) => {
                self.emit(CallEvent::Error {
                    code: "ENCODE_FAILED",
                    message: error.message(),
                });
                return false;
            }
        };
        // Only a call invitation rings a phone; hang-up notices and switches are invitations
        // on the wire too, but pushing "you have a call request" for them was a defect.
        let offline_push = match signal.invite_kind() {
            Some(InviteKind::Call { .. }) => OfflinePushInfo::for_invite(
                signal,
                now / 1000,
                &self.push_texts.title,
                &self.push_texts.description,
                &self.push_texts.android_oppo_channel_id,
            ),
            Some(InviteKind::Hangup { .. } | InviteKind::Switch { .. }) | None => None,
        };
        let id = self.next_message_id;
        self.next_message_id += 1;
        if self.pending_sends.len() >= MAX_PENDING_SENDS {
            self.pending_sends.pop_first();
        }
        self.pending_sends.insert(id, purpose);
        self.outputs.push_back(Output::Send(OutgoingMessage {
            id,
            to,
            conversation,
            data,
            offline_push,
        }));
        true
    }

    /// Where a signal of this call goes: the IM group, or one user by C2C.
    fn destination(group_id: &str, user: &str) -> (String, Conversation) {
        if group_id.is_empty() {
            (user.to_owned(), Conversation::C2C)
        } else {
            (group_id.to_owned(), Conversation::Group)
        }
    }

    /// Remembers an invite id as handled (bounded), so a replay never rings again.
    fn remember_invite(&mut self, invite_id: &str) {
        if self.handled_set.insert(invite_id.to_owned()) {
            self.handled_invites.push_back(invite_id.to_owned());
            while self.handled_invites.len() > self.config.limits.remembered_invites {
                if let Some(old) = self.handled_invites.pop_front() {
                    self.handled_set.remove(&old);
                }
            }
        }
    }

    /// Ends the current call: emits `CallEnded`, forgets its timers and room.
    fn end_call(&mut self, now: u64, reason: EndReason, user: Option<String>) {
        let Some(call) = self.call.take() else { return };
        let ids: Vec<String> = call
            .sent
            .keys()
            .cloned()
            .chain(call.received.iter().map(|signal| signal.invite_id.clone()))
            .collect();
        for id in ids {
            self.remember_invite(&id);
        }
        self.emit(CallEvent::CallEnded {
            reason,
            duration_secs: call.duration_secs(now),
            user,
        });
    }

    /// Connects the current call: builds the pusher (entering the TRTC room).
    fn connect(&mut self, now: u64) {
        let Some(call) = self.call.as_mut() else {
            return;
        };
        if call.phase == Phase::Connected {
            return;
        }
        call.phase = Phase::Connected;
        call.alone_since = Some(now);
        self.emit(CallEvent::Connected);
    }

    /// The `<live-pusher>` attributes for the current call, or `None` before connecting.
    fn pusher_config(&self, call: &Call) -> Option<PusherConfig> {
        if call.phase != Phase::Connected {
            return None;
        }
        let url = push_url(&PushUrlParams {
            sdk_app_id: self.config.sdk_app_id,
            room_id: call.room_id,
            user_id: &self.config.user_id,
            user_sig: &self.config.user_sig,
            private_map_key: self.config.private_map_key.as_deref(),
        })
        .ok()?;
        let mut pusher = PusherConfig::for_call(url, call.media);
        pusher.enable_camera = call.camera && call.media == crate::protocol::MediaType::Video;
        pusher.enable_mic = call.mic;
        pusher.muted = !call.mic;
        pusher.device_position = if call.front_camera { "front" } else { "back" };
        Some(pusher)
    }
}
