//! The result of one CLI run: what to print and which exit status to return.

use std::fmt;

use tuicalling_core::protocol::SignalError;
use tuicalling_core::usersig::UserSigError;

/// Exit status of a successful run.
pub const EXIT_OK: u8 = 0;
/// Exit status when the UserSig or PrivateMapKey is invalid (any [`UserSigError`] other than
/// `InvalidArgument`), or the input of a `signal` command is not a valid signal.
pub const EXIT_INVALID: u8 = 1;
/// Exit status of a bad command line, of an argument the signer rejects, and of stdin that
/// cannot be read or (for `signal encode`) parsed.
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

    /// A bad command line or unusable input: `usage error: ...` on stderr, exit 2.
    pub fn usage_error(error: &impl fmt::Display) -> Self {
        Self {
            stdout: String::new(),
            stderr: format!(
                "usage error: {}\n(run `tuicalling-cli --help` for usage)\n",
                one_line(&error.to_string())
            ),
            code: EXIT_USAGE,
        }
    }

    /// Input of a `signal` command that is no valid signal: `error: <CODE>: <message>` on
    /// stderr, exit 1. Messages that are simply not signals say so.
    pub fn signal_error(error: &SignalError) -> Self {
        let note = if error.is_foreign() {
            " (not a signal for us)"
        } else {
            ""
        };
        Self {
            stdout: String::new(),
            stderr: format!(
                "error: {}: {}{note}\n",
                error.code(),
                one_line(&error.to_string())
            ),
            code: EXIT_INVALID,
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

/// `text` with control characters and U+2028/U+2029 escaped (`\u{1b}`), so that a message
/// quoting the input stays on one line and cannot drive the terminal.
fn one_line(text: &str) -> String {
    text.chars()
        .fold(String::with_capacity(text.len()), |mut out, c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                out.extend(c.escape_unicode());
            } else {
                out.push(c);
            }
            out
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::usage_error::UsageError;

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
        let outcome = Outcome::usage_error(&UsageError::UnknownCommand("x".into()));
        assert_eq!(outcome.code, EXIT_USAGE);
        assert!(outcome
            .stderr
            .starts_with("usage error: unknown command \"x\""));
    }

    #[test]
    fn signal_errors_exit_1_and_name_foreign_input() {
        let foreign = Outcome::signal_error(&SignalError::NotJson);
        assert_eq!(foreign.code, EXIT_INVALID);
        assert_eq!(
            foreign.stderr,
            "error: NOT_JSON: not JSON (not a signal for us)\n"
        );
        let broken = Outcome::signal_error(&SignalError::UnknownAction("a\nb\u{1b}".into()));
        assert_eq!(
            broken.stderr,
            "error: UNKNOWN_ACTION: unknown actionType a\\u{a}b\\u{1b}\n"
        );
    }
}
