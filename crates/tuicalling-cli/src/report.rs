//! Text and JSON renderings of verified and decoded UserSigs.

use tuicalling_core::usersig::{
    privilege, PrivateMapKeyGrant, RoomId, UserSigClaims, UserSigError,
};

use crate::json::{quote, Object};

/// Printed on stderr after every successful `gen`.
pub const GEN_WARNING: &str =
    "warning: the SecretKey signs for every user of this SDKAppID; keep it on servers and \
developer machines only, never in an app, web page or mini-program\n";

/// Privilege bits with their names, lowest bit first.
const PRIVILEGE_NAMES: [(u32, &str); 8] = [
    (privilege::CREATE_ROOM, "CREATE_ROOM"),
    (privilege::ENTER_ROOM, "ENTER_ROOM"),
    (privilege::SEND_AUDIO, "SEND_AUDIO"),
    (privilege::RECV_AUDIO, "RECV_AUDIO"),
    (privilege::SEND_VIDEO, "SEND_VIDEO"),
    (privilege::RECV_VIDEO, "RECV_VIDEO"),
    (privilege::SEND_AUX, "SEND_AUX"),
    (privilege::RECV_AUX, "RECV_AUX"),
];

/// The names of the bits set in `privileges`, joined with `|` (unknown bits are ignored).
fn privilege_names(privileges: u32) -> String {
    PRIVILEGE_NAMES
        .iter()
        .filter(|(bit, _)| privileges & bit != 0)
        .map(|(_, name)| *name)
        .collect::<Vec<_>>()
        .join("|")
}

/// The line printed by a successful `usersig verify`.
pub fn verified_user_sig(claims: &UserSigClaims) -> String {
    format!(
        "valid: identifier={} sdkappid={} expires_at={}\n",
        claims.identifier,
        claims.sdk_app_id,
        claims.expires_at()
    )
}

/// The line printed by a successful `privatemapkey verify`. A string room id is quoted.
pub fn verified_grant(grant: &PrivateMapKeyGrant) -> String {
    let room = match &grant.room {
        RoomId::Numeric(id) => format!("room_id={id}"),
        RoomId::Str(room) => format!("str_room_id={}", quote(room)),
    };
    format!(
        "valid: account={} sdkappid={} {room} expires_at={} privileges={} ({})\n",
        grant.account,
        grant.sdk_app_id,
        grant.expires_at,
        grant.privileges,
        privilege_names(grant.privileges)
    )
}

/// A PrivateMapKey grant as a JSON object (`roomID` or `strRoomID`, like the wasm binding).
fn grant_json(grant: &PrivateMapKeyGrant) -> String {
    let object = Object::default()
        .string("account", &grant.account)
        .number("sdkAppID", grant.sdk_app_id.into());
    let object = match &grant.room {
        RoomId::Numeric(id) => object.number("roomID", (*id).into()),
        RoomId::Str(room) => object.string("strRoomID", room),
    };
    object
        .number("expiresAt", grant.expires_at.into())
        .number("privileges", grant.privileges.into())
        .finish()
}

/// The JSON line printed by `usersig decode`. A userbuf that is not a PrivateMapKey grant is
/// an error (`INVALID_FIELD`), as in the wasm binding's `inspectUserSig`.
pub fn decoded_json(claims: &UserSigClaims, now: u64) -> Result<String, UserSigError> {
    let grant = claims
        .private_map_key()
        .transpose()?
        .map(|grant| grant_json(&grant));
    let json = Object::default()
        .string("identifier", &claims.identifier)
        .number("sdkAppID", claims.sdk_app_id.into())
        .number("issuedAt", claims.issued_at)
        .number("expire", claims.expire_secs)
        .number("expiresAt", claims.expires_at())
        .boolean("expired", claims.is_expired_at(now))
        .string_or_null("userbuf", claims.userbuf_base64().as_deref())
        .raw_or_null("privateMapKey", grant.as_deref())
        .finish();
    Ok(json + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(userbuf: Option<Vec<u8>>) -> UserSigClaims {
        UserSigClaims {
            identifier: "u\"1".into(),
            sdk_app_id: 7,
            issued_at: 100,
            expire_secs: 20,
            userbuf,
            signature: vec![1, 2, 3],
        }
    }

    fn grant(room: RoomId) -> PrivateMapKeyGrant {
        PrivateMapKeyGrant {
            account: "u".into(),
            sdk_app_id: 7,
            room,
            expires_at: 120,
            privileges: 42,
        }
    }

    #[test]
    fn names_privilege_bits() {
        assert_eq!(privilege_names(42), "ENTER_ROOM|RECV_AUDIO|RECV_VIDEO");
        assert_eq!(privilege_names(privilege::ALL).split('|').count(), 8);
        assert_eq!(privilege_names(0), "");
    }

    #[test]
    fn verify_lines() {
        assert_eq!(
            verified_user_sig(&claims(None)),
            "valid: identifier=u\"1 sdkappid=7 expires_at=120\n"
        );
        assert_eq!(
            verified_grant(&grant(RoomId::Str("a b\n".into()))),
            "valid: account=u sdkappid=7 str_room_id=\"a b\\n\" expires_at=120 privileges=42 \
             (ENTER_ROOM|RECV_AUDIO|RECV_VIDEO)\n"
        );
        assert!(verified_grant(&grant(RoomId::Numeric(9))).contains(" room_id=9 "));
    }

    #[test]
    fn decoded_json_shapes() {
        assert_eq!(
            decoded_json(&claims(None), 120).unwrap(),
            "{\"identifier\":\"u\\\"1\",\"sdkAppID\":7,\"issuedAt\":100,\"expire\":20,\
             \"expiresAt\":120,\"expired\":false,\"userbuf\":null,\"privateMapKey\":null}\n"
        );
        assert!(decoded_json(&claims(None), 121)
            .unwrap()
            .contains("\"expired\":true"));

        let userbuf = grant(RoomId::Numeric(9)).to_userbuf();
        let json = decoded_json(&claims(Some(userbuf)), 0).unwrap();
        assert!(json.ends_with(
            ",\"privateMapKey\":{\"account\":\"u\",\"sdkAppID\":7,\"roomID\":9,\
             \"expiresAt\":120,\"privileges\":42}}\n"
        ));
        assert!(json.contains("\"userbuf\":\"AAABdQAAAAcAAAAJAAAAeAAAACoAAAAA\""));

        assert_eq!(
            decoded_json(&claims(Some(b"abc".to_vec())), 0),
            Err(UserSigError::InvalidField("TLS.userbuf"))
        );
    }
}
