//! Plain JS objects in: the binding's object arguments read member by member.
//!
//! This replaces serde (derived deserializers over a `serde_json::Value` built from the JS
//! object), which was the largest part of the module. The rules stay those of
//! `#[serde(deny_unknown_fields)]` structs read from `JSON.stringify`-like data: a member whose
//! value is `undefined` counts as absent, any other member must be known; strings are strings,
//! integers are non-negative safe integers in the field's range (no NaN, infinities or
//! fractions), `null` is accepted only where the field is optional. Failures are messages for
//! the caller's `INVALID_ARGUMENT` error.

use js_sys::{Array, Object, Reflect};
#[cfg(feature = "tools")]
use tuicalling_core::protocol::RoomValue;
use wasm_bindgen::{JsCast, JsValue};

use crate::numbers::safe_u64;

/// `"<what> `<key>`<tail>"`: the messages name the member as serde did.
fn named(what: &str, key: &str, tail: &str) -> String {
    [what, " `", key, "`", tail].concat()
}

fn invalid_type(key: &str, expected: &str) -> String {
    named(
        "invalid type: member",
        key,
        &[", expected ", expected].concat(),
    )
}

/// A JS value that is a plain object with known members only.
pub(crate) struct Fields {
    object: JsValue,
}

impl Fields {
    /// `value` as an object whose defined members are all in `known`.
    pub(crate) fn new(value: &JsValue, known: &[&str]) -> Result<Self, String> {
        if !value.is_object() || Array::is_array(value) {
            return Err("invalid type: expected a plain object".to_owned());
        }
        for key in Object::keys(value.unchecked_ref::<Object>()) {
            let name = key.as_string().unwrap_or_default();
            if known.contains(&name.as_str()) || member(value, &key)?.is_undefined() {
                continue;
            }
            let expected = known.join("`, `");
            return Err(named(
                "unknown field",
                &name,
                &[", expected one of `", &expected, "`"].concat(),
            ));
        }
        Ok(Self {
            object: value.clone(),
        })
    }

    /// The member `key`: `None` when undefined, or when `null` and `nullable`.
    fn get(&self, key: &str, nullable: bool) -> Result<Option<JsValue>, String> {
        let value = member(&self.object, &JsValue::from_str(key))?;
        if value.is_undefined() || (nullable && value.is_null()) {
            return Ok(None);
        }
        Ok(Some(value))
    }

    /// A string member: `None` when absent (or `null`, if `nullable`).
    pub(crate) fn string(&self, key: &str, nullable: bool) -> Result<Option<String>, String> {
        self.get(key, nullable)?
            .map(|value| {
                value
                    .as_string()
                    .ok_or_else(|| invalid_type(key, "a string"))
            })
            .transpose()
    }

    /// A required string member.
    pub(crate) fn required_string(&self, key: &str) -> Result<String, String> {
        self.string(key, false)?.ok_or_else(|| missing(key))
    }

    /// An integer member in `0..=max`: `None` when absent (or `null`, if `nullable`).
    pub(crate) fn integer(
        &self,
        key: &str,
        max: u64,
        nullable: bool,
    ) -> Result<Option<u64>, String> {
        let Some(value) = self.get(key, nullable)? else {
            return Ok(None);
        };
        let number = value
            .as_f64()
            .and_then(safe_u64)
            .ok_or_else(|| invalid_type(key, "a non-negative integer"))?;
        if number > max {
            return Err(named("invalid value: member", key, " is out of range"));
        }
        Ok(Some(number))
    }

    /// A required integer member in `0..=max`.
    pub(crate) fn required_integer(&self, key: &str, max: u64) -> Result<u64, String> {
        self.integer(key, max, false)?.ok_or_else(|| missing(key))
    }

    /// A boolean member, `false` when absent.
    #[cfg(feature = "tools")]
    pub(crate) fn flag(&self, key: &str) -> Result<bool, String> {
        self.get(key, false)?.map_or(Ok(false), |value| {
            value
                .as_bool()
                .ok_or_else(|| invalid_type(key, "a boolean"))
        })
    }

    /// A list-of-strings member: `None` when absent (or `null`, if `nullable`).
    pub(crate) fn strings(&self, key: &str, nullable: bool) -> Result<Option<Vec<String>>, String> {
        let Some(value) = self.get(key, nullable)? else {
            return Ok(None);
        };
        if !Array::is_array(&value) {
            return Err(invalid_type(key, "a list of strings"));
        }
        value
            .unchecked_ref::<Array>()
            .iter()
            .map(|item| {
                item.as_string()
                    .ok_or_else(|| invalid_type(key, "a list of strings"))
            })
            .collect::<Result<_, _>>()
            .map(Some)
    }

    /// A room id member (a non-negative integer or a string), `None` when absent or `null`.
    #[cfg(feature = "tools")]
    pub(crate) fn room(&self, key: &str) -> Result<Option<RoomValue>, String> {
        let Some(value) = self.get(key, true)? else {
            return Ok(None);
        };
        if let Some(text) = value.as_string() {
            return Ok(Some(RoomValue::Str(text)));
        }
        value
            .as_f64()
            .and_then(safe_u64)
            .map(|id| Some(RoomValue::Numeric(id)))
            .ok_or_else(|| invalid_type(key, "a non-negative integer or a string"))
    }

    /// A nested object member with its own known members, `None` when absent or `null`.
    pub(crate) fn object(&self, key: &str, known: &[&str]) -> Result<Option<Fields>, String> {
        self.get(key, true)?
            .map(|value| Fields::new(&value, known))
            .transpose()
    }
}

fn missing(key: &str) -> String {
    named("missing field", key, "")
}

/// `object[key]`; a getter that throws is refused.
fn member(object: &JsValue, key: &JsValue) -> Result<JsValue, String> {
    Reflect::get(object, key).map_err(|_| "reading a property threw".to_owned())
}
