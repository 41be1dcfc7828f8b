//! The zlib layer of a UserSig (RFC 1950): flate2 (miniz_oxide) for both directions, plus what
//! a UserSig decoder needs on top: a cap on the output (a few hundred bytes are expected, so a
//! larger stream is a zlib bomb) and exactly one complete stream with nothing after it.
//! miniz_oxide checks the Adler-32 trailer itself (`broken_streams_are_invalid` pins that).

use flate2::{Decompress, FlushDecompress, Status};

/// Why a stream did not inflate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum InflateError {
    /// Not one complete, valid zlib stream.
    Invalid,
    /// The output would exceed the cap.
    TooLarge,
}

/// Inflates `stream`, which must be exactly one complete zlib stream (correct Adler-32, no
/// bytes after it), into at most `cap` bytes.
pub(super) fn inflate(stream: &[u8], cap: usize) -> Result<Vec<u8>, InflateError> {
    let mut inflater = Decompress::new(true);
    // One byte over the cap tells "too large" from "exactly the cap".
    let mut out = Vec::with_capacity(cap.saturating_add(1));
    let status = inflater
        .decompress_vec(stream, &mut out, FlushDecompress::Finish)
        .map_err(|_| InflateError::Invalid)?;
    if out.len() > cap {
        return Err(InflateError::TooLarge);
    }
    let consumed_all = usize::try_from(inflater.total_in()).is_ok_and(|n| n == stream.len());
    if status == Status::StreamEnd && consumed_all {
        Ok(out)
    } else {
        Err(InflateError::Invalid)
    }
}

/// Compresses `data` into a zlib stream at the default level (Tencent's Node library does).
#[cfg(feature = "sign")]
pub(super) fn deflate(data: &[u8]) -> Vec<u8> {
    use flate2::{write::ZlibEncoder, Compression};
    use std::io::Write as _;

    let mut encoder = ZlibEncoder::new(Vec::with_capacity(data.len()), Compression::default());
    // Writing into a Vec cannot fail.
    encoder
        .write_all(data)
        .and_then(|()| encoder.finish())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{write::ZlibEncoder, Compression};
    use std::io::Write as _;

    fn deflate_at(data: &[u8], level: u32) -> Vec<u8> {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::new(level));
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn every_level_inflates() {
        let text = b"{\"TLS.ver\":\"2.0\",\"TLS.identifier\":\"alice\"}".repeat(40);
        for level in 0..=9 {
            assert_eq!(
                inflate(&deflate_at(&text, level), 1 << 16).unwrap(),
                text,
                "level {level}"
            );
        }
        assert_eq!(inflate(&deflate_at(b"", 6), 10).unwrap(), b"");
    }

    #[test]
    fn the_cap_is_exact() {
        let data = vec![7u8; 1000];
        let stream = deflate_at(&data, 9);
        assert_eq!(inflate(&stream, 1000).unwrap(), data);
        assert_eq!(inflate(&stream, 999), Err(InflateError::TooLarge));
    }

    #[test]
    fn broken_streams_are_invalid() {
        let good = deflate_at(b"hello hello hello", 6);
        let mut bad_checksum = good.clone();
        *bad_checksum.last_mut().unwrap() ^= 1;
        let mut trailing = good.clone();
        trailing.push(0);
        let mut preset_dictionary = good.clone();
        preset_dictionary[1] |= 0x20;
        for bad in [
            &[][..],
            &[0x78][..],
            &good[..good.len() - 1],
            &bad_checksum,
            &trailing,
            &preset_dictionary,
            &[0x79, 0x9c, 3, 0, 0, 0, 0, 1][..],
            &[0x78, 0x9c, 0x07, 0, 0, 0, 0, 1][..],
        ] {
            assert_eq!(inflate(bad, 1 << 16), Err(InflateError::Invalid), "{bad:?}");
        }
    }

    #[cfg(feature = "sign")]
    #[test]
    fn deflate_then_inflate_round_trips() {
        let json = br#"{"TLS.ver":"2.0"}"#;
        assert_eq!(inflate(&deflate(json), 100).unwrap(), json);
    }
}
