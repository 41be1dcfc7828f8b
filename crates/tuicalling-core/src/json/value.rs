//! Parsed JSON values borrowing from the input text.

use std::borrow::Cow;

/// A JSON number, kept as its (validated) source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Number<'a>(pub(super) &'a str);

impl Number<'_> {
    /// The value as a non-negative integer, if it is one (no fraction, no exponent).
    pub(crate) fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }

    /// Whether the number is negative (and not zero).
    pub(crate) fn is_negative(&self) -> bool {
        self.0.starts_with('-') && self.0[1..].bytes().any(|b| (b'1'..=b'9').contains(&b))
    }

    /// Whether the number is integral (a digit run, or a float with no fractional part).
    pub(crate) fn is_integral(&self) -> bool {
        self.0
            .parse::<f64>()
            .is_ok_and(|f| f.is_finite() && f.fract() == 0.0)
            || self.0.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    }

    /// The source text.
    pub(crate) fn as_str(&self) -> &str {
        self.0
    }
}

/// A JSON value. Objects keep their members in order; on duplicate keys the last one wins,
/// as in `JSON.parse`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number.
    Number(Number<'a>),
    /// A string (borrowed when it had no escapes).
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object.
    Object(Vec<(Cow<'a, str>, Value<'a>)>),
}

impl<'a> Value<'a> {
    /// The member `key` of an object (the last one, if repeated).
    pub(crate) fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(members) => members
                .iter()
                .rev()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value),
            Value::Null
            | Value::Bool(_)
            | Value::Number(_)
            | Value::String(_)
            | Value::Array(_) => None,
        }
    }

    /// The string, if this is one.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            Value::Null
            | Value::Bool(_)
            | Value::Number(_)
            | Value::Array(_)
            | Value::Object(_) => None,
        }
    }

    /// Whether this is an object.
    pub(crate) fn is_object(&self) -> bool {
        matches!(self, Value::Object(_))
    }

    /// A short type name for messages.
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }
}
