//! Unit tests of the room bookkeeping, the push URL and the pusher attributes.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::*;

/// `{"userlist":[<entries>]}`.
fn list(entries: &str) -> String {
    format!(r#"{{"userlist":[{entries}]}}"#)
}

/// A 1031/1032/1020 entry.
fn user(id: &str) -> String {
    format!(r#"{{"userid":"{id}"}}"#)
}

/// A 1033 entry.
fn video(id: &str, stream: &str, on: bool, url: &str) -> String {
    format!(r#"{{"userid":"{id}","streamtype":"{stream}","hasvideo":{on},"playurl":"{url}"}}"#)
}

/// A 1034 entry.
fn audio(id: &str, on: bool, url: &str) -> String {
    format!(r#"{{"userid":"{id}","hasaudio":{on},"playurl":"{url}"}}"#)
}

fn url(id: &str, stream: &str) -> String {
    format!("room://rtc.tencent.com?userid={id}&streamtype={stream}")
}

fn names(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|id| (*id).to_owned()).collect()
}

fn entered(ids: &[&str]) -> RoomEvent {
    RoomEvent::RemoteEntered(names(ids))
}

fn left(ids: &[&str]) -> RoomEvent {
    RoomEvent::RemoteLeft(names(ids))
}

/// A room with `ids` entered through 1031.
fn room_with(ids: &[&str]) -> Room {
    let mut room = Room::new();
    let entries: Vec<String> = ids.iter().map(|id| user(id)).collect();
    room.handle_pusher_state(1031, &list(&entries.join(",")));
    room
}

fn ids_of(players: &[Player]) -> Vec<&str> {
    players.iter().map(|player| player.id.as_str()).collect()
}

// ---------------------------------------------------------------------------------------------
// Local enter / leave
// ---------------------------------------------------------------------------------------------

#[test]
fn local_enter_leave_reenter() {
    let mut room = Room::new();
    assert!(!room.local_entered());
    assert_eq!(
        room.handle_pusher_state(1018, ""),
        vec![RoomEvent::LocalEntered]
    );
    assert!(room.local_entered());
    assert_eq!(
        room.handle_pusher_state(1019, "reason[0]"),
        vec![RoomEvent::LocalLeft]
    );
    assert!(!room.local_entered());
    assert_eq!(
        room.handle_pusher_state(1018, "{}"),
        vec![RoomEvent::LocalEntered]
    );
    assert!(room.local_entered());
}

#[test]
fn local_leave_keeps_remote_bookkeeping_until_clear() {
    let mut room = room_with(&["bob"]);
    room.handle_pusher_state(1018, "");
    room.handle_pusher_state(
        1033,
        &list(&video("bob", "main", true, &url("bob", "main"))),
    );
    assert_eq!(
        room.handle_pusher_state(1019, ""),
        vec![RoomEvent::LocalLeft]
    );
    assert!(room.is_present("bob"));
    assert_eq!(room.players().len(), 1);
    room.clear();
    assert!(!room.local_entered());
    assert!(!room.is_present("bob"));
    assert!(room.players().is_empty());
    assert!(room.present_users().is_empty());
}

// ---------------------------------------------------------------------------------------------
// Remote enter / leave
// ---------------------------------------------------------------------------------------------

#[test]
fn remote_enter_reports_only_new_users_in_message_order() {
    let mut room = Room::new();
    let message = list(&[user("carol"), user("bob"), user("carol")].join(","));
    assert_eq!(
        room.handle_pusher_state(1031, &message),
        vec![entered(&["carol", "bob"])]
    );
    assert_eq!(room.present_users(), names(&["bob", "carol"]));
    assert_eq!(room.present_count(), 2);
    // Already present: nothing happened.
    assert_eq!(room.handle_pusher_state(1031, &list(&user("bob"))), vec![]);
    let message = list(&[user("bob"), user("dave")].join(","));
    assert_eq!(
        room.handle_pusher_state(1031, &message),
        vec![entered(&["dave"])]
    );
    // Entering alone creates no players.
    assert!(room.players().is_empty());
}

#[test]
fn remote_leave_reports_only_present_users_and_drops_their_players() {
    let mut room = room_with(&["bob", "carol"]);
    room.handle_pusher_state(
        1033,
        &list(&video("bob", "main", true, &url("bob", "main"))),
    );
    room.handle_pusher_state(1033, &list(&video("bob", "aux", true, &url("bob", "aux"))));
    room.handle_pusher_state(1034, &list(&audio("carol", true, &url("carol", "main"))));
    assert_eq!(room.players().len(), 3);

    let message = list(&[user("bob"), user("zed"), user("bob")].join(","));
    assert_eq!(
        room.handle_pusher_state(1032, &message),
        vec![left(&["bob"])]
    );
    assert!(!room.is_present("bob"));
    assert_eq!(ids_of(&room.players()), vec!["carol_main"]);
    assert_eq!(room.handle_pusher_state(1032, &list(&user("bob"))), vec![]);
}

#[test]
fn remote_reenter_after_leave_starts_fresh() {
    let mut room = room_with(&["bob"]);
    room.handle_pusher_state(
        1033,
        &list(&video("bob", "main", true, &url("bob", "main"))),
    );
    room.handle_pusher_state(1032, &list(&user("bob")));
    assert_eq!(
        room.handle_pusher_state(1031, &list(&user("bob"))),
        vec![entered(&["bob"])]
    );
    assert!(room.players().is_empty());
}

#[test]
fn remove_user_without_1032() {
    let mut room = room_with(&["bob", "carol"]);
    room.handle_pusher_state(
        1033,
        &list(&video("bob", "main", true, &url("bob", "main"))),
    );
    assert!(room.remove_user("bob"));
    assert!(!room.remove_user("bob"));
    assert!(!room.remove_user("nobody"));
    assert!(room.players().is_empty());
    assert_eq!(room.present_users(), names(&["carol"]));
    // A late 1032 for bob changes nothing.
    assert_eq!(room.handle_pusher_state(1032, &list(&user("bob"))), vec![]);
}

// ---------------------------------------------------------------------------------------------
// Streams
// ---------------------------------------------------------------------------------------------

#[test]
fn first_video_event_enters_the_user_and_creates_the_main_player() {
    let mut room = Room::new();
    let events = room.handle_pusher_state(
        1033,
        &list(&video("bob", "main", true, &url("bob", "main"))),
    );
    assert_eq!(events, vec![entered(&["bob"]), RoomEvent::StreamsChanged]);
    assert!(room.is_present("bob"));
    assert_eq!(
        room.players(),
        vec![Player {
            id: "bob_main".into(),
            user_id: "bob".into(),
            stream_type: StreamType::Main,
            src: url("bob", "main"),
            mute_video: false,
            mute_audio: true,
            object_fit: "fillCrop",
        }]
    );
    assert_eq!(room.player("bob", StreamType::Main), room.players().pop());
    assert_eq!(room.player("bob", StreamType::Aux), None);
    assert_eq!(room.player("zed", StreamType::Main), None);
}

#[test]
fn audio_event_is_always_the_main_stream() {
    let mut room = room_with(&["bob"]);
    // A streamtype on 1034 is ignored: audio belongs to main.
    let message = list(
        r#"{"userid":"bob","streamtype":"aux","hasaudio":true,"playurl":"room://rtc.tencent.com?userid=bob&streamtype=main"}"#,
    );
    assert_eq!(
        room.handle_pusher_state(1034, &message),
        vec![RoomEvent::StreamsChanged]
    );
    let players = room.players();
    assert_eq!(ids_of(&players), vec!["bob_main"]);
    assert!(players[0].mute_video);
    assert!(!players[0].mute_audio);
}

#[test]
fn main_and_aux_streams_are_separate_players() {
    let mut room = room_with(&["bob"]);
    assert_eq!(
        room.handle_pusher_state(1033, &list(&video("bob", "aux", true, &url("bob", "aux")))),
        vec![RoomEvent::StreamsChanged]
    );
    assert_eq!(
        room.handle_pusher_state(
            1033,
            &list(&video("bob", "main", true, &url("bob", "main")))
        ),
        vec![RoomEvent::StreamsChanged]
    );
    let players = room.players();
    assert_eq!(ids_of(&players), vec!["bob_main", "bob_aux"]);
    assert_eq!(players[0].object_fit, "fillCrop");
    assert_eq!(players[1].object_fit, "contain");
    assert_eq!(players[1].stream_type, StreamType::Aux);
    assert_eq!(players[1].src, url("bob", "aux"));
    assert!(!players[1].mute_video);
    assert!(players[1].mute_audio);
    // Aux has no audio, so video off removes it; main stays.
    assert_eq!(
        room.handle_pusher_state(1033, &list(&video("bob", "aux", false, ""))),
        vec![RoomEvent::StreamsChanged]
    );
    assert_eq!(ids_of(&room.players()), vec!["bob_main"]);
}

#[test]
fn players_are_ordered_by_user_then_main_before_aux() {
    let mut room = Room::new();
    let entries = [
        video("dave", "aux", true, "d-aux"),
        video("bob", "aux", true, "b-aux"),
        video("dave", "main", true, "d-main"),
        video("bob", "main", true, "b-main"),
        video("a_b", "main", true, "ab-main"),
    ];
    let events = room.handle_pusher_state(1033, &list(&entries.join(",")));
    assert_eq!(
        events,
        vec![entered(&["dave", "bob", "a_b"]), RoomEvent::StreamsChanged]
    );
    assert_eq!(
        ids_of(&room.players()),
        vec!["a_b_main", "bob_main", "bob_aux", "dave_main", "dave_aux"]
    );
}

#[test]
fn mute_flags_toggle_and_the_player_goes_when_both_are_off() {
    let mut room = room_with(&["bob"]);
    let u = url("bob", "main");
    assert_eq!(
        room.handle_pusher_state(1034, &list(&audio("bob", true, &u))),
        vec![RoomEvent::StreamsChanged]
    );
    assert_eq!(
        room.handle_pusher_state(1033, &list(&video("bob", "main", true, &u))),
        vec![RoomEvent::StreamsChanged]
    );
    let player = room.player("bob", StreamType::Main).unwrap();
    assert!(!player.mute_video && !player.mute_audio);

    // The same state again is not a change.
    assert_eq!(
        room.handle_pusher_state(1033, &list(&video("bob", "main", true, &u))),
        vec![]
    );
    assert_eq!(
        room.handle_pusher_state(1034, &list(&audio("bob", true, &u))),
        vec![]
    );

    assert_eq!(
        room.handle_pusher_state(1033, &list(&video("bob", "main", false, &u))),
        vec![RoomEvent::StreamsChanged]
    );
    let player = room.player("bob", StreamType::Main).unwrap();
    assert!(player.mute_video && !player.mute_audio);

    assert_eq!(
        room.handle_pusher_state(1033, &list(&video("bob", "main", true, &u))),
        vec![RoomEvent::StreamsChanged]
    );
    assert_eq!(
        room.handle_pusher_state(1034, &list(&audio("bob", false, &u))),
        vec![RoomEvent::StreamsChanged]
    );
    let player = room.player("bob", StreamType::Main).unwrap();
    assert!(!player.mute_video && player.mute_audio);

    assert_eq!(
        room.handle_pusher_state(1033, &list(&video("bob", "main", false, &u))),
        vec![RoomEvent::StreamsChanged]
    );
    assert!(room.players().is_empty());
    // The user is still in the room.
    assert!(room.is_present("bob"));
    // Off again while already gone: nothing.
    assert_eq!(
        room.handle_pusher_state(1034, &list(&audio("bob", false, &u))),
        vec![]
    );
}

#[test]
fn play_url_updates_and_is_remembered() {
    let mut room = room_with(&["bob"]);
    room.handle_pusher_state(1033, &list(&video("bob", "main", true, "room://one")));
    assert_eq!(room.players()[0].src, "room://one");
    // An empty or missing playurl keeps the old one.
    assert_eq!(
        room.handle_pusher_state(1034, &list(&audio("bob", true, ""))),
        vec![RoomEvent::StreamsChanged]
    );
    assert_eq!(room.players()[0].src, "room://one");
    let message = list(r#"{"userid":"bob","hasaudio":true}"#);
    assert_eq!(room.handle_pusher_state(1034, &message), vec![]);
    // A new non-empty playurl replaces it, even with unchanged flags.
    assert_eq!(
        room.handle_pusher_state(1033, &list(&video("bob", "main", true, "room://two"))),
        vec![RoomEvent::StreamsChanged]
    );
    assert_eq!(room.players()[0].src, "room://two");
    // The stream goes away and comes back without a playurl: the last one is reused.
    room.handle_pusher_state(1033, &list(&video("bob", "main", false, "")));
    room.handle_pusher_state(1034, &list(&audio("bob", false, "")));
    assert!(room.players().is_empty());
    assert_eq!(
        room.handle_pusher_state(1033, &list(r#"{"userid":"bob","hasvideo":true}"#)),
        vec![RoomEvent::StreamsChanged]
    );
    assert_eq!(room.players()[0].src, "room://two");
}

#[test]
fn a_new_playurl_on_a_stream_that_is_off_is_stored_silently() {
    let mut room = room_with(&["bob"]);
    assert_eq!(
        room.handle_pusher_state(1033, &list(&video("bob", "main", false, "room://x"))),
        vec![]
    );
    assert!(room.players().is_empty());
    room.handle_pusher_state(1034, &list(r#"{"userid":"bob","hasaudio":1}"#));
    assert_eq!(room.players()[0].src, "room://x");
}

#[test]
fn off_event_for_an_unknown_user_enters_them_without_players() {
    let mut room = Room::new();
    assert_eq!(
        room.handle_pusher_state(1033, &list(&video("bob", "main", false, ""))),
        vec![entered(&["bob"])]
    );
    assert!(room.is_present("bob"));
    assert!(room.players().is_empty());
}

#[test]
fn stream_type_names() {
    let mut room = room_with(&["bob"]);
    // "small" and a missing/null streamtype are the main stream; "AUX" is case-insensitive.
    let message = list(r#"{"userid":"bob","streamtype":"small","hasvideo":true}"#);
    assert_eq!(
        room.handle_pusher_state(1033, &message),
        vec![RoomEvent::StreamsChanged]
    );
    let message = list(r#"{"userid":"bob","streamtype":null,"hasvideo":false}"#);
    assert_eq!(
        room.handle_pusher_state(1033, &message),
        vec![RoomEvent::StreamsChanged]
    );
    let message = list(r#"{"userid":"bob","streamtype":"AUX","hasvideo":true}"#);
    assert_eq!(
        room.handle_pusher_state(1033, &message),
        vec![RoomEvent::StreamsChanged]
    );
    assert_eq!(ids_of(&room.players()), vec!["bob_aux"]);
    // Unknown or non-string stream types are skipped, but the user still counts as seen.
    let message = list(
        r#"{"userid":"carol","streamtype":"third","hasvideo":true},{"userid":"dave","streamtype":2,"hasvideo":true}"#,
    );
    assert_eq!(
        room.handle_pusher_state(1033, &message),
        vec![entered(&["carol", "dave"])]
    );
    assert_eq!(ids_of(&room.players()), vec!["bob_aux"]);

    assert_eq!(StreamType::from_wire("main"), Some(StreamType::Main));
    assert_eq!(StreamType::from_wire("big"), Some(StreamType::Main));
    assert_eq!(StreamType::from_wire("sub"), Some(StreamType::Aux));
    assert_eq!(StreamType::from_wire(""), None);
    assert_eq!(StreamType::Main.as_str(), "main");
    assert_eq!(StreamType::Aux.as_str(), "aux");
    assert!(StreamType::Main < StreamType::Aux);
}

#[test]
fn flag_spellings() {
    for (text, expected) in [
        ("true", Some(true)),
        ("false", Some(false)),
        ("1", Some(true)),
        ("0", Some(false)),
        ("1.0", Some(true)),
        ("0.0", Some(false)),
        (r#""true""#, Some(true)),
        (r#""false""#, Some(false)),
        (r#""TRUE""#, Some(true)),
        (r#""1""#, Some(true)),
        (r#""0""#, Some(false)),
        ("2", None),
        ("-1", None),
        ("0.5", None),
        (r#""yes""#, None),
        (r#""""#, None),
        ("null", None),
        ("[]", None),
        ("{}", None),
    ] {
        let value = json::parse(text, MAX_MESSAGE_DEPTH).unwrap();
        assert_eq!(flag(&value), expected, "{text}");

        let mut room = room_with(&["bob"]);
        let message = list(&format!(r#"{{"userid":"bob","hasvideo":{text}}}"#));
        let events = room.handle_pusher_state(1033, &message);
        let expected_events = if expected == Some(true) {
            vec![RoomEvent::StreamsChanged]
        } else {
            vec![]
        };
        assert_eq!(events, expected_events, "{text}");
    }
    // A missing flag skips the entry (but the user is seen).
    let mut room = Room::new();
    let message = list(r#"{"userid":"bob","playurl":"room://x"}"#);
    assert_eq!(
        room.handle_pusher_state(1034, &message),
        vec![entered(&["bob"])]
    );
    assert!(room.players().is_empty());
}

// ---------------------------------------------------------------------------------------------
// 1020 member list
// ---------------------------------------------------------------------------------------------

#[test]
fn member_list_diffs_against_present_users() {
    let mut room = room_with(&["alice", "bob"]);
    room.handle_pusher_state(1033, &list(&video("alice", "main", true, "a")));
    room.handle_pusher_state(1033, &list(&video("bob", "main", true, "b")));

    let message = list(&[user("carol"), user("bob"), user("carol")].join(","));
    assert_eq!(
        room.handle_pusher_state(1020, &message),
        vec![entered(&["carol"]), left(&["alice"])]
    );
    assert_eq!(room.present_users(), names(&["bob", "carol"]));
    assert_eq!(ids_of(&room.players()), vec!["bob_main"]);

    // The same list again: nothing.
    assert_eq!(room.handle_pusher_state(1020, &message), vec![]);

    // An empty list: everybody left (sorted).
    assert_eq!(
        room.handle_pusher_state(1020, &list("")),
        vec![left(&["bob", "carol"])]
    );
    assert!(room.players().is_empty());
    assert_eq!(room.present_count(), 0);
}

#[test]
fn unusable_member_lists_change_nothing() {
    let mut room = room_with(&["alice", "bob"]);
    for message in [
        "",
        "not json",
        "[]",
        "\"userlist\"",
        "{}",
        r#"{"userlist":null}"#,
        r#"{"userlist":{"userid":"x"}}"#,
        r#"{"userlist":[{"userid":"carol"}"#,
    ] {
        assert_eq!(room.handle_pusher_state(1020, message), vec![], "{message}");
        assert_eq!(room.present_users(), names(&["alice", "bob"]), "{message}");
    }
}

// ---------------------------------------------------------------------------------------------
// Malformed messages and bounds
// ---------------------------------------------------------------------------------------------

#[test]
fn malformed_messages_are_ignored() {
    for code in [1031, 1032, 1033, 1034] {
        let mut room = room_with(&["bob"]);
        for message in [
            "",
            "{",
            "null",
            "42",
            "\"text\"",
            "[{\"userid\":\"x\"}]",
            "{\"userlist\":\"x\"}",
            "{\"userlist\":7}",
            "{\"users\":[{\"userid\":\"x\"}]}",
        ] {
            assert_eq!(
                room.handle_pusher_state(code, message),
                vec![],
                "{code} {message}"
            );
        }
        assert_eq!(room.present_users(), names(&["bob"]));
    }
}

#[test]
fn entries_without_a_usable_userid_are_skipped() {
    let mut room = Room::new();
    let too_long = "x".repeat(MAX_USER_ID_BYTES + 1);
    let longest = "y".repeat(MAX_USER_ID_BYTES);
    let message = list(&format!(
        r#"1,"bob",null,[],{{}},{{"userid":7}},{{"userid":""}},{{"userid":null}},{{"userId":"camel"}},{{"userid":"{too_long}"}},{{"userid":"{longest}"}},{{"userid":"张三"}}"#
    ));
    assert_eq!(
        room.handle_pusher_state(1031, &message),
        vec![entered(&[longest.as_str(), "张三"])]
    );
}

#[test]
fn oversized_messages_are_ignored() {
    let mut room = Room::new();
    // Over 64 KiB.
    let padding = " ".repeat(MAX_STATE_MESSAGE_BYTES);
    let message = format!(r#"{{"userlist":[{{"userid":"bob"}}]}}{padding}"#);
    assert!(message.len() > MAX_STATE_MESSAGE_BYTES);
    assert_eq!(room.handle_pusher_state(1031, &message), vec![]);
    // Exactly at the limit is fine.
    let message = r#"{"userlist":[{"userid":"bob"}]}"#;
    let message = format!(
        "{message}{}",
        " ".repeat(MAX_STATE_MESSAGE_BYTES - message.len())
    );
    assert_eq!(message.len(), MAX_STATE_MESSAGE_BYTES);
    assert_eq!(
        room.handle_pusher_state(1031, &message),
        vec![entered(&["bob"])]
    );

    // Over 1000 entries: the whole list is ignored (also for 1020, where it must not make
    // present users leave).
    let many: Vec<String> = (0..=MAX_ROOM_USER_LIST)
        .map(|n| user(&format!("u{n}")))
        .collect();
    assert_eq!(
        room.handle_pusher_state(1031, &list(&many.join(","))),
        vec![]
    );
    assert_eq!(
        room.handle_pusher_state(1020, &list(&many.join(","))),
        vec![]
    );
    assert_eq!(room.present_users(), names(&["bob"]));
    // Exactly 1000 is accepted.
    let events = room.handle_pusher_state(1031, &list(&many[..MAX_ROOM_USER_LIST].join(",")));
    assert_eq!(events.len(), 1);
    assert_eq!(room.present_count(), MAX_ROOM_USER_LIST + 1);
}

#[test]
fn deeply_nested_messages_are_ignored() {
    let mut room = Room::new();
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let message = format!(r#"{{"userlist":[{{"userid":"bob","extra":{deep}}}]}}"#);
    assert_eq!(room.handle_pusher_state(1031, &message), vec![]);
    // Brackets inside strings do not count.
    let message = format!(
        r#"{{"userlist":[{{"userid":"bob","extra":"{}"}}]}}"#,
        "[".repeat(100)
    );
    assert_eq!(
        room.handle_pusher_state(1031, &message),
        vec![entered(&["bob"])]
    );
    // An escaped quote does not end the string.
    let message = r#"{"userlist":[{"userid":"c\"[[[[[[[[[[[[[[[[[[[["}]}"#;
    assert_eq!(
        room.handle_pusher_state(1031, message),
        vec![entered(&["c\"[[[[[[[[[[[[[[[[[[[["])]
    );
}

// ---------------------------------------------------------------------------------------------
// Code families
// ---------------------------------------------------------------------------------------------

#[test]
fn enter_failures() {
    let mut room = Room::new();
    for code in [1022, -3301, -100006, -100013, -100015, -100018] {
        assert_eq!(
            room.handle_pusher_state(code, "userSig check failed"),
            vec![RoomEvent::EnterFailed {
                code,
                message: "userSig check failed".into()
            }],
            "{code}"
        );
    }
}

#[test]
fn device_encode_network_errors() {
    let mut room = Room::new();
    for code in -1313..=-1301 {
        assert_eq!(
            room.handle_pusher_state(code, "failed"),
            vec![RoomEvent::Error {
                code,
                message: "failed".into()
            }],
            "{code}"
        );
    }
}

#[test]
fn lifecycle_codes() {
    let mut room = Room::new();
    assert_eq!(
        room.handle_pusher_state(1021, ""),
        vec![RoomEvent::NeedReenter]
    );
    assert_eq!(
        room.handle_pusher_state(5000, ""),
        vec![RoomEvent::Suspended]
    );
    assert_eq!(
        room.handle_pusher_state(5001, ""),
        vec![RoomEvent::FloatingWindowClosed]
    );
}

#[test]
fn other_codes_are_info() {
    let mut room = room_with(&["bob"]);
    for code in [
        0,
        1001,
        1002,
        1003,
        1004,
        1005,
        1006,
        1007,
        1008,
        1101,
        1102,
        1103,
        1017,
        1023,
        1030,
        1035,
        2003,
        2004,
        2007,
        2027,
        2029,
        3001,
        3005,
        4998,
        4999,
        10005,
        -1,
        -1300,
        -1314,
        -2301,
        -3300,
        -3302,
        -100000,
        -100019,
        i32::MIN,
        i32::MAX,
    ] {
        let message = list(&user("carol"));
        assert_eq!(
            room.handle_pusher_state(code, &message),
            vec![RoomEvent::Info { code }],
            "{code}"
        );
    }
    assert_eq!(room.present_users(), names(&["bob"]));
}

#[test]
fn pusher_binderror_is_an_error() {
    let mut room = Room::new();
    assert_eq!(
        room.handle_pusher_error(10001, "camera denied"),
        RoomEvent::Error {
            code: 10001,
            message: "camera denied".into()
        }
    );
    assert_eq!(
        room.handle_pusher_error(10002, ""),
        RoomEvent::Error {
            code: 10002,
            message: String::new()
        }
    );
}

#[test]
fn error_messages_are_bounded_on_a_char_boundary() {
    let mut room = Room::new();
    let long = "错".repeat(MAX_EVENT_MESSAGE_BYTES); // 3 bytes each
    let RoomEvent::Error { message, .. } = room.handle_pusher_error(10001, &long) else {
        panic!("not an error");
    };
    assert!(message.len() <= MAX_EVENT_MESSAGE_BYTES);
    assert_eq!(message.len(), MAX_EVENT_MESSAGE_BYTES / 3 * 3);
    assert!(long.starts_with(&message));
    let events = room.handle_pusher_state(-100018, &long);
    let [RoomEvent::EnterFailed { message, .. }] = events.as_slice() else {
        panic!("not an enter failure: {events:?}");
    };
    assert!(message.len() <= MAX_EVENT_MESSAGE_BYTES);
}

// ---------------------------------------------------------------------------------------------
// A busy room
// ---------------------------------------------------------------------------------------------

#[test]
fn stream_event_in_a_room_of_300() {
    let mut room = Room::new();
    let everyone: Vec<String> = (0..300).map(|n| user(&format!("user{n:03}"))).collect();
    let events = room.handle_pusher_state(1020, &list(&everyone.join(",")));
    assert!(matches!(events.as_slice(), [RoomEvent::RemoteEntered(ids)] if ids.len() == 300));
    for n in 0..300 {
        let id = format!("user{n:03}");
        room.handle_pusher_state(1034, &list(&audio(&id, true, &url(&id, "main"))));
    }
    assert_eq!(room.players().len(), 300);

    let events = room.handle_pusher_state(
        1033,
        &list(&video("user150", "main", true, &url("user150", "main"))),
    );
    assert_eq!(events, vec![RoomEvent::StreamsChanged]);
    let player = room.player("user150", StreamType::Main).unwrap();
    assert!(!player.mute_video && !player.mute_audio);
    let events = room.handle_pusher_state(1033, &list(&video("user301", "aux", true, "x")));
    assert_eq!(
        events,
        vec![entered(&["user301"]), RoomEvent::StreamsChanged]
    );
    assert_eq!(room.present_count(), 301);
    let players = room.players();
    assert_eq!(players.len(), 301);
    assert!(players
        .windows(2)
        .all(|pair| (&pair[0].user_id, pair[0].stream_type)
            < (&pair[1].user_id, pair[1].stream_type)));
}

// ---------------------------------------------------------------------------------------------
// Push URL
// ---------------------------------------------------------------------------------------------

fn params<'a>() -> PushUrlParams<'a> {
    PushUrlParams {
        sdk_app_id: 1400000000,
        room_id: 271828182,
        user_id: "alice",
        user_sig: "eJy*-_",
        private_map_key: None,
    }
}

#[test]
fn push_url_exact() {
    assert_eq!(
        push_url(&params()).unwrap(),
        "room://cloud.tencent.com/rtc?sdkappid=1400000000&roomid=271828182&userid=alice&usersig=eJy*-_&appscene=videocall&encsmall=0&cloudenv=PRO&enableBlackStream=&streamid=&userdefinerecordid=&privatemapkey=&pureaudiomode=&recvmode=1"
    );
    let with_key = PushUrlParams {
        private_map_key: Some("eJw1jk*-_AB9"),
        ..params()
    };
    assert_eq!(
        push_url(&with_key).unwrap(),
        "room://cloud.tencent.com/rtc?sdkappid=1400000000&roomid=271828182&userid=alice&usersig=eJy*-_&appscene=videocall&encsmall=0&cloudenv=PRO&enableBlackStream=&streamid=&userdefinerecordid=&privatemapkey=eJw1jk*-_AB9&pureaudiomode=&recvmode=1"
    );
    // An empty key is no key.
    let empty_key = PushUrlParams {
        private_map_key: Some(""),
        ..params()
    };
    assert_eq!(push_url(&empty_key), push_url(&params()));
    // The extremes of the ranges.
    let extremes = PushUrlParams {
        sdk_app_id: u32::MAX,
        room_id: u32::MAX,
        user_id: "a-b_c.d@e!",
        ..params()
    };
    assert!(push_url(&extremes).unwrap().starts_with(
        "room://cloud.tencent.com/rtc?sdkappid=4294967295&roomid=4294967295&userid=a-b_c.d@e!&"
    ));
}

#[test]
fn push_url_errors() {
    let cases: Vec<(PushUrlParams<'_>, PushUrlError)> = vec![
        (
            PushUrlParams {
                sdk_app_id: 0,
                ..params()
            },
            PushUrlError::MissingSdkAppId,
        ),
        (
            PushUrlParams {
                room_id: 0,
                ..params()
            },
            PushUrlError::InvalidRoomId,
        ),
        (
            PushUrlParams {
                user_id: "",
                ..params()
            },
            PushUrlError::InvalidUserId,
        ),
        (
            PushUrlParams {
                user_id: "a&b",
                ..params()
            },
            PushUrlError::InvalidUserId,
        ),
        (
            PushUrlParams {
                user_id: "a=b",
                ..params()
            },
            PushUrlError::InvalidUserId,
        ),
        (
            PushUrlParams {
                user_id: "a?b",
                ..params()
            },
            PushUrlError::InvalidUserId,
        ),
        (
            PushUrlParams {
                user_id: "a#b",
                ..params()
            },
            PushUrlError::InvalidUserId,
        ),
        (
            PushUrlParams {
                user_id: "a%20",
                ..params()
            },
            PushUrlError::InvalidUserId,
        ),
        (
            PushUrlParams {
                user_id: "a b",
                ..params()
            },
            PushUrlError::InvalidUserId,
        ),
        (
            PushUrlParams {
                user_id: "a\tb",
                ..params()
            },
            PushUrlError::InvalidUserId,
        ),
        (
            PushUrlParams {
                user_id: "a\nb",
                ..params()
            },
            PushUrlError::InvalidUserId,
        ),
        (
            PushUrlParams {
                user_id: "a\0b",
                ..params()
            },
            PushUrlError::InvalidUserId,
        ),
        (
            PushUrlParams {
                user_id: "张三",
                ..params()
            },
            PushUrlError::InvalidUserId,
        ),
        (
            PushUrlParams {
                user_id: "é",
                ..params()
            },
            PushUrlError::InvalidUserId,
        ),
        (
            PushUrlParams {
                user_id: "u".repeat(MAX_USER_ID_BYTES + 1).leak(),
                ..params()
            },
            PushUrlError::InvalidUserId,
        ),
        (
            PushUrlParams {
                user_sig: "",
                ..params()
            },
            PushUrlError::MissingUserSig,
        ),
        (
            PushUrlParams {
                user_sig: "eJy+/=",
                ..params()
            },
            PushUrlError::InvalidUserSig,
        ),
        (
            PushUrlParams {
                user_sig: "eJy&x",
                ..params()
            },
            PushUrlError::InvalidUserSig,
        ),
        (
            PushUrlParams {
                user_sig: "eJy x",
                ..params()
            },
            PushUrlError::InvalidUserSig,
        ),
        (
            PushUrlParams {
                user_sig: "A".repeat(MAX_USERSIG_CHARS + 1).leak(),
                ..params()
            },
            PushUrlError::InvalidUserSig,
        ),
        (
            PushUrlParams {
                private_map_key: Some("k&y"),
                ..params()
            },
            PushUrlError::InvalidPrivateMapKey,
        ),
        (
            PushUrlParams {
                private_map_key: Some("密钥"),
                ..params()
            },
            PushUrlError::InvalidPrivateMapKey,
        ),
        // The first problem wins.
        (
            PushUrlParams {
                sdk_app_id: 0,
                room_id: 0,
                user_id: "",
                user_sig: "",
                private_map_key: Some("&"),
            },
            PushUrlError::MissingSdkAppId,
        ),
        (
            PushUrlParams {
                user_sig: "",
                private_map_key: Some("&"),
                ..params()
            },
            PushUrlError::MissingUserSig,
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(push_url(&input), Err(expected), "{input:?}");
        assert!(!expected.to_string().is_empty());
    }
    let longest = "u".repeat(MAX_USER_ID_BYTES);
    assert!(push_url(&PushUrlParams {
        user_id: &longest,
        ..params()
    })
    .is_ok());
}

#[test]
fn push_url_params_debug_redacts_credentials() {
    let shown = format!(
        "{:?}",
        PushUrlParams {
            private_map_key: Some("SECRETKEY"),
            user_sig: "SECRETSIG",
            ..params()
        }
    );
    assert!(shown.contains("alice"));
    assert!(!shown.contains("SECRETSIG"));
    assert!(!shown.contains("SECRETKEY"));
}

// ---------------------------------------------------------------------------------------------
// Pusher attributes
// ---------------------------------------------------------------------------------------------

#[test]
fn pusher_config_for_video_and_audio_calls() {
    let url = push_url(&params()).unwrap();
    let video_call = PusherConfig::for_call(url.clone(), MediaType::Video);
    assert_eq!(
        video_call,
        PusherConfig {
            url: url.clone(),
            mode: "RTC",
            autopush: true,
            enable_camera: true,
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
    );
    let audio_call = PusherConfig::for_call(url.clone(), MediaType::Audio);
    assert_eq!(
        audio_call,
        PusherConfig {
            enable_camera: false,
            ..video_call.clone()
        }
    );

    let mut config = video_call;
    config.set_mic(false);
    assert!(!config.enable_mic && config.muted);
    config.set_mic(true);
    assert!(config.enable_mic && !config.muted);
    config.set_front_camera(false);
    assert_eq!(config.device_position, "back");
    config.set_front_camera(true);
    assert_eq!(config.device_position, "front");
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/// A pusher code: mostly the interesting ones, sometimes anything.
fn any_code() -> impl Strategy<Value = i32> {
    prop_oneof![
        4 => prop::sample::select(vec![1018, 1019, 1020, 1031, 1032, 1033, 1034]),
        1 => any::<i32>(),
    ]
}

/// A message: mostly well-formed user lists over a few users, sometimes garbage.
fn any_message() -> impl Strategy<Value = String> {
    let entry = (
        prop::sample::select(vec!["a", "b", "c", "d", ""]),
        prop::sample::select(vec!["main", "aux", "small", "x"]),
        prop::sample::select(vec!["true", "false", "1", "0", "\"1\"", "null"]),
        prop::sample::select(vec!["true", "false", "0", "1"]),
        prop::sample::select(vec!["", "room://u1", "room://u2"]),
    )
        .prop_map(|(id, stream, has_video, has_audio, url)| {
            format!(
                r#"{{"userid":"{id}","streamtype":"{stream}","hasvideo":{has_video},"hasaudio":{has_audio},"playurl":"{url}"}}"#
            )
        });
    prop_oneof![
        6 => prop::collection::vec(entry, 0..5).prop_map(|entries| list(&entries.join(","))),
        1 => any::<String>(),
        1 => "[\\[\\]{}\",:a-z0-9 ]{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Never panics, and the bookkeeping stays consistent: players belong to present users,
    /// are ordered, and are never fully muted; events report exactly the presence changes.
    #[test]
    fn events_match_state(steps in prop::collection::vec((any_code(), any_message()), 0..40)) {
        let mut room = Room::new();
        for (code, message) in steps {
            let before: BTreeSet<String> = room.present_users().into_iter().collect();
            let players_before = room.players();
            let events = room.handle_pusher_state(code, &message);
            let after: BTreeSet<String> = room.present_users().into_iter().collect();

            let mut expected = before.clone();
            let mut streams_changed = false;
            for event in &events {
                match event {
                    RoomEvent::RemoteEntered(ids) => {
                        prop_assert!(!ids.is_empty());
                        for id in ids {
                            prop_assert!(expected.insert(id.clone()), "entered twice: {id}");
                        }
                    }
                    RoomEvent::RemoteLeft(ids) => {
                        prop_assert!(!ids.is_empty());
                        for id in ids {
                            prop_assert!(expected.remove(id), "left but absent: {id}");
                        }
                    }
                    RoomEvent::StreamsChanged => streams_changed = true,
                    RoomEvent::LocalEntered
                    | RoomEvent::LocalLeft
                    | RoomEvent::NeedReenter
                    | RoomEvent::EnterFailed { .. }
                    | RoomEvent::Suspended
                    | RoomEvent::FloatingWindowClosed
                    | RoomEvent::Error { .. }
                    | RoomEvent::Info { .. } => {}
                }
            }
            prop_assert_eq!(&expected, &after);

            let players = room.players();
            for player in &players {
                prop_assert!(after.contains(&player.user_id));
                prop_assert!(!(player.mute_audio && player.mute_video));
                prop_assert_eq!(&player.id, &format!("{}_{}", player.user_id, player.stream_type.as_str()));
                prop_assert_eq!(player.object_fit, player.stream_type.object_fit());
                if player.stream_type == StreamType::Aux {
                    prop_assert!(player.mute_audio);
                }
            }
            prop_assert!(players.windows(2).all(|pair| (&pair[0].user_id, pair[0].stream_type)
                < (&pair[1].user_id, pair[1].stream_type)));
            // Streams of users still present change only with StreamsChanged.
            if !streams_changed {
                let kept = |list: &[Player]| -> Vec<Player> {
                    list.iter().filter(|p| after.contains(&p.user_id) && before.contains(&p.user_id)).cloned().collect()
                };
                prop_assert_eq!(kept(&players_before), kept(&players));
            }
        }
    }

    /// Arbitrary text as any code's message never panics.
    #[test]
    fn arbitrary_messages_never_panic(code in any::<i32>(), message in any::<String>()) {
        let mut room = room_with(&["a"]);
        let _ = room.handle_pusher_state(code, &message);
        let _ = room.handle_pusher_error(code, &message);
    }

    /// push_url either fails or builds a URL whose query has exactly the 13 parameters, in order.
    #[test]
    fn push_url_shape(
        sdk_app_id in any::<u32>(),
        room_id in any::<u32>(),
        user_id in "\\PC{0,40}",
        user_sig in "[A-Za-z0-9*_+/=-]{0,20}",
    ) {
        let input = PushUrlParams { sdk_app_id, room_id, user_id: &user_id, user_sig: &user_sig, private_map_key: None };
        if let Ok(url) = push_url(&input) {
            let query = url.strip_prefix("room://cloud.tencent.com/rtc?").unwrap();
            let keys: Vec<&str> = query.split('&').map(|pair| pair.split_once('=').unwrap().0).collect();
            prop_assert_eq!(keys, vec![
                "sdkappid", "roomid", "userid", "usersig", "appscene", "encsmall", "cloudenv",
                "enableBlackStream", "streamid", "userdefinerecordid", "privatemapkey",
                "pureaudiomode", "recvmode",
            ]);
        }
    }
}
