//! Sans-IO core of tuicalling-rs, a Rust rewrite of Tencent's TUICalling mini-program
//! component.
//!
//! The core never reads a clock, never draws randomness and never does I/O: the current time
//! is always an argument. That keeps every function deterministic, testable on virtual time and
//! usable unchanged from native tools, servers and the WeChat wasm runtime.
//!
//! Modules:
//! - [`protocol`]: the TSignaling envelope and `av_call` v4 call data: the typed model of every
//!   signal, byte-compatible encoding and lenient, bounded decoding.
//! - [`usersig`]: Tencent TLSSigAPIv2 UserSig and PrivateMapKey. Decoding is always available;
//!   generation and HMAC verification need the `sign` feature, which the production component
//!   build leaves out so that no signing code ships to phones.

pub mod engine;
mod json;
pub mod protocol;
mod room;
pub mod usersig;

pub use room::{RoomId, MAX_STR_ROOM_ID_BYTES};
