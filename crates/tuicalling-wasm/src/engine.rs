//! `Engine`: the core call engine as a JS class. Received messages and TRTC events are methods;
//! the rarer commands share one entry point, `__command(name, arg, now)`, which the glue turns
//! back into methods. Every input takes the current time `now` (ms, a JS number); `drain()`
//! returns the outputs as plain objects.

use tuicalling_core::engine::{
    self as core, CallRequest, Command, Conversation, EngineConfig, Input, JoinRequest,
    PlayerEvent, PushTexts, PusherEvent, ReceivedMessage, SendFailure,
};
use tuicalling_core::protocol::MediaType;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::engine_view::{output_json, view_json};
use crate::error::{engine_error, engine_invalid_argument};
use crate::numbers::safe_u64;
use crate::plain::Fields;
use crate::signal::parse;

const U8: u64 = u8::MAX as u64;
const U32: u64 = u32::MAX as u64;

/// `value`'s members, or `INVALID_ARGUMENT`.
fn fields(value: &JsValue, known: &[&str]) -> Result<Fields, JsValue> {
    Fields::new(value, known).map_err(|message| engine_invalid_argument(&message))
}

/// A member conversion's failure as `INVALID_ARGUMENT`.
fn arg<T>(result: Result<T, String>) -> Result<T, JsValue> {
    result.map_err(|message| engine_invalid_argument(&message))
}

/// The members of `new Engine(config, now, seed)`'s config.
const CONFIG_FIELDS: &[&str] = &[
    "sdkAppID",
    "userID",
    "userSig",
    "type",
    "timeout",
    "privateMapKey",
    "leaveGraceMs",
];

/// Longest `leaveGraceMs`: a minute.
const MAX_LEAVE_GRACE_MS: u64 = 60_000;

/// The members of `call(request)`.
const CALL_FIELDS: &[&str] = &[
    "userIDList",
    "type",
    "groupID",
    "roomID",
    "timeout",
    "offlinePushInfo",
];

/// The members of a call's `offlinePushInfo`.
const PUSH_FIELDS: &[&str] = &["title", "description", "androidOPPOChannelID"];

/// The members of `join(request)`.
const JOIN_FIELDS: &[&str] = &["roomID", "groupID", "type"];

/// `new Engine(config, now, seed)` config: `{sdkAppID, userID, userSig, type?, timeout?,
/// privateMapKey?, leaveGraceMs?}`.
fn config(value: &JsValue) -> Result<EngineConfig, JsValue> {
    let f = fields(value, CONFIG_FIELDS)?;
    let sdk_app_id = arg(f.required_integer("sdkAppID", U32))? as u32;
    let mut config = EngineConfig::new(
        sdk_app_id,
        &arg(f.required_string("userID"))?,
        &arg(f.required_string("userSig"))?,
    );
    if let Some(code) = arg(f.integer("type", U8, true))? {
        config.default_media = media(code as u8)?;
    }
    if let Some(timeout) = arg(f.integer("timeout", U32, true))? {
        config.invite_timeout_secs = timeout as u32;
    }
    config.private_map_key = arg(f.string("privateMapKey", true))?;
    if let Some(ms) = arg(f.integer("leaveGraceMs", MAX_LEAVE_GRACE_MS, true))? {
        config.limits.remote_leave_grace_ms = ms;
    }
    Ok(config)
}

/// Offline-push texts `{title?, description?, androidOPPOChannelID?}`.
fn push_texts(f: &Fields) -> Result<PushTexts, JsValue> {
    Ok(PushTexts {
        title: arg(f.string("title", false))?.unwrap_or_default(),
        description: arg(f.string("description", false))?.unwrap_or_default(),
        android_oppo_channel_id: arg(f.string("androidOPPOChannelID", false))?.unwrap_or_default(),
    })
}

/// `call(request)`: `{userIDList, type?, groupID?, roomID?, timeout?, offlinePushInfo?}`.
fn call_request(value: &JsValue) -> Result<CallRequest, JsValue> {
    let f = fields(value, CALL_FIELDS)?;
    let push = arg(f.object("offlinePushInfo", PUSH_FIELDS))?;
    Ok(CallRequest {
        user_ids: arg(f.strings("userIDList", false))?
            .ok_or_else(|| engine_invalid_argument("missing field `userIDList`"))?,
        media: arg(f.integer("type", U8, true))?
            .map(|code| media(code as u8))
            .transpose()?,
        group_id: arg(f.string("groupID", true))?.filter(|group| !group.is_empty()),
        room_id: arg(f.integer("roomID", U32, true))?.map(|id| id as u32),
        timeout_secs: arg(f.integer("timeout", U32, true))?.map(|secs| secs as u32),
        push: push.as_ref().map(push_texts).transpose()?,
    })
}

/// `join(request)`: `{roomID, groupID?, type}`.
fn join_request(value: &JsValue) -> Result<JoinRequest, JsValue> {
    let f = fields(value, JOIN_FIELDS)?;
    Ok(JoinRequest {
        room_id: arg(f.required_integer("roomID", U32))? as u32,
        group_id: arg(f.string("groupID", true))?,
        media: media(arg(f.required_integer("type", U8))? as u8)?,
    })
}

fn media(code: u8) -> Result<MediaType, JsValue> {
    MediaType::from_code(code.into())
        .ok_or_else(|| engine_invalid_argument("type must be 1 (audio) or 2 (video)"))
}

fn time(now: f64) -> Result<u64, JsValue> {
    safe_u64(now).ok_or_else(|| engine_invalid_argument("now must be a non-negative integer of ms"))
}

fn conversation(kind: &str) -> Result<Conversation, JsValue> {
    match kind {
        "C2C" => Ok(Conversation::C2C),
        "GROUP" => Ok(Conversation::Group),
        _ => Err(engine_invalid_argument(
            "conversationType must be \"C2C\" or \"GROUP\"",
        )),
    }
}

/// A command of `Engine.__command` by its glue method name.
fn command(name: &str, arg: &JsValue) -> Result<Command, JsValue> {
    Ok(match name {
        "call" => Command::Call(call_request(arg)?),
        "join" => Command::Join(join_request(arg)?),
        "inviteUser" => Command::InviteUser(user_ids(arg)?),
        "switchMedia" => Command::SwitchMedia(media(media_code(arg)?)?),
        "setMicrophone" => Command::SetMicrophone(flag(arg)?),
        "setCamera" => Command::SetCamera(flag(arg)?),
        "setFrontCamera" => Command::SetFrontCamera(flag(arg)?),
        "setSpeaker" => Command::SetSpeaker(flag(arg)?),
        "accept" => Command::Accept,
        "reject" => Command::Reject,
        "hangup" => Command::Hangup,
        _ => return Err(engine_invalid_argument("unknown engine command")),
    })
}

/// `inviteUser(userIDs)`: a list of strings.
fn user_ids(value: &JsValue) -> Result<Vec<String>, JsValue> {
    let invalid = || engine_invalid_argument("userIDs must be a list of strings");
    if !js_sys::Array::is_array(value) {
        return Err(invalid());
    }
    js_sys::Array::from(value)
        .iter()
        .map(|item| item.as_string().ok_or_else(invalid))
        .collect()
}

/// `switchMedia(type)`: the media code as a number (checked by `media`).
fn media_code(value: &JsValue) -> Result<u8, JsValue> {
    value
        .as_f64()
        .filter(|code| matches!(*code, 1.0 | 2.0))
        .map(|code| code as u8)
        .ok_or_else(|| engine_invalid_argument("type must be 1 (audio) or 2 (video)"))
}

/// A switch argument: `true` or `false`.
fn flag(value: &JsValue) -> Result<bool, JsValue> {
    value
        .as_bool()
        .ok_or_else(|| engine_invalid_argument("expected true or false"))
}

/// The call engine of one component instance.
#[wasm_bindgen]
pub struct Engine(core::Engine);

#[wasm_bindgen]
impl Engine {
    /// Creates an engine. Throws `EngineError` (`INVALID_CONFIG`, `INVALID_ARGUMENT`).
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsValue, now: f64, seed: f64) -> Result<Engine, JsValue> {
        let config = self::config(&config)?;
        let seed = safe_u64(seed.abs().floor()).unwrap_or(0);
        core::Engine::new(config, time(now)?, seed)
            .map(Engine)
            .map_err(engine_error)
    }

    /// Runs the command `name` with its argument `arg` at `now`: the one wasm entry point
    /// behind the glue's `call(request)`, `join(request)`, `inviteUser(userIDs)`,
    /// `switchMedia(type)`, `setMicrophone(on)`, `setCamera(on)`, `setFrontCamera(front)`,
    /// `setSpeaker(on)`, `accept()`, `reject()`, `hangup()`, `kickedOut()` and `timeout()`
    /// (js-glue/engine-commands.js). One export instead of thirteen keeps the module and its
    /// glue small; these commands are rare next to received messages and room events.
    /// Throws `EngineError` (`INVALID_ARGUMENT` for an unknown name or a bad argument).
    #[wasm_bindgen(js_name = __command)]
    pub fn command(&mut self, name: &str, arg: JsValue, now: f64) -> Result<(), JsValue> {
        let input = match name {
            "timeout" => {
                self.0.handle_timeout(time(now)?);
                return Ok(());
            }
            "kickedOut" => Input::KickedOut,
            _ => Input::Command(command(name, &arg)?),
        };
        self.0.handle_input(time(now)?, input).map_err(engine_error)
    }

    /// A received IM message element. `conversationType` is "C2C" or "GROUP"; `groupID` is
    /// the group for group messages; `time` and `serverNow` are the message's server time and
    /// the server clock now, in ms.
    #[allow(clippy::too_many_arguments)]
    pub fn receive(
        &mut self,
        from: String,
        conversation_type: &str,
        group_id: String,
        element_type: String,
        data: String,
        time_ms: f64,
        server_now_ms: f64,
        now: f64,
    ) -> Result<(), JsValue> {
        let message = ReceivedMessage {
            from,
            conversation: conversation(conversation_type)?,
            group_id,
            element_type,
            data,
            server_time_ms: time(time_ms)?,
            server_now_ms: time(server_now_ms)?,
        };
        self.0
            .handle_input(time(now)?, Input::Message(message))
            .map_err(engine_error)
    }

    /// The outcome of sending output `id`: `code` 0 for success, else the SDK error.
    #[wasm_bindgen(js_name = sendResult)]
    pub fn send_result(
        &mut self,
        id: f64,
        code: i32,
        message: String,
        now: f64,
    ) -> Result<(), JsValue> {
        let id =
            safe_u64(id).ok_or_else(|| engine_invalid_argument("id must come from drain()"))?;
        let result = if code == 0 {
            Ok(())
        } else {
            Err(SendFailure { code, message })
        };
        self.0
            .handle_input(time(now)?, Input::SendResult { id, result })
            .map_err(engine_error)
    }

    /// `<live-pusher bindstatechange>` `{code, message}`.
    #[wasm_bindgen(js_name = pusherState)]
    pub fn pusher_state(&mut self, code: i32, message: String, now: f64) -> Result<(), JsValue> {
        let event = PusherEvent::StateChange { code, message };
        self.0
            .handle_input(time(now)?, Input::Pusher(event))
            .map_err(engine_error)
    }

    /// `<live-pusher binderror>` `{errCode, errMsg}`.
    #[wasm_bindgen(js_name = pusherError)]
    pub fn pusher_error(&mut self, code: i32, message: String, now: f64) -> Result<(), JsValue> {
        let event = PusherEvent::Error { code, message };
        self.0
            .handle_input(time(now)?, Input::Pusher(event))
            .map_err(engine_error)
    }

    /// `<live-player bindstatechange>` for the player `playerID`.
    #[wasm_bindgen(js_name = playerState)]
    pub fn player_state(&mut self, player_id: String, code: i32, now: f64) -> Result<(), JsValue> {
        let event = PlayerEvent::StateChange { player_id, code };
        self.0
            .handle_input(time(now)?, Input::Player(event))
            .map_err(engine_error)
    }

    /// `<live-player bindnetstatus>` for `playerID` (quality 0 when not reported).
    #[wasm_bindgen(js_name = playerNetStatus)]
    pub fn player_net_status(
        &mut self,
        player_id: String,
        quality: u8,
        now: f64,
    ) -> Result<(), JsValue> {
        let event = PlayerEvent::NetStatus {
            player_id,
            quality: (quality > 0).then_some(quality),
        };
        self.0
            .handle_input(time(now)?, Input::Player(event))
            .map_err(engine_error)
    }

    /// Drains the outputs: an array of `{kind:"send", …}` and `{kind:"event", name, …}`.
    pub fn drain(&mut self) -> Result<JsValue, JsValue> {
        let mut out = String::from("[");
        let mut first = true;
        while let Some(output) = self.0.poll_output() {
            if !first {
                out.push(',');
            }
            first = false;
            output_json(&output, &mut out);
        }
        out.push(']');
        parse(&out)
    }

    /// When to call `timeout` next (ms), or -1 when nothing is due.
    #[wasm_bindgen(js_name = nextTimeout)]
    pub fn next_timeout(&self) -> f64 {
        self.0.poll_timeout().map_or(-1.0, |(at, _)| at as f64)
    }

    /// Why the next timeout is due ("" when none), for debugging.
    #[wasm_bindgen(js_name = nextTimeoutReason)]
    pub fn next_timeout_reason(&self) -> String {
        self.0
            .poll_timeout()
            .map_or(String::new(), |(_, why)| why.to_owned())
    }

    /// The view state as a plain object.
    pub fn view(&self) -> Result<JsValue, JsValue> {
        parse(&view_json(&self.0.view()))
    }
}
