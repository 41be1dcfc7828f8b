//! The binding run as wasm in node (`wasm-pack test --node`): plain objects out, and every
//! core error code reaches JS as `Error{name, code, message}`.
// inspectUserSig is a developer tool: built with the `tools` feature (and the debug build).
#![cfg(all(target_arch = "wasm32", feature = "tools"))]

use js_sys::Reflect;
use tuicalling_wasm::inspect_user_sig;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

const TENCENT_USERSIG: &str = "eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMiUZOamKlkZmqOKplYUZBaBxE1NTY3gosWZ6UpWSj5ljuYp*p7l5unBxXnF2WVhVU4uAf7Ozi5JpX7O5SbuHuUhzgZJmQXaTia2SrUAohcx8g__";
const NOW: f64 = 1_700_000_000.0;
/// 124 characters that inflate to 70,000 spaces (zlib level 9).
const ZLIB_BOMB: &str = "eNrtwTEBAAAAwqAq65-SEp5AAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABvAxibL-8_";

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).unwrap()
}

fn error_code<T: std::fmt::Debug>(result: Result<T, JsValue>) -> String {
    let error = result.expect_err("expected an error");
    assert!(error.is_instance_of::<js_sys::Error>(), "a JS Error");
    assert_eq!(get(&error, "name").as_string().unwrap(), "UserSigError");
    assert!(!get(&error, "message").as_string().unwrap().is_empty());
    get(&error, "code").as_string().unwrap()
}

/// Tencent's armor of arbitrary bytes (zlib stored blocks, no compression library needed).
fn armor_zlib(payload: &[u8]) -> String {
    let mut stream = vec![0x78, 0x01];
    let mut chunks = payload.chunks(65_535).peekable();
    if chunks.peek().is_none() {
        stream.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(chunk) = chunks.next() {
        let len = chunk.len() as u16;
        stream.push(u8::from(chunks.peek().is_none()));
        stream.extend_from_slice(&len.to_le_bytes());
        stream.extend_from_slice(&(!len).to_le_bytes());
        stream.extend_from_slice(chunk);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for byte in payload {
        a = (a + u32::from(*byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    stream.extend_from_slice(&((b << 16) | a).to_be_bytes());
    btoa(&stream)
        .replace('+', "*")
        .replace('/', "-")
        .replace('=', "_")
}

/// Standard base64 through the host's `btoa`.
fn btoa(bytes: &[u8]) -> String {
    let latin1: String = bytes.iter().map(|&b| char::from(b)).collect();
    let btoa: js_sys::Function = get(&js_sys::global(), "btoa").unchecked_into();
    btoa.call1(&JsValue::NULL, &JsValue::from_str(&latin1))
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
fn inspect_returns_a_plain_object() {
    let info = inspect_user_sig(TENCENT_USERSIG, NOW).unwrap();
    assert_eq!(get(&info, "identifier").as_string().unwrap(), "xiaojun");
    assert_eq!(get(&info, "sdkAppID").as_f64().unwrap(), 1_400_000_000.0);
    assert_eq!(get(&info, "issuedAt").as_f64().unwrap(), NOW);
    assert_eq!(
        get(&info, "expiresAt").as_f64().unwrap(),
        NOW + 15_552_000.0
    );
    assert_eq!(get(&info, "expired").as_bool().unwrap(), false);
    assert!(get(&info, "userbuf").is_null());
    let later = inspect_user_sig(TENCENT_USERSIG, NOW + 15_552_001.0).unwrap();
    assert_eq!(get(&later, "expired").as_bool().unwrap(), true);
}

#[wasm_bindgen_test]
fn every_decode_error_code_reaches_js() {
    let json = |text: &str| armor_zlib(text.as_bytes());
    let cases = [
        ("".to_owned(), "EMPTY"),
        ("A".repeat(5000), "TOO_LONG"),
        ("eJyr+Vg_".to_owned(), "BAD_BASE64"),
        ("AAAA".to_owned(), "BAD_ZLIB"),
        (ZLIB_BOMB.to_owned(), "INFLATED_TOO_LARGE"),
        (json("[1,2]"), "BAD_JSON"),
        (json(r#"{"TLS.ver":"2.0"}"#), "MISSING_FIELD"),
        (json(r#"{"TLS.ver":2}"#), "INVALID_FIELD"),
    ];
    for (input, code) in cases {
        assert_eq!(error_code(inspect_user_sig(&input, NOW)), code, "{code}");
    }
    for bad_now in [-1.0, 1.5, f64::NAN, f64::INFINITY, 1e300] {
        assert_eq!(
            error_code(inspect_user_sig(TENCENT_USERSIG, bad_now)),
            "INVALID_ARGUMENT"
        );
    }
}

#[cfg(feature = "debug-usersig")]
mod signing {
    use super::*;
    use tuicalling_wasm::{gen_private_map_key, gen_user_sig, verify_user_sig};

    const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    const APP: f64 = 1_400_000_000.0;

    #[wasm_bindgen_test]
    fn generated_usersigs_verify_and_match_tencent_signature() {
        let ours = gen_user_sig(APP, KEY, "xiaojun", 15_552_000.0, NOW).unwrap();
        let info = verify_user_sig(APP, KEY, "xiaojun", &ours, NOW).unwrap();
        assert_eq!(get(&info, "identifier").as_string().unwrap(), "xiaojun");
        // Tencent's own UserSig for the same inputs verifies too.
        assert!(verify_user_sig(APP, KEY, "xiaojun", TENCENT_USERSIG, NOW).is_ok());
    }

    #[wasm_bindgen_test]
    fn private_map_keys_take_numeric_and_string_rooms() {
        let numeric =
            gen_private_map_key(APP, KEY, "u1", 300.0, NOW, JsValue::from(10_000), 255.0).unwrap();
        let info = inspect_user_sig(&numeric, NOW).unwrap();
        let grant = get(&info, "privateMapKey");
        assert_eq!(get(&grant, "roomID").as_f64().unwrap(), 10_000.0);
        let string =
            gen_private_map_key(APP, KEY, "u1", 300.0, NOW, JsValue::from("room1"), 42.0).unwrap();
        let info = inspect_user_sig(&string, NOW).unwrap();
        let grant = get(&info, "privateMapKey");
        assert_eq!(get(&grant, "strRoomID").as_string().unwrap(), "room1");
        assert_eq!(get(&grant, "privileges").as_f64().unwrap(), 42.0);
        let bad_room = gen_private_map_key(APP, KEY, "u1", 300.0, NOW, JsValue::TRUE, 42.0);
        assert_eq!(error_code(bad_room), "INVALID_ARGUMENT");
    }

    #[wasm_bindgen_test]
    fn every_verify_error_code_reaches_js() {
        let sig = gen_user_sig(APP, KEY, "u1", 60.0, NOW).unwrap();
        let pmk = gen_private_map_key(APP, KEY, "u1", 60.0, NOW, JsValue::from(1), 2.0).unwrap();
        let cases = [
            (
                verify_user_sig(APP + 1.0, KEY, "u1", &sig, NOW),
                "SDKAPPID_MISMATCH",
            ),
            (
                verify_user_sig(APP, KEY, "u2", &sig, NOW),
                "IDENTIFIER_MISMATCH",
            ),
            (verify_user_sig(APP, KEY, "u1", &sig, NOW + 61.0), "EXPIRED"),
            (
                verify_user_sig(APP, KEY, "u1", &pmk, NOW),
                "USERBUF_MISMATCH",
            ),
            (
                verify_user_sig(APP, "other key", "u1", &sig, NOW),
                "SIGNATURE_MISMATCH",
            ),
            (
                verify_user_sig(0.0, KEY, "u1", &sig, NOW),
                "INVALID_ARGUMENT",
            ),
        ];
        for (result, code) in cases {
            assert_eq!(error_code(result), code);
        }
        for bad in [-1.0, 0.5, 4_294_967_296.0] {
            assert_eq!(
                error_code(gen_user_sig(bad, KEY, "u1", 60.0, NOW)),
                "INVALID_ARGUMENT"
            );
        }
        assert_eq!(
            error_code(gen_user_sig(APP, KEY, "", 60.0, NOW)),
            "INVALID_ARGUMENT"
        );
        assert_eq!(
            error_code(gen_user_sig(APP, KEY, "u1", -5.0, NOW)),
            "INVALID_ARGUMENT"
        );
    }
}
