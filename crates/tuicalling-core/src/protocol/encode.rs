//! Encoding a [`Signal`] as the original mini-program does: same key order, same
//! string-in-string nesting, the same fields present or absent.

use serde::Serialize;

use super::model::Signal;
use super::{SignalError, MAX_PAYLOAD_BYTES};
use crate::RoomId;

/// The inner `data.data` object: `{cmd, room_id, message, userIDs}` plus the additive fields.
#[derive(Serialize)]
struct CommandData<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    cmd: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    room_id: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    str_room_id: Option<&'a str>,
    message: &'a str,
    #[serde(rename = "userIDs", skip_serializing_if = "Option::is_none")]
    user_ids: Option<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inviter: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    consumed: Option<bool>,
    #[serde(
        rename = "excludeFromHistoryMessage",
        skip_serializing_if = "Option::is_none"
    )]
    exclude_from_history: Option<bool>,
}

/// The `av_call` data, in the key order of TSignalingClient.handleNewSignaling.
#[derive(Serialize)]
struct CallData<'a> {
    #[serde(rename = "extraInfo")]
    extra_info: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    call_type: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    room_id: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    call_end: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line_busy: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    switch_to_audio_call: Option<&'a str>,
    #[serde(rename = "businessID")]
    business_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    platform: Option<&'a str>,
    data: CommandData<'a>,
    #[serde(rename = "inCallUserIDs", skip_serializing_if = "Option::is_none")]
    in_call_user_ids: Option<&'a [String]>,
}

/// The TSignaling envelope, in TSignaling's key order.
#[derive(Serialize)]
struct Envelope<'a> {
    #[serde(rename = "businessID")]
    business_id: u8,
    #[serde(rename = "inviteID")]
    invite_id: &'a str,
    inviter: &'a str,
    #[serde(rename = "actionType")]
    action_type: u8,
    #[serde(rename = "inviteeList")]
    invitee_list: &'a [String],
    data: String,
    timeout: u32,
    #[serde(rename = "groupID")]
    group_id: &'a str,
}

fn call_data(signal: &Signal) -> CallData<'_> {
    let (room_id, str_room_id) = match &signal.room {
        Some(RoomId::Numeric(id)) => (Some(*id), None),
        Some(RoomId::Str(room)) => (None, Some(room.as_str())),
        None => (None, None),
    };
    let switch_to_audio = signal.switch_to == Some(super::MediaType::Audio);
    CallData {
        extra_info: "",
        version: signal.version,
        call_type: signal.call_type.map(super::MediaType::code),
        room_id,
        call_end: signal.call_end,
        line_busy: signal.busy.then_some("line_busy"),
        switch_to_audio_call: switch_to_audio.then_some("switch_to_audio_call"),
        business_id: "av_call",
        platform: signal.platform.as_deref(),
        data: CommandData {
            cmd: signal.cmd.as_ref().map(super::Cmd::as_str),
            room_id,
            str_room_id,
            message: if signal.busy { "lineBusy" } else { "" },
            user_ids: signal.user_ids.as_deref(),
            inviter: signal.data_inviter.as_deref(),
            consumed: signal.consumed.then_some(true),
            exclude_from_history: signal.exclude_from_history.then_some(true),
        },
        in_call_user_ids: signal.in_call_user_ids.as_deref(),
    }
}

/// Encodes a signal as the `payload.data` string of a TIM custom message.
///
/// For every shape the original mini-program sends (see the golden tests) the bytes are
/// identical to its output. A result larger than [`MAX_PAYLOAD_BYTES`] is refused with
/// [`SignalError::TooLarge`]: we never send what we would not accept (re-encoding can grow a
/// decoded message, e.g. by escaping quotes in user ids a second time).
pub fn encode(signal: &Signal) -> Result<String, SignalError> {
    // Serializing strings, integers and lists into a String cannot fail.
    let data = serde_json::to_string(&call_data(signal)).unwrap_or_default();
    let envelope = Envelope {
        business_id: 1,
        invite_id: &signal.invite_id,
        inviter: &signal.inviter,
        action_type: signal.action.code(),
        invitee_list: &signal.invitees,
        data,
        timeout: signal.timeout,
        group_id: &signal.group_id,
    };
    let text = serde_json::to_string(&envelope).unwrap_or_default();
    if text.len() > MAX_PAYLOAD_BYTES {
        return Err(SignalError::TooLarge {
            max: MAX_PAYLOAD_BYTES,
        });
    }
    Ok(text)
}
