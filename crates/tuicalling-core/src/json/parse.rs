//! Recursive-descent JSON parsing with a depth bound.

use std::borrow::Cow;

use super::value::{Number, Value};

/// Why text is not acceptable JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParseError {
    /// Not JSON (syntax error, trailing characters, bad escape, raw control character).
    Syntax,
    /// Arrays/objects nested deeper than allowed.
    TooDeep,
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    max_depth: usize,
}

/// Parses one JSON document (surrounding whitespace allowed) nested at most `max_depth` deep.
pub(crate) fn parse(text: &str, max_depth: usize) -> Result<Value<'_>, ParseError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        max_depth,
    };
    let value = parser.value(0)?;
    parser.skip_whitespace();
    if parser.pos != parser.bytes.len() {
        return Err(ParseError::Syntax);
    }
    Ok(value)
}

impl<'a> Parser<'a> {
    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    #[inline(always)]
    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, literal: &str) -> Result<(), ParseError> {
        if self.bytes[self.pos..].starts_with(literal.as_bytes()) {
            self.pos += literal.len();
            Ok(())
        } else {
            Err(ParseError::Syntax)
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value<'a>, ParseError> {
        self.skip_whitespace();
        match self.peek().ok_or(ParseError::Syntax)? {
            b'{' => self.object(depth + 1),
            b'[' => self.array(depth + 1),
            b'"' => self.string().map(Value::String),
            b't' => self.expect("true").map(|()| Value::Bool(true)),
            b'f' => self.expect("false").map(|()| Value::Bool(false)),
            b'n' => self.expect("null").map(|()| Value::Null),
            b'-' | b'0'..=b'9' => self.number().map(Value::Number),
            _ => Err(ParseError::Syntax),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, ParseError> {
        if depth > self.max_depth {
            return Err(ParseError::TooDeep);
        }
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(ParseError::Syntax);
            }
            let key = self.string()?;
            self.skip_whitespace();
            self.expect(":")?;
            let value = self.value(depth)?;
            members.push((key, value));
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(ParseError::Syntax),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>, ParseError> {
        if depth > self.max_depth {
            return Err(ParseError::TooDeep);
        }
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(ParseError::Syntax),
            }
        }
    }

    fn number(&mut self) -> Result<Number<'a>, ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(ParseError::Syntax),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.require_digits()?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.require_digits()?;
        }
        Ok(Number(&self.text[start..self.pos]))
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    fn require_digits(&mut self) -> Result<(), ParseError> {
        let start = self.pos;
        self.digits();
        if self.pos == start {
            Err(ParseError::Syntax)
        } else {
            Ok(())
        }
    }

    /// Skips to the next byte that ends a plain run inside a string: a quote, a backslash or
    /// a control character (invalid raw). Multi-byte UTF-8 is plain.
    #[inline(always)]
    fn plain_run(&mut self) {
        let rest = &self.bytes[self.pos..];
        let run = rest
            .iter()
            .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
            .unwrap_or(rest.len());
        self.pos += run;
    }

    /// A string starting at the opening quote; borrowed unless it has escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        self.pos += 1;
        let start = self.pos;
        self.plain_run();
        match self.peek().ok_or(ParseError::Syntax)? {
            b'"' => {
                let text = &self.text[start..self.pos];
                self.pos += 1;
                return Ok(Cow::Borrowed(text));
            }
            b'\\' => {}
            _ => return Err(ParseError::Syntax),
        }
        let mut owned = String::with_capacity(self.pos - start + 16);
        owned.push_str(&self.text[start..self.pos]);
        loop {
            match self.peek().ok_or(ParseError::Syntax)? {
                b'"' => {
                    self.pos += 1;
                    return Ok(Cow::Owned(owned));
                }
                b'\\' => {
                    self.pos += 1;
                    self.escape(&mut owned)?;
                }
                _ => return Err(ParseError::Syntax),
            }
            let run_start = self.pos;
            self.plain_run();
            owned.push_str(&self.text[run_start..self.pos]);
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let byte = self.peek().ok_or(ParseError::Syntax)?;
        self.pos += 1;
        let ch = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => self.unicode_escape()?,
            _ => return Err(ParseError::Syntax),
        };
        out.push(ch);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .ok_or(ParseError::Syntax)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ParseError::Syntax);
        }
        self.pos += 4;
        u32::from_str_radix(digits, 16).map_err(|_| ParseError::Syntax)
    }

    /// `\uXXXX`, joining surrogate pairs; a lone surrogate becomes U+FFFD.
    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let first = self.hex4()?;
        if (0xd800..0xdc00).contains(&first) && self.bytes[self.pos..].starts_with(b"\\u") {
            let save = self.pos;
            self.pos += 2;
            let second = self.hex4()?;
            if (0xdc00..0xe000).contains(&second) {
                let code = 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00);
                return Ok(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            self.pos = save;
        }
        Ok(char::from_u32(first).unwrap_or('\u{fffd}'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Value<'_> {
        parse(text, 8).unwrap_or_else(|e| panic!("{text:?}: {e:?}"))
    }

    #[test]
    fn parses_every_kind_and_borrows_plain_strings() {
        let value =
            ok(r#" {"a":1,"b":[true,false,null,-0.5e+3],"c":"x\"y","d":{},"e":[],"f":"plain"} "#);
        assert_eq!(value.get("a"), Some(&Value::Number(Number("1"))));
        assert!(matches!(
            value.get("f"),
            Some(Value::String(Cow::Borrowed("plain")))
        ));
        assert_eq!(value.get("c").and_then(Value::as_str), Some("x\"y"));
        assert_eq!(value.get("missing"), None);
        assert_eq!(
            ok(r#"{"k":1,"k":2}"#).get("k"),
            Some(&Value::Number(Number("2"))),
            "last wins"
        );
    }

    #[test]
    fn escapes_and_surrogates() {
        assert_eq!(
            ok(r#""\u00e9\u4e2d\ud83d\ude00\n\/""#).as_str(),
            Some("é中😀\n/")
        );
        assert_eq!(ok(r#""\ud800x""#).as_str(), Some("\u{fffd}x"));
        assert_eq!(ok(r#""\udc00""#).as_str(), Some("\u{fffd}"));
        assert_eq!(ok(r#""\ud800\u0041""#).as_str(), Some("\u{fffd}A"));
        assert_eq!(ok("\"中文\\n中文\"").as_str(), Some("中文\n中文"));
    }

    #[test]
    fn rejects_what_json_rejects() {
        for bad in [
            "",
            " ",
            "{",
            "}",
            "[1,]",
            "{\"a\":1,}",
            "{a:1}",
            "'x'",
            "01",
            "1.",
            ".5",
            "1e",
            "-",
            "+1",
            "\"\u{1}\"",
            "\"\\x\"",
            "\"\\u12\"",
            "\"\\u12G4\"",
            "tru",
            "nul",
            "{\"a\" 1}",
            "[1 2]",
            "1 2",
            "{\"a\":1}x",
            "\"unterminated",
            "NaN",
            "Infinity",
        ] {
            assert_eq!(parse(bad, 8), Err(ParseError::Syntax), "{bad:?}");
        }
    }

    #[test]
    fn depth_is_bounded_while_parsing() {
        assert!(parse(&format!("{}{}", "[".repeat(8), "]".repeat(8)), 8).is_ok());
        assert_eq!(
            parse(&format!("{}{}", "[".repeat(9), "]".repeat(9)), 8),
            Err(ParseError::TooDeep)
        );
        assert_eq!(
            parse(&"[".repeat(100_000), 8),
            Err(ParseError::TooDeep),
            "no stack overflow"
        );
    }

    #[test]
    fn numbers() {
        let n = |text| {
            let value = ok(text);
            let Value::Number(n) = value else {
                panic!("{value:?}")
            };
            n
        };
        assert_eq!(n("42").as_u64(), Some(42));
        assert_eq!(n("18446744073709551615").as_u64(), Some(u64::MAX));
        assert_eq!(n("18446744073709551616").as_u64(), None);
        assert_eq!(n("1.5").as_u64(), None);
        assert!(n("-1").is_negative());
        assert!(!n("-0").is_negative());
        assert!(n("1e30").is_integral());
        assert!(!n("1.5").is_integral());
    }
}
