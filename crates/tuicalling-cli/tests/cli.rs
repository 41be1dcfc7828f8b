//! End-to-end tests of the `tuicalling-cli` binary: Tencent's vectors, gen/verify/decode round
//! trips and hostile input. Every spawn asserts that the process did not panic (status 101).

use std::process::Command;

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
    let output = command.output().expect("spawn tuicalling-cli");
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
    for args in [&["--help"][..], &["-h"], &["usersig", "gen", "--help"]] {
        let help = run(args);
        assert!(help.ok().starts_with("tuicalling-cli: "), "{args:?}");
        assert!(help.stdout.contains("privatemapkey verify"));
        assert!(help.stderr.is_empty());
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
