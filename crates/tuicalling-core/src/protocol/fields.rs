//! Lenient, bounded readers for JSON fields: numbers may arrive as strings, `null` counts as
//! absent, and every user id and list is checked against the protocol bounds.

use super::{SignalError, MAX_JSON_DEPTH, MAX_USER_ID_BYTES, MAX_USER_LIST};
use crate::json::{self, ParseError, Value};
use crate::RoomId;

/// Parses bounded JSON text; `None` when it is valid JSON but not an object.
pub(super) fn parse_object(text: &str) -> Result<Option<Value<'_>>, SignalError> {
    match json::parse(text, MAX_JSON_DEPTH) {
        Ok(value) if value.is_object() => Ok(Some(value)),
        Ok(_) => Ok(None),
        Err(ParseError::TooDeep) => Err(SignalError::TooDeep {
            max: MAX_JSON_DEPTH,
        }),
        Err(ParseError::Syntax) => Err(SignalError::NotJson),
    }
}

/// Why a value is not a usable unsigned integer.
enum NumberProblem {
    /// Negative or above u64: a range problem.
    OutOfRange,
    /// Not a number at all (or a fraction).
    NotANumber,
}

/// A JSON number or a string of decimal digits, as u64.
fn unsigned(value: &Value<'_>) -> Result<u64, NumberProblem> {
    let text = match value {
        Value::Number(number) => {
            return match number.as_u64() {
                Some(n) => Ok(n),
                None if number.is_negative() || number.is_integral() => {
                    Err(NumberProblem::OutOfRange)
                }
                None => Err(NumberProblem::NotANumber),
            };
        }
        Value::String(text) => text,
        Value::Null | Value::Bool(_) | Value::Array(_) | Value::Object(_) => {
            return Err(NumberProblem::NotANumber)
        }
    };
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberProblem::NotANumber);
    }
    if text.starts_with('-') {
        return if digits.bytes().all(|b| b == b'0') {
            Ok(0)
        } else {
            Err(NumberProblem::OutOfRange)
        };
    }
    text.parse().map_err(|_| NumberProblem::OutOfRange)
}

/// Longest `inviteID` or `groupID` accepted, in bytes (UUIDs are 36; IM group ids ≤ 48).
pub(super) const MAX_ID_BYTES: usize = 128;
/// Longest `platform` accepted, in bytes.
pub(super) const MAX_PLATFORM_BYTES: usize = 64;

/// An optional string no longer than `max` bytes, or `InvalidField(name)`.
pub(super) fn bounded(
    value: Option<&str>,
    max: usize,
    name: &'static str,
) -> Result<Option<String>, SignalError> {
    match value {
        Some(text) if text.len() > max => Err(SignalError::InvalidField(name)),
        other => Ok(other.map(str::to_owned)),
    }
}

/// Checks one user id against the bounds.
pub(super) fn user_id(value: &str, field: &'static str) -> Result<String, SignalError> {
    if value.is_empty() || value.len() > MAX_USER_ID_BYTES {
        return Err(SignalError::BadUserId {
            field,
            max: MAX_USER_ID_BYTES,
        });
    }
    Ok(value.to_owned())
}

/// Read access to one JSON object's fields.
pub(super) struct Fields<'v, 'a>(pub(super) &'v Value<'a>);

impl<'v, 'a> Fields<'v, 'a> {
    /// The value, with `null` treated as absent.
    pub(super) fn get(&self, name: &str) -> Option<&'v Value<'a>> {
        self.0
            .get(name)
            .filter(|value| !matches!(value, Value::Null))
    }

    /// An optional string.
    pub(super) fn string(&self, name: &'static str) -> Result<Option<&'v str>, SignalError> {
        match self.get(name) {
            None => Ok(None),
            Some(value) => value
                .as_str()
                .map(Some)
                .ok_or(SignalError::InvalidField(name)),
        }
    }

    /// An optional unsigned integer (number or digit string); `""` counts as absent.
    pub(super) fn uint(&self, name: &'static str) -> Result<Option<u64>, SignalError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(text)) if text.is_empty() => Ok(None),
            Some(value) => unsigned(value)
                .map(Some)
                .map_err(|_| SignalError::InvalidField(name)),
        }
    }

    /// An optional integer that must fit in u32.
    pub(super) fn uint32(&self, name: &'static str) -> Result<Option<u32>, SignalError> {
        self.uint(name)?
            .map(|n| u32::try_from(n).map_err(|_| SignalError::InvalidField(name)))
            .transpose()
    }

    /// An optional numeric room id in 0..=u32::MAX; 0 (no room) comes back as `None`.
    pub(super) fn room(&self, name: &'static str) -> Result<Option<RoomId>, SignalError> {
        let raw = match self.get(name) {
            None => return Ok(None),
            Some(Value::String(text)) if text.is_empty() => return Ok(None),
            Some(value) => unsigned(value).map_err(|problem| match problem {
                NumberProblem::OutOfRange => SignalError::RoomIdOutOfRange(name),
                NumberProblem::NotANumber => SignalError::InvalidField(name),
            })?,
        };
        match u32::try_from(raw) {
            Ok(0) => Ok(None),
            Ok(id) => Ok(Some(RoomId::Numeric(id))),
            Err(_) => Err(SignalError::RoomIdOutOfRange(name)),
        }
    }

    /// An optional boolean (`true`/`false`, or the strings "true"/"false").
    pub(super) fn boolean(&self, name: &'static str) -> Result<bool, SignalError> {
        match self.get(name) {
            None => Ok(false),
            Some(Value::Bool(flag)) => Ok(*flag),
            Some(value) => match value.as_str() {
                Some("true") => Ok(true),
                Some("false") => Ok(false),
                _ => Err(SignalError::InvalidField(name)),
            },
        }
    }

    /// An optional list of user ids, each checked, at most [`MAX_USER_LIST`] long.
    pub(super) fn users(&self, name: &'static str) -> Result<Option<Vec<String>>, SignalError> {
        let items = match self.get(name) {
            None => return Ok(None),
            Some(Value::Array(items)) => items,
            Some(_) => return Err(SignalError::InvalidField(name)),
        };
        if items.len() > MAX_USER_LIST {
            return Err(SignalError::TooManyUsers {
                field: name,
                max: MAX_USER_LIST,
            });
        }
        items
            .iter()
            .map(|item| {
                item.as_str()
                    .ok_or(SignalError::InvalidField(name))
                    .and_then(|id| user_id(id, name))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_bound_ignores_brackets_inside_strings() {
        assert!(parse_object(r#"{"a":"[[[[[[[[[[[[{{{{{{{{{{"}"#).is_ok());
        assert!(parse_object(r#"{"a":"\"[[[[[[[[[[[[[["}"#).is_ok());
        let nine = r#"{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{}}}}}}}}}"#;
        assert_eq!(
            parse_object(nine),
            Err(SignalError::TooDeep {
                max: MAX_JSON_DEPTH
            })
        );
        assert_eq!(parse_object("[1]"), Ok(None));
        assert_eq!(parse_object("{"), Err(SignalError::NotJson));
    }

    fn fields(text: &str) -> Value<'_> {
        json::parse(text, MAX_JSON_DEPTH).unwrap()
    }

    #[test]
    fn numbers_may_be_strings_and_ranges_are_typed() {
        let map = fields(
            r#"{"a":30,"b":"30","c":"","d":null,"e":-1,"f":"x","g":1.5,"h":4294967296,"i":"-3","j":1e30}"#,
        );
        let f = Fields(&map);
        assert_eq!(f.uint("a"), Ok(Some(30)));
        assert_eq!(f.uint("b"), Ok(Some(30)));
        assert_eq!(f.uint("c"), Ok(None));
        assert_eq!(f.uint("d"), Ok(None));
        assert_eq!(f.uint("missing"), Ok(None));
        assert_eq!(f.uint("e"), Err(SignalError::InvalidField("e")));
        assert_eq!(f.uint("f"), Err(SignalError::InvalidField("f")));
        assert_eq!(f.uint("g"), Err(SignalError::InvalidField("g")));
        assert_eq!(f.uint32("h"), Err(SignalError::InvalidField("h")));
        assert_eq!(f.room("a"), Ok(Some(RoomId::Numeric(30))));
        assert_eq!(f.room("e"), Err(SignalError::RoomIdOutOfRange("e")));
        assert_eq!(f.room("h"), Err(SignalError::RoomIdOutOfRange("h")));
        assert_eq!(f.room("i"), Err(SignalError::RoomIdOutOfRange("i")));
        assert_eq!(f.room("j"), Err(SignalError::RoomIdOutOfRange("j")));
        assert_eq!(f.room("f"), Err(SignalError::InvalidField("f")));
    }

    #[test]
    fn room_zero_is_no_room_and_max_fits() {
        let map = fields(r#"{"a":0,"b":"0","c":4294967295}"#);
        let f = Fields(&map);
        assert_eq!(f.room("a"), Ok(None));
        assert_eq!(f.room("b"), Ok(None));
        assert_eq!(f.room("c"), Ok(Some(RoomId::Numeric(u32::MAX))));
    }

    #[test]
    fn user_lists_are_bounded() {
        let long_id = "u".repeat(MAX_USER_ID_BYTES + 1);
        let many = format!("[{}]", vec!["\"u\""; MAX_USER_LIST + 1].join(","));
        let text = format!(
            r#"{{"ok":["a","b"],"long":["{long_id}"],"empty":[""],"many":{many},"mixed":["a",1],"str":"a"}}"#
        );
        let map = fields(&text);
        let f = Fields(&map);
        assert_eq!(f.users("ok"), Ok(Some(vec!["a".into(), "b".into()])));
        assert_eq!(
            f.users("long"),
            Err(SignalError::BadUserId {
                field: "long",
                max: MAX_USER_ID_BYTES
            })
        );
        assert_eq!(
            f.users("empty"),
            Err(SignalError::BadUserId {
                field: "empty",
                max: MAX_USER_ID_BYTES
            })
        );
        assert_eq!(
            f.users("many"),
            Err(SignalError::TooManyUsers {
                field: "many",
                max: MAX_USER_LIST
            })
        );
        assert_eq!(f.users("mixed"), Err(SignalError::InvalidField("mixed")));
        assert_eq!(f.users("str"), Err(SignalError::InvalidField("str")));
    }
}
