//! Sans-IO core of tuicalling-rs, a Rust rewrite of Tencent's TUICalling mini-program
//! component.
//!
//! The core never reads a clock, never draws randomness and never does I/O: the current time
//! is always an argument. That keeps every function deterministic, testable on virtual time and
//! usable unchanged from native tools, servers and the WeChat wasm runtime.
//!
//! Modules:
//! - [`engine`]: the call engine, one deterministic state machine per component instance
//!   (1v1 and group calls, timers, TRTC room bookkeeping, push URL and pusher attributes).
//! - [`protocol`]: the TSignaling envelope and `av_call` v4 call data: the typed model of every
//!   signal, byte-compatible encoding and lenient, bounded decoding.
//! - [`usersig`]: Tencent TLSSigAPIv2 UserSig and PrivateMapKey. Decoding is always available;
//!   generation and HMAC verification need the `sign` feature, which the production component
//!   build leaves out so that no signing code ships to phones.
//!
//! # Driving the engine
//!
//! Feed an input with the current time, drain the outputs (send the messages, show the
//! events), render the view, and arm one timer for the next deadline:
//!
//! ```
//! use tuicalling_core::engine::{CallRequest, Command, Engine, EngineConfig, Input, Output, Status};
//!
//! let mut alice = Engine::new(EngineConfig::new(1400000000, "alice", "sig"), 0, 7).unwrap();
//! let request = CallRequest { user_ids: vec!["bob".into()], ..CallRequest::default() };
//! alice.handle_input(1_000, Input::Command(Command::Call(request))).unwrap();
//! let mut sent = Vec::new();
//! while let Some(output) = alice.poll_output() {
//!     match output {
//!         Output::Send(message) => sent.push(message), // tim.sendMessage(...)
//!         Output::Event(event) => println!("{event:?}"),  // triggerEvent(...)
//!     }
//! }
//! for message in &sent {
//!     alice.handle_input(1_020, Input::SendResult { id: message.id, result: Ok(()) }).unwrap();
//! }
//! assert_eq!(alice.view().status, Status::Calling);
//! // Nobody answers: the inviter's guard fires at timeout + 5 s and the call ends.
//! let (deadline, _reason) = alice.poll_timeout().unwrap();
//! alice.handle_timeout(deadline);
//! while alice.poll_output().is_some() {}
//! assert_eq!(alice.view().status, Status::Idle);
//! assert_eq!(alice.poll_timeout(), None);
//! ```

pub mod engine;
pub mod json;
pub mod protocol;
mod room;
pub mod usersig;

pub use room::{RoomId, MAX_STR_ROOM_ID_BYTES};
