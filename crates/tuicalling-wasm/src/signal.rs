//! The signaling codec: `decodeSignal`, `decodeElement`, `encodeSignal` and `offlinePushInfo`.
//!
//! A signal crosses the boundary as the core's `NormalizedSignal`, a flat JSON-compatible
//! object (`{action, kind, inviteID, inviter, invitees, groupID, timeout, callType, roomID, …}`).
//! Failures throw `Error{name:"SignalError", code, message, foreign}`; `foreign` is true for
//! traffic that is simply not ours (chat text, other businesses), which callers ignore quietly.

use js_sys::{Array, Object, Reflect};
use serde::Serialize;
use serde_json::{Map, Number, Value};
use tuicalling_core::protocol::{self, NormalizedSignal, OfflinePushInfo, Signal, MAX_JSON_DEPTH};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::error::{signal_error, signal_invalid_argument};
use crate::numbers::safe_u64;

/// A value as a plain object, through JSON text: the struct's field order is kept, and no
/// `u64` crosses the boundary (serde-wasm-bindgen's serializer links a BigInt path for the
/// room id's `u64`, even when it never takes it).
pub(crate) fn to_plain<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|error| {
        // Serializing these structs of strings, integers and lists cannot fail.
        signal_invalid_argument(&error.to_string())
    })?;
    js_sys::JSON::parse(&text)
}

/// A signal as a plain object.
fn to_js(signal: &Signal) -> Result<JsValue, JsValue> {
    to_plain(&NormalizedSignal::from(signal))
}

/// A JS value as JSON, so that serde_json (not serde-wasm-bindgen, whose struct reader skips
/// unknown keys and whose number reader links BigInt glue) deserializes it with
/// `deny_unknown_fields` honoured. Plain data only: properties whose value is `undefined` are
/// left out, like `JSON.stringify` does; NaN, infinities, functions, symbols, BigInts and
/// nesting deeper than `MAX_JSON_DEPTH` (which catches cycles) are refused.
fn to_json(value: &JsValue, depth: usize) -> Result<Value, String> {
    if value.is_null() || value.is_undefined() {
        return Ok(Value::Null);
    }
    if let Some(flag) = value.as_bool() {
        return Ok(Value::Bool(flag));
    }
    if let Some(number) = value.as_f64() {
        return json_number(number).ok_or_else(|| "NaN and infinities do not convert".to_owned());
    }
    if let Some(text) = value.as_string() {
        return Ok(Value::String(text));
    }
    if !value.is_object() {
        return Err("only plain data converts (no functions, symbols or BigInts)".to_owned());
    }
    if depth >= MAX_JSON_DEPTH {
        return Err(format!("nested deeper than {MAX_JSON_DEPTH} levels"));
    }
    if Array::is_array(value) {
        return value
            .unchecked_ref::<Array>()
            .iter()
            .map(|item| to_json(&item, depth + 1))
            .collect::<Result<_, _>>()
            .map(Value::Array);
    }
    let mut map = Map::new();
    for key in Object::keys(value.unchecked_ref::<Object>()) {
        let item = Reflect::get(value, &key).map_err(|_| "reading a property threw".to_owned())?;
        if !item.is_undefined() {
            map.insert(
                key.as_string().unwrap_or_default(),
                to_json(&item, depth + 1)?,
            );
        }
    }
    Ok(Value::Object(map))
}

/// A finite JS number as JSON: safe integers as integers (so `u32` fields accept them).
fn json_number(number: f64) -> Option<Value> {
    match safe_u64(number.abs()) {
        Some(magnitude) if number >= 0.0 => Some(Value::from(magnitude)),
        // A safe integer's magnitude is below 2^53, so it fits in i64.
        Some(magnitude) => Some(Value::from(-(magnitude as i64))),
        None => Number::from_f64(number).map(Value::Number),
    }
}

/// A plain JS object as a `T` (unknown fields rejected where `T` says so), or why not.
pub(crate) fn from_plain<T: serde::de::DeserializeOwned>(value: &JsValue) -> Result<T, String> {
    serde_json::from_value(to_json(value, 0)?).map_err(|error| error.to_string())
}

/// A plain object (as `decodeSignal` returns it) as a validated signal.
fn from_js(value: JsValue) -> Result<Signal, JsValue> {
    let normalized: NormalizedSignal =
        from_plain(&value).map_err(|message| signal_invalid_argument(&message))?;
    Signal::try_from(normalized).map_err(signal_error)
}

/// Decodes a custom message's `payload.data` (the TSignaling envelope JSON) into a plain
/// object.
///
/// Throws `Error{name:"SignalError", code, message, foreign}` for anything that is not a
/// signal we act on.
#[wasm_bindgen(js_name = decodeSignal)]
pub fn decode_signal(text: &str) -> Result<JsValue, JsValue> {
    to_js(&protocol::decode(text).map_err(signal_error)?)
}

/// Decodes one TIM message element by its `type` (`"TIMCustomElem"` → its `payload.data`);
/// text and other elements throw a `foreign` `SignalError` (`TEXT_ELEMENT`, `OTHER_ELEMENT`).
#[wasm_bindgen(js_name = decodeElement)]
pub fn decode_element(element_type: &str, text: &str) -> Result<JsValue, JsValue> {
    to_js(&protocol::decode_element(element_type, text).map_err(signal_error)?)
}

/// Encodes a signal object (the shape `decodeSignal` returns; `kind` is ignored) into the
/// `payload.data` string, byte-identical to the original mini-program's for V1 shapes.
///
/// Throws `SignalError` with code `INVALID_ARGUMENT` when the object does not convert (wrong
/// types, unknown fields) and the core's codes when it fails validation.
#[wasm_bindgen(js_name = encodeSignal)]
pub fn encode_signal(value: JsValue) -> Result<String, JsValue> {
    protocol::encode(&from_js(value)?).map_err(signal_error)
}

/// The TIM `offlinePushInfo` for an invitation sent at `sendTime` (unix seconds):
/// `{title, description, androidOPPOChannelID, extension}`, or `null` for other actions. An
/// empty `description` becomes the default push text.
#[wasm_bindgen(js_name = offlinePushInfo)]
pub fn offline_push_info(
    value: JsValue,
    send_time: f64,
    title: &str,
    description: &str,
    android_oppo_channel_id: &str,
) -> Result<JsValue, JsValue> {
    let send_time = safe_u64(send_time)
        .ok_or_else(|| signal_invalid_argument("sendTime must be unix seconds"))?;
    let signal = from_js(value)?;
    match OfflinePushInfo::for_invite(
        &signal,
        send_time,
        title,
        description,
        android_oppo_channel_id,
    ) {
        Some(info) => to_plain(&info),
        None => Ok(JsValue::NULL),
    }
}
