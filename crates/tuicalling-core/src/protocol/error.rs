//! Typed failures of signal decoding and encoding.

use thiserror::Error;

/// Why a message is not a signal we act on.
///
/// The first group ([`is_foreign`](SignalError::is_foreign)) is traffic that is simply not
/// ours (chat text, other businesses' custom messages); the engine ignores it quietly. The
/// rest are signals that are malformed or outside the bounds.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SignalError {
    /// The custom message data is not JSON.
    #[error("not JSON")]
    NotJson,
    /// A text message, not a custom one.
    #[error("a text element, not a signal")]
    TextElement,
    /// Another element type (image, sound, …).
    #[error("element type {0} does not carry signals")]
    OtherElement(String),
    /// JSON, but not a TSignaling envelope (`businessID` missing or not 1).
    #[error("not a TSignaling envelope (businessID {0})")]
    NotSignaling(String),
    /// The outer `businessID` is `"av_call"`, which some native builds use and TSignaling drops.
    #[error("outer businessID \"av_call\" (native-only format, ignored like TSignaling does)")]
    OuterAvCall,
    /// A TSignaling envelope of another business (inner `businessID`, e.g. "rtc_call", or
    /// data that is not a JSON object).
    #[error("a signal of another business ({0})")]
    ForeignBusiness(String),
    /// `payload.data` is larger than [`super::MAX_PAYLOAD_BYTES`].
    #[error("payload larger than {max} bytes")]
    TooLarge {
        /// The limit.
        max: usize,
    },
    /// JSON nested deeper than [`super::MAX_JSON_DEPTH`].
    #[error("JSON nested deeper than {max} levels")]
    TooDeep {
        /// The limit.
        max: usize,
    },
    /// A user list longer than [`super::MAX_USER_LIST`].
    #[error("{field} has more than {max} entries")]
    TooManyUsers {
        /// The field.
        field: &'static str,
        /// The limit.
        max: usize,
    },
    /// A user id longer than [`super::MAX_USER_ID_BYTES`], or empty where one is required.
    #[error("{field} holds a user id that is empty or longer than {max} bytes")]
    BadUserId {
        /// The field.
        field: &'static str,
        /// The limit.
        max: usize,
    },
    /// A room id outside 0 ..= 4294967295.
    #[error("{0} is outside 0..=4294967295")]
    RoomIdOutOfRange(&'static str),
    /// A required field is absent.
    #[error("{0} is missing")]
    MissingField(&'static str),
    /// A field has the wrong JSON type or an unusable value.
    #[error("{0} has the wrong type or value")]
    InvalidField(&'static str),
    /// `actionType` is not 1..=5.
    #[error("unknown actionType {0}")]
    UnknownAction(String),
    /// An invitation whose meaning (call, hang-up or switch) cannot be told.
    #[error("invitation with neither a known cmd, call_end nor call_type")]
    UnknownInvite,
}

impl SignalError {
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
