//! JSON output that is safe to print: serde_json with extra escaping, and a flat object
//! builder for the hand-ordered `usersig decode` output.

use std::fmt::Write as _;
use std::io;

use serde::Serialize;
use serde_json::ser::Formatter;

/// serde_json's compact format (the trait's defaults), except that string fragments also escape DEL, the C1
/// controls and U+2028/U+2029 (serde_json itself escapes `"`, `\` and C0). The output stays
/// valid JSON and becomes valid JavaScript and safe to print on a terminal.
struct TerminalSafe;

impl Formatter for TerminalSafe {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((index, c)) = rest
            .char_indices()
            .find(|&(_, c)| c.is_control() || c == '\u{2028}' || c == '\u{2029}')
        {
            let (plain, tail) = rest.split_at(index);
            writer.write_all(plain.as_bytes())?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = tail.get(c.len_utf8()..).unwrap_or_default();
        }
        writer.write_all(rest.as_bytes())
    }
}

/// `value` as one line of compact, terminal-safe JSON (no trailing newline).
pub fn to_line<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    // Serializing plain data into a Vec cannot fail, and the output is UTF-8 JSON.
    let _ = value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out,
        TerminalSafe,
    ));
    String::from_utf8(out).unwrap_or_default()
}

/// Appends `text` to `out` as a quoted, terminal-safe JSON string (see [`to_line`]).
pub fn push_string(out: &mut String, text: &str) {
    out.push_str(&to_line(text));
}

/// `text` as a quoted JSON string.
pub fn quote(text: &str) -> String {
    to_line(text)
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
