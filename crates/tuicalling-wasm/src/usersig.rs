//! UserSig functions: `inspectUserSig` always; signing and verification only with the
//! `debug-usersig` feature.

use serde::Serialize;
use tuicalling_core::usersig::{self, PrivateMapKeyGrant, RoomId, UserSigClaims};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

use crate::error::usersig_error;
use crate::numbers::{to_f64, to_u64};
use crate::signal::to_plain;

/// The room of a PrivateMapKey grant, as JS sees it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct GrantInfo {
    account: String,
    #[serde(rename = "sdkAppID")]
    sdk_app_id: u32,
    #[serde(rename = "roomID", skip_serializing_if = "Option::is_none")]
    room_id: Option<u32>,
    #[serde(rename = "strRoomID", skip_serializing_if = "Option::is_none")]
    str_room_id: Option<String>,
    expires_at: u32,
    privileges: u32,
}

impl From<PrivateMapKeyGrant> for GrantInfo {
    fn from(grant: PrivateMapKeyGrant) -> Self {
        let (room_id, str_room_id) = match grant.room {
            RoomId::Numeric(id) => (Some(id), None),
            RoomId::Str(room) => (None, Some(room)),
        };
        Self {
            account: grant.account,
            sdk_app_id: grant.sdk_app_id,
            room_id,
            str_room_id,
            expires_at: grant.expires_at,
            privileges: grant.privileges,
        }
    }
}

/// A decoded UserSig as a plain object. Times are unix seconds.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UserSigInfo {
    identifier: String,
    #[serde(rename = "sdkAppID")]
    sdk_app_id: u32,
    issued_at: f64,
    expire: f64,
    expires_at: f64,
    expired: bool,
    userbuf: Option<String>,
    private_map_key: Option<GrantInfo>,
}

fn to_info(claims: UserSigClaims, now: u64) -> Result<JsValue, JsValue> {
    let private_map_key = match claims.private_map_key() {
        Some(grant) => Some(GrantInfo::from(grant.map_err(usersig_error)?)),
        None => None,
    };
    let info = UserSigInfo {
        sdk_app_id: claims.sdk_app_id,
        issued_at: to_f64(claims.issued_at),
        expire: to_f64(claims.expire_secs),
        expires_at: to_f64(claims.expires_at()),
        expired: claims.is_expired_at(now),
        userbuf: claims.userbuf_base64(),
        identifier: claims.identifier,
        private_map_key,
    };
    to_plain(&info)
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
