//! UserSig functions: `inspectUserSig` always; signing and verification only with the
//! `debug-usersig` feature.

use tuicalling_core::json::write::Object;
use tuicalling_core::usersig::{self, PrivateMapKeyGrant, RoomId, UserSigClaims};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::error::usersig_error;
use crate::numbers::to_u64;
use crate::signal::parse;

/// The room of a PrivateMapKey grant, as JS sees it: `{account, sdkAppID, roomID |
/// strRoomID, expiresAt, privileges}`.
fn write_grant(grant: &PrivateMapKeyGrant, out: &mut String) {
    let mut object = Object::new(out);
    object
        .str("account", &grant.account)
        .uint("sdkAppID", u64::from(grant.sdk_app_id));
    match &grant.room {
        RoomId::Numeric(id) => object.uint("roomID", u64::from(*id)),
        RoomId::Str(room) => object.str("strRoomID", room),
    };
    object
        .uint("expiresAt", u64::from(grant.expires_at))
        .uint("privileges", u64::from(grant.privileges));
    object.end();
}

/// A decoded UserSig as a plain object `{identifier, sdkAppID, issuedAt, expire, expiresAt,
/// expired, userbuf, privateMapKey}`. Times are unix seconds (a saturated expiry above 2^53
/// becomes the nearest JS number).
fn to_info(claims: UserSigClaims, now: u64) -> Result<JsValue, JsValue> {
    let grant = claims
        .private_map_key()
        .transpose()
        .map_err(usersig_error)?;
    let mut text = String::new();
    let mut info = Object::new(&mut text);
    info.str("identifier", &claims.identifier)
        .uint("sdkAppID", u64::from(claims.sdk_app_id))
        .uint("issuedAt", claims.issued_at)
        .uint("expire", claims.expire_secs)
        .uint("expiresAt", claims.expires_at())
        .bool("expired", claims.is_expired_at(now))
        .opt_str("userbuf", claims.userbuf_base64().as_deref());
    match &grant {
        Some(grant) => write_grant(grant, info.key("privateMapKey")),
        None => {
            info.null("privateMapKey");
        }
    }
    info.end();
    parse(&text)
}

/// Decodes a UserSig or PrivateMapKey without any key and reports its fields and whether it
/// is expired at `now` (unix seconds). The signature is *not* checked.
///
/// Throws `Error{name:"UserSigError", code, message}` on malformed input.
#[wasm_bindgen(js_name = inspectUserSig)]
pub fn inspect_user_sig(user_sig: &str, now: f64) -> Result<JsValue, JsValue> {
    let now = to_u64(now, "now must be unix seconds").map_err(usersig_error)?;
    let claims = usersig::decode(user_sig).map_err(usersig_error)?;
    to_info(claims, now)
}

#[cfg(feature = "debug-usersig")]
mod signing {
    use super::*;
    use crate::numbers::to_u32;
    use tuicalling_core::usersig::{Signer, UserSigError};

    fn signer(sdk_app_id: f64, secret_key: &str) -> Result<Signer, UserSigError> {
        Signer::new(
            to_u32(sdk_app_id, "sdkAppID must be a 32-bit integer")?,
            secret_key,
        )
    }

    fn room_id(room: &JsValue) -> Result<RoomId, UserSigError> {
        if let Some(text) = room.as_string() {
            return Ok(RoomId::Str(text));
        }
        let number = room.as_f64().ok_or(UserSigError::InvalidArgument(
            "roomID must be a number or a string",
        ))?;
        Ok(RoomId::Numeric(to_u32(
            number,
            "roomID must be a 32-bit integer",
        )?))
    }

    /// DEBUG ONLY: generates a UserSig with the SecretKey. Never ship a SecretKey in an app.
    #[wasm_bindgen(js_name = genUserSig)]
    pub fn gen_user_sig(
        sdk_app_id: f64,
        secret_key: &str,
        user_id: &str,
        expire: f64,
        now: f64,
    ) -> Result<String, JsValue> {
        let sign = || {
            signer(sdk_app_id, secret_key)?.gen_user_sig(
                user_id,
                to_u64(expire, "expire must be whole seconds")?,
                to_u64(now, "now must be unix seconds")?,
            )
        };
        sign().map_err(usersig_error)
    }

    /// DEBUG ONLY: generates a PrivateMapKey for a numeric or string `roomID`.
    #[wasm_bindgen(js_name = genPrivateMapKey)]
    pub fn gen_private_map_key(
        sdk_app_id: f64,
        secret_key: &str,
        user_id: &str,
        expire: f64,
        now: f64,
        room: JsValue,
        privileges: f64,
    ) -> Result<String, JsValue> {
        let sign = || {
            signer(sdk_app_id, secret_key)?.gen_private_map_key(
                user_id,
                to_u64(expire, "expire must be whole seconds")?,
                to_u64(now, "now must be unix seconds")?,
                room_id(&room)?,
                to_u32(privileges, "privilege map must be a 32-bit integer")?,
            )
        };
        sign().map_err(usersig_error)
    }

    /// DEBUG ONLY: verifies a UserSig (without userbuf) and returns its fields.
    #[wasm_bindgen(js_name = verifyUserSig)]
    pub fn verify_user_sig(
        sdk_app_id: f64,
        secret_key: &str,
        user_id: &str,
        user_sig: &str,
        now: f64,
    ) -> Result<JsValue, JsValue> {
        let now = to_u64(now, "now must be unix seconds").map_err(usersig_error)?;
        let claims = signer(sdk_app_id, secret_key)
            .and_then(|signer| signer.verify(user_sig, user_id, now, None))
            .map_err(usersig_error)?;
        to_info(claims, now)
    }
}

#[cfg(feature = "debug-usersig")]
pub use signing::{gen_private_map_key, gen_user_sig, verify_user_sig};
