//! The committed regression corpus: every `tests/corpus/*.json` input decodes to exactly the
//! outcome written next to it in `tests/corpus/expected.txt`, and whatever decodes re-encodes
//! stably. The inputs are tricky cases seen in the wild, bounds, and anything the fuzzer
//! (`fuzz/`) has found.
//!
//! `expected.txt` has one line per file:
//! - `name.json: ok <action>/<invite kind or -> [busy] [consumed] [excluded]`, where a flag not
//!   listed must be false;
//! - `name.json: err <SignalError::code()>`.
//!
//! An `ok` line may end with `reencode=<CODE>`: the signal decodes, but its re-encoding would
//! grow past what decode accepts, so `encode` refuses it with that code. `fuzz/seed.py`
//! leaves such files out of the fuzz seeds.

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use tuicalling_core::protocol::{
    decode, decode_element, encode, InviteKind, Signal, SignalError, CUSTOM_ELEMENT,
    MAX_PAYLOAD_BYTES,
};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn kind_name(signal: &Signal) -> &'static str {
    match signal.invite_kind() {
        Some(InviteKind::Call { .. }) => "call",
        Some(InviteKind::Hangup { .. }) => "hangup",
        Some(InviteKind::Switch { .. }) => "switch",
        None => "-",
    }
}

/// The outcome line for a decode result, in `expected.txt`'s format.
fn describe(result: &Result<Signal, SignalError>) -> String {
    match result {
        Ok(signal) => {
            let mut line = format!("ok {}/{}", signal.action.name(), kind_name(signal));
            for (flag, set) in [
                ("busy", signal.busy),
                ("consumed", signal.consumed),
                ("excluded", signal.exclude_from_history),
            ] {
                if set {
                    line.push(' ');
                    line.push_str(flag);
                }
            }
            line
        }
        Err(error) => format!("err {}", error.code()),
    }
}

fn expectations() -> BTreeMap<String, String> {
    let text = fs::read_to_string(corpus_dir().join("expected.txt")).expect("expected.txt");
    let mut map = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, outcome) = line
            .split_once(": ")
            .unwrap_or_else(|| panic!("bad expected.txt line: {line}"));
        let outcome = outcome.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            map.insert(name.to_owned(), outcome).is_none(),
            "{name} is listed twice in expected.txt"
        );
    }
    map
}

fn inputs() -> BTreeMap<String, String> {
    fs::read_dir(corpus_dir())
        .expect("tests/corpus")
        .map(|entry| entry.expect("dir entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = fs::read(&path).expect("corpus file");
            let text = String::from_utf8(bytes).unwrap_or_else(|_| {
                panic!("{name}: corpus files are UTF-8 (TIM data is a string)")
            });
            (name, text)
        })
        .collect()
}

/// Whatever decodes must decode again, to the same signal, after re-encoding.
fn assert_reencodes(name: &str, signal: &Signal) {
    let wire = encode(signal).unwrap_or_else(|e| panic!("{name}: re-encoding failed: {e}"));
    assert_eq!(decode(&wire).as_ref(), Ok(signal), "{name}: re-encoded");
    assert_eq!(
        encode(&decode(&wire).unwrap()),
        Ok(wire),
        "{name}: byte-stable"
    );
}

#[test]
fn every_corpus_file_decodes_to_its_expected_outcome() {
    let expected = expectations();
    let inputs = inputs();
    assert!(inputs.len() >= 20, "corpus went missing: {}", inputs.len());
    let listed = expected.keys().collect::<Vec<_>>();
    let present = inputs.keys().collect::<Vec<_>>();
    assert_eq!(
        listed, present,
        "expected.txt and tests/corpus/*.json disagree"
    );

    let mut failures = Vec::new();
    for (name, text) in &inputs {
        let result = decode(text);
        assert_eq!(decode_element(CUSTOM_ELEMENT, text), result, "{name}");
        let (outcome, refused_reencode) = match expected[name].split_once(" reencode=") {
            Some((outcome, code)) => (outcome, Some(code)),
            None => (expected[name].as_str(), None),
        };
        let got = describe(&result);
        if got != outcome {
            failures.push(format!("{name}: expected `{outcome}`, got `{got}`"));
        }
        match (&result, refused_reencode) {
            (Ok(signal), None) => assert_reencodes(name, signal),
            (Ok(signal), Some(code)) => assert_eq!(
                encode(signal).map_err(|e| e.code()),
                Err(code),
                "{name}: encode must refuse what decode would reject"
            ),
            (Err(_), _) => {}
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// A valid invite padded with an extra key to exactly `len` bytes.
fn padded_invite(len: usize) -> String {
    let base = inputs()
        .remove("data_object.json")
        .expect("data_object.json");
    let head = base.strip_suffix('}').expect("an object");
    let frame = format!(r#"{head},"pad":""}}"#);
    assert!(frame.len() <= len);
    format!(r#"{head},"pad":"{}"}}"#, "x".repeat(len - frame.len()))
}

#[test]
fn payload_of_exactly_16_kib_decodes_and_one_byte_more_is_too_large() {
    let at_limit = padded_invite(MAX_PAYLOAD_BYTES);
    assert_eq!(at_limit.len(), MAX_PAYLOAD_BYTES);
    let signal = decode(&at_limit).expect("16 KiB is within bounds");
    assert_eq!(describe(&Ok(signal.clone())), "ok invite/call");
    assert_reencodes("16 KiB", &signal);

    let over = padded_invite(MAX_PAYLOAD_BYTES + 1);
    assert_eq!(over.len(), MAX_PAYLOAD_BYTES + 1);
    assert_eq!(
        decode(&over),
        Err(SignalError::TooLarge {
            max: MAX_PAYLOAD_BYTES
        })
    );
}

#[test]
fn sizes_are_bytes_not_chars() {
    // 16 KiB + 1 byte even though it is far fewer characters.
    let base = padded_invite(MAX_PAYLOAD_BYTES);
    let multi_byte = base.replacen(&"x".repeat(3), "张", 1);
    assert_eq!(multi_byte.len(), MAX_PAYLOAD_BYTES);
    assert!(decode(&multi_byte).is_ok());
    let over = base.replacen(&"x".repeat(2), "张", 1);
    assert_eq!(over.len(), MAX_PAYLOAD_BYTES + 1);
    assert_eq!(
        decode(&over).map_err(|e| e.code()),
        Err("TOO_LARGE"),
        "3-byte characters count as 3"
    );
}
