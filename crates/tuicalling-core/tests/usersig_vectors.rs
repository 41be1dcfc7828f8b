//! UserSigs made by Tencent's own tls-sig-api-v2 at fixed times (tests/vectors/usersig.json):
//! we decode and verify theirs, and produce the same fields and `TLS.sig` ourselves.
#![cfg(feature = "sign")]

use serde_json::Value;
use tuicalling_core::usersig::{self, privilege, RoomId, Signer, UserSigError};

fn vectors() -> Vec<Value> {
    let text = include_str!("../../../tests/vectors/usersig.json");
    serde_json::from_str(text).expect("vector file is JSON")
}

fn num(vector: &Value, key: &str) -> u64 {
    vector[key].as_u64().unwrap()
}

fn text<'a>(vector: &'a Value, key: &str) -> &'a str {
    vector[key].as_str().unwrap()
}

fn signer(vector: &Value) -> Signer {
    Signer::new(num(vector, "sdkappid") as u32, text(vector, "key")).unwrap()
}

/// What we generate for the vector's inputs.
fn ours(vector: &Value) -> String {
    let (user, expire, now) = (
        text(vector, "userid"),
        num(vector, "expire"),
        num(vector, "now"),
    );
    let signer = signer(vector);
    match text(vector, "kind") {
        "user" => signer.gen_user_sig(user, expire, now),
        "pmk" => signer.gen_private_map_key(
            user,
            expire,
            now,
            RoomId::Numeric(num(vector, "roomid") as u32),
            num(vector, "privilege") as u32,
        ),
        "pmkstr" => signer.gen_private_map_key(
            user,
            expire,
            now,
            RoomId::Str(text(vector, "roomstr").into()),
            num(vector, "privilege") as u32,
        ),
        other => panic!("unknown vector kind {other}"),
    }
    .unwrap()
}

fn decoded_json(user_sig: &str) -> Value {
    let claims = usersig::decode(user_sig).unwrap();
    let mut doc = serde_json::json!({
        "TLS.ver": "2.0",
        "TLS.identifier": claims.identifier,
        "TLS.sdkappid": claims.sdk_app_id,
        "TLS.time": claims.issued_at,
        "TLS.expire": claims.expire_secs,
        "TLS.sig": base64_of(&claims.signature),
    });
    if let Some(userbuf) = claims.userbuf_base64() {
        doc["TLS.userbuf"] = userbuf.into();
    }
    doc
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn tencent_usersigs_decode_to_the_published_fields() {
    for vector in vectors() {
        assert_eq!(decoded_json(text(&vector, "usersig")), vector["decoded"]);
    }
}

#[test]
fn our_usersigs_carry_the_same_fields_and_signature() {
    for vector in vectors() {
        assert_eq!(
            decoded_json(&ours(&vector)),
            vector["decoded"],
            "{}",
            vector["kind"]
        );
    }
}

#[test]
fn tencent_usersigs_verify_until_they_expire() {
    for vector in vectors() {
        let (user, now) = (text(&vector, "userid"), num(&vector, "now"));
        let sig = text(&vector, "usersig");
        let expires_at = now + num(&vector, "expire");
        let signer = signer(&vector);
        if text(&vector, "kind") == "user" {
            assert!(signer.verify(sig, user, now, None).is_ok());
            assert!(signer.verify(sig, user, expires_at, None).is_ok());
            assert_eq!(
                signer.verify(sig, user, expires_at + 1, None),
                Err(UserSigError::Expired {
                    expired_at: expires_at,
                    now: expires_at + 1
                })
            );
        } else {
            let grant = signer.verify_private_map_key(sig, user, now).unwrap();
            assert_eq!(grant.expires_at as u64, expires_at);
            assert!(grant.privileges & privilege::ENTER_ROOM != 0);
            // Verifying a PrivateMapKey as a plain UserSig fails on the userbuf.
            assert_eq!(
                signer.verify(sig, user, now, None),
                Err(UserSigError::UserbufMismatch)
            );
            assert!(signer
                .verify_private_map_key(sig, user, expires_at + 1)
                .is_err());
        }
    }
}

#[test]
fn verification_names_each_mismatch() {
    let vector = &vectors()[0];
    let (user, now, sig) = (
        text(vector, "userid"),
        num(vector, "now"),
        text(vector, "usersig"),
    );
    let right = signer(vector);
    let other_key = Signer::new(1_400_000_000, "another-secret-key").unwrap();
    let other_app = Signer::new(1_400_000_001, text(vector, "key")).unwrap();
    assert_eq!(
        other_key.verify(sig, user, now, None),
        Err(UserSigError::SignatureMismatch)
    );
    assert_eq!(
        other_app.verify(sig, user, now, None),
        Err(UserSigError::SdkAppIdMismatch {
            expected: 1_400_000_001,
            found: 1_400_000_000
        })
    );
    assert_eq!(
        right.verify(sig, "someone", now, None),
        Err(UserSigError::IdentifierMismatch)
    );
    assert_eq!(
        right.verify(sig, user, now, Some(b"abc")),
        Err(UserSigError::UserbufMismatch)
    );
}

#[test]
fn pypi_userbuf_signature_is_reproduced() {
    // PyPI tls-sig-api-v2 gen_sig_with_userbuf(..., b"abc") at now = 1700000000 (platform.md §E.4).
    let vector = &vectors()[0];
    let sig = signer(vector)
        .gen_user_sig_with_userbuf("xiaojun", 15_552_000, 1_700_000_000, b"abc")
        .unwrap();
    let claims = usersig::decode(&sig).unwrap();
    assert_eq!(claims.userbuf_base64().as_deref(), Some("YWJj"));
    assert_eq!(
        base64_of(&claims.signature),
        "QjT201xPkXk/aM1e+y0vakZb0K2iPrFue++0s5y6bFM="
    );
}
