//! Core errors as JS `Error` objects with `name`, `code` and `message`.

use tuicalling_core::engine::EngineError;
use tuicalling_core::protocol::SignalError;
#[cfg(feature = "tools")]
use tuicalling_core::usersig::UserSigError;
use wasm_bindgen::JsValue;

/// Builds a JS `Error` with a `name` and a machine-readable `code`.
fn js_error(name: &str, code: &str, message: &str) -> js_sys::Error {
    let error = js_sys::Error::new(message);
    error.set_name(name);
    set(&error, "code", &JsValue::from_str(code));
    error
}

/// Sets a property on a fresh `Error` object (which cannot fail).
fn set(error: &js_sys::Error, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(error, &JsValue::from_str(key), value);
}

/// Maps a UserSig error to `Error{name:"UserSigError", code, message}`. The code comes from
/// the core's exhaustive `UserSigError::code`.
#[cfg(feature = "tools")]
pub(crate) fn usersig_error(error: UserSigError) -> JsValue {
    js_error("UserSigError", error.code(), &error.message()).into()
}

/// `Error{name:"SignalError", code, message, foreign}`.
fn signal_js_error(code: &str, message: &str, foreign: bool) -> JsValue {
    let error = js_error("SignalError", code, message);
    set(&error, "foreign", &JsValue::from_bool(foreign));
    error.into()
}

/// Maps a signal error to `Error{name:"SignalError", code, message, foreign}`. The code comes
/// from the core's exhaustive `SignalError::code`, `foreign` from `SignalError::is_foreign`
/// (not ours: ignore quietly).
pub(crate) fn signal_error(error: SignalError) -> JsValue {
    signal_js_error(error.code(), &error.message(), error.is_foreign())
}

/// `Error{name:"SignalError", code:"INVALID_ARGUMENT", message, foreign:false}`: a JS argument
/// that does not convert (wrong type, unknown field, number out of range).
#[cfg(feature = "tools")]
pub(crate) fn signal_invalid_argument(message: &str) -> JsValue {
    signal_js_error("INVALID_ARGUMENT", message, false)
}

/// Maps an engine error to `Error{name:"EngineError", code, message, tsignalingCode}`
/// (`tsignalingCode` is 6017/8010/8011 where TSignaling has the same error, else 0).
pub(crate) fn engine_error(error: EngineError) -> JsValue {
    let js = js_error("EngineError", error.code(), &error.message());
    set(
        &js,
        "tsignalingCode",
        &JsValue::from(error.tsignaling_code().unwrap_or(0)),
    );
    js.into()
}

/// `Error{name:"EngineError", code:"INVALID_ARGUMENT", message, tsignalingCode:6017}`: a JS
/// argument that does not convert.
pub(crate) fn engine_invalid_argument(message: &str) -> JsValue {
    let js = js_error("EngineError", "INVALID_ARGUMENT", message);
    set(&js, "tsignalingCode", &JsValue::from(6017));
    js.into()
}
