//! Typed failures of engine commands.

use thiserror::Error;

/// Why a command was refused. Nothing changes in the engine when one is returned.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EngineError {
    /// The configuration cannot work (message says why).
    #[error("invalid configuration: {0}")]
    InvalidConfig(&'static str),
    /// A command argument is out of range (TSignaling 6017).
    #[error("invalid argument: {0}")]
    InvalidArgument(&'static str),
    /// A call is already in progress; one call at a time.
    #[error("a call is already in progress")]
    Busy,
    /// There is no call this command could apply to (TSignaling 8010).
    #[error("no call to {0}")]
    NoCall(&'static str),
    /// The command is not allowed in this role or state (TSignaling 8011).
    #[error("not allowed: {0}")]
    NotAllowed(&'static str),
}

impl EngineError {
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
