//! Fuzzes `usersig::decode` (Tencent's base64 variant → bounded zlib inflate → JSON claims):
//! any input gives `Ok` or a typed error without panicking. Half of the inputs are armored
//! here first (the fuzz bytes become the zlib stream), so the inflater and the JSON reader see
//! arbitrary data too, and flate2 is the oracle for what is a complete, valid zlib stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tuicalling_core::usersig::{decode, UserSigError, MAX_INFLATED_BYTES, MAX_USERSIG_CHARS};

/// Tencent's armor: standard base64 with `+/=` replaced by `*-_`.
fn armor(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('_');
            }
        }
    }
    out
}

/// flate2's verdict on `stream` as one complete zlib stream (header, data, Adler-32, nothing
/// after): Some(inflated, up to the cap + 1 bytes) or None.
fn oracle(stream: &[u8]) -> Option<Vec<u8>> {
    let mut inflater = flate2::Decompress::new(true);
    let mut out = Vec::with_capacity(MAX_INFLATED_BYTES + 1);
    let status = inflater
        .decompress_vec(stream, &mut out, flate2::FlushDecompress::Finish)
        .ok()?;
    if out.len() > MAX_INFLATED_BYTES {
        return Some(out);
    }
    // flate2's Rust backend does not check the Adler-32 trailer (zlib and node do): check it.
    let trailer = stream.len().checked_sub(4).map(|at| &stream[at..])?;
    (status == flate2::Status::StreamEnd
        && inflater.total_in() == stream.len() as u64
        && trailer == adler32(&out).to_be_bytes())
    .then_some(out)
}

/// The zlib checksum (RFC 1950).
fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode & 1 == 0 {
        let _ = decode(&String::from_utf8_lossy(rest));
        return;
    }
    let text = armor(rest);
    let result = decode(&text);
    if text.len() > MAX_USERSIG_CHARS || text.is_empty() {
        return;
    }
    match oracle(rest) {
        None => assert!(
            matches!(result, Err(UserSigError::BadZlib)),
            "flate2 rejects the stream, we gave {result:?}"
        ),
        Some(inflated) if inflated.len() > MAX_INFLATED_BYTES => assert!(
            matches!(result, Err(UserSigError::InflatedTooLarge { .. })),
            "over the cap, we gave {result:?}"
        ),
        Some(_) => assert!(
            !matches!(
                result,
                Err(UserSigError::BadZlib
                    | UserSigError::BadBase64
                    | UserSigError::InflatedTooLarge { .. })
            ),
            "flate2 accepts the stream, we gave {result:?}"
        ),
    }
});
