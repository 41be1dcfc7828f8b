//! The command grammar: turns the arguments (without the program name) into a typed
//! [`Invocation`], or a typed [`ArgsError`].

use std::ffi::{OsStr, OsString};
use std::fmt;

use tuicalling_core::usersig::RoomId;

use crate::flags::{is_help, parse_number, scan, Flag, FlagValues, Scanned};

/// Environment variable that supplies the SecretKey when `--secret-key` is absent.
pub const SECRET_KEY_ENV: &str = "TUICALLING_SECRET_KEY";

/// Why the command line could not be understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgsError {
    /// An argument is not valid UTF-8.
    NotUtf8,
    /// The first argument is not a known command.
    UnknownCommand(String),
    /// A command was given without its subcommand.
    MissingSubcommand(&'static str),
    /// The subcommand is not known for this command.
    UnknownSubcommand {
        /// The command, e.g. `usersig`.
        command: &'static str,
        /// What was given instead.
        given: String,
    },
    /// An argument that is neither a flag nor a flag's value.
    UnexpectedArgument(String),
    /// A `-`/`--` argument that is no flag at all.
    UnknownFlag(String),
    /// A real flag that this command does not take.
    FlagNotAccepted {
        /// The flag.
        flag: Flag,
        /// The command, e.g. `usersig decode`.
        command: &'static str,
    },
    /// A flag at the end of the line, or followed by another flag.
    MissingValue(Flag),
    /// A flag given twice.
    Repeated(Flag),
    /// A required flag is absent.
    MissingFlag(Flag),
    /// A number flag whose value is not plain decimal digits.
    NotANumber {
        /// The flag.
        flag: Flag,
        /// The value given.
        value: String,
    },
    /// A number flag whose value does not fit its type.
    OutOfRange(Flag),
    /// Two flags that exclude each other were both given.
    Conflict(Flag, Flag),
    /// Neither of two alternative flags was given.
    MissingOneOf(Flag, Flag),
    /// `TUICALLING_SECRET_KEY` is set but is not valid UTF-8.
    SecretKeyEnvNotUtf8,
}

impl fmt::Display for ArgsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotUtf8 => f.write_str("arguments must be valid UTF-8"),
            Self::UnknownCommand(given) => {
                write!(
                    f,
                    "unknown command {given:?} (expected usersig, privatemapkey or signal)"
                )
            }
            Self::MissingSubcommand(command) => write!(f, "`{command}` needs a subcommand"),
            Self::UnknownSubcommand { command, given } => {
                write!(f, "unknown subcommand {given:?} for `{command}`")
            }
            Self::UnexpectedArgument(given) => write!(f, "unexpected argument {given:?}"),
            Self::UnknownFlag(given) => write!(f, "unknown flag {given:?}"),
            Self::FlagNotAccepted { flag, command } => {
                write!(f, "{flag} is not accepted by `{command}`")
            }
            Self::MissingValue(flag) => write!(f, "{flag} needs a value"),
            Self::Repeated(flag) => write!(f, "{flag} is given more than once"),
            Self::MissingFlag(Flag::SecretKey) => {
                write!(f, "missing {} (or set {SECRET_KEY_ENV})", Flag::SecretKey)
            }
            Self::MissingFlag(flag) => write!(f, "missing {flag}"),
            Self::NotANumber { flag, value } => {
                write!(f, "{flag} must be a decimal number, got {value:?}")
            }
            Self::OutOfRange(flag) => write!(f, "{flag} is out of range"),
            Self::Conflict(first, second) => {
                write!(f, "{first} and {second} cannot be used together")
            }
            Self::MissingOneOf(first, second) => write!(f, "missing {first} or {second}"),
            Self::SecretKeyEnvNotUtf8 => write!(f, "{SECRET_KEY_ENV} is not valid UTF-8"),
        }
    }
}

/// The SDKAppID and SecretKey a signing or verifying command needs. `Debug` hides the key.
#[derive(Clone, PartialEq, Eq)]
pub struct SignerArgs {
    /// `--sdkappid`.
    pub sdk_app_id: u32,
    /// `--secret-key`, or `TUICALLING_SECRET_KEY`.
    pub secret_key: String,
}

impl fmt::Debug for SignerArgs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignerArgs")
            .field("sdk_app_id", &self.sdk_app_id)
            .field("secret_key", &"<redacted>")
            .finish()
    }
}

/// A command to execute. `now` is `--now`; `None` means the system clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `usersig gen`.
    UserSigGen {
        /// Key material.
        signer: SignerArgs,
        /// `--user-id`.
        user_id: String,
        /// `--expire`.
        expire: u64,
        /// `--now`.
        now: Option<u64>,
    },
    /// `usersig verify`.
    UserSigVerify {
        /// Key material.
        signer: SignerArgs,
        /// `--user-id`.
        user_id: String,
        /// `--usersig`.
        user_sig: String,
        /// `--now`.
        now: Option<u64>,
    },
    /// `usersig decode`.
    UserSigDecode {
        /// `--usersig`.
        user_sig: String,
        /// `--now`.
        now: Option<u64>,
    },
    /// `privatemapkey gen`.
    PrivateMapKeyGen {
        /// Key material.
        signer: SignerArgs,
        /// `--user-id`.
        user_id: String,
        /// `--expire`.
        expire: u64,
        /// `--room-id` or `--str-room-id`.
        room: RoomId,
        /// `--privilege`.
        privilege: u32,
        /// `--now`.
        now: Option<u64>,
    },
    /// `privatemapkey verify`.
    PrivateMapKeyVerify {
        /// Key material.
        signer: SignerArgs,
        /// `--user-id`.
        user_id: String,
        /// `--key`.
        key: String,
        /// `--now`.
        now: Option<u64>,
    },
    /// `signal decode`: one `payload.data` string on stdin, its normalized JSON on stdout.
    SignalDecode,
    /// `signal encode`: one normalized JSON object on stdin, the wire string on stdout.
    SignalEncode,
}

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invocation {
    /// `--help` / `-h`: usage on stdout, exit 0.
    Help,
    /// No arguments: usage on stdout, exit 2.
    Bare,
    /// A command to execute.
    Run(Command),
}

/// Converts OS arguments to strings; any non-UTF-8 argument is a usage error.
pub fn utf8_args(args: impl IntoIterator<Item = OsString>) -> Result<Vec<String>, ArgsError> {
    args.into_iter()
        .map(|arg| arg.into_string().map_err(|_| ArgsError::NotUtf8))
        .collect()
}

/// Parses the arguments. `env_secret` is the value of [`SECRET_KEY_ENV`], used only when
/// `--secret-key` is absent.
pub fn parse(args: &[String], env_secret: Option<&OsStr>) -> Result<Invocation, ArgsError> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(Invocation::Bare);
    };
    if is_help(command) {
        return Ok(Invocation::Help);
    }
    let (name, subcommands) = match command.as_str() {
        "usersig" => ("usersig", USERSIG_SUBCOMMANDS),
        "privatemapkey" => ("privatemapkey", PRIVATE_MAP_KEY_SUBCOMMANDS),
        "signal" => ("signal", SIGNAL_SUBCOMMANDS),
        other => return Err(ArgsError::UnknownCommand(other.to_owned())),
    };
    let Some((subcommand, flags)) = rest.split_first() else {
        return Err(ArgsError::MissingSubcommand(name));
    };
    if is_help(subcommand) {
        return Ok(Invocation::Help);
    }
    let Some((_, parse_flags)) = subcommands.iter().find(|(known, _)| known == subcommand) else {
        return Err(ArgsError::UnknownSubcommand {
            command: name,
            given: subcommand.clone(),
        });
    };
    parse_flags(&Parser { flags, env_secret })
}

/// Parses the flags of one subcommand.
type SubcommandParser = fn(&Parser<'_>) -> Result<Invocation, ArgsError>;

/// Subcommands of `usersig`.
const USERSIG_SUBCOMMANDS: &[(&str, SubcommandParser)] = &[
    ("gen", |parser| parser.user_sig_gen()),
    ("verify", |parser| parser.user_sig_verify()),
    ("decode", |parser| parser.user_sig_decode()),
];

/// Subcommands of `privatemapkey`.
const PRIVATE_MAP_KEY_SUBCOMMANDS: &[(&str, SubcommandParser)] = &[
    ("gen", |parser| parser.private_map_key_gen()),
    ("verify", |parser| parser.private_map_key_verify()),
];

/// Subcommands of `signal`.
const SIGNAL_SUBCOMMANDS: &[(&str, SubcommandParser)] = &[
    ("decode", |parser| {
        parser.no_flags("signal decode", Command::SignalDecode)
    }),
    ("encode", |parser| {
        parser.no_flags("signal encode", Command::SignalEncode)
    }),
];

/// The flags of one subcommand plus the environment fallback for the SecretKey.
struct Parser<'a> {
    /// Arguments after the subcommand.
    flags: &'a [String],
    /// Value of [`SECRET_KEY_ENV`].
    env_secret: Option<&'a OsStr>,
}

impl Parser<'_> {
    /// Scans the flags; `Ok(None)` means help was requested.
    fn scan(
        &self,
        command: &'static str,
        allowed: &[Flag],
    ) -> Result<Option<FlagValues>, ArgsError> {
        match scan(self.flags, command, allowed)? {
            Scanned::Help => Ok(None),
            Scanned::Flags(values) => Ok(Some(values)),
        }
    }

    /// `--sdkappid` and the SecretKey from `--secret-key` or the environment.
    fn signer(&self, values: &mut FlagValues) -> Result<SignerArgs, ArgsError> {
        let sdk_app_id = values.required_number(Flag::SdkAppId)?;
        let secret_key = match values.optional(Flag::SecretKey) {
            Some(key) => key,
            None => self
                .env_secret
                .ok_or(ArgsError::MissingFlag(Flag::SecretKey))?
                .to_str()
                .ok_or(ArgsError::SecretKeyEnvNotUtf8)?
                .to_owned(),
        };
        Ok(SignerArgs {
            sdk_app_id,
            secret_key,
        })
    }

    /// `usersig gen`.
    fn user_sig_gen(&self) -> Result<Invocation, ArgsError> {
        const FLAGS: &[Flag] = &[
            Flag::SdkAppId,
            Flag::SecretKey,
            Flag::UserId,
            Flag::Expire,
            Flag::Now,
        ];
        let Some(mut values) = self.scan("usersig gen", FLAGS)? else {
            return Ok(Invocation::Help);
        };
        Ok(Invocation::Run(Command::UserSigGen {
            signer: self.signer(&mut values)?,
            user_id: values.required(Flag::UserId)?,
            expire: values.required_number(Flag::Expire)?,
            now: values.optional_number(Flag::Now)?,
        }))
    }

    /// `usersig verify`.
    fn user_sig_verify(&self) -> Result<Invocation, ArgsError> {
        const FLAGS: &[Flag] = &[
            Flag::SdkAppId,
            Flag::SecretKey,
            Flag::UserId,
            Flag::UserSig,
            Flag::Now,
        ];
        let Some(mut values) = self.scan("usersig verify", FLAGS)? else {
            return Ok(Invocation::Help);
        };
        Ok(Invocation::Run(Command::UserSigVerify {
            signer: self.signer(&mut values)?,
            user_id: values.required(Flag::UserId)?,
            user_sig: values.required(Flag::UserSig)?,
            now: values.optional_number(Flag::Now)?,
        }))
    }

    /// `usersig decode`.
    fn user_sig_decode(&self) -> Result<Invocation, ArgsError> {
        let Some(mut values) = self.scan("usersig decode", &[Flag::UserSig, Flag::Now])? else {
            return Ok(Invocation::Help);
        };
        Ok(Invocation::Run(Command::UserSigDecode {
            user_sig: values.required(Flag::UserSig)?,
            now: values.optional_number(Flag::Now)?,
        }))
    }

    /// `privatemapkey gen`.
    fn private_map_key_gen(&self) -> Result<Invocation, ArgsError> {
        const FLAGS: &[Flag] = &[
            Flag::SdkAppId,
            Flag::SecretKey,
            Flag::UserId,
            Flag::Expire,
            Flag::RoomId,
            Flag::StrRoomId,
            Flag::Privilege,
            Flag::Now,
        ];
        let Some(mut values) = self.scan("privatemapkey gen", FLAGS)? else {
            return Ok(Invocation::Help);
        };
        let room = match (
            values.optional(Flag::RoomId),
            values.optional(Flag::StrRoomId),
        ) {
            (Some(_), Some(_)) => return Err(ArgsError::Conflict(Flag::RoomId, Flag::StrRoomId)),
            (Some(id), None) => RoomId::Numeric(parse_number(Flag::RoomId, &id)?),
            (None, Some(room)) => RoomId::Str(room),
            (None, None) => return Err(ArgsError::MissingOneOf(Flag::RoomId, Flag::StrRoomId)),
        };
        Ok(Invocation::Run(Command::PrivateMapKeyGen {
            signer: self.signer(&mut values)?,
            user_id: values.required(Flag::UserId)?,
            expire: values.required_number(Flag::Expire)?,
            room,
            privilege: values.required_number(Flag::Privilege)?,
            now: values.optional_number(Flag::Now)?,
        }))
    }

    /// A command that takes no flags (only `--help`).
    fn no_flags(&self, name: &'static str, command: Command) -> Result<Invocation, ArgsError> {
        Ok(match self.scan(name, &[])? {
            Some(_) => Invocation::Run(command),
            None => Invocation::Help,
        })
    }

    /// `privatemapkey verify`.
    fn private_map_key_verify(&self) -> Result<Invocation, ArgsError> {
        const FLAGS: &[Flag] = &[
            Flag::SdkAppId,
            Flag::SecretKey,
            Flag::UserId,
            Flag::Key,
            Flag::Now,
        ];
        let Some(mut values) = self.scan("privatemapkey verify", FLAGS)? else {
            return Ok(Invocation::Help);
        };
        Ok(Invocation::Run(Command::PrivateMapKeyVerify {
            signer: self.signer(&mut values)?,
            user_id: values.required(Flag::UserId)?,
            key: values.required(Flag::Key)?,
            now: values.optional_number(Flag::Now)?,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_strs(args: &[&str], env: Option<&str>) -> Result<Invocation, ArgsError> {
        let args: Vec<String> = args.iter().map(|&arg| arg.to_owned()).collect();
        parse(&args, env.map(OsStr::new))
    }

    fn signer(key: &str) -> SignerArgs {
        SignerArgs {
            sdk_app_id: 1400000000,
            secret_key: key.into(),
        }
    }

    #[test]
    fn help_and_bare() {
        assert_eq!(parse_strs(&[], None), Ok(Invocation::Bare));
        for args in [
            &["--help"][..],
            &["-h"],
            &["usersig", "-h"],
            &["privatemapkey", "--help"],
            &["usersig", "verify", "--usersig", "x", "--help"],
            &["signal", "decode", "-h"],
        ] {
            assert_eq!(parse_strs(args, None), Ok(Invocation::Help), "{args:?}");
        }
    }

    #[test]
    fn parses_every_command() {
        let gen = parse_strs(
            &[
                "usersig",
                "gen",
                "--sdkappid",
                "1400000000",
                "--secret-key",
                "k",
                "--user-id",
                "u",
                "--expire",
                "60",
            ],
            None,
        );
        assert_eq!(
            gen,
            Ok(Invocation::Run(Command::UserSigGen {
                signer: signer("k"),
                user_id: "u".into(),
                expire: 60,
                now: None,
            }))
        );
        let decode = parse_strs(&["usersig", "decode", "--now", "7", "--usersig", "s"], None);
        assert_eq!(
            decode,
            Ok(Invocation::Run(Command::UserSigDecode {
                user_sig: "s".into(),
                now: Some(7),
            }))
        );
        for (sub, command) in [
            ("decode", Command::SignalDecode),
            ("encode", Command::SignalEncode),
        ] {
            assert_eq!(
                parse_strs(&["signal", sub], None),
                Ok(Invocation::Run(command))
            );
        }
        let pmk = parse_strs(
            &[
                "privatemapkey",
                "gen",
                "--sdkappid=1400000000",
                "--user-id",
                "u",
                "--expire",
                "1",
                "--str-room-id",
                "r1",
                "--privilege",
                "42",
                "--now",
                "9",
            ],
            Some("envkey"),
        );
        assert_eq!(
            pmk,
            Ok(Invocation::Run(Command::PrivateMapKeyGen {
                signer: signer("envkey"),
                user_id: "u".into(),
                expire: 1,
                room: RoomId::Str("r1".into()),
                privilege: 42,
                now: Some(9),
            }))
        );
        let verify = parse_strs(
            &[
                "privatemapkey",
                "verify",
                "--sdkappid",
                "1400000000",
                "--secret-key",
                "flag",
                "--user-id",
                "u",
                "--key",
                "k",
            ],
            Some("env"),
        );
        assert_eq!(
            verify,
            Ok(Invocation::Run(Command::PrivateMapKeyVerify {
                signer: signer("flag"),
                user_id: "u".into(),
                key: "k".into(),
                now: None,
            }))
        );
    }

    #[test]
    fn reports_typed_usage_errors() {
        let base = [
            "privatemapkey",
            "gen",
            "--sdkappid",
            "1",
            "--secret-key",
            "k",
            "--user-id",
            "u",
            "--expire",
            "1",
            "--privilege",
            "1",
        ];
        let with = |extra: &[&str]| {
            let mut args = base.to_vec();
            args.extend_from_slice(extra);
            parse_strs(&args, None)
        };
        assert_eq!(
            with(&["--room-id", "1", "--str-room-id", "r"]),
            Err(ArgsError::Conflict(Flag::RoomId, Flag::StrRoomId))
        );
        assert_eq!(
            with(&[]),
            Err(ArgsError::MissingOneOf(Flag::RoomId, Flag::StrRoomId))
        );
        assert_eq!(
            with(&["--room-id", "r"]).err().map(|e| e.to_string()),
            Some("--room-id must be a decimal number, got \"r\"".into())
        );

        assert_eq!(
            parse_strs(&["nope"], None),
            Err(ArgsError::UnknownCommand("nope".into()))
        );
        assert_eq!(
            parse_strs(&["usersig"], None),
            Err(ArgsError::MissingSubcommand("usersig"))
        );
        assert_eq!(
            parse_strs(&["signal", "decode", "--now", "1"], None),
            Err(ArgsError::FlagNotAccepted {
                flag: Flag::Now,
                command: "signal decode"
            })
        );
        assert_eq!(
            parse_strs(&["signal", "encode", "x.json"], None),
            Err(ArgsError::UnexpectedArgument("x.json".into()))
        );
        assert_eq!(
            parse_strs(&["signal", "verify"], None),
            Err(ArgsError::UnknownSubcommand {
                command: "signal",
                given: "verify".into()
            })
        );
        assert_eq!(
            parse_strs(&["privatemapkey", "decode"], None),
            Err(ArgsError::UnknownSubcommand {
                command: "privatemapkey",
                given: "decode".into()
            })
        );
        assert_eq!(
            parse_strs(
                &["usersig", "decode", "--usersig", "s", "--secret-key", "k"],
                None
            ),
            Err(ArgsError::FlagNotAccepted {
                flag: Flag::SecretKey,
                command: "usersig decode"
            })
        );
        let missing_key = parse_strs(
            &[
                "usersig",
                "verify",
                "--sdkappid",
                "1",
                "--user-id",
                "u",
                "--usersig",
                "s",
            ],
            None,
        );
        assert_eq!(missing_key, Err(ArgsError::MissingFlag(Flag::SecretKey)));
        assert_eq!(
            missing_key.unwrap_err().to_string(),
            "missing --secret-key (or set TUICALLING_SECRET_KEY)"
        );
        assert_eq!(
            parse_strs(&["usersig", "verify", "--sdkappid", "x1"], None),
            Err(ArgsError::NotANumber {
                flag: Flag::SdkAppId,
                value: "x1".into()
            })
        );
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_input_is_a_usage_error() {
        use std::os::unix::ffi::OsStrExt as _;
        let bad = OsStr::from_bytes(b"\xff");
        assert_eq!(utf8_args([bad.to_owned()]), Err(ArgsError::NotUtf8));
        let args: Vec<String> = [
            "usersig",
            "verify",
            "--sdkappid",
            "1",
            "--user-id",
            "u",
            "--usersig",
            "s",
        ]
        .iter()
        .map(|&arg| arg.to_owned())
        .collect();
        assert_eq!(parse(&args, Some(bad)), Err(ArgsError::SecretKeyEnvNotUtf8));
    }
}
