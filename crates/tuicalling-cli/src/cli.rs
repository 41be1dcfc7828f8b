//! The command grammar, declared with clap's derive: the commands, their flags and the help
//! texts. Parsing failures are turned into this CLI's own messages by [`crate::usage_error`].

use std::ffi::OsStr;
use std::fmt;

use clap::{Args, Parser, Subcommand};
use tuicalling_core::usersig::RoomId;

/// Environment variable that supplies the SecretKey when `--secret-key` is absent.
pub const SECRET_KEY_ENV: &str = "TUICALLING_SECRET_KEY";

/// First line of the top-level help.
const ABOUT: &str =
    "tuicalling-cli: generate, verify and decode Tencent UserSigs and PrivateMapKeys
offline, and decode/encode TUICalling signals (TSignaling av_call messages) for interop debugging.";

/// The example lines, shared by the short and the long top-level help.
macro_rules! examples {
    () => {
        "\
Examples:
  tuicalling-cli usersig gen --sdkappid N --secret-key K --user-id U --expire SECONDS [--now UNIX]
  tuicalling-cli usersig verify --sdkappid N --secret-key K --user-id U --usersig S [--now UNIX]
  tuicalling-cli usersig decode --usersig S [--now UNIX]
  tuicalling-cli privatemapkey gen --sdkappid N --secret-key K --user-id U --expire SECONDS
                 (--room-id N | --str-room-id S) --privilege N [--now UNIX]
  tuicalling-cli privatemapkey verify --sdkappid N --secret-key K --user-id U --key S [--now UNIX]
  tuicalling-cli signal decode < payload.txt
  tuicalling-cli signal encode < normalized.json
  tuicalling-cli <command> <subcommand> --help"
    };
}

/// Shown after the top-level `-h`.
const EXAMPLES: &str = examples!();

/// Shown after the top-level `--help`: the examples, flag conventions, exit statuses and the
/// SecretKey warning.
const LONG_NOTES: &str = concat!(
    examples!(),
    "

Flags:
  Numbers are plain decimal digits. Each flag may be given once. A value that starts with \"-\"
  must be written --flag=value. The SecretKey may come from the TUICALLING_SECRET_KEY
  environment variable instead of --secret-key, which keeps it out of shell history.

Output and exit status:
  0  success. gen prints the UserSig/PrivateMapKey on one line; usersig verify prints
     \"valid: identifier=.. sdkappid=.. expires_at=..\"; privatemapkey verify prints the grant;
     usersig decode prints a JSON object (identifier, sdkAppID, issuedAt, expire, expiresAt,
     expired, userbuf, privateMapKey); signal decode/encode print one line
  1  the UserSig/PrivateMapKey is invalid: \"error: <CODE>: <message>\" on stderr, CODE one of
     EMPTY, TOO_LONG, BAD_BASE64, BAD_ZLIB, INFLATED_TOO_LARGE, BAD_JSON, MISSING_FIELD,
     INVALID_FIELD, SDKAPPID_MISMATCH, IDENTIFIER_MISMATCH, EXPIRED, USERBUF_MISMATCH,
     SIGNATURE_MISMATCH.
     Or the signal input is not a valid signal, same format, CODE one of NOT_JSON,
     NOT_SIGNALING, OUTER_AV_CALL, FOREIGN_BUSINESS (these four end in \"(not a signal for
     us)\"), TOO_LARGE, TOO_DEEP, TOO_MANY_USERS, BAD_USER_ID, ROOM_ID_OUT_OF_RANGE,
     MISSING_FIELD, INVALID_FIELD, UNKNOWN_ACTION, UNKNOWN_INVITE
  2  bad command line (\"usage error: ...\"), or an argument the signer rejects
     (\"error: INVALID_ARGUMENT: ...\"); also a bare `tuicalling-cli`. For signal commands:
     stdin over 1 MiB, not UTF-8, or (encode) not a normalized signal object

Security:
  The SecretKey can sign for every user of the SDKAppID. Keep it on servers and developer
  machines; never put it in an app, a web page or a mini-program."
);

/// The whole command line.
#[derive(Debug, Parser)]
#[command(
    name = "tuicalling-cli",
    about = ABOUT,
    after_help = EXAMPLES,
    after_long_help = LONG_NOTES,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The three command groups.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Generate, verify or decode a UserSig.
    #[command(subcommand, subcommand_required = true, arg_required_else_help = false)]
    Usersig(UserSigCommand),
    /// Generate or verify a TRTC PrivateMapKey (a room grant)
    #[command(subcommand, subcommand_required = true, arg_required_else_help = false)]
    Privatemapkey(PrivateMapKeyCommand),
    /// Decode or encode TUICalling signals (av_call messages)
    #[command(subcommand, subcommand_required = true, arg_required_else_help = false)]
    Signal(SignalCommand),
}

/// `usersig <subcommand>`.
#[derive(Debug, Subcommand)]
pub enum UserSigCommand {
    /// Generate a UserSig (prints it on one line).
    Gen(GenFlags),
    /// Verify a UserSig (exit 0 when valid, 1 with the reason when not)
    Verify {
        /// Key material.
        #[command(flatten)]
        signer: SignerFlags,
        /// User id the UserSig must be for.
        #[arg(long, value_name = "U")]
        user_id: String,
        /// The UserSig to verify.
        #[arg(long = "usersig", value_name = "S")]
        user_sig: String,
        /// The clock.
        #[command(flatten)]
        now: NowFlag,
    },
    /// Decode a UserSig or PrivateMapKey without the key (prints JSON)
    ///
    /// The signature is not checked. The JSON has identifier, sdkAppID, issuedAt, expire,
    /// expiresAt, expired, userbuf and privateMapKey.
    Decode {
        /// The UserSig or PrivateMapKey to decode.
        #[arg(long = "usersig", value_name = "S")]
        user_sig: String,
        /// The clock.
        #[command(flatten)]
        now: NowFlag,
    },
}

/// `privatemapkey <subcommand>`.
#[derive(Debug, Subcommand)]
pub enum PrivateMapKeyCommand {
    /// Generate a PrivateMapKey for one room (prints it on one line).
    Gen {
        /// Key, user, lifetime and clock.
        #[command(flatten)]
        gen: GenFlags,
        /// The room the key grants.
        #[command(flatten)]
        room: RoomFlags,
        /// Privilege bitmap, 1..255 (255 = all, 42 = enter + receive audio/video)
        ///
        /// 1 create room, 2 enter room, 4 send audio, 8 receive audio, 16 send video,
        /// 32 receive video, 64 send aux (screen), 128 receive aux.
        #[arg(verbatim_doc_comment, long, value_name = "N", value_parser = number::<u32>, allow_negative_numbers = true)]
        privilege: u32,
    },
    /// Verify a PrivateMapKey (exit 0 and the grant, or 1 with the reason)
    Verify {
        /// Key material.
        #[command(flatten)]
        signer: SignerFlags,
        /// User id the key must be for.
        #[arg(long, value_name = "U")]
        user_id: String,
        /// The PrivateMapKey to verify.
        #[arg(long, value_name = "S")]
        key: String,
        /// The clock.
        #[command(flatten)]
        now: NowFlag,
    },
}

/// `signal <subcommand>`.
#[derive(Debug, Subcommand)]
pub enum SignalCommand {
    /// Decode one payload.data on stdin into normalized JSON on stdout
    ///
    /// Stdin holds one custom message's payload.data: the raw TSignaling envelope JSON, as
    /// copied from the IM console or a log (trailing whitespace is ignored; at most 1 MiB).
    /// Stdout gets one normalized JSON object: action, kind (call|hangup|switch, invites
    /// only), inviteID, inviter, invitees, groupID, timeout, callType (1 audio, 2 video),
    /// roomID, callEnd, busy, switchTo, cmd, userIDs, platform, version, dataInviter, consumed,
    /// excludeFromHistoryMessage, sendsHangupNotice, inCallUserIDs.
    #[command(verbatim_doc_comment)]
    Decode,
    /// Encode normalized JSON on stdin into the exact wire string on stdout
    ///
    /// Stdin holds one object as `signal decode` prints it (at most 1 MiB): action, inviteID
    /// and inviter are required, kind is ignored.
    #[command(verbatim_doc_comment)]
    Encode,
}

/// What both `gen` commands take: the key, the user, the lifetime and the clock.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct GenFlags {
    /// Key material.
    #[command(flatten)]
    pub signer: SignerFlags,
    /// User id to sign for (the identifier, or the PrivateMapKey's account), 1..32 bytes.
    #[arg(long, value_name = "U")]
    pub user_id: String,
    /// Lifetime in seconds, counted from --now.
    #[arg(long, value_name = "SECONDS", value_parser = number::<u64>, allow_negative_numbers = true)]
    pub expire: u64,
    /// The clock.
    #[command(flatten)]
    pub now: NowFlag,
}

/// `--sdkappid` and `--secret-key`, shared by every signing and verifying command.
#[derive(Clone, PartialEq, Eq, Args)]
pub struct SignerFlags {
    /// SDKAppID, 1..4294967295.
    #[arg(long = "sdkappid", value_name = "N", value_parser = number::<u32>, allow_negative_numbers = true)]
    pub sdk_app_id: u32,
    /// The SDKSecretKey string (default: $TUICALLING_SECRET_KEY)
    ///
    /// Used as-is, not hex-decoded. When absent, it is read from the TUICALLING_SECRET_KEY
    /// environment variable, which keeps the key out of shell history.
    #[arg(verbatim_doc_comment, long, value_name = "K")]
    pub secret_key: Option<String>,
}

impl fmt::Debug for SignerFlags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignerFlags")
            .field("sdk_app_id", &self.sdk_app_id)
            .field(
                "secret_key",
                &self.secret_key.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

/// Why the SecretKey could not be found (a usage error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretKeyError {
    /// Neither `--secret-key` nor [`SECRET_KEY_ENV`].
    Missing,
    /// [`SECRET_KEY_ENV`] is set but is not UTF-8.
    EnvNotUtf8,
}

impl fmt::Display for SecretKeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing => write!(f, "missing --secret-key (or set {SECRET_KEY_ENV})"),
            Self::EnvNotUtf8 => write!(f, "{SECRET_KEY_ENV} is not valid UTF-8"),
        }
    }
}

impl SignerFlags {
    /// The SecretKey: `--secret-key`, else `env_secret` (the value of [`SECRET_KEY_ENV`]).
    pub fn secret_key(&self, env_secret: Option<&OsStr>) -> Result<String, SecretKeyError> {
        if let Some(key) = &self.secret_key {
            return Ok(key.clone());
        }
        let env = env_secret.ok_or(SecretKeyError::Missing)?;
        env.to_str()
            .map(str::to_owned)
            .ok_or(SecretKeyError::EnvNotUtf8)
    }
}

/// `--now`, shared by every command that reads the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Args)]
pub struct NowFlag {
    /// Current time in unix seconds (default: the system clock)
    #[arg(long = "now", value_name = "UNIX", value_parser = number::<u64>, allow_negative_numbers = true)]
    pub unix: Option<u64>,
}

/// `--room-id` or `--str-room-id`: exactly one of them.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
#[group(required = true, multiple = false)]
pub struct RoomFlags {
    /// Numeric TRTC room id, 1..4294967295.
    #[arg(long, value_name = "N", value_parser = number::<u32>, allow_negative_numbers = true)]
    pub room_id: Option<u32>,
    /// String TRTC room id, 1..64 bytes.
    #[arg(long, value_name = "S")]
    pub str_room_id: Option<String>,
}

impl RoomFlags {
    /// The room; clap's group guarantees that exactly one flag was given.
    pub fn room(self) -> Option<RoomId> {
        match (self.room_id, self.str_room_id) {
            (Some(id), None) => Some(RoomId::Numeric(id)),
            (None, Some(room)) => Some(RoomId::Str(room)),
            (Some(_), Some(_)) | (None, None) => None,
        }
    }
}

/// Why a number flag's value was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Not plain ASCII decimal digits (no sign, no spaces).
    NotANumber(String),
    /// Digits, but too large for the flag.
    OutOfRange,
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotANumber(value) => write!(f, "must be a decimal number, got {value:?}"),
            Self::OutOfRange => f.write_str("is out of range"),
        }
    }
}

impl std::error::Error for NumberError {}

/// Parses a decimal number made only of ASCII digits (no sign, no spaces) that fits `T`.
pub fn number<T: TryFrom<u64>>(value: &str) -> Result<T, NumberError> {
    if value.is_empty() || !value.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(NumberError::NotANumber(value.to_owned()));
    }
    value
        .parse::<u64>()
        .ok()
        .and_then(|number| T::try_from(number).ok())
        .ok_or(NumberError::OutOfRange)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    #[test]
    fn the_grammar_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn numbers_are_plain_decimal_and_range_checked() {
        assert_eq!(number::<u32>("0042"), Ok(42));
        assert_eq!(number::<u32>("4294967295"), Ok(u32::MAX));
        assert_eq!(number::<u32>("4294967296"), Err(NumberError::OutOfRange));
        assert_eq!(
            number::<u64>("99999999999999999999"),
            Err(NumberError::OutOfRange)
        );
        for bad in ["", "+1", "-1", " 1", "1 ", "1e3", "0x10", "１"] {
            assert_eq!(
                number::<u64>(bad),
                Err(NumberError::NotANumber(bad.into())),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn the_secret_key_comes_from_the_flag_then_the_environment() {
        let flags = |key: Option<&str>| SignerFlags {
            sdk_app_id: 1,
            secret_key: key.map(str::to_owned),
        };
        let env = Some(OsStr::new("env"));
        assert_eq!(flags(Some("flag")).secret_key(env).as_deref(), Ok("flag"));
        assert_eq!(flags(None).secret_key(env).as_deref(), Ok("env"));
        assert_eq!(flags(None).secret_key(None), Err(SecretKeyError::Missing));
        assert_eq!(
            SecretKeyError::Missing.to_string(),
            "missing --secret-key (or set TUICALLING_SECRET_KEY)"
        );
        assert!(!format!("{:?}", flags(Some("hunter2"))).contains("hunter2"));
    }

    #[cfg(unix)]
    #[test]
    fn a_non_utf8_environment_key_is_refused() {
        use std::os::unix::ffi::OsStrExt as _;
        let flags = SignerFlags {
            sdk_app_id: 1,
            secret_key: None,
        };
        assert_eq!(
            flags.secret_key(Some(OsStr::from_bytes(b"\xff"))),
            Err(SecretKeyError::EnvNotUtf8)
        );
    }

    #[test]
    fn a_room_is_numeric_or_a_string() {
        let room = |room_id, str_room_id: Option<&str>| {
            RoomFlags {
                room_id,
                str_room_id: str_room_id.map(str::to_owned),
            }
            .room()
        };
        assert_eq!(room(Some(7), None), Some(RoomId::Numeric(7)));
        assert_eq!(room(None, Some("r")), Some(RoomId::Str("r".into())));
        assert_eq!(room(None, None), None);
    }
}
