//! Lenient, bounded readers for JSON fields: numbers may arrive as strings, `null` counts as
//! absent, and every user id and list is checked against the protocol bounds.

use serde_json::{Map, Value};

use super::{SignalError, MAX_JSON_DEPTH, MAX_USER_ID_BYTES, MAX_USER_LIST};
use crate::RoomId;

/// Whether `text` nests arrays/objects deeper than [`MAX_JSON_DEPTH`]. Scans bytes only, so
/// it runs before (and protects) the real parser.
pub(super) fn nests_too_deep(text: &str) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for byte in text.bytes() {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                (false, _) => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_JSON_DEPTH {
                    return true;
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// Parses bounded JSON text into an object; `None` when it is valid JSON but not an object.
pub(super) fn parse_object(text: &str) -> Result<Option<Map<String, Value>>, SignalError> {
    if nests_too_deep(text) {
        return Err(SignalError::TooDeep {
            max: MAX_JSON_DEPTH,
        });
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(Some(map)),
        Ok(_) => Ok(None),
        Err(_) => Err(SignalError::NotJson),
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
fn unsigned(value: &Value) -> Result<u64, NumberProblem> {
    match value {
        Value::Number(number) => match (number.as_u64(), number.as_i64(), number.as_f64()) {
            (Some(n), _, _) => Ok(n),
            (None, Some(_), _) => Err(NumberProblem::OutOfRange),
            (None, None, Some(f)) if f.fract() == 0.0 => Err(NumberProblem::OutOfRange),
            _ => Err(NumberProblem::NotANumber),
        },
        Value::String(text) => {
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
        Value::Null | Value::Bool(_) | Value::Array(_) | Value::Object(_) => {
            Err(NumberProblem::NotANumber)
        }
    }
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
pub(super) struct Fields<'a>(pub(super) &'a Map<String, Value>);

impl<'a> Fields<'a> {
    /// The value, with `null` treated as absent.
    pub(super) fn get(&self, name: &str) -> Option<&'a Value> {
        self.0.get(name).filter(|value| !value.is_null())
    }

    /// An optional string.
    pub(super) fn string(&self, name: &'static str) -> Result<Option<&'a str>, SignalError> {
        match self.get(name) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(_) => Err(SignalError::InvalidField(name)),
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
            Some(Value::String(text)) if text == "true" || text == "false" => Ok(text == "true"),
            Some(_) => Err(SignalError::InvalidField(name)),
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
    fn depth_scan_ignores_brackets_inside_strings() {
        assert!(!nests_too_deep(r#"{"a":"[[[[[[[[[[[[{{{{{{{{{{"}"#));
        assert!(!nests_too_deep(r#"{"a":"\"[[[[[[[[[[[[[["}"#));
        assert!(!nests_too_deep(&format!(
            "{}{}",
            "[".repeat(8),
            "]".repeat(8)
        )));
        assert!(nests_too_deep(&"[".repeat(9)));
        assert!(nests_too_deep(
            r#"{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{}}}}}}}}}"#
        ));
    }

    fn fields(json: &str) -> Map<String, Value> {
        serde_json::from_str(json).unwrap()
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
        let many = serde_json::to_string(&vec!["u"; MAX_USER_LIST + 1]).unwrap();
        let map = fields(&format!(
            r#"{{"ok":["a","b"],"long":["{long_id}"],"empty":[""],"many":{many},"mixed":["a",1],"str":"a"}}"#
        ));
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
