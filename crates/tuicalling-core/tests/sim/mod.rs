//! A deterministic multi-user world for the call engine, on virtual time.
//!
//! One scenario = one seed. The seed draws everything: 2–6 users (`u0`…`u5`), their clock
//! skews (up to ±60 s on the IM server clock they report), the network's fault rates
//! ([`netem::Netem`]), the chance that a TRTC leave is never reported, the random user actions
//! and their times, and each engine's own seed. Nothing reads a real clock, and every
//! collection iterates in a fixed order, so a seed replays exactly.
//!
//! The world is a priority queue of timed events (deliveries, send results, TRTC room events,
//! player `netstatus` ticks and user actions) plus each engine's `poll_timeout()`. It repeatedly
//! takes the earliest of them (timers first on a tie, then FIFO), advances the clock and runs
//! one *step*: one input (or `handle_timeout`) to one engine, then `poll_output()` until empty,
//! routing every `Output::Send` through the IM hub and the network emulation and scheduling its
//! `Input::SendResult`, then re-reading `view()`/`poll_timeout()`, syncing the TRTC room service
//! with the view, and checking every invariant ([`invariants`]).
//!
//! An iOS background is a fault of its own: a connected user's pusher steps out of the room
//! (the others hear 1032) and its engine gets 5000; a few seconds later (within the engines'
//! leave grace or well past it) it steps back in as a new pusher session. The world keeps the
//! user's JS running meanwhile (a real suspended phone would also hold its timers and
//! messages), and invariant 2 does not count the time away.
//!
//! The IM hub: C2C goes to the named user (`u9` is a user who never logs in: messages to them are
//! stored and never delivered); a group message goes to every member but the sender (the
//! sender must be a member, else the send fails with 10007). The hub stamps `server_time_ms`
//! with the send time; each receiver passes `server_now_ms` from its own skewed clock.

pub mod invariants;
pub mod netem;
pub mod rng;
pub mod trace;
pub mod trtc;

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};
use std::rc::Rc;

use tuicalling_core::engine::{
    CallEvent, CallRequest, Command, Conversation, EndReason, Engine, EngineConfig, Input,
    JoinRequest, OutgoingMessage, Output, PlayerEvent, PusherEvent, ReceivedMessage, Role,
    SendFailure, Status,
};
use tuicalling_core::protocol::{self, decode, InviteKind, MediaType, CUSTOM_ELEMENT};

use invariants::{Broken, Invariant, Snapshot};
use netem::{Netem, SendFate};
use rng::Rng;
use trace::{Entry, Sent, Trace, What};
use trtc::{Notice, RoomService};

/// The users a scenario may have.
pub const USERS: [&str; 6] = ["u0", "u1", "u2", "u3", "u4", "u5"];
/// A user who never logs in (an offline callee).
pub const GHOST: &str = "u9";
/// Random user actions happen in the first two minutes.
pub const ACTION_WINDOW_MS: u64 = 120_000;
/// A scenario ends after 5 virtual minutes at the latest.
pub const END_MS: u64 = 300_000;
/// Calls (or joins) a scenario starts at most.
pub const MAX_CALLS: u32 = 3;
/// Steps after which a scenario is considered a runaway (a timer loop).
const MAX_STEPS: u64 = 50_000;
/// The IM server's clock at virtual time 0, ms.
const SERVER_EPOCH_MS: u64 = 1_700_000_000_000;
/// Largest clock skew between a user and the IM server, ms.
const MAX_SKEW_MS: u64 = 60_000;
/// Player `netstatus` period, ms (± [`NETSTATUS_JITTER_MS`]).
const NETSTATUS_PERIOD_MS: u64 = 2_000;
const NETSTATUS_JITTER_MS: u64 = 300;
/// TRTC event latency, ms (events to one pusher stay in order).
const ROOM_DELAY_MS: (u64, u64) = (50, 800);
/// Send-result latency, ms.
const SEND_RESULT_DELAY_MS: (u64, u64) = (5, 300);

/// Counters over one or many scenarios.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Scenarios run.
    pub scenarios: u64,
    /// Steps run.
    pub steps: u64,
    /// Calls started (`Command::Call` accepted).
    pub calls: u64,
    /// Joins accepted.
    pub joins: u64,
    /// `Connected` events.
    pub connected: u64,
    /// `CallEnded` events by reason (in [`EndReason`] declaration order).
    pub ended: [u64; 8],
    /// Commands issued.
    pub commands: u64,
    /// Commands refused.
    pub refused: u64,
    /// IM messages sent by engines.
    pub sent: u64,
    /// Copies delivered.
    pub delivered: u64,
    /// Deliveries lost.
    pub lost: u64,
    /// Extra (duplicate) copies.
    pub duplicated: u64,
    /// Copies delayed by more than 1 s.
    pub delayed: u64,
    /// Sends reported failed.
    pub send_failures: u64,
    /// Failed sends delivered anyway.
    pub ambiguous_failures: u64,
    /// TRTC leaves reported with 1032.
    pub leaves_reported: u64,
    /// TRTC leaves never reported.
    pub leaves_unreported: u64,
    /// Room events and ticks dropped because the pusher session had changed.
    pub stale_room_events: u64,
    /// Player netstatus events delivered.
    pub netstatus: u64,
    /// Timeouts handled, by reason: ring, invite guard, switch, empty room, remote silent,
    /// leave grace.
    pub timeouts: [u64; 6],
    /// Invitations received with |skew| > 30 s.
    pub skewed_invites: u64,
    /// Longest time from a user's last keep-alive to it becoming idle, ms, and the seed.
    pub max_idle_lag: (u64, u64),
    /// iOS backgrounds (a connected pusher stepped out of its room).
    pub backgrounds: u64,
    /// Returns from an iOS background into a call that was still on.
    pub returns: u64,
    /// 1v1 calls checked by invariant 6 (both users connected in them, no lost message).
    pub calls_checked: u64,
    /// Of those, the ones that ended with exactly one hang-up notice.
    pub one_notice: u64,
}

impl Stats {
    /// Adds `other` into `self`.
    pub fn merge(&mut self, other: &Self) {
        self.scenarios += other.scenarios;
        self.steps += other.steps;
        self.calls += other.calls;
        self.joins += other.joins;
        self.connected += other.connected;
        for (mine, theirs) in self.ended.iter_mut().zip(other.ended) {
            *mine += theirs;
        }
        self.commands += other.commands;
        self.refused += other.refused;
        self.sent += other.sent;
        self.delivered += other.delivered;
        self.lost += other.lost;
        self.duplicated += other.duplicated;
        self.delayed += other.delayed;
        self.send_failures += other.send_failures;
        self.ambiguous_failures += other.ambiguous_failures;
        self.leaves_reported += other.leaves_reported;
        self.leaves_unreported += other.leaves_unreported;
        self.stale_room_events += other.stale_room_events;
        self.netstatus += other.netstatus;
        for (mine, theirs) in self.timeouts.iter_mut().zip(other.timeouts) {
            *mine += theirs;
        }
        self.skewed_invites += other.skewed_invites;
        self.backgrounds += other.backgrounds;
        self.returns += other.returns;
        self.calls_checked += other.calls_checked;
        self.one_notice += other.one_notice;
        if other.max_idle_lag.0 > self.max_idle_lag.0 {
            self.max_idle_lag = other.max_idle_lag;
        }
    }

    /// A multi-line summary, with invariant 2's bound (ms).
    pub fn report(&self, idle_bound_ms: u64) -> String {
        let reasons = [
            "hangup",
            "reject",
            "no_response",
            "offline",
            "line_busy",
            "canceled",
            "kicked_out",
            "error",
        ];
        let ended: Vec<String> = reasons
            .iter()
            .zip(self.ended)
            .map(|(name, n)| format!("{name} {n}"))
            .collect();
        let timeouts = [
            "ring",
            "invite guard",
            "switch",
            "empty room",
            "remote silent",
            "leave grace",
        ];
        let timeouts: Vec<String> = timeouts
            .iter()
            .zip(self.timeouts)
            .map(|(name, n)| format!("{name} {n}"))
            .collect();
        format!(
            "scenarios {}, steps {}, calls {}, joins {}, connected {}\n\
             ended: {}\n\
             commands {} (refused {}), messages sent {}, delivered {}, lost {}, duplicated {}, delayed >1 s {}\n\
             send failures {} (delivered anyway {}), TRTC leaves reported {}, never reported {}, stale room events {}\n\
             player netstatus {}, invites received with skew > 30 s {}\n\
             iOS backgrounds {} (back into a call still on {}); 1v1 calls checked for one hang-up notice {} (with exactly one {})\n\
             timeouts: {}\n\
             longest keep-alive → idle: {:.3} s (seed {}; bound {} s)",
            self.scenarios,
            self.steps,
            self.calls,
            self.joins,
            self.connected,
            ended.join(", "),
            self.commands,
            self.refused,
            self.sent,
            self.delivered,
            self.lost,
            self.duplicated,
            self.delayed,
            self.send_failures,
            self.ambiguous_failures,
            self.leaves_reported,
            self.leaves_unreported,
            self.stale_room_events,
            self.netstatus,
            self.skewed_invites,
            self.backgrounds,
            self.returns,
            self.calls_checked,
            self.one_notice,
            timeouts.join(", "),
            self.max_idle_lag.0 as f64 / 1000.0,
            self.max_idle_lag.1,
            idle_bound_ms / 1000,
        )
    }
}

/// A violated invariant in one scenario.
#[derive(Debug, Clone)]
pub struct Violation {
    /// The scenario's seed.
    pub seed: u64,
    /// Which invariant.
    pub invariant: Invariant,
    /// What exactly.
    pub detail: String,
    /// Virtual time, ms.
    pub at: u64,
    /// Steps run up to and including the violating one.
    pub steps: u64,
    /// The scenario's parameters.
    pub setup: String,
    /// The last steps, formatted.
    pub trace: String,
}

impl Violation {
    /// The full report: what, where, how to replay, and the last steps.
    pub fn report(&self) -> String {
        format!(
            "seed {} violates invariant {} at {} (step {}): {}\n  setup: {}\n  replay: TUICALLING_SIM_SEED={} cargo test -p tuicalling-core --test engine_simulation -- --nocapture\n  last {} steps:\n{}",
            self.seed,
            self.invariant.name(),
            trace::time(self.at),
            self.steps,
            self.detail,
            self.setup,
            self.seed,
            trace::KEEP,
            self.trace
        )
    }
}

/// What one scenario did.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Counters.
    pub stats: Stats,
    /// The first violation, if any (the scenario stops there).
    pub violation: Option<Violation>,
    /// A digest of the whole run (for the determinism test).
    pub digest: u64,
}

/// Per-scenario parameters, drawn from the seed.
#[derive(Debug, Clone)]
struct Params {
    users: usize,
    netem: Netem,
    unreported_leave_pm: u32,
    hangups: bool,
    random_command_pm: u32,
    groups: Vec<(String, Vec<usize>)>,
    /// Chance, per connected call of a user, that iOS backgrounds its mini-program.
    ios_background_pm: u32,
}

/// Why a user action happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// Anything that fits the user's state (sometimes anything at all).
    Spontaneous,
    /// Answer the ringing phone.
    Respond,
    /// Hang up a connected call.
    Hangup,
}

#[derive(Debug)]
enum Ev {
    Deliver {
        to: usize,
        from: usize,
        conversation: Conversation,
        group: String,
        data: Rc<str>,
        sent_at: u64,
        dup: bool,
    },
    SendResult {
        user: usize,
        id: u64,
        failure: Option<i32>,
    },
    Room {
        user: usize,
        session: u64,
        notice: Notice,
    },
    Tick {
        user: usize,
        session: u64,
    },
    Act {
        user: usize,
        action: Action,
    },
    /// iOS backgrounds the user's mini-program: its pusher steps out of the room.
    Background {
        user: usize,
    },
    /// The user's mini-program is back: its pusher steps into the room again.
    Foreground {
        user: usize,
    },
}

#[derive(Debug)]
struct Item {
    at: u64,
    seq: u64,
    ev: Ev,
}

impl PartialEq for Item {
    fn eq(&self, other: &Self) -> bool {
        (self.at, self.seq) == (other.at, other.seq)
    }
}
impl Eq for Item {}
impl PartialOrd for Item {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Item {
    /// Reversed, so that `BinaryHeap` pops the earliest (then the first scheduled).
    fn cmp(&self, other: &Self) -> Ordering {
        (other.at, other.seq).cmp(&(self.at, self.seq))
    }
}

/// One step's input.
enum Step {
    Command(Command),
    Message {
        message: ReceivedMessage,
        from: usize,
        data: Rc<str>,
        dup: bool,
    },
    SendResult {
        id: u64,
        failure: Option<i32>,
    },
    Room(Notice),
    NetStatus(Vec<String>),
    Timeout,
}

struct Node {
    name: &'static str,
    engine: Engine,
    /// The engine's local clock = virtual time + epoch.
    epoch: u64,
    /// IM server clock as this user sees it = server time + skew.
    skew: i64,
    /// Virtual time of the last keep-alive input.
    keepalive: u64,
    snapshot: Snapshot,
    /// TRTC events to this pusher are delivered in order: not before this time.
    room_fifo: u64,
}

/// The simulated world of one scenario.
pub struct World {
    seed: u64,
    now: u64,
    rng: Rng,
    params: Params,
    nodes: Vec<Node>,
    queue: BinaryHeap<Item>,
    seq: u64,
    trtc: RoomService,
    /// Group id of each room seen (for joins).
    rooms_seen: BTreeMap<u32, String>,
    trace: Trace,
    idle_bound_ms: u64,
    stats: Stats,
    calls_started: u32,
    /// 1v1 calls both users are connected in, for invariant 6.
    pairs: Vec<CallPair>,
    violation: Option<Violation>,
    digest: u64,
}

/// A 1v1 call two users knew they were connected in: the hang-up notices they sent each other.
#[derive(Debug, Clone)]
struct CallPair {
    users: [usize; 2],
    room: u32,
    notices: u32,
    hung_up: [bool; 2],
    /// A message between them was lost or failed to send.
    faulty: bool,
    /// Hang-up notices from each user still on their way to the other.
    in_flight: [u32; 2],
    /// One's notice was sent while the other's was still on its way (they crossed).
    crossed: bool,
    /// It became a group call (an invitation mid-call, or somebody joined the room).
    group: bool,
}

/// How to run scenarios.
#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// Print every step.
    pub print: bool,
    /// The bound of invariant 2, ms ([`invariants::idle_bound_ms`] unless exploring past a
    /// known bug).
    pub idle_bound_ms: u64,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            print: false,
            idle_bound_ms: invariants::idle_bound_ms(),
        }
    }
}

/// Runs one scenario.
pub fn run(seed: u64, config: Config) -> Outcome {
    let mut world = World::new(seed, config);
    world.run();
    world.stats.scenarios = 1;
    Outcome {
        stats: world.stats,
        violation: world.violation,
        digest: world.digest,
    }
}

impl World {
    fn new(seed: u64, config: Config) -> Self {
        let mut rng = Rng::new(seed);
        let users = usize::try_from(rng.range(2, 6)).unwrap_or(2);
        let netem = Netem::random(&mut rng);
        let unreported_leave_pm = rng.pick(&[0, 200, 500, 1000]);
        let hangups = rng.chance(850);
        let random_command_pm = rng.pick(&[0, 100, 300]);
        let ios_background_pm = rng.pick(&[0, 0, 200, 600]);
        // IM groups: everybody, and (with 3+ users) a random subset of at least two.
        let mut groups = vec![("grp_all".to_owned(), (0..users).collect::<Vec<_>>())];
        if users >= 3 {
            let mut members: Vec<usize> = (0..users).filter(|_| rng.chance(600)).collect();
            while members.len() < 2 {
                let extra = rng.index(users);
                if !members.contains(&extra) {
                    members.push(extra);
                }
            }
            members.sort_unstable();
            groups.push(("grp_some".to_owned(), members));
        }
        let mut nodes = Vec::with_capacity(users);
        for (index, &name) in USERS.iter().enumerate().take(users) {
            let epoch = rng.range(0, 1_000_000_000);
            let skew = if rng.chance(500) {
                i64::try_from(rng.range(0, 2 * MAX_SKEW_MS)).unwrap_or(0) - MAX_SKEW_MS as i64
            } else {
                i64::try_from(rng.range(0, 4_000)).unwrap_or(0) - 2_000
            };
            let config = EngineConfig::new(1_400_000_000, name, "sim-sig");
            let engine =
                Engine::new(config, epoch, rng.next_u64() ^ index as u64).expect("valid config");
            nodes.push(Node {
                name,
                engine,
                epoch,
                skew,
                keepalive: 0,
                snapshot: Snapshot::idle(),
                room_fifo: 0,
            });
        }
        let params = Params {
            users,
            netem,
            unreported_leave_pm,
            hangups,
            random_command_pm,
            groups,
            ios_background_pm,
        };
        let mut world = Self {
            seed,
            now: 0,
            rng: rng.fork(),
            params,
            nodes,
            queue: BinaryHeap::new(),
            seq: 0,
            trtc: RoomService::new(users),
            rooms_seen: BTreeMap::new(),
            trace: Trace::new(config.print),
            idle_bound_ms: config.idle_bound_ms,
            stats: Stats::default(),
            calls_started: 0,
            pairs: Vec::new(),
            violation: None,
            digest: seed,
        };
        // Most scenarios start with somebody calling within 5 s; then random actions.
        if world.rng.chance(900) {
            let (at, user) = (world.rng.range(0, 5_000), world.rng.index(users));
            world.schedule(
                at,
                Ev::Act {
                    user,
                    action: Action::Spontaneous,
                },
            );
        }
        for _ in 0..world.rng.range(1, 8) {
            let (at, user) = (world.rng.range(0, ACTION_WINDOW_MS), world.rng.index(users));
            world.schedule(
                at,
                Ev::Act {
                    user,
                    action: Action::Spontaneous,
                },
            );
        }
        let setup = world.setup();
        world.trace.note(0, || setup);
        world
    }

    fn setup(&self) -> String {
        let skews: Vec<String> = self
            .nodes
            .iter()
            .map(|node| format!("{} {:+.1}s", node.name, node.skew as f64 / 1000.0))
            .collect();
        let groups: Vec<String> = self
            .params
            .groups
            .iter()
            .map(|(id, members)| {
                let names: Vec<&str> = members.iter().map(|&m| USERS[m]).collect();
                format!("{id}={names:?}")
            })
            .collect();
        format!(
            "{} users; {}; TRTC leave never reported {}‰; iOS background {}‰; hang-ups {}; random commands {}‰; skew {}; groups {}",
            self.params.users,
            self.params.netem.describe(),
            self.params.unreported_leave_pm,
            self.params.ios_background_pm,
            if self.params.hangups { "on" } else { "off" },
            self.params.random_command_pm,
            skews.join(", "),
            groups.join(", ")
        )
    }

    fn schedule(&mut self, at: u64, ev: Ev) {
        self.seq += 1;
        self.queue.push(Item {
            at,
            seq: self.seq,
            ev,
        });
    }

    /// The earliest engine deadline in virtual time, and whose.
    fn next_deadline(&self) -> Option<(u64, usize)> {
        self.nodes
            .iter()
            .enumerate()
            .filter_map(|(user, node)| {
                node.snapshot
                    .deadline
                    .map(|(at, _)| (at.saturating_sub(node.epoch).max(self.now), user))
            })
            .min()
    }

    fn run(&mut self) {
        let mut steps = 0u64;
        let reached_end = loop {
            if self.violation.is_some() {
                return;
            }
            steps += 1;
            if steps > MAX_STEPS {
                self.fail(
                    Invariant::NoStaleTimer,
                    format!("more than {MAX_STEPS} steps: a timer or message loop"),
                );
                return;
            }
            let timer = self.next_deadline();
            let event_at = self.queue.peek().map(|item| item.at);
            let at = match (timer, event_at) {
                (None, None) => break false,
                (Some((t, _)), None) => t,
                (None, Some(e)) => e,
                (Some((t, _)), Some(e)) => t.min(e),
            };
            if at > END_MS {
                break true;
            }
            self.advance(at);
            if self.violation.is_some() {
                return;
            }
            match timer {
                Some((t, user)) if t <= at => self.step(user, Step::Timeout),
                Some(_) | None => {
                    if let Some(item) = self.queue.pop() {
                        self.dispatch(item.ev);
                    }
                }
            }
        };
        // Invariant 2 at the end: quiescence with someone still in a call means stuck forever.
        let end = if reached_end { END_MS } else { u64::MAX };
        self.advance(end);
    }

    /// Moves the clock to `at`, checking invariant 2 for the interval: everyone who stays in a
    /// call until `at` must have had a keep-alive within the bound.
    fn advance(&mut self, at: u64) {
        for user in 0..self.nodes.len() {
            let node = &self.nodes[user];
            let away = self.trtc.away_room(user).is_some();
            if node.snapshot.status != Status::Idle
                && !away
                && at > node.keepalive + self.idle_bound_ms
            {
                let limit = node.keepalive + self.idle_bound_ms;
                let detail = format!(
                    "{} is still {:?} in room {:?} at {} = {} s after its last keep-alive at {}; its next deadline is {}{}",
                    node.name,
                    node.snapshot.status,
                    node.snapshot.room.unwrap_or_default(),
                    trace::time(limit),
                    self.idle_bound_ms / 1000,
                    trace::time(node.keepalive),
                    match node.snapshot.deadline {
                        Some((t, why)) => format!("{} ({why})", trace::time(t.saturating_sub(node.epoch))),
                        None => "none".to_owned(),
                    },
                    if at == u64::MAX { " and nothing else is left to happen" } else { "" },
                );
                self.now = self.now.max(limit);
                self.fail(Invariant::IdleBound, detail);
                return;
            }
        }
        if at != u64::MAX {
            self.now = at;
        }
    }

    fn dispatch(&mut self, ev: Ev) {
        match ev {
            Ev::Deliver {
                to,
                from,
                conversation,
                group,
                data,
                sent_at,
                dup,
            } => {
                let server_now =
                    (SERVER_EPOCH_MS + self.now).saturating_add_signed(self.nodes[to].skew);
                let message = ReceivedMessage {
                    from: USERS[from].to_owned(),
                    conversation,
                    group_id: group,
                    element_type: CUSTOM_ELEMENT.to_owned(),
                    data: data.to_string(),
                    server_time_ms: SERVER_EPOCH_MS + sent_at,
                    server_now_ms: server_now,
                };
                self.stats.delivered += 1;
                if !dup && conversation == Conversation::C2C && data.contains("hangup") {
                    self.notice_landed(from, to);
                }
                self.step(
                    to,
                    Step::Message {
                        message,
                        from,
                        data,
                        dup,
                    },
                );
            }
            Ev::SendResult { user, id, failure } => {
                self.step(user, Step::SendResult { id, failure })
            }
            Ev::Room {
                user,
                session,
                notice,
            } => {
                if self.trtc.session(user) == session && self.trtc.room_of(user).is_some() {
                    self.step(user, Step::Room(notice));
                } else {
                    self.stats.stale_room_events += 1;
                }
            }
            Ev::Tick { user, session } => {
                let Some(room) = self
                    .trtc
                    .room_of(user)
                    .filter(|_| self.trtc.session(user) == session)
                else {
                    self.stats.stale_room_events += 1;
                    return;
                };
                // Players whose user is really in the room get data, hence netstatus.
                let players: Vec<String> = self.nodes[user]
                    .snapshot
                    .players
                    .iter()
                    .filter(|id| {
                        let owner = id.rsplit_once('_').map_or(id.as_str(), |(owner, _)| owner);
                        USERS
                            .iter()
                            .take(self.params.users)
                            .position(|u| *u == owner)
                            .is_some_and(|o| self.trtc.is_member(o, room))
                    })
                    .cloned()
                    .collect();
                let next = self.now
                    + self.rng.range(
                        NETSTATUS_PERIOD_MS - NETSTATUS_JITTER_MS,
                        NETSTATUS_PERIOD_MS + NETSTATUS_JITTER_MS,
                    );
                self.schedule(next, Ev::Tick { user, session });
                if !players.is_empty() {
                    self.step(user, Step::NetStatus(players));
                }
            }
            Ev::Act { user, action } => {
                if let Some(command) = self.choose(user, action) {
                    self.step(user, Step::Command(command));
                }
            }
            Ev::Background { user } => self.background(user),
            Ev::Foreground { user } => self.foreground(user),
        }
    }

    /// iOS backgrounds a connected user: the pusher steps out (the others hear 1032), the
    /// engine gets 5000, and the app returns within the leave grace or well past it.
    fn background(&mut self, user: usize) {
        let Some(room) = self.trtc.room_of(user) else {
            return;
        };
        let notices = self.trtc.step_out(user);
        self.stats.backgrounds += 1;
        self.notify(notices);
        let away = if self.rng.chance(600) {
            self.rng.range(1_000, 8_000)
        } else {
            self.rng.range(12_000, 60_000)
        };
        self.schedule(self.now + away, Ev::Foreground { user });
        self.trace.note(self.now, || {
            format!(
                "{} goes to the background (iOS): steps out of room {room} for {} ms",
                USERS[user], away
            )
        });
        let suspended = Notice {
            to: user,
            code: 5000,
            about: user,
            flag: true,
        };
        self.step(user, Step::Room(suspended));
    }

    /// Back from an iOS background: the pusher re-enters the room, if the call is still on.
    fn foreground(&mut self, user: usize) {
        let Some(room) = self.trtc.away_room(user) else {
            return; // the call ended (or moved) while away
        };
        let camera = self.nodes[user].snapshot.camera;
        let notices = self.trtc.step_in(user, camera);
        self.stats.returns += 1;
        self.nodes[user].keepalive = self.now; // the engine's guards restart from here
        self.trace.note(self.now, || {
            format!("{} is back (iOS): re-enters room {room}", USERS[user])
        });
        self.notify(notices);
        self.start_ticks(user);
    }

    /// Schedules the first player `netstatus` tick of the user's new pusher session.
    fn start_ticks(&mut self, user: usize) {
        let session = self.trtc.session(user);
        let at = self.now
            + self.rng.range(
                NETSTATUS_PERIOD_MS - NETSTATUS_JITTER_MS,
                NETSTATUS_PERIOD_MS + NETSTATUS_JITTER_MS,
            );
        self.schedule(at, Ev::Tick { user, session });
    }

    // -----------------------------------------------------------------------------------------
    // User actions
    // -----------------------------------------------------------------------------------------

    fn others(&self, user: usize) -> Vec<usize> {
        (0..self.params.users)
            .filter(|&other| other != user)
            .collect()
    }

    fn media(&mut self) -> MediaType {
        if self.rng.chance(500) {
            MediaType::Audio
        } else {
            MediaType::Video
        }
    }

    /// Up to `most` distinct users from `pool`.
    fn some_of(&mut self, pool: &[usize], most: usize) -> Vec<String> {
        let mut pool = pool.to_vec();
        let count = 1 + self.rng.index(most.min(pool.len()).max(1));
        let mut chosen = Vec::new();
        while chosen.len() < count && !pool.is_empty() {
            let index = self.rng.index(pool.len());
            chosen.push(USERS[pool.swap_remove(index)].to_owned());
        }
        chosen
    }

    fn new_call(&mut self, user: usize) -> Command {
        let others = self.others(user);
        let media = Some(self.media());
        let roll = self.rng.below(100);
        let (user_ids, group_id) = if roll < 55 {
            let callee = if self.rng.chance(50) {
                GHOST.to_owned()
            } else {
                USERS[self.rng.pick(&others)].to_owned()
            };
            (vec![callee], None)
        } else if roll < 80 {
            let mut users = self.some_of(&others, 3);
            if users.len() < 2 && others.len() >= 2 {
                users = others
                    .iter()
                    .take(2)
                    .map(|&o| USERS[o].to_owned())
                    .collect();
            }
            if self.rng.chance(80) {
                users.push(GHOST.to_owned());
            }
            (users, None)
        } else {
            let group = self.rng.index(self.params.groups.len());
            let (id, members) = self.params.groups[group].clone();
            let pool: Vec<usize> = members.into_iter().filter(|&m| m != user).collect();
            let users = if pool.is_empty() {
                vec![USERS[self.rng.pick(&others)].to_owned()]
            } else {
                self.some_of(&pool, 3)
            };
            (users, Some(id))
        };
        Command::Call(CallRequest {
            user_ids,
            media,
            group_id,
            ..CallRequest::default()
        })
    }

    fn join(&mut self) -> Option<Command> {
        let live = self.trtc.active_rooms();
        let room = if !live.is_empty() && self.rng.chance(800) {
            self.rng.pick(&live)
        } else {
            let seen: Vec<u32> = self.rooms_seen.keys().copied().collect();
            if seen.is_empty() {
                return None;
            }
            self.rng.pick(&seen)
        };
        let group = self
            .rooms_seen
            .get(&room)
            .cloned()
            .filter(|group| !group.is_empty());
        Some(Command::Join(JoinRequest {
            room_id: room,
            group_id: group,
            media: self.media(),
        }))
    }

    /// Any command at all, often one the engine must refuse.
    fn random_command(&mut self, user: usize) -> Command {
        let others = self.others(user);
        match self.rng.below(11) {
            0 => {
                let user_ids = match self.rng.below(4) {
                    0 => Vec::new(),
                    1 => vec![USERS[user].to_owned()],
                    2 => vec![
                        USERS[self.rng.pick(&others)].to_owned(),
                        USERS[self.rng.pick(&others)].to_owned(),
                    ],
                    _ => self.some_of(&others, 4),
                };
                Command::Call(CallRequest {
                    user_ids,
                    media: Some(self.media()),
                    ..CallRequest::default()
                })
            }
            1 => Command::Accept,
            2 => Command::Reject,
            3 => Command::Hangup,
            4 => {
                let mut users = self.some_of(&others, 2);
                if self.rng.chance(200) {
                    users.push(USERS[user].to_owned());
                }
                Command::InviteUser(users)
            }
            5 => Command::Join(JoinRequest {
                room_id: if self.rng.chance(300) {
                    0
                } else {
                    u32::try_from(self.rng.range(1, 1000)).unwrap_or(1)
                },
                group_id: None,
                media: self.media(),
            }),
            6 => Command::SwitchMedia(self.media()),
            7 => Command::SetMicrophone(self.rng.chance(500)),
            8 => Command::SetCamera(self.rng.chance(500)),
            9 => Command::SetFrontCamera(self.rng.chance(500)),
            _ => Command::SetSpeaker(self.rng.chance(500)),
        }
    }

    fn choose(&mut self, user: usize, action: Action) -> Option<Command> {
        let command = match action {
            Action::Hangup => Command::Hangup,
            Action::Respond => match self.rng.below(100) {
                0..=69 => Command::Accept,
                70..=89 => Command::Reject,
                _ => Command::Hangup,
            },
            Action::Spontaneous if self.rng.chance(self.params.random_command_pm) => {
                self.random_command(user)
            }
            Action::Spontaneous => {
                let (status, role) = (
                    self.nodes[user].snapshot.status,
                    self.nodes[user].snapshot.role,
                );
                match (status, role) {
                    (Status::Idle, _) => {
                        if self.rng.chance(850) {
                            self.new_call(user)
                        } else {
                            self.join()?
                        }
                    }
                    (Status::Calling, Some(Role::Callee)) => match self.rng.below(3) {
                        0 => Command::Accept,
                        1 => Command::Reject,
                        _ => Command::Hangup,
                    },
                    (Status::Calling, Some(Role::Caller) | None) => {
                        if self.rng.chance(600) {
                            Command::Hangup
                        } else {
                            let others = self.others(user);
                            Command::InviteUser(self.some_of(&others, 2))
                        }
                    }
                    (Status::Connected, _) => match self.rng.below(10) {
                        0..=3 => Command::Hangup,
                        4..=5 => Command::SwitchMedia(self.media()),
                        6..=7 => {
                            let others = self.others(user);
                            Command::InviteUser(self.some_of(&others, 2))
                        }
                        _ => Command::SetCamera(self.rng.chance(500)),
                    },
                }
            }
        };
        // Keep scenarios short: at most MAX_CALLS calls or joins.
        let starts = matches!(command, Command::Call(_) | Command::Join(_));
        if starts && self.calls_started >= MAX_CALLS {
            return None;
        }
        Some(command)
    }

    // -----------------------------------------------------------------------------------------
    // One step
    // -----------------------------------------------------------------------------------------

    fn step(&mut self, user: usize, step: Step) {
        self.stats.steps += 1;
        let now = self.now;
        let local = now + self.nodes[user].epoch;
        let before = self.nodes[user].snapshot.clone();
        let mut keepalive = true;
        let mut started_call = false;
        let mut handled_timeout = None;
        let mut contract = None;
        let mut hung_up = false;
        let mut silence = false;
        let what = match step {
            Step::Command(command) => {
                self.stats.commands += 1;
                let result = self.nodes[user]
                    .engine
                    .handle_input(local, Input::Command(command.clone()));
                match &result {
                    Ok(()) => match &command {
                        Command::Call(_) => {
                            started_call = true;
                            self.calls_started += 1;
                            self.stats.calls += 1;
                        }
                        Command::Join(_) => {
                            started_call = true;
                            self.calls_started += 1;
                            self.stats.joins += 1;
                        }
                        Command::Hangup => hung_up = before.status == Status::Connected,
                        Command::Accept
                        | Command::Reject
                        | Command::InviteUser(_)
                        | Command::SwitchMedia(_)
                        | Command::SetMicrophone(_)
                        | Command::SetCamera(_)
                        | Command::SetFrontCamera(_)
                        | Command::SetSpeaker(_) => {}
                    },
                    Err(_) => {
                        keepalive = false;
                        self.stats.refused += 1;
                    }
                }
                What::Command(command, result.err())
            }
            Step::Message {
                message,
                from,
                data,
                dup,
            } => {
                let age_ms = i64::try_from(message.server_now_ms).unwrap_or(0)
                    - i64::try_from(message.server_time_ms).unwrap_or(0);
                if age_ms.unsigned_abs() > 30_000 {
                    self.stats.skewed_invites += 1;
                }
                let conversation = message.conversation;
                if let Err(error) = self.nodes[user]
                    .engine
                    .handle_input(local, Input::Message(message))
                {
                    contract = Some(format!("handle_input(Message) returned {error}"));
                }
                What::Message {
                    from: USERS[from],
                    conversation,
                    data,
                    age_ms,
                    dup,
                }
            }
            Step::SendResult { id, failure } => {
                keepalive = false;
                let result = match failure {
                    None => Ok(()),
                    Some(code) => Err(SendFailure {
                        code,
                        message: "simulated".to_owned(),
                    }),
                };
                if let Err(error) = self.nodes[user]
                    .engine
                    .handle_input(local, Input::SendResult { id, result })
                {
                    contract = Some(format!("handle_input(SendResult) returned {error}"));
                }
                What::SendResult { id, failure }
            }
            Step::Room(notice) => {
                let message = trtc::message(notice.code, USERS[notice.about], notice.flag);
                let event = PusherEvent::StateChange {
                    code: notice.code,
                    message,
                };
                if let Err(error) = self.nodes[user]
                    .engine
                    .handle_input(local, Input::Pusher(event))
                {
                    contract = Some(format!("handle_input(Pusher) returned {error}"));
                }
                What::Room {
                    code: notice.code,
                    about: USERS[notice.about],
                    flag: notice.flag,
                }
            }
            Step::NetStatus(players) => {
                let count = players.len();
                for player_id in players {
                    self.stats.netstatus += 1;
                    let event = PlayerEvent::NetStatus {
                        player_id,
                        quality: Some(2),
                    };
                    if let Err(error) = self.nodes[user]
                        .engine
                        .handle_input(local, Input::Player(event))
                    {
                        contract = Some(format!("handle_input(Player) returned {error}"));
                    }
                }
                What::NetStatus(count)
            }
            Step::Timeout => {
                keepalive = false;
                let reason = before.deadline.map_or("?", |(_, why)| why);
                let index = [
                    "ring timeout",
                    "invite guard",
                    "switch timeout",
                    "empty room",
                    "remote silent",
                    "leave grace",
                ]
                .iter()
                .position(|r| *r == reason);
                silence = reason == "remote silent";
                if let Some(index) = index {
                    self.stats.timeouts[index] += 1;
                }
                self.nodes[user].engine.handle_timeout(local);
                handled_timeout = Some(local);
                What::Timeout(reason)
            }
        };
        if keepalive {
            self.nodes[user].keepalive = now;
        }

        // Drain every output.
        let mut sends = Vec::new();
        let mut events = Vec::new();
        while let Some(output) = self.nodes[user].engine.poll_output() {
            match output {
                Output::Send(message) => sends.push(message),
                Output::Event(event) => events.push(event),
            }
        }
        let sent: Vec<Sent> = sends
            .into_iter()
            .map(|message| self.route(user, message))
            .collect();
        let notices: Vec<Notified> = sent.iter().filter_map(hangup_notice).collect();
        let mut ended = 0;
        let mut rang_while_busy = false;
        for event in &events {
            match event {
                CallEvent::Invited { .. } => {
                    if before.status != Status::Idle && ended == 0 {
                        rang_while_busy = true;
                    }
                    if self.rng.chance(850) {
                        let delay = if self.rng.chance(850) {
                            self.rng.range(500, 25_000)
                        } else {
                            self.rng.range(25_000, 40_000)
                        };
                        self.schedule(
                            now + delay,
                            Ev::Act {
                                user,
                                action: Action::Respond,
                            },
                        );
                    }
                }
                CallEvent::Connected => {
                    self.stats.connected += 1;
                    if self.rng.chance(self.params.ios_background_pm) {
                        let at = now + self.rng.range(1_000, 40_000);
                        self.schedule(at, Ev::Background { user });
                    }
                    if self.params.hangups && self.rng.chance(800) {
                        let at = now + self.rng.range(1_000, 90_000);
                        self.schedule(
                            at,
                            Ev::Act {
                                user,
                                action: Action::Hangup,
                            },
                        );
                    }
                }
                CallEvent::CallEnded { reason, .. } => {
                    ended += 1;
                    self.stats.ended[end_index(*reason)] += 1;
                }
                CallEvent::UserAccepted(_)
                | CallEvent::UserRejected(_)
                | CallEvent::UserBusy(_)
                | CallEvent::UserNoResponse { .. }
                | CallEvent::UserEntered(_)
                | CallEvent::UserLeft(_)
                | CallEvent::MediaChanged(_)
                | CallEvent::Error { .. }
                | CallEvent::Ignored { .. } => {}
            }
        }

        // Re-read the engine, then follow it with the room service.
        let after = self.snapshot(user);
        let idle_now = after.status == Status::Idle;
        if before.status != Status::Idle && idle_now {
            let lag = now - self.nodes[user].keepalive;
            if lag > self.stats.max_idle_lag.0 {
                self.stats.max_idle_lag = (lag, self.seed);
            }
        }
        self.nodes[user].snapshot = after.clone();
        let trtc = self.sync_room(user, &before, &after);

        self.digest = self.digest.rotate_left(7)
            ^ now.wrapping_mul(31).wrapping_add(user as u64)
            ^ ((sent.len() as u64) << 32)
            ^ ((events.len() as u64) << 40)
            ^ u64::from(after.room.unwrap_or_default()).rotate_left(17);
        let entry = Entry {
            step: self.stats.steps,
            at: now,
            user: self.nodes[user].name,
            what,
            sent,
            events,
            status: after.status,
            room: after.room,
            deadline: after
                .deadline
                .map(|(at, why)| (at.saturating_sub(self.nodes[user].epoch), why)),
            trtc,
        };
        self.trace.push(entry);

        if let Some(detail) = contract {
            return self.fail(Invariant::Contract, detail);
        }
        let name = self.nodes[user].name;
        let checks =
            invariants::one_call(name, &before, &after, ended, rang_while_busy, started_call)
                .and_then(|()| invariants::no_stale_timer(name, &after, handled_timeout))
                .and_then(|()| self.check_rooms())
                .and_then(|()| self.check_pairs(user));
        if let Err(Broken { invariant, detail }) = checks {
            return self.fail(invariant, detail);
        }
        if let Err(Broken { invariant, detail }) =
            self.check_notices(user, &before, &after, &notices, hung_up, silence)
        {
            self.fail(invariant, detail);
        }
    }

    fn snapshot(&self, user: usize) -> Snapshot {
        let node = &self.nodes[user];
        let view = node.engine.view();
        let (pusher, camera, url_ok) = match (&view.pusher, view.room_id) {
            (Some(pusher), Some(room)) => {
                let wanted = format!("&roomid={room}&userid={}&", node.name);
                (true, pusher.enable_camera, pusher.url.contains(&wanted))
            }
            (Some(pusher), None) => (true, pusher.enable_camera, false),
            (None, _) => (false, false, true),
        };
        Snapshot {
            status: view.status,
            role: view.role,
            room: view.room_id,
            pusher,
            camera,
            url_ok,
            remotes: view
                .remote_users
                .into_iter()
                .map(|remote| (remote.user_id, remote.state))
                .collect(),
            players: view.players.into_iter().map(|player| player.id).collect(),
            group_id: view.group_id,
            is_group: view.is_group,
            deadline: node.engine.poll_timeout(),
        }
    }

    /// Enters, leaves or updates the user's TRTC room to match its pusher.
    fn sync_room(&mut self, user: usize, before: &Snapshot, after: &Snapshot) -> Option<String> {
        let want = if after.pusher { after.room } else { None };
        let away = self.trtc.away_room(user);
        let have = self.trtc.room_of(user).or(away);
        let mut note = None;
        if away.is_some() && away != want {
            self.trtc.forget_away(user); // the call ended (or moved) while stepped out
            note = Some(format!(
                "{} leaves room {} (while away)",
                USERS[user],
                away.unwrap_or_default()
            ));
        } else if have.is_some() && have != want {
            let reported = !self.rng.chance(self.params.unreported_leave_pm);
            if reported {
                self.stats.leaves_reported += 1;
            } else {
                self.stats.leaves_unreported += 1;
            }
            let notices = self.trtc.leave(user, reported);
            let how = if reported {
                "reported with 1032"
            } else {
                "NEVER reported"
            };
            note = Some(format!(
                "{} leaves room {} ({how})",
                USERS[user],
                have.unwrap_or_default()
            ));
            self.notify(notices);
        }
        match want {
            Some(room) if have != want => {
                self.rooms_seen.insert(room, after.group_id.clone());
                let notices = self.trtc.enter(user, room, after.camera);
                let present = notices
                    .iter()
                    .filter(|notice| notice.code == 1031 && notice.to == user)
                    .count();
                let entered = format!("{} enters room {room} ({present} present)", USERS[user]);
                note = Some(match note {
                    Some(left) => format!("{left}; {entered}"),
                    None => entered,
                });
                self.notify(notices);
                self.start_ticks(user);
            }
            Some(_) if before.camera != after.camera => {
                let notices = self.trtc.set_video(user, after.camera);
                self.notify(notices);
            }
            Some(_) | None => {}
        }
        note
    }

    fn notify(&mut self, notices: Vec<Notice>) {
        for notice in notices {
            let to = notice.to;
            let at = (self.now + self.rng.range(ROOM_DELAY_MS.0, ROOM_DELAY_MS.1))
                .max(self.nodes[to].room_fifo);
            self.nodes[to].room_fifo = at;
            let session = self.trtc.session(to);
            self.schedule(
                at,
                Ev::Room {
                    user: to,
                    session,
                    notice,
                },
            );
        }
    }

    /// The IM hub and the network: who gets the message, when, how often; and the send result.
    fn route(&mut self, from: usize, message: OutgoingMessage) -> Sent {
        self.stats.sent += 1;
        let data: Rc<str> = Rc::from(message.data);
        let users = self.params.users;
        let recipients: Result<Vec<usize>, i32> = match message.conversation {
            Conversation::C2C => match USERS.iter().take(users).position(|u| *u == message.to) {
                Some(to) => Ok(vec![to]),
                None if message.to == GHOST => Ok(Vec::new()),
                None => Err(20_003),
            },
            Conversation::Group => {
                match self.params.groups.iter().find(|(id, _)| *id == message.to) {
                    Some((_, members)) if members.contains(&from) => {
                        Ok(members.iter().copied().filter(|&m| m != from).collect())
                    }
                    Some(_) => Err(10_007),
                    None => Err(10_010),
                }
            }
        };
        let (failure, deliver, fate) =
            match (recipients, self.params.netem.send_fate(&mut self.rng)) {
                (Err(code), _) => (Some(code), Vec::new(), "refused by IM server"),
                (Ok(to), SendFate::Ok) => (None, to, "ok"),
                (Ok(to), SendFate::Failed { delivered: true }) => {
                    (Some(6_014), to, "failed but delivered")
                }
                (Ok(_), SendFate::Failed { delivered: false }) => {
                    (Some(6_014), Vec::new(), "failed")
                }
            };
        if failure.is_some() {
            self.stats.send_failures += 1;
            if !deliver.is_empty() {
                self.stats.ambiguous_failures += 1;
            }
        }
        let result_at = self.now
            + self
                .rng
                .range(SEND_RESULT_DELAY_MS.0, SEND_RESULT_DELAY_MS.1);
        self.schedule(
            result_at,
            Ev::SendResult {
                user: from,
                id: message.id,
                failure,
            },
        );
        let group = match message.conversation {
            Conversation::C2C => String::new(),
            Conversation::Group => message.to.clone(),
        };
        let mut copies = 0;
        if let (Some(_), Conversation::C2C) = (failure, message.conversation) {
            if let Some(to) = USERS.iter().take(users).position(|u| *u == message.to) {
                self.mark_faulty(from, to);
            }
        }
        for to in deliver {
            let (first, second) = self.params.netem.copies(&mut self.rng);
            if first.is_none() {
                self.stats.lost += 1;
                if message.conversation == Conversation::C2C {
                    self.mark_faulty(from, to);
                }
            }
            if second.is_some() {
                self.stats.duplicated += 1;
            }
            for (delay, dup) in [(first, false), (second, true)] {
                let Some(delay) = delay else { continue };
                if delay > 1_000 {
                    self.stats.delayed += 1;
                }
                copies += 1;
                let ev = Ev::Deliver {
                    to,
                    from,
                    conversation: message.conversation,
                    group: group.clone(),
                    data: Rc::clone(&data),
                    sent_at: self.now,
                    dup,
                };
                self.schedule(self.now + delay, ev);
            }
        }
        Sent {
            to: message.to,
            data,
            fate,
            copies,
        }
    }

    // -----------------------------------------------------------------------------------------
    // Invariants across users
    // -----------------------------------------------------------------------------------------

    fn check_rooms(&self) -> Result<(), Broken> {
        for (user, node) in self.nodes.iter().enumerate() {
            let member_of = self.trtc.room_of(user).or(self.trtc.away_room(user));
            invariants::room_matches(node.name, &node.snapshot, member_of)?;
        }
        Ok(())
    }

    fn check_pairs(&self, user: usize) -> Result<(), Broken> {
        let node = &self.nodes[user];
        for (other, peer) in self.nodes.iter().enumerate() {
            if other != user {
                invariants::same_room(node.name, &node.snapshot, peer.name, &peer.snapshot)?;
            }
        }
        Ok(())
    }

    /// Invariant 6 after one step of `user` (see [`invariants`]).
    fn check_notices(
        &mut self,
        user: usize,
        before: &Snapshot,
        after: &Snapshot,
        notices: &[Notified],
        hung_up: bool,
        silence: bool,
    ) -> Result<(), Broken> {
        let name = USERS[user];
        if let (true, true, Some(notice)) = (silence, before.is_group, notices.first()) {
            return invariants::broken(
                Invariant::OneNotice,
                format!(
                    "{name}'s silence guard sent a hang-up notice to {} in a group call",
                    notice.to
                ),
            );
        }
        for notice in notices.iter().filter(|notice| !notice.group) {
            let to = USERS.iter().position(|u| *u == notice.to);
            if let Some(pair) = self.pairs.iter_mut().find(|pair| {
                pair.users.contains(&user) && to.is_some_and(|to| pair.users.contains(&to))
            }) {
                pair.notices += 1;
                let mine = usize::from(pair.users[1] == user);
                pair.crossed |= pair.in_flight[1 - mine] > 0;
                pair.in_flight[mine] += 1;
            }
        }
        for pair in self
            .pairs
            .iter_mut()
            .filter(|pair| pair.users.contains(&user))
        {
            if hung_up {
                pair.hung_up[usize::from(pair.users[1] == user)] = true;
            }
            // An invitation mid-call, or a user who joined the room, makes it a group call.
            pair.group |= after.is_group || after.remotes.len() > 1;
        }
        self.open_pair(user, after);
        self.close_pairs(user)
    }

    /// Starts tracking a 1v1 call once both users know they are connected with each other.
    fn open_pair(&mut self, user: usize, after: &Snapshot) {
        let (Some(room), [(peer_name, _)]) = (after.room, after.remotes.as_slice()) else {
            return;
        };
        let Some(peer) = USERS
            .iter()
            .take(self.params.users)
            .position(|u| u == peer_name)
        else {
            return;
        };
        let theirs = &self.nodes[peer].snapshot;
        let both = after.connected_with(peer_name)
            && theirs.connected_with(USERS[user])
            && theirs.room == Some(room)
            && !after.is_group
            && !theirs.is_group;
        let known = self.pairs.iter().any(|pair| {
            pair.room == room && pair.users.contains(&user) && pair.users.contains(&peer)
        });
        if both && !known {
            self.pairs.push(CallPair {
                users: [user, peer],
                room,
                notices: 0,
                hung_up: [false; 2],
                faulty: false,
                in_flight: [0; 2],
                crossed: false,
                group: false,
            });
        }
    }

    /// Ends the tracking of `user`'s 1v1 calls both users have left, and checks their notices.
    fn close_pairs(&mut self, user: usize) -> Result<(), Broken> {
        let mut result = Ok(());
        let nodes = &self.nodes;
        let stats = &mut self.stats;
        self.pairs.retain(|pair| {
            let open = pair.users.contains(&user)
                && pair
                    .users
                    .iter()
                    .any(|&u| nodes[u].snapshot.room == Some(pair.room));
            if open || !pair.users.contains(&user) {
                return true;
            }
            if pair.group || pair.faulty {
                return false;
            }
            stats.calls_checked += 1;
            stats.one_notice += u64::from(pair.notices == 1);
            let (a, b) = (USERS[pair.users[0]], USERS[pair.users[1]]);
            // One notice per call end; when both hung up, each may have told the other (two
            // of ours), or neither (each while the other looked present, by Tencent's rule);
            // two also when one was sent while the other's was on its way (they crossed: a
            // hang-up just as the other side's leave grace ran out).
            let both_hung_up = pair.hung_up[0] && pair.hung_up[1];
            let most = if both_hung_up || pair.crossed { 2 } else { 1 };
            let least = u32::from(!both_hung_up);
            let wrong = pair.notices > most || pair.notices < least;
            if wrong {
                result = invariants::broken(
                    Invariant::OneNotice,
                    format!(
                        "{a} and {b} sent {} hang-up notices for one end of their call in room {} (hung up: {a} {}, {b} {})",
                        pair.notices, pair.room, pair.hung_up[0], pair.hung_up[1]
                    ),
                );
            }
            false
        });
        result
    }

    /// A message between the two users of a tracked 1v1 call was lost or failed to send.
    fn mark_faulty(&mut self, from: usize, to: usize) {
        for pair in self
            .pairs
            .iter_mut()
            .filter(|pair| pair.users.contains(&from) && pair.users.contains(&to))
        {
            pair.faulty = true;
        }
    }

    /// A hang-up notice from `from` reached `to` (its first copy).
    fn notice_landed(&mut self, from: usize, to: usize) {
        for pair in self
            .pairs
            .iter_mut()
            .filter(|pair| pair.users.contains(&from) && pair.users.contains(&to))
        {
            let theirs = usize::from(pair.users[1] == from);
            pair.in_flight[theirs] = pair.in_flight[theirs].saturating_sub(1);
        }
    }

    fn fail(&mut self, invariant: Invariant, detail: String) {
        if self.violation.is_some() {
            return;
        }
        if self.trace.printing() {
            println!("!! VIOLATION of invariant {}: {detail}", invariant.name());
        }
        self.violation = Some(Violation {
            seed: self.seed,
            invariant,
            detail,
            at: self.now,
            steps: self.stats.steps,
            setup: self.setup(),
            trace: self.trace.dump(),
        });
    }
}

/// A hang-up notice one step sent: to whom, and whether to an IM group.
struct Notified {
    to: String,
    group: bool,
}

/// The hang-up notice in `message`, if it is one.
fn hangup_notice(message: &Sent) -> Option<Notified> {
    let signal = decode(&message.data).ok()?;
    let is_notice = signal.action == protocol::Action::Invite
        && matches!(signal.invite_kind(), Some(InviteKind::Hangup { .. }));
    is_notice.then(|| Notified {
        to: message.to.clone(),
        group: !signal.group_id.is_empty(),
    })
}

fn end_index(reason: EndReason) -> usize {
    match reason {
        EndReason::Hangup => 0,
        EndReason::Reject => 1,
        EndReason::NoResponse => 2,
        EndReason::Offline => 3,
        EndReason::LineBusy => 4,
        EndReason::Canceled => 5,
        EndReason::KickedOut => 6,
        EndReason::Error => 7,
    }
}
