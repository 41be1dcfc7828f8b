//! A small seeded generator (splitmix64) for invite ids and room ids: the core draws no
//! randomness of its own, so runs replay exactly from their seed.

/// splitmix64 state.
#[derive(Debug, Clone)]
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A UUID v4 string, like TSignaling's invite ids.
    pub(super) fn uuid_v4(&mut self) -> String {
        let (high, low) = (self.next_u64(), self.next_u64());
        let high = (high & 0xffff_ffff_ffff_0fff) | 0x4000;
        let low = (low & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
        let mut id = String::with_capacity(36);
        for (value, digits) in [
            (high >> 32, 8),
            ((high >> 16) & 0xffff, 4),
            (high & 0xffff, 4),
            (low >> 48, 4),
            (low & 0xffff_ffff_ffff, 12),
        ] {
            if !id.is_empty() {
                id.push('-');
            }
            for shift in (0..digits).rev() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                id.push(char::from(HEX[((value >> (4 * shift)) & 0xf) as usize]));
            }
        }
        id
    }

    /// A TRTC room id in 1..=2147483646, which native Android can parse as a Java int.
    pub(super) fn room_id(&mut self) -> u32 {
        (self.next_u64() % 2_147_483_646) as u32 + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_v4_and_rooms_fit_an_int() {
        let mut rng = Rng::new(7);
        let id = rng.uuid_v4();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
        assert_ne!(rng.uuid_v4(), id);
        for _ in 0..1000 {
            let room = rng.room_id();
            assert!((1..=2_147_483_646).contains(&room));
        }
        assert_eq!(Rng::new(7).uuid_v4(), id, "same seed, same ids");
    }
}
