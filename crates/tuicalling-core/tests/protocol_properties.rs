//! Property tests of the signaling codec:
//! - `decode(encode(x)) == x` for arbitrary valid signals, byte-stable, and the same through
//!   [`NormalizedSignal`] (directly and as JSON text);
//! - `decode` never panics: not on arbitrary strings, not on envelopes built from random JSON
//!   values, and not on "almost valid" inputs (golden wire strings with random byte-level and
//!   structural mutations). Whenever it returns `Ok`, re-encoding is stable.

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use tuicalling_core::protocol::{
    decode, decode_element, encode, Action, Cmd, MediaType, NormalizedSignal, Signal, SignalError,
    CUSTOM_ELEMENT, MAX_PAYLOAD_BYTES, MAX_USER_ID_BYTES, MAX_USER_LIST,
};
use tuicalling_core::{RoomId, MAX_STR_ROOM_ID_BYTES};

/// Cases per property: 256 by default (the whole file runs in about a second in debug);
/// `PROPTEST_CASES=100000` for a long hunt.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(256),
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Strategies for valid signals
// ---------------------------------------------------------------------------------------------

/// Cuts `text` to at most `max` bytes on a character boundary.
fn truncate_bytes(mut text: String, max: usize) -> String {
    if text.len() > max {
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}

/// A non-empty string of at most `max` bytes: mostly ASCII ids, some CJK and emoji, a few with
/// characters JSON must escape (quotes, backslashes, control characters).
fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[A-Za-z0-9_@.#-]{1,40}",
        1 => Just("张三".to_owned()),
        1 => Just("😀🎉".to_owned()),
        2 => "[a-z0-9]{0,6}[张三李四王五小明😀🎉👍éß]{1,12}",
        1 => "[ -~]{1,40}",
        1 => "[a-z\\\\\"\\x00-\\x1f\u{7f}\u{2028}]{1,8}",
        1 => "\\PC{1,12}",
    ]
    .prop_map(move |s| truncate_bytes(s, max))
}

fn user_id() -> impl Strategy<Value = String> {
    text(MAX_USER_ID_BYTES)
}

fn user_list() -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        4 => prop::collection::vec(user_id(), 0..=3),
        1 => prop::collection::vec(user_id(), 0..=MAX_USER_LIST),
    ]
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => Just(Action::Invite),
        1 => Just(Action::Cancel),
        1 => Just(Action::Accept),
        1 => Just(Action::Reject),
        1 => Just(Action::Timeout),
    ]
}

fn media() -> impl Strategy<Value = MediaType> {
    prop_oneof![Just(MediaType::Audio), Just(MediaType::Video)]
}

const KNOWN_CMDS: [&str; 5] = [
    "audioCall",
    "videoCall",
    "hangup",
    "switchToAudio",
    "switchToVideo",
];

fn cmd() -> impl Strategy<Value = Option<Cmd>> {
    let other = prop_oneof![Just("inviteToRoom".to_owned()), "[A-Za-z]{1,16}", text(40),]
        .prop_filter("unknown, non-empty cmd", |s| {
            !s.is_empty() && !KNOWN_CMDS.contains(&s.as_str())
        })
        .prop_map(Cmd::Other);
    prop_oneof![
        2 => Just(None),
        2 => Just(Some(Cmd::AudioCall)),
        2 => Just(Some(Cmd::VideoCall)),
        2 => Just(Some(Cmd::Hangup)),
        1 => Just(Some(Cmd::SwitchToAudio)),
        1 => Just(Some(Cmd::SwitchToVideo)),
        2 => other.prop_map(Some),
    ]
}

fn room() -> impl Strategy<Value = Option<RoomId>> {
    prop_oneof![
        1 => Just(None),
        2 => (1..=u32::MAX).prop_map(|id| Some(RoomId::Numeric(id))),
        1 => prop_oneof![Just(1), Just(u32::MAX)].prop_map(|id| Some(RoomId::Numeric(id))),
        1 => prop_oneof![
            "[0-9]{1,12}",
            "[A-Za-z0-9_-]{1,64}",
            text(MAX_STR_ROOM_ID_BYTES),
        ]
        .prop_map(|s| Some(RoomId::Str(s))),
    ]
}

fn group_id() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        1 => "@TGS#[A-Za-z0-9]{1,20}",
        1 => text(128),
    ]
}

fn invite_id() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}",
        1 => text(128),
    ]
}

fn platform() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        1 => Just(None),
        2 => prop_oneof![
            Just("MiniApp".to_owned()),
            Just("Android".to_owned()),
            Just("iOS".to_owned()),
            Just("Web".to_owned()),
            Just("Linux".to_owned()),
            Just(String::new()),
        ]
        .prop_map(Some),
        1 => text(64).prop_map(Some),
    ]
}

fn small_or_any_u32() -> impl Strategy<Value = u32> {
    prop_oneof![3 => 0..=120u32, 1 => any::<u32>()]
}

/// A signal the codec can carry unchanged: all bounds respected, `switch_to` consistent with
/// `cmd` (the wire has no separate "switch to video" flag), and every invite with a meaning.
fn valid_signal() -> impl Strategy<Value = Signal> {
    let envelope = (
        action(),
        invite_id(),
        user_id(),
        user_list(),
        group_id(),
        small_or_any_u32(),
    );
    let call = (
        prop::option::of(media()),
        room(),
        prop::option::of(small_or_any_u32()),
        any::<bool>(),
        cmd(),
        any::<bool>(),
        media(),
    );
    let extra = (
        prop::option::weighted(0.3, user_list()),
        platform(),
        prop::option::of(prop_oneof![Just(4u32), any::<u32>()]),
        prop::option::of(user_id()),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::option::weighted(0.2, user_list()),
    );
    (envelope, call, extra).prop_map(
        |(
            (action, invite_id, inviter, invitees, group_id, timeout),
            (call_type, room, call_end, busy, cmd, switch_to_audio, fallback_media),
            (user_ids, platform, version, data_inviter, consumed, exclude, notice, in_call),
        )| {
            let switch_to = match cmd {
                Some(Cmd::SwitchToAudio) => Some(MediaType::Audio),
                Some(Cmd::SwitchToVideo) => Some(MediaType::Video),
                _ => switch_to_audio.then_some(MediaType::Audio),
            };
            let mut signal = Signal {
                action,
                invite_id,
                inviter,
                invitees,
                group_id,
                timeout,
                call_type,
                room,
                call_end,
                busy,
                switch_to,
                cmd,
                user_ids,
                platform,
                version,
                data_inviter,
                consumed,
                exclude_from_history: exclude,
                sends_hangup_notice: notice,
                in_call_user_ids: in_call,
            };
            if signal.action == Action::Invite && signal.invite_kind().is_none() {
                // Neither a known cmd, a switch, call_end nor a group hang-up: give it a type.
                signal.call_type = Some(fallback_media);
            }
            signal
        },
    )
}

// ---------------------------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    #[test]
    fn decode_inverts_encode(signal in valid_signal()) {
        prop_assert!(signal.action != Action::Invite || signal.invite_kind().is_some());
        // Bounds are on the wire size; lists of 64 escape-heavy ids can exceed it, and then
        // encode refuses rather than producing what decode would reject.
        let wire = match encode(&signal) {
            Ok(wire) => wire,
            Err(error) => {
                prop_assert_eq!(error, SignalError::TooLarge { max: MAX_PAYLOAD_BYTES });
                return Ok(());
            }
        };
        prop_assert!(wire.len() <= MAX_PAYLOAD_BYTES);
        let decoded = decode(&wire);
        prop_assert_eq!(decoded.as_ref(), Ok(&signal), "wire: {}", wire);
        prop_assert_eq!(encode(&decoded.unwrap()), Ok(wire.clone()), "byte-stable");
        prop_assert_eq!(decode_element(CUSTOM_ELEMENT, &wire), Ok(signal));
    }

    #[test]
    fn normalized_form_round_trips(signal in valid_signal()) {
        let normalized = NormalizedSignal::from(&signal);
        prop_assert_eq!(
            normalized.kind.is_some(),
            signal.action == Action::Invite,
            "kind is set for invites only"
        );
        prop_assert_eq!(Signal::try_from(normalized.clone()), Ok(signal.clone()));

        let text = serde_json::to_string(&normalized).unwrap();
        let mut written = String::new();
        normalized.write_json(&mut written);
        prop_assert_eq!(&written, &text, "write_json is serde_json's output");
        let parsed: NormalizedSignal = serde_json::from_str(&text)
            .map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        prop_assert_eq!(&parsed, &normalized);
        prop_assert_eq!(Signal::try_from(parsed), Ok(signal));
    }
}

// ---------------------------------------------------------------------------------------------
// Never panics; whatever decodes re-encodes stably
// ---------------------------------------------------------------------------------------------

/// Decoding must not panic, and an `Ok` must survive `encode` → `decode` unchanged.
fn check_total(input: &str) -> Result<(), TestCaseError> {
    let result = decode(input);
    prop_assert_eq!(&decode_element(CUSTOM_ELEMENT, input), &result);
    match result {
        Ok(signal) => {
            prop_assert_eq!(
                signal.action == Action::Invite,
                signal.invite_kind().is_some()
            );
            match encode(&signal) {
                Ok(wire) => {
                    let again = decode(&wire);
                    prop_assert_eq!(again.as_ref(), Ok(&signal), "re-encoded: {}", wire);
                }
                Err(error) => prop_assert_eq!(
                    error,
                    SignalError::TooLarge {
                        max: MAX_PAYLOAD_BYTES
                    }
                ),
            }
            prop_assert_eq!(
                Signal::try_from(NormalizedSignal::from(&signal)),
                Ok(signal)
            );
        }
        Err(error) => prop_assert!(!error.code().is_empty()),
    }
    Ok(())
}

/// Golden wire strings: the original's shapes, ours, and the current engines' v2 shapes.
fn golden() -> Vec<String> {
    /// The envelope exactly as TSignaling writes it (its key order, data as a JSON string).
    fn wire(action: u8, invitees: &[&str], inner: &str, timeout: u32, group: &str) -> String {
        let list = serde_json::to_string(invitees).unwrap();
        let data = serde_json::to_string(inner).unwrap();
        format!(
            r#"{{"businessID":1,"inviteID":"9f1c-1","inviter":"alice","actionType":{action},"inviteeList":{list},"data":{data},"timeout":{timeout},"groupID":"{group}"}}"#
        )
    }
    let invite = r#"{"extraInfo":"","version":4,"call_type":2,"room_id":271828182,"businessID":"av_call","platform":"MiniApp","data":{"cmd":"videoCall","room_id":271828182,"message":"","inviter":"alice"}}"#;
    let response = r#"{"extraInfo":"","version":4,"call_type":2,"businessID":"av_call","platform":"MiniApp","data":{"cmd":"videoCall","message":""}}"#;
    let busy = r#"{"extraInfo":"","version":4,"call_type":2,"line_busy":"line_busy","businessID":"av_call","platform":"MiniApp","data":{"cmd":"videoCall","message":"lineBusy","inviter":"alice"}}"#;
    let hangup = r#"{"extraInfo":"","version":4,"call_type":2,"call_end":37,"businessID":"av_call","platform":"MiniApp","data":{"cmd":"hangup","message":""}}"#;
    let multi = r#"{"extraInfo":"","version":4,"call_type":1,"room_id":42,"businessID":"av_call","platform":"MiniApp","data":{"cmd":"audioCall","room_id":42,"message":"","userIDs":["bob","carol"]}}"#;
    let switch = r#"{"extraInfo":"","version":4,"call_type":2,"room_id":271828182,"switch_to_audio_call":"switch_to_audio_call","businessID":"av_call","platform":"MiniApp","data":{"cmd":"switchToAudio","room_id":271828182,"message":""}}"#;
    let v2_invite = r#"{"businessID":"av_call","call_end":0,"call_type":2,"data":{"cmd":"videoCall","excludeFromHistoryMessage":true,"inviter":"alice","message":"","room_id":361771620,"str_room_id":"","userIDs":["bob"]},"platform":"Linux","room_id":361771620,"userData":"","version":4}"#;
    let v2_accept = r#"{"businessID":"av_call","call_end":0,"call_type":2,"data":{"cmd":"","excludeFromHistoryMessage":true,"inviter":"alice","message":"","room_id":0,"str_room_id":""},"platform":"Linux","room_id":271828182,"userData":"","version":4}"#;
    let web = r#"{"businessID":"av_call","call_type":2,"platform":"Web","userData":"","version":4,"data":{"cmd":"videoCall","consumed":true,"inviter":"alice","message":"","str_room_id":"room-abc"},"inCallUserIDs":["alice","dave"]}"#;
    vec![
        wire(1, &["bob"], invite, 30, ""),
        wire(3, &["bob"], response, 0, ""),
        wire(4, &["bob"], busy, 0, ""),
        wire(1, &["alice"], hangup, 0, ""),
        wire(1, &["bob", "carol"], multi, 30, "@TGS#group1"),
        wire(1, &["bob"], switch, 30, ""),
        wire(5, &["bob"], invite, 0, ""),
        wire(1, &["bob"], v2_invite, 30, ""),
        wire(3, &["bob"], v2_accept, 0, ""),
        wire(1, &["bob"], web, 30, ""),
    ]
}

/// Bytes that matter to JSON and to this protocol.
const INTERESTING: &[u8] = b"{}[]\":,\\0123456789-+.eEu tnrfalsn\x00\x1f\x7f";

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize),
    Insert(usize, u8),
    Replace(usize, u8),
    /// Copies `len` bytes from one position to another.
    Duplicate(usize, usize, usize),
    /// Quotes the n-th number (`:123` → `:"123"`, or `\"123\"` inside the data string).
    NumberToString(usize),
    /// Replaces the n-th string value with a number.
    StringToNumber(usize, String),
}

fn byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        3 => prop::sample::select(INTERESTING),
        1 => any::<u8>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), byte()).prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<usize>(), byte()).prop_map(|(at, b)| Mutation::Replace(at, b)),
        (any::<usize>(), 1..64usize, any::<usize>())
            .prop_map(|(from, len, to)| Mutation::Duplicate(from, len, to)),
        any::<usize>().prop_map(Mutation::NumberToString),
        (
            any::<usize>(),
            prop_oneof![
                "[0-9]{1,3}",
                Just("4294967296".to_owned()),
                Just("-1".to_owned())
            ]
        )
            .prop_map(|(at, n)| Mutation::StringToNumber(at, n)),
    ]
}

/// Start offsets of the numbers that follow a `:` (outer or escaped inner).
fn number_starts(bytes: &[u8]) -> Vec<usize> {
    (1..bytes.len())
        .filter(|&i| bytes[i - 1] == b':' && (bytes[i].is_ascii_digit() || bytes[i] == b'-'))
        .collect()
}

/// Offsets right after a `:"` or `:\"` that opens a string value.
fn string_starts(bytes: &[u8]) -> Vec<(usize, bool)> {
    let mut starts = Vec::new();
    for i in 1..bytes.len() {
        if bytes[i - 1] != b':' {
            continue;
        }
        if bytes[i] == b'"' {
            starts.push((i, false));
        } else if bytes[i] == b'\\' && bytes.get(i + 1) == Some(&b'"') {
            starts.push((i, true));
        }
    }
    starts
}

/// The element an arbitrary `at` picks among `len` (> 0).
fn pick(at: usize, len: usize) -> usize {
    at % len
}

fn apply(bytes: &mut Vec<u8>, mutation: &Mutation) {
    if bytes.is_empty() {
        return;
    }
    match mutation {
        Mutation::Delete(at) => {
            bytes.remove(pick(*at, bytes.len()));
        }
        Mutation::Insert(at, b) => bytes.insert(pick(*at, bytes.len() + 1), *b),
        Mutation::Replace(at, b) => {
            let at = pick(*at, bytes.len());
            bytes[at] = *b;
        }
        Mutation::Duplicate(from, len, to) => {
            let from = pick(*from, bytes.len());
            let end = (from + len).min(bytes.len());
            let chunk = bytes[from..end].to_vec();
            let to = pick(*to, bytes.len() + 1);
            bytes.splice(to..to, chunk);
        }
        Mutation::NumberToString(which) => {
            let starts = number_starts(bytes);
            if starts.is_empty() {
                return;
            }
            let start = starts[pick(*which, starts.len())];
            let mut end = start + 1;
            while end < bytes.len() && bytes[end].is_ascii_digit() {
                end += 1;
            }
            let escaped =
                start >= 2 && bytes[start - 2] == b'"' && bytes[..start - 2].ends_with(b"\\");
            let quote: &[u8] = if escaped { b"\\\"" } else { b"\"" };
            bytes.splice(end..end, quote.iter().copied());
            bytes.splice(start..start, quote.iter().copied());
        }
        Mutation::StringToNumber(which, number) => {
            let starts = string_starts(bytes);
            if starts.is_empty() {
                return;
            }
            let (start, escaped) = starts[pick(*which, starts.len())];
            let open = if escaped { 2 } else { 1 };
            let close: &[u8] = if escaped { b"\\\"" } else { b"\"" };
            let Some(len) = bytes[start + open..]
                .windows(close.len())
                .position(|w| w == close)
            else {
                return;
            };
            let end = start + open + len + close.len();
            bytes.splice(start..end, number.bytes());
        }
    }
}

/// A JSON value of any type, with the edge values the codec cares about.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        prop_oneof![
            Just(json!(0)),
            Just(json!(1)),
            Just(json!(2)),
            Just(json!(3)),
            Just(json!(5)),
            Just(json!(-1)),
            Just(json!(4_294_967_295u64)),
            Just(json!(4_294_967_296u64)),
            Just(json!(u64::MAX)),
            Just(json!(i64::MIN)),
            Just(json!(1.5)),
            Just(json!(1e30)),
        ],
        any::<i64>().prop_map(|n| json!(n)),
        prop_oneof![
            Just(""),
            Just("1"),
            Just("-0"),
            Just("-1"),
            Just("4294967295"),
            Just("4294967296"),
            Just("99999999999999999999999"),
            Just("true"),
            Just("av_call"),
            Just("lineBusy"),
            Just("line_busy"),
            Just("hangup"),
            Just("videoCall"),
            Just("switchToVideo"),
            Just("张三"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
        text(40).prop_map(Value::String),
    ];
    let leaf = prop_oneof![
        8 => leaf,
        // User lists around the 64-entry bound.
        1 => prop::collection::vec("[a-z]{1,3}", 62..=66)
            .prop_map(|ids| Value::Array(ids.into_iter().map(Value::String).collect())),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z_]{1,8}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

const OUTER_KEYS: [&str; 8] = [
    "businessID",
    "inviteID",
    "inviter",
    "actionType",
    "inviteeList",
    "data",
    "timeout",
    "groupID",
];
const INNER_KEYS: [&str; 14] = [
    "extraInfo",
    "userData",
    "version",
    "call_type",
    "room_id",
    "str_room_id",
    "call_end",
    "line_busy",
    "switch_to_audio_call",
    "businessID",
    "platform",
    "data",
    "inCallUserIDs",
    "unknown",
];
const CMD_KEYS: [&str; 10] = [
    "cmd",
    "room_id",
    "str_room_id",
    "message",
    "userIDs",
    "inviter",
    "consumed",
    "excludeFromHistoryMessage",
    "sendsHangupNotice",
    "unknown",
];

/// Where a structural mutation applies.
#[derive(Debug, Clone, Copy)]
enum Level {
    Outer,
    Inner,
    Cmd,
}

#[derive(Debug, Clone)]
enum Edit {
    Set(Value),
    Remove,
    /// Number ↔ string of digits.
    Swap,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => json_value().prop_map(Edit::Set),
        1 => Just(Edit::Remove),
        2 => Just(Edit::Swap),
    ]
}

fn level() -> impl Strategy<Value = Level> {
    prop_oneof![Just(Level::Outer), Just(Level::Inner), Just(Level::Cmd)]
}

fn edit_map(map: &mut Map<String, Value>, key: &str, edit: &Edit) {
    match edit {
        Edit::Set(value) => {
            map.insert(key.to_owned(), value.clone());
        }
        Edit::Remove => {
            map.remove(key);
        }
        Edit::Swap => {
            let swapped = match map.get(key) {
                Some(Value::Number(n)) => Value::String(n.to_string()),
                Some(Value::String(s)) => match serde_json::from_str::<Value>(s) {
                    Ok(number @ Value::Number(_)) => number,
                    _ => return,
                },
                _ => return,
            };
            map.insert(key.to_owned(), swapped);
        }
    }
}

/// Applies one structural edit to an envelope (the inner data stays a JSON string).
fn edit_envelope(text: &str, level: Level, key: usize, edit: &Edit) -> String {
    let Ok(Value::Object(mut outer)) = serde_json::from_str::<Value>(text) else {
        return text.to_owned();
    };
    if let Level::Outer = level {
        edit_map(&mut outer, OUTER_KEYS[pick(key, OUTER_KEYS.len())], edit);
        return Value::Object(outer).to_string();
    }
    let mut inner = match outer.get("data") {
        Some(Value::String(s)) => match serde_json::from_str::<Value>(s) {
            Ok(Value::Object(map)) => map,
            _ => return text.to_owned(),
        },
        _ => Map::new(),
    };
    match level {
        Level::Inner => edit_map(&mut inner, INNER_KEYS[pick(key, INNER_KEYS.len())], edit),
        Level::Outer | Level::Cmd => {
            let mut cmd = match inner.remove("data") {
                Some(Value::Object(map)) => map,
                _ => Map::new(),
            };
            edit_map(&mut cmd, CMD_KEYS[pick(key, CMD_KEYS.len())], edit);
            inner.insert("data".to_owned(), Value::Object(cmd));
        }
    }
    outer.insert(
        "data".to_owned(),
        Value::String(Value::Object(inner).to_string()),
    );
    Value::Object(outer).to_string()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn decode_never_panics_on_arbitrary_strings(input in any::<String>()) {
        check_total(&input)?;
    }

    #[test]
    fn decode_never_panics_on_json_like_soup(input in "[{}\\[\\]\":,0-9a-zA-Z\\\\ ]{0,200}") {
        check_total(&input)?;
    }

    #[test]
    fn decode_never_panics_on_lossy_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        check_total(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn byte_mutations_of_golden_strings(
        seed in prop::sample::select(golden()),
        mutations in prop::collection::vec(mutation(), 1..=4),
    ) {
        let mut bytes = seed.into_bytes();
        for mutation in &mutations {
            apply(&mut bytes, mutation);
        }
        check_total(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn structural_mutations_of_golden_strings(
        seed in prop::sample::select(golden()),
        edits in prop::collection::vec((level(), any::<usize>(), edit()), 1..=4),
    ) {
        let mut text = seed;
        for (level, key, edit) in &edits {
            text = edit_envelope(&text, *level, *key, edit);
        }
        check_total(&text)?;
    }

    #[test]
    fn envelopes_of_random_values(
        outer in prop::collection::vec((prop::sample::select(&OUTER_KEYS[..]), json_value()), 0..8),
        inner in prop::collection::vec((prop::sample::select(&INNER_KEYS[..]), json_value()), 0..8),
        cmd in prop::collection::vec((prop::sample::select(&CMD_KEYS[..]), json_value()), 0..6),
        action in 1..=5u8,
    ) {
        let mut cmd_map: Map<String, Value> = cmd.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        cmd_map.entry("cmd").or_insert_with(|| json!("videoCall"));
        let mut inner_map: Map<String, Value> = inner.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        inner_map.entry("data").or_insert(Value::Object(cmd_map));
        let mut envelope = json!({
            "businessID": 1, "inviteID": "r-1", "inviter": "alice", "actionType": action,
            "inviteeList": ["bob"], "data": Value::Object(inner_map).to_string(),
            "timeout": 30, "groupID": "",
        });
        let map = envelope.as_object_mut().unwrap();
        for (key, value) in outer {
            map.insert(key.to_owned(), value);
        }
        check_total(&envelope.to_string())?;
    }
}

#[test]
fn mutation_helpers_do_what_they_say() {
    let seed = golden().remove(1);
    let starts = number_starts(seed.as_bytes());
    let mut quoted = seed.clone().into_bytes();
    apply(&mut quoted, &Mutation::NumberToString(0));
    let quoted = String::from_utf8(quoted).unwrap();
    assert!(quoted.starts_with(r#"{"businessID":"1","#), "{quoted}");
    let action_type = starts
        .iter()
        .position(|&i| seed[..i].ends_with(r#""actionType":"#))
        .unwrap();
    let mut quoted = seed.clone().into_bytes();
    apply(&mut quoted, &Mutation::NumberToString(action_type));
    let quoted = String::from_utf8(quoted).unwrap();
    assert!(quoted.contains(r#""actionType":"3""#), "{quoted}");
    assert_eq!(decode(&quoted).map(|s| s.action), Ok(Action::Accept));

    let mut numbered = seed.clone().into_bytes();
    apply(&mut numbered, &Mutation::StringToNumber(0, "7".into()));
    let numbered = String::from_utf8(numbered).unwrap();
    assert!(numbered.contains(r#""inviteID":7,"#), "{numbered}");
    assert_eq!(
        decode(&numbered),
        Err(SignalError::InvalidField("inviteID"))
    );

    let inner_version = starts
        .iter()
        .position(|&i| seed[..i].ends_with(r#"version\":"#))
        .unwrap();
    let mut quoted = seed.clone().into_bytes();
    apply(&mut quoted, &Mutation::NumberToString(inner_version));
    let quoted = String::from_utf8(quoted).unwrap();
    assert!(quoted.contains(r#"\"version\":\"4\""#), "{quoted}");
    assert_eq!(decode(&quoted).map(|s| s.version), Ok(Some(4)));

    let edited = edit_envelope(&seed, Level::Inner, 3, &Edit::Swap);
    assert!(edited.contains(r#"\"call_type\":\"2\""#), "{edited}");
    assert_eq!(
        decode(&edited).map(|s| s.call_type),
        Ok(Some(MediaType::Video))
    );
    let edited = edit_envelope(&seed, Level::Cmd, 0, &Edit::Set(json!("inviteToRoom")));
    assert_eq!(
        decode(&edited).map(|s| s.cmd),
        Ok(Some(Cmd::Other("inviteToRoom".into())))
    );
    assert_eq!(
        decode(&edit_envelope(&seed, Level::Outer, 0, &Edit::Remove)),
        Err(SignalError::NotSignaling("missing".into()))
    );
}

/// `Signal::try_from(NormalizedSignal)` (what `tuicalling-cli signal encode` and the wasm
/// `encodeSignal` use) applies decode's bounds on `inviteID`/`groupID` (128 bytes) and
/// `platform` (64 bytes), so we never encode signals that our own `decode` rejects.
#[test]
fn whatever_try_from_accepts_decodes_after_encoding() {
    let base = json!({"action":"invite","inviteID":"id","inviter":"alice","invitees":["bob"],
        "groupID":"","callType":2,"roomID":5,"platform":"MiniApp"});
    for (field, len) in [("inviteID", 129), ("groupID", 129), ("platform", 65)] {
        let mut value = base.clone();
        value[field] = json!("x".repeat(len));
        let normalized: NormalizedSignal = serde_json::from_value(value).unwrap();
        assert_eq!(
            Signal::try_from(normalized),
            Err(SignalError::InvalidField(field)),
            "{field} of {len} bytes"
        );
    }
}
