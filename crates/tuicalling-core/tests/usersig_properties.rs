//! Property tests: generate→verify round-trips over random inputs, any tampering is caught,
//! and no input string or byte soup makes decoding panic.
#![cfg(feature = "sign")]

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use proptest::prelude::*;
use tuicalling_core::usersig::{self, RoomId, Signer, UserSigError, MAX_INFLATED_BYTES};

fn identifier() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_@.-]{1,32}"
}

fn secret_key() -> impl Strategy<Value = String> {
    "[ -~]{1,80}"
}

fn armor(bytes: &[u8]) -> String {
    STANDARD
        .encode(bytes)
        .replace('+', "*")
        .replace('/', "-")
        .replace('=', "_")
}

fn unarmor(sig: &str) -> Vec<u8> {
    STANDARD
        .decode(sig.replace('*', "+").replace('-', "/").replace('_', "="))
        .unwrap()
}

fn zlib(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn inflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read as _;
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generate_then_verify_roundtrips(
        sdk_app_id in 1u32..,
        key in secret_key(),
        user in identifier(),
        expire in 1u64..=10 * 365 * 86_400,
        now in 0u64..=4_000_000_000,
        userbuf in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..300)),
    ) {
        let signer = Signer::new(sdk_app_id, &key).unwrap();
        let sig = match &userbuf {
            Some(buf) => signer.gen_user_sig_with_userbuf(&user, expire, now, buf),
            None => signer.gen_user_sig(&user, expire, now),
        }.unwrap();
        let claims = signer.verify(&sig, &user, now + expire, userbuf.as_deref()).unwrap();
        prop_assert_eq!(&claims.identifier, &user);
        prop_assert_eq!(claims.sdk_app_id, sdk_app_id);
        prop_assert_eq!(claims.issued_at, now);
        prop_assert_eq!(claims.expire_secs, expire);
        prop_assert_eq!(&claims.userbuf, &userbuf);
        prop_assert_eq!(usersig::decode(&sig).unwrap(), claims);
        let late = signer.verify(&sig, &user, now + expire + 1, userbuf.as_deref());
        let expired = matches!(late, Err(UserSigError::Expired { .. }));
        prop_assert!(expired);
    }

    #[test]
    fn private_map_keys_roundtrip(
        key in secret_key(),
        user in identifier(),
        expire in 1u64..=86_400,
        now in 0u64..=4_000_000_000,
        numeric_room in 1u32..,
        str_room in "[A-Za-z0-9_]{1,64}",
        use_str in any::<bool>(),
        privileges in 1u32..=255,
    ) {
        let signer = Signer::new(1_400_000_000, &key).unwrap();
        let room = if use_str { RoomId::Str(str_room) } else { RoomId::Numeric(numeric_room) };
        let pmk = signer.gen_private_map_key(&user, expire, now, room.clone(), privileges).unwrap();
        let grant = signer.verify_private_map_key(&pmk, &user, now).unwrap();
        prop_assert_eq!(grant.room, room);
        prop_assert_eq!(grant.privileges, privileges);
        prop_assert_eq!(u64::from(grant.expires_at), now + expire);
    }

    /// Changing any field of the signed JSON (and re-armoring it correctly) breaks the
    /// signature or another check; it never verifies.
    #[test]
    fn tampered_fields_never_verify(
        key in secret_key(),
        user in identifier(),
        field in 0usize..5,
        delta in 1u64..1000,
    ) {
        let signer = Signer::new(1_400_000_000, &key).unwrap();
        let sig = signer.gen_user_sig(&user, 86_400, 1_700_000_000).unwrap();
        let mut doc: serde_json::Value = serde_json::from_slice(&inflate(&unarmor(&sig))).unwrap();
        match field {
            0 => doc["TLS.time"] = (1_700_000_000 + delta).into(),
            1 => doc["TLS.expire"] = (86_400 + delta).into(),
            2 => doc["TLS.identifier"] = format!("{user}x").into(),
            3 => doc["TLS.userbuf"] = STANDARD.encode(delta.to_be_bytes()).into(),
            _ => {
                let mut mac = STANDARD.decode(doc["TLS.sig"].as_str().unwrap()).unwrap();
                mac[(delta % 32) as usize] ^= 1;
                doc["TLS.sig"] = STANDARD.encode(mac).into();
            }
        }
        let forged = armor(&zlib(doc.to_string().as_bytes()));
        let now = 1_700_000_000 + delta;
        let other_user = format!("{user}x");
        prop_assert!(signer.verify(&forged, &user, now, None).is_err());
        prop_assert!(signer.verify(&forged, &other_user, now, None).is_err());
    }

    /// Replacing any character of the armored string is rejected, unless it only touched bits
    /// deflate ignores (padding after the final block), in which case the content is unchanged.
    #[test]
    fn corrupted_strings_never_verify(position in any::<prop::sample::Index>(), replacement in "[A-Za-z0-9*_-]") {
        let signer = Signer::new(1_400_000_000, "key").unwrap();
        let sig = signer.gen_user_sig("user1", 86_400, 1_700_000_000).unwrap();
        let index = position.index(sig.len());
        let mut corrupted = sig.clone().into_bytes();
        corrupted[index] = replacement.as_bytes()[0];
        let corrupted = String::from_utf8(corrupted).unwrap();
        prop_assume!(corrupted != sig);
        if let Ok(claims) = signer.verify(&corrupted, "user1", 1_700_000_000, None) {
            prop_assert_eq!(claims, usersig::decode(&sig).unwrap());
        }
    }

    #[test]
    fn decode_never_panics_on_strings(input in "\\PC{0,600}") {
        let _ = usersig::decode(&input);
    }

    #[test]
    fn decode_never_panics_on_armored_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = usersig::decode(&armor(&bytes));
        let _ = usersig::decode(&armor(&zlib(&bytes)));
    }
}

#[test]
fn decode_rejects_a_bomb_of_every_shape() {
    for filler in [b' ', b'{', b'0'] {
        let sig = armor(&zlib(&vec![filler; 4 * MAX_INFLATED_BYTES]));
        assert_eq!(
            usersig::decode(&sig),
            Err(UserSigError::InflatedTooLarge {
                max: MAX_INFLATED_BYTES
            })
        );
    }
}

#[test]
fn generation_rejects_bad_arguments() {
    assert!(matches!(
        Signer::new(0, "k"),
        Err(UserSigError::InvalidArgument(_))
    ));
    assert!(matches!(
        Signer::new(1, ""),
        Err(UserSigError::InvalidArgument(_))
    ));
    let signer = Signer::new(1, "k").unwrap();
    for user in ["", "a\nb", &"x".repeat(33)] {
        assert!(
            matches!(
                signer.gen_user_sig(user, 10, 0),
                Err(UserSigError::InvalidArgument(_))
            ),
            "{user:?}"
        );
    }
    assert!(matches!(
        signer.gen_user_sig("u", 0, 0),
        Err(UserSigError::InvalidArgument(_))
    ));
    assert!(matches!(
        signer.gen_user_sig_with_userbuf("u", 10, 0, &[0; 1025]),
        Err(UserSigError::InvalidArgument(_))
    ));
    assert!(matches!(
        signer.gen_private_map_key("u", 10, u64::from(u32::MAX), RoomId::Numeric(1), 255),
        Err(UserSigError::InvalidArgument(_))
    ));
    assert!(matches!(
        signer.gen_private_map_key("u", 10, 0, RoomId::Numeric(1), 0),
        Err(UserSigError::InvalidArgument(_))
    ));
    assert!(!format!("{:?}", Signer::new(1, "topsecret").unwrap()).contains("topsecret"));
}
