//! Tencent UserSig (TLSSigAPIv2) and PrivateMapKey.
//!
//! A UserSig is `armor(zlib(JSON))`, where the JSON carries `TLS.ver` "2.0", the identifier
//! (user id), the SDKAppID, the issue time, the lifetime in seconds, an optional `userbuf` and
//! `TLS.sig`, the HMAC-SHA256 of a fixed text made from those fields, keyed with the bytes of
//! the SecretKey string. The armor is standard base64 with `+`→`*`, `/`→`-`, `=`→`_`.
//!
//! - [`decode`] checks the structure and returns [`UserSigClaims`] without any key. The
//!   component uses it to explain an expired or mismatched UserSig before TRTC rejects it.
//! - [`Signer`] (feature `sign`) generates UserSigs and PrivateMapKeys and verifies them.
//!   Tencent warns that a SecretKey inside an app is extracted trivially: signing belongs on a
//!   server, in developer tools, or in a debug build.
//!
//! Time is always passed in as unix seconds; nothing here reads a clock.

mod armor;
mod base64;
mod claims;
mod error;
mod inflate;
mod private_map_key;
#[cfg(feature = "sign")]
mod signer;

pub use crate::room::RoomId;
pub use claims::UserSigClaims;
pub use error::UserSigError;
pub use private_map_key::{privilege, PrivateMapKeyGrant};
#[cfg(feature = "sign")]
pub use signer::Signer;

/// Longest UserSig string [`decode`] accepts. Real ones are 150 to 400 characters.
pub const MAX_USERSIG_CHARS: usize = 4096;
/// Largest inflated JSON [`decode`] accepts; a larger stream is a zlib bomb.
pub const MAX_INFLATED_BYTES: usize = 64 * 1024;
/// Longest identifier (user id) accepted when signing, in bytes (Tencent's limit).
pub const MAX_IDENTIFIER_BYTES: usize = 32;

/// Decodes a UserSig or PrivateMapKey and checks its structure, without verifying the
/// signature (that needs the SecretKey: see [`Signer::verify`]).
///
/// Every failure is a typed [`UserSigError`]; no input makes it panic, and inflation is capped
/// at [`MAX_INFLATED_BYTES`].
pub fn decode(user_sig: &str) -> Result<UserSigClaims, UserSigError> {
    let json = armor::unwrap(user_sig)?;
    UserSigClaims::from_json(&json)
}
