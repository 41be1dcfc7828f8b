//! What happened, step by step: a ring buffer of the last steps (formatted only when a
//! violation is reported) or, when replaying one seed, every step printed as it happens.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::rc::Rc;

use tuicalling_core::engine::{CallEvent, Command, Conversation, EngineError, Status};
use tuicalling_core::protocol::{decode_element, Action, InviteKind, MediaType, CUSTOM_ELEMENT};

/// Steps kept for a violation report.
pub const KEEP: usize = 40;

/// The input of one step.
#[derive(Debug, Clone)]
pub enum What {
    /// A page command and the engine's refusal, if any.
    Command(Command, Option<EngineError>),
    /// A received IM message.
    Message {
        /// Sender.
        from: &'static str,
        /// C2C or group.
        conversation: Conversation,
        /// `payload.data`.
        data: Rc<str>,
        /// Server-time age the receiver computes (its skewed clock minus the send time), ms.
        age_ms: i64,
        /// A duplicate copy.
        dup: bool,
    },
    /// A send result.
    SendResult {
        /// Message id.
        id: u64,
        /// The failure code, if it failed.
        failure: Option<i32>,
    },
    /// A pusher `statechange`.
    Room {
        /// The code.
        code: i32,
        /// Who it is about.
        about: &'static str,
        /// `hasvideo`/`hasaudio`.
        flag: bool,
    },
    /// Player `netstatus` for these players.
    NetStatus(usize),
    /// `handle_timeout` for this deadline reason.
    Timeout(&'static str),
}

/// One message the engine sent, and what the network did with it.
#[derive(Debug, Clone)]
pub struct Sent {
    /// Destination user or group.
    pub to: String,
    /// `payload.data`.
    pub data: Rc<str>,
    /// What happened to it ("ok", "failed", "failed but delivered", "refused 10007", …) and
    /// how many copies were delivered.
    pub fate: &'static str,
    /// Copies scheduled for delivery.
    pub copies: u32,
}

/// One step.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Step number in the scenario.
    pub step: u64,
    /// Virtual time, ms.
    pub at: u64,
    /// The user whose engine handled it.
    pub user: &'static str,
    /// The input.
    pub what: What,
    /// Messages sent.
    pub sent: Vec<Sent>,
    /// Events emitted.
    pub events: Vec<CallEvent>,
    /// Status afterwards.
    pub status: Status,
    /// Room afterwards.
    pub room: Option<u32>,
    /// Next deadline afterwards (virtual time) and why.
    pub deadline: Option<(u64, &'static str)>,
    /// The room service's reaction (entered / left, and whether the leave is reported).
    pub trtc: Option<String>,
}

/// The trace of one scenario.
#[derive(Debug)]
pub struct Trace {
    last: VecDeque<Entry>,
    print: bool,
}

impl Trace {
    /// A trace that keeps the last [`KEEP`] steps, and prints every step when `print`.
    pub fn new(print: bool) -> Self {
        Self {
            last: VecDeque::with_capacity(KEEP + 1),
            print,
        }
    }

    /// Whether every step is printed.
    pub fn printing(&self) -> bool {
        self.print
    }

    /// Records a step.
    pub fn push(&mut self, entry: Entry) {
        if self.print {
            println!("{}", format_entry(&entry));
        }
        if self.last.len() == KEEP {
            self.last.pop_front();
        }
        self.last.push_back(entry);
    }

    /// Prints a world-level note in full-trace mode.
    pub fn note(&self, at: u64, text: impl FnOnce() -> String) {
        if self.print {
            println!("[{}] -- {}", time(at), text());
        }
    }

    /// The kept steps, formatted.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        for entry in &self.last {
            let _ = writeln!(out, "{}", format_entry(entry));
        }
        out
    }
}

/// `mm:ss.mmm` of virtual time.
pub fn time(at: u64) -> String {
    format!(
        "{:02}:{:02}.{:03}",
        at / 60_000,
        (at / 1000) % 60,
        at % 1000
    )
}

fn media(media: MediaType) -> &'static str {
    match media {
        MediaType::Audio => "audio",
        MediaType::Video => "video",
    }
}

/// A signal in a few words: `invite/call(video) #1a2b u0→[u1,u2] g=grp`.
pub fn describe_signal(data: &str) -> String {
    let signal = match decode_element(CUSTOM_ELEMENT, data) {
        Ok(signal) => signal,
        Err(error) => return format!("<undecodable: {error}>"),
    };
    let kind = match signal.action {
        Action::Invite => match signal.invite_kind() {
            Some(InviteKind::Call { media: m }) => format!("invite/call({})", media(m)),
            Some(InviteKind::Hangup { call_end }) => format!("invite/hangup({call_end}s)"),
            Some(InviteKind::Switch { to }) => format!("invite/switch→{}", media(to)),
            None => "invite/?".to_owned(),
        },
        Action::Cancel => "cancel".to_owned(),
        Action::Accept => "accept".to_owned(),
        Action::Reject if signal.busy => "reject(busy)".to_owned(),
        Action::Reject => "reject".to_owned(),
        Action::Timeout => "timeout".to_owned(),
    };
    let id: String = signal.invite_id.chars().take(4).collect();
    let room = match &signal.room {
        Some(room) => format!(" room={room:?}"),
        None => String::new(),
    };
    let group = if signal.group_id.is_empty() {
        String::new()
    } else {
        format!(" g={}", signal.group_id)
    };
    format!(
        "{kind} #{id} {}→[{}]{room}{group}",
        signal.inviter,
        signal.invitees.join(",")
    )
}

fn describe_command(command: &Command) -> String {
    match command {
        Command::Call(request) => format!(
            "call {:?} media={:?} group={:?} room={:?}",
            request.user_ids, request.media, request.group_id, request.room_id
        ),
        Command::Join(request) => format!(
            "join room={} group={:?} {:?}",
            request.room_id, request.group_id, request.media
        ),
        Command::Accept
        | Command::Reject
        | Command::Hangup
        | Command::InviteUser(_)
        | Command::SwitchMedia(_)
        | Command::SetMicrophone(_)
        | Command::SetCamera(_)
        | Command::SetFrontCamera(_)
        | Command::SetSpeaker(_) => format!("{command:?}"),
    }
}

/// One step on one line (plus indented sends and events).
pub fn format_entry(entry: &Entry) -> String {
    let mut out = format!("#{:<5} [{}] {:<3} ", entry.step, time(entry.at), entry.user);
    match &entry.what {
        What::Command(command, refused) => {
            let _ = write!(out, "CMD {}", describe_command(command));
            if let Some(error) = refused {
                let _ = write!(out, " → refused: {error}");
            }
        }
        What::Message {
            from,
            conversation,
            data,
            age_ms,
            dup,
        } => {
            let conv = match conversation {
                Conversation::C2C => "c2c",
                Conversation::Group => "group",
            };
            let _ = write!(
                out,
                "RECV {conv} from {from}: {}{} (age {:.1}s)",
                describe_signal(data),
                if *dup { " [dup]" } else { "" },
                *age_ms as f64 / 1000.0
            );
        }
        What::SendResult { id, failure } => match failure {
            None => {
                let _ = write!(out, "SEND-RESULT id={id} ok");
            }
            Some(code) => {
                let _ = write!(out, "SEND-RESULT id={id} FAILED {code}");
            }
        },
        What::Room { code, about, flag } => {
            let _ = write!(out, "TRTC {code} about {about}");
            if matches!(code, 1033 | 1034) {
                let _ = write!(out, " ({flag})");
            }
        }
        What::NetStatus(players) => {
            let _ = write!(out, "NETSTATUS x{players}");
        }
        What::Timeout(reason) => {
            let _ = write!(out, "TIMEOUT {reason}");
        }
    }
    let deadline = match entry.deadline {
        Some((at, why)) => format!("{} {why}", time(at)),
        None => "none".to_owned(),
    };
    let _ = write!(
        out,
        "  ⇒ {:?} room={:?} next={deadline}",
        entry.status, entry.room
    );
    if let Some(trtc) = &entry.trtc {
        let _ = write!(out, "\n        TRTC: {trtc}");
    }
    for sent in &entry.sent {
        let _ = write!(
            out,
            "\n        send → {} [{} x{}]: {}",
            sent.to,
            sent.fate,
            sent.copies,
            describe_signal(&sent.data)
        );
    }
    for event in &entry.events {
        let _ = write!(out, "\n        event {event:?}");
    }
    out
}
