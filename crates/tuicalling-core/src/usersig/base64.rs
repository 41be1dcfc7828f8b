//! Strict base64 (RFC 4648 with padding), for the UserSig armor and its `TLS.*` fields.
//!
//! It accepts exactly what the `base64` crate's `STANDARD` engine accepts (canonical padding,
//! zero trailing bits), with the two last alphabet letters and the padding character as
//! parameters so that Tencent's `*-_` variant needs no rewritten copy of the input. The crate
//! itself cost about 4 KiB of the wasm module for these few hundred bytes.

/// The three characters that differ between base64 variants.
pub(super) struct Alphabet {
    /// The character for 62.
    pub(super) c62: u8,
    /// The character for 63.
    pub(super) c63: u8,
    /// The padding character.
    pub(super) pad: u8,
}

/// Standard base64: `+`, `/`, `=`.
pub(super) const STANDARD: Alphabet = Alphabet {
    c62: b'+',
    c63: b'/',
    pad: b'=',
};

/// Tencent's UserSig variant: `*`, `-`, `_`.
pub(super) const TENCENT: Alphabet = Alphabet {
    c62: b'*',
    c63: b'-',
    pad: b'_',
};

impl Alphabet {
    /// The 6-bit value of `byte`, if it is a letter of this alphabet.
    fn value(&self, byte: u8) -> Option<u32> {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            _ if byte == self.c62 => 62,
            _ if byte == self.c63 => 63,
            _ => return None,
        };
        Some(u32::from(value))
    }

    /// The letter for a 6-bit value.
    fn letter(&self, value: u32) -> u8 {
        match value {
            0..=25 => b'A' + value as u8,
            26..=51 => b'a' + (value - 26) as u8,
            52..=61 => b'0' + (value - 52) as u8,
            62 => self.c62,
            _ => self.c63,
        }
    }
}

/// Decodes `text`, or `None` if it is not canonical padded base64 in `alphabet`.
pub(super) fn decode(text: &[u8], alphabet: &Alphabet) -> Option<Vec<u8>> {
    if text.len() % 4 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let groups = text.len() / 4;
    for (index, group) in text.chunks_exact(4).enumerate() {
        let padding = group
            .iter()
            .rev()
            .take_while(|&&b| b == alphabet.pad)
            .count();
        if padding > 2 || (padding > 0 && index + 1 != groups) {
            return None;
        }
        let mut word = 0u32;
        for &byte in &group[..4 - padding] {
            word = word << 6 | alphabet.value(byte)?;
        }
        word <<= 6 * padding as u32;
        let bytes = [(word >> 16) as u8, (word >> 8) as u8, word as u8];
        let kept = 3 - padding;
        // Canonical: the bits the padding hides must be zero.
        if bytes[kept..].iter().any(|&b| b != 0) {
            return None;
        }
        out.extend_from_slice(&bytes[..kept]);
    }
    Some(out)
}

/// Encodes `bytes` as padded base64 in `alphabet`.
pub(super) fn encode(bytes: &[u8], alphabet: &Alphabet) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let word = chunk
            .iter()
            .enumerate()
            .fold(0u32, |word, (i, &b)| word | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            let letter = if i <= chunk.len() {
                alphabet.letter(word >> (18 - 6 * i) & 63)
            } else {
                alphabet.pad
            };
            out.push(char::from(letter));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::base64::engine::general_purpose::STANDARD as CRATE;
    use ::base64::Engine as _;
    use proptest::prelude::*;

    #[test]
    fn known_answers() {
        assert_eq!(encode(b"", &STANDARD), "");
        assert_eq!(encode(b"f", &STANDARD), "Zg==");
        assert_eq!(encode(b"fo", &STANDARD), "Zm8=");
        assert_eq!(encode(b"foo", &STANDARD), "Zm9v");
        assert_eq!(encode(&[0xfb, 0xff], &TENCENT), "*-8_");
        assert_eq!(decode(b"*-8_", &TENCENT), Some(vec![0xfb, 0xff]));
        for bad in [
            "Zg=", "Zg", "Zh==", "Zm9=", "Z===", "Zg==Zg==", "Zg=a", "Z g=",
        ] {
            assert_eq!(decode(bad.as_bytes(), &STANDARD), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn encodes_like_the_base64_crate(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
            let ours = encode(&bytes, &STANDARD);
            prop_assert_eq!(&ours, &CRATE.encode(&bytes));
            prop_assert_eq!(decode(ours.as_bytes(), &STANDARD), Some(bytes));
        }

        #[test]
        fn decodes_like_the_base64_crate(text in "[A-Za-z0-9+/=*]{0,24}") {
            prop_assert_eq!(decode(text.as_bytes(), &STANDARD), CRATE.decode(&text).ok());
        }

        #[test]
        fn decodes_near_valid_input_like_the_base64_crate(
            bytes in proptest::collection::vec(any::<u8>(), 0..20),
            at in any::<usize>(),
            letter in "[A-Za-z0-9+/=]",
        ) {
            let mut text = CRATE.encode(&bytes).into_bytes();
            if !text.is_empty() {
                let at = at % text.len();
                text[at] = letter.as_bytes()[0];
            }
            prop_assert_eq!(decode(&text, &STANDARD), CRATE.decode(&text).ok());
        }
    }
}
