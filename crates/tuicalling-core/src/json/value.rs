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

    /// Whether the number is integral as a JS number (`Number.isInteger(JSON.parse(text))`),
    /// or a digit run. Decided on the decimal text, without float parsing (whose tables were
    /// about a fifth of the wasm module): zero, an exact integer, or a value of 10^16 or more
    /// (every double there is an integer) is integral; beyond the largest double is not; below
    /// 10^-324 rounds to zero, which is. Only a fraction hidden in the 17th significant digit
    /// or later (e.g. `1.00000000000000001`, which a double rounds to 1) is judged by its exact
    /// value instead.
    pub(crate) fn is_integral(&self) -> bool {
        let integral = match self.shape() {
            None => true,
            Some(shape) => {
                shape.is_finite()
                    && (shape.lowest >= 0 || shape.magnitude >= 17 || shape.magnitude <= -324)
            }
        };
        integral || self.0.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    }

    /// The value if it is 0 or 1 (`1`, `1.0`, `10e-1`, `-0`, `0.0`, …; a value below 10^-324
    /// counts as 0, as a double rounds it), judged like [`is_integral`](Self::is_integral).
    pub(crate) fn as_bit(&self) -> Option<bool> {
        match self.shape() {
            None => Some(false),
            Some(shape) if shape.magnitude <= -324 => Some(false),
            Some(shape) => (!self.0.starts_with('-')
                && shape.magnitude == 1
                && shape.lowest == 0
                && shape.first[0] == b'1')
                .then_some(true),
        }
    }

    /// The decimal shape of a non-zero number; `None` for zero.
    fn shape(&self) -> Option<Shape> {
        let text = self.0.strip_prefix('-').unwrap_or(self.0);
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(at) => (&text[..at], exponent(&text[at + 1..])),
            None => (text, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let digits = || int.bytes().chain(frac.bytes());
        let total = (int.len() + frac.len()) as i64;
        let leading_zeros = digits().take_while(|&b| b == b'0').count() as i64;
        if leading_zeros == total {
            return None;
        }
        let trailing_zeros = digits().rev().take_while(|&b| b == b'0').count() as i64;
        let scale = exponent - frac.len() as i64;
        let mut first = [b'0'; 17];
        for (slot, digit) in first.iter_mut().zip(digits().skip(leading_zeros as usize)) {
            *slot = digit;
        }
        Some(Shape {
            magnitude: total - leading_zeros + scale,
            lowest: scale + trailing_zeros,
            first,
        })
    }

    /// The source text.
    pub(crate) fn as_str(&self) -> &str {
        self.0
    }
}

/// Where a non-zero decimal number's digits sit: its value is in
/// `[10^(magnitude-1), 10^magnitude)` and its lowest non-zero digit is worth `10^lowest`.
struct Shape {
    magnitude: i64,
    lowest: i64,
    /// The first 17 significant digits, zero-padded.
    first: [u8; 17],
}

impl Shape {
    /// Whether a double holds it (below 2^1024 - 2^970 = 1.7976931348623158e308, the first
    /// value that rounds to infinity; decided on 17 significant digits).
    fn is_finite(&self) -> bool {
        self.magnitude < 309 || (self.magnitude == 309 && &self.first < b"17976931348623158")
    }
}

/// An exponent's digits (with an optional sign), saturated far beyond any double's range.
fn exponent(text: &str) -> i64 {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let value = digits.bytes().fold(0i64, |value, digit| {
        (value * 10 + i64::from(digit - b'0')).min(1 << 40)
    });
    if negative {
        -value
    } else {
        value
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

#[cfg(test)]
mod tests {
    use super::Number;
    use proptest::prelude::*;

    /// The definitions these replace, on doubles.
    fn integral_by_double(text: &str) -> bool {
        text.parse::<f64>()
            .is_ok_and(|f| f.is_finite() && f.fract() == 0.0)
            || text.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    }

    fn bit_by_double(text: &str) -> Option<bool> {
        let n = text.parse::<f64>().ok()?;
        (n == 0.0 || n == 1.0).then_some(n == 1.0)
    }

    #[test]
    fn edges_follow_doubles() {
        for text in [
            "0",
            "-0",
            "0.0",
            "0e5",
            "1",
            "1.0",
            "10e-1",
            "0.1e1",
            "-1",
            "1.5",
            "2",
            "15e-1",
            "1e400",
            "1e-400",
            "-1e-400",
            "1.7976931348623157e308",
            "1.8e308",
            "1e308",
            "12345678901234567.5",
            "1e16",
            "0.000001",
            "1E+2",
            "1e-0",
        ] {
            let number = Number(text);
            assert_eq!(number.is_integral(), integral_by_double(text), "{text}");
            assert_eq!(number.as_bit(), bit_by_double(text), "{text}");
        }
        // The documented difference: a fraction in the 17th significant digit, which a double
        // rounds away, still counts.
        assert!(!Number("9007199254740993.5").is_integral());
        assert!(integral_by_double("9007199254740993.5"));
        let long_digit_run = format!("1{}", "0".repeat(400));
        assert!(Number(&long_digit_run).is_integral());
    }

    proptest! {
        #[test]
        fn agrees_with_doubles_up_to_15_significant_digits(
            negative in any::<bool>(),
            int in "(0|[1-9][0-9]{0,9})",
            frac in proptest::option::of("[0-9]{1,5}"),
            exponent in proptest::option::of(-30i32..30),
        ) {
            let mut text = String::new();
            if negative {
                text.push('-');
            }
            text.push_str(&int);
            if let Some(frac) = &frac {
                text.push('.');
                text.push_str(frac);
            }
            if let Some(exponent) = exponent {
                text.push_str(&format!("e{exponent}"));
            }
            let number = Number(&text);
            prop_assert_eq!(number.is_integral(), integral_by_double(&text), "{}", text);
            prop_assert_eq!(number.as_bit(), bit_by_double(&text), "{}", text);
        }
    }
}
