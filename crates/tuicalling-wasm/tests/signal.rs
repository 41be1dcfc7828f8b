//! The signaling codec run as wasm in node (`wasm-pack test --node`): a V1 invite survives
//! decodeSignal → encodeSignal byte for byte, and every `SignalError` code reaches JS as
//! `Error{name:"SignalError", code, message, foreign}`.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Object, Reflect};
use tuicalling_wasm::{decode_element, decode_signal};
#[cfg(feature = "tools")]
use tuicalling_wasm::{encode_signal, offline_push_info};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// The original mini-program's 1v1 video invite, exactly as TSignaling sends it.
const INVITE: &str = r#"{"businessID":1,"inviteID":"9f1c-1","inviter":"alice","actionType":1,"inviteeList":["bob"],"data":"{\"extraInfo\":\"\",\"version\":4,\"call_type\":2,\"room_id\":271828182,\"businessID\":\"av_call\",\"platform\":\"MiniApp\",\"data\":{\"cmd\":\"videoCall\",\"room_id\":271828182,\"message\":\"\"}}","timeout":30,"groupID":""}"#;

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap()
}

fn set(object: &JsValue, key: &str, value: &JsValue) {
    Reflect::set(object, &JsValue::from_str(key), value).unwrap();
}

/// An envelope with `fields` (raw JSON members) after `businessID:1`.
fn envelope(fields: &str) -> String {
    format!(r#"{{"businessID":1,{fields}}}"#)
}

/// An invite from alice to bob whose call data is `inner` (plain JSON).
fn invite_with(inner: &str) -> String {
    let data = JsValue::from_str(inner);
    let quoted = js_sys::JSON::stringify(&data).unwrap().as_string().unwrap();
    envelope(&format!(
        r#""inviteID":"i1","inviter":"alice","actionType":1,"inviteeList":["bob"],"data":{quoted},"timeout":30,"groupID":"""#
    ))
}

/// The thrown error's `(code, foreign)`, after checking it is a `SignalError` with a message.
fn signal_error<T: std::fmt::Debug>(result: Result<T, JsValue>) -> (String, bool) {
    let error = result.expect_err("expected an error");
    assert!(error.is_instance_of::<js_sys::Error>(), "a JS Error");
    assert_eq!(get(&error, "name").as_string().unwrap(), "SignalError");
    assert!(!get(&error, "message").as_string().unwrap().is_empty());
    (
        get(&error, "code").as_string().unwrap(),
        get(&error, "foreign")
            .as_bool()
            .expect("foreign is a boolean"),
    )
}

#[cfg(feature = "tools")]
#[wasm_bindgen_test]
fn a_v1_invite_round_trips_byte_for_byte() {
    let signal = decode_signal(INVITE).unwrap();
    assert_eq!(get(&signal, "action").as_string().unwrap(), "invite");
    assert_eq!(get(&signal, "kind").as_string().unwrap(), "call");
    assert_eq!(get(&signal, "inviteID").as_string().unwrap(), "9f1c-1");
    assert_eq!(get(&signal, "callType").as_f64().unwrap(), 2.0);
    assert_eq!(get(&signal, "roomID").as_f64().unwrap(), 271_828_182.0);
    let invitees = Array::from(&get(&signal, "invitees"));
    assert_eq!(invitees.length(), 1);
    assert_eq!(invitees.get(0).as_string().unwrap(), "bob");
    // A plain object (JSON-compatible), not a Map.
    assert_eq!(
        Object::get_prototype_of(&signal),
        Object::get_prototype_of(&Object::new())
    );
    assert_eq!(encode_signal(signal).unwrap(), INVITE);
    // The same through decodeElement.
    let element = decode_element("TIMCustomElem", INVITE).unwrap();
    assert_eq!(encode_signal(element).unwrap(), INVITE);
}

#[wasm_bindgen_test]
fn every_decode_error_code_reaches_js() {
    let too_many: Vec<String> = (0..65).map(|i| format!("\"u{i}\"")).collect();
    let cases = [
        ("{".to_owned(), "NOT_JSON", true),
        (r#"{"businessID":2}"#.to_owned(), "NOT_SIGNALING", true),
        (
            r#"{"businessID":"av_call"}"#.to_owned(),
            "OUTER_AV_CALL",
            true,
        ),
        (
            invite_with(r#"{"businessID":"rtc_call","call_type":1}"#),
            "FOREIGN_BUSINESS",
            true,
        ),
        (" ".repeat(16 * 1024 + 1), "TOO_LARGE", false),
        ("[[[[[[[[[]]]]]]]]]".to_owned(), "TOO_DEEP", false),
        (
            envelope(&format!(
                r#""inviteID":"i1","inviter":"alice","actionType":2,"inviteeList":[{}]"#,
                too_many.join(",")
            )),
            "TOO_MANY_USERS",
            false,
        ),
        (
            envelope(&format!(
                r#""inviteID":"i1","inviter":"{}","actionType":2"#,
                "a".repeat(33)
            )),
            "BAD_USER_ID",
            false,
        ),
        (
            invite_with(r#"{"call_type":1,"room_id":4294967296}"#),
            "ROOM_ID_OUT_OF_RANGE",
            false,
        ),
        (
            envelope(r#""inviter":"alice","actionType":2"#),
            "MISSING_FIELD",
            false,
        ),
        (
            envelope(r#""inviteID":"","inviter":"alice","actionType":2"#),
            "INVALID_FIELD",
            false,
        ),
        (
            envelope(r#""inviteID":"i1","inviter":"alice","actionType":9"#),
            "UNKNOWN_ACTION",
            false,
        ),
        (invite_with(r#"{"version":4}"#), "UNKNOWN_INVITE", false),
    ];
    for (input, code, foreign) in cases {
        assert_eq!(
            signal_error(decode_signal(&input)),
            (code.to_owned(), foreign),
            "{code}"
        );
    }
    // Elements that cannot come from decodeSignal.
    assert_eq!(
        signal_error(decode_element("TIMTextElem", "hello")),
        ("TEXT_ELEMENT".to_owned(), true)
    );
    assert_eq!(
        signal_error(decode_element("TIMImageElem", "")),
        ("OTHER_ELEMENT".to_owned(), true)
    );
}

#[cfg(feature = "tools")]
#[wasm_bindgen_test]
fn encode_rejects_what_does_not_convert_or_validate() {
    let with = |key: &str, value: JsValue| {
        let signal = decode_signal(INVITE).unwrap();
        set(&signal, key, &value);
        encode_signal(signal)
    };
    let invalid = ("INVALID_ARGUMENT".to_owned(), false);
    let unknown = with("surprise", JsValue::TRUE).unwrap_err();
    assert!(get(&unknown, "message")
        .as_string()
        .unwrap()
        .starts_with("unknown field `surprise`, expected one of `action`"));
    assert_eq!(signal_error(with("surprise", JsValue::TRUE)), invalid);
    assert_eq!(signal_error(with("timeout", JsValue::from("30"))), invalid);
    assert_eq!(
        signal_error(with("callType", JsValue::from(f64::NAN))),
        invalid
    );
    assert_eq!(signal_error(with("timeout", JsValue::from(30.5))), invalid);
    assert_eq!(signal_error(encode_signal(JsValue::NULL)), invalid);
    // A cycle is refused by the depth bound, not followed.
    let cyclic = decode_signal(INVITE).unwrap();
    let list = get(&cyclic, "invitees");
    list.unchecked_ref::<Array>().push(&list);
    assert_eq!(signal_error(encode_signal(cyclic)), invalid);
    // `undefined` properties are left out, as JSON.stringify does.
    assert_eq!(with("userIDs", JsValue::UNDEFINED).unwrap(), INVITE);
    assert_eq!(
        signal_error(with("action", JsValue::from("ring"))),
        ("UNKNOWN_ACTION".to_owned(), false)
    );
    assert_eq!(
        signal_error(with("roomID", JsValue::from(4_294_967_296.0))),
        ("ROOM_ID_OUT_OF_RANGE".to_owned(), false)
    );
    // The largest room id round-trips.
    let top = with("roomID", JsValue::from(4_294_967_295.0)).unwrap();
    let decoded = decode_signal(&top).unwrap();
    assert_eq!(get(&decoded, "roomID").as_f64().unwrap(), 4_294_967_295.0);
    assert_eq!(encode_signal(decoded).unwrap(), top);
}

#[cfg(feature = "tools")]
#[wasm_bindgen_test]
fn offline_push_info_carries_the_real_call() {
    let signal = decode_signal(INVITE).unwrap();
    let info = offline_push_info(signal, 1_700_000_000.0, "alice", "", "tuikit").unwrap();
    assert_eq!(get(&info, "title").as_string().unwrap(), "alice");
    assert_eq!(
        get(&info, "description").as_string().unwrap(),
        "您有一个通话请求"
    );
    assert_eq!(
        get(&info, "androidOPPOChannelID").as_string().unwrap(),
        "tuikit"
    );
    let extension = js_sys::JSON::parse(&get(&info, "extension").as_string().unwrap()).unwrap();
    let entity = get(&extension, "entity");
    assert_eq!(get(&entity, "sendTime").as_f64().unwrap(), 1_700_000_000.0);
    let content = js_sys::JSON::parse(&get(&entity, "content").as_string().unwrap()).unwrap();
    assert_eq!(get(&content, "call_type").as_f64().unwrap(), 2.0);
    assert_eq!(get(&content, "room_id").as_f64().unwrap(), 271_828_182.0);
    assert_eq!(get(&content, "timeout").as_f64().unwrap(), 30.0);

    let accept = decode_signal(&envelope(
        r#""inviteID":"9f1c-1","inviter":"bob","actionType":3,"inviteeList":["bob"]"#,
    ))
    .unwrap();
    assert!(offline_push_info(accept, 1.0, "", "", "")
        .unwrap()
        .is_null());
    for bad in [-1.0, 0.5, f64::NAN] {
        let signal = decode_signal(INVITE).unwrap();
        assert_eq!(
            signal_error(offline_push_info(signal, bad, "", "", "")),
            ("INVALID_ARGUMENT".to_owned(), false)
        );
    }
}
