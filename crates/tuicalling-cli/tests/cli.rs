//! End-to-end tests of the `tuicalling-cli` binary: Tencent's vectors, gen/verify/decode round
//! trips, signal decode/encode on golden wire strings, and hostile input. Every spawn asserts
//! that the process did not panic (status 101).

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Tencent tls-sig-api-v2 vectors (platform.md §E.4).
const VECTORS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/vectors/usersig.json"
));

/// What one run of the binary produced.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Asserts success and returns stdout.
    fn ok(&self) -> &str {
        assert_eq!(
            self.code, 0,
            "stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        &self.stdout
    }

    /// Asserts a typed failure with `code` (exit 1) and nothing on stdout.
    fn fails_with(&self, code: &str) {
        assert_eq!(self.code, 1, "expected {code}; stderr: {}", self.stderr);
        assert!(
            self.stderr.starts_with(&format!("error: {code}: ")),
            "expected {code}; stderr: {}",
            self.stderr
        );
        assert_eq!(self.stderr.lines().count(), 1, "{}", self.stderr);
        assert!(self.stdout.is_empty(), "{}", self.stdout);
    }

    /// Asserts a usage error (exit 2) whose message contains `needle`.
    fn usage_error(&self, needle: &str) {
        assert_eq!(self.code, 2, "stderr: {}", self.stderr);
        assert!(self.stderr.starts_with("usage error: "), "{}", self.stderr);
        assert!(
            self.stderr.contains(needle),
            "expected {needle:?} in {}",
            self.stderr
        );
        assert!(self.stdout.is_empty(), "{}", self.stdout);
    }
}

/// Runs the binary with `args`; `env_key` sets `TUICALLING_SECRET_KEY`, otherwise it is removed.
fn run_env(args: &[&str], env_key: Option<&str>) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tuicalling-cli"));
    command.args(args).env_remove("TUICALLING_SECRET_KEY");
    if let Some(key) = env_key {
        command.env("TUICALLING_SECRET_KEY", key);
    }
    finish(args, command.output().expect("spawn tuicalling-cli"))
}

/// Checks that the process exited by itself without panicking.
fn finish(args: &[&str], output: Output) -> Run {
    let code = output
        .status
        .code()
        .expect("exited normally, not by a signal");
    assert_ne!(
        code,
        101,
        "tuicalling-cli panicked on {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Run {
        code,
        stdout: String::from_utf8(output.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("utf-8 stderr"),
    }
}

/// Runs the binary with `args` and `input` on stdin.
fn run_stdin(args: &[&str], input: impl Into<Vec<u8>>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tuicalling-cli"))
        .args(args)
        .env_remove("TUICALLING_SECRET_KEY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tuicalling-cli");
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = input.into();
    // Written from a thread so that a child that stops reading (input over its limit) cannot
    // dead-lock the test; the broken pipe that follows is expected.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let output = child.wait_with_output().expect("wait for tuicalling-cli");
    writer.join().expect("stdin writer");
    finish(args, output)
}

/// Runs the binary with `args` and no `TUICALLING_SECRET_KEY`.
fn run(args: &[&str]) -> Run {
    run_env(args, None)
}

/// One entry of the vector file.
struct Vector {
    kind: String,
    now: u64,
    sdk_app_id: u64,
    key: String,
    user_id: String,
    expire: u64,
    sig: String,
    decoded: Value,
}

fn vectors() -> Vec<Vector> {
    let all: Vec<Value> = serde_json::from_str(VECTORS).expect("vector file is JSON");
    assert_eq!(all.len(), 3);
    all.into_iter()
        .map(|v| Vector {
            kind: v["kind"].as_str().unwrap().to_owned(),
            now: v["now"].as_u64().unwrap(),
            sdk_app_id: v["sdkappid"].as_u64().unwrap(),
            key: v["key"].as_str().unwrap().to_owned(),
            user_id: v["userid"].as_str().unwrap().to_owned(),
            expire: v["expire"].as_u64().unwrap(),
            sig: v["usersig"].as_str().unwrap().to_owned(),
            decoded: v["decoded"].clone(),
        })
        .collect()
}

impl Vector {
    /// Runs the verify command matching the vector's kind with the given overrides.
    fn verify(&self, sdk_app_id: u64, key: &str, user_id: &str, now: u64) -> Run {
        let (command, sig_flag) = match self.kind.as_str() {
            "user" => ("usersig", "--usersig"),
            "pmk" | "pmkstr" => ("privatemapkey", "--key"),
            other => panic!("unknown vector kind {other}"),
        };
        let (sdk_app_id, now) = (sdk_app_id.to_string(), now.to_string());
        run(&[
            command,
            "verify",
            "--sdkappid",
            &sdk_app_id,
            "--secret-key",
            key,
            "--user-id",
            user_id,
            sig_flag,
            &self.sig,
            "--now",
            &now,
        ])
    }

    fn verify_at(&self, now: u64) -> Run {
        self.verify(self.sdk_app_id, &self.key, &self.user_id, now)
    }
}

#[test]
fn tencent_vectors_verify_at_their_time_and_until_expiry() {
    let vectors = vectors();
    let kinds: Vec<&str> = vectors.iter().map(|v| v.kind.as_str()).collect();
    assert_eq!(kinds, ["user", "pmk", "pmkstr"]);
    for v in &vectors {
        let expires_at = v.now + v.expire;
        let stdout = v.verify_at(v.now).ok().to_owned();
        assert!(stdout.starts_with("valid: "), "{stdout}");
        assert_eq!(stdout.lines().count(), 1);
        match v.kind.as_str() {
            "user" => assert_eq!(
                stdout,
                format!("valid: identifier=xiaojun sdkappid=1400000000 expires_at={expires_at}\n")
            ),
            "pmk" => assert_eq!(
                stdout,
                format!(
                    "valid: account=xiaojun sdkappid=1400000000 room_id=10000 expires_at={expires_at} \
                     privileges=255 (CREATE_ROOM|ENTER_ROOM|SEND_AUDIO|RECV_AUDIO|SEND_VIDEO|\
                     RECV_VIDEO|SEND_AUX|RECV_AUX)\n"
                )
            ),
            _ => assert_eq!(
                stdout,
                format!(
                    "valid: account=xiaojun sdkappid=1400000000 str_room_id=\"room1\" \
                     expires_at={expires_at} privileges=42 (ENTER_ROOM|RECV_AUDIO|RECV_VIDEO)\n"
                )
            ),
        }
        // The last valid second, then one second later.
        v.verify_at(expires_at).ok();
        let expired = v.verify_at(expires_at + 1);
        expired.fails_with("EXPIRED");
        assert!(expired
            .stderr
            .contains(&format!("expired at {expires_at} (now {})", expires_at + 1)));
    }
}

#[test]
fn tencent_vectors_reject_wrong_key_user_and_app() {
    for v in vectors() {
        let other_key = v.key.replace('5', "6");
        v.verify(v.sdk_app_id, &other_key, &v.user_id, v.now)
            .fails_with("SIGNATURE_MISMATCH");
        v.verify(v.sdk_app_id, "x", &v.user_id, v.now)
            .fails_with("SIGNATURE_MISMATCH");
        v.verify(v.sdk_app_id, &v.key, "xiaojun2", v.now)
            .fails_with("IDENTIFIER_MISMATCH");
        let mismatch = v.verify(v.sdk_app_id + 1, &v.key, &v.user_id, v.now);
        mismatch.fails_with("SDKAPPID_MISMATCH");
        assert!(mismatch
            .stderr
            .contains("usersig is for sdkappid 1400000000, expected 1400000001"));
    }
}

#[test]
fn usersig_and_private_map_key_are_not_interchangeable() {
    let vectors = vectors();
    let (user, pmk) = (&vectors[0], &vectors[1]);
    // A PrivateMapKey carries a userbuf, which a plain UserSig verification refuses.
    let as_user = run(&[
        "usersig",
        "verify",
        "--sdkappid",
        "1400000000",
        "--secret-key",
        &pmk.key,
        "--user-id",
        "xiaojun",
        "--usersig",
        &pmk.sig,
        "--now",
        "1700000000",
    ]);
    as_user.fails_with("USERBUF_MISMATCH");
    let as_pmk = run(&[
        "privatemapkey",
        "verify",
        "--sdkappid",
        "1400000000",
        "--secret-key",
        &user.key,
        "--user-id",
        "xiaojun",
        "--key",
        &user.sig,
        "--now",
        "1700000000",
    ]);
    as_pmk.fails_with("USERBUF_MISMATCH");
}

#[test]
fn tencent_vectors_decode_to_their_fields() {
    for v in vectors() {
        let now = (v.now + v.expire).to_string();
        let stdout = run(&["usersig", "decode", "--usersig", &v.sig, "--now", &now])
            .ok()
            .to_owned();
        let json: Value = serde_json::from_str(&stdout).expect("decode prints JSON");
        let d = &v.decoded;
        assert_eq!(json["identifier"], d["TLS.identifier"]);
        assert_eq!(json["sdkAppID"], d["TLS.sdkappid"]);
        assert_eq!(json["issuedAt"], d["TLS.time"]);
        assert_eq!(json["expire"], d["TLS.expire"]);
        assert_eq!(json["expiresAt"], v.now + v.expire);
        assert_eq!(json["expired"], false);
        assert_eq!(
            json["userbuf"],
            d.get("TLS.userbuf").cloned().unwrap_or(Value::Null)
        );
        let grant = &json["privateMapKey"];
        match v.kind.as_str() {
            "user" => assert!(grant.is_null()),
            "pmk" => {
                assert_eq!(grant["account"], "xiaojun");
                assert_eq!(grant["sdkAppID"], 1_400_000_000);
                assert_eq!(grant["roomID"], 10000);
                assert!(grant.get("strRoomID").is_none());
                assert_eq!(grant["expiresAt"], v.now + v.expire);
                assert_eq!(grant["privileges"], 255);
            }
            _ => {
                assert_eq!(grant["strRoomID"], "room1");
                assert!(grant.get("roomID").is_none());
                assert_eq!(grant["privileges"], 42);
            }
        }
        let later = (v.now + v.expire + 1).to_string();
        let expired = run(&["usersig", "decode", "--usersig", &v.sig, "--now", &later]);
        let json: Value = serde_json::from_str(expired.ok()).unwrap();
        assert_eq!(json["expired"], true);
    }
}

#[test]
fn usersig_gen_round_trips_through_verify_and_decode() {
    let key = "my-test-secret";
    let gen = run(&[
        "usersig",
        "gen",
        "--sdkappid",
        "1400000001",
        "--secret-key",
        key,
        "--user-id",
        "alice_01",
        "--expire",
        "600",
        "--now",
        "1750000000",
    ]);
    let sig = gen.ok().strip_suffix('\n').expect("one line").to_owned();
    assert!(
        !sig.is_empty() && !sig.contains(['\n', '+', '/', '=']),
        "{sig}"
    );
    assert!(
        gen.stderr.starts_with("warning: ") && gen.stderr.contains("SecretKey"),
        "{}",
        gen.stderr
    );

    let verify = |key: &str, now: &str| {
        run(&[
            "usersig",
            "verify",
            "--sdkappid",
            "1400000001",
            "--secret-key",
            key,
            "--user-id",
            "alice_01",
            "--usersig",
            &sig,
            "--now",
            now,
        ])
    };
    assert_eq!(
        verify(key, "1750000600").ok(),
        "valid: identifier=alice_01 sdkappid=1400000001 expires_at=1750000600\n"
    );
    verify(key, "1750000601").fails_with("EXPIRED");
    verify("my-test-secreT", "1750000000").fails_with("SIGNATURE_MISMATCH");

    let decoded = run(&[
        "usersig",
        "decode",
        "--usersig",
        &sig,
        "--now",
        "1750000000",
    ]);
    let json: Value = serde_json::from_str(decoded.ok()).unwrap();
    let expected = serde_json::json!({
        "identifier": "alice_01", "sdkAppID": 1400000001u64, "issuedAt": 1750000000u64,
        "expire": 600, "expiresAt": 1750000600u64, "expired": false, "userbuf": null,
        "privateMapKey": null,
    });
    assert_eq!(json, expected);
}

#[test]
fn gen_and_verify_default_to_the_system_clock() {
    let gen = run(&[
        "usersig",
        "gen",
        "--sdkappid",
        "1400000000",
        "--secret-key",
        "k",
        "--user-id",
        "u",
        "--expire",
        "3600",
    ]);
    let sig = gen.ok().trim_end().to_owned();
    run(&[
        "usersig",
        "verify",
        "--sdkappid",
        "1400000000",
        "--secret-key",
        "k",
        "--user-id",
        "u",
        "--usersig",
        &sig,
    ])
    .ok();
    let decoded: Value =
        serde_json::from_str(run(&["usersig", "decode", "--usersig", &sig]).ok()).unwrap();
    assert_eq!(decoded["expired"], false);
    // Issued "now", i.e. well after this test was written.
    assert!(decoded["issuedAt"].as_u64().unwrap() > 1_750_000_000);
}

#[test]
fn private_map_key_gen_round_trips_for_both_room_kinds() {
    let gen = |room: &[&str]| {
        let mut args = vec![
            "privatemapkey",
            "gen",
            "--sdkappid",
            "1400000000",
            "--user-id",
            "bob",
            "--expire",
            "60",
            "--privilege",
            "3",
            "--now",
            "1700000000",
        ];
        args.extend_from_slice(room);
        let run = run_env(&args, Some("env-secret"));
        assert!(run.stderr.starts_with("warning: "), "{}", run.stderr);
        run.ok().trim_end().to_owned()
    };
    let verify = |key: &str, now: &str| {
        run_env(
            &[
                "privatemapkey",
                "verify",
                "--sdkappid",
                "1400000000",
                "--user-id",
                "bob",
                "--key",
                key,
                "--now",
                now,
            ],
            Some("env-secret"),
        )
    };
    let numeric = gen(&["--room-id", "4294967295"]);
    assert_eq!(
        verify(&numeric, "1700000060").ok(),
        "valid: account=bob sdkappid=1400000000 room_id=4294967295 expires_at=1700000060 \
         privileges=3 (CREATE_ROOM|ENTER_ROOM)\n"
    );
    verify(&numeric, "1700000061").fails_with("EXPIRED");

    let string = gen(&["--str-room-id", "会议室 \"A\""]);
    assert_eq!(
        verify(&string, "1700000000").ok(),
        "valid: account=bob sdkappid=1400000000 str_room_id=\"会议室 \\\"A\\\"\" expires_at=1700000060 \
         privileges=3 (CREATE_ROOM|ENTER_ROOM)\n"
    );
    let decoded = run(&["usersig", "decode", "--usersig", &string, "--now", "0"]);
    let json: Value = serde_json::from_str(decoded.ok()).unwrap();
    assert_eq!(json["privateMapKey"]["strRoomID"], "会议室 \"A\"");
    assert_eq!(json["privateMapKey"]["account"], "bob");
}

#[test]
fn secret_key_comes_from_the_environment_and_the_flag_wins() {
    let v = &vectors()[0];
    let base = [
        "usersig",
        "verify",
        "--sdkappid",
        "1400000000",
        "--user-id",
        "xiaojun",
        "--usersig",
        &v.sig,
        "--now",
        "1700000000",
    ];
    run_env(&base, Some(&v.key)).ok();
    let mut with_flag = base.to_vec();
    with_flag.extend(["--secret-key", "wrong"]);
    run_env(&with_flag, Some(&v.key)).fails_with("SIGNATURE_MISMATCH");
    run(&base).usage_error("missing --secret-key (or set TUICALLING_SECRET_KEY)");
    let help = run(&["--help"]);
    assert!(help.ok().contains("TUICALLING_SECRET_KEY"));
}

#[test]
fn malformed_usersigs_fail_with_typed_codes() {
    let v = &vectors()[0];
    let mut with_standard_plus = v.sig.replace('*', "+");
    assert_ne!(with_standard_plus, v.sig, "the vector contains '*'");
    let with_slash = format!("{}/{}", &v.sig[..8], &v.sig[8..]);
    let truncated = &v.sig[..v.sig.len() - 4];
    let cases: [(&str, &str); 7] = [
        (truncated, "BAD_ZLIB"),
        (&v.sig[..v.sig.len() - 1], "BAD_BASE64"),
        (&with_standard_plus, "BAD_BASE64"),
        (&with_slash, "BAD_BASE64"),
        ("", "EMPTY"),
        (
            "eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStD\n",
            "BAD_BASE64",
        ),
        ("AAAA", "BAD_ZLIB"),
    ];
    for (sig, code) in cases {
        run(&["usersig", "decode", "--usersig", sig]).fails_with(code);
        run(&[
            "usersig",
            "verify",
            "--sdkappid",
            "1400000000",
            "--secret-key",
            &v.key,
            "--user-id",
            "xiaojun",
            "--usersig",
            sig,
            "--now",
            "1700000000",
        ])
        .fails_with(code);
        run(&[
            "privatemapkey",
            "verify",
            "--sdkappid",
            "1400000000",
            "--secret-key",
            &v.key,
            "--user-id",
            "xiaojun",
            "--key",
            sig,
            "--now",
            "1700000000",
        ])
        .fails_with(code);
    }
    with_standard_plus.push_str(&"A".repeat(5000));
    run(&["usersig", "decode", "--usersig", &with_standard_plus]).fails_with("TOO_LONG");
}

#[test]
fn bad_command_lines_are_usage_errors() {
    let verify = |extra: &[&str]| {
        let mut args = vec![
            "usersig",
            "verify",
            "--secret-key",
            "k",
            "--user-id",
            "u",
            "--usersig",
            "s",
        ];
        args.extend_from_slice(extra);
        run(&args)
    };
    verify(&["--sdkappid", "abc"]).usage_error("--sdkappid must be a decimal number, got \"abc\"");
    verify(&["--sdkappid", "-5"]).usage_error("--sdkappid must be a decimal number");
    verify(&["--sdkappid", "4294967296"]).usage_error("--sdkappid is out of range");
    verify(&[]).usage_error("missing --sdkappid");
    verify(&["--sdkappid", "1", "--now", "soon"]).usage_error("--now must be a decimal number");
    verify(&["--sdkappid", "1", "--sdkappid", "1"])
        .usage_error("--sdkappid is given more than once");
    verify(&["--sdkappid"]).usage_error("--sdkappid needs a value");
    verify(&["--sdkappid", "1", "--bogus", "x"]).usage_error("unknown flag \"--bogus\"");
    verify(&["--sdkappid", "1", "extra"]).usage_error("unexpected argument \"extra\"");
    verify(&["--sdkappid", "1", "--room-id", "1"])
        .usage_error("--room-id is not accepted by `usersig verify`");
    run(&[
        "usersig",
        "verify",
        "--sdkappid",
        "1",
        "--secret-key",
        "k",
        "--usersig",
        "s",
    ])
    .usage_error("missing --user-id");
    run(&["usersig", "decode"]).usage_error("missing --usersig");
    run(&[
        "privatemapkey",
        "verify",
        "--sdkappid",
        "1",
        "--secret-key",
        "k",
        "--user-id",
        "u",
    ])
    .usage_error("missing --key");

    let pmk = |room: &[&str]| {
        let mut args = vec![
            "privatemapkey",
            "gen",
            "--sdkappid",
            "1",
            "--secret-key",
            "k",
            "--user-id",
            "u",
            "--expire",
            "60",
            "--privilege",
            "255",
        ];
        args.extend_from_slice(room);
        run(&args)
    };
    pmk(&["--room-id", "1", "--str-room-id", "r"])
        .usage_error("--room-id and --str-room-id cannot be used together");
    pmk(&[]).usage_error("missing --room-id or --str-room-id");
    pmk(&["--room-id", "r1"]).usage_error("--room-id must be a decimal number");

    run(&["users1g"]).usage_error("unknown command \"users1g\"");
    run(&["usersig"]).usage_error("`usersig` needs a subcommand");
    run(&["privatemapkey", "decode"])
        .usage_error("unknown subcommand \"decode\" for `privatemapkey`");
}

#[test]
fn arguments_the_signer_rejects_exit_2_with_invalid_argument() {
    let gen = |user: &str, expire: &str, sdk_app_id: &str| {
        run(&[
            "usersig",
            "gen",
            "--sdkappid",
            sdk_app_id,
            "--secret-key",
            "k",
            "--user-id",
            user,
            "--expire",
            expire,
            "--now",
            "1",
        ])
    };
    for (user, expire, sdk_app_id) in [
        ("u", "0", "1"),
        (&*"u".repeat(33), "1", "1"),
        ("", "1", "1"),
        ("u", "1", "0"),
    ] {
        let run = gen(user, expire, sdk_app_id);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.starts_with("error: INVALID_ARGUMENT: "),
            "{}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
    }
    let privilege = run(&[
        "privatemapkey",
        "gen",
        "--sdkappid",
        "1",
        "--secret-key",
        "k",
        "--user-id",
        "u",
        "--expire",
        "60",
        "--room-id",
        "1",
        "--privilege",
        "256",
    ]);
    assert_eq!(privilege.code, 2);
    assert!(privilege
        .stderr
        .starts_with("error: INVALID_ARGUMENT: invalid argument: privilege map"));
}

#[test]
fn help_and_bare_invocation_print_usage() {
    for args in [&["--help"][..], &["-h"]] {
        let help = run(args);
        assert!(help.ok().starts_with("tuicalling-cli: "), "{args:?}");
        assert!(help.stdout.contains("privatemapkey verify"));
        assert!(help.stderr.is_empty());
    }
    // clap's help of one subcommand: its own usage line and flags, wherever --help stands.
    for args in [
        &["usersig", "gen", "--help"][..],
        &["usersig", "gen", "--sdkappid", "1", "-h"],
    ] {
        let help = run(args);
        assert!(
            help.ok()
                .contains("Usage: tuicalling-cli usersig gen [OPTIONS] --sdkappid <N>"),
            "{}",
            help.stdout
        );
        assert!(help.stdout.contains("--expire <SECONDS>"));
        assert!(help.stdout.contains("TUICALLING_SECRET_KEY"));
    }
    let bare = run(&[]);
    assert_eq!(bare.code, 2);
    assert_eq!(bare.stdout, run(&["--help"]).stdout);
}

#[cfg(unix)]
#[test]
fn non_utf8_arguments_do_not_panic() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt as _;

    let output = Command::new(env!("CARGO_BIN_EXE_tuicalling-cli"))
        .args([
            OsStr::new("usersig"),
            OsStr::new("decode"),
            OsStr::new("--usersig"),
            OsStr::from_bytes(b"\xff\xfe"),
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr)
        .starts_with("usage error: arguments must be valid UTF-8"));
}

/// Golden V1 wire strings, as the original mini-program client sends them.
const V1_INVITE: &str = r#"{"businessID":1,"inviteID":"9f1c-1","inviter":"alice","actionType":1,"inviteeList":["bob"],"data":"{\"extraInfo\":\"\",\"version\":4,\"call_type\":2,\"room_id\":271828182,\"businessID\":\"av_call\",\"platform\":\"MiniApp\",\"data\":{\"cmd\":\"videoCall\",\"room_id\":271828182,\"message\":\"\"}}","timeout":30,"groupID":""}"#;
const V1_BUSY: &str = r#"{"businessID":1,"inviteID":"9f1c-1","inviter":"alice","actionType":4,"inviteeList":["bob"],"data":"{\"extraInfo\":\"\",\"version\":4,\"line_busy\":\"line_busy\",\"businessID\":\"av_call\",\"platform\":\"MiniApp\",\"data\":{\"message\":\"lineBusy\"}}","timeout":0,"groupID":""}"#;
const V1_HANGUP_DATA: &str = r#"{"extraInfo":"","version":4,"call_type":2,"call_end":37,"businessID":"av_call","platform":"MiniApp","data":{"cmd":"hangup","message":""}}"#;
/// A 2025 C++ engine invite on the v2 path (signaling-versions.md §1): `call_end: 0`.
const ENGINE_2025_DATA: &str = r#"{"businessID":"av_call","call_end":0,"call_type":2,"data":{"cmd":"videoCall","excludeFromHistoryMessage":true,"inviter":"alice","message":"","room_id":361771620,"str_room_id":"","userIDs":["bob"]},"platform":"Linux","room_id":361771620,"userData":"","version":4}"#;

/// A TSignaling envelope from alice to `invitees` with `data` as its (string) call data.
fn envelope(action: u8, invitees: &[String], data: &str, timeout: u32) -> String {
    format!(
        r#"{{"businessID":1,"inviteID":"9f1c-1","inviter":"alice","actionType":{action},"inviteeList":{},"data":{},"timeout":{timeout},"groupID":""}}"#,
        serde_json::to_string(invitees).unwrap(),
        serde_json::to_string(data).unwrap()
    )
}

fn bob() -> Vec<String> {
    vec!["bob".to_owned()]
}

/// `signal decode` of `payload` (as `echo` would send it), parsed.
fn decode(payload: &str) -> (String, Value) {
    let run = run_stdin(&["signal", "decode"], format!("{payload}\n"));
    let line = run.ok().to_owned();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert!(
        line.ends_with('\n') && line.lines().count() == 1,
        "{line:?}"
    );
    let value = serde_json::from_str(&line).expect("decode prints JSON");
    (line, value)
}

/// `signal encode` of a normalized line: the wire string, without its newline.
fn encode(normalized: &str) -> String {
    let run = run_stdin(&["signal", "encode"], normalized);
    let out = run.ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let wire = out.strip_suffix('\n').expect("ends with a newline");
    assert!(!wire.contains('\n') && !wire.ends_with(' '), "{out:?}");
    wire.to_owned()
}

#[test]
fn golden_v1_signals_round_trip_byte_identical() {
    let hangup = envelope(1, &bob(), V1_HANGUP_DATA, 0);
    let invite_data: Value = serde_json::from_str(V1_INVITE).unwrap();
    let invite_data = invite_data["data"].as_str().unwrap();
    assert_eq!(envelope(1, &bob(), invite_data, 30), V1_INVITE);
    for payload in [V1_INVITE, V1_BUSY, hangup.as_str()] {
        let (line, _) = decode(payload);
        assert_eq!(encode(&line), payload);
    }
}

#[test]
fn golden_v1_signals_decode_to_their_meaning() {
    let (_, invite) = decode(V1_INVITE);
    assert_eq!(invite["action"], "invite");
    assert_eq!(invite["kind"], "call");
    assert_eq!(invite["inviteID"], "9f1c-1");
    assert_eq!(invite["inviter"], "alice");
    assert_eq!(invite["invitees"], serde_json::json!(["bob"]));
    assert_eq!(invite["groupID"], "");
    assert_eq!(invite["timeout"], 30);
    assert_eq!(invite["callType"], 2);
    assert_eq!(invite["roomID"], 271_828_182);
    assert_eq!(invite["callEnd"], Value::Null);
    assert_eq!(invite["busy"], false);
    assert_eq!(invite["switchTo"], Value::Null);
    assert_eq!(invite["cmd"], "videoCall");
    assert_eq!(invite["userIDs"], Value::Null);
    assert_eq!(invite["platform"], "MiniApp");
    assert_eq!(invite["version"], 4);

    let (_, busy) = decode(V1_BUSY);
    assert_eq!(busy["action"], "reject");
    assert!(busy.get("kind").is_none(), "{busy}");
    assert_eq!(busy["busy"], true);
    assert_eq!(busy["callType"], Value::Null);
    assert_eq!(busy["cmd"], Value::Null);
    assert_eq!(busy["roomID"], Value::Null);
    assert_eq!(busy["timeout"], 0);
    assert_eq!(busy["invitees"], serde_json::json!(["bob"]));

    let (_, hangup) = decode(&envelope(1, &bob(), V1_HANGUP_DATA, 0));
    assert_eq!(hangup["action"], "invite");
    assert_eq!(hangup["kind"], "hangup");
    assert_eq!(hangup["callEnd"], 37);
    assert_eq!(hangup["cmd"], "hangup");
    assert_eq!(hangup["callType"], 2);
    assert_eq!(hangup["roomID"], Value::Null);
    assert_eq!(hangup["busy"], false);
    assert_eq!(hangup["timeout"], 0);
}

#[test]
fn engine_2025_invite_is_a_call_and_keeps_its_meaning() {
    let payload = envelope(1, &bob(), ENGINE_2025_DATA, 30);
    let (line, invite) = decode(&payload);
    assert_eq!(invite["action"], "invite");
    assert_eq!(
        invite["kind"], "call",
        "call_end 0 with a call cmd is no hang-up"
    );
    assert_eq!(invite["callEnd"], 0);
    assert_eq!(invite["cmd"], "videoCall");
    assert_eq!(invite["callType"], 2);
    assert_eq!(invite["roomID"], 361_771_620);
    assert_eq!(invite["userIDs"], serde_json::json!(["bob"]));
    assert_eq!(invite["dataInviter"], "alice");
    assert_eq!(invite["excludeFromHistoryMessage"], true);
    assert_eq!(invite["platform"], "Linux");
    assert_eq!(invite["timeout"], 30);

    let reencoded = encode(&line);
    let (again, _) = decode(&reencoded);
    assert_eq!(again, line);
}

#[test]
fn bad_signals_fail_with_typed_codes() {
    let not_json = run_stdin(&["signal", "decode"], "hello\n");
    not_json.fails_with("NOT_JSON");
    assert!(not_json.stderr.ends_with(" (not a signal for us)\n"));
    run_stdin(&["signal", "decode"], "").fails_with("NOT_JSON");

    let other_business = run_stdin(&["signal", "decode"], r#"{"businessID":2}"#);
    other_business.fails_with("NOT_SIGNALING");
    assert!(other_business.stderr.contains("(not a signal for us)"));

    // Leading whitespace is kept (only trailing whitespace is trimmed) and counts.
    let padded = format!("{}{V1_INVITE}", " ".repeat(16 * 1024));
    let too_large = run_stdin(&["signal", "decode"], padded);
    too_large.fails_with("TOO_LARGE");
    assert!(!too_large.stderr.contains("not a signal for us"));

    let crowd: Vec<String> = (0..65).map(|n| format!("u{n}")).collect();
    let too_many = envelope(1, &crowd, ENGINE_2025_DATA, 30);
    run_stdin(&["signal", "decode"], too_many).fails_with("TOO_MANY_USERS");
    let (line, _) = decode(&envelope(1, &crowd[..64], ENGINE_2025_DATA, 30));
    assert!(line.contains("\"u63\"]"));

    let (line, _) = decode(V1_INVITE);
    let unknown = line.replacen('{', r#"{"extra":1,"#, 1);
    run_stdin(&["signal", "encode"], unknown).usage_error("unknown field `extra`");
    run_stdin(&["signal", "encode"], "not json").usage_error("not a normalized signal");
    run_stdin(&["signal", "encode"], r#"{"action":"invite"}"#)
        .usage_error("missing field `inviteID`");
    let audio_or_video = line.replace(r#""callType":2"#, r#""callType":3"#);
    assert_ne!(audio_or_video, line);
    let invalid = run_stdin(&["signal", "encode"], audio_or_video);
    invalid.fails_with("INVALID_FIELD");
    assert!(invalid.stderr.contains("callType"), "{}", invalid.stderr);
}

#[test]
fn unusable_stdin_is_a_usage_error() {
    let huge = vec![b' '; 1024 * 1024 + 1];
    run_stdin(&["signal", "decode"], huge).usage_error("stdin is larger than 1048576 bytes");
    run_stdin(&["signal", "encode"], &b"\xff\n"[..]).usage_error("stdin is not valid UTF-8");
    run(&["signal"]).usage_error("`signal` needs a subcommand");
    run(&["signal", "decode", "--usersig", "x"])
        .usage_error("--usersig is not accepted by `signal decode`");
    let help = run_stdin(&["signal", "encode", "--help"], "ignored");
    assert!(help.ok().contains("Usage: tuicalling-cli signal encode"));
    assert!(help.stdout.contains("as `signal decode` prints it"));
}
