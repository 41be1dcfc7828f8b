//! The JSON document inside a UserSig.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use crate::json::{self, Value};

use super::private_map_key::PrivateMapKeyGrant;
use super::UserSigError;

/// The only `TLS.ver` this module understands.
pub(super) const VERSION: &str = "2.0";

/// The fields of a decoded UserSig (`TLS.*` in the JSON). Decoding does not prove them
/// authentic; only [`Signer::verify`](super::Signer::verify) does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserSigClaims {
    /// `TLS.identifier`: the user id the UserSig was issued to.
    pub identifier: String,
    /// `TLS.sdkappid`.
    pub sdk_app_id: u32,
    /// `TLS.time`: issue time, unix seconds.
    pub issued_at: u64,
    /// `TLS.expire`: lifetime in seconds, counted from `issued_at`.
    pub expire_secs: u64,
    /// `TLS.userbuf`, base64-decoded. Present in PrivateMapKeys.
    pub userbuf: Option<Vec<u8>>,
    /// `TLS.sig`, base64-decoded: the HMAC-SHA256 of the signed content.
    pub signature: Vec<u8>,
}

/// Deepest nesting accepted in the UserSig JSON (it is flat).
const MAX_DEPTH: usize = 8;

fn field<'v, 'a>(doc: &'v Value<'a>, name: &'static str) -> Result<&'v Value<'a>, UserSigError> {
    doc.get(name).ok_or(UserSigError::MissingField(name))
}

fn string_field<'v>(doc: &'v Value<'_>, name: &'static str) -> Result<&'v str, UserSigError> {
    field(doc, name)?
        .as_str()
        .ok_or(UserSigError::InvalidField(name))
}

fn integer_field(doc: &Value<'_>, name: &'static str) -> Result<u64, UserSigError> {
    match field(doc, name)? {
        Value::Number(number) => number.as_u64().ok_or(UserSigError::InvalidField(name)),
        Value::Null | Value::Bool(_) | Value::String(_) | Value::Array(_) | Value::Object(_) => {
            Err(UserSigError::InvalidField(name))
        }
    }
}

fn base64_field(doc: &Value<'_>, name: &'static str) -> Result<Vec<u8>, UserSigError> {
    STANDARD
        .decode(string_field(doc, name)?)
        .map_err(|_| UserSigError::InvalidField(name))
}

impl UserSigClaims {
    /// Parses the inflated JSON. Key order and whitespace are free (Tencent's libraries differ);
    /// unknown keys are ignored.
    pub(super) fn from_json(json: &[u8]) -> Result<Self, UserSigError> {
        let text = std::str::from_utf8(json).map_err(|_| UserSigError::BadJson)?;
        let doc = match json::parse(text, MAX_DEPTH) {
            Ok(doc) if doc.is_object() => doc,
            Ok(_) | Err(_) => return Err(UserSigError::BadJson),
        };
        if string_field(&doc, "TLS.ver")? != VERSION {
            return Err(UserSigError::InvalidField("TLS.ver"));
        }
        let sdk_app_id = u32::try_from(integer_field(&doc, "TLS.sdkappid")?)
            .map_err(|_| UserSigError::InvalidField("TLS.sdkappid"))?;
        let userbuf = match doc.get("TLS.userbuf") {
            None => None,
            Some(_) => Some(base64_field(&doc, "TLS.userbuf")?),
        };
        Ok(Self {
            identifier: string_field(&doc, "TLS.identifier")?.to_owned(),
            sdk_app_id,
            issued_at: integer_field(&doc, "TLS.time")?,
            expire_secs: integer_field(&doc, "TLS.expire")?,
            userbuf,
            signature: base64_field(&doc, "TLS.sig")?,
        })
    }

    /// Unix seconds after which the UserSig is expired (`TLS.time + TLS.expire`).
    pub fn expires_at(&self) -> u64 {
        self.issued_at.saturating_add(self.expire_secs)
    }

    /// Whether the UserSig is expired at `now` (unix seconds): `now > TLS.time + TLS.expire`,
    /// the rule of Tencent's verifiers.
    pub fn is_expired_at(&self, now: u64) -> bool {
        now > self.expires_at()
    }

    /// `TLS.userbuf` as standard base64, the form that is signed and serialized.
    pub fn userbuf_base64(&self) -> Option<String> {
        self.userbuf.as_deref().map(|buf| STANDARD.encode(buf))
    }

    /// Parses the userbuf as a PrivateMapKey grant; `None` for a plain UserSig.
    pub fn private_map_key(&self) -> Option<Result<PrivateMapKeyGrant, UserSigError>> {
        self.userbuf
            .as_deref()
            .map(PrivateMapKeyGrant::from_userbuf)
    }

    /// Serializes the document in the key order of Tencent's Node library.
    #[cfg(feature = "sign")]
    pub(super) fn to_json(&self) -> String {
        let mut out = String::new();
        let mut doc = crate::json::write::Object::new(&mut out);
        doc.str("TLS.ver", VERSION)
            .str("TLS.identifier", &self.identifier)
            .uint("TLS.sdkappid", u64::from(self.sdk_app_id))
            .uint("TLS.time", self.issued_at)
            .uint("TLS.expire", self.expire_secs);
        if let Some(userbuf) = self.userbuf_base64() {
            doc.str("TLS.userbuf", &userbuf);
        }
        doc.str("TLS.sig", &STANDARD.encode(&self.signature));
        doc.end();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"TLS.ver":"2.0","TLS.identifier":"u1","TLS.sdkappid":1400000000,
        "TLS.time":1700000000,"TLS.expire":300,"TLS.sig":"AAAA","extra":[1,2]}"#;

    fn with(key: &str, value: &str) -> String {
        let mut doc: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(GOOD).unwrap();
        match value {
            "<absent>" => {
                doc.remove(key);
            }
            _ => {
                doc.insert(key.into(), serde_json::from_str(value).unwrap());
            }
        }
        serde_json::to_string(&doc).unwrap()
    }

    #[test]
    fn parses_fields_in_any_order_and_ignores_extras() {
        let claims = UserSigClaims::from_json(GOOD.as_bytes()).unwrap();
        assert_eq!(claims.identifier, "u1");
        assert_eq!(claims.sdk_app_id, 1_400_000_000);
        assert_eq!(claims.expires_at(), 1_700_000_300);
        assert!(!claims.is_expired_at(1_700_000_300));
        assert!(claims.is_expired_at(1_700_000_301));
        assert_eq!(claims.signature, vec![0, 0, 0]);
        assert!(claims.private_map_key().is_none());
    }

    #[test]
    fn every_missing_field_is_named() {
        for key in [
            "TLS.ver",
            "TLS.identifier",
            "TLS.sdkappid",
            "TLS.time",
            "TLS.expire",
            "TLS.sig",
        ] {
            let json = with(key, "<absent>");
            let found = UserSigClaims::from_json(json.as_bytes());
            assert_eq!(found, Err(UserSigError::MissingField(key)), "{key}");
        }
    }

    #[test]
    fn wrong_types_and_values_are_named() {
        let cases = [
            ("TLS.ver", r#""1.0""#),
            ("TLS.ver", "2"),
            ("TLS.identifier", "7"),
            ("TLS.sdkappid", r#""1400000000""#),
            ("TLS.sdkappid", "4294967296"),
            ("TLS.sdkappid", "-1"),
            ("TLS.time", "1.5"),
            ("TLS.expire", "null"),
            ("TLS.userbuf", "[]"),
            ("TLS.userbuf", r#""not base64!""#),
            ("TLS.sig", r#""%%%""#),
        ];
        for (key, value) in cases {
            let json = with(key, value);
            let found = UserSigClaims::from_json(json.as_bytes());
            assert_eq!(found, Err(UserSigError::InvalidField(key)), "{key}={value}");
        }
    }

    #[test]
    fn non_objects_are_bad_json() {
        for json in ["", "[]", "\"s\"", "{", "{\"a\":1} x", "\u{0}"] {
            assert_eq!(
                UserSigClaims::from_json(json.as_bytes()),
                Err(UserSigError::BadJson),
                "{json:?}"
            );
        }
        let deep = "[".repeat(10_000);
        assert_eq!(
            UserSigClaims::from_json(deep.as_bytes()),
            Err(UserSigError::BadJson)
        );
    }

    #[test]
    fn expiry_saturates_instead_of_overflowing() {
        let json = with("TLS.expire", &u64::MAX.to_string());
        let claims = UserSigClaims::from_json(json.as_bytes()).unwrap();
        assert_eq!(claims.expires_at(), u64::MAX);
        assert!(!claims.is_expired_at(u64::MAX));
    }
}
