//! The signaling codec: `decodeSignal` and `decodeElement`; with the `tools` feature also
//! `encodeSignal` and `offlinePushInfo`.
//!
//! A signal crosses the boundary as the core's `NormalizedSignal`, a flat JSON-compatible
//! object (`{action, kind, inviteID, inviter, invitees, groupID, timeout, callType, roomID, …}`).
//! Failures throw `Error{name:"SignalError", code, message, foreign}`; `foreign` is true for
//! traffic that is simply not ours (chat text, other businesses), which callers ignore quietly.

#[cfg(feature = "tools")]
use tuicalling_core::protocol::OfflinePushInfo;
use tuicalling_core::protocol::{self, NormalizedSignal, Signal};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::error::signal_error;
#[cfg(feature = "tools")]
use crate::error::signal_invalid_argument;
#[cfg(feature = "tools")]
use crate::numbers::safe_u64;
#[cfg(feature = "tools")]
use crate::plain::Fields;

/// JSON text as a plain object (`JSON.parse`): one call across the boundary, and no `u64`
/// crosses it as a BigInt.
pub(crate) fn parse(text: &str) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(text)
}

/// A signal as a plain object.
fn to_js(signal: &Signal) -> Result<JsValue, JsValue> {
    let mut text = String::new();
    NormalizedSignal::from(signal).write_json(&mut text);
    parse(&text)
}

#[cfg(feature = "tools")]
/// The members of a normalized signal, in its JSON order.
const SIGNAL_FIELDS: &[&str] = &[
    "action",
    "kind",
    "inviteID",
    "inviter",
    "invitees",
    "groupID",
    "timeout",
    "callType",
    "roomID",
    "callEnd",
    "busy",
    "switchTo",
    "cmd",
    "userIDs",
    "platform",
    "version",
    "dataInviter",
    "consumed",
    "excludeFromHistoryMessage",
    "sendsHangupNotice",
    "inCallUserIDs",
];

#[cfg(feature = "tools")]
const U8: u64 = u8::MAX as u64;
#[cfg(feature = "tools")]
const U32: u64 = u32::MAX as u64;

#[cfg(feature = "tools")]
/// A plain object (as `decodeSignal` returns it) as the core's normalized form, with the
/// rules of its serde derive (required `action`, `inviteID`, `inviter`; unknown members
/// refused).
fn normalized(value: &JsValue) -> Result<NormalizedSignal, String> {
    let f = Fields::new(value, SIGNAL_FIELDS)?;
    Ok(NormalizedSignal {
        action: f.required_string("action")?,
        kind: f.string("kind", true)?,
        invite_id: f.required_string("inviteID")?,
        inviter: f.required_string("inviter")?,
        invitees: f.strings("invitees", false)?.unwrap_or_default(),
        group_id: f.string("groupID", false)?.unwrap_or_default(),
        timeout: f.integer("timeout", U32, false)?.unwrap_or(0) as u32,
        call_type: f.integer("callType", U8, true)?.map(|code| code as u8),
        room_id: f.room("roomID")?,
        call_end: f.integer("callEnd", U32, true)?.map(|secs| secs as u32),
        busy: f.flag("busy")?,
        switch_to: f.string("switchTo", true)?,
        cmd: f.string("cmd", true)?,
        user_ids: f.strings("userIDs", true)?,
        platform: f.string("platform", true)?,
        version: f
            .integer("version", U32, true)?
            .map(|version| version as u32),
        data_inviter: f.string("dataInviter", true)?,
        consumed: f.flag("consumed")?,
        exclude_from_history_message: f.flag("excludeFromHistoryMessage")?,
        sends_hangup_notice: f.flag("sendsHangupNotice")?,
        in_call_user_ids: f.strings("inCallUserIDs", true)?,
    })
}

#[cfg(feature = "tools")]
/// A plain object (as `decodeSignal` returns it) as a validated signal.
fn from_js(value: &JsValue) -> Result<Signal, JsValue> {
    let normalized = normalized(value).map_err(|message| signal_invalid_argument(&message))?;
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

#[cfg(feature = "tools")]
/// Encodes a signal object (the shape `decodeSignal` returns; `kind` is ignored) into the
/// `payload.data` string, byte-identical to the original mini-program's for V1 shapes.
///
/// Throws `SignalError` with code `INVALID_ARGUMENT` when the object does not convert (wrong
/// types, unknown fields) and the core's codes when it fails validation.
#[wasm_bindgen(js_name = encodeSignal)]
pub fn encode_signal(value: JsValue) -> Result<String, JsValue> {
    protocol::encode(&from_js(&value)?).map_err(signal_error)
}

#[cfg(feature = "tools")]
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
    let signal = from_js(&value)?;
    match OfflinePushInfo::for_invite(
        &signal,
        send_time,
        title,
        description,
        android_oppo_channel_id,
    ) {
        Some(info) => {
            let mut text = String::new();
            info.write_json(&mut text);
            parse(&text)
        }
        None => Ok(JsValue::NULL),
    }
}
