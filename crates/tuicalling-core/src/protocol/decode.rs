//! Lenient, bounded decoding of `payload.data` into a [`Signal`].

use crate::json::write::uint_to_string;
use crate::json::Value;

use super::fields::{bounded, parse_object, user_id, Fields, MAX_ID_BYTES, MAX_PLATFORM_BYTES};
use super::model::{Action, Cmd, MediaType, Signal};
use super::{SignalError, CUSTOM_ELEMENT, MAX_PAYLOAD_BYTES, TEXT_ELEMENT};
use crate::{RoomId, MAX_STR_ROOM_ID_BYTES};

/// Decodes one TIM message element: custom elements are decoded, everything else is
/// classified as foreign (`TIMTextElem` → [`SignalError::TextElement`]).
pub fn decode_element(element_type: &str, data: &str) -> Result<Signal, SignalError> {
    match element_type {
        CUSTOM_ELEMENT => decode(data),
        TEXT_ELEMENT => Err(SignalError::TextElement),
        other => Err(SignalError::OtherElement(other.chars().take(32).collect())),
    }
}

/// Decodes a custom message's `payload.data` (the TSignaling envelope JSON).
///
/// Accepts every known client family's variant (numbers as strings, missing `data` or
/// `version`, extra keys, `userData`, `data.inviter`, `str_room_id`, `call_end: 0` everywhere,
/// unknown `cmd`s). Rejects, with a typed error and without panicking: non-signals, payloads
/// over 16 KiB, JSON deeper than 8 levels, lists over 64 users, user ids over 32 bytes and room
/// ids outside 0..=4294967295.
pub fn decode(payload: &str) -> Result<Signal, SignalError> {
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err(SignalError::TooLarge {
            max: MAX_PAYLOAD_BYTES,
        });
    }
    let outer = parse_object(payload)?
        .ok_or_else(|| SignalError::NotSignaling("JSON that is not an object".into()))?;
    let envelope = Fields(&outer);
    check_outer_business(&envelope)?;
    let action = read_action(&envelope)?;
    let call_data = read_call_data(&envelope)?;
    let inner = Fields(&call_data);
    check_inner_business(&inner)?;
    let empty = Value::Object(Vec::new());
    let cmd_map = match inner.get("data") {
        None => &empty,
        Some(map) if map.is_object() => map,
        Some(_) => return Err(SignalError::InvalidField("data.data")),
    };
    let cmd_fields = Fields(cmd_map);
    let cmd = cmd_fields.string("cmd")?.and_then(Cmd::parse);
    let signal = Signal {
        action,
        invite_id: match bounded_id(&envelope, "inviteID")? {
            Some(id) if id.is_empty() => return Err(SignalError::InvalidField("inviteID")),
            Some(id) => id,
            None => return Err(SignalError::MissingField("inviteID")),
        },
        inviter: envelope
            .string("inviter")?
            .map(|id| user_id(id, "inviter"))
            .transpose()?
            .ok_or(SignalError::MissingField("inviter"))?,
        invitees: envelope.users("inviteeList")?.unwrap_or_default(),
        group_id: bounded_id(&envelope, "groupID")?.unwrap_or_default(),
        timeout: envelope.uint32("timeout")?.unwrap_or(0),
        call_type: inner
            .uint("call_type")?
            .map(|code| MediaType::from_code(code).ok_or(SignalError::InvalidField("call_type")))
            .transpose()?,
        room: read_room(&inner, &cmd_fields)?,
        call_end: inner.uint32("call_end")?,
        busy: inner.string("line_busy")?.is_some()
            || cmd_fields.string("message")? == Some("lineBusy"),
        switch_to: match cmd {
            Some(Cmd::SwitchToAudio) => Some(MediaType::Audio),
            Some(Cmd::SwitchToVideo) => Some(MediaType::Video),
            _ => inner.get("switch_to_audio_call").map(|_| MediaType::Audio),
        },
        cmd,
        user_ids: cmd_fields.users("userIDs")?,
        platform: bounded(inner.string("platform")?, MAX_PLATFORM_BYTES, "platform")?,
        version: inner.uint32("version")?,
        data_inviter: cmd_fields
            .string("inviter")?
            .filter(|id| !id.is_empty())
            .map(|id| user_id(id, "data.inviter"))
            .transpose()?,
        consumed: cmd_fields.boolean("consumed")?,
        exclude_from_history: cmd_fields.boolean("excludeFromHistoryMessage")?,
        sends_hangup_notice: cmd_fields.boolean("sendsHangupNotice")?,
        in_call_user_ids: inner.users("inCallUserIDs")?,
    };
    if signal.action == Action::Invite && signal.invite_kind().is_none() {
        return Err(SignalError::UnknownInvite);
    }
    Ok(signal)
}

/// The outer `businessID` must be 1 (a number, or "1").
fn check_outer_business(envelope: &Fields<'_, '_>) -> Result<(), SignalError> {
    match envelope.get("businessID") {
        Some(Value::Number(n)) if n.as_u64() == Some(1) => Ok(()),
        Some(Value::Number(n)) => Err(SignalError::NotSignaling(short(n.as_str()))),
        Some(Value::String(text)) if text == "1" => Ok(()),
        Some(Value::String(text)) if text == "av_call" => Err(SignalError::OuterAvCall),
        Some(Value::String(text)) => Err(SignalError::NotSignaling(short(&quoted(text)))),
        Some(other) => Err(SignalError::NotSignaling(other.type_name().into())),
        None => Err(SignalError::NotSignaling("missing".into())),
    }
}

fn read_action(envelope: &Fields<'_, '_>) -> Result<Action, SignalError> {
    let code = envelope
        .uint("actionType")
        .map_err(|_| match envelope.get("actionType") {
            Some(value) => SignalError::UnknownAction(describe(value)),
            None => SignalError::MissingField("actionType"),
        })?;
    let code = code.ok_or(SignalError::MissingField("actionType"))?;
    Action::from_code(code).ok_or_else(|| SignalError::UnknownAction(uint_to_string(code)))
}

/// The inner call data: a JSON string (usual), an object (tolerated) or absent (empty).
fn read_call_data<'v>(envelope: &Fields<'v, '_>) -> Result<Value<'v>, SignalError> {
    match envelope.get("data") {
        None => Ok(Value::Object(Vec::new())),
        Some(Value::String(text)) if text.trim().is_empty() => Ok(Value::Object(Vec::new())),
        Some(Value::String(text)) => match parse_object(text) {
            Ok(Some(map)) => Ok(map),
            Ok(None) | Err(SignalError::NotJson) => Err(SignalError::ForeignBusiness(
                "data is not a JSON object".into(),
            )),
            Err(other) => Err(other),
        },
        Some(map) if map.is_object() => Ok(map.clone()),
        Some(_) => Err(SignalError::InvalidField("data")),
    }
}

/// The inner `businessID` must be "av_call", or absent (the pre-2021 flat format).
fn check_inner_business(inner: &Fields<'_, '_>) -> Result<(), SignalError> {
    match inner.get("businessID") {
        None => Ok(()),
        Some(Value::String(text)) if text == "av_call" => Ok(()),
        Some(Value::String(text)) => Err(SignalError::ForeignBusiness(short(text))),
        Some(other) => Err(SignalError::ForeignBusiness(describe(other))),
    }
}

/// `room_id`, else `data.room_id`, else a string room in `data.str_room_id` / `str_room_id`.
fn read_room(
    inner: &Fields<'_, '_>,
    cmd_fields: &Fields<'_, '_>,
) -> Result<Option<RoomId>, SignalError> {
    if let Some(room) = inner.room("room_id")? {
        return Ok(Some(room));
    }
    if let Some(room) = cmd_fields.room("room_id")? {
        return Ok(Some(room));
    }
    let text = match cmd_fields.string("str_room_id")? {
        Some(text) if !text.is_empty() => Some(text),
        _ => inner.string("str_room_id")?,
    };
    match text {
        Some(text) if text.len() > MAX_STR_ROOM_ID_BYTES => {
            Err(SignalError::InvalidField("str_room_id"))
        }
        Some(text) if !text.is_empty() => Ok(Some(RoomId::Str(text.to_owned()))),
        _ => Ok(None),
    }
}

fn bounded_id(fields: &Fields<'_, '_>, name: &'static str) -> Result<Option<String>, SignalError> {
    bounded(fields.string(name)?, MAX_ID_BYTES, name)
}

/// `"text"` (not escaped), for error messages.
fn quoted(text: &str) -> String {
    ["\"", text, "\""].concat()
}

/// A short description of a value for error messages: numbers as written, strings quoted.
fn describe(value: &Value<'_>) -> String {
    match value {
        Value::Number(number) => short(number.as_str()),
        Value::String(text) => short(&quoted(text)),
        Value::Null | Value::Bool(_) | Value::Array(_) | Value::Object(_) => {
            value.type_name().into()
        }
    }
}

/// A short, printable excerpt for error messages.
fn short(text: &str) -> String {
    text.chars().take(32).collect()
}
