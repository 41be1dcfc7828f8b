//! The PrivateMapKey grant: the binary `userbuf` that restricts a signature to one TRTC room
//! and a set of privileges.
//!
//! Big-endian layout: `ver:u8` (0 numeric room, 1 string room) · `accountLen:u16` · account ·
//! `sdkappid:u32` · `roomid:u32` (0 for string rooms) · `expireAt:u32` (absolute unix seconds)
//! · `privilegeMap:u32` · `accountType:u32` (0) · [`roomStrLen:u16` · room string].

use super::UserSigError;
use crate::room::RoomId;
#[cfg(feature = "sign")]
use crate::room::MAX_STR_ROOM_ID_BYTES;

/// Bits of the PrivateMapKey privilege map.
pub mod privilege {
    /// May create the room.
    pub const CREATE_ROOM: u32 = 1;
    /// May enter the room.
    pub const ENTER_ROOM: u32 = 2;
    /// May send audio.
    pub const SEND_AUDIO: u32 = 4;
    /// May receive audio.
    pub const RECV_AUDIO: u32 = 8;
    /// May send video.
    pub const SEND_VIDEO: u32 = 16;
    /// May receive video.
    pub const RECV_VIDEO: u32 = 32;
    /// May send the auxiliary (screen-share) stream.
    pub const SEND_AUX: u32 = 64;
    /// May receive the auxiliary (screen-share) stream.
    pub const RECV_AUX: u32 = 128;
    /// Every privilege.
    pub const ALL: u32 = 255;
}

/// What a PrivateMapKey allows: one account, in one room, until `expires_at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateMapKeyGrant {
    /// The user id the grant is for.
    pub account: String,
    /// The SDKAppID.
    pub sdk_app_id: u32,
    /// The room the grant is for.
    pub room: RoomId,
    /// Absolute expiry, unix seconds.
    pub expires_at: u32,
    /// Bitwise OR of [`privilege`] constants.
    pub privileges: u32,
}

const FIELD: &str = "TLS.userbuf";

/// A big-endian reader that reports truncation as an invalid userbuf.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Result<&'a [u8], UserSigError> {
        if self.0.len() < len {
            return Err(UserSigError::InvalidField(FIELD));
        }
        let (head, tail) = self.0.split_at(len);
        self.0 = tail;
        Ok(head)
    }

    fn u8(&mut self) -> Result<u8, UserSigError> {
        Ok(self.take(1)?[0])
    }

    fn u16(&mut self) -> Result<u16, UserSigError> {
        let bytes = self.take(2)?;
        Ok(u16::from_be_bytes([bytes[0], bytes[1]]))
    }

    fn u32(&mut self) -> Result<u32, UserSigError> {
        let bytes = self.take(4)?;
        Ok(u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    fn utf8(&mut self, len: usize) -> Result<String, UserSigError> {
        let bytes = self.take(len)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| UserSigError::InvalidField(FIELD))
    }
}

impl PrivateMapKeyGrant {
    /// Checks the grant's own ranges before it is signed.
    #[cfg(feature = "sign")]
    pub(super) fn validate(&self) -> Result<(), UserSigError> {
        if self.privileges == 0 || self.privileges > privilege::ALL {
            return Err(UserSigError::InvalidArgument(
                "privilege map must be 1..=255 (see privilege::*)",
            ));
        }
        match &self.room {
            RoomId::Numeric(0) => Err(UserSigError::InvalidArgument("room id must be non-zero")),
            RoomId::Str(room) if room.is_empty() || room.len() > MAX_STR_ROOM_ID_BYTES => Err(
                UserSigError::InvalidArgument("string room id must be 1..=64 bytes"),
            ),
            RoomId::Numeric(_) | RoomId::Str(_) => Ok(()),
        }
    }

    /// Encodes the grant as the binary userbuf.
    pub fn to_userbuf(&self) -> Vec<u8> {
        let (version, numeric_room, room_str) = match &self.room {
            RoomId::Numeric(id) => (0u8, *id, None),
            RoomId::Str(room) => (1u8, 0, Some(room.as_bytes())),
        };
        let account = self.account.as_bytes();
        let mut buf = Vec::with_capacity(25 + account.len() + room_str.map_or(0, <[u8]>::len));
        buf.push(version);
        buf.extend_from_slice(&(account.len() as u16).to_be_bytes());
        buf.extend_from_slice(account);
        for word in [
            self.sdk_app_id,
            numeric_room,
            self.expires_at,
            self.privileges,
            0,
        ] {
            buf.extend_from_slice(&word.to_be_bytes());
        }
        if let Some(room) = room_str {
            buf.extend_from_slice(&(room.len() as u16).to_be_bytes());
            buf.extend_from_slice(room);
        }
        buf
    }

    /// Parses a binary userbuf. Truncation, trailing bytes, an unknown version or a non-UTF-8
    /// string are `InvalidField("TLS.userbuf")`.
    pub fn from_userbuf(userbuf: &[u8]) -> Result<Self, UserSigError> {
        let mut reader = Reader(userbuf);
        let version = reader.u8()?;
        let account_len = usize::from(reader.u16()?);
        let account = reader.utf8(account_len)?;
        let sdk_app_id = reader.u32()?;
        let numeric_room = reader.u32()?;
        let expires_at = reader.u32()?;
        let privileges = reader.u32()?;
        let _account_type = reader.u32()?;
        let room = match version {
            0 => RoomId::Numeric(numeric_room),
            1 => {
                let len = usize::from(reader.u16()?);
                RoomId::Str(reader.utf8(len)?)
            }
            _ => return Err(UserSigError::InvalidField(FIELD)),
        };
        if !reader.0.is_empty() {
            return Err(UserSigError::InvalidField(FIELD));
        }
        Ok(Self {
            account,
            sdk_app_id,
            room,
            expires_at,
            privileges,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    // Layouts produced by Tencent's tls-sig-api-v2 (platform.md §E.4).
    const NUMERIC: &str = "0000077869616f6a756e53724e000000271066413f00000000ff00000000";
    const STRING: &str =
        "0100077869616f6a756e53724e00000000006553f22c0000002a000000000005726f6f6d31";

    #[test]
    fn matches_tencent_layouts_both_ways() {
        let numeric = PrivateMapKeyGrant {
            account: "xiaojun".into(),
            sdk_app_id: 1_400_000_000,
            room: RoomId::Numeric(10_000),
            expires_at: 1_700_000_000 + 15_552_000,
            privileges: privilege::ALL,
        };
        assert_eq!(numeric.to_userbuf(), hex(NUMERIC));
        assert_eq!(
            PrivateMapKeyGrant::from_userbuf(&hex(NUMERIC)).unwrap(),
            numeric
        );

        let string = PrivateMapKeyGrant {
            account: "xiaojun".into(),
            sdk_app_id: 1_400_000_000,
            room: RoomId::Str("room1".into()),
            expires_at: 1_700_000_300,
            privileges: 42,
        };
        assert_eq!(string.to_userbuf(), hex(STRING));
        assert_eq!(
            PrivateMapKeyGrant::from_userbuf(&hex(STRING)).unwrap(),
            string
        );
    }

    #[test]
    fn every_truncation_and_extension_is_rejected() {
        for layout in [NUMERIC, STRING] {
            let full = hex(layout);
            for len in 0..full.len() {
                assert_eq!(
                    PrivateMapKeyGrant::from_userbuf(&full[..len]),
                    Err(UserSigError::InvalidField(FIELD)),
                    "{layout} cut at {len}"
                );
            }
            let mut longer = full.clone();
            longer.push(0);
            assert!(PrivateMapKeyGrant::from_userbuf(&longer).is_err());
        }
        let mut unknown_version = hex(NUMERIC);
        unknown_version[0] = 2;
        assert!(PrivateMapKeyGrant::from_userbuf(&unknown_version).is_err());
    }

    #[cfg(feature = "sign")]
    #[test]
    fn validate_rejects_unusable_grants() {
        let mut grant = PrivateMapKeyGrant::from_userbuf(&hex(NUMERIC)).unwrap();
        assert!(grant.validate().is_ok());
        grant.privileges = 0;
        assert!(grant.validate().is_err());
        grant.privileges = 256;
        assert!(grant.validate().is_err());
        grant.privileges = privilege::ENTER_ROOM;
        grant.room = RoomId::Numeric(0);
        assert!(grant.validate().is_err());
        grant.room = RoomId::Str(String::new());
        assert!(grant.validate().is_err());
        grant.room = RoomId::Str("r".repeat(MAX_STR_ROOM_ID_BYTES + 1));
        assert!(grant.validate().is_err());
        grant.room = RoomId::Str("r".repeat(MAX_STR_ROOM_ID_BYTES));
        assert!(grant.validate().is_ok());
    }
}
