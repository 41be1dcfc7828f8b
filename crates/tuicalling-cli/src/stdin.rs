//! Bounded reading of standard input for the `signal` commands. [`read_limited`] works on any
//! reader; only `main.rs` hands it the real stdin.

use std::fmt;
use std::io::Read;

/// Most bytes read from stdin (1 MiB). A signal is at most 16 KiB, so anything near this is
/// not one; the bound keeps a mistaken `cat bigfile |` from filling memory.
pub const MAX_STDIN_BYTES: usize = 1024 * 1024;

/// Why stdin could not be used. Every case is a usage error (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StdinError {
    /// More than [`MAX_STDIN_BYTES`].
    TooLarge {
        /// The limit.
        max: usize,
    },
    /// The bytes are not UTF-8 text.
    NotUtf8,
    /// Reading failed.
    Io(String),
}

impl fmt::Display for StdinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { max } => write!(f, "stdin is larger than {max} bytes"),
            Self::NotUtf8 => f.write_str("stdin is not valid UTF-8"),
            Self::Io(error) => write!(f, "cannot read stdin: {error}"),
        }
    }
}

/// Reads all of `reader` as UTF-8 text, failing once it holds more than `max` bytes (at most
/// `max + 1` bytes are read).
pub fn read_limited(reader: impl Read, max: usize) -> Result<String, StdinError> {
    let mut bytes = Vec::new();
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    reader
        .take(limit)
        .read_to_end(&mut bytes)
        .map_err(|error| StdinError::Io(error.to_string()))?;
    if bytes.len() > max {
        return Err(StdinError::TooLarge { max });
    }
    String::from_utf8(bytes).map_err(|_| StdinError::NotUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_up_to_the_limit() {
        assert_eq!(read_limited(&b"abcd"[..], 4), Ok("abcd".into()));
        assert_eq!(read_limited(&b""[..], 4), Ok(String::new()));
        assert_eq!(
            read_limited(&b"abcde"[..], 4),
            Err(StdinError::TooLarge { max: 4 })
        );
        assert_eq!(read_limited(&b"\xff"[..], 4), Err(StdinError::NotUtf8));
        assert_eq!(
            StdinError::TooLarge {
                max: MAX_STDIN_BYTES
            }
            .to_string(),
            "stdin is larger than 1048576 bytes"
        );
    }
}
