//! Fuzzes `protocol::decode`: any input must give `Ok` or a typed error without panicking,
//! and whatever decodes must re-encode to something that decodes to the same signal, with
//! byte-stable encoding from then on.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tuicalling_core::protocol::{
    decode, decode_element, encode, Action, NormalizedSignal, Signal, SignalError, CUSTOM_ELEMENT,
    TEXT_ELEMENT,
};

fuzz_target!(|data: &[u8]| {
    // Non-UTF-8 input is still exercised: TIM hands us strings, so map it like a lossy
    // transport would.
    let text = String::from_utf8_lossy(data);
    let decoded = decode(&text);
    assert_eq!(decode_element(CUSTOM_ELEMENT, &text), decoded);
    assert_eq!(
        decode_element(TEXT_ELEMENT, &text),
        Err(SignalError::TextElement)
    );
    match decoded {
        Ok(signal) => {
            assert_eq!(
                signal.action == Action::Invite,
                signal.invite_kind().is_some(),
                "an invite always has a meaning, other actions none"
            );
            match encode(&signal) {
                Ok(wire) => {
                    let again = decode(&wire);
                    assert_eq!(
                        again.as_ref(),
                        Ok(&signal),
                        "decode(encode(s)) != s for {wire}"
                    );
                    assert_eq!(encode(&signal), Ok(wire), "encoding is deterministic");
                }
                // Re-encoding may grow past the bound; encode refuses rather than emit it.
                Err(error) => assert_eq!(error.code(), "TOO_LARGE"),
            }
            let normalized = NormalizedSignal::from(&signal);
            assert_eq!(Signal::try_from(normalized), Ok(signal));
        }
        Err(error) => {
            // Every error has a stable code and a message.
            assert!(!error.code().is_empty());
            assert!(!error.to_string().is_empty());
        }
    }
});
