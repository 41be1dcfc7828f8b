//! Encoding a [`Signal`] as the original mini-program does: same key order, same
//! string-in-string nesting, the same fields present or absent.

use super::model::Signal;
use super::{SignalError, MAX_PAYLOAD_BYTES};
use crate::json::write::Object;
use crate::RoomId;

/// The inner `data.data` object: `{cmd, room_id, message, userIDs}` plus the additive fields.
fn write_command_data(out: &mut String, signal: &Signal) {
    let mut data = Object::new(out);
    if let Some(cmd) = &signal.cmd {
        data.str("cmd", cmd.as_str());
    }
    match &signal.room {
        Some(RoomId::Numeric(id)) => {
            data.uint("room_id", u64::from(*id));
        }
        Some(RoomId::Str(room)) => {
            data.str("str_room_id", room);
        }
        None => {}
    }
    data.str("message", if signal.busy { "lineBusy" } else { "" });
    if let Some(user_ids) = &signal.user_ids {
        data.str_list("userIDs", user_ids);
    }
    if let Some(inviter) = &signal.data_inviter {
        data.str("inviter", inviter);
    }
    if signal.consumed {
        data.bool("consumed", true);
    }
    if signal.exclude_from_history {
        data.bool("excludeFromHistoryMessage", true);
    }
    if signal.sends_hangup_notice {
        data.bool("sendsHangupNotice", true);
    }
    data.end();
}

/// The `av_call` data, in the key order of TSignalingClient.handleNewSignaling.
fn call_data(signal: &Signal) -> String {
    let mut out = String::new();
    let mut data = Object::new(&mut out);
    data.str("extraInfo", "");
    if let Some(version) = signal.version {
        data.uint("version", u64::from(version));
    }
    if let Some(media) = signal.call_type {
        data.uint("call_type", u64::from(media.code()));
    }
    if let Some(RoomId::Numeric(id)) = &signal.room {
        data.uint("room_id", u64::from(*id));
    }
    if let Some(call_end) = signal.call_end {
        data.uint("call_end", u64::from(call_end));
    }
    if signal.busy {
        data.str("line_busy", "line_busy");
    }
    if signal.switch_to == Some(super::MediaType::Audio) {
        data.str("switch_to_audio_call", "switch_to_audio_call");
    }
    data.str("businessID", "av_call");
    if let Some(platform) = &signal.platform {
        data.str("platform", platform);
    }
    write_command_data(data.key("data"), signal);
    if let Some(users) = &signal.in_call_user_ids {
        data.str_list("inCallUserIDs", users);
    }
    data.end();
    out
}

/// Encodes a signal as the `payload.data` string of a TIM custom message.
///
/// For every shape the original mini-program sends (see the golden tests) the bytes are
/// identical to its output. A result larger than [`MAX_PAYLOAD_BYTES`] is refused with
/// [`SignalError::TooLarge`]: we never send what we would not accept (re-encoding can grow a
/// decoded message, e.g. by escaping quotes in user ids a second time).
pub fn encode(signal: &Signal) -> Result<String, SignalError> {
    let mut text = String::new();
    // The TSignaling envelope, in TSignaling's key order.
    let mut envelope = Object::new(&mut text);
    envelope
        .uint("businessID", 1)
        .str("inviteID", &signal.invite_id)
        .str("inviter", &signal.inviter)
        .uint("actionType", u64::from(signal.action.code()))
        .str_list("inviteeList", &signal.invitees)
        .str("data", &call_data(signal))
        .uint("timeout", u64::from(signal.timeout))
        .str("groupID", &signal.group_id);
    envelope.end();
    if text.len() > MAX_PAYLOAD_BYTES {
        return Err(SignalError::TooLarge {
            max: MAX_PAYLOAD_BYTES,
        });
    }
    Ok(text)
}
