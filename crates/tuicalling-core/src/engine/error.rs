//! Typed failures of engine commands.

use std::fmt;

/// Why a command was refused. Nothing changes in the engine when one is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EngineError {
    /// The configuration cannot work (message says why).
    InvalidConfig(&'static str),
    /// A command argument is out of range (TSignaling 6017).
    InvalidArgument(&'static str),
    /// A call is already in progress; one call at a time.
    Busy,
    /// There is no call this command could apply to (TSignaling 8010).
    NoCall(&'static str),
    /// The command is not allowed in this role or state (TSignaling 8011).
    NotAllowed(&'static str),
}

impl EngineError {
    /// The human-readable message (also the `Display` text). Built without `core::fmt`, which
    /// the wasm module does not link.
    pub fn message(&self) -> String {
        match self {
            Self::InvalidConfig(why) => ["invalid configuration: ", why].concat(),
            Self::InvalidArgument(why) => ["invalid argument: ", why].concat(),
            Self::Busy => "a call is already in progress".into(),
            Self::NoCall(what) => ["no call to ", what].concat(),
            Self::NotAllowed(why) => ["not allowed: ", why].concat(),
        }
    }

    /// Stable, machine-readable name (e.g. `"BUSY"`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidConfig(_) => "INVALID_CONFIG",
            Self::InvalidArgument(_) => "INVALID_ARGUMENT",
            Self::Busy => "BUSY",
            Self::NoCall(_) => "NO_CALL",
            Self::NotAllowed(_) => "NOT_ALLOWED",
        }
    }

    /// The TSignaling error code with the same meaning, where there is one.
    pub fn tsignaling_code(&self) -> Option<u32> {
        match self {
            Self::InvalidArgument(_) => Some(6017),
            Self::NoCall(_) => Some(8010),
            Self::NotAllowed(_) => Some(8011),
            Self::InvalidConfig(_) | Self::Busy => None,
        }
    }
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for EngineError {}

#[cfg(test)]
mod tests {
    use super::EngineError::*;

    #[test]
    fn messages_name_the_problem() {
        let cases = [
            (
                InvalidConfig("userID is empty"),
                "invalid configuration: userID is empty",
            ),
            (
                InvalidArgument("userIDList is empty"),
                "invalid argument: userIDList is empty",
            ),
            (Busy, "a call is already in progress"),
            (NoCall("accept"), "no call to accept"),
            (
                NotAllowed("only the caller can invite"),
                "not allowed: only the caller can invite",
            ),
        ];
        for (error, text) in cases {
            assert_eq!(error.message(), text);
            assert_eq!(error.to_string(), text);
        }
    }
}
