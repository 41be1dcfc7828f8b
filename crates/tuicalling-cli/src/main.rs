//! `tuicalling-cli`: generate, verify and decode Tencent UserSigs and PrivateMapKeys offline,
//! and decode/encode call signals.
//!
//! This file only touches the outside world: argv, the system clock, stdin (read only by the
//! `signal` commands), stdout/stderr and the exit status. The grammar lives in [`cli`] (clap),
//! its errors in [`usage_error`], execution in [`commands`].

mod cli;
mod commands;
mod json;
mod outcome;
mod report;
mod stdin;
mod usage_error;

use std::ffi::OsString;
use std::io::Write as _;
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use outcome::Outcome;
use usage_error::UsageError;

/// Unix seconds from the system clock (0 if the clock is before 1970).
fn system_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// The arguments as strings; any non-UTF-8 argument is a usage error.
fn utf8_args(args: impl IntoIterator<Item = OsString>) -> Result<Vec<String>, UsageError> {
    args.into_iter()
        .map(|arg| arg.into_string().map_err(|_| UsageError::NotUtf8))
        .collect()
}

/// Runs the command line and reports through stdout, stderr and the exit status.
fn main() -> ExitCode {
    let outcome = match utf8_args(std::env::args_os().skip(1)) {
        Ok(args) => commands::run(&args, system_now(), || {
            stdin::read_limited(std::io::stdin().lock(), stdin::MAX_STDIN_BYTES)
        }),
        Err(error) => Outcome::usage_error(&error),
    };
    // A closed pipe must not turn into a panic, so write errors are ignored.
    let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    ExitCode::from(outcome.code)
}
