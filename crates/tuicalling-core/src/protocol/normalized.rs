//! The normalized JSON view of a signal, shared by the CLI (`signal decode`/`encode`) and the
//! wasm binding (`decodeSignal`/`encodeSignal`).

use serde::{Deserialize, Serialize};

use super::fields::{bounded, user_id, MAX_ID_BYTES, MAX_PLATFORM_BYTES};
use super::model::{Action, Cmd, InviteKind, MediaType, Signal};
use super::{SignalError, MAX_USER_LIST};
use crate::json::write::Object;
use crate::{RoomId, MAX_STR_ROOM_ID_BYTES};

/// A room id as JSON: a number, or a string for string rooms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RoomValue {
    /// A numeric room.
    Numeric(u64),
    /// A string room.
    Str(String),
}

/// One signal as a flat JSON object. `kind` is output only (derived on decode, ignored on
/// encode); every other field round-trips.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NormalizedSignal {
    /// invite, cancel, accept, reject or timeout.
    pub action: String,
    /// For invites: call, hangup or switch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// `inviteID`.
    #[serde(rename = "inviteID")]
    pub invite_id: String,
    /// `inviter`.
    pub inviter: String,
    /// `inviteeList`.
    #[serde(default)]
    pub invitees: Vec<String>,
    /// `groupID` ("" for C2C).
    #[serde(rename = "groupID", default)]
    pub group_id: String,
    /// `timeout` seconds.
    #[serde(default)]
    pub timeout: u32,
    /// 1 audio, 2 video.
    #[serde(default)]
    pub call_type: Option<u8>,
    /// The room (number or string).
    #[serde(rename = "roomID", default)]
    pub room_id: Option<RoomValue>,
    /// `call_end` seconds.
    #[serde(default)]
    pub call_end: Option<u32>,
    /// A line-busy reject.
    #[serde(default)]
    pub busy: bool,
    /// "audio" or "video" for a switch.
    #[serde(default)]
    pub switch_to: Option<String>,
    /// `data.cmd`, any value.
    #[serde(default)]
    pub cmd: Option<String>,
    /// `data.userIDs`.
    #[serde(rename = "userIDs", default)]
    pub user_ids: Option<Vec<String>>,
    /// `platform`.
    #[serde(default)]
    pub platform: Option<String>,
    /// `version`.
    #[serde(default)]
    pub version: Option<u32>,
    /// `data.inviter`.
    #[serde(default)]
    pub data_inviter: Option<String>,
    /// `data.consumed`.
    #[serde(default)]
    pub consumed: bool,
    /// `data.excludeFromHistoryMessage`.
    #[serde(default)]
    pub exclude_from_history_message: bool,
    /// `data.sendsHangupNotice`.
    #[serde(default)]
    pub sends_hangup_notice: bool,
    /// `inCallUserIDs`.
    #[serde(rename = "inCallUserIDs", default)]
    pub in_call_user_ids: Option<Vec<String>>,
}

fn kind_name(kind: &InviteKind) -> &'static str {
    match kind {
        InviteKind::Call { .. } => "call",
        InviteKind::Hangup { .. } => "hangup",
        InviteKind::Switch { .. } => "switch",
    }
}

impl From<&Signal> for NormalizedSignal {
    fn from(signal: &Signal) -> Self {
        Self {
            action: signal.action.name().to_owned(),
            kind: signal
                .invite_kind()
                .as_ref()
                .map(kind_name)
                .map(str::to_owned),
            invite_id: signal.invite_id.clone(),
            inviter: signal.inviter.clone(),
            invitees: signal.invitees.clone(),
            group_id: signal.group_id.clone(),
            timeout: signal.timeout,
            call_type: signal.call_type.map(MediaType::code),
            room_id: signal.room.as_ref().map(|room| match room {
                RoomId::Numeric(id) => RoomValue::Numeric(u64::from(*id)),
                RoomId::Str(text) => RoomValue::Str(text.clone()),
            }),
            call_end: signal.call_end,
            busy: signal.busy,
            switch_to: signal.switch_to.map(|media| media.name().to_owned()),
            cmd: signal.cmd.as_ref().map(|cmd| cmd.as_str().to_owned()),
            user_ids: signal.user_ids.clone(),
            platform: signal.platform.clone(),
            version: signal.version,
            data_inviter: signal.data_inviter.clone(),
            consumed: signal.consumed,
            exclude_from_history_message: signal.exclude_from_history,
            sends_hangup_notice: signal.sends_hangup_notice,
            in_call_user_ids: signal.in_call_user_ids.clone(),
        }
    }
}

impl NormalizedSignal {
    /// Appends this signal as JSON, byte for byte what serde_json makes of it (same member
    /// order, `kind` left out when absent, other absent fields as `null`), without serde.
    pub fn write_json(&self, out: &mut String) {
        let mut object = Object::new(out);
        object.str("action", &self.action);
        if let Some(kind) = &self.kind {
            object.str("kind", kind);
        }
        object
            .str("inviteID", &self.invite_id)
            .str("inviter", &self.inviter)
            .str_list("invitees", &self.invitees)
            .str("groupID", &self.group_id)
            .uint("timeout", u64::from(self.timeout))
            .opt_uint("callType", self.call_type.map(u64::from));
        match &self.room_id {
            Some(RoomValue::Numeric(id)) => object.uint("roomID", *id),
            Some(RoomValue::Str(room)) => object.str("roomID", room),
            None => object.null("roomID"),
        };
        object
            .opt_uint("callEnd", self.call_end.map(u64::from))
            .bool("busy", self.busy)
            .opt_str("switchTo", self.switch_to.as_deref())
            .opt_str("cmd", self.cmd.as_deref())
            .opt_str_list("userIDs", self.user_ids.as_deref())
            .opt_str("platform", self.platform.as_deref())
            .opt_uint("version", self.version.map(u64::from))
            .opt_str("dataInviter", self.data_inviter.as_deref())
            .bool("consumed", self.consumed)
            .bool(
                "excludeFromHistoryMessage",
                self.exclude_from_history_message,
            )
            .bool("sendsHangupNotice", self.sends_hangup_notice)
            .opt_str_list("inCallUserIDs", self.in_call_user_ids.as_deref());
        object.end();
    }
}

fn users(list: Vec<String>, field: &'static str) -> Result<Vec<String>, SignalError> {
    if list.len() > MAX_USER_LIST {
        return Err(SignalError::TooManyUsers {
            field,
            max: MAX_USER_LIST,
        });
    }
    list.iter().map(|id| user_id(id, field)).collect()
}

fn media(name: &str, field: &'static str) -> Result<MediaType, SignalError> {
    match name {
        "audio" => Ok(MediaType::Audio),
        "video" => Ok(MediaType::Video),
        _ => Err(SignalError::InvalidField(field)),
    }
}

fn room(value: RoomValue) -> Result<Option<RoomId>, SignalError> {
    match value {
        RoomValue::Numeric(0) => Ok(None),
        RoomValue::Numeric(id) => u32::try_from(id)
            .map(|id| Some(RoomId::Numeric(id)))
            .map_err(|_| SignalError::RoomIdOutOfRange("roomID")),
        RoomValue::Str(text) if text.is_empty() => Ok(None),
        RoomValue::Str(text) if text.len() > MAX_STR_ROOM_ID_BYTES => {
            Err(SignalError::InvalidField("roomID"))
        }
        RoomValue::Str(text) => Ok(Some(RoomId::Str(text))),
    }
}

impl TryFrom<NormalizedSignal> for Signal {
    type Error = SignalError;

    /// Validates the normalized form with the same bounds as decoding.
    fn try_from(n: NormalizedSignal) -> Result<Self, SignalError> {
        let action = [
            Action::Invite,
            Action::Cancel,
            Action::Accept,
            Action::Reject,
            Action::Timeout,
        ]
        .into_iter()
        .find(|action| action.name() == n.action)
        .ok_or_else(|| SignalError::UnknownAction(n.action.chars().take(32).collect()))?;
        if n.invite_id.is_empty() || n.invite_id.len() > MAX_ID_BYTES {
            return Err(SignalError::InvalidField("inviteID"));
        }
        let group_id = bounded(Some(&n.group_id), MAX_ID_BYTES, "groupID")?.unwrap_or_default();
        let platform = bounded(n.platform.as_deref(), MAX_PLATFORM_BYTES, "platform")?;
        let signal = Signal {
            action,
            invite_id: n.invite_id,
            inviter: user_id(&n.inviter, "inviter")?,
            invitees: users(n.invitees, "invitees")?,
            group_id,
            timeout: n.timeout,
            call_type: n
                .call_type
                .map(|code| {
                    MediaType::from_code(code.into()).ok_or(SignalError::InvalidField("callType"))
                })
                .transpose()?,
            room: n.room_id.map(room).transpose()?.flatten(),
            call_end: n.call_end,
            busy: n.busy,
            switch_to: n
                .switch_to
                .as_deref()
                .map(|name| media(name, "switchTo"))
                .transpose()?,
            cmd: n.cmd.as_deref().and_then(Cmd::parse),
            user_ids: n.user_ids.map(|list| users(list, "userIDs")).transpose()?,
            platform,
            version: n.version,
            data_inviter: n
                .data_inviter
                .map(|id| user_id(&id, "dataInviter"))
                .transpose()?,
            consumed: n.consumed,
            exclude_from_history: n.exclude_from_history_message,
            sends_hangup_notice: n.sends_hangup_notice,
            in_call_user_ids: n
                .in_call_user_ids
                .map(|list| users(list, "inCallUserIDs"))
                .transpose()?,
        };
        if signal.action == Action::Invite && signal.invite_kind().is_none() {
            return Err(SignalError::UnknownInvite);
        }
        Ok(signal)
    }
}
