//! zlib inflate (RFC 1950 and 1951), bounded, for the one small stream inside a UserSig.
//!
//! The production module only ever inflates a UserSig's few hundred bytes. miniz_oxide (via
//! flate2), built for speed on large streams, was about 12 KiB of that module; this decoder is
//! a straightforward canonical-Huffman inflater in the manner of zlib's `puff.c`: one bit at a
//! time, no lookup tables. It accepts exactly one complete zlib stream (header, blocks, Adler-32
//! trailer, nothing after it) and stops as soon as the output would exceed the cap.

/// Why a stream did not inflate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum InflateError {
    /// Not one complete, valid zlib stream.
    Invalid,
    /// The output would exceed the cap.
    TooLarge,
}

use InflateError::Invalid;

/// The input, read least significant bit first.
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    buffer: u32,
    count: u32,
}

impl Bits<'_> {
    /// The next `n` (≤ 16) bits.
    fn take(&mut self, n: u32) -> Result<u32, InflateError> {
        while self.count < n {
            let byte = *self.data.get(self.pos).ok_or(Invalid)?;
            self.pos += 1;
            self.buffer |= u32::from(byte) << self.count;
            self.count += 8;
        }
        let value = self.buffer & ((1 << n) - 1);
        self.buffer >>= n;
        self.count -= n;
        Ok(value)
    }

    /// Drops the bits left in the current byte.
    fn align(&mut self) {
        self.buffer = 0;
        self.count = 0;
    }

    /// The next `n` whole bytes (after [`align`](Self::align)).
    fn bytes(&mut self, n: usize) -> Result<&[u8], InflateError> {
        let bytes = self.data.get(self.pos..self.pos + n).ok_or(Invalid)?;
        self.pos += n;
        Ok(bytes)
    }
}

/// A canonical Huffman code: how many codes have each length, and the symbols in code order.
struct Huffman {
    counts: [u16; 16],
    symbols: [u16; 288],
}

impl Huffman {
    /// The code for `lengths` (one per symbol, 0 = unused). Over-subscribed sets are invalid;
    /// incomplete ones are accepted, and reading an unassigned code is an error.
    fn new(lengths: &[u8]) -> Result<Self, InflateError> {
        let mut counts = [0u16; 16];
        for &length in lengths {
            counts[usize::from(length)] += 1;
        }
        counts[0] = 0;
        let mut left: i32 = 1;
        for &count in &counts[1..] {
            left = (left << 1) - i32::from(count);
            if left < 0 {
                return Err(Invalid);
            }
        }
        let mut offsets = [0u16; 16];
        for length in 1..15 {
            offsets[length + 1] = offsets[length] + counts[length];
        }
        let mut symbols = [0u16; 288];
        for (symbol, &length) in lengths.iter().enumerate() {
            if length != 0 {
                let slot = &mut offsets[usize::from(length)];
                symbols[usize::from(*slot)] = symbol as u16;
                *slot += 1;
            }
        }
        Ok(Self { counts, symbols })
    }

    /// Reads one symbol.
    fn decode(&self, bits: &mut Bits<'_>) -> Result<usize, InflateError> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for &count in &self.counts[1..] {
            code |= bits.take(1)? as i32;
            let count = i32::from(count);
            if code - first < count {
                return Ok(usize::from(self.symbols[(index + code - first) as usize]));
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(Invalid)
    }
}

const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DISTANCE_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
/// The order in which a dynamic block lists its code-length code lengths.
const CODE_LENGTH_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// The output, capped.
struct Output {
    bytes: Vec<u8>,
    max: usize,
}

impl Output {
    fn push(&mut self, byte: u8) -> Result<(), InflateError> {
        if self.bytes.len() >= self.max {
            return Err(InflateError::TooLarge);
        }
        self.bytes.push(byte);
        Ok(())
    }
}

/// The fixed codes of block type 1.
fn fixed_codes() -> Result<(Huffman, Huffman), InflateError> {
    let mut lengths = [8u8; 288];
    lengths[144..256].fill(9);
    lengths[256..280].fill(7);
    Ok((Huffman::new(&lengths)?, Huffman::new(&[5; 30])?))
}

/// The codes a dynamic block (type 2) describes.
fn dynamic_codes(bits: &mut Bits<'_>) -> Result<(Huffman, Huffman), InflateError> {
    let literals = bits.take(5)? as usize + 257;
    let distances = bits.take(5)? as usize + 1;
    let code_lengths = bits.take(4)? as usize + 4;
    if literals > 286 || distances > 30 {
        return Err(Invalid);
    }
    let mut lengths = [0u8; 19];
    for &symbol in &CODE_LENGTH_ORDER[..code_lengths] {
        lengths[symbol] = bits.take(3)? as u8;
    }
    let length_code = Huffman::new(&lengths)?;
    let mut lengths = [0u8; 286 + 30];
    let total = literals + distances;
    let mut at = 0;
    while at < total {
        let symbol = length_code.decode(bits)?;
        let (value, repeat) = match symbol {
            0..=15 => (symbol as u8, 1),
            16 => {
                let previous = *lengths[..at].last().ok_or(Invalid)?;
                (previous, 3 + bits.take(2)? as usize)
            }
            17 => (0, 3 + bits.take(3)? as usize),
            _ => (0, 11 + bits.take(7)? as usize),
        };
        if at + repeat > total {
            return Err(Invalid);
        }
        lengths[at..at + repeat].fill(value);
        at += repeat;
    }
    if lengths[256] == 0 {
        return Err(Invalid);
    }
    Ok((
        Huffman::new(&lengths[..literals])?,
        Huffman::new(&lengths[literals..total])?,
    ))
}

/// One Huffman-coded block, up to and including its end-of-block symbol.
fn codes(
    bits: &mut Bits<'_>,
    out: &mut Output,
    (literals, distances): &(Huffman, Huffman),
) -> Result<(), InflateError> {
    loop {
        let symbol = literals.decode(bits)?;
        if symbol < 256 {
            out.push(symbol as u8)?;
            continue;
        }
        if symbol == 256 {
            return Ok(());
        }
        let index = symbol - 257;
        let length = usize::from(*LENGTH_BASE.get(index).ok_or(Invalid)?)
            + bits.take(u32::from(LENGTH_EXTRA[index]))? as usize;
        let index = distances.decode(bits)?;
        let distance = usize::from(*DISTANCE_BASE.get(index).ok_or(Invalid)?)
            + bits.take(u32::from(DISTANCE_EXTRA[index]))? as usize;
        if distance > out.bytes.len() {
            return Err(Invalid);
        }
        for _ in 0..length {
            out.push(out.bytes[out.bytes.len() - distance])?;
        }
    }
}

/// Adler-32 of `bytes`.
fn adler32(bytes: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in bytes {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    (b << 16) | a
}

/// Inflates one complete zlib stream into at most `max` bytes.
pub(super) fn inflate(data: &[u8], max: usize) -> Result<Vec<u8>, InflateError> {
    let (&cmf, &flg) = (data.first().ok_or(Invalid)?, data.get(1).ok_or(Invalid)?);
    let header_ok = cmf & 0x0f == 8
        && cmf >> 4 <= 7
        && (u16::from(cmf) << 8 | u16::from(flg)) % 31 == 0
        && flg & 0x20 == 0;
    if !header_ok {
        return Err(Invalid);
    }
    let mut bits = Bits {
        data,
        pos: 2,
        buffer: 0,
        count: 0,
    };
    let mut out = Output {
        bytes: Vec::with_capacity((data.len() * 4).min(max)),
        max,
    };
    loop {
        let last = bits.take(1)? == 1;
        match bits.take(2)? {
            0 => {
                bits.align();
                let header = bits.bytes(4)?;
                let length = u16::from_le_bytes([header[0], header[1]]);
                if length != !u16::from_le_bytes([header[2], header[3]]) {
                    return Err(Invalid);
                }
                for &byte in bits.bytes(usize::from(length))? {
                    out.push(byte)?;
                }
            }
            1 => codes(&mut bits, &mut out, &fixed_codes()?)?,
            2 => {
                let codes_of_block = dynamic_codes(&mut bits)?;
                codes(&mut bits, &mut out, &codes_of_block)?;
            }
            _ => return Err(Invalid),
        }
        if last {
            break;
        }
    }
    bits.align();
    let trailer = bits.bytes(4)?;
    let checksum = u32::from_be_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
    if checksum != adler32(&out.bytes) || bits.pos != data.len() {
        return Err(Invalid);
    }
    Ok(out.bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{write::ZlibEncoder, Compression};
    use proptest::prelude::*;
    use std::io::Write as _;

    fn deflate(data: &[u8], level: u32) -> Vec<u8> {
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::new(level));
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    /// What flate2 (miniz_oxide) makes of `data`: the output, or None.
    fn reference(data: &[u8]) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut decoder = flate2::Decompress::new(true);
        out.reserve(1 << 20);
        match decoder.decompress_vec(data, &mut out, flate2::FlushDecompress::Finish) {
            Ok(flate2::Status::StreamEnd) if decoder.total_in() as usize == data.len() => Some(out),
            _ => None,
        }
    }

    #[test]
    fn every_block_type_inflates() {
        let text = b"{\"TLS.ver\":\"2.0\",\"TLS.identifier\":\"alice\"}".repeat(40);
        for level in 0..=9 {
            assert_eq!(
                inflate(&deflate(&text, level), 1 << 16).unwrap(),
                text,
                "level {level}"
            );
        }
        assert_eq!(inflate(&deflate(b"", 6), 10).unwrap(), b"");
    }

    #[test]
    fn the_cap_is_exact() {
        let data = vec![7u8; 1000];
        let stream = deflate(&data, 9);
        assert_eq!(inflate(&stream, 1000).unwrap(), data);
        assert_eq!(inflate(&stream, 999), Err(InflateError::TooLarge));
    }

    #[test]
    fn broken_streams_are_invalid() {
        let good = deflate(b"hello hello hello", 6);
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
            assert_eq!(inflate(bad, 1 << 16), Err(Invalid), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_miniz_oxide(data in proptest::collection::vec(0u8..8, 0..3000), level in 0u32..=9) {
            let stream = deflate(&data, level);
            prop_assert_eq!(inflate(&stream, 1 << 16), Ok(data));
        }

        #[test]
        fn corrupted_streams_never_panic_and_agree_when_accepted(
            data in proptest::collection::vec(any::<u8>(), 0..400),
            level in 0u32..=9,
            flips in proptest::collection::vec((any::<usize>(), 0u8..8), 1..4),
        ) {
            let mut stream = deflate(&data, level);
            for (at, bit) in flips {
                let at = at % stream.len();
                stream[at] ^= 1 << bit;
            }
            if let Ok(ours) = inflate(&stream, 1 << 16) {
                prop_assert_eq!(Some(ours), reference(&stream));
            }
        }
    }
}
