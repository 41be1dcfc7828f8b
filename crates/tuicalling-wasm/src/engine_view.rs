//! Engine outputs and view state as JSON text for plain objects (camelCase, numbers only),
//! written with the core's JSON writer.

use tuicalling_core::engine::room::{Player, PusherConfig, StreamType};
use tuicalling_core::engine::{
    CallEvent, Conversation, OutgoingMessage, Output, RemoteUser, Role, Status, ViewState,
};
use tuicalling_core::json::write::{push_list, Object};

fn conversation(conversation: Conversation) -> &'static str {
    match conversation {
        Conversation::C2C => "C2C",
        Conversation::Group => "GROUP",
    }
}

/// An `Output::Event`'s members, written as `{kind:"event", name, …}` in this order with the
/// absent ones left out.
#[derive(Default)]
struct EventFields<'a> {
    name: &'static str,
    user_id: Option<&'a str>,
    inviter: Option<&'a str>,
    media: Option<u8>,
    participants: Option<&'a [String]>,
    group_id: Option<&'a str>,
    offline: Option<bool>,
    reason: Option<&'static str>,
    duration: Option<u32>,
    code: Option<&'a str>,
    message: Option<&'a str>,
}

impl<'a> EventFields<'a> {
    fn named(name: &'static str) -> Self {
        Self {
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

    fn write(&self, out: &mut String) {
        let mut object = Object::new(out);
        object.str("kind", "event").str("name", self.name);
        if let Some(user) = self.user_id {
            object.str("userID", user);
        }
        if let Some(inviter) = self.inviter {
            object.str("inviter", inviter);
        }
        if let Some(media) = self.media {
            object.uint("type", u64::from(media));
        }
        if let Some(participants) = self.participants {
            object.str_list("userIDList", participants);
        }
        if let Some(group) = self.group_id {
            object.str("groupID", group);
        }
        if let Some(offline) = self.offline {
            object.bool("offline", offline);
        }
        if let Some(reason) = self.reason {
            object.str("reason", reason);
        }
        if let Some(duration) = self.duration {
            object.uint("duration", u64::from(duration));
        }
        if let Some(code) = self.code {
            object.str("code", code);
        }
        if let Some(message) = self.message {
            object.str("message", message);
        }
        object.end();
    }
}

fn event(event: &CallEvent) -> EventFields<'_> {
    match event {
        CallEvent::Invited {
            inviter,
            media,
            participants,
            group_id,
        } => EventFields {
            inviter: Some(inviter),
            media: Some(media.code()),
            participants: Some(participants),
            group_id: Some(group_id),
            ..EventFields::named("invited")
        },
        CallEvent::UserAccepted(user) => EventFields::user("userAccepted", user),
        CallEvent::UserRejected(user) => EventFields::user("userRejected", user),
        CallEvent::UserBusy(user) => EventFields::user("userBusy", user),
        CallEvent::UserNoResponse { user, offline } => EventFields {
            offline: Some(*offline),
            ..EventFields::user("userNoResponse", user)
        },
        CallEvent::UserEntered(user) => EventFields::user("userEntered", user),
        CallEvent::UserLeft(user) => EventFields::user("userLeft", user),
        CallEvent::Connected => EventFields::named("connected"),
        CallEvent::MediaChanged(media) => EventFields {
            media: Some(media.code()),
            ..EventFields::named("mediaChanged")
        },
        CallEvent::CallEnded {
            reason,
            duration_secs,
            user,
        } => EventFields {
            reason: Some(reason.name()),
            duration: Some(*duration_secs),
            user_id: user.as_deref(),
            ..EventFields::named("callEnded")
        },
        CallEvent::Error { code, message } => EventFields {
            code: Some(code),
            message: Some(message),
            ..EventFields::named("error")
        },
        CallEvent::Ignored { reason, detail } => EventFields {
            code: Some(reason),
            message: Some(detail),
            ..EventFields::named("ignored")
        },
    }
}

/// Appends one drained output as JSON: `{kind:"send", id, to, conversationType, data,
/// offlinePushInfo}` or `{kind:"event", name, …}`.
pub(crate) fn output_json(output: &Output, out: &mut String) {
    match output {
        Output::Send(message) => send_json(message, out),
        Output::Event(call_event) => event(call_event).write(out),
    }
}

fn send_json(message: &OutgoingMessage, out: &mut String) {
    let mut object = Object::new(out);
    object
        .str("kind", "send")
        .uint("id", message.id)
        .str("to", &message.to)
        .str("conversationType", conversation(message.conversation))
        .str("data", &message.data);
    match &message.offline_push {
        Some(info) => info.write_json(object.key("offlinePushInfo")),
        None => {
            object.null("offlinePushInfo");
        }
    }
    object.end();
}

fn remote(user: &RemoteUser, out: &mut String) {
    let mut object = Object::new(out);
    object
        .str("userID", &user.user_id)
        .str("state", user.state.name());
    object.end();
}

fn player(player: &Player, out: &mut String) {
    let mut object = Object::new(out);
    object
        .str("id", &player.id)
        .str("userID", &player.user_id)
        .str(
            "streamType",
            match player.stream_type {
                StreamType::Main => "main",
                StreamType::Aux => "aux",
            },
        )
        .str("src", &player.src)
        .bool("muteVideo", player.mute_video)
        .bool("muteAudio", player.mute_audio)
        .str("objectFit", player.object_fit);
    object.end();
}

fn pusher(p: &PusherConfig, out: &mut String) {
    let mut object = Object::new(out);
    object
        .str("url", &p.url)
        .str("mode", p.mode)
        .bool("autopush", p.autopush)
        .bool("enableCamera", p.enable_camera)
        .bool("enableMic", p.enable_mic)
        .bool("muted", p.muted)
        .bool("enableAgc", p.enable_agc)
        .bool("enableAns", p.enable_ans)
        .uint("minBitrate", u64::from(p.min_bitrate))
        .uint("maxBitrate", u64::from(p.max_bitrate))
        .uint("videoWidth", u64::from(p.video_width))
        .uint("videoHeight", u64::from(p.video_height))
        .uint("beauty", u64::from(p.beauty))
        .uint("whiteness", u64::from(p.whiteness))
        .str("orientation", p.orientation)
        .str("aspect", p.aspect)
        .str("devicePosition", p.device_position)
        .bool("remoteMirror", p.remote_mirror)
        .str("localMirror", p.local_mirror)
        .str("audioQuality", p.audio_quality)
        .str("audioVolumeType", p.audio_volume_type)
        .str("beautyStyle", p.beauty_style)
        .str("filter", p.filter)
        .bool("backgroundMute", p.background_mute);
    object.end();
}

/// The view state as JSON text.
pub(crate) fn view_json(view: &ViewState) -> String {
    let mut out = String::new();
    let mut object = Object::new(&mut out);
    object
        .str(
            "status",
            match view.status {
                Status::Idle => "idle",
                Status::Calling => "calling",
                Status::Connected => "connected",
            },
        )
        .opt_str(
            "role",
            view.role.map(|role| match role {
                Role::Caller => "caller",
                Role::Callee => "callee",
            }),
        )
        .opt_uint("type", view.media.map(|media| u64::from(media.code())))
        .bool("isGroup", view.is_group)
        .str("groupID", &view.group_id)
        .str("inviter", &view.inviter)
        .opt_uint("roomID", view.room_id.map(u64::from));
    push_list(object.key("remoteUsers"), &view.remote_users, remote);
    push_list(object.key("players"), &view.players, player);
    match &view.pusher {
        Some(config) => pusher(config, object.key("pusher")),
        None => {
            object.null("pusher");
        }
    }
    object
        .opt_uint("startedAt", view.started_at)
        .bool("speaker", view.speaker);
    object.end();
    out
}
