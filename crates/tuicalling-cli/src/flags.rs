//! Generic scanning of `--flag value` / `--flag=value` pairs and strict number parsing.

use std::fmt;

use crate::args::ArgsError;

/// A command-line flag. Every flag takes exactly one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// `--sdkappid N`.
    SdkAppId,
    /// `--secret-key K`.
    SecretKey,
    /// `--user-id U`.
    UserId,
    /// `--expire SECONDS`.
    Expire,
    /// `--now UNIX`.
    Now,
    /// `--usersig S`.
    UserSig,
    /// `--key S` (a PrivateMapKey).
    Key,
    /// `--room-id N`.
    RoomId,
    /// `--str-room-id S`.
    StrRoomId,
    /// `--privilege N`.
    Privilege,
}

impl Flag {
    /// Every flag, for name lookup.
    const ALL: [Self; 10] = [
        Self::SdkAppId,
        Self::SecretKey,
        Self::UserId,
        Self::Expire,
        Self::Now,
        Self::UserSig,
        Self::Key,
        Self::RoomId,
        Self::StrRoomId,
        Self::Privilege,
    ];

    /// The spelling on the command line, with the leading `--`.
    pub fn name(self) -> &'static str {
        match self {
            Self::SdkAppId => "--sdkappid",
            Self::SecretKey => "--secret-key",
            Self::UserId => "--user-id",
            Self::Expire => "--expire",
            Self::Now => "--now",
            Self::UserSig => "--usersig",
            Self::Key => "--key",
            Self::RoomId => "--room-id",
            Self::StrRoomId => "--str-room-id",
            Self::Privilege => "--privilege",
        }
    }

    /// Looks a flag up by its spelling (with the leading `--`).
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|flag| flag.name() == name)
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether an argument asks for help.
pub fn is_help(arg: &str) -> bool {
    arg == "--help" || arg == "-h"
}

/// What scanning the flags of one command found.
#[derive(Debug)]
pub enum Scanned {
    /// `--help` or `-h` appeared where a flag was expected.
    Help,
    /// The flags and their values.
    Flags(FlagValues),
}

/// The values given to one command, each flag at most once.
#[derive(Debug, Default)]
pub struct FlagValues {
    /// Flags in the order they were given.
    values: Vec<(Flag, String)>,
}

/// Scans `args` for the flags of `command`, accepting only those in `allowed`.
///
/// A value is the next argument, or the text after `=` in `--flag=value`. A next argument that
/// starts with `--` is not taken as a value (it is almost always a forgotten value); such a
/// value must be written `--flag=--value`.
pub fn scan(
    args: &[String],
    command: &'static str,
    allowed: &[Flag],
) -> Result<Scanned, ArgsError> {
    let mut found = FlagValues::default();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if is_help(arg) {
            return Ok(Scanned::Help);
        }
        if !arg.starts_with('-') {
            return Err(ArgsError::UnexpectedArgument(arg.clone()));
        }
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (arg.as_str(), None),
        };
        let flag = Flag::from_name(name).ok_or_else(|| ArgsError::UnknownFlag(name.to_owned()))?;
        if !allowed.contains(&flag) {
            return Err(ArgsError::FlagNotAccepted { flag, command });
        }
        let value = match inline {
            Some(value) => value.to_owned(),
            None => rest
                .next()
                .filter(|next| !next.starts_with("--"))
                .ok_or(ArgsError::MissingValue(flag))?
                .clone(),
        };
        if found.values.iter().any(|(seen, _)| *seen == flag) {
            return Err(ArgsError::Repeated(flag));
        }
        found.values.push((flag, value));
    }
    Ok(Scanned::Flags(found))
}

/// Parses a decimal number made only of ASCII digits (no sign, no spaces) that fits `T`.
pub fn parse_number<T: TryFrom<u64>>(flag: Flag, value: &str) -> Result<T, ArgsError> {
    if value.is_empty() || !value.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(ArgsError::NotANumber {
            flag,
            value: value.to_owned(),
        });
    }
    value
        .parse::<u64>()
        .ok()
        .and_then(|number| T::try_from(number).ok())
        .ok_or(ArgsError::OutOfRange(flag))
}

impl FlagValues {
    /// Removes and returns the value of `flag`, if it was given.
    pub fn optional(&mut self, flag: Flag) -> Option<String> {
        let index = self.values.iter().position(|(seen, _)| *seen == flag)?;
        Some(self.values.remove(index).1)
    }

    /// Removes and returns the value of `flag`, which must have been given.
    pub fn required(&mut self, flag: Flag) -> Result<String, ArgsError> {
        self.optional(flag).ok_or(ArgsError::MissingFlag(flag))
    }

    /// The number given to `flag`, if any.
    pub fn optional_number<T: TryFrom<u64>>(&mut self, flag: Flag) -> Result<Option<T>, ArgsError> {
        self.optional(flag)
            .map(|value| parse_number(flag, &value))
            .transpose()
    }

    /// The number given to `flag`, which must have been given.
    pub fn required_number<T: TryFrom<u64>>(&mut self, flag: Flag) -> Result<T, ArgsError> {
        parse_number(flag, &self.required(flag)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|&arg| arg.to_owned()).collect()
    }

    fn scan_flags(args: &[&str]) -> Result<FlagValues, ArgsError> {
        match scan(&strings(args), "test", &[Flag::UserId, Flag::Now])? {
            Scanned::Flags(values) => Ok(values),
            Scanned::Help => panic!("unexpected help for {args:?}"),
        }
    }

    #[test]
    fn every_flag_name_round_trips() {
        for flag in Flag::ALL {
            assert_eq!(Flag::from_name(flag.name()), Some(flag));
        }
        assert_eq!(Flag::from_name("sdkappid"), None);
    }

    #[test]
    fn reads_separate_and_inline_values() {
        let mut values = scan_flags(&["--user-id", "u1", "--now=5"]).unwrap();
        assert_eq!(values.optional(Flag::UserId).as_deref(), Some("u1"));
        assert_eq!(values.optional_number::<u64>(Flag::Now).unwrap(), Some(5));
        assert_eq!(values.optional(Flag::UserId), None);

        let mut values = scan_flags(&["--user-id=--odd=value"]).unwrap();
        assert_eq!(values.required(Flag::UserId).unwrap(), "--odd=value");
        assert_eq!(
            values.required(Flag::Now),
            Err(ArgsError::MissingFlag(Flag::Now))
        );
    }

    #[test]
    fn rejects_malformed_flag_lists() {
        let cases: [(&[&str], ArgsError); 7] = [
            (&["--user-id"], ArgsError::MissingValue(Flag::UserId)),
            (
                &["--user-id", "--now", "1"],
                ArgsError::MissingValue(Flag::UserId),
            ),
            (
                &["--user-id", "a", "--user-id=b"],
                ArgsError::Repeated(Flag::UserId),
            ),
            (&["--bogus", "1"], ArgsError::UnknownFlag("--bogus".into())),
            (&["-x"], ArgsError::UnknownFlag("-x".into())),
            (&["stray"], ArgsError::UnexpectedArgument("stray".into())),
            (
                &["--expire", "1"],
                ArgsError::FlagNotAccepted {
                    flag: Flag::Expire,
                    command: "test",
                },
            ),
        ];
        for (args, expected) in cases {
            assert_eq!(scan_flags(args).err(), Some(expected), "{args:?}");
        }
    }

    #[test]
    fn help_wins_where_a_flag_is_expected() {
        let found = scan(&strings(&["--now", "1", "-h"]), "test", &[Flag::Now]).unwrap();
        assert!(matches!(found, Scanned::Help));
        // As a value, `-h` is just a value.
        let found = scan(&strings(&["--user-id", "-h"]), "test", &[Flag::UserId]).unwrap();
        assert!(matches!(found, Scanned::Flags(_)));
    }

    #[test]
    fn numbers_are_plain_decimal_and_range_checked() {
        assert_eq!(parse_number::<u32>(Flag::Now, "0042"), Ok(42));
        assert_eq!(parse_number::<u32>(Flag::Now, "4294967295"), Ok(u32::MAX));
        assert_eq!(
            parse_number::<u32>(Flag::Now, "4294967296"),
            Err(ArgsError::OutOfRange(Flag::Now))
        );
        assert_eq!(
            parse_number::<u64>(Flag::Now, "99999999999999999999"),
            Err(ArgsError::OutOfRange(Flag::Now))
        );
        for bad in ["", "+1", "-1", " 1", "1 ", "1e3", "0x10", "１"] {
            assert_eq!(
                parse_number::<u64>(Flag::Now, bad),
                Err(ArgsError::NotANumber {
                    flag: Flag::Now,
                    value: bad.into()
                }),
                "{bad:?}"
            );
        }
    }
}
