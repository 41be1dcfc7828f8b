//! Typed failures of UserSig decoding, verification and generation.

use thiserror::Error;

/// Why a UserSig could not be decoded, verified or generated.
///
/// Every variant has a stable machine-readable [`code`](UserSigError::code), which the wasm
/// binding puts on the JS `Error` and the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum UserSigError {
    /// An argument of a generation call is out of range (message says which).
    #[error("invalid argument: {0}")]
    InvalidArgument(&'static str),
    /// The UserSig string is empty.
    #[error("usersig is empty")]
    Empty,
    /// The UserSig string is longer than [`super::MAX_USERSIG_CHARS`].
    #[error("usersig is longer than {max} characters")]
    TooLong {
        /// The limit that was exceeded.
        max: usize,
    },
    /// The string is not Tencent's base64 variant (alphabet `A-Za-z0-9*-_`, `_` padding).
    #[error("usersig is not valid base64 (Tencent alphabet A-Za-z0-9*-_)")]
    BadBase64,
    /// The decoded bytes are not one complete, valid zlib stream.
    #[error("usersig is not a valid zlib stream")]
    BadZlib,
    /// The zlib stream inflates to more than [`super::MAX_INFLATED_BYTES`].
    #[error("usersig inflates to more than {max} bytes")]
    InflatedTooLarge {
        /// The limit that was exceeded.
        max: usize,
    },
    /// The inflated payload is not a JSON object.
    #[error("usersig payload is not a JSON object")]
    BadJson,
    /// A required `TLS.*` field is absent.
    #[error("usersig field {0} is missing")]
    MissingField(&'static str),
    /// A `TLS.*` field has the wrong JSON type or an unusable value.
    #[error("usersig field {0} has the wrong type or value")]
    InvalidField(&'static str),
    /// The UserSig was issued for another SDKAppID.
    #[error("usersig is for sdkappid {found}, expected {expected}")]
    SdkAppIdMismatch {
        /// The SDKAppID the verifier expected.
        expected: u32,
        /// The SDKAppID inside the UserSig.
        found: u32,
    },
    /// The UserSig was issued for another user id.
    #[error("usersig is for another identifier")]
    IdentifierMismatch,
    /// `now > TLS.time + TLS.expire`.
    #[error("usersig expired at {expired_at} (now {now})")]
    Expired {
        /// Unix seconds after which the UserSig is no longer valid.
        expired_at: u64,
        /// The time the check was made at.
        now: u64,
    },
    /// The userbuf is present when none was expected, absent when one was, or different.
    #[error("usersig userbuf does not match")]
    UserbufMismatch,
    /// The HMAC does not match: wrong SecretKey, or the fields were tampered with.
    #[error("usersig signature does not match")]
    SignatureMismatch,
}

impl UserSigError {
    /// Stable, machine-readable name of the failure (e.g. `"EXPIRED"`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidArgument(_) => "INVALID_ARGUMENT",
            Self::Empty => "EMPTY",
            Self::TooLong { .. } => "TOO_LONG",
            Self::BadBase64 => "BAD_BASE64",
            Self::BadZlib => "BAD_ZLIB",
            Self::InflatedTooLarge { .. } => "INFLATED_TOO_LARGE",
            Self::BadJson => "BAD_JSON",
            Self::MissingField(_) => "MISSING_FIELD",
            Self::InvalidField(_) => "INVALID_FIELD",
            Self::SdkAppIdMismatch { .. } => "SDKAPPID_MISMATCH",
            Self::IdentifierMismatch => "IDENTIFIER_MISMATCH",
            Self::Expired { .. } => "EXPIRED",
            Self::UserbufMismatch => "USERBUF_MISMATCH",
            Self::SignatureMismatch => "SIGNATURE_MISMATCH",
        }
    }
}
