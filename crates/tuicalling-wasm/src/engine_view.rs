//! Engine outputs and view state as plain JSON-compatible objects (camelCase, numbers only).

use serde::Serialize;
use tuicalling_core::engine::room::{Player, PusherConfig, StreamType};
use tuicalling_core::engine::{
    CallEvent, Conversation, OutgoingMessage, Output, RemoteUser, Role, Status, ViewState,
};
use tuicalling_core::protocol::{MediaType, OfflinePushInfo};

fn conversation(conversation: Conversation) -> &'static str {
    match conversation {
        Conversation::C2C => "C2C",
        Conversation::Group => "GROUP",
    }
}

/// An `Output::Send`: `{kind:"send", id, to, conversationType, data, offlinePushInfo}`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SendDto<'a> {
    kind: &'static str,
    id: u64,
    to: &'a str,
    conversation_type: &'static str,
    data: &'a str,
    offline_push_info: Option<&'a OfflinePushInfo>,
}

/// An `Output::Event`: `{kind:"event", name, …}` with the fields that event has.
#[derive(Serialize, Default)]
#[serde(rename_all = "camelCase")]
struct EventDto<'a> {
    kind: &'static str,
    name: &'static str,
    #[serde(rename = "userID", skip_serializing_if = "Option::is_none")]
    user_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inviter: Option<&'a str>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    media: Option<u8>,
    #[serde(rename = "userIDList", skip_serializing_if = "Option::is_none")]
    participants: Option<&'a [String]>,
    #[serde(rename = "groupID", skip_serializing_if = "Option::is_none")]
    group_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    offline: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
}

impl<'a> EventDto<'a> {
    fn named(name: &'static str) -> Self {
        Self {
            kind: "event",
            name,
            ..Self::default()
        }
    }

    fn user(name: &'static str, user: &'a str) -> Self {
        Self {
            user_id: Some(user),
            ..Self::named(name)
        }
    }
}

fn event(event: &CallEvent) -> EventDto<'_> {
    match event {
        CallEvent::Invited {
            inviter,
            media,
            participants,
            group_id,
        } => EventDto {
            inviter: Some(inviter),
            media: Some(media.code()),
            participants: Some(participants),
            group_id: Some(group_id),
            ..EventDto::named("invited")
        },
        CallEvent::UserAccepted(user) => EventDto::user("userAccepted", user),
        CallEvent::UserRejected(user) => EventDto::user("userRejected", user),
        CallEvent::UserBusy(user) => EventDto::user("userBusy", user),
        CallEvent::UserNoResponse { user, offline } => EventDto {
            offline: Some(*offline),
            ..EventDto::user("userNoResponse", user)
        },
        CallEvent::UserEntered(user) => EventDto::user("userEntered", user),
        CallEvent::UserLeft(user) => EventDto::user("userLeft", user),
        CallEvent::Connected => EventDto::named("connected"),
        CallEvent::MediaChanged(media) => EventDto {
            media: Some(media.code()),
            ..EventDto::named("mediaChanged")
        },
        CallEvent::CallEnded {
            reason,
            duration_secs,
            user,
        } => EventDto {
            reason: Some(reason.name()),
            duration: Some(*duration_secs),
            user_id: user.as_deref(),
            ..EventDto::named("callEnded")
        },
        CallEvent::Error { code, message } => EventDto {
            code: Some(code),
            message: Some(message),
            ..EventDto::named("error")
        },
        CallEvent::Ignored { reason, detail } => EventDto {
            code: Some(reason),
            message: Some(detail),
            ..EventDto::named("ignored")
        },
    }
}

/// One drained output as JSON text.
pub(crate) fn output_json(output: &Output, out: &mut String) {
    // Serializing strings, numbers and lists cannot fail.
    let text = match output {
        Output::Send(message) => send_json(message),
        Output::Event(call_event) => serde_json::to_string(&event(call_event)).unwrap_or_default(),
    };
    out.push_str(&text);
}

fn send_json(message: &OutgoingMessage) -> String {
    serde_json::to_string(&SendDto {
        kind: "send",
        id: message.id,
        to: &message.to,
        conversation_type: conversation(message.conversation),
        data: &message.data,
        offline_push_info: message.offline_push.as_ref(),
    })
    .unwrap_or_default()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RemoteDto<'a> {
    #[serde(rename = "userID")]
    user_id: &'a str,
    state: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlayerDto<'a> {
    id: &'a str,
    #[serde(rename = "userID")]
    user_id: &'a str,
    stream_type: &'static str,
    src: &'a str,
    mute_video: bool,
    mute_audio: bool,
    object_fit: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PusherDto<'a> {
    url: &'a str,
    mode: &'static str,
    autopush: bool,
    enable_camera: bool,
    enable_mic: bool,
    muted: bool,
    enable_agc: bool,
    enable_ans: bool,
    min_bitrate: u32,
    max_bitrate: u32,
    video_width: u32,
    video_height: u32,
    beauty: u8,
    whiteness: u8,
    orientation: &'static str,
    aspect: &'static str,
    device_position: &'static str,
    remote_mirror: bool,
    local_mirror: &'static str,
    audio_quality: &'static str,
    audio_volume_type: &'static str,
    beauty_style: &'static str,
    filter: &'static str,
    background_mute: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ViewDto<'a> {
    status: &'static str,
    role: Option<&'static str>,
    #[serde(rename = "type")]
    media: Option<u8>,
    is_group: bool,
    #[serde(rename = "groupID")]
    group_id: &'a str,
    inviter: &'a str,
    #[serde(rename = "roomID")]
    room_id: Option<u32>,
    remote_users: Vec<RemoteDto<'a>>,
    players: Vec<PlayerDto<'a>>,
    pusher: Option<PusherDto<'a>>,
    started_at: Option<u64>,
    speaker: bool,
}

fn remote(user: &RemoteUser) -> RemoteDto<'_> {
    RemoteDto {
        user_id: &user.user_id,
        state: user.state.name(),
    }
}

fn player(player: &Player) -> PlayerDto<'_> {
    PlayerDto {
        id: &player.id,
        user_id: &player.user_id,
        stream_type: match player.stream_type {
            StreamType::Main => "main",
            StreamType::Aux => "aux",
        },
        src: &player.src,
        mute_video: player.mute_video,
        mute_audio: player.mute_audio,
        object_fit: player.object_fit,
    }
}

fn pusher(p: &PusherConfig) -> PusherDto<'_> {
    PusherDto {
        url: &p.url,
        mode: p.mode,
        autopush: p.autopush,
        enable_camera: p.enable_camera,
        enable_mic: p.enable_mic,
        muted: p.muted,
        enable_agc: p.enable_agc,
        enable_ans: p.enable_ans,
        min_bitrate: p.min_bitrate,
        max_bitrate: p.max_bitrate,
        video_width: p.video_width,
        video_height: p.video_height,
        beauty: p.beauty,
        whiteness: p.whiteness,
        orientation: p.orientation,
        aspect: p.aspect,
        device_position: p.device_position,
        remote_mirror: p.remote_mirror,
        local_mirror: p.local_mirror,
        audio_quality: p.audio_quality,
        audio_volume_type: p.audio_volume_type,
        beauty_style: p.beauty_style,
        filter: p.filter,
        background_mute: p.background_mute,
    }
}

/// The view state as JSON text.
pub(crate) fn view_json(view: &ViewState) -> String {
    let dto = ViewDto {
        status: match view.status {
            Status::Idle => "idle",
            Status::Calling => "calling",
            Status::Connected => "connected",
        },
        role: view.role.map(|role| match role {
            Role::Caller => "caller",
            Role::Callee => "callee",
        }),
        media: view.media.map(MediaType::code),
        is_group: view.is_group,
        group_id: &view.group_id,
        inviter: &view.inviter,
        room_id: view.room_id,
        remote_users: view.remote_users.iter().map(remote).collect(),
        players: view.players.iter().map(player).collect(),
        pusher: view.pusher.as_ref().map(pusher),
        started_at: view.started_at,
        speaker: view.speaker,
    };
    serde_json::to_string(&dto).unwrap_or_default()
}
