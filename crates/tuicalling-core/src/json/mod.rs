//! A small, strict, bounded JSON reader that borrows from its input, and a writer
//! ([`write`]) with serde_json's compact output.
//!
//! Signals and UserSigs are small JSON documents read on every message. serde_json's generic
//! `Value` parser allocated every key and value and, compiled for size, cost about 14 µs per
//! signal in wasm and a large share of the module; this reader borrows strings that need no
//! unescaping, keeps objects as short vectors, and enforces the depth bound while parsing.
//!
//! It accepts exactly RFC 8259 JSON (no comments, no trailing commas, no raw control characters
//! in strings). Lone UTF-16 surrogates in `\u` escapes become U+FFFD, as a lenient
//! `JSON.parse` + UTF-8 conversion would.

mod parse;
mod value;
pub mod write;

pub(crate) use parse::{parse, ParseError};
pub(crate) use value::Value;
