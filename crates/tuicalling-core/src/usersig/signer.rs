//! UserSig and PrivateMapKey generation and verification with the SecretKey (feature `sign`).

use std::fmt;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::claims::UserSigClaims;
use super::private_map_key::PrivateMapKeyGrant;
use super::{armor, decode, UserSigError, MAX_IDENTIFIER_BYTES};
use crate::room::RoomId;

/// Largest userbuf [`Signer`] signs, so that every result stays decodable.
pub const MAX_USERBUF_BYTES: usize = 1024;

/// Signs and verifies UserSigs for one SDKAppID with its SecretKey, like Tencent's
/// `TLSSigAPIv2` (`new Api(sdkappid, key)`), but with the time passed in.
///
/// The SecretKey string's UTF-8 bytes are the HMAC key (it is not hex-decoded). `Debug`
/// never prints it.
#[derive(Clone)]
pub struct Signer {
    sdk_app_id: u32,
    secret_key: Vec<u8>,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("sdk_app_id", &self.sdk_app_id)
            .field("secret_key", &"<redacted>")
            .finish()
    }
}

fn validate_identifier(identifier: &str) -> Result<(), UserSigError> {
    let bad_length = identifier.is_empty() || identifier.len() > MAX_IDENTIFIER_BYTES;
    if bad_length || identifier.chars().any(char::is_control) {
        return Err(UserSigError::InvalidArgument(
            "identifier must be 1..=32 bytes without control characters",
        ));
    }
    Ok(())
}

/// The exact text that is HMAC-ed: one `key:value` line per field, each ending in `\n`.
fn signed_content(claims: &UserSigClaims) -> String {
    let mut content = format!(
        "TLS.identifier:{}\nTLS.sdkappid:{}\nTLS.time:{}\nTLS.expire:{}\n",
        claims.identifier, claims.sdk_app_id, claims.issued_at, claims.expire_secs
    );
    if let Some(userbuf) = claims.userbuf_base64() {
        content.push_str("TLS.userbuf:");
        content.push_str(&userbuf);
        content.push('\n');
    }
    content
}

impl Signer {
    /// Creates a signer. The SDKAppID must be non-zero and the SecretKey non-empty.
    pub fn new(sdk_app_id: u32, secret_key: &str) -> Result<Self, UserSigError> {
        if sdk_app_id == 0 {
            return Err(UserSigError::InvalidArgument("sdkappid must be non-zero"));
        }
        if secret_key.is_empty() {
            return Err(UserSigError::InvalidArgument(
                "secret key must not be empty",
            ));
        }
        Ok(Self {
            sdk_app_id,
            secret_key: secret_key.as_bytes().to_vec(),
        })
    }

    fn mac(&self, claims: &UserSigClaims) -> Hmac<Sha256> {
        // HMAC accepts keys of any length, so this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.secret_key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(signed_content(claims).as_bytes());
        mac
    }

    /// Generates a UserSig for `identifier`, valid for `expire_secs` from `now` (unix seconds).
    pub fn gen_user_sig(
        &self,
        identifier: &str,
        expire_secs: u64,
        now: u64,
    ) -> Result<String, UserSigError> {
        self.sign(identifier, expire_secs, now, None)
    }

    /// Generates a UserSig that also signs an opaque `userbuf` (at most 1 KiB).
    pub fn gen_user_sig_with_userbuf(
        &self,
        identifier: &str,
        expire_secs: u64,
        now: u64,
        userbuf: &[u8],
    ) -> Result<String, UserSigError> {
        if userbuf.len() > MAX_USERBUF_BYTES {
            return Err(UserSigError::InvalidArgument(
                "userbuf must be at most 1024 bytes",
            ));
        }
        self.sign(identifier, expire_secs, now, Some(userbuf.to_vec()))
    }

    /// Generates a PrivateMapKey: a signature whose userbuf grants `privileges`
    /// ([`privilege`](super::privilege) bits) in `room` until `now + expire_secs`.
    pub fn gen_private_map_key(
        &self,
        identifier: &str,
        expire_secs: u64,
        now: u64,
        room: RoomId,
        privileges: u32,
    ) -> Result<String, UserSigError> {
        validate_identifier(identifier)?;
        let expires_at = now
            .checked_add(expire_secs)
            .and_then(|at| u32::try_from(at).ok())
            .ok_or(UserSigError::InvalidArgument(
                "now + expire must fit in 32 bits for a PrivateMapKey",
            ))?;
        let grant = PrivateMapKeyGrant {
            account: identifier.to_owned(),
            sdk_app_id: self.sdk_app_id,
            room,
            expires_at,
            privileges,
        };
        grant.validate()?;
        self.sign(identifier, expire_secs, now, Some(grant.to_userbuf()))
    }

    fn sign(
        &self,
        identifier: &str,
        expire_secs: u64,
        now: u64,
        userbuf: Option<Vec<u8>>,
    ) -> Result<String, UserSigError> {
        validate_identifier(identifier)?;
        if expire_secs == 0 {
            return Err(UserSigError::InvalidArgument(
                "expire must be at least 1 second",
            ));
        }
        let mut claims = UserSigClaims {
            identifier: identifier.to_owned(),
            sdk_app_id: self.sdk_app_id,
            issued_at: now,
            expire_secs,
            userbuf,
            signature: Vec::new(),
        };
        claims.signature = self.mac(&claims).finalize().into_bytes().to_vec();
        Ok(armor::wrap(claims.to_json().as_bytes()))
    }

    /// Verifies a UserSig for `identifier` at `now` (unix seconds), in the order of Tencent's
    /// Go verifier: SDKAppID, identifier, expiry, userbuf (its presence and bytes must equal
    /// `expected_userbuf`), then the HMAC (compared in constant time).
    pub fn verify(
        &self,
        user_sig: &str,
        identifier: &str,
        now: u64,
        expected_userbuf: Option<&[u8]>,
    ) -> Result<UserSigClaims, UserSigError> {
        let claims = decode(user_sig)?;
        self.verify_claims(&claims, identifier, now, expected_userbuf)?;
        Ok(claims)
    }

    /// Verifies a PrivateMapKey for `identifier` at `now` and returns its grant, which must
    /// name the same account and SDKAppID and must not have expired.
    pub fn verify_private_map_key(
        &self,
        private_map_key: &str,
        identifier: &str,
        now: u64,
    ) -> Result<PrivateMapKeyGrant, UserSigError> {
        let claims = decode(private_map_key)?;
        let grant = claims
            .private_map_key()
            .ok_or(UserSigError::UserbufMismatch)??;
        self.verify_claims(&claims, identifier, now, claims.userbuf.as_deref())?;
        if grant.sdk_app_id != self.sdk_app_id {
            return Err(UserSigError::SdkAppIdMismatch {
                expected: self.sdk_app_id,
                found: grant.sdk_app_id,
            });
        }
        if grant.account != identifier {
            return Err(UserSigError::IdentifierMismatch);
        }
        if now > u64::from(grant.expires_at) {
            return Err(UserSigError::Expired {
                expired_at: grant.expires_at.into(),
                now,
            });
        }
        Ok(grant)
    }

    fn verify_claims(
        &self,
        claims: &UserSigClaims,
        identifier: &str,
        now: u64,
        expected_userbuf: Option<&[u8]>,
    ) -> Result<(), UserSigError> {
        if claims.sdk_app_id != self.sdk_app_id {
            return Err(UserSigError::SdkAppIdMismatch {
                expected: self.sdk_app_id,
                found: claims.sdk_app_id,
            });
        }
        if claims.identifier != identifier {
            return Err(UserSigError::IdentifierMismatch);
        }
        if claims.is_expired_at(now) {
            return Err(UserSigError::Expired {
                expired_at: claims.expires_at(),
                now,
            });
        }
        if claims.userbuf.as_deref() != expected_userbuf {
            return Err(UserSigError::UserbufMismatch);
        }
        self.mac(claims)
            .verify_slice(&claims.signature)
            .map_err(|_| UserSigError::SignatureMismatch)
    }
}
