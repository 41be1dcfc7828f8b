//! The signals we send, in the original's V1 shapes plus `data.inviter`, without its defects.
//! Call invites and accepts, and media switches, also carry `data.excludeFromHistoryMessage:
//! true`, as the current engines' do, so that chat UIs hide them; every other signal stays a
//! visible call record. Call invites and accepts carry `data.sendsHangupNotice: true` (ours):
//! between two clients that both send it, the side that hangs up a 1v1 call sends the notice.
//!
//! | signal | envelope | call data |
//! |---|---|---|
//! | call invite | invite, timeout 30 | `call_type`, `room_id`, `cmd` audioCall/videoCall, `userIDs` for multi-C2C, `excludeFromHistoryMessage`, `sendsHangupNotice` |
//! | accept | timeout 0 | `call_type`, `cmd` (no room), `excludeFromHistoryMessage`, `sendsHangupNotice` |
//! | reject / cancel | timeout 0 | `call_type`, `cmd` (no room) |
//! | busy reject | timeout 0 | `call_type`, `cmd`, `line_busy`, `message:"lineBusy"` (the original dropped `call_type`/`cmd`) |
//! | timeout notice | timeout 0 | the original invitation's data (not hidden) |
//! | hang-up notice | new invite, timeout 0 | `call_type`, `call_end`, `cmd:"hangup"`, no room (the engine adds the room to its 1v1 notices, as the current engines do) |
//! | switch request | invite, timeout 30 | `call_type` (current), `room_id`, switch fields, `excludeFromHistoryMessage` |
//! | switch accept | accept, timeout 0 | `call_type` (as received), switch fields, `excludeFromHistoryMessage` |

use super::model::{Action, Cmd, MediaType, RejectReason, Signal};
use super::{AV_CALL_VERSION, DEFAULT_INVITE_TIMEOUT_SECS, PLATFORM};
use crate::RoomId;

/// Who is calling whom, for a new call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCall {
    /// A fresh invite id (a UUID v4 string).
    pub invite_id: String,
    /// The local user.
    pub inviter: String,
    /// The users this invitation rings.
    pub invitees: Vec<String>,
    /// The IM group, or empty for C2C.
    pub group_id: String,
    /// Audio or video.
    pub media: MediaType,
    /// The TRTC room.
    pub room: u32,
    /// For multi-C2C calls: everyone invited (each per-user invitation carries it).
    pub user_ids: Option<Vec<String>>,
    /// Seconds the invitation rings (30 by default).
    pub timeout: u32,
}

fn base(
    action: Action,
    invite_id: &str,
    inviter: &str,
    invitees: Vec<String>,
    group_id: &str,
) -> Signal {
    Signal {
        action,
        invite_id: invite_id.to_owned(),
        inviter: inviter.to_owned(),
        invitees,
        group_id: group_id.to_owned(),
        timeout: 0,
        call_type: None,
        room: None,
        call_end: None,
        busy: false,
        switch_to: None,
        cmd: None,
        user_ids: None,
        platform: Some(PLATFORM.to_owned()),
        version: Some(AV_CALL_VERSION),
        data_inviter: Some(inviter.to_owned()),
        consumed: false,
        exclude_from_history: false,
        sends_hangup_notice: false,
        in_call_user_ids: None,
    }
}

/// A new call invitation. It never carries `call_end` (old clients read that as a hang-up);
/// chat UIs hide it (`excludeFromHistoryMessage`).
pub fn call_invite(call: NewCall) -> Signal {
    let mut signal = base(
        Action::Invite,
        &call.invite_id,
        &call.inviter,
        call.invitees,
        &call.group_id,
    );
    signal.timeout = if call.timeout == 0 {
        DEFAULT_INVITE_TIMEOUT_SECS
    } else {
        call.timeout
    };
    signal.call_type = Some(call.media);
    signal.cmd = Some(call.media.call_cmd());
    signal.room = Some(RoomId::Numeric(call.room));
    signal.user_ids = call.user_ids;
    signal.exclude_from_history = true;
    signal.sends_hangup_notice = true;
    signal
}

/// A response (accept, reject or cancel) to `invite`, from `responder`, naming `invitees`.
fn response(invite: &Signal, action: Action, invitees: Vec<String>) -> Signal {
    let mut signal = base(
        action,
        &invite.invite_id,
        &invite.inviter,
        invitees,
        &invite.group_id,
    );
    signal.data_inviter = Some(invite.call_inviter().to_owned());
    signal.call_type = invite.media();
    signal.cmd = invite.media().map(MediaType::call_cmd);
    signal
}

/// `me` accepts `invite` (hidden from chat history, like the invite).
pub fn accept(invite: &Signal, me: &str) -> Signal {
    let mut signal = response(invite, Action::Accept, vec![me.to_owned()]);
    signal.exclude_from_history = true;
    signal.sends_hangup_notice = true;
    signal
}

/// `me` rejects `invite`; a busy reject keeps `call_type` and `cmd`.
pub fn reject(invite: &Signal, me: &str, reason: RejectReason) -> Signal {
    let mut signal = response(invite, Action::Reject, vec![me.to_owned()]);
    signal.busy = reason == RejectReason::LineBusy;
    signal
}

/// The inviter cancels its own `invite` for the `remaining` invitees.
pub fn cancel(invite: &Signal, remaining: Vec<String>) -> Signal {
    response(invite, Action::Cancel, remaining)
}

/// `invite` timed out for `invitees` ([self] from an invitee, the remaining list from the
/// inviter). It carries the original invitation's data, but stays a visible call record.
pub fn timeout_notice(invite: &Signal, invitees: Vec<String>) -> Signal {
    Signal {
        action: Action::Timeout,
        invitees,
        timeout: 0,
        exclude_from_history: false,
        sends_hangup_notice: false,
        ..invite.clone()
    }
}

/// An end-of-call notice: a brand-new invitation with timeout 0 from `sender` (who stays) to
/// `notified` (who left). `call_end` is the duration in seconds, or 0 for an IM-group call.
pub fn hangup_notice(
    invite_id: &str,
    sender: &str,
    notified: Vec<String>,
    group_id: &str,
    media: MediaType,
    call_end: u32,
    call_inviter: &str,
) -> Signal {
    let mut signal = base(Action::Invite, invite_id, sender, notified, group_id);
    signal.data_inviter = Some(call_inviter.to_owned());
    signal.call_type = Some(media);
    signal.call_end = Some(call_end);
    signal.cmd = Some(Cmd::Hangup);
    signal
}

/// Asks `peer` to switch the running 1v1 call from `current` to the other media.
pub fn switch_request(
    invite_id: &str,
    sender: &str,
    peer: &str,
    current: MediaType,
    room: u32,
) -> Signal {
    let to = match current {
        MediaType::Audio => MediaType::Video,
        MediaType::Video => MediaType::Audio,
    };
    let mut signal = base(Action::Invite, invite_id, sender, vec![peer.to_owned()], "");
    signal.timeout = DEFAULT_INVITE_TIMEOUT_SECS;
    signal.call_type = Some(current);
    signal.room = Some(RoomId::Numeric(room));
    signal.switch_to = Some(to);
    signal.cmd = Some(to.switch_cmd());
    signal.exclude_from_history = true;
    signal
}

/// `me` accepts a switch `request`.
pub fn switch_accept(request: &Signal, me: &str) -> Signal {
    let mut signal = base(
        Action::Accept,
        &request.invite_id,
        &request.inviter,
        vec![me.to_owned()],
        &request.group_id,
    );
    signal.data_inviter = Some(request.call_inviter().to_owned());
    signal.call_type = request.call_type;
    signal.switch_to = request.switch_to;
    signal.cmd = request.switch_to.map(MediaType::switch_cmd);
    signal.exclude_from_history = true;
    signal
}
