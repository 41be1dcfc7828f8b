//! A bad command line as a typed [`UsageError`], built from clap's parse error so that the
//! messages stay this CLI's own (`missing --user-id`, `--sdkappid is out of range`, ...).

use std::fmt;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::CommandFactory as _;

use crate::cli::{Cli, NumberError, SecretKeyError};

/// Why the command line could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsageError {
    /// An argument is not valid UTF-8.
    NotUtf8,
    /// The first argument is not a known command.
    UnknownCommand(String),
    /// A command was given without its subcommand.
    MissingSubcommand(String),
    /// The subcommand is not known for this command.
    UnknownSubcommand {
        /// The command, e.g. `usersig`.
        command: String,
        /// What was given instead.
        given: String,
    },
    /// An argument that is neither a flag nor a flag's value.
    UnexpectedArgument(String),
    /// A `-`/`--` argument that no command takes.
    UnknownFlag(String),
    /// A flag of another command.
    FlagNotAccepted {
        /// The flag, e.g. `--room-id`.
        flag: String,
        /// The command, e.g. `usersig verify`.
        command: String,
    },
    /// A flag at the end of the line, or followed by another flag.
    MissingValue(String),
    /// A flag given twice.
    Repeated(String),
    /// Required flags that are absent; an entry may be `--a or --b`.
    Missing(Vec<String>),
    /// A number flag whose value is refused.
    BadNumber {
        /// The flag.
        flag: String,
        /// Why.
        error: NumberError,
    },
    /// Two flags that exclude each other were both given.
    Conflict(String, String),
    /// The SecretKey is missing or unreadable.
    SecretKey(SecretKeyError),
    /// Anything else clap refuses, in clap's words.
    Other(String),
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotUtf8 => f.write_str("arguments must be valid UTF-8"),
            Self::UnknownCommand(given) => write!(
                f,
                "unknown command {given:?} (expected usersig, privatemapkey or signal)"
            ),
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
            Self::Missing(flags) => write!(f, "missing {}", flags.join(", ")),
            Self::BadNumber { flag, error } => write!(f, "{flag} {error}"),
            Self::Conflict(first, second) => {
                write!(f, "{first} and {second} cannot be used together")
            }
            Self::SecretKey(error) => error.fmt(f),
            Self::Other(message) => f.write_str(message),
        }
    }
}

/// The flag name of clap's rendering of an argument (`--sdkappid <N>` → `--sdkappid`), or of a
/// required group (`<--room-id <N>|--str-room-id <S>>` → `--room-id or --str-room-id`).
fn flag_name(rendered: &str) -> String {
    let first = |text: &str| text.split([' ', '=']).next().unwrap_or(text).to_owned();
    match rendered
        .strip_prefix('<')
        .and_then(|inner| inner.strip_suffix('>'))
    {
        Some(group) if group.contains('|') => {
            group.split('|').map(first).collect::<Vec<_>>().join(" or ")
        }
        _ => first(rendered),
    }
}

/// One string of `error`'s context.
fn context(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(text) => Some(text.clone()),
        ContextValue::Strings(texts) => texts.first().cloned(),
        ContextValue::None
        | ContextValue::Bool(_)
        | ContextValue::StyledStr(_)
        | ContextValue::StyledStrs(_)
        | ContextValue::Number(_)
        | _ => None,
    }
}

/// Every string of `error`'s context.
fn contexts(error: &clap::Error, kind: ContextKind) -> Vec<String> {
    match error.get(kind) {
        Some(ContextValue::Strings(texts)) => texts.clone(),
        Some(ContextValue::String(text)) => vec![text.clone()],
        _ => Vec::new(),
    }
}

/// The subcommand names at the start of `args` (e.g. `["usersig", "verify"]`).
fn command_path(args: &[String]) -> Vec<String> {
    let mut command = Cli::command();
    let mut path = Vec::new();
    for arg in args {
        let Some(sub) = command.find_subcommand(arg).cloned() else {
            break;
        };
        path.push(arg.clone());
        command = sub;
    }
    path
}

/// Whether any command of the CLI has the long flag `name` (with its `--`).
fn is_known_flag(name: &str) -> bool {
    fn walk(command: &clap::Command, long: &str) -> bool {
        command
            .get_arguments()
            .any(|arg| arg.get_long() == Some(long))
            || command.get_subcommands().any(|sub| walk(sub, long))
    }
    name.strip_prefix("--")
        .is_some_and(|long| walk(&Cli::command(), long))
}

/// clap's own message without its `error: ` prefix and usage tail.
fn clap_message(error: &clap::Error) -> String {
    let rendered = error.render().to_string();
    let line = rendered.lines().next().unwrap_or_default();
    line.strip_prefix("error: ").unwrap_or(line).to_owned()
}

impl UsageError {
    /// The usage error of a failed clap parse of `args` (the arguments without the program
    /// name). Not for the help kinds (`DisplayHelp`, ...), which are not errors.
    pub fn from_clap(error: &clap::Error, args: &[String]) -> Self {
        let path = command_path(args);
        let invalid_arg = || context(error, ContextKind::InvalidArg).unwrap_or_default();
        match error.kind() {
            ErrorKind::InvalidUtf8 => Self::NotUtf8,
            ErrorKind::InvalidSubcommand => {
                let given = context(error, ContextKind::InvalidSubcommand).unwrap_or_default();
                match path.first() {
                    None => Self::UnknownCommand(given),
                    Some(command) => Self::UnknownSubcommand {
                        command: command.clone(),
                        given,
                    },
                }
            }
            ErrorKind::MissingSubcommand => Self::MissingSubcommand(path.join(" ")),
            ErrorKind::UnknownArgument => {
                let given = invalid_arg();
                let name = flag_name(&given);
                if !given.starts_with('-') {
                    Self::UnexpectedArgument(given)
                } else if is_known_flag(&name) {
                    Self::FlagNotAccepted {
                        flag: name,
                        command: path.join(" "),
                    }
                } else {
                    Self::UnknownFlag(name)
                }
            }
            ErrorKind::InvalidValue
                if context(error, ContextKind::InvalidValue).is_some_and(|v| v.is_empty()) =>
            {
                Self::MissingValue(flag_name(&invalid_arg()))
            }
            ErrorKind::ValueValidation => {
                let source = std::error::Error::source(error)
                    .and_then(|source| source.downcast_ref::<NumberError>());
                match source {
                    Some(number) => Self::BadNumber {
                        flag: flag_name(&invalid_arg()),
                        error: number.clone(),
                    },
                    None => Self::Other(clap_message(error)),
                }
            }
            ErrorKind::ArgumentConflict => {
                let invalid = flag_name(&invalid_arg());
                let prior = contexts(error, ContextKind::PriorArg)
                    .first()
                    .map(|prior| flag_name(prior));
                match prior {
                    Some(prior) if prior != invalid => {
                        // In the order the user wrote them.
                        let at = |flag: &str| args.iter().position(|arg| flag_name(arg) == flag);
                        if at(&prior) <= at(&invalid) {
                            Self::Conflict(prior, invalid)
                        } else {
                            Self::Conflict(invalid, prior)
                        }
                    }
                    Some(_) | None => Self::Repeated(invalid),
                }
            }
            ErrorKind::MissingRequiredArgument => Self::Missing(
                contexts(error, ContextKind::InvalidArg)
                    .iter()
                    .map(|rendered| flag_name(rendered))
                    .collect(),
            ),
            ErrorKind::InvalidValue
            | ErrorKind::NoEquals
            | ErrorKind::TooManyValues
            | ErrorKind::TooFewValues
            | ErrorKind::WrongNumberOfValues
            | ErrorKind::DisplayHelp
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            | ErrorKind::DisplayVersion
            | ErrorKind::Io
            | ErrorKind::Format
            | _ => Self::Other(clap_message(error)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser as _;

    /// The usage error of `args`, which must fail to parse.
    fn refused(args: &[&str]) -> UsageError {
        let args: Vec<String> = args.iter().map(|&arg| arg.to_owned()).collect();
        let argv = std::iter::once("tuicalling-cli".to_owned()).chain(args.iter().cloned());
        let error = Cli::try_parse_from(argv).expect_err("must not parse");
        UsageError::from_clap(&error, &args)
    }

    #[test]
    fn flag_names_come_from_clap_renderings() {
        assert_eq!(flag_name("--sdkappid <N>"), "--sdkappid");
        assert_eq!(flag_name("--bogus=1"), "--bogus");
        assert_eq!(
            flag_name("<--room-id <N>|--str-room-id <S>>"),
            "--room-id or --str-room-id"
        );
    }

    #[test]
    fn clap_errors_become_typed_usage_errors() {
        let pmk = ["privatemapkey", "gen", "--sdkappid", "1", "--user-id", "u"];
        let with = |extra: &[&'static str]| {
            let mut args = pmk.to_vec();
            args.extend_from_slice(extra);
            refused(&args)
        };
        assert_eq!(
            with(&["--room-id", "1", "--str-room-id", "r"]),
            UsageError::Conflict("--room-id".into(), "--str-room-id".into())
        );
        assert_eq!(
            with(&["--expire", "1", "--privilege", "1"]),
            UsageError::Missing(vec!["--room-id or --str-room-id".into()])
        );
        assert_eq!(
            with(&["--room-id", "r"]),
            UsageError::BadNumber {
                flag: "--room-id".into(),
                error: NumberError::NotANumber("r".into())
            }
        );
        assert_eq!(
            with(&["--user-id", "v"]),
            UsageError::Repeated("--user-id".into())
        );
        assert_eq!(
            with(&["--expire"]),
            UsageError::MissingValue("--expire".into())
        );
        assert_eq!(
            with(&["--expire", "--privilege", "1"]),
            UsageError::MissingValue("--expire".into())
        );
        assert_eq!(
            with(&["--usersig", "s"]),
            UsageError::FlagNotAccepted {
                flag: "--usersig".into(),
                command: "privatemapkey gen".into()
            }
        );
        assert_eq!(
            with(&["--bogus"]),
            UsageError::UnknownFlag("--bogus".into())
        );
        assert_eq!(
            with(&["stray"]),
            UsageError::UnexpectedArgument("stray".into())
        );
        assert_eq!(
            refused(&["nope"]),
            UsageError::UnknownCommand("nope".into())
        );
        assert_eq!(
            refused(&["usersig"]),
            UsageError::MissingSubcommand("usersig".into())
        );
        assert_eq!(
            refused(&["signal", "verify"]),
            UsageError::UnknownSubcommand {
                command: "signal".into(),
                given: "verify".into()
            }
        );
        assert_eq!(
            refused(&["usersig", "decode", "--now", "-1"]),
            UsageError::BadNumber {
                flag: "--now".into(),
                error: NumberError::NotANumber("-1".into())
            }
        );
    }
}
