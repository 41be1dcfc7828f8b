//! The usage text printed by `--help` and by a bare invocation.

/// Usage, options, exit statuses and the SecretKey warning.
pub const TEXT: &str = "\
tuicalling-cli: generate, verify and decode Tencent UserSigs and PrivateMapKeys offline, and
decode/encode TUICalling signals (TSignaling av_call messages) for interop debugging.

USAGE:
  tuicalling-cli usersig gen --sdkappid N --secret-key K --user-id U --expire SECONDS [--now UNIX]
  tuicalling-cli usersig verify --sdkappid N --secret-key K --user-id U --usersig S [--now UNIX]
  tuicalling-cli usersig decode --usersig S [--now UNIX]
  tuicalling-cli privatemapkey gen --sdkappid N --secret-key K --user-id U --expire SECONDS
                 (--room-id N | --str-room-id S) --privilege N [--now UNIX]
  tuicalling-cli privatemapkey verify --sdkappid N --secret-key K --user-id U --key S [--now UNIX]
  tuicalling-cli signal decode < payload.txt
  tuicalling-cli signal encode < normalized.json
  tuicalling-cli --help

SIGNALS:
  signal decode reads one custom message's payload.data (the raw TSignaling envelope JSON,
  as copied from the IM console or a log; trailing whitespace is ignored) on stdin and prints
  one normalized JSON object: action, kind (call|hangup|switch, invites only), inviteID,
  inviter, invitees, groupID, timeout, callType (1 audio, 2 video), roomID, callEnd, busy,
  switchTo, cmd, userIDs, platform, version, dataInviter, consumed,
  excludeFromHistoryMessage, sendsHangupNotice, inCallUserIDs.
  signal encode reads such an object on stdin (action, inviteID and inviter are required;
  kind is ignored) and prints the exact wire string. Stdin is limited to 1 MiB.

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

SECURITY:
  The SecretKey can sign for every user of the SDKAppID. Keep it on servers and developer
  machines; never put it in an app, a web page or a mini-program.
";
