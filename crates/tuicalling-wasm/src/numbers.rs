//! JS numbers in, range-checked integers out. JS has no u64, so integers cross as `f64`.

#[cfg(feature = "tools")]
use tuicalling_core::usersig::UserSigError;

/// Largest integer a JS number holds exactly (2^53 - 1).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// A non-negative safe integer, or `None`.
pub(crate) fn safe_u64(value: f64) -> Option<u64> {
    (value.is_finite() && value.fract() == 0.0 && (0.0..=MAX_SAFE_INTEGER).contains(&value))
        .then_some(value as u64)
}

/// A non-negative safe integer, or `InvalidArgument(what)`.
#[cfg(feature = "tools")]
pub(crate) fn to_u64(value: f64, what: &'static str) -> Result<u64, UserSigError> {
    safe_u64(value).ok_or(UserSigError::InvalidArgument(what))
}

/// An integer in `0..=u32::MAX`, or `InvalidArgument(what)`.
#[cfg(feature = "debug-usersig")]
pub(crate) fn to_u32(value: f64, what: &'static str) -> Result<u32, UserSigError> {
    to_u64(value, what)
        .and_then(|n| u32::try_from(n).map_err(|_| UserSigError::InvalidArgument(what)))
}
