//! A small JSON writer producing exactly serde_json's compact output.
//!
//! serde_json's `to_string` is generic over every value and formatter and, compiled for size,
//! brought its serializer, float formatting and error machinery into the wasm module. The
//! shapes written here are fixed (objects of strings, integers, booleans and string lists), so
//! an append-only writer does: keys in the order they are written, strings escaped as
//! serde_json escapes them (`"`, `\`, and the C0 controls; nothing else), integers in decimal.

/// Appends `text` as a JSON string literal, escaped as serde_json escapes it.
pub fn push_str(out: &mut String, text: &str) {
    out.push('"');
    let mut start = 0;
    for (index, byte) in text.bytes().enumerate() {
        let escape: &str = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0x00..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[start..index]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        } else {
            out.push_str(escape);
        }
        start = index + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}

/// Appends `value` in decimal (no `core::fmt`).
pub fn push_uint(out: &mut String, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    for &digit in &digits[at..] {
        out.push(char::from(digit));
    }
}

/// Appends `value` in decimal, with a `-` when negative (no `core::fmt`).
pub fn push_int(out: &mut String, value: i64) {
    if value < 0 {
        out.push('-');
    }
    push_uint(out, value.unsigned_abs());
}

/// `value` in decimal, as a new string.
pub fn uint_to_string(value: u64) -> String {
    let mut out = String::new();
    push_uint(&mut out, value);
    out
}

/// `value` in decimal, with a `-` when negative, as a new string.
pub fn int_to_string(value: i64) -> String {
    let mut out = String::new();
    push_int(&mut out, value);
    out
}

/// A JSON object being written: `{` on creation, `,"key":` before each member, `}` on
/// [`end`](Object::end).
pub struct Object<'a> {
    out: &'a mut String,
    empty: bool,
}

impl<'a> Object<'a> {
    /// Opens an object at the end of `out`.
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        Self { out, empty: true }
    }

    /// Writes `"key":` (after a comma when needed) and returns the buffer for the value.
    pub fn key(&mut self, key: &str) -> &mut String {
        if !self.empty {
            self.out.push(',');
        }
        self.empty = false;
        push_str(self.out, key);
        self.out.push(':');
        self.out
    }

    /// A string member.
    pub fn str(&mut self, key: &str, value: &str) -> &mut Self {
        push_str(self.key(key), value);
        self
    }

    /// An unsigned integer member.
    pub fn uint(&mut self, key: &str, value: u64) -> &mut Self {
        push_uint(self.key(key), value);
        self
    }

    /// A signed integer member.
    pub fn int(&mut self, key: &str, value: i64) -> &mut Self {
        push_int(self.key(key), value);
        self
    }

    /// A boolean member.
    pub fn bool(&mut self, key: &str, value: bool) -> &mut Self {
        self.key(key).push_str(if value { "true" } else { "false" });
        self
    }

    /// A `null` member.
    pub fn null(&mut self, key: &str) -> &mut Self {
        self.key(key).push_str("null");
        self
    }

    /// A list-of-strings member.
    pub fn str_list(&mut self, key: &str, values: &[String]) -> &mut Self {
        push_str_list(self.key(key), values);
        self
    }

    /// A string member, or `null`.
    pub fn opt_str(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        match value {
            Some(value) => self.str(key, value),
            None => self.null(key),
        }
    }

    /// An unsigned integer member, or `null`.
    pub fn opt_uint(&mut self, key: &str, value: Option<u64>) -> &mut Self {
        match value {
            Some(value) => self.uint(key, value),
            None => self.null(key),
        }
    }

    /// A list-of-strings member, or `null`.
    pub fn opt_str_list(&mut self, key: &str, values: Option<&[String]>) -> &mut Self {
        match values {
            Some(values) => self.str_list(key, values),
            None => self.null(key),
        }
    }

    /// Closes the object.
    pub fn end(self) {
        self.out.push('}');
    }
}

/// Appends a JSON array of strings.
pub fn push_str_list(out: &mut String, values: &[String]) {
    push_list(out, values, |value, out| push_str(out, value));
}

/// Appends `[item, …]`, each item written by `write`.
pub fn push_list<T>(out: &mut String, items: &[T], write: fn(&T, &mut String)) {
    out.push('[');
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        write(item, out);
    }
    out.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_like_serde_json() {
        let samples = [
            "",
            "plain",
            "quote \" backslash \\ slash /",
            "\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}",
            "中文 🎉 \u{2028}",
        ];
        for sample in samples {
            let mut out = String::new();
            push_str(&mut out, sample);
            assert_eq!(out, serde_json::to_string(sample).unwrap(), "{sample:?}");
        }
    }

    #[test]
    fn integers_are_decimal() {
        for value in [0, 7, 10, 4_294_967_295, u64::MAX] {
            assert_eq!(uint_to_string(value), value.to_string());
        }
        for value in [0, -1, 42, i64::MIN, i64::MAX] {
            let mut out = String::new();
            push_int(&mut out, value);
            assert_eq!(out, value.to_string());
        }
    }

    #[test]
    fn objects_keep_member_order() {
        let mut out = String::new();
        let mut object = Object::new(&mut out);
        object
            .str("b", "x")
            .uint("a", 1)
            .int("n", -2)
            .bool("t", true)
            .null("z")
            .str_list("l", &["p".into(), "q".into()])
            .opt_str("s", None)
            .opt_uint("u", Some(3))
            .opt_str_list("e", Some(&[]));
        object.end();
        assert_eq!(
            out,
            r#"{"b":"x","a":1,"n":-2,"t":true,"z":null,"l":["p","q"],"s":null,"u":3,"e":[]}"#
        );
        let mut empty = String::new();
        Object::new(&mut empty).end();
        assert_eq!(empty, "{}");
    }
}
