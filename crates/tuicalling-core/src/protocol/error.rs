//! Typed failures of signal decoding and encoding.

use std::fmt;

use crate::json::write::uint_to_string;

/// Why a message is not a signal we act on.
///
/// The first group ([`is_foreign`](SignalError::is_foreign)) is traffic that is simply not
/// ours (chat text, other businesses' custom messages); the engine ignores it quietly. The
/// rest are signals that are malformed or outside the bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignalError {
    /// The custom message data is not JSON.
    NotJson,
    /// A text message, not a custom one.
    TextElement,
    /// Another element type (image, sound, …).
    OtherElement(String),
    /// JSON, but not a TSignaling envelope (`businessID` missing or not 1).
    NotSignaling(String),
    /// The outer `businessID` is `"av_call"`, which some native builds use and TSignaling drops.
    OuterAvCall,
    /// A TSignaling envelope of another business (inner `businessID`, e.g. "rtc_call", or
    /// data that is not a JSON object).
    ForeignBusiness(String),
    /// `payload.data` is larger than [`super::MAX_PAYLOAD_BYTES`].
    TooLarge {
        /// The limit.
        max: usize,
    },
    /// JSON nested deeper than [`super::MAX_JSON_DEPTH`].
    TooDeep {
        /// The limit.
        max: usize,
    },
    /// A user list longer than [`super::MAX_USER_LIST`].
    TooManyUsers {
        /// The field.
        field: &'static str,
        /// The limit.
        max: usize,
    },
    /// A user id longer than [`super::MAX_USER_ID_BYTES`], or empty where one is required.
    BadUserId {
        /// The field.
        field: &'static str,
        /// The limit.
        max: usize,
    },
    /// A room id outside 0 ..= 4294967295.
    RoomIdOutOfRange(&'static str),
    /// A required field is absent.
    MissingField(&'static str),
    /// A field has the wrong JSON type or an unusable value.
    InvalidField(&'static str),
    /// `actionType` is not 1..=5.
    UnknownAction(String),
    /// An invitation whose meaning (call, hang-up or switch) cannot be told.
    UnknownInvite,
}

impl SignalError {
    /// The human-readable message (also the `Display` text). Built without `core::fmt`, which
    /// the wasm module does not link.
    pub fn message(&self) -> String {
        let n = |value: usize| uint_to_string(value as u64);
        match self {
            Self::NotJson => "not JSON".into(),
            Self::TextElement => "a text element, not a signal".into(),
            Self::OtherElement(kind) => ["element type ", kind, " does not carry signals"].concat(),
            Self::NotSignaling(found) => {
                ["not a TSignaling envelope (businessID ", found, ")"].concat()
            }
            Self::OuterAvCall => {
                "outer businessID \"av_call\" (native-only format, ignored like TSignaling does)"
                    .into()
            }
            Self::ForeignBusiness(found) => ["a signal of another business (", found, ")"].concat(),
            Self::TooLarge { max } => ["payload larger than ", &n(*max), " bytes"].concat(),
            Self::TooDeep { max } => ["JSON nested deeper than ", &n(*max), " levels"].concat(),
            Self::TooManyUsers { field, max } => {
                [field, " has more than ", &n(*max), " entries"].concat()
            }
            Self::BadUserId { field, max } => [
                field,
                " holds a user id that is empty or longer than ",
                &n(*max),
                " bytes",
            ]
            .concat(),
            Self::RoomIdOutOfRange(field) => [field, " is outside 0..=4294967295"].concat(),
            Self::MissingField(field) => [field, " is missing"].concat(),
            Self::InvalidField(field) => [field, " has the wrong type or value"].concat(),
            Self::UnknownAction(found) => ["unknown actionType ", found].concat(),
            Self::UnknownInvite => {
                "invitation with neither a known cmd, call_end nor call_type".into()
            }
        }
    }

    /// Whether the message is simply not ours (ignore quietly) rather than a broken signal.
    pub fn is_foreign(&self) -> bool {
        match self {
            Self::NotJson
            | Self::TextElement
            | Self::OtherElement(_)
            | Self::NotSignaling(_)
            | Self::OuterAvCall
            | Self::ForeignBusiness(_) => true,
            Self::TooLarge { .. }
            | Self::TooDeep { .. }
            | Self::TooManyUsers { .. }
            | Self::BadUserId { .. }
            | Self::RoomIdOutOfRange(_)
            | Self::MissingField(_)
            | Self::InvalidField(_)
            | Self::UnknownAction(_)
            | Self::UnknownInvite => false,
        }
    }

    /// Stable, machine-readable name of the failure (e.g. `"TOO_LARGE"`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotJson => "NOT_JSON",
            Self::TextElement => "TEXT_ELEMENT",
            Self::OtherElement(_) => "OTHER_ELEMENT",
            Self::NotSignaling(_) => "NOT_SIGNALING",
            Self::OuterAvCall => "OUTER_AV_CALL",
            Self::ForeignBusiness(_) => "FOREIGN_BUSINESS",
            Self::TooLarge { .. } => "TOO_LARGE",
            Self::TooDeep { .. } => "TOO_DEEP",
            Self::TooManyUsers { .. } => "TOO_MANY_USERS",
            Self::BadUserId { .. } => "BAD_USER_ID",
            Self::RoomIdOutOfRange(_) => "ROOM_ID_OUT_OF_RANGE",
            Self::MissingField(_) => "MISSING_FIELD",
            Self::InvalidField(_) => "INVALID_FIELD",
            Self::UnknownAction(_) => "UNKNOWN_ACTION",
            Self::UnknownInvite => "UNKNOWN_INVITE",
        }
    }
}

impl fmt::Display for SignalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for SignalError {}

#[cfg(test)]
mod tests {
    use super::SignalError::*;

    #[test]
    fn messages_name_the_problem() {
        let cases = [
            (NotJson, "not JSON"),
            (TextElement, "a text element, not a signal"),
            (
                OtherElement("TIMImageElem".into()),
                "element type TIMImageElem does not carry signals",
            ),
            (
                NotSignaling("2".into()),
                "not a TSignaling envelope (businessID 2)",
            ),
            (
                OuterAvCall,
                "outer businessID \"av_call\" (native-only format, ignored like TSignaling does)",
            ),
            (
                ForeignBusiness("rtc_call".into()),
                "a signal of another business (rtc_call)",
            ),
            (TooLarge { max: 16384 }, "payload larger than 16384 bytes"),
            (TooDeep { max: 8 }, "JSON nested deeper than 8 levels"),
            (
                TooManyUsers {
                    field: "invitees",
                    max: 64,
                },
                "invitees has more than 64 entries",
            ),
            (
                BadUserId {
                    field: "inviter",
                    max: 32,
                },
                "inviter holds a user id that is empty or longer than 32 bytes",
            ),
            (
                RoomIdOutOfRange("room_id"),
                "room_id is outside 0..=4294967295",
            ),
            (MissingField("inviteID"), "inviteID is missing"),
            (
                InvalidField("timeout"),
                "timeout has the wrong type or value",
            ),
            (UnknownAction("9".into()), "unknown actionType 9"),
            (
                UnknownInvite,
                "invitation with neither a known cmd, call_end nor call_type",
            ),
        ];
        for (error, text) in cases {
            assert_eq!(error.message(), text);
            assert_eq!(error.to_string(), text);
        }
    }
}
