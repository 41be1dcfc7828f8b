//! Core errors as JS `Error` objects with `name`, `code` and `message`.

use tuicalling_core::usersig::UserSigError;
use wasm_bindgen::JsValue;

/// Builds a JS `Error` with a `name` and a machine-readable `code`.
fn js_error(name: &str, code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name(name);
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error.into()
}

/// Maps a UserSig error to `Error{name:"UserSigError", code, message}`. The code comes from
/// the core's exhaustive `UserSigError::code`.
pub(crate) fn usersig_error(error: UserSigError) -> JsValue {
    js_error("UserSigError", error.code(), &error.to_string())
}
