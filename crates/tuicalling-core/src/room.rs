//! TRTC room ids, shared by signaling (`room_id`, `str_room_id`) and PrivateMapKeys.

/// Longest string room id TRTC accepts, in bytes.
pub const MAX_STR_ROOM_ID_BYTES: usize = 64;

/// A TRTC room id: numeric (`roomid=` / `room_id`) or string (`strroomid=` / `str_room_id`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RoomId {
    /// A numeric room id, 1 ..= u32::MAX (0 means "no room" on the wire).
    Numeric(u32),
    /// A string room id, 1 ..= 64 bytes.
    Str(String),
}
