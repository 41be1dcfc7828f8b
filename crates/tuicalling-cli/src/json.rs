//! Minimal hand-written JSON output: string escaping and a flat object builder.

use std::fmt::Write as _;

/// Appends `text` to `out` as a quoted JSON string.
///
/// Besides `"` and `\`, every control character (C0, DEL, C1) and U+2028/U+2029 is escaped,
/// so the output is valid JSON, valid JavaScript and safe to print on a terminal.
pub fn push_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                // Writing into a String cannot fail.
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `text` as a quoted JSON string.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_string(&mut out, text);
    out
}

/// Builds one JSON object, members in insertion order.
#[derive(Debug)]
pub struct Object {
    /// The text so far, starting with `{`.
    out: String,
}

impl Default for Object {
    fn default() -> Self {
        Self {
            out: String::from("{"),
        }
    }
}

impl Object {
    /// Writes the separator and the quoted key.
    fn key(&mut self, key: &str) {
        if self.out.len() > 1 {
            self.out.push(',');
        }
        push_string(&mut self.out, key);
        self.out.push(':');
    }

    /// Adds a string member.
    pub fn string(mut self, key: &str, value: &str) -> Self {
        self.key(key);
        push_string(&mut self.out, value);
        self
    }

    /// Adds an unsigned integer member.
    pub fn number(mut self, key: &str, value: u64) -> Self {
        self.key(key);
        // Writing into a String cannot fail.
        let _ = write!(self.out, "{value}");
        self
    }

    /// Adds a boolean member.
    pub fn boolean(mut self, key: &str, value: bool) -> Self {
        self.key(key);
        self.out.push_str(if value { "true" } else { "false" });
        self
    }

    /// Adds a member whose value is already JSON text, or `null` when `None`.
    pub fn raw_or_null(mut self, key: &str, json: Option<&str>) -> Self {
        self.key(key);
        self.out.push_str(json.unwrap_or("null"));
        self
    }

    /// Adds a string member, or `null` when `None`.
    pub fn string_or_null(self, key: &str, value: Option<&str>) -> Self {
        match value {
            Some(value) => self.string(key, value),
            None => self.raw_or_null(key, None),
        }
    }

    /// Closes the object and returns its text.
    pub fn finish(mut self) -> String {
        self.out.push('}');
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_json_and_terminals_care_about() {
        assert_eq!(quote("plain é 中"), "\"plain é 中\"");
        assert_eq!(quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quote("\n\r\t\u{8}\u{c}"), r#""\n\r\t\b\f""#);
        assert_eq!(
            quote("\u{0}\u{1b}[31m\u{7f}\u{85}"),
            r#""\u0000\u001b[31m\u007f\u0085""#
        );
        assert_eq!(quote("\u{2028}\u{2029}"), r#""\u2028\u2029""#);
        assert_eq!(quote(""), "\"\"");
    }

    #[test]
    fn builds_objects_in_order() {
        let text = Object::default()
            .string("s", "x\"")
            .number("n", u64::MAX)
            .boolean("t", true)
            .boolean("f", false)
            .string_or_null("none", None)
            .string_or_null("some", Some("v"))
            .raw_or_null("nested", Some(&Object::default().number("a", 1).finish()))
            .finish();
        assert_eq!(
            text,
            r#"{"s":"x\"","n":18446744073709551615,"t":true,"f":false,"none":null,"some":"v","nested":{"a":1}}"#
        );
        assert_eq!(Object::default().finish(), "{}");
    }
}
