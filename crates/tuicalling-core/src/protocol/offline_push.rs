//! Offline-push info for invitations (TIM `sendMessage` option `offlinePushInfo`).

use serde::Serialize;

use super::model::{Action, Signal};
use super::AV_CALL_VERSION;
use crate::json::write::Object;
use crate::RoomId;

/// The push text TSignaling uses when none is given ("you have a call request").
pub const DEFAULT_PUSH_DESCRIPTION: &str = "您有一个通话请求";

/// `offlinePushInfo` for an invitation: what a phone shows when the app is not running.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfflinePushInfo {
    /// Notification title.
    pub title: String,
    /// Notification text.
    pub description: String,
    /// OPPO push channel id (Android 8+ needs one).
    #[serde(rename = "androidOPPOChannelID")]
    pub android_oppo_channel_id: String,
    /// The `{"entity":{…}}` JSON that native TUICallKit clients parse to ring.
    pub extension: String,
}

/// The call described inside the extension. Unlike the original (which put the *chat* type
/// in `call_type` and lost `room_id` and `timeout`), these are the real values.
fn push_content(invite: &Signal, group: bool) -> String {
    let mut out = String::new();
    let mut content = Object::new(&mut out);
    content.uint("action", u64::from(Action::Invite.code()));
    if let Some(media) = invite.media() {
        content.uint("call_type", u64::from(media.code()));
    }
    if let Some(RoomId::Numeric(id)) = invite.room {
        content.uint("room_id", u64::from(id));
    }
    content
        .str("call_id", &invite.invite_id)
        .uint("timeout", u64::from(invite.timeout))
        .uint("version", u64::from(AV_CALL_VERSION))
        .str_list("invited_list", &invite.invitees);
    if group {
        content.str("group_id", &invite.group_id);
    }
    content.end();
    out
}

/// `{"entity":{action, chatType, content, sendTime, sender, version}}`.
fn extension(invite: &Signal, send_time: u64, group: bool) -> String {
    let mut out = String::new();
    let mut extension = Object::new(&mut out);
    let mut entity = Object::new(extension.key("entity"));
    entity
        .uint("action", 2)
        .uint("chatType", if group { 2 } else { 1 })
        .str("content", &push_content(invite, group))
        .uint("sendTime", send_time)
        .str("sender", &invite.inviter)
        .uint("version", 1);
    entity.end();
    extension.end();
    out
}

impl OfflinePushInfo {
    /// Push info for `invite` sent at `send_time` (unix seconds). An empty `description`
    /// becomes [`DEFAULT_PUSH_DESCRIPTION`]. `None` for actions other than invitations.
    pub fn for_invite(
        invite: &Signal,
        send_time: u64,
        title: &str,
        description: &str,
        android_oppo_channel_id: &str,
    ) -> Option<Self> {
        if invite.action != Action::Invite {
            return None;
        }
        let group = !invite.group_id.is_empty();
        Some(Self {
            title: title.to_owned(),
            description: if description.is_empty() {
                DEFAULT_PUSH_DESCRIPTION
            } else {
                description
            }
            .to_owned(),
            android_oppo_channel_id: android_oppo_channel_id.to_owned(),
            extension: extension(invite, send_time, group),
        })
    }

    /// Appends this object as JSON: `{title, description, androidOPPOChannelID, extension}`.
    pub fn write_json(&self, out: &mut String) {
        let mut object = Object::new(out);
        object
            .str("title", &self.title)
            .str("description", &self.description)
            .str("androidOPPOChannelID", &self.android_oppo_channel_id)
            .str("extension", &self.extension);
        object.end();
    }
}
