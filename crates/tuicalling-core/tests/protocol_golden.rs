//! Golden wire tests: every example of the original mini-program's signaling (spec §3.7, every
//! case of §3.3, corrected by what the original was observed to send) encodes byte for byte,
//! and decoding then re-encoding gives the same bytes. Then the shapes *we* send: the same
//! plus `data.inviter`, with the original's defects fixed.

use tuicalling_core::protocol::outgoing::{self, NewCall};
use tuicalling_core::protocol::{
    decode, encode, Action, Cmd, InviteKind, MediaType, OfflinePushInfo, RejectReason, Signal,
};
use tuicalling_core::RoomId;

const ROOM: u32 = 271_828_182;

/// An envelope exactly as TSignaling writes it, with the inner data given as plain JSON.
fn wire(
    invite_id: &str,
    inviter: &str,
    action: u8,
    invitees: &[&str],
    inner: &str,
    timeout: u32,
    group: &str,
) -> String {
    let list = invitees
        .iter()
        .map(|id| format!("\"{id}\""))
        .collect::<Vec<_>>()
        .join(",");
    let data = serde_json::to_string(inner).unwrap();
    format!(
        r#"{{"businessID":1,"inviteID":"{invite_id}","inviter":"{inviter}","actionType":{action},"inviteeList":[{list}],"data":{data},"timeout":{timeout},"groupID":"{group}"}}"#
    )
}

/// The original never sends `data.inviter`, hides nothing from chat history and has no
/// `sendsHangupNotice`; ours do.
fn as_original(mut signal: Signal) -> Signal {
    signal.data_inviter = None;
    signal.exclude_from_history = false;
    signal.sends_hangup_notice = false;
    signal
}

/// Encodes to `expected`, and decoding `expected` re-encodes to the same bytes.
fn assert_golden(signal: &Signal, expected: &str) {
    assert_eq!(encode(signal).as_deref(), Ok(expected));
    let decoded = decode(expected).unwrap_or_else(|e| panic!("decode failed: {e}: {expected}"));
    assert_eq!(&decoded, signal, "decoded model");
    assert_eq!(encode(&decoded).as_deref(), Ok(expected), "re-encoded");
}

fn video_call() -> NewCall {
    NewCall {
        invite_id: "9f1c-1".into(),
        inviter: "alice".into(),
        invitees: vec!["bob".into()],
        group_id: String::new(),
        media: MediaType::Video,
        room: ROOM,
        user_ids: None,
        timeout: 30,
    }
}

fn invite() -> Signal {
    outgoing::call_invite(video_call())
}

const INVITE_INNER: &str = r#"{"extraInfo":"","version":4,"call_type":2,"room_id":271828182,"businessID":"av_call","platform":"MiniApp","data":{"cmd":"videoCall","room_id":271828182,"message":""}}"#;
const RESPONSE_INNER: &str = r#"{"extraInfo":"","version":4,"call_type":2,"businessID":"av_call","platform":"MiniApp","data":{"cmd":"videoCall","message":""}}"#;

#[test]
fn original_1v1_invite() {
    let expected = wire("9f1c-1", "alice", 1, &["bob"], INVITE_INNER, 30, "");
    assert!(expected.starts_with(r#"{"businessID":1,"inviteID":"9f1c-1","inviter":"alice","actionType":1,"inviteeList":["bob"],"data":"{\"extraInfo\":\"\",\"version\":4,"#));
    assert_golden(&as_original(invite()), &expected);
    assert_eq!(
        invite().invite_kind(),
        Some(InviteKind::Call {
            media: MediaType::Video
        })
    );
}

#[test]
fn original_accept_reject_cancel() {
    let accept = wire("9f1c-1", "alice", 3, &["bob"], RESPONSE_INNER, 0, "");
    assert_golden(&as_original(outgoing::accept(&invite(), "bob")), &accept);
    let reject = wire("9f1c-1", "alice", 4, &["bob"], RESPONSE_INNER, 0, "");
    let rejected = as_original(outgoing::reject(&invite(), "bob", RejectReason::Normal));
    assert_golden(&rejected, &reject);
    assert_eq!(rejected.reject_reason(), Some(RejectReason::Normal));
    let cancel = wire("9f1c-1", "alice", 2, &["bob"], RESPONSE_INNER, 0, "");
    assert_golden(
        &as_original(outgoing::cancel(&invite(), vec!["bob".into()])),
        &cancel,
    );
}

#[test]
fn original_busy_reject_without_call_type_still_decodes_as_busy() {
    let inner = r#"{"extraInfo":"","version":4,"line_busy":"line_busy","businessID":"av_call","platform":"MiniApp","data":{"message":"lineBusy"}}"#;
    let expected = wire("9f1c-1", "alice", 4, &["bob"], inner, 0, "");
    let mut original = as_original(outgoing::reject(&invite(), "bob", RejectReason::LineBusy));
    original.call_type = None; // the original's defect
    original.cmd = None;
    assert_golden(&original, &expected);
    assert_eq!(
        decode(&expected).unwrap().reject_reason(),
        Some(RejectReason::LineBusy)
    );
}

#[test]
fn original_timeout_notice_carries_the_invite_data() {
    let expected = wire("9f1c-1", "alice", 5, &["bob"], INVITE_INNER, 0, "");
    assert_golden(
        &as_original(outgoing::timeout_notice(&invite(), vec!["bob".into()])),
        &expected,
    );
}

#[test]
fn original_1v1_hangup_notice() {
    let inner = r#"{"extraInfo":"","version":4,"call_type":2,"call_end":37,"businessID":"av_call","platform":"MiniApp","data":{"cmd":"hangup","message":""}}"#;
    let expected = wire("new-2", "bob", 1, &["alice"], inner, 0, "");
    let notice = outgoing::hangup_notice(
        "new-2",
        "bob",
        vec!["alice".into()],
        "",
        MediaType::Video,
        37,
        "alice",
    );
    assert_golden(&as_original(notice.clone()), &expected);
    assert_eq!(
        notice.invite_kind(),
        Some(InviteKind::Hangup { call_end: 37 })
    );
}

#[test]
fn original_group_hangup_notice() {
    let inner = r#"{"extraInfo":"","version":4,"call_type":1,"call_end":0,"businessID":"av_call","platform":"MiniApp","data":{"cmd":"hangup","message":""}}"#;
    let expected = wire("new-3", "carol", 1, &["carol"], inner, 0, "@TGS#group1");
    let notice = outgoing::hangup_notice(
        "new-3",
        "carol",
        vec!["carol".into()],
        "@TGS#group1",
        MediaType::Audio,
        0,
        "alice",
    );
    assert_golden(&as_original(notice), &expected);
}

#[test]
fn original_group_and_multi_c2c_invites() {
    let group_inner = r#"{"extraInfo":"","version":4,"call_type":1,"room_id":42,"businessID":"av_call","platform":"MiniApp","data":{"cmd":"audioCall","room_id":42,"message":""}}"#;
    let expected = wire(
        "g-1",
        "alice",
        1,
        &["bob", "carol"],
        group_inner,
        30,
        "@TGS#group1",
    );
    let group = outgoing::call_invite(NewCall {
        invite_id: "g-1".into(),
        invitees: vec!["bob".into(), "carol".into()],
        group_id: "@TGS#group1".into(),
        media: MediaType::Audio,
        room: 42,
        ..video_call()
    });
    assert_golden(&as_original(group.clone()), &expected);
    assert!(group.is_group_call());

    let multi_inner = r#"{"extraInfo":"","version":4,"call_type":1,"room_id":42,"businessID":"av_call","platform":"MiniApp","data":{"cmd":"audioCall","room_id":42,"message":"","userIDs":["bob","carol"]}}"#;
    let expected = wire("m-1", "alice", 1, &["bob"], multi_inner, 30, "");
    let multi = outgoing::call_invite(NewCall {
        invite_id: "m-1".into(),
        media: MediaType::Audio,
        room: 42,
        user_ids: Some(vec!["bob".into(), "carol".into()]),
        ..video_call()
    });
    assert_golden(&as_original(multi.clone()), &expected);
    assert!(multi.is_group_call());
}

#[test]
fn original_switch_to_audio_request_and_accept() {
    let request_inner = r#"{"extraInfo":"","version":4,"call_type":2,"room_id":271828182,"switch_to_audio_call":"switch_to_audio_call","businessID":"av_call","platform":"MiniApp","data":{"cmd":"switchToAudio","room_id":271828182,"message":""}}"#;
    let request = outgoing::switch_request("s-1", "alice", "bob", MediaType::Video, ROOM);
    assert_golden(
        &as_original(request.clone()),
        &wire("s-1", "alice", 1, &["bob"], request_inner, 30, ""),
    );
    assert_eq!(
        request.invite_kind(),
        Some(InviteKind::Switch {
            to: MediaType::Audio
        })
    );

    let accept_inner = r#"{"extraInfo":"","version":4,"call_type":2,"switch_to_audio_call":"switch_to_audio_call","businessID":"av_call","platform":"MiniApp","data":{"cmd":"switchToAudio","message":""}}"#;
    let accept = outgoing::switch_accept(&request, "bob");
    assert_golden(
        &as_original(accept),
        &wire("s-1", "alice", 3, &["bob"], accept_inner, 0, ""),
    );
}

#[test]
fn original_switch_to_video_request_and_accept() {
    let request_inner = r#"{"extraInfo":"","version":4,"call_type":1,"room_id":271828182,"businessID":"av_call","platform":"MiniApp","data":{"cmd":"switchToVideo","room_id":271828182,"message":""}}"#;
    let request = outgoing::switch_request("s-2", "alice", "bob", MediaType::Audio, ROOM);
    assert_golden(
        &as_original(request.clone()),
        &wire("s-2", "alice", 1, &["bob"], request_inner, 30, ""),
    );
    assert_eq!(
        request.invite_kind(),
        Some(InviteKind::Switch {
            to: MediaType::Video
        })
    );
    let accept_inner = r#"{"extraInfo":"","version":4,"call_type":1,"businessID":"av_call","platform":"MiniApp","data":{"cmd":"switchToVideo","message":""}}"#;
    let accept = outgoing::switch_accept(&request, "bob");
    assert_golden(
        &as_original(accept),
        &wire("s-2", "alice", 3, &["bob"], accept_inner, 0, ""),
    );
}

#[test]
fn original_multi_c2c_end_notice_decodes_as_a_roomless_call() {
    // The original's defective "end" notice in multi-C2C mode: a ringing invite without a room.
    let inner = r#"{"extraInfo":"","version":4,"call_type":1,"businessID":"av_call","platform":"MiniApp","data":{"cmd":"audioCall","message":"","userIDs":["carol"]}}"#;
    let signal = decode(&wire("x-9", "alice", 1, &["carol"], inner, 30, "")).unwrap();
    assert_eq!(
        signal.invite_kind(),
        Some(InviteKind::Call {
            media: MediaType::Audio
        })
    );
    assert_eq!(
        signal.room, None,
        "the engine must not ring a call it cannot join"
    );
}

// ---- what we send: V1 shapes + data.inviter (+ excludeFromHistoryMessage), defects fixed ----

#[test]
fn ours_carry_data_inviter_and_never_call_end_on_invites() {
    let expected_inner = r#"{"extraInfo":"","version":4,"call_type":2,"room_id":271828182,"businessID":"av_call","platform":"MiniApp","data":{"cmd":"videoCall","room_id":271828182,"message":"","inviter":"alice","excludeFromHistoryMessage":true,"sendsHangupNotice":true}}"#;
    assert_golden(
        &invite(),
        &wire("9f1c-1", "alice", 1, &["bob"], expected_inner, 30, ""),
    );
    assert!(!encode(&invite()).unwrap().contains("call_end"));
    let accept_inner = r#"{"extraInfo":"","version":4,"call_type":2,"businessID":"av_call","platform":"MiniApp","data":{"cmd":"videoCall","message":"","inviter":"alice","excludeFromHistoryMessage":true,"sendsHangupNotice":true}}"#;
    assert_golden(
        &outgoing::accept(&invite(), "bob"),
        &wire("9f1c-1", "alice", 3, &["bob"], accept_inner, 0, ""),
    );
}

#[test]
fn only_our_invites_accepts_and_switches_are_hidden_from_chat_history() {
    // The current engines' rule (signaling-versions.md "Newest v2 payloads", and their switch
    // request and accept as the cross-engine suite observed them): chat 3.x and TUIChat hide a
    // call message whose data contains `excludeFromHistoryMessage`; cancel, reject, busy,
    // timeout and hang-up stay visible as call records.
    let hidden = |signal: &Signal| {
        encode(signal)
            .unwrap()
            .contains("excludeFromHistoryMessage")
    };
    assert!(hidden(&invite()));
    assert!(hidden(&outgoing::accept(&invite(), "bob")));
    let switch = outgoing::switch_request("s-1", "alice", "bob", MediaType::Video, ROOM);
    assert!(hidden(&switch));
    assert!(hidden(&outgoing::switch_accept(&switch, "bob")));
    let visible = [
        outgoing::reject(&invite(), "bob", RejectReason::Normal),
        outgoing::reject(&invite(), "bob", RejectReason::LineBusy),
        outgoing::cancel(&invite(), vec!["bob".into()]),
        outgoing::timeout_notice(&invite(), vec!["bob".into()]),
        outgoing::hangup_notice(
            "h-1",
            "alice",
            vec!["bob".into()],
            "",
            MediaType::Video,
            9,
            "alice",
        ),
    ];
    for signal in &visible {
        assert!(!hidden(signal), "{signal:?}");
    }
}

#[test]
fn only_our_invites_and_accepts_say_we_send_hangup_notices() {
    let says = |signal: &Signal| {
        encode(signal)
            .unwrap()
            .contains("\\\"sendsHangupNotice\\\":true")
    };
    assert!(says(&invite()));
    assert!(says(&outgoing::accept(&invite(), "bob")));
    let switch = outgoing::switch_request("s-1", "alice", "bob", MediaType::Video, ROOM);
    for signal in [
        outgoing::reject(&invite(), "bob", RejectReason::Normal),
        outgoing::cancel(&invite(), vec!["bob".into()]),
        outgoing::timeout_notice(&invite(), vec!["bob".into()]),
        outgoing::switch_accept(&switch, "bob"),
        switch,
    ] {
        assert!(!says(&signal), "{signal:?}");
    }
    assert!(
        decode(&encode(&invite()).unwrap())
            .unwrap()
            .sends_hangup_notice
    );
}

#[test]
fn our_busy_reject_keeps_call_type_and_cmd() {
    let inner = r#"{"extraInfo":"","version":4,"call_type":2,"line_busy":"line_busy","businessID":"av_call","platform":"MiniApp","data":{"cmd":"videoCall","message":"lineBusy","inviter":"alice"}}"#;
    let busy = outgoing::reject(&invite(), "bob", RejectReason::LineBusy);
    assert_golden(&busy, &wire("9f1c-1", "alice", 4, &["bob"], inner, 0, ""));
    assert_eq!(busy.reject_reason(), Some(RejectReason::LineBusy));
}

#[test]
fn our_multi_c2c_hangup_notice_never_rings() {
    let notice = outgoing::hangup_notice(
        "h-1",
        "alice",
        vec!["carol".into()],
        "",
        MediaType::Audio,
        12,
        "alice",
    );
    assert_eq!(notice.timeout, 0);
    assert_eq!(notice.room, None);
    assert_eq!(notice.user_ids, None);
    assert_eq!(
        notice.invite_kind(),
        Some(InviteKind::Hangup { call_end: 12 })
    );
    let decoded = decode(&encode(&notice).unwrap()).unwrap();
    assert_eq!(
        decoded.invite_kind(),
        Some(InviteKind::Hangup { call_end: 12 })
    );
    assert_eq!(decoded.cmd, Some(Cmd::Hangup));
}

#[test]
fn offline_push_extension_has_the_real_call_type_room_and_timeout() {
    let push = OfflinePushInfo::for_invite(&invite(), 1_700_000_000, "", "", "").unwrap();
    assert_eq!(push.description, "您有一个通话请求");
    let expected = r#"{"entity":{"action":2,"chatType":1,"content":"{\"action\":1,\"call_type\":2,\"room_id\":271828182,\"call_id\":\"9f1c-1\",\"timeout\":30,\"version\":4,\"invited_list\":[\"bob\"]}","sendTime":1700000000,"sender":"alice","version":1}}"#;
    assert_eq!(push.extension, expected);
    let accept = outgoing::accept(&invite(), "bob");
    assert_eq!(OfflinePushInfo::for_invite(&accept, 0, "", "", ""), None);
    let group = Signal {
        group_id: "@TGS#g".into(),
        ..invite()
    };
    let push = OfflinePushInfo::for_invite(&group, 5, "Call", "alice calls", "tuikit").unwrap();
    assert!(push.extension.contains(r#"\"group_id\":\"@TGS#g\""#));
    assert!(push.extension.contains(r#""chatType":2"#));
    assert_eq!(
        (
            push.title.as_str(),
            push.description.as_str(),
            push.android_oppo_channel_id.as_str()
        ),
        ("Call", "alice calls", "tuikit")
    );
}

#[test]
fn room_ids_above_i32_round_trip() {
    let big = outgoing::call_invite(NewCall {
        room: 4_294_967_294,
        ..video_call()
    });
    let decoded = decode(&encode(&big).unwrap()).unwrap();
    assert_eq!(decoded.room, Some(RoomId::Numeric(4_294_967_294)));
    assert_eq!(decoded.action, Action::Invite);
}

// ---- what an old V1 receiver makes of what we send ----

/// What a V1 client does with a received envelope, by the receive rules listed in
/// signaling-versions.md §2 ("Sending: what older clients can understand"): the V1 mini-program
/// TRTCCalling (and tuicall-engine-wx 1.0.x) and, for `data.cmd`, Android V1's new-format path
/// (`platform` and `businessID` non-empty). Unknown inner keys are never looked at.
#[derive(Debug, PartialEq, Eq)]
enum V1Reaction {
    /// Rings with this `call_type` and `room_id`.
    Rings(u64, u64),
    /// Treats it as the end of the call (CALL_END).
    Ends,
    Accepted,
    Rejected,
    Busy,
    Cancelled,
    TimedOut,
}

fn v1_miniprogram_reaction(wire: &str) -> V1Reaction {
    let envelope: serde_json::Value = serde_json::from_str(wire).unwrap();
    let data: serde_json::Value = serde_json::from_str(envelope["data"].as_str().unwrap()).unwrap();
    let group = !envelope["groupID"].as_str().unwrap_or_default().is_empty();
    match envelope["actionType"].as_u64().unwrap() {
        1 => {
            let room = data["room_id"].as_u64();
            let call_end = data["call_end"].as_u64();
            // TRTCCalling.js L133 (group) and L137 (1v1): end-of-call notices.
            if group && (room.is_none() || call_end == Some(0)) || !group && call_end.is_some() {
                return V1Reaction::Ends;
            }
            V1Reaction::Rings(data["call_type"].as_u64().unwrap(), room.unwrap())
        }
        2 => V1Reaction::Cancelled,
        3 => V1Reaction::Accepted,
        4 if data.get("line_busy").is_some() || data["data"]["message"] == "lineBusy" => {
            V1Reaction::Busy
        }
        4 => V1Reaction::Rejected,
        _ => V1Reaction::TimedOut,
    }
}

/// Android V1 (TRTCCalling.java `isNewSignallingVersion` → `handleNewSignallingInvite`): a
/// new-format invite means what its `data.cmd` says.
fn v1_android_invite_cmd(wire: &str) -> String {
    let envelope: serde_json::Value = serde_json::from_str(wire).unwrap();
    let data: serde_json::Value = serde_json::from_str(envelope["data"].as_str().unwrap()).unwrap();
    assert!(!data["platform"].as_str().unwrap_or_default().is_empty());
    assert_eq!(data["businessID"], "av_call");
    data["data"]["cmd"].as_str().unwrap().to_owned()
}

#[test]
fn v1_receivers_still_ring_and_end_with_our_hidden_invites_and_accepts() {
    let ours = |signal: &Signal| encode(signal).unwrap();
    let invite_wire = ours(&invite());
    assert!(invite_wire.contains("excludeFromHistoryMessage"));
    assert_eq!(
        v1_miniprogram_reaction(&invite_wire),
        V1Reaction::Rings(2, u64::from(ROOM))
    );
    assert_eq!(v1_android_invite_cmd(&invite_wire), "videoCall");
    let group_invite = Signal {
        group_id: "@TGS#g".into(),
        ..invite()
    };
    assert_eq!(
        v1_miniprogram_reaction(&ours(&group_invite)),
        V1Reaction::Rings(2, u64::from(ROOM))
    );
    let accept_wire = ours(&outgoing::accept(&invite(), "bob"));
    assert!(accept_wire.contains("excludeFromHistoryMessage"));
    assert_eq!(v1_miniprogram_reaction(&accept_wire), V1Reaction::Accepted);
    let reactions = [
        (
            outgoing::reject(&invite(), "bob", RejectReason::Normal),
            V1Reaction::Rejected,
        ),
        (
            outgoing::reject(&invite(), "bob", RejectReason::LineBusy),
            V1Reaction::Busy,
        ),
        (
            outgoing::cancel(&invite(), vec!["bob".into()]),
            V1Reaction::Cancelled,
        ),
        (
            outgoing::timeout_notice(&invite(), vec!["bob".into()]),
            V1Reaction::TimedOut,
        ),
        (
            outgoing::hangup_notice(
                "h-1",
                "bob",
                vec!["alice".into()],
                "",
                MediaType::Video,
                9,
                "alice",
            ),
            V1Reaction::Ends,
        ),
        (
            outgoing::hangup_notice(
                "h-2",
                "bob",
                vec!["alice".into()],
                "@TGS#g",
                MediaType::Video,
                0,
                "alice",
            ),
            V1Reaction::Ends,
        ),
    ];
    for (signal, expected) in reactions {
        assert_eq!(
            v1_miniprogram_reaction(&ours(&signal)),
            expected,
            "{signal:?}"
        );
    }
    let hangup = ours(&outgoing::hangup_notice(
        "h-3",
        "bob",
        vec!["alice".into()],
        "",
        MediaType::Audio,
        9,
        "alice",
    ));
    assert_eq!(v1_android_invite_cmd(&hangup), "hangup");
    // The engine's 1v1 notices also name the room (so a late one cannot end a later call):
    // V1 still reads a 1v1 invite with `call_end` as the end of the call.
    let mut with_room = outgoing::hangup_notice(
        "h-4",
        "bob",
        vec!["alice".into()],
        "",
        MediaType::Video,
        9,
        "alice",
    );
    with_room.room = Some(RoomId::Numeric(ROOM));
    assert_eq!(v1_miniprogram_reaction(&ours(&with_room)), V1Reaction::Ends);
    // Our own decoder (the V1-shaped paths included) reads the flag and the meaning.
    let decoded = decode(&invite_wire).unwrap();
    assert!(decoded.exclude_from_history);
    assert_eq!(
        decoded.invite_kind(),
        Some(InviteKind::Call {
            media: MediaType::Video
        })
    );
    assert!(decode(&accept_wire).unwrap().exclude_from_history);
}

/// What a native TUIKit app's offline-push handler does when the user taps a call push (the
/// TUIKit-era `handleOfflinePushCall`): it reads `entity.content` as its call model, drops the
/// push as timed out when `serverTime - sendTime >= timeout` (a missing `timeout` reads 0),
/// and otherwise rings with `call_type` as the media (1 audio, 2 video).
fn native_push_tap(extension: &str, server_time: u64) -> Result<u64, &'static str> {
    let outer: serde_json::Value = serde_json::from_str(extension).unwrap();
    let entity = &outer["entity"];
    assert_eq!(entity["action"], 2, "a call push");
    let content: serde_json::Value =
        serde_json::from_str(entity["content"].as_str().unwrap()).unwrap();
    let timeout = content["timeout"].as_u64().unwrap_or(0);
    if server_time - entity["sendTime"].as_u64().unwrap() >= timeout {
        return Err("call timed out");
    }
    Ok(content["call_type"].as_u64().unwrap_or(0))
}

#[test]
fn a_native_push_handler_rings_our_invites_push_with_the_real_media_but_not_v1s() {
    // Ours: the real call type and timeout, so a push tapped 5 s later rings a video call.
    let ours = OfflinePushInfo::for_invite(&invite(), 1_700_000_000, "", "", "").unwrap();
    assert_eq!(native_push_tap(&ours.extension, 1_700_000_005), Ok(2));
    assert_eq!(
        native_push_tap(&ours.extension, 1_700_000_030),
        Err("call timed out"),
        "a stale push still times out"
    );
    // V1's (tuicalling-spec.md §3.5): the chat type in call_type, no room_id, no timeout.
    let v1 = r#"{"entity":{"action":2,"chatType":1,"content":"{\"action\":1,\"call_type\":1,\"call_id\":\"9f1c-1\",\"version\":4,\"invited_list\":[\"bob\"]}","sendTime":1700000000,"sender":"alice","version":1}}"#;
    assert_eq!(native_push_tap(v1, 1_700_000_005), Err("call timed out"));
}
