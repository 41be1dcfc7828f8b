//! The result of one CLI run: what to print and which exit status to return.

use tuicalling_core::usersig::UserSigError;

use crate::args::ArgsError;

/// Exit status of a successful run.
pub const EXIT_OK: u8 = 0;
/// Exit status when the UserSig or PrivateMapKey is invalid (any [`UserSigError`] other than
/// `InvalidArgument`).
pub const EXIT_INVALID: u8 = 1;
/// Exit status of a bad command line, or of an argument the signer rejects.
pub const EXIT_USAGE: u8 = 2;

/// Everything a run produces, so that it can be checked without spawning a process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Text for standard output.
    pub stdout: String,
    /// Text for standard error.
    pub stderr: String,
    /// Process exit status.
    pub code: u8,
}

impl Outcome {
    /// Success with `stdout` and optional notes on stderr.
    pub fn success(stdout: String, stderr: String) -> Self {
        Self {
            stdout,
            stderr,
            code: EXIT_OK,
        }
    }

    /// A bad command line: `usage error: ...` on stderr, exit 2.
    pub fn usage_error(error: &ArgsError) -> Self {
        Self {
            stdout: String::new(),
            stderr: format!("usage error: {error}\n(run `tuicalling-cli --help` for usage)\n"),
            code: EXIT_USAGE,
        }
    }

    /// A typed failure: `error: <CODE>: <message>` on stderr. Exit 2 for a rejected argument,
    /// 1 for everything that means "this UserSig is not valid".
    pub fn usersig_error(error: &UserSigError) -> Self {
        let code = match error {
            UserSigError::InvalidArgument(_) => EXIT_USAGE,
            UserSigError::Empty
            | UserSigError::TooLong { .. }
            | UserSigError::BadBase64
            | UserSigError::BadZlib
            | UserSigError::InflatedTooLarge { .. }
            | UserSigError::BadJson
            | UserSigError::MissingField(_)
            | UserSigError::InvalidField(_)
            | UserSigError::SdkAppIdMismatch { .. }
            | UserSigError::IdentifierMismatch
            | UserSigError::Expired { .. }
            | UserSigError::UserbufMismatch
            | UserSigError::SignatureMismatch => EXIT_INVALID,
        };
        Self {
            stdout: String::new(),
            stderr: format!("error: {}: {error}\n", error.code()),
            code,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usersig_errors_carry_code_and_message() {
        let expired = Outcome::usersig_error(&UserSigError::Expired {
            expired_at: 10,
            now: 11,
        });
        assert_eq!(expired.code, EXIT_INVALID);
        assert_eq!(
            expired.stderr,
            "error: EXPIRED: usersig expired at 10 (now 11)\n"
        );
        assert!(expired.stdout.is_empty());

        let rejected = Outcome::usersig_error(&UserSigError::InvalidArgument("x"));
        assert_eq!(rejected.code, EXIT_USAGE);
        assert_eq!(
            rejected.stderr,
            "error: INVALID_ARGUMENT: invalid argument: x\n"
        );
    }

    #[test]
    fn usage_errors_exit_2_with_prefix() {
        let outcome = Outcome::usage_error(&ArgsError::UnknownCommand("x".into()));
        assert_eq!(outcome.code, EXIT_USAGE);
        assert!(outcome
            .stderr
            .starts_with("usage error: unknown command \"x\""));
    }
}
