//! The TUICalling signaling protocol: TSignaling envelopes over TIM custom messages, carrying
//! `av_call` version 4 call data.
//!
//! A signal travels as a TIM custom message whose `payload.data` is the envelope JSON
//! `{businessID:1, inviteID, inviter, actionType, inviteeList, data, timeout, groupID}`, and
//! `data` is itself a JSON *string* with the call data
//! `{extraInfo, version:4, call_type, room_id, …, businessID:"av_call", platform, data:{cmd, …}}`.
//!
//! - [`decode`] / [`decode_element`] accept what every Tencent client family sends (the 2021
//!   mini-program original, TUICallKit 1.x/2.x, native Android/iOS, Web, the 2025 C++ engines
//!   on their "v2 path"), within hard bounds, and classify what is not ours
//!   ([`SignalError::is_foreign`]).
//! - [`encode`] writes the original mini-program's exact bytes for every V1 shape.
//! - [`outgoing`] builds the signals *we* send: V1 shapes plus `data.inviter`, without the
//!   original's defects (a busy reject keeps `call_type` and `cmd`; a multi-C2C hang-up notice
//!   never rings).
//! - [`OfflinePushInfo`] is the push payload for invites, with the correct call type, room id
//!   and timeout in its `extension`.
//!
//! Nothing here does I/O or reads a clock.

mod decode;
mod encode;
mod error;
mod fields;
mod model;
mod normalized;
mod offline_push;
pub mod outgoing;

pub use decode::{decode, decode_element};
pub use encode::encode;
pub use error::SignalError;
pub use model::{Action, Cmd, InviteKind, MediaType, RejectReason, Signal};
pub use normalized::{NormalizedSignal, RoomValue};
pub use offline_push::{OfflinePushInfo, DEFAULT_PUSH_DESCRIPTION};

/// Largest `payload.data` accepted, in bytes.
pub const MAX_PAYLOAD_BYTES: usize = 16 * 1024;
/// Most user ids accepted in `inviteeList`, `data.userIDs` or `inCallUserIDs`.
pub const MAX_USER_LIST: usize = 64;
/// Longest user id accepted, in bytes (Tencent IM's limit).
pub const MAX_USER_ID_BYTES: usize = 32;
/// Deepest JSON nesting accepted in the envelope or the call data.
pub const MAX_JSON_DEPTH: usize = 8;
/// The invite timeout TUICalling uses, in seconds.
pub const DEFAULT_INVITE_TIMEOUT_SECS: u32 = 30;
/// The `version` of the `av_call` data we send.
pub const AV_CALL_VERSION: u32 = 4;
/// The `platform` the original mini-program sends, and so do we.
pub const PLATFORM: &str = "MiniApp";
/// The TIM element type that carries signals.
pub const CUSTOM_ELEMENT: &str = "TIMCustomElem";
/// The TIM element type of plain text messages.
pub const TEXT_ELEMENT: &str = "TIMTextElem";
