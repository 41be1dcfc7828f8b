//! TRTC room bookkeeping for one call (spec §5): the `room://` push URL, the `<live-pusher>`
//! attributes, and what the pusher's `statechange`/`error` events mean: who is in the room and
//! which `<live-player>`s to render.
//!
//! Everything is driven by the codes the WeChat pusher reports (`e.detail.code`) and the JSON
//! *string* it attaches (`e.detail.message`, with a `userlist` for 1020 and 1031–1034). Messages
//! are parsed leniently and within bounds; a message that cannot be used is ignored, and unknown
//! codes are only informational. Nothing here panics, reads a clock or does I/O.
//!
//! Cost per event is O(k log n) for a message naming k users in a room of n (1020, the full
//! member list, is O(n log n)); the player list is only materialized by [`Room::players`].

use super::sorted::{SortedMap, SortedSet};
use crate::json::write::uint_to_string;
use std::fmt;

use crate::json::{self, Value};

use crate::protocol::{MediaType, MAX_USER_ID_BYTES};
use crate::usersig::MAX_USERSIG_CHARS;

/// Largest `statechange` message parsed for a user list, in bytes; longer ones are ignored.
pub const MAX_STATE_MESSAGE_BYTES: usize = 64 * 1024;
/// Most `userlist` entries accepted in one message; a longer list is ignored as a whole (so a
/// truncated 1020 member list never makes present users "leave").
pub const MAX_ROOM_USER_LIST: usize = 1000;
/// Longest message kept in [`RoomEvent::EnterFailed`] / [`RoomEvent::Error`], in bytes (cut at
/// a character boundary).
pub const MAX_EVENT_MESSAGE_BYTES: usize = 1024;
/// Deepest JSON nesting accepted in a message (the real shape nests 3 deep).
const MAX_MESSAGE_DEPTH: usize = 16;

/// The `<live-pusher>` state codes this module gives a meaning to (platform §D.4).
pub mod code {
    /// The local user entered the room.
    pub const LOCAL_ENTERED: i32 = 1018;
    /// The local user left the room.
    pub const LOCAL_LEFT: i32 = 1019;
    /// The full remote member list (excluding self).
    pub const MEMBER_LIST: i32 = 1020;
    /// The network changed; the room must be re-entered.
    pub const NEED_REENTER: i32 = 1021;
    /// Entering the room failed.
    pub const ENTER_FAILED: i32 = 1022;
    /// Remote user(s) entered.
    pub const REMOTE_ENTERED: i32 = 1031;
    /// Remote user(s) left.
    pub const REMOTE_LEFT: i32 = 1032;
    /// A remote video stream changed.
    pub const REMOTE_VIDEO: i32 = 1033;
    /// A remote audio stream changed (always the main stream).
    pub const REMOTE_AUDIO: i32 = 1034;
    /// The mini-program was suspended (iOS capsule / background).
    pub const SUSPENDED: i32 = 5000;
    /// The floating window was closed (Android).
    pub const FLOATING_WINDOW_CLOSED: i32 = 5001;
    /// Push connection lost after retries (also: no TRTC package, or a missing privateMapKey).
    pub const PUSH_DISCONNECTED: i32 = -1307;
    /// TRTC room entry failed.
    pub const TRTC_ENTER_FAILED: i32 = -3301;
    /// The privilege bits (privateMapKey) check failed.
    pub const PRIVILEGE_CHECK_FAILED: i32 = -100006;
    /// The TRTC service is suspended (arrears).
    pub const SERVICE_SUSPENDED: i32 = -100013;
    /// The SDKAppID is invalid.
    pub const BAD_SDK_APP_ID: i32 = -100015;
    /// The UserSig check failed.
    pub const USER_SIG_CHECK_FAILED: i32 = -100018;
    /// `binderror`: camera permission denied.
    pub const CAMERA_DENIED: i32 = 10001;
    /// `binderror`: microphone permission denied.
    pub const MIC_DENIED: i32 = 10002;
}

/// Which stream of a remote user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StreamType {
    /// The camera stream (wire "main"; the low-quality "small" stream maps here too).
    Main,
    /// The sub-stream, e.g. screen sharing (wire "aux").
    Aux,
}

impl StreamType {
    /// The wire name: "main" or "aux".
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Main => "main",
            Self::Aux => "aux",
        }
    }

    /// The stream type for a wire `streamtype` (ASCII case-insensitive): "main", "small" and
    /// "big" are [`Main`](Self::Main), "aux" and "sub" are [`Aux`](Self::Aux).
    pub fn from_wire(text: &str) -> Option<Self> {
        const MAIN: [&str; 3] = ["main", "small", "big"];
        const AUX: [&str; 2] = ["aux", "sub"];
        if MAIN.iter().any(|name| name.eq_ignore_ascii_case(text)) {
            Some(Self::Main)
        } else if AUX.iter().any(|name| name.eq_ignore_ascii_case(text)) {
            Some(Self::Aux)
        } else {
            None
        }
    }

    /// The `<live-player>` `object-fit`: "fillCrop" for main, "contain" for aux.
    pub fn object_fit(self) -> &'static str {
        match self {
            Self::Main => "fillCrop",
            Self::Aux => "contain",
        }
    }
}

/// One `<live-player>`: per userID + stream type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Player {
    /// `"<userID>_<main|aux>"`, the player's `id` and `data-streamid`.
    pub id: String,
    /// The remote user.
    pub user_id: String,
    /// Which of the user's streams.
    pub stream_type: StreamType,
    /// The `playurl` from the pusher event (empty until one arrived).
    pub src: String,
    /// `mute-video`: true unless the stream currently has video.
    pub mute_video: bool,
    /// `mute-audio`: true unless the stream currently has audio.
    pub mute_audio: bool,
    /// `object-fit`: "fillCrop" (main) or "contain" (aux).
    pub object_fit: &'static str,
}

/// What a pusher `statechange` (or `error`) means for the call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomEvent {
    /// 1018: the local user entered the room.
    LocalEntered,
    /// 1019: the local user left the room (normal exit or kicked out). Remote bookkeeping is
    /// kept; call [`Room::clear`] when the call is over.
    LocalLeft,
    /// Remote users that were not present and now are, in message order: from 1031, or first
    /// seen in 1020/1033/1034.
    RemoteEntered(Vec<String>),
    /// Remote users that were present and are gone (1032, or missing from a 1020 member
    /// list). Their players are removed too; no separate [`StreamsChanged`](Self::StreamsChanged)
    /// follows.
    RemoteLeft(Vec<String>),
    /// 1033/1034 changed what [`Room::players`] returns: a player appeared or went away, or a
    /// mute flag or `src` changed.
    StreamsChanged,
    /// 1021: the network changed and the room must be re-entered.
    NeedReenter,
    /// Entering the room failed: 1022, -3301, -100006 (privateMapKey), -100013 (arrears),
    /// -100015 (SDKAppID), -100018 (UserSig).
    EnterFailed {
        /// The pusher code.
        code: i32,
        /// The pusher's message, at most [`MAX_EVENT_MESSAGE_BYTES`].
        message: String,
    },
    /// 5000: the mini-program was suspended (the SDK leaves and re-enters on resume).
    Suspended,
    /// 5001: the floating window was closed (re-enter on `onShow`).
    FloatingWindowClosed,
    /// A device, encoder or network failure (-1301 … -1313, e.g. -1307 push disconnected),
    /// or any pusher `binderror` (10001 camera denied, 10002 mic denied, …).
    Error {
        /// The pusher code.
        code: i32,
        /// The pusher's message, at most [`MAX_EVENT_MESSAGE_BYTES`].
        message: String,
    },
    /// Any other code (0, 1001–1008, 1101…, 2003, undocumented newer codes): log only.
    Info {
        /// The pusher code.
        code: i32,
    },
}

/// Which flag a stream event carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Media {
    /// 1033: `hasvideo`, main or aux.
    Video,
    /// 1034: `hasaudio`, always main.
    Audio,
}

/// What is known about one stream of a remote user. A player exists while either flag is on;
/// `src` survives a stream going away so that it comes back with its last play URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct StreamState {
    src: String,
    video: bool,
    audio: bool,
}

impl StreamState {
    fn is_live(&self) -> bool {
        self.video || self.audio
    }
}

/// A remote user in the room and their two streams.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Member {
    main: StreamState,
    aux: StreamState,
}

impl Member {
    fn stream_mut(&mut self, stream_type: StreamType) -> &mut StreamState {
        match stream_type {
            StreamType::Main => &mut self.main,
            StreamType::Aux => &mut self.aux,
        }
    }
}

/// Room bookkeeping for one call: who is in the TRTC room and which players to render.
#[derive(Debug, Clone, Default)]
pub struct Room {
    local_entered: bool,
    members: SortedMap<String, Member>,
}

impl Room {
    /// An empty room: not entered, nobody present.
    pub fn new() -> Self {
        Self::default()
    }

    /// Handles `<live-pusher>` `bindstatechange` `{code, message}` (message is a JSON string
    /// with `userlist` for 1020/1031-1034). Returns what happened, in order; an empty list when
    /// the event changed nothing (e.g. 1031 for users already present, or an unusable message).
    pub fn handle_pusher_state(&mut self, code: i32, message: &str) -> Vec<RoomEvent> {
        match code {
            code::LOCAL_ENTERED => {
                self.local_entered = true;
                vec![RoomEvent::LocalEntered]
            }
            code::LOCAL_LEFT => {
                self.local_entered = false;
                vec![RoomEvent::LocalLeft]
            }
            code::MEMBER_LIST => self.on_member_list(message),
            code::NEED_REENTER => vec![RoomEvent::NeedReenter],
            code::ENTER_FAILED
            | code::TRTC_ENTER_FAILED
            | code::PRIVILEGE_CHECK_FAILED
            | code::SERVICE_SUSPENDED
            | code::BAD_SDK_APP_ID
            | code::USER_SIG_CHECK_FAILED => vec![RoomEvent::EnterFailed {
                code,
                message: bounded_message(message),
            }],
            code::REMOTE_ENTERED => self.on_entered(message),
            code::REMOTE_LEFT => self.on_left(message),
            code::REMOTE_VIDEO => self.on_stream(message, Media::Video),
            code::REMOTE_AUDIO => self.on_stream(message, Media::Audio),
            code::SUSPENDED => vec![RoomEvent::Suspended],
            code::FLOATING_WINDOW_CLOSED => vec![RoomEvent::FloatingWindowClosed],
            -1313..=-1301 => vec![RoomEvent::Error {
                code,
                message: bounded_message(message),
            }],
            _ => vec![RoomEvent::Info { code }],
        }
    }

    /// Handles `<live-pusher>` `binderror` `{errCode, errMsg}` (10001 camera denied, 10002 mic
    /// denied, 10003 BGM, 10004 waiting image, …) → [`RoomEvent::Error`].
    pub fn handle_pusher_error(&mut self, code: i32, message: &str) -> RoomEvent {
        RoomEvent::Error {
            code,
            message: bounded_message(message),
        }
    }

    /// A remote user seen in the room right now (entered and not left).
    pub fn is_present(&self, user_id: &str) -> bool {
        self.members.contains_key(user_id)
    }

    /// Users present, sorted.
    pub fn present_users(&self) -> Vec<String> {
        self.members.keys().cloned().collect()
    }

    /// How many remote users are present.
    pub fn present_count(&self) -> usize {
        self.members.len()
    }

    /// Whether the local pusher has entered (1018 seen, no 1019 since).
    pub fn local_entered(&self) -> bool {
        self.local_entered
    }

    /// The players to render, ordered by user id then Main before Aux.
    pub fn players(&self) -> Vec<Player> {
        let mut players = Vec::new();
        for (user_id, member) in self.members.iter() {
            for (stream_type, stream) in [
                (StreamType::Main, &member.main),
                (StreamType::Aux, &member.aux),
            ] {
                if let Some(player) = make_player(user_id, stream_type, stream) {
                    players.push(player);
                }
            }
        }
        players
    }

    /// The player of one stream, if it is live.
    pub fn player(&self, user_id: &str, stream_type: StreamType) -> Option<Player> {
        let member = self.members.get(user_id)?;
        let stream = match stream_type {
            StreamType::Main => &member.main,
            StreamType::Aux => &member.aux,
        };
        make_player(user_id, stream_type, stream)
    }

    /// Forget everything (leaving the room).
    pub fn clear(&mut self) {
        self.local_entered = false;
        self.members.clear();
    }

    /// Marks a user as gone without a 1032 (e.g. a hang-up notice arrived); removes their
    /// players. Returns true if they were present.
    pub fn remove_user(&mut self, user_id: &str) -> bool {
        self.members.remove(user_id).is_some()
    }

    /// Adds a user if absent; true when they are new.
    fn admit(&mut self, user_id: &str) -> bool {
        if self.members.contains_key(user_id) {
            return false;
        }
        self.members.insert(user_id.to_owned(), Member::default());
        true
    }

    /// 1031: users not present yet enter.
    fn on_entered(&mut self, message: &str) -> Vec<RoomEvent> {
        let Some(list) = user_list(message) else {
            return Vec::new();
        };
        let mut entered = Vec::new();
        for user_id in list.iter().filter_map(entry_user_id) {
            if self.admit(user_id) {
                entered.push(user_id.to_owned());
            }
        }
        events(entered, Vec::new(), false)
    }

    /// 1032: users present leave, with their players.
    fn on_left(&mut self, message: &str) -> Vec<RoomEvent> {
        let Some(list) = user_list(message) else {
            return Vec::new();
        };
        let mut left = Vec::new();
        for user_id in list.iter().filter_map(entry_user_id) {
            if self.members.remove(user_id).is_some() {
                left.push(user_id.to_owned());
            }
        }
        events(Vec::new(), left, false)
    }

    /// 1020: the full member list. Unusable messages change nothing.
    fn on_member_list(&mut self, message: &str) -> Vec<RoomEvent> {
        let Some(list) = user_list(message) else {
            return Vec::new();
        };
        let listed: SortedSet<&str> = list.iter().filter_map(entry_user_id).collect();
        let mut entered = Vec::new();
        for user_id in list.iter().filter_map(entry_user_id) {
            if self.admit(user_id) {
                entered.push(user_id.to_owned());
            }
        }
        let left: Vec<String> = self
            .members
            .keys()
            .filter(|user_id| !listed.contains(user_id.as_str()))
            .cloned()
            .collect();
        for user_id in &left {
            self.members.remove(user_id);
        }
        events(entered, left, false)
    }

    /// 1033 / 1034: create, update or remove streams.
    fn on_stream(&mut self, message: &str, media: Media) -> Vec<RoomEvent> {
        let Some(list) = user_list(message) else {
            return Vec::new();
        };
        let mut entered = Vec::new();
        let mut changed = false;
        for entry in &list {
            let Some(user_id) = entry_user_id(entry) else {
                continue;
            };
            if self.admit(user_id) {
                entered.push(user_id.to_owned());
            }
            let Some(update) = StreamUpdate::read(entry, media) else {
                continue;
            };
            if let Some(member) = self.members.get_mut(user_id) {
                changed |= update.apply(member.stream_mut(update.stream_type), media);
            }
        }
        events(entered, Vec::new(), changed)
    }
}

/// The events for one message, in order: entered, left, streams changed.
fn events(entered: Vec<String>, left: Vec<String>, changed: bool) -> Vec<RoomEvent> {
    let mut out = Vec::new();
    if !entered.is_empty() {
        out.push(RoomEvent::RemoteEntered(entered));
    }
    if !left.is_empty() {
        out.push(RoomEvent::RemoteLeft(left));
    }
    if changed {
        out.push(RoomEvent::StreamsChanged);
    }
    out
}

fn make_player(user_id: &str, stream_type: StreamType, stream: &StreamState) -> Option<Player> {
    if !stream.is_live() {
        return None;
    }
    Some(Player {
        id: [user_id, "_", stream_type.as_str()].concat(),
        user_id: user_id.to_owned(),
        stream_type,
        src: stream.src.clone(),
        mute_video: !stream.video,
        mute_audio: !stream.audio,
        object_fit: stream_type.object_fit(),
    })
}

/// One usable 1033/1034 entry.
struct StreamUpdate<'a> {
    stream_type: StreamType,
    on: bool,
    play_url: Option<&'a str>,
}

impl<'a> StreamUpdate<'a> {
    /// Reads the stream type, the flag and the play URL; `None` when the stream type is
    /// unknown or the flag is missing or unreadable.
    fn read(entry: &'a Value<'_>, media: Media) -> Option<Self> {
        let (stream_type, flag_key) = match media {
            Media::Audio => (StreamType::Main, "hasaudio"),
            Media::Video => {
                let stream_type = match entry.get("streamtype") {
                    None | Some(Value::Null) => StreamType::Main,
                    Some(Value::String(text)) => StreamType::from_wire(text)?,
                    Some(
                        Value::Bool(_) | Value::Number(_) | Value::Array(_) | Value::Object(_),
                    ) => return None,
                };
                (stream_type, "hasvideo")
            }
        };
        let on = entry.get(flag_key).and_then(flag)?;
        let play_url = entry
            .get("playurl")
            .and_then(Value::as_str)
            .filter(|url| !url.is_empty());
        Some(Self {
            stream_type,
            on,
            play_url,
        })
    }

    /// Applies the update; true when the stream's player appeared, went away or changed.
    fn apply(&self, stream: &mut StreamState, media: Media) -> bool {
        let was_live = stream.is_live();
        let slot = match media {
            Media::Video => &mut stream.video,
            Media::Audio => &mut stream.audio,
        };
        let mut differs = *slot != self.on;
        *slot = self.on;
        if let Some(url) = self.play_url {
            if stream.src != url {
                url.clone_into(&mut stream.src);
                differs = true;
            }
        }
        differs && (was_live || stream.is_live())
    }
}

/// `hasvideo` / `hasaudio`: a boolean, 0/1, or "true"/"false"/"1"/"0".
fn flag(value: &Value<'_>) -> Option<bool> {
    match value {
        Value::Bool(on) => Some(*on),
        Value::Number(number) => number.as_bit(),
        Value::String(text) => {
            let text = text.trim();
            if text == "1" || text.eq_ignore_ascii_case("true") {
                Some(true)
            } else if text == "0" || text.eq_ignore_ascii_case("false") {
                Some(false)
            } else {
                None
            }
        }
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// The `userid` of an entry: a non-empty string of at most [`MAX_USER_ID_BYTES`].
fn entry_user_id<'v>(entry: &'v Value<'_>) -> Option<&'v str> {
    entry
        .get("userid")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty() && id.len() <= MAX_USER_ID_BYTES)
}

/// The `userlist` array of a message; `None` when the message is too big, too deep, not JSON,
/// not an object, has no `userlist` array, or the list is too long.
fn user_list(message: &str) -> Option<Vec<Value<'_>>> {
    if message.len() > MAX_STATE_MESSAGE_BYTES {
        return None;
    }
    let Ok(Value::Object(members)) = json::parse(message, MAX_MESSAGE_DEPTH) else {
        return None;
    };
    match members.into_iter().rev().find(|(key, _)| key == "userlist") {
        Some((_, Value::Array(list))) if list.len() <= MAX_ROOM_USER_LIST => Some(list),
        Some(_) | None => None,
    }
}

/// `text` cut to at most [`MAX_EVENT_MESSAGE_BYTES`] at a character boundary.
fn bounded_message(text: &str) -> String {
    let mut end = text.len().min(MAX_EVENT_MESSAGE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default().to_owned()
}

/// Inputs to the TRTC push URL (spec §5.1).
#[derive(Clone, Copy)]
pub struct PushUrlParams<'a> {
    /// The TRTC SDKAppID (required, non-zero).
    pub sdk_app_id: u32,
    /// The numeric room id (1 ..= u32::MAX).
    pub room_id: u32,
    /// The local user id: ASCII, no `&=?#%`, whitespace or control characters, at most
    /// [`MAX_USER_ID_BYTES`].
    pub user_id: &'a str,
    /// The UserSig (alphabet `A-Za-z0-9*-_`).
    pub user_sig: &'a str,
    /// The PrivateMapKey, if room entry is restricted (same alphabet; empty means none).
    pub private_map_key: Option<&'a str>,
}

impl fmt::Debug for PushUrlParams<'_> {
    /// Redacts the credentials.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PushUrlParams")
            .field("sdk_app_id", &self.sdk_app_id)
            .field("room_id", &self.room_id)
            .field("user_id", &self.user_id)
            .field("user_sig", &"<redacted>")
            .field(
                "private_map_key",
                &self.private_map_key.map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// Why a push URL cannot be built (trtc-wx's "进房参数错误" cases).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushUrlError {
    /// The SDKAppID is 0.
    MissingSdkAppId,
    /// The room id is 0.
    InvalidRoomId,
    /// The user id is empty, too long, or has characters that would break the URL.
    InvalidUserId,
    /// The UserSig is empty.
    MissingUserSig,
    /// The UserSig is too long or has characters outside `A-Za-z0-9*-_`.
    InvalidUserSig,
    /// The PrivateMapKey is too long or has characters outside `A-Za-z0-9*-_`.
    InvalidPrivateMapKey,
}

impl fmt::Display for PushUrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::MissingSdkAppId => "room-entry parameters invalid: missing SDKAppID",
            Self::InvalidRoomId => "room-entry parameters invalid: room id must be 1..=4294967295",
            Self::InvalidUserId => "room-entry parameters invalid: bad user id",
            Self::MissingUserSig => "room-entry parameters invalid: missing UserSig",
            Self::InvalidUserSig => "room-entry parameters invalid: bad UserSig",
            Self::InvalidPrivateMapKey => "room-entry parameters invalid: bad PrivateMapKey",
        })
    }
}

impl std::error::Error for PushUrlError {}

/// Whether a user id can go unescaped into the push URL.
fn url_safe_user_id(user_id: &str) -> bool {
    !user_id.is_empty()
        && user_id.len() <= MAX_USER_ID_BYTES
        && user_id.bytes().all(|byte| {
            byte.is_ascii_graphic() && !matches!(byte, b'&' | b'=' | b'?' | b'#' | b'%')
        })
}

/// Whether `text` is in Tencent's URL-safe base64 alphabet and not too long.
fn sig_alphabet(text: &str) -> bool {
    text.len() <= MAX_USERSIG_CHARS
        && text
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'*' | b'-' | b'_'))
}

/// `room://cloud.tencent.com/rtc?sdkappid=..&roomid=..&userid=..&usersig=..&appscene=videocall&encsmall=0&cloudenv=PRO&enableBlackStream=&streamid=&userdefinerecordid=&privatemapkey=<pmk or empty>&pureaudiomode=&recvmode=1`
/// exactly in that parameter order (spec §5.1). Values are not URL-encoded, so a user id with
/// any of `&=?#%`, whitespace, control or non-ASCII (e.g. Chinese) characters is rejected, and
/// so is a UserSig/PrivateMapKey outside the alphabet `A-Za-z0-9*-_`. Room 0 is invalid.
pub fn push_url(params: &PushUrlParams<'_>) -> Result<String, PushUrlError> {
    if params.sdk_app_id == 0 {
        return Err(PushUrlError::MissingSdkAppId);
    }
    if params.room_id == 0 {
        return Err(PushUrlError::InvalidRoomId);
    }
    if !url_safe_user_id(params.user_id) {
        return Err(PushUrlError::InvalidUserId);
    }
    if params.user_sig.is_empty() {
        return Err(PushUrlError::MissingUserSig);
    }
    if !sig_alphabet(params.user_sig) {
        return Err(PushUrlError::InvalidUserSig);
    }
    let private_map_key = params.private_map_key.unwrap_or_default();
    if !sig_alphabet(private_map_key) {
        return Err(PushUrlError::InvalidPrivateMapKey);
    }
    Ok([
        "room://cloud.tencent.com/rtc?sdkappid=",
        &uint_to_string(u64::from(params.sdk_app_id)),
        "&roomid=",
        &uint_to_string(u64::from(params.room_id)),
        "&userid=",
        params.user_id,
        "&usersig=",
        params.user_sig,
        "&appscene=videocall&encsmall=0&cloudenv=PRO&enableBlackStream=&streamid=\
         &userdefinerecordid=&privatemapkey=",
        private_map_key,
        "&pureaudiomode=&recvmode=1",
    ]
    .concat())
}

/// The `<live-pusher>` attributes of the connected screen (spec §5.2), as the component binds
/// them. Attributes the component binds to literals only (auto-focus true, zoom false,
/// enable-ear-monitor false, audio-reverb-type 0, waiting-image) are in the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PusherConfig {
    /// `url`: the `room://` push URL ([`push_url`]).
    pub url: String,
    /// `mode`: "RTC".
    pub mode: &'static str,
    /// `autopush`: true.
    pub autopush: bool,
    /// `enable-camera`: on for video calls.
    pub enable_camera: bool,
    /// `enable-mic`: the microphone is on.
    pub enable_mic: bool,
    /// `muted`: `!enable_mic`.
    pub muted: bool,
    /// `enable-agc`: true.
    pub enable_agc: bool,
    /// `enable-ans`: true.
    pub enable_ans: bool,
    /// `min-bitrate`: 600 kbps.
    pub min_bitrate: u32,
    /// `max-bitrate`: 900 kbps.
    pub max_bitrate: u32,
    /// `video-width`: 360.
    pub video_width: u32,
    /// `video-height`: 640.
    pub video_height: u32,
    /// `beauty`: 5.
    pub beauty: u8,
    /// `whiteness`: 0.
    pub whiteness: u8,
    /// `orientation`: "vertical".
    pub orientation: &'static str,
    /// `aspect`: "9:16".
    pub aspect: &'static str,
    /// `device-position`: "front" or "back".
    pub device_position: &'static str,
    /// `remote-mirror`: false.
    pub remote_mirror: bool,
    /// `local-mirror`: "auto".
    pub local_mirror: &'static str,
    /// `audio-quality`: "high".
    pub audio_quality: &'static str,
    /// `audio-volume-type`: "voicecall".
    pub audio_volume_type: &'static str,
    /// `beauty-style`: "smooth".
    pub beauty_style: &'static str,
    /// `filter`: "".
    pub filter: &'static str,
    /// `background-mute`: false.
    pub background_mute: bool,
}

impl PusherConfig {
    /// The §5.2 defaults for a call of `media` with `url` (camera on for video only, mic on,
    /// front camera).
    pub fn for_call(url: String, media: MediaType) -> Self {
        Self {
            url,
            mode: "RTC",
            autopush: true,
            enable_camera: media == MediaType::Video,
            enable_mic: true,
            muted: false,
            enable_agc: true,
            enable_ans: true,
            min_bitrate: 600,
            max_bitrate: 900,
            video_width: 360,
            video_height: 640,
            beauty: 5,
            whiteness: 0,
            orientation: "vertical",
            aspect: "9:16",
            device_position: "front",
            remote_mirror: false,
            local_mirror: "auto",
            audio_quality: "high",
            audio_volume_type: "voicecall",
            beauty_style: "smooth",
            filter: "",
            background_mute: false,
        }
    }

    /// Turns the microphone on or off, keeping `muted` = `!enable_mic`.
    pub fn set_mic(&mut self, on: bool) {
        self.enable_mic = on;
        self.muted = !on;
    }

    /// Selects the front (true) or back camera.
    pub fn set_front_camera(&mut self, front: bool) {
        self.device_position = if front { "front" } else { "back" };
    }
}

#[cfg(test)]
mod tests;
