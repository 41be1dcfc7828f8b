//! Tencent UserSig (TLSSigAPIv2) and PrivateMapKey.
//!
//! A UserSig is `armor(zlib(JSON))`, where the JSON carries `TLS.ver` "2.0", the identifier
//! (user id), the SDKAppID, the issue time, the lifetime in seconds, an optional `userbuf` and
//! `TLS.sig`, the HMAC-SHA256 of a fixed text made from those fields, keyed with the bytes of
//! the SecretKey string. The armor is standard base64 with `+`→`*`, `/`→`-`, `=`→`_`.
//!
//! - `decode` (feature `decode`) checks the structure and returns `UserSigClaims` without any
//!   key: the CLI's `usersig decode` and the debug build's `inspectUserSig`. The armor uses the
//!   base64 and flate2 crates (docs/dependencies.md).
//! - [`Signer`] (feature `sign`) generates UserSigs and PrivateMapKeys and verifies them.
//!   Tencent warns that a SecretKey inside an app is extracted trivially: signing belongs on a
//!   server, in developer tools, or in a debug build.
//!
//! Time is always passed in as unix seconds; nothing here reads a clock.

#[cfg(feature = "decode")]
mod armor;
#[cfg(feature = "decode")]
mod claims;
mod error;
mod private_map_key;
#[cfg(feature = "sign")]
mod signer;
#[cfg(feature = "decode")]
mod zlib;

pub use crate::room::RoomId;
#[cfg(feature = "decode")]
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
#[cfg(feature = "decode")]
pub fn decode(user_sig: &str) -> Result<UserSigClaims, UserSigError> {
    let json = armor::unwrap(user_sig)?;
    UserSigClaims::from_json(&json)
}
