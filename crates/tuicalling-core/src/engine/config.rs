//! Engine configuration.

use super::EngineError;
use crate::protocol::{MediaType, DEFAULT_INVITE_TIMEOUT_SECS, MAX_USER_ID_BYTES};

/// Bounds and heuristics. The defaults suit real calls; tests shrink them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Most people in one call, the local user included (the group grid shows 9).
    pub max_participants: usize,
    /// Connected with nobody else in the TRTC room for this long ends the call (ms).
    pub alone_timeout_ms: u64,
    /// A remote user with no room or player event for this long counts as gone (ms): the
    /// guard for a TRTC leave that is never reported.
    pub remote_silence_ms: u64,
    /// How long a connected call waits for the last remote user to come back after TRTC
    /// reported their leave (1032) before it ends (ms). On iOS a backgrounded mini-program
    /// leaves the room and re-enters on resume; Tencent's clients send nothing when they hang
    /// up, so the leave is also how a real hang-up shows. See the [engine docs](super).
    pub remote_leave_grace_ms: u64,
    /// Clock skew tolerated between the IM server and us when judging an invite's age (ms).
    pub clock_skew_ms: u64,
    /// Extra time the inviter waits past the invite timeout before giving up (ms).
    pub inviter_grace_ms: u64,
    /// How many handled invite ids are remembered to make replays idempotent.
    pub remembered_invites: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_participants: 9,
            alone_timeout_ms: 30_000,
            remote_silence_ms: 30_000,
            remote_leave_grace_ms: 10_000,
            clock_skew_ms: 60_000,
            inviter_grace_ms: 5_000,
            remembered_invites: 256,
        }
    }
}

/// Who the local user is and how calls behave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngineConfig {
    /// Tencent Cloud SDKAppID.
    pub sdk_app_id: u32,
    /// The local user id (1..=32 bytes).
    pub user_id: String,
    /// The local user's UserSig (for the TRTC push URL).
    pub user_sig: String,
    /// Media used when a command does not say.
    pub default_media: MediaType,
    /// Seconds an invitation rings (30 by default).
    pub invite_timeout_secs: u32,
    /// TRTC PrivateMapKey, when the app enables room permissions.
    pub private_map_key: Option<String>,
    /// Bounds and heuristics.
    pub limits: Limits,
}

impl EngineConfig {
    /// A configuration with the defaults: audio, 30 s invitations, no PrivateMapKey.
    pub fn new(sdk_app_id: u32, user_id: &str, user_sig: &str) -> Self {
        Self {
            sdk_app_id,
            user_id: user_id.to_owned(),
            user_sig: user_sig.to_owned(),
            default_media: MediaType::Audio,
            invite_timeout_secs: DEFAULT_INVITE_TIMEOUT_SECS,
            private_map_key: None,
            limits: Limits::default(),
        }
    }

    pub(super) fn validate(&self) -> Result<(), EngineError> {
        if self.sdk_app_id == 0 {
            return Err(EngineError::InvalidConfig("sdkAppID must be non-zero"));
        }
        if self.user_id.is_empty() || self.user_id.len() > MAX_USER_ID_BYTES {
            return Err(EngineError::InvalidConfig("userID must be 1..=32 bytes"));
        }
        if self.user_sig.is_empty() {
            return Err(EngineError::InvalidConfig("userSig is required"));
        }
        if self.invite_timeout_secs == 0 || self.invite_timeout_secs > 600 {
            return Err(EngineError::InvalidConfig(
                "timeout must be 1..=600 seconds",
            ));
        }
        if self.limits.max_participants < 2 {
            return Err(EngineError::InvalidConfig(
                "a call needs at least 2 participants",
            ));
        }
        Ok(())
    }
}
