//! The usage text printed by `--help` and by a bare invocation.

/// Usage, options, exit statuses and the SecretKey warning.
pub const TEXT: &str = "\
tuicalling-cli: generate, verify and decode Tencent UserSigs and PrivateMapKeys offline.

USAGE:
  tuicalling-cli usersig gen --sdkappid N --secret-key K --user-id U --expire SECONDS [--now UNIX]
  tuicalling-cli usersig verify --sdkappid N --secret-key K --user-id U --usersig S [--now UNIX]
  tuicalling-cli usersig decode --usersig S [--now UNIX]
  tuicalling-cli privatemapkey gen --sdkappid N --secret-key K --user-id U --expire SECONDS
                 (--room-id N | --str-room-id S) --privilege N [--now UNIX]
  tuicalling-cli privatemapkey verify --sdkappid N --secret-key K --user-id U --key S [--now UNIX]
  tuicalling-cli --help

OPTIONS:
  --sdkappid N        SDKAppID, 1..4294967295
  --secret-key K      the SDKSecretKey string, used as-is (not hex-decoded). When absent, it is
                      read from the TUICALLING_SECRET_KEY environment variable, which keeps the
                      key out of shell history
  --user-id U         user id (UserSig identifier), 1..32 bytes
  --expire SECONDS    lifetime in seconds, counted from --now
  --usersig S         the UserSig to verify or decode (decode needs no key and does not check
                      the signature; it also accepts a PrivateMapKey)
  --key S             the PrivateMapKey to verify
  --room-id N         numeric TRTC room id, 1..4294967295
  --str-room-id S     string TRTC room id, 1..64 bytes
  --privilege N       privilege bitmap, 1..255: 1 create room, 2 enter room, 4 send audio,
                      8 receive audio, 16 send video, 32 receive video, 64 send aux (screen),
                      128 receive aux; 255 = all, 42 = enter + receive audio/video
  --now UNIX          current time in unix seconds (default: the system clock)
  Numbers are plain decimal digits. Each flag may be given once. A value that starts with
  \"--\" must be written --flag=value.

OUTPUT AND EXIT STATUS:
  0  success. gen prints the UserSig/PrivateMapKey on one line; usersig verify prints
     \"valid: identifier=.. sdkappid=.. expires_at=..\"; privatemapkey verify prints the grant;
     usersig decode prints a JSON object (identifier, sdkAppID, issuedAt, expire, expiresAt,
     expired, userbuf, privateMapKey)
  1  the UserSig/PrivateMapKey is invalid: \"error: <CODE>: <message>\" on stderr, CODE one of
     EMPTY, TOO_LONG, BAD_BASE64, BAD_ZLIB, INFLATED_TOO_LARGE, BAD_JSON, MISSING_FIELD,
     INVALID_FIELD, SDKAPPID_MISMATCH, IDENTIFIER_MISMATCH, EXPIRED, USERBUF_MISMATCH,
     SIGNATURE_MISMATCH
  2  bad command line (\"usage error: ...\"), or an argument the signer rejects
     (\"error: INVALID_ARGUMENT: ...\"); also a bare `tuicalling-cli`

SECURITY:
  The SecretKey can sign for every user of the SDKAppID. Keep it on servers and developer
  machines; never put it in an app, a web page or a mini-program.
";
