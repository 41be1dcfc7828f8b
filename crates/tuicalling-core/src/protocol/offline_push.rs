//! Offline-push info for invitations (TIM `sendMessage` option `offlinePushInfo`).

use serde::Serialize;

use super::model::{Action, Signal};
use super::AV_CALL_VERSION;
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
#[derive(Serialize)]
struct PushContent<'a> {
    action: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    call_type: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    room_id: Option<u32>,
    call_id: &'a str,
    timeout: u32,
    version: u32,
    invited_list: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    group_id: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entity<'a> {
    action: u8,
    chat_type: u8,
    content: String,
    send_time: u64,
    sender: &'a str,
    version: u8,
}

#[derive(Serialize)]
struct Extension<'a> {
    entity: Entity<'a>,
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
        let content = PushContent {
            action: Action::Invite.code(),
            call_type: invite.media().map(super::MediaType::code),
            room_id: match invite.room {
                Some(RoomId::Numeric(id)) => Some(id),
                Some(RoomId::Str(_)) | None => None,
            },
            call_id: &invite.invite_id,
            timeout: invite.timeout,
            version: AV_CALL_VERSION,
            invited_list: &invite.invitees,
            group_id: group.then_some(invite.group_id.as_str()),
        };
        let extension = Extension {
            entity: Entity {
                action: 2,
                chat_type: if group { 2 } else { 1 },
                // Serializing strings and integers cannot fail.
                content: serde_json::to_string(&content).unwrap_or_default(),
                send_time,
                sender: &invite.inviter,
                version: 1,
            },
        };
        Some(Self {
            title: title.to_owned(),
            description: if description.is_empty() {
                DEFAULT_PUSH_DESCRIPTION
            } else {
                description
            }
            .to_owned(),
            android_oppo_channel_id: android_oppo_channel_id.to_owned(),
            extension: serde_json::to_string(&extension).unwrap_or_default(),
        })
    }
}
