//! Executes a parsed command against `tuicalling-core` and turns the result into an
//! [`Outcome`].

use std::ffi::OsStr;

use clap::error::ErrorKind;
use clap::{CommandFactory as _, Parser as _};
use tuicalling_core::protocol::{self, NormalizedSignal, Signal};
use tuicalling_core::usersig::{self, Signer, UserSigError};

use crate::cli::{
    Cli, Command, PrivateMapKeyCommand, SignalCommand, SignerFlags, UserSigCommand, SECRET_KEY_ENV,
};
use crate::json;
use crate::outcome::{Outcome, EXIT_USAGE};
use crate::report;
use crate::stdin::StdinError;
use crate::usage_error::UsageError;

/// Runs one command line at `now` (unix seconds, used when `--now` is absent), reading the
/// SecretKey fallback from the `TUICALLING_SECRET_KEY` environment variable. `stdin` is called
/// at most once, and only by the commands that read standard input.
pub fn run(
    args: &[String],
    now: u64,
    stdin: impl FnOnce() -> Result<String, StdinError>,
) -> Outcome {
    run_with_env(
        args,
        now,
        std::env::var_os(SECRET_KEY_ENV).as_deref(),
        stdin,
    )
}

/// [`run`] with the environment's SecretKey passed in and stdin supplied by the caller: no
/// I/O beyond calling `stdin`, no clock, deterministic.
pub fn run_with_env(
    args: &[String],
    now: u64,
    env_secret: Option<&OsStr>,
    stdin: impl FnOnce() -> Result<String, StdinError>,
) -> Outcome {
    let argv = std::iter::once("tuicalling-cli").chain(args.iter().map(String::as_str));
    let cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(error) => return refused(&error, args),
    };
    let execution = Execution {
        clock: now,
        env_secret,
    };
    match execution.run(cli.command, stdin) {
        Ok(outcome) => outcome,
        Err(Failure::Usage(error)) => Outcome::usage_error(&error),
        Err(Failure::UserSig(error)) => Outcome::usersig_error(&error),
    }
}

/// What a failed parse prints: help on stdout for `--help` (exit 0) and for a bare
/// `tuicalling-cli` (exit 2), a usage error otherwise.
fn refused(error: &clap::Error, args: &[String]) -> Outcome {
    match error.kind() {
        ErrorKind::DisplayHelp => Outcome::success(error.render().to_string(), String::new()),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => Outcome {
            stdout: Cli::command().render_long_help().to_string(),
            stderr: String::new(),
            code: EXIT_USAGE,
        },
        ErrorKind::InvalidValue
        | ErrorKind::UnknownArgument
        | ErrorKind::InvalidSubcommand
        | ErrorKind::NoEquals
        | ErrorKind::ValueValidation
        | ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues
        | ErrorKind::ArgumentConflict
        | ErrorKind::MissingRequiredArgument
        | ErrorKind::MissingSubcommand
        | ErrorKind::InvalidUtf8
        | ErrorKind::DisplayVersion
        | ErrorKind::Io
        | ErrorKind::Format
        | _ => Outcome::usage_error(&UsageError::from_clap(error, args)),
    }
}

/// Reads stdin and runs `command` on its text; unusable stdin is a usage error.
fn on_stdin(
    stdin: impl FnOnce() -> Result<String, StdinError>,
    command: fn(&str) -> Outcome,
) -> Outcome {
    match stdin() {
        Ok(text) => command(&text),
        Err(error) => Outcome::usage_error(&error),
    }
}

/// `signal decode`: the normalized JSON of one `payload.data` string (trailing whitespace,
/// such as the newline of `echo`, is ignored).
fn signal_decode(payload: &str) -> Outcome {
    match protocol::decode(payload.trim_end()) {
        Ok(signal) => Outcome::success(
            json::to_line(&NormalizedSignal::from(&signal)) + "\n",
            String::new(),
        ),
        Err(error) => Outcome::signal_error(&error),
    }
}

/// `signal encode`: the exact wire string of a normalized signal. JSON that is not a
/// normalized signal is a usage error; one that fails the decoder's bounds is a signal error.
fn signal_encode(input: &str) -> Outcome {
    let normalized = match serde_json::from_str::<NormalizedSignal>(input) {
        Ok(normalized) => normalized,
        Err(error) => {
            return Outcome::usage_error(&format!("stdin is not a normalized signal: {error}"))
        }
    };
    match Signal::try_from(normalized).and_then(|signal| protocol::encode(&signal)) {
        Ok(wire) => Outcome::success(wire + "\n", String::new()),
        Err(error) => Outcome::signal_error(&error),
    }
}

/// A generated signature on stdout, with the SecretKey warning on stderr.
fn generated(signature: String) -> Outcome {
    Outcome::success(signature + "\n", report::GEN_WARNING.to_owned())
}

/// Why a parsed command did not succeed.
enum Failure {
    /// Exit 2, `usage error: ...` (the SecretKey is missing).
    Usage(UsageError),
    /// `error: <CODE>: ...`, exit 1 or 2 (see [`Outcome::usersig_error`]).
    UserSig(UserSigError),
}

impl From<UserSigError> for Failure {
    fn from(error: UserSigError) -> Self {
        Self::UserSig(error)
    }
}

/// The clock and the environment a parsed command runs with.
struct Execution<'a> {
    /// Unix seconds, used when the command has no `--now`.
    clock: u64,
    /// The value of `TUICALLING_SECRET_KEY`.
    env_secret: Option<&'a OsStr>,
}

impl Execution<'_> {
    /// The signer of `--sdkappid` and the SecretKey.
    fn signer(&self, flags: &SignerFlags) -> Result<Signer, Failure> {
        let key = flags
            .secret_key(self.env_secret)
            .map_err(|error| Failure::Usage(UsageError::SecretKey(error)))?;
        Ok(Signer::new(flags.sdk_app_id, &key)?)
    }

    /// Executes `command`; `stdin` supplies the input of the `signal` commands.
    fn run(
        &self,
        command: Command,
        stdin: impl FnOnce() -> Result<String, StdinError>,
    ) -> Result<Outcome, Failure> {
        match command {
            Command::Usersig(command) => self.usersig(command),
            Command::Privatemapkey(command) => self.private_map_key(command),
            Command::Signal(SignalCommand::Decode) => Ok(on_stdin(stdin, signal_decode)),
            Command::Signal(SignalCommand::Encode) => Ok(on_stdin(stdin, signal_encode)),
        }
    }

    /// `usersig gen|verify|decode`.
    fn usersig(&self, command: UserSigCommand) -> Result<Outcome, Failure> {
        match command {
            UserSigCommand::Gen(gen) => {
                let now = gen.now.unix.unwrap_or(self.clock);
                let sig = self
                    .signer(&gen.signer)?
                    .gen_user_sig(&gen.user_id, gen.expire, now)?;
                Ok(generated(sig))
            }
            UserSigCommand::Verify {
                signer,
                user_id,
                user_sig,
                now,
            } => {
                let now = now.unix.unwrap_or(self.clock);
                let claims = self
                    .signer(&signer)?
                    .verify(&user_sig, &user_id, now, None)?;
                Ok(Outcome::success(
                    report::verified_user_sig(&claims),
                    String::new(),
                ))
            }
            UserSigCommand::Decode { user_sig, now } => {
                let claims = usersig::decode(&user_sig)?;
                let json = report::decoded_json(&claims, now.unix.unwrap_or(self.clock))?;
                Ok(Outcome::success(json, String::new()))
            }
        }
    }

    /// `privatemapkey gen|verify`.
    fn private_map_key(&self, command: PrivateMapKeyCommand) -> Result<Outcome, Failure> {
        match command {
            PrivateMapKeyCommand::Gen {
                gen,
                room,
                privilege,
            } => {
                let signer = self.signer(&gen.signer)?;
                let room = room.room().ok_or(UserSigError::InvalidArgument(
                    "give exactly one of --room-id and --str-room-id",
                ))?;
                let now = gen.now.unix.unwrap_or(self.clock);
                let key =
                    signer.gen_private_map_key(&gen.user_id, gen.expire, now, room, privilege)?;
                Ok(generated(key))
            }
            PrivateMapKeyCommand::Verify {
                signer,
                user_id,
                key,
                now,
            } => {
                let now = now.unix.unwrap_or(self.clock);
                let grant = self
                    .signer(&signer)?
                    .verify_private_map_key(&key, &user_id, now)?;
                Ok(Outcome::success(
                    report::verified_grant(&grant),
                    String::new(),
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::{EXIT_INVALID, EXIT_OK};

    const KEY: &str = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    /// Tencent's npm tls-sig-api-v2 output for xiaojun, 1400000000, now 1700000000, 180 days.
    const VECTOR: &str = "eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMiUZOamKlkZmqOKplYUZBaBxE1NTY3gosWZ6UpWSj5ljuYp*p7l5unBxXnF2WVhVU4uAf7Ozi5JpX7O5SbuHuUhzgZJmQXaTia2SrUAohcx8g__";

    fn run_strs(args: &[&str], now: u64, env: Option<&str>) -> Outcome {
        let args: Vec<String> = args.iter().map(|&arg| arg.to_owned()).collect();
        run_with_env(&args, now, env.map(OsStr::new), || {
            panic!("{args:?} must not read stdin")
        })
    }

    fn signal(subcommand: &str, stdin: Result<&str, StdinError>) -> Outcome {
        let args = ["signal".to_owned(), subcommand.to_owned()];
        run_with_env(&args, 0, None, || stdin.map(str::to_owned))
    }

    fn verify(sig: &str, key: Option<&str>, now: u64) -> Outcome {
        let mut args = vec![
            "usersig",
            "verify",
            "--sdkappid",
            "1400000000",
            "--user-id",
            "xiaojun",
            "--usersig",
            sig,
        ];
        if let Some(key) = key {
            args.extend(["--secret-key", key]);
        }
        run_strs(&args, now, Some(KEY))
    }

    #[test]
    fn verifies_tencent_vector_using_the_clock_argument() {
        let ok = verify(VECTOR, Some(KEY), 1_700_000_000);
        assert_eq!(ok.code, EXIT_OK, "{ok:?}");
        assert_eq!(
            ok.stdout,
            "valid: identifier=xiaojun sdkappid=1400000000 expires_at=1715552000\n"
        );
        assert!(ok.stderr.is_empty());

        let expired = verify(VECTOR, Some(KEY), 1_715_552_001);
        assert_eq!(expired.code, EXIT_INVALID);
        assert!(
            expired.stderr.starts_with("error: EXPIRED: "),
            "{expired:?}"
        );
    }

    #[test]
    fn flag_key_beats_environment_key() {
        assert_eq!(verify(VECTOR, None, 1_700_000_000).code, EXIT_OK);
        let wrong = verify(VECTOR, Some("other"), 1_700_000_000);
        assert_eq!(
            wrong.stderr,
            "error: SIGNATURE_MISMATCH: usersig signature does not match\n"
        );
    }

    #[test]
    fn gen_then_verify_and_decode() {
        let gen = run_strs(
            &[
                "usersig",
                "gen",
                "--sdkappid",
                "1400000000",
                "--user-id",
                "xiaojun",
                "--expire",
                "15552000",
            ],
            1_700_000_000,
            Some(KEY),
        );
        assert_eq!(gen.code, EXIT_OK);
        assert_eq!(gen.stderr, report::GEN_WARNING);
        let sig = gen.stdout.strip_suffix('\n').unwrap();
        assert!(!sig.contains('\n'));
        assert_eq!(verify(sig, Some(KEY), 1_715_552_000).code, EXIT_OK);

        let decoded = run_strs(
            &["usersig", "decode", "--usersig", sig],
            1_800_000_000,
            None,
        );
        assert_eq!(
            decoded.stdout,
            "{\"identifier\":\"xiaojun\",\"sdkAppID\":1400000000,\"issuedAt\":1700000000,\
             \"expire\":15552000,\"expiresAt\":1715552000,\"expired\":true,\"userbuf\":null,\
             \"privateMapKey\":null}\n"
        );
    }

    #[test]
    fn private_map_key_gen_then_verify() {
        let gen = run_strs(
            &[
                "privatemapkey",
                "gen",
                "--sdkappid",
                "1400000000",
                "--user-id",
                "xiaojun",
                "--expire",
                "300",
                "--str-room-id",
                "room1",
                "--privilege",
                "42",
                "--now",
                "1700000000",
            ],
            0,
            Some(KEY),
        );
        assert_eq!(gen.code, EXIT_OK, "{gen:?}");
        let key = gen.stdout.trim_end();
        let verify = run_strs(
            &[
                "privatemapkey",
                "verify",
                "--sdkappid",
                "1400000000",
                "--user-id",
                "xiaojun",
                "--key",
                key,
            ],
            1_700_000_300,
            Some(KEY),
        );
        assert_eq!(
            verify.stdout,
            "valid: account=xiaojun sdkappid=1400000000 str_room_id=\"room1\" expires_at=1700000300 \
             privileges=42 (ENTER_ROOM|RECV_AUDIO|RECV_VIDEO)\n"
        );
    }

    #[test]
    fn rejected_arguments_exit_2_with_invalid_argument() {
        let zero_expire = run_strs(
            &[
                "usersig",
                "gen",
                "--sdkappid",
                "1",
                "--user-id",
                "u",
                "--expire",
                "0",
            ],
            1,
            Some("k"),
        );
        assert_eq!(zero_expire.code, EXIT_USAGE);
        assert!(
            zero_expire.stderr.starts_with("error: INVALID_ARGUMENT: "),
            "{zero_expire:?}"
        );
        assert!(zero_expire.stdout.is_empty());

        let empty_env_key = run_strs(
            &[
                "usersig",
                "gen",
                "--sdkappid",
                "1",
                "--user-id",
                "u",
                "--expire",
                "1",
            ],
            1,
            Some(""),
        );
        assert_eq!(
            empty_env_key.stderr,
            "error: INVALID_ARGUMENT: invalid argument: secret key must not be empty\n"
        );
    }

    #[test]
    fn help_bare_and_usage_errors() {
        let help = run_strs(&["--help"], 0, None);
        assert_eq!(help.code, EXIT_OK);
        assert!(help.stdout.starts_with("tuicalling-cli: "), "{help:?}");
        assert!(help.stdout.contains(SECRET_KEY_ENV));
        let bare = run_strs(&[], 0, None);
        assert_eq!((bare.code, &bare.stdout), (EXIT_USAGE, &help.stdout));
        let bad = run_strs(&["usersig", "gen", "--sdkappid", "abc"], 0, None);
        assert_eq!(bad.code, EXIT_USAGE);
        assert!(bad
            .stderr
            .starts_with("usage error: --sdkappid must be a decimal number"));
    }

    const INVITE: &str = r#"{"businessID":1,"inviteID":"9f1c-1","inviter":"alice","actionType":1,"inviteeList":["bob"],"data":"{\"extraInfo\":\"\",\"version\":4,\"call_type\":2,\"room_id\":271828182,\"businessID\":\"av_call\",\"platform\":\"MiniApp\",\"data\":{\"cmd\":\"videoCall\",\"room_id\":271828182,\"message\":\"\"}}","timeout":30,"groupID":""}"#;

    #[test]
    fn signal_decode_then_encode_is_byte_identical() {
        let decoded = signal("decode", Ok(&format!("{INVITE}\n\n")));
        assert_eq!(decoded.code, EXIT_OK, "{decoded:?}");
        assert!(decoded.stdout.starts_with(
            r#"{"action":"invite","kind":"call","inviteID":"9f1c-1","inviter":"alice","invitees":["bob"]"#
        ));
        assert_eq!(decoded.stdout.lines().count(), 1);
        let encoded = signal("encode", Ok(&decoded.stdout));
        assert_eq!(encoded.code, EXIT_OK, "{encoded:?}");
        assert_eq!(encoded.stdout, format!("{INVITE}\n"));
        assert!(encoded.stderr.is_empty());
    }

    #[test]
    fn signal_errors_and_unreadable_stdin() {
        let foreign = signal("decode", Ok("hello"));
        assert_eq!(
            (foreign.code, foreign.stderr.as_str()),
            (
                EXIT_INVALID,
                "error: NOT_JSON: not JSON (not a signal for us)\n"
            )
        );
        let unknown = signal("encode", Ok(r#"{"action":"invite","bogus":1}"#));
        assert_eq!(unknown.code, EXIT_USAGE);
        assert!(unknown
            .stderr
            .starts_with("usage error: stdin is not a normalized signal: unknown field `bogus`"));
        let big = signal("decode", Err(StdinError::TooLarge { max: 1 }));
        assert_eq!(big.code, EXIT_USAGE);
        assert!(big
            .stderr
            .starts_with("usage error: stdin is larger than 1 bytes\n"));
        let not_utf8 = signal("encode", Err(StdinError::NotUtf8));
        assert_eq!(not_utf8.code, EXIT_USAGE);
        let args = [
            "signal".to_owned(),
            "decode".to_owned(),
            "--help".to_owned(),
        ];
        let help = run_with_env(&args, 0, None, || panic!("help must not read stdin"));
        assert_eq!(help.code, EXIT_OK);
    }
}
