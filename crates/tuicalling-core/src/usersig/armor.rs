//! The outer layers of a UserSig: zlib ([`super::zlib`]), then base64 with Tencent's
//! URL-safe substitutions (`+/=` → `*-_`).

use base64::alphabet::Alphabet;
use base64::engine::general_purpose::{GeneralPurpose, PAD};
use base64::Engine as _;

use super::zlib::{inflate, InflateError};
use super::{UserSigError, MAX_INFLATED_BYTES, MAX_USERSIG_CHARS};

/// Tencent's alphabet: `*` and `-` for 62 and 63. Its padding `_` is swapped for `=` around
/// the engine, which only pads with `=`.
const TENCENT_ALPHABET: Alphabet =
    match Alphabet::new("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-") {
        Ok(alphabet) => alphabet,
        Err(_) => panic!("the alphabet has 64 distinct ASCII letters"),
    };

/// Canonical padded base64 (the `STANDARD` engine's rules) over [`TENCENT_ALPHABET`].
const TENCENT: GeneralPurpose = GeneralPurpose::new(&TENCENT_ALPHABET, PAD);

/// Tencent base64 → bytes: strict (canonical padding, zero trailing bits), `None` otherwise.
fn decode_base64(user_sig: &str) -> Option<Vec<u8>> {
    if user_sig.contains('=') {
        return None;
    }
    TENCENT.decode(user_sig.replace('_', "=")).ok()
}

/// Removes the armor: Tencent base64 → bytes → inflated JSON bytes.
pub(super) fn unwrap(user_sig: &str) -> Result<Vec<u8>, UserSigError> {
    if user_sig.is_empty() {
        return Err(UserSigError::Empty);
    }
    if user_sig.len() > MAX_USERSIG_CHARS {
        return Err(UserSigError::TooLong {
            max: MAX_USERSIG_CHARS,
        });
    }
    let compressed = decode_base64(user_sig).ok_or(UserSigError::BadBase64)?;
    inflate(&compressed, MAX_INFLATED_BYTES).map_err(|error| match error {
        InflateError::Invalid => UserSigError::BadZlib,
        InflateError::TooLarge => UserSigError::InflatedTooLarge {
            max: MAX_INFLATED_BYTES,
        },
    })
}

/// Applies the armor: zlib (default level, like Tencent's Node library) → Tencent base64.
#[cfg(feature = "sign")]
pub(super) fn wrap(json: &[u8]) -> String {
    TENCENT.encode(super::zlib::deflate(json)).replace('=', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zlib(data: &[u8]) -> Vec<u8> {
        use flate2::{write::ZlibEncoder, Compression};
        use std::io::Write as _;
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    fn armor(bytes: &[u8]) -> String {
        use ::base64::{engine::general_purpose::STANDARD, Engine as _};
        STANDARD
            .encode(bytes)
            .replace('+', "*")
            .replace('/', "-")
            .replace('=', "_")
    }

    #[test]
    fn rejects_empty_and_overlong() {
        assert_eq!(unwrap(""), Err(UserSigError::Empty));
        let long = "A".repeat(MAX_USERSIG_CHARS + 1);
        assert_eq!(
            unwrap(&long),
            Err(UserSigError::TooLong {
                max: MAX_USERSIG_CHARS
            })
        );
    }

    #[test]
    fn tencent_base64_known_answers() {
        assert_eq!(decode_base64("*-8_"), Some(vec![0xfb, 0xff]));
        assert_eq!(decode_base64("Zm9v"), Some(b"foo".to_vec()));
        for bad in [
            "Zg_", "Zg", "Zh__", "Zm9_", "Z___", "Zg__Zg__", "Zg_a", "Z g_", "Zg==",
        ] {
            assert_eq!(decode_base64(bad), None, "{bad}");
        }
    }

    #[test]
    fn rejects_standard_alphabet_and_garbage() {
        for bad in ["eJyr+Vg", "eJyr/Vg", "eJyrVg==", "eJ yr", "é", "eJyr\n"] {
            assert_eq!(unwrap(bad), Err(UserSigError::BadBase64), "{bad:?}");
        }
        // Right alphabet, wrong length/padding.
        assert_eq!(unwrap("eJy"), Err(UserSigError::BadBase64));
    }

    #[test]
    fn inflates_valid_stream_and_rejects_broken_ones() {
        let payload = br#"{"a":1}"#;
        let stream = zlib(payload);
        assert_eq!(unwrap(&armor(&stream)).unwrap(), payload);

        let truncated = &stream[..stream.len() - 3];
        assert_eq!(unwrap(&armor(truncated)), Err(UserSigError::BadZlib));

        let mut bad_checksum = stream.clone();
        *bad_checksum.last_mut().unwrap() ^= 0xff;
        assert_eq!(unwrap(&armor(&bad_checksum)), Err(UserSigError::BadZlib));

        let mut trailing = stream.clone();
        trailing.extend_from_slice(b"xyz");
        assert_eq!(unwrap(&armor(&trailing)), Err(UserSigError::BadZlib));

        assert_eq!(
            unwrap(&armor(b"not zlib at all")),
            Err(UserSigError::BadZlib)
        );
    }

    #[test]
    fn zlib_bomb_is_capped() {
        let bomb = zlib(&vec![b' '; 10 * MAX_INFLATED_BYTES]);
        let armored = armor(&bomb);
        assert!(
            armored.len() <= MAX_USERSIG_CHARS,
            "bomb fits the length limit"
        );
        assert_eq!(
            unwrap(&armored),
            Err(UserSigError::InflatedTooLarge {
                max: MAX_INFLATED_BYTES
            })
        );
        let exactly_at_limit = zlib(&vec![b' '; MAX_INFLATED_BYTES]);
        assert_eq!(
            unwrap(&armor(&exactly_at_limit)).unwrap().len(),
            MAX_INFLATED_BYTES
        );
    }

    #[cfg(feature = "sign")]
    #[test]
    fn wrap_then_unwrap_roundtrips() {
        let json = br#"{"TLS.ver":"2.0"}"#;
        let armored = wrap(json);
        assert!(armored
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"*-_".contains(&b)));
        assert_eq!(unwrap(&armored).unwrap(), json);
    }
}
