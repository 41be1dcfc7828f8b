//! Typed failures of UserSig decoding, verification and generation.

use std::fmt;

use crate::json::write::uint_to_string;

/// Why a UserSig could not be decoded, verified or generated.
///
/// Every variant has a stable machine-readable [`code`](UserSigError::code), which the wasm
/// binding puts on the JS `Error` and the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserSigError {
    /// An argument of a generation call is out of range (message says which).
    InvalidArgument(&'static str),
    /// The UserSig string is empty.
    Empty,
    /// The UserSig string is longer than [`super::MAX_USERSIG_CHARS`].
    TooLong {
        /// The limit that was exceeded.
        max: usize,
    },
    /// The string is not Tencent's base64 variant (alphabet `A-Za-z0-9*-_`, `_` padding).
    BadBase64,
    /// The decoded bytes are not one complete, valid zlib stream.
    BadZlib,
    /// The zlib stream inflates to more than [`super::MAX_INFLATED_BYTES`].
    InflatedTooLarge {
        /// The limit that was exceeded.
        max: usize,
    },
    /// The inflated payload is not a JSON object.
    BadJson,
    /// A required `TLS.*` field is absent.
    MissingField(&'static str),
    /// A `TLS.*` field has the wrong JSON type or an unusable value.
    InvalidField(&'static str),
    /// The UserSig was issued for another SDKAppID.
    SdkAppIdMismatch {
        /// The SDKAppID the verifier expected.
        expected: u32,
        /// The SDKAppID inside the UserSig.
        found: u32,
    },
    /// The UserSig was issued for another user id.
    IdentifierMismatch,
    /// `now > TLS.time + TLS.expire`.
    Expired {
        /// Unix seconds after which the UserSig is no longer valid.
        expired_at: u64,
        /// The time the check was made at.
        now: u64,
    },
    /// The userbuf is present when none was expected, absent when one was, or different.
    UserbufMismatch,
    /// The HMAC does not match: wrong SecretKey, or the fields were tampered with.
    SignatureMismatch,
}

impl UserSigError {
    /// The human-readable message (also the `Display` text). Built without `core::fmt`, which
    /// the wasm module does not link.
    pub fn message(&self) -> String {
        let n = |value: u64| uint_to_string(value);
        match self {
            Self::InvalidArgument(why) => ["invalid argument: ", why].concat(),
            Self::Empty => "usersig is empty".into(),
            Self::TooLong { max } => {
                ["usersig is longer than ", &n(*max as u64), " characters"].concat()
            }
            Self::BadBase64 => "usersig is not valid base64 (Tencent alphabet A-Za-z0-9*-_)".into(),
            Self::BadZlib => "usersig is not a valid zlib stream".into(),
            Self::InflatedTooLarge { max } => {
                ["usersig inflates to more than ", &n(*max as u64), " bytes"].concat()
            }
            Self::BadJson => "usersig payload is not a JSON object".into(),
            Self::MissingField(field) => ["usersig field ", field, " is missing"].concat(),
            Self::InvalidField(field) => {
                ["usersig field ", field, " has the wrong type or value"].concat()
            }
            Self::SdkAppIdMismatch { expected, found } => [
                "usersig is for sdkappid ",
                &n(u64::from(*found)),
                ", expected ",
                &n(u64::from(*expected)),
            ]
            .concat(),
            Self::IdentifierMismatch => "usersig is for another identifier".into(),
            Self::Expired { expired_at, now } => [
                "usersig expired at ",
                &n(*expired_at),
                " (now ",
                &n(*now),
                ")",
            ]
            .concat(),
            Self::UserbufMismatch => "usersig userbuf does not match".into(),
            Self::SignatureMismatch => "usersig signature does not match".into(),
        }
    }

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

impl fmt::Display for UserSigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for UserSigError {}

#[cfg(test)]
mod tests {
    use super::UserSigError::*;

    #[test]
    fn messages_name_the_problem() {
        let cases = [
            (
                InvalidArgument("now must be unix seconds"),
                "invalid argument: now must be unix seconds",
            ),
            (Empty, "usersig is empty"),
            (
                TooLong { max: 4096 },
                "usersig is longer than 4096 characters",
            ),
            (
                BadBase64,
                "usersig is not valid base64 (Tencent alphabet A-Za-z0-9*-_)",
            ),
            (BadZlib, "usersig is not a valid zlib stream"),
            (
                InflatedTooLarge { max: 65536 },
                "usersig inflates to more than 65536 bytes",
            ),
            (BadJson, "usersig payload is not a JSON object"),
            (MissingField("TLS.sig"), "usersig field TLS.sig is missing"),
            (
                InvalidField("TLS.time"),
                "usersig field TLS.time has the wrong type or value",
            ),
            (
                SdkAppIdMismatch {
                    expected: 1400000000,
                    found: 1400000001,
                },
                "usersig is for sdkappid 1400000001, expected 1400000000",
            ),
            (IdentifierMismatch, "usersig is for another identifier"),
            (
                Expired {
                    expired_at: 1700000000,
                    now: 1700000001,
                },
                "usersig expired at 1700000000 (now 1700000001)",
            ),
            (UserbufMismatch, "usersig userbuf does not match"),
            (SignatureMismatch, "usersig signature does not match"),
        ];
        for (error, text) in cases {
            assert_eq!(error.message(), text);
            assert_eq!(error.to_string(), text);
        }
    }
}
