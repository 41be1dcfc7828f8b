//! A faithful simulated TRTC room service (platform.md §D.4, spec §5.4).
//!
//! Membership follows the engines: a user whose `view().pusher` is `Some` has a mounted
//! `<live-pusher>` with a `room://` URL and is in `view().room_id`; a user whose pusher is gone
//! has left. The service reports what a real pusher reports:
//! - to the newcomer: 1018, then for each member already present 1031, 1033 (if they push
//!   video) and 1034, each entry with a `playurl`;
//! - to each member already present: 1031, 1033 (video) and 1034 about the newcomer;
//! - on a leave: 1032 to the members still present, unless the leave is "never reported"
//!   (a fault the world draws per leave);
//! - when a member's camera turns on or off (media switch): 1033 with the new `hasvideo`;
//! - an iOS background ([`RoomService::step_out`]): the pusher leaves (1032 to the others) while
//!   the call goes on, and re-enters on resume ([`RoomService::step_in`]) like a new entry.
//!
//! Each enter starts a new pusher *session*: events still in flight for an older session (the
//! previous `<live-pusher>` element) are dropped on arrival, as a re-mounted element never
//! receives its predecessor's events.

use std::collections::BTreeMap;

/// One room event to report to a member's pusher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notice {
    /// The receiving user.
    pub to: usize,
    /// The `statechange` code.
    pub code: i32,
    /// The user the event is about (the receiver itself for 1018).
    pub about: usize,
    /// `hasvideo` for 1033, `hasaudio` for 1034.
    pub flag: bool,
}

/// Rooms and who is in them.
#[derive(Debug, Clone)]
pub struct RoomService {
    rooms: BTreeMap<u32, Vec<usize>>,
    at: Vec<Option<u32>>,
    session: Vec<u64>,
    video: Vec<bool>,
    /// The room a user stepped out of (an iOS background) and will re-enter on resume.
    away: Vec<Option<u32>>,
}

impl RoomService {
    /// No rooms, `users` users.
    pub fn new(users: usize) -> Self {
        Self {
            rooms: BTreeMap::new(),
            at: vec![None; users],
            session: vec![0; users],
            video: vec![false; users],
            away: vec![None; users],
        }
    }

    /// The room `user` is in.
    pub fn room_of(&self, user: usize) -> Option<u32> {
        self.at[user]
    }

    /// The user's current pusher session (bumped on every enter).
    pub fn session(&self, user: usize) -> u64 {
        self.session[user]
    }

    /// Whether `user` is in `room` right now.
    pub fn is_member(&self, user: usize, room: u32) -> bool {
        self.at[user] == Some(room)
    }

    /// The room `user` stepped out of and has not re-entered yet.
    pub fn away_room(&self, user: usize) -> Option<u32> {
        self.away[user]
    }

    /// iOS backgrounds the mini-program: its pusher leaves the room (reported) while the call
    /// goes on. Returns the events to report.
    pub fn step_out(&mut self, user: usize) -> Vec<Notice> {
        let room = self.at[user];
        let notices = self.leave(user, true);
        self.away[user] = room;
        notices
    }

    /// Back from the background: re-enters the room it stepped out of (a new pusher session),
    /// pushing video or not.
    pub fn step_in(&mut self, user: usize, video: bool) -> Vec<Notice> {
        match self.away[user].take() {
            Some(room) => self.enter(user, room, video),
            None => Vec::new(),
        }
    }

    /// Forgets a room stepped out of (the call ended while away).
    pub fn forget_away(&mut self, user: usize) {
        self.away[user] = None;
    }

    /// Rooms with somebody in them, ascending.
    pub fn active_rooms(&self) -> Vec<u32> {
        self.rooms.keys().copied().collect()
    }

    /// `user` enters `room` pushing video or not. Returns the events to report, in order.
    pub fn enter(&mut self, user: usize, room: u32, video: bool) -> Vec<Notice> {
        debug_assert!(self.at[user].is_none(), "leave before entering");
        self.away[user] = None;
        self.at[user] = Some(room);
        self.session[user] += 1;
        self.video[user] = video;
        let members = self.rooms.entry(room).or_default();
        let mut notices = vec![Notice {
            to: user,
            code: 1018,
            about: user,
            flag: true,
        }];
        for &member in members.iter() {
            notices.push(Notice {
                to: user,
                code: 1031,
                about: member,
                flag: true,
            });
            if self.video[member] {
                notices.push(Notice {
                    to: user,
                    code: 1033,
                    about: member,
                    flag: true,
                });
            }
            notices.push(Notice {
                to: user,
                code: 1034,
                about: member,
                flag: true,
            });
        }
        for &member in members.iter() {
            notices.push(Notice {
                to: member,
                code: 1031,
                about: user,
                flag: true,
            });
            if video {
                notices.push(Notice {
                    to: member,
                    code: 1033,
                    about: user,
                    flag: true,
                });
            }
            notices.push(Notice {
                to: member,
                code: 1034,
                about: user,
                flag: true,
            });
        }
        members.push(user);
        notices
    }

    /// `user` leaves its room; the others hear 1032 only when the leave is `reported`.
    pub fn leave(&mut self, user: usize, reported: bool) -> Vec<Notice> {
        let Some(room) = self.at[user].take() else {
            return Vec::new();
        };
        let mut notices = Vec::new();
        if let Some(members) = self.rooms.get_mut(&room) {
            members.retain(|&member| member != user);
            if reported {
                notices.extend(members.iter().map(|&member| Notice {
                    to: member,
                    code: 1032,
                    about: user,
                    flag: false,
                }));
            }
            if members.is_empty() {
                self.rooms.remove(&room);
            }
        }
        notices
    }

    /// `user`'s camera turned on or off: 1033 to the others when it changed.
    pub fn set_video(&mut self, user: usize, video: bool) -> Vec<Notice> {
        let Some(room) = self.at[user] else {
            return Vec::new();
        };
        if self.video[user] == video {
            return Vec::new();
        }
        self.video[user] = video;
        self.rooms
            .get(&room)
            .map(|members| {
                members
                    .iter()
                    .filter(|&&member| member != user)
                    .map(|&member| Notice {
                        to: member,
                        code: 1033,
                        about: user,
                        flag: video,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The `e.detail.message` JSON string of a notice about `user`.
pub fn message(code: i32, user: &str, flag: bool) -> String {
    let play_url = format!("room://cloud.tencent.com/rtc?userid={user}&streamtype=main");
    match code {
        1018 => "{\"message\":\"enter room success\"}".to_owned(),
        1033 => format!(
            r#"{{"userlist":[{{"userid":"{user}","playurl":"{play_url}","streamtype":"main","hasvideo":{flag}}}]}}"#
        ),
        1034 => format!(
            r#"{{"userlist":[{{"userid":"{user}","playurl":"{play_url}","hasaudio":{flag}}}]}}"#
        ),
        _ => format!(r#"{{"userlist":[{{"userid":"{user}"}}]}}"#),
    }
}
