//! Messages as each Tencent client family sends them decode to the right meaning, and what is
//! not ours or is out of bounds gets a typed error. Payloads are from
//! signaling-versions.md (observed from the 2025 engine) and the client sources it cites.

use serde_json::{json, Value};
use tuicalling_core::protocol::{
    decode, decode_element, Action, Cmd, InviteKind, MediaType, RejectReason, SignalError,
    MAX_JSON_DEPTH, MAX_PAYLOAD_BYTES, MAX_USER_ID_BYTES, MAX_USER_LIST,
};
use tuicalling_core::RoomId;

/// A TSignaling envelope around `inner` (given as JSON, sent as a string like TSignaling does).
fn envelope(action: u8, invitees: &[&str], inner: &Value, timeout: u32, group: &str) -> String {
    json!({
        "businessID": 1, "inviteID": "id-1", "inviter": "alice", "actionType": action,
        "inviteeList": invitees, "data": inner.to_string(), "timeout": timeout, "groupID": group,
    })
    .to_string()
}

fn kind_of(text: &str) -> InviteKind {
    decode(text).unwrap().invite_kind().unwrap()
}

const CALL_VIDEO: InviteKind = InviteKind::Call {
    media: MediaType::Video,
};
const CALL_AUDIO: InviteKind = InviteKind::Call {
    media: MediaType::Audio,
};

#[test]
fn native_v1_android_and_ios_invites() {
    for platform in ["Android", "iOS", "Web", "MiniApp"] {
        let inner = json!({"version":4,"businessID":"av_call","platform":platform,"call_type":2,
            "room_id":12345,"data":{"cmd":"videoCall","room_id":12345,"message":""}});
        let signal = decode(&envelope(1, &["bob"], &inner, 30, "")).unwrap();
        assert_eq!(signal.invite_kind(), Some(CALL_VIDEO), "{platform}");
        assert_eq!(signal.room, Some(RoomId::Numeric(12345)));
        assert_eq!(signal.platform.as_deref(), Some(platform));
    }
}

#[test]
fn pre_2021_flat_format() {
    // Android sent version 1 and no businessID/platform/data.
    let invite = json!({"version":1,"call_type":1,"room_id":888});
    let signal = decode(&envelope(1, &["bob"], &invite, 30, "")).unwrap();
    assert_eq!(signal.invite_kind(), Some(CALL_AUDIO));
    assert_eq!(signal.version, Some(1));
    let hangup = json!({"version":1,"call_type":1,"call_end":12});
    assert_eq!(
        kind_of(&envelope(1, &["bob"], &hangup, 0, "")),
        InviteKind::Hangup { call_end: 12 }
    );
    let busy = json!({"version":1,"call_type":1,"line_busy":""});
    assert_eq!(
        decode(&envelope(4, &["bob"], &busy, 0, ""))
            .unwrap()
            .reject_reason(),
        Some(RejectReason::LineBusy)
    );
    let switch = json!({"version":4,"call_type":2,"room_id":5,"switch_to_audio_call":"switch_to_audio_call"});
    assert_eq!(
        kind_of(&envelope(1, &["bob"], &switch, 30, "")),
        InviteKind::Switch {
            to: MediaType::Audio
        }
    );
}

#[test]
fn engines_2023_user_data_inviter_in_call_users() {
    let inner = json!({"userData":"","version":4,"call_type":1,"room_id":77,"businessID":"av_call",
        "platform":"Web","inCallUserIDs":["alice","dave"],
        "data":{"cmd":"audioCall","room_id":77,"message":"","userIDs":["bob","carol"],"inviter":"alice","initialCallId":"c-0"}});
    let signal = decode(&envelope(1, &["bob", "carol"], &inner, 30, "@TGS#g")).unwrap();
    assert_eq!(signal.invite_kind(), Some(CALL_AUDIO));
    assert_eq!(signal.data_inviter.as_deref(), Some("alice"));
    assert_eq!(
        signal.in_call_user_ids,
        Some(vec!["alice".to_owned(), "dave".to_owned()])
    );
    assert!(signal.is_group_call());
    // tuicall-engine-wx 1.4.9's "extInfo" typo is just an extra key.
    let typo = json!({"extInfo":"","version":4,"call_type":2,"room_id":9,"businessID":"av_call","platform":"MiniApp",
        "data":{"cmd":"videoCall","room_id":9,"message":""}});
    assert_eq!(kind_of(&envelope(1, &["bob"], &typo, 30, "")), CALL_VIDEO);
}

#[test]
fn web_3x_string_rooms_and_flags() {
    let inner = json!({"businessID":"av_call","call_type":2,"platform":"Web","userData":"","version":4,
        "data":{"cmd":"videoCall","excludeFromHistoryMessage":true,"inviter":"alice","message":"","str_room_id":"room-abc"}});
    let signal = decode(&envelope(1, &["bob"], &inner, 30, "")).unwrap();
    assert_eq!(signal.room, Some(RoomId::Str("room-abc".into())));
    assert!(signal.exclude_from_history);
    let consumed = json!({"businessID":"av_call","call_type":2,"version":4,
        "data":{"cmd":"videoCall","consumed":true,"message":"","room_id":5}});
    assert!(
        decode(&envelope(1, &["bob"], &consumed, 30, ""))
            .unwrap()
            .consumed
    );
}

#[test]
fn engines_2025_v2_path_observed_payloads() {
    // Verbatim data strings observed from the 2025 C++ engine (sorted keys, call_end 0 everywhere).
    let invite = r#"{"businessID":"av_call","call_end":0,"call_type":2,"data":{"cmd":"videoCall","excludeFromHistoryMessage":true,"inviter":"alice","message":"","room_id":361771620,"str_room_id":"","userIDs":["bob"]},"platform":"Linux","room_id":361771620,"userData":"","version":4}"#;
    let signal = decode(&envelope(
        1,
        &["bob"],
        &serde_json::from_str(invite).unwrap(),
        30,
        "",
    ))
    .unwrap();
    assert_eq!(
        signal.invite_kind(),
        Some(CALL_VIDEO),
        "call_end 0 with a call cmd is a call"
    );
    assert_eq!(signal.room, Some(RoomId::Numeric(361_771_620)));
    assert_eq!(signal.call_end, Some(0));

    let accept = r#"{"businessID":"av_call","call_end":0,"call_type":2,"data":{"cmd":"","excludeFromHistoryMessage":true,"inviter":"alice","message":"","room_id":0,"str_room_id":""},"platform":"Linux","room_id":271828182,"userData":"","version":4}"#;
    let signal = decode(&envelope(
        3,
        &["bob"],
        &serde_json::from_str(accept).unwrap(),
        0,
        "",
    ))
    .unwrap();
    assert_eq!(signal.action, Action::Accept);
    assert_eq!(signal.cmd, None, "empty cmd is no cmd");
    assert_eq!(signal.media(), Some(MediaType::Video));

    let busy = r#"{"businessID":"av_call","call_end":0,"call_type":2,"data":{"cmd":"","inviter":"carol","message":"lineBusy","room_id":0,"str_room_id":""},"line_busy":"line_busy","platform":"Linux","room_id":0,"userData":"","version":4}"#;
    let signal = decode(&envelope(
        4,
        &["bob"],
        &serde_json::from_str(busy).unwrap(),
        0,
        "",
    ))
    .unwrap();
    assert_eq!(signal.reject_reason(), Some(RejectReason::LineBusy));
    assert_eq!(signal.room, None, "room 0 means no room");

    let hangup = r#"{"businessID":"av_call","call_end":1,"call_type":2,"data":{"cmd":"hangup","inviter":"alice","message":"","room_id":1395316653,"str_room_id":""},"platform":"Linux","room_id":1395316653,"userData":"","version":4}"#;
    assert_eq!(
        kind_of(&envelope(
            1,
            &["alice"],
            &serde_json::from_str(hangup).unwrap(),
            0,
            ""
        )),
        InviteKind::Hangup { call_end: 1 }
    );
}

#[test]
fn lenient_shapes_decode() {
    // Numbers as strings, missing version, room only inside data, unknown cmd preserved.
    let text = json!({"businessID":"1","inviteID":"i","inviter":"alice","actionType":"1","inviteeList":["bob"],
        "data": json!({"call_type":"2","businessID":"av_call","data":{"cmd":"inviteToRoom","room_id":"4294967295"}}).to_string(),
        "timeout":"30","groupID":null}).to_string();
    let signal = decode(&text).unwrap();
    assert_eq!(signal.timeout, 30);
    assert_eq!(signal.version, None);
    assert_eq!(signal.room, Some(RoomId::Numeric(u32::MAX)));
    assert_eq!(signal.cmd, Some(Cmd::Other("inviteToRoom".into())));
    assert_eq!(signal.invite_kind(), Some(CALL_VIDEO));
    assert_eq!(signal.group_id, "");
    // A cancel with no data at all, and `data` sent as an object.
    let cancel = r#"{"businessID":1,"inviteID":"i","inviter":"alice","actionType":2,"inviteeList":["bob"],"timeout":""}"#;
    assert_eq!(decode(cancel).unwrap().action, Action::Cancel);
    let object = r#"{"businessID":1,"inviteID":"i","inviter":"alice","actionType":1,"inviteeList":["bob"],"data":{"call_type":1,"room_id":3},"timeout":30,"groupID":""}"#;
    assert_eq!(kind_of(object), CALL_AUDIO);
    // Busy by data.message alone.
    let busy = json!({"businessID":"av_call","call_type":1,"data":{"message":"lineBusy"}});
    assert!(decode(&envelope(4, &["bob"], &busy, 0, "")).unwrap().busy);
}

#[test]
fn group_end_notice_without_room_or_cmd() {
    let inner = json!({"extraInfo":"","version":4,"call_type":1,"businessID":"av_call","platform":"MiniApp","data":{"message":""}});
    assert_eq!(
        kind_of(&envelope(1, &["carol"], &inner, 0, "@TGS#g")),
        InviteKind::Hangup { call_end: 0 }
    );
}

#[test]
fn not_ours_is_classified() {
    let cases: [(&str, SignalError); 6] = [
        ("hello", SignalError::NotJson),
        (
            "[1,2]",
            SignalError::NotSignaling("JSON that is not an object".into()),
        ),
        (
            r#"{"businessID":2,"actionType":1}"#,
            SignalError::NotSignaling("2".into()),
        ),
        (
            r#"{"text":"x"}"#,
            SignalError::NotSignaling("missing".into()),
        ),
        (
            r#"{"businessID":"av_call","call_type":1}"#,
            SignalError::OuterAvCall,
        ),
        (
            r#"{"businessID":1,"inviteID":"i","inviter":"a","actionType":1,"inviteeList":["b"],"data":"not json","timeout":30}"#,
            SignalError::ForeignBusiness("data is not a JSON object".into()),
        ),
    ];
    for (text, expected) in cases {
        let error = decode(text).unwrap_err();
        assert_eq!(error, expected, "{text}");
        assert!(error.is_foreign());
    }
    let rtc_call = json!({"businessID":"rtc_call","call_type":1});
    let error = decode(&envelope(1, &["bob"], &rtc_call, 30, "")).unwrap_err();
    assert_eq!(error, SignalError::ForeignBusiness("rtc_call".into()));
    assert_eq!(
        decode_element("TIMTextElem", "hi"),
        Err(SignalError::TextElement)
    );
    assert_eq!(
        decode_element("TIMImageElem", "{}"),
        Err(SignalError::OtherElement("TIMImageElem".into()))
    );
    assert!(decode_element("TIMCustomElem", &envelope(2, &["bob"], &json!({}), 0, "")).is_ok());
}

#[test]
fn bounds_are_typed_errors() {
    let inner =
        json!({"businessID":"av_call","call_type":1,"room_id":1,"data":{"cmd":"audioCall"}});
    let padded = envelope(
        1,
        &["bob"],
        &json!({"businessID":"av_call","call_type":1,"room_id":1,"pad":"x".repeat(MAX_PAYLOAD_BYTES)}),
        30,
        "",
    );
    assert_eq!(
        decode(&padded),
        Err(SignalError::TooLarge {
            max: MAX_PAYLOAD_BYTES
        })
    );

    let many: Vec<String> = (0..=MAX_USER_LIST).map(|i| format!("u{i}")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    assert_eq!(
        decode(&envelope(1, &many, &inner, 30, "")),
        Err(SignalError::TooManyUsers {
            field: "inviteeList",
            max: MAX_USER_LIST
        })
    );
    let exactly: Vec<&str> = many[..MAX_USER_LIST].to_vec();
    assert!(decode(&envelope(1, &exactly, &inner, 30, "")).is_ok());

    let long_id = "x".repeat(MAX_USER_ID_BYTES + 1);
    assert_eq!(
        decode(&envelope(1, &[long_id.as_str()], &inner, 30, "")),
        Err(SignalError::BadUserId {
            field: "inviteeList",
            max: MAX_USER_ID_BYTES
        })
    );
    let ok_id = "张三李四王五赵六钱七"; // 10 chars = 30 bytes
    assert_eq!(ok_id.len(), 30);
    assert!(decode(&envelope(1, &[ok_id], &inner, 30, "")).is_ok());

    for room in [
        json!(4_294_967_296u64),
        json!(-1),
        json!("99999999999999999999999"),
        json!(1e30),
    ] {
        let bad =
            json!({"businessID":"av_call","call_type":1,"room_id":room,"data":{"cmd":"audioCall"}});
        assert_eq!(
            decode(&envelope(1, &["bob"], &bad, 30, "")),
            Err(SignalError::RoomIdOutOfRange("room_id")),
            "{room}"
        );
    }

    let nine_deep = json!({"businessID":"av_call","call_type":1,"x":[[[[[[[[1]]]]]]]]});
    assert_eq!(
        decode(&envelope(1, &["bob"], &nine_deep, 30, "")),
        Err(SignalError::TooDeep {
            max: MAX_JSON_DEPTH
        })
    );
    let deep_outer = format!(
        r#"{{"businessID":1,"x":{}{}}}"#,
        "[".repeat(8),
        "]".repeat(8)
    );
    assert_eq!(
        decode(&deep_outer),
        Err(SignalError::TooDeep {
            max: MAX_JSON_DEPTH
        })
    );
}

#[test]
fn malformed_envelopes_name_the_field() {
    let inner = json!({"businessID":"av_call","call_type":1,"room_id":1});
    let base = |patch: Value| {
        let mut doc: Value = serde_json::from_str(&envelope(1, &["bob"], &inner, 30, "")).unwrap();
        for (key, value) in patch.as_object().unwrap() {
            if value.is_null() {
                doc.as_object_mut().unwrap().remove(key);
            } else {
                doc[key] = value.clone();
            }
        }
        doc.to_string()
    };
    assert_eq!(
        decode(&base(json!({"actionType": null}))),
        Err(SignalError::MissingField("actionType"))
    );
    assert_eq!(
        decode(&base(json!({"actionType": 9}))),
        Err(SignalError::UnknownAction("9".into()))
    );
    assert_eq!(
        decode(&base(json!({"actionType": "x"}))),
        Err(SignalError::UnknownAction("\"x\"".into()))
    );
    assert_eq!(
        decode(&base(json!({"inviteID": null}))),
        Err(SignalError::MissingField("inviteID"))
    );
    assert_eq!(
        decode(&base(json!({"inviteID": ""}))),
        Err(SignalError::InvalidField("inviteID"))
    );
    assert_eq!(
        decode(&base(json!({"inviteID": 5}))),
        Err(SignalError::InvalidField("inviteID"))
    );
    assert_eq!(
        decode(&base(json!({"inviter": null}))),
        Err(SignalError::MissingField("inviter"))
    );
    assert_eq!(
        decode(&base(json!({"inviter": ""}))),
        Err(SignalError::BadUserId {
            field: "inviter",
            max: MAX_USER_ID_BYTES
        })
    );
    assert_eq!(
        decode(&base(json!({"inviteeList": "bob"}))),
        Err(SignalError::InvalidField("inviteeList"))
    );
    assert_eq!(
        decode(&base(json!({"timeout": -5}))),
        Err(SignalError::InvalidField("timeout"))
    );
    assert_eq!(
        decode(&base(json!({"data": 7}))),
        Err(SignalError::InvalidField("data"))
    );
    let no_meaning = json!({"businessID":"av_call","data":{"cmd":"somethingNew"}});
    assert_eq!(
        decode(&envelope(1, &["bob"], &no_meaning, 30, "")),
        Err(SignalError::UnknownInvite)
    );
    let bad_type = json!({"businessID":"av_call","call_type":3});
    assert_eq!(
        decode(&envelope(1, &["bob"], &bad_type, 30, "")),
        Err(SignalError::InvalidField("call_type"))
    );
}
