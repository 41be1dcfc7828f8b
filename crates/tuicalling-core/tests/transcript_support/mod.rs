//! Shared helpers for the engine transcript tests: a driver for one engine under test that
//! records every output as a compact line, and builders for the signals a peer would send.
//!
//! The driver behaves like the real glue: before each input it fires every deadline that is
//! due (at the deadline's own time), after each input it drains all outputs, and by default it
//! acknowledges every send as successful right after draining.

#![allow(dead_code)]

use tuicalling_core::engine::{
    CallEvent, Command, Conversation, Engine, EngineConfig, EngineError, Input, OutgoingMessage,
    Output, PlayerEvent, PusherEvent, ReceivedMessage, SendFailure, Status, ViewState,
};
use tuicalling_core::protocol::outgoing::{self, NewCall};
use tuicalling_core::protocol::{decode, encode, Action, InviteKind, MediaType, Signal};
use tuicalling_core::RoomId;

/// The SDKAppID every test engine uses.
pub const SDK_APP_ID: u32 = 1_400_000_000;

/// `t` ms as "seconds.millis", the time prefix of every transcript line.
pub fn secs(t: u64) -> String {
    format!("{}.{:03}", t / 1000, t % 1000)
}

/// Whether `id` looks like a UUID (the engine's generated invite ids).
fn is_uuid(id: &str) -> bool {
    let bytes = id.as_bytes();
    bytes.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| bytes[i] == b'-')
        && id
            .chars()
            .filter(|c| *c != '-')
            .all(|c| c.is_ascii_hexdigit())
}

/// The engine under test, with its transcript.
pub struct Party {
    /// The engine.
    pub engine: Engine,
    /// The local user id.
    pub user: String,
    /// Virtual time (ms) of the last input.
    pub now: u64,
    /// Acknowledge each send as successful right after draining.
    pub auto_ack: bool,
    /// Every message the engine asked to send, in order.
    pub sent: Vec<OutgoingMessage>,
    /// Transcript lines not yet taken.
    lines: Vec<String>,
    /// Engine-generated invite ids, in order of first appearance (`#1`, `#2`, …).
    aliases: Vec<String>,
}

impl Party {
    /// An engine for `user` with the default configuration, created at time 0.
    pub fn new(user: &str, seed: u64) -> Self {
        Self::with_config(EngineConfig::new(SDK_APP_ID, user, "sig"), seed)
    }

    /// An engine with this configuration, created at time 0.
    pub fn with_config(config: EngineConfig, seed: u64) -> Self {
        let user = config.user_id.clone();
        Self {
            engine: Engine::new(config, 0, seed).expect("valid config"),
            user,
            now: 0,
            auto_ack: true,
            sent: Vec::new(),
            lines: Vec::new(),
            aliases: Vec::new(),
        }
    }

    /// A short stable name for an invite id: `#n` for engine UUIDs, the id itself otherwise.
    pub fn alias(&mut self, id: &str) -> String {
        if !is_uuid(id) {
            return id.to_owned();
        }
        let index = match self.aliases.iter().position(|known| known == id) {
            Some(index) => index,
            None => {
                self.aliases.push(id.to_owned());
                self.aliases.len() - 1
            }
        };
        format!("#{}", index + 1)
    }

    /// Replaces every known engine invite id in `text` by its alias.
    fn alias_text(&mut self, text: &str) -> String {
        let mut out = text.to_owned();
        // Register ids that appear in the text first (e.g. a stale invite's id).
        let words: Vec<String> = text
            .split(|c: char| !(c.is_ascii_hexdigit() || c == '-'))
            .filter(|word| is_uuid(word))
            .map(str::to_owned)
            .collect();
        for word in words {
            let alias = self.alias(&word);
            out = out.replace(&word, &alias);
        }
        out
    }

    /// Renders a signal: `action[/kind] id inviter->[invitees] field=value…`.
    pub fn render_signal(&mut self, signal: &Signal) -> String {
        let mut text = signal.action.name().to_owned();
        if let Some(kind) = signal.invite_kind() {
            text.push('/');
            text.push_str(match kind {
                InviteKind::Call { .. } => "call",
                InviteKind::Hangup { .. } => "hangup",
                InviteKind::Switch { .. } => "switch",
            });
        }
        let id = self.alias(&signal.invite_id);
        text.push_str(&format!(
            " {id} {}->[{}]",
            signal.inviter,
            signal.invitees.join(",")
        ));
        if !signal.group_id.is_empty() {
            text.push_str(&format!(" group={}", signal.group_id));
        }
        if let Some(media) = signal.call_type {
            text.push_str(&format!(" type={}", media.name()));
        }
        if let Some(cmd) = &signal.cmd {
            text.push_str(&format!(" cmd={}", cmd.as_str()));
        }
        match &signal.room {
            Some(RoomId::Numeric(room)) => text.push_str(&format!(" room={room}")),
            Some(RoomId::Str(room)) => text.push_str(&format!(" room={room:?}")),
            None => {}
        }
        if signal.timeout != 0 {
            text.push_str(&format!(" timeout={}", signal.timeout));
        }
        if let Some(call_end) = signal.call_end {
            text.push_str(&format!(" call_end={call_end}"));
        }
        if signal.busy {
            text.push_str(" busy");
        }
        if let Some(to) = signal.switch_to {
            text.push_str(&format!(" switch_to={}", to.name()));
        }
        if let Some(ids) = &signal.user_ids {
            text.push_str(&format!(" userIDs=[{}]", ids.join(",")));
        }
        if let Some(caller) = &signal.data_inviter {
            if *caller != signal.inviter {
                text.push_str(&format!(" caller={caller}"));
            }
        }
        text
    }

    /// Renders one output.
    pub fn render(&mut self, output: &Output) -> String {
        match output {
            Output::Send(message) => {
                let conversation = match message.conversation {
                    Conversation::C2C => "C2C",
                    Conversation::Group => "Group",
                };
                let body = match decode(&message.data) {
                    Ok(signal) => self.render_signal(&signal),
                    Err(error) => format!("UNDECODABLE({error})"),
                };
                format!("send {conversation}->{} {body}", message.to)
            }
            Output::Event(event) => format!("event {}", self.render_event(event)),
        }
    }

    /// Renders one call event.
    pub fn render_event(&mut self, event: &CallEvent) -> String {
        match event {
            CallEvent::Invited {
                inviter,
                media,
                participants,
                group_id,
            } => {
                let group = if group_id.is_empty() {
                    String::new()
                } else {
                    format!(", group={group_id}")
                };
                format!(
                    "Invited({inviter}, {}, [{}]{group})",
                    media.name(),
                    participants.join(",")
                )
            }
            CallEvent::UserAccepted(user) => format!("UserAccepted({user})"),
            CallEvent::UserRejected(user) => format!("UserRejected({user})"),
            CallEvent::UserBusy(user) => format!("UserBusy({user})"),
            CallEvent::UserNoResponse { user, offline } => {
                format!("UserNoResponse({user}, offline={offline})")
            }
            CallEvent::UserEntered(user) => format!("UserEntered({user})"),
            CallEvent::UserLeft(user) => format!("UserLeft({user})"),
            CallEvent::Connected => "Connected".to_owned(),
            CallEvent::MediaChanged(media) => format!("MediaChanged({})", media.name()),
            CallEvent::CallEnded {
                reason,
                duration_secs,
                user,
            } => match user {
                Some(user) => format!("CallEnded({}, {duration_secs}s, {user})", reason.name()),
                None => format!("CallEnded({}, {duration_secs}s)", reason.name()),
            },
            CallEvent::Error { code, message } => {
                let message = self.alias_text(message);
                format!("Error({code}: {message})")
            }
            CallEvent::Ignored { reason, detail } => {
                let detail = self.alias_text(detail);
                format!("Ignored({reason}: {detail})")
            }
        }
    }

    /// Drains every output at the current time (acknowledging sends if `auto_ack`).
    pub fn drain(&mut self) {
        loop {
            let mut acks = Vec::new();
            while let Some(output) = self.engine.poll_output() {
                let line = self.render(&output);
                self.lines.push(format!("{} {line}", secs(self.now)));
                if let Output::Send(message) = output {
                    acks.push(message.id);
                    self.sent.push(message);
                }
            }
            if !self.auto_ack || acks.is_empty() {
                break;
            }
            for id in acks {
                self.engine
                    .handle_input(self.now, Input::SendResult { id, result: Ok(()) })
                    .expect("send results are never refused");
            }
        }
        assert_ne!(
            self.engine.poll_timeout().map(|(_, why)| why),
            Some("queued output"),
            "outputs left queued"
        );
    }

    /// Advances virtual time to `t`, firing every deadline due on the way at its own time.
    pub fn at(&mut self, t: u64) {
        assert!(t >= self.now, "time goes forward: {} -> {t}", self.now);
        for _ in 0..1000 {
            match self.engine.poll_timeout() {
                Some((deadline, _)) if deadline <= t => {
                    self.now = self.now.max(deadline);
                    self.engine.handle_timeout(self.now);
                    self.drain();
                }
                Some(_) | None => {
                    self.now = t;
                    return;
                }
            }
        }
        panic!("a deadline keeps firing without being cleared");
    }

    /// Asserts the next deadline is exactly `(t, reason)`, then advances to it.
    pub fn fire(&mut self, t: u64, reason: &str) {
        assert_eq!(
            self.engine.poll_timeout(),
            Some((t, reason_static(reason))),
            "next deadline"
        );
        self.at(t);
    }

    /// Feeds one input at `t` (after firing due deadlines) and drains.
    pub fn input(&mut self, t: u64, input: Input) -> Result<(), EngineError> {
        self.at(t);
        let result = self.engine.handle_input(t, input);
        self.drain();
        result
    }

    /// A page command at `t`; it must be accepted.
    pub fn command(&mut self, t: u64, command: Command) {
        let label = format!("{command:?}");
        self.input(t, Input::Command(command))
            .unwrap_or_else(|error| panic!("command {label} refused: {error}"));
    }

    /// Reports the outcome of send `id` at `t`.
    pub fn ack(&mut self, t: u64, id: u64, result: Result<(), SendFailure>) {
        self.input(t, Input::SendResult { id, result })
            .expect("send results are never refused");
    }

    /// Delivers a raw IM message at `t`.
    pub fn receive(&mut self, t: u64, message: ReceivedMessage) {
        self.input(t, Input::Message(message))
            .expect("messages are never refused");
    }

    /// Delivers `signal` from `from` by C2C, stored by the server at `t`.
    pub fn deliver(&mut self, t: u64, from: &str, signal: &Signal) {
        self.receive(t, c2c(from, signal, t));
    }

    /// Delivers `signal` from `from` in the IM group `group`, stored by the server at `t`.
    pub fn deliver_group(&mut self, t: u64, from: &str, group: &str, signal: &Signal) {
        self.receive(t, in_group(from, group, signal, t));
    }

    /// Delivers a message another engine sent, as the IM server would route it to us.
    pub fn deliver_sent(&mut self, t: u64, from: &str, message: &OutgoingMessage) {
        let mut received = c2c_raw(from, &message.data, t);
        if message.conversation == Conversation::Group {
            received.conversation = Conversation::Group;
            received.group_id = message.to.clone();
        }
        self.receive(t, received);
    }

    /// A pusher `statechange` with a `userlist` naming `users` (main stream, audio+video on).
    pub fn room(&mut self, t: u64, code: i32, users: &[&str]) {
        self.input(t, Input::Pusher(pusher_state(code, users)))
            .expect("pusher events are never refused");
    }

    /// A pusher `statechange` with no user list (1018, 1019, 5000, …).
    pub fn room_code(&mut self, t: u64, code: i32) {
        let event = PusherEvent::StateChange {
            code,
            message: String::new(),
        };
        self.input(t, Input::Pusher(event))
            .expect("pusher events are never refused");
    }

    /// A healthy `<live-player>` netstatus for `user`'s main stream.
    pub fn player_alive(&mut self, t: u64, user: &str) {
        let event = PlayerEvent::NetStatus {
            player_id: format!("{user}_main"),
            quality: Some(1),
        };
        self.input(t, Input::Player(event))
            .expect("player events are never refused");
    }

    /// Takes the transcript lines recorded since the last take.
    pub fn take(&mut self) -> Vec<String> {
        std::mem::take(&mut self.lines)
    }

    /// Asserts the lines recorded since the last take are exactly `expected`.
    #[track_caller]
    pub fn expect(&mut self, expected: &[&str]) {
        let actual = self.take();
        if actual != expected {
            panic!(
                "transcript of {} differs\n--- expected\n{}\n--- actual\n{}\n",
                self.user,
                expected.join("\n"),
                actual.join("\n")
            );
        }
    }

    /// The signal of the `n`-th sent message (0-based).
    pub fn sent_signal(&self, n: usize) -> Signal {
        decode(&self.sent[n].data).expect("the engine sends decodable signals")
    }

    /// The last sent message.
    pub fn last_sent(&self) -> OutgoingMessage {
        self.sent.last().cloned().expect("something was sent")
    }

    /// The signal of the last sent message.
    pub fn last_signal(&self) -> Signal {
        self.sent_signal(self.sent.len() - 1)
    }

    /// The latest invitation the engine sent that rings `user`.
    pub fn invite_for(&self, user: &str) -> Signal {
        (0..self.sent.len())
            .rev()
            .map(|n| self.sent_signal(n))
            .find(|signal| {
                signal.action == Action::Invite
                    && matches!(signal.invite_kind(), Some(InviteKind::Call { .. }))
                    && signal.invitees.iter().any(|invitee| invitee == user)
            })
            .unwrap_or_else(|| panic!("no invitation for {user}"))
    }

    /// The view state.
    pub fn view(&self) -> ViewState {
        self.engine.view()
    }

    /// The status.
    pub fn status(&self) -> Status {
        self.engine.view().status
    }

    /// Remote users as "user:state" words, in view order.
    pub fn remotes(&self) -> String {
        self.engine
            .view()
            .remote_users
            .iter()
            .map(|user| format!("{}:{}", user.user_id, user.state.name()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Asserts the engine is idle: no call, no pusher, no players, no deadline, nothing queued.
    #[track_caller]
    pub fn assert_idle(&self) {
        let view = self.engine.view();
        assert_eq!(view.status, Status::Idle, "status");
        assert_eq!(view.role, None, "role");
        assert!(view.remote_users.is_empty(), "remote users");
        assert!(view.players.is_empty(), "players");
        assert!(view.pusher.is_none(), "pusher");
        assert_eq!(
            self.engine.poll_timeout(),
            None,
            "no timer outlives the call"
        );
    }
}

/// `reason` as the engine's `&'static str` (the deadline reasons are a closed set).
fn reason_static(reason: &str) -> &'static str {
    [
        "ring timeout",
        "invite guard",
        "switch timeout",
        "empty room",
        "remote silent",
        "leave grace",
        "queued output",
    ]
    .into_iter()
    .find(|known| *known == reason)
    .unwrap_or_else(|| panic!("unknown deadline reason {reason}"))
}

/// A custom-element C2C message carrying `data`, stored (and read) at `t`.
pub fn c2c_raw(from: &str, data: &str, t: u64) -> ReceivedMessage {
    ReceivedMessage {
        from: from.to_owned(),
        conversation: Conversation::C2C,
        group_id: String::new(),
        element_type: "TIMCustomElem".to_owned(),
        data: data.to_owned(),
        server_time_ms: t,
        server_now_ms: t,
    }
}

/// A C2C message carrying `signal`.
pub fn c2c(from: &str, signal: &Signal, t: u64) -> ReceivedMessage {
    c2c_raw(from, &encode(signal).expect("encodable"), t)
}

/// A group message in `group` carrying `signal`.
pub fn in_group(from: &str, group: &str, signal: &Signal, t: u64) -> ReceivedMessage {
    ReceivedMessage {
        conversation: Conversation::Group,
        group_id: group.to_owned(),
        ..c2c(from, signal, t)
    }
}

/// A pusher `statechange` whose message lists `users` with a main stream, audio and video on.
pub fn pusher_state(code: i32, users: &[&str]) -> PusherEvent {
    let list: Vec<String> = users
        .iter()
        .map(|user| {
            format!(
                r#"{{"userid":"{user}","playurl":"room://cloud.tencent.com/rtc?userid={user}&streamtype=main","streamtype":"main","hasvideo":true,"hasaudio":true}}"#
            )
        })
        .collect();
    PusherEvent::StateChange {
        code,
        message: format!(r#"{{"userlist":[{}]}}"#, list.join(",")),
    }
}

/// A peer's call invitation: `inviter` rings `invitees` in `room`.
pub fn invite(id: &str, inviter: &str, invitees: &[&str], media: MediaType, room: u32) -> Signal {
    outgoing::call_invite(NewCall {
        invite_id: id.to_owned(),
        inviter: inviter.to_owned(),
        invitees: invitees.iter().map(|user| (*user).to_owned()).collect(),
        group_id: String::new(),
        media,
        room,
        user_ids: None,
        timeout: 30,
    })
}

/// One per-user invitation of a multi-C2C call (carrying everyone's ids).
pub fn multi_invite(
    id: &str,
    inviter: &str,
    invitee: &str,
    everyone: &[&str],
    media: MediaType,
    room: u32,
) -> Signal {
    let mut signal = invite(id, inviter, &[invitee], media, room);
    signal.user_ids = Some(everyone.iter().map(|user| (*user).to_owned()).collect());
    signal
}

/// An IM-group invitation.
pub fn group_invite(
    id: &str,
    inviter: &str,
    group: &str,
    invitees: &[&str],
    media: MediaType,
    room: u32,
) -> Signal {
    let mut signal = invite(id, inviter, invitees, media, room);
    signal.group_id = group.to_owned();
    signal
}

/// A 1v1 hang-up notice from `sender` (who stays) to `notified`.
pub fn hangup(
    id: &str,
    sender: &str,
    notified: &str,
    media: MediaType,
    call_end: u32,
    caller: &str,
) -> Signal {
    outgoing::hangup_notice(
        id,
        sender,
        vec![notified.to_owned()],
        "",
        media,
        call_end,
        caller,
    )
}

/// An IM-group end notice (`call_end: 0`, no room).
pub fn group_hangup(
    id: &str,
    sender: &str,
    group: &str,
    notified: &str,
    media: MediaType,
    caller: &str,
) -> Signal {
    outgoing::hangup_notice(
        id,
        sender,
        vec![notified.to_owned()],
        group,
        media,
        0,
        caller,
    )
}
