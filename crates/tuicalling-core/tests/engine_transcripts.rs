//! Transcript tests for the call engine (issue 4, deliverable 4): one engine under test is
//! driven with scripted inputs at explicit virtual times (page commands, the exact wire
//! messages a peer would send, send results, pusher/player events, and every deadline at the
//! moment `poll_timeout` names), and its outputs are recorded in order as compact lines:
//!
//! - `<s.ms> send <C2C|Group>-><to> <action>[/<kind>] <inviteID> <inviter>->[<invitees>] …`
//!   (the sent `payload.data` decoded; engine-generated invite ids read `#1`, `#2`, … in order
//!   of first appearance);
//! - `<s.ms> event <CallEvent>`.
//!
//! Each test asserts the whole transcript, the view at key points, and that no deadline
//! outlives the call.

mod transcript_support;

use transcript_support::{
    c2c, group_hangup, group_invite, hangup, invite, multi_invite, Party, SDK_APP_ID,
};
use tuicalling_core::engine::{
    CallRequest, Command, EngineConfig, Input, JoinRequest, Limits, PusherEvent, Role, SendFailure,
    Status,
};
use tuicalling_core::protocol::outgoing;
use tuicalling_core::protocol::{MediaType, RejectReason};

use MediaType::{Audio, Video};

const ROOM: u32 = 4242;

fn request(users: &[&str], media: MediaType, room: u32) -> CallRequest {
    CallRequest {
        user_ids: users.iter().map(|user| (*user).to_owned()).collect(),
        media: Some(media),
        room_id: Some(room),
        ..CallRequest::default()
    }
}

fn group_request(users: &[&str], group: &str, media: MediaType, room: u32) -> CallRequest {
    CallRequest {
        group_id: Some(group.to_owned()),
        ..request(users, media, room)
    }
}

/// Alice called bob at 1 s, bob accepted at 2 s and entered the room at 2.5 s.
fn caller_connected(media: MediaType) -> Party {
    let mut alice = Party::new("alice", 11);
    alice.command(1_000, Command::Call(request(&["bob"], media, ROOM)));
    let invitation = alice.invite_for("bob");
    alice.deliver(2_000, "bob", &outgoing::accept(&invitation, "bob"));
    alice.room(2_500, 1031, &["bob"]);
    assert_eq!(alice.status(), Status::Connected);
    assert_eq!(alice.remotes(), "bob:in_room");
    alice.take();
    alice
}

/// Bob was invited by alice ("call-1") at 1 s, accepted at 2 s, and alice entered at 2.5 s.
fn callee_connected(media: MediaType) -> Party {
    let mut bob = Party::new("bob", 22);
    bob.deliver(
        1_000,
        "alice",
        &invite("call-1", "alice", &["bob"], media, ROOM),
    );
    bob.command(2_000, Command::Accept);
    bob.room(2_500, 1031, &["alice"]);
    assert_eq!(bob.status(), Status::Connected);
    assert_eq!(bob.remotes(), "alice:in_room");
    bob.take();
    bob
}

// ---------------------------------------------------------------------------------------------
// 1v1 success, hang-up from each side
// ---------------------------------------------------------------------------------------------

#[test]
fn audio_1v1_caller_side_success_and_caller_hangs_up() {
    let mut alice = Party::new("alice", 1);
    alice.command(1_000, Command::Call(request(&["bob"], Audio, ROOM)));
    let view = alice.view();
    assert_eq!(view.status, Status::Calling);
    assert_eq!(view.role, Some(Role::Caller));
    assert_eq!(view.media, Some(Audio));
    assert!(
        view.pusher.is_none(),
        "the caller enters the room only after the accept"
    );
    assert_eq!(alice.remotes(), "bob:ringing");
    assert_eq!(alice.engine.poll_timeout(), Some((36_000, "invite guard")));

    let invitation = alice.invite_for("bob");
    alice.deliver(3_000, "bob", &outgoing::accept(&invitation, "bob"));
    let view = alice.view();
    assert_eq!(view.status, Status::Connected);
    let pusher = view.pusher.expect("pusher once connected");
    assert!(
        pusher.url.contains("roomid=4242&userid=alice&"),
        "{}",
        pusher.url
    );
    assert!(!pusher.enable_camera, "audio call: camera off");
    assert!(pusher.enable_mic);
    assert_eq!(alice.remotes(), "bob:accepted");

    alice.room_code(3_200, 1018);
    alice.room(3_500, 1031, &["bob"]);
    alice.room(3_600, 1034, &["bob"]);
    let view = alice.view();
    assert_eq!(alice.remotes(), "bob:in_room");
    assert_eq!(view.started_at, Some(3_500));
    assert_eq!(view.players.len(), 1);
    assert_eq!(view.players[0].id, "bob_main");
    assert!(!view.players[0].mute_audio);

    alice.command(23_500, Command::Hangup);
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=audio cmd=audioCall room=4242 timeout=30",
        "3.000 event UserAccepted(bob)",
        "3.000 event Connected",
        "3.500 event UserEntered(bob)",
        "23.500 send C2C->bob invite/hangup #2 alice->[bob] type=audio cmd=hangup room=4242 call_end=20",
        "23.500 event CallEnded(hangup, 20s)",
    ]);
    alice.assert_idle();

    // TRTC reports the leave late: nothing happens.
    alice.room(24_000, 1032, &["bob"]);
    alice.expect(&[]);
}

#[test]
fn audio_1v1_callee_side_success_and_caller_hangs_up() {
    let mut bob = Party::new("bob", 2);
    bob.deliver(
        1_000,
        "alice",
        &invite("call-a", "alice", &["bob"], Audio, ROOM),
    );
    let view = bob.view();
    assert_eq!(view.status, Status::Calling);
    assert_eq!(view.role, Some(Role::Callee));
    assert_eq!(view.inviter, "alice");
    assert!(view.pusher.is_none());
    assert_eq!(bob.remotes(), "alice:accepted");
    assert_eq!(bob.engine.poll_timeout(), Some((31_000, "ring timeout")));

    bob.command(3_000, Command::Accept);
    let pusher = bob.view().pusher.expect("pusher once accepted");
    assert!(
        pusher.url.contains("roomid=4242&userid=bob&"),
        "{}",
        pusher.url
    );
    assert!(!pusher.enable_camera);

    bob.room(3_500, 1031, &["alice"]);
    assert_eq!(bob.remotes(), "alice:in_room");
    bob.deliver(
        23_500,
        "alice",
        &hangup("end-a", "alice", "bob", Audio, 20, "alice"),
    );
    bob.expect(&[
        "1.000 event Invited(alice, audio, [alice])",
        "3.000 event Connected",
        "3.000 send C2C->alice accept call-a alice->[bob] type=audio cmd=audioCall",
        "3.500 event UserEntered(alice)",
        "23.500 event CallEnded(hangup, 20s, alice)",
    ]);
    bob.assert_idle();
}

#[test]
fn video_1v1_caller_side_success_and_callee_hangs_up() {
    let mut alice = Party::new("alice", 3);
    alice.command(1_000, Command::Call(request(&["bob"], Video, 777)));
    let invitation = alice.invite_for("bob");
    alice.deliver(2_000, "bob", &outgoing::accept(&invitation, "bob"));
    assert!(alice.view().pusher.expect("pusher").enable_camera);
    alice.room(2_500, 1031, &["bob"]);
    alice.room(2_600, 1033, &["bob"]);
    alice.room(2_600, 1034, &["bob"]);
    let view = alice.view();
    assert_eq!(view.media, Some(Video));
    assert_eq!(view.players.len(), 1);
    assert!(!view.players[0].mute_video);
    assert!(view.players[0].src.contains("userid=bob"));

    // Bob (ours) hangs up and tells alice; alice ends without replying.
    alice.deliver(
        12_500,
        "bob",
        &hangup("end-v", "bob", "alice", Video, 10, "alice"),
    );
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=video cmd=videoCall room=777 timeout=30",
        "2.000 event UserAccepted(bob)",
        "2.000 event Connected",
        "2.500 event UserEntered(bob)",
        "12.500 event CallEnded(hangup, 10s, bob)",
    ]);
    alice.assert_idle();
    alice.room(12_600, 1032, &["bob"]);
    alice.expect(&[]);
}

#[test]
fn video_1v1_callee_side_success_and_callee_hangs_up() {
    let mut bob = Party::new("bob", 4);
    bob.deliver(
        1_000,
        "alice",
        &invite("call-v", "alice", &["bob"], Video, 777),
    );
    bob.command(2_000, Command::Accept);
    assert!(bob.view().pusher.expect("pusher").enable_camera);
    bob.room(2_500, 1031, &["alice"]);
    bob.room(2_600, 1033, &["alice"]);
    assert_eq!(bob.view().players.len(), 1);

    bob.command(12_500, Command::Hangup);
    bob.expect(&[
        "1.000 event Invited(alice, video, [alice])",
        "2.000 event Connected",
        "2.000 send C2C->alice accept call-v alice->[bob] type=video cmd=videoCall",
        "2.500 event UserEntered(alice)",
        "12.500 send C2C->alice invite/hangup #1 bob->[alice] type=video cmd=hangup room=777 call_end=10 caller=alice",
        "12.500 event CallEnded(hangup, 10s)",
    ]);
    bob.assert_idle();
}

/// A V1 or Tencent peer's message: it carries no `sendsHangupNotice`.
fn from_tencent(
    mut signal: tuicalling_core::protocol::Signal,
) -> tuicalling_core::protocol::Signal {
    signal.sends_hangup_notice = false;
    signal
}

#[test]
fn hangup_with_a_tencent_callee_in_the_room_sends_nothing() {
    // Tencent's rule: the side that hangs up sends nothing; bob, left in the room, sees alice
    // leave and sends the one notice himself.
    let mut alice = Party::new("alice", 57);
    alice.command(1_000, Command::Call(request(&["bob"], Video, ROOM)));
    let invitation = alice.invite_for("bob");
    alice.deliver(
        2_000,
        "bob",
        &from_tencent(outgoing::accept(&invitation, "bob")),
    );
    alice.room(2_500, 1031, &["bob"]);
    alice.command(12_500, Command::Hangup);
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=video cmd=videoCall room=4242 timeout=30",
        "2.000 event UserAccepted(bob)",
        "2.000 event Connected",
        "2.500 event UserEntered(bob)",
        "12.500 event CallEnded(hangup, 10s)",
    ]);
    assert_eq!(alice.sent.len(), 1, "only the invite");
    alice.assert_idle();
}

#[test]
fn hangup_with_a_tencent_caller_in_the_room_sends_nothing() {
    let mut bob = Party::new("bob", 58);
    bob.deliver(
        1_000,
        "alice",
        &from_tencent(invite("call-t1", "alice", &["bob"], Audio, ROOM)),
    );
    bob.command(2_000, Command::Accept);
    bob.room(2_500, 1031, &["alice"]);
    bob.command(12_500, Command::Hangup);
    bob.expect(&[
        "1.000 event Invited(alice, audio, [alice])",
        "2.000 event Connected",
        "2.000 send C2C->alice accept call-t1 alice->[bob] type=audio cmd=audioCall",
        "2.500 event UserEntered(alice)",
        "12.500 event CallEnded(hangup, 10s)",
    ]);
    assert_eq!(bob.sent.len(), 1, "only the accept");
    bob.assert_idle();
}

// ---------------------------------------------------------------------------------------------
// Reject, busy, cancel
// ---------------------------------------------------------------------------------------------

#[test]
fn reject_caller_side() {
    let mut alice = Party::new("alice", 5);
    alice.command(1_000, Command::Call(request(&["bob"], Video, ROOM)));
    let invitation = alice.invite_for("bob");
    alice.deliver(
        5_000,
        "bob",
        &outgoing::reject(&invitation, "bob", RejectReason::Normal),
    );
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=video cmd=videoCall room=4242 timeout=30",
        "5.000 event UserRejected(bob)",
        "5.000 event CallEnded(reject, 0s, bob)",
    ]);
    alice.assert_idle();
}

#[test]
fn reject_callee_side() {
    let mut bob = Party::new("bob", 6);
    bob.deliver(
        1_000,
        "alice",
        &invite("call-r", "alice", &["bob"], Video, ROOM),
    );
    bob.command(5_000, Command::Reject);
    bob.expect(&[
        "1.000 event Invited(alice, video, [alice])",
        "5.000 send C2C->alice reject call-r alice->[bob] type=video cmd=videoCall",
        "5.000 event CallEnded(reject, 0s)",
    ]);
    bob.assert_idle();
}

#[test]
fn busy_callee_auto_rejects_a_second_invite_keeping_call_type() {
    let mut bob = callee_connected(Audio);
    let before = bob.view();
    bob.deliver(
        5_000,
        "carol",
        &invite("call-c", "carol", &["bob"], Video, 999),
    );
    // A second invite through an IM group: the busy reply goes to the group.
    bob.deliver_group(
        6_000,
        "dave",
        "grp9",
        &group_invite("call-d", "dave", "grp9", &["bob", "erin"], Audio, 998),
    );
    // The original caller stuck in "calling" re-sends: no second reply.
    bob.deliver(
        7_000,
        "carol",
        &invite("call-c", "carol", &["bob"], Video, 999),
    );
    bob.expect(&[
        "5.000 send C2C->carol reject call-c carol->[bob] type=video cmd=videoCall busy",
        "6.000 send Group->grp9 reject call-d dave->[bob] group=grp9 type=audio cmd=audioCall busy",
        "7.000 event Ignored(DUPLICATE_INVITE: call-c)",
    ]);
    assert_eq!(bob.view(), before, "the running call is untouched");
}

#[test]
fn busy_reply_ends_the_callers_call_line_busy() {
    let mut alice = Party::new("alice", 7);
    alice.command(1_000, Command::Call(request(&["bob"], Video, ROOM)));
    let invitation = alice.invite_for("bob");
    alice.deliver(
        1_500,
        "bob",
        &outgoing::reject(&invitation, "bob", RejectReason::LineBusy),
    );
    alice.assert_idle();

    // The original's busy reply (no call_type, no cmd), repeated forever by a stuck original
    // client: each call ends once, and nothing is retried.
    alice.command(5_000, Command::Call(request(&["bob"], Video, 4343)));
    let second = alice.invite_for("bob");
    assert_ne!(second.invite_id, invitation.invite_id);
    let mut original_busy = outgoing::reject(&second, "bob", RejectReason::LineBusy);
    original_busy.call_type = None;
    original_busy.cmd = None;
    original_busy.data_inviter = None;
    alice.deliver(5_300, "bob", &original_busy);
    alice.deliver(5_400, "bob", &original_busy);
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=video cmd=videoCall room=4242 timeout=30",
        "1.500 event UserBusy(bob)",
        "1.500 event CallEnded(line_busy, 0s, bob)",
        "5.000 send C2C->bob invite/call #2 alice->[bob] type=video cmd=videoCall room=4343 timeout=30",
        "5.300 event UserBusy(bob)",
        "5.300 event CallEnded(line_busy, 0s, bob)",
    ]);
    alice.assert_idle();
}

#[test]
fn cancel_before_answer_caller_side() {
    let mut alice = Party::new("alice", 8);
    alice.command(1_000, Command::Call(request(&["bob"], Audio, ROOM)));
    let invitation = alice.invite_for("bob");
    alice.command(5_000, Command::Hangup);
    alice.assert_idle();
    // Bob's answers cross the cancel: never answered, never re-ended.
    alice.deliver(
        5_200,
        "bob",
        &outgoing::reject(&invitation, "bob", RejectReason::Normal),
    );
    alice.deliver(5_300, "bob", &outgoing::accept(&invitation, "bob"));
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=audio cmd=audioCall room=4242 timeout=30",
        "5.000 send C2C->bob cancel #1 alice->[bob] type=audio cmd=audioCall",
        "5.000 event CallEnded(canceled, 0s)",
        "5.300 event Ignored(STRAY_ACCEPT: #1)",
    ]);
    alice.assert_idle();
}

#[test]
fn cancel_before_answer_callee_side_sends_nothing_back() {
    let mut bob = Party::new("bob", 9);
    let invitation = invite("call-x", "alice", &["bob"], Audio, ROOM);
    bob.deliver(1_000, "alice", &invitation);
    bob.deliver(
        4_000,
        "alice",
        &outgoing::cancel(&invitation, vec!["bob".into()]),
    );
    bob.assert_idle();
    // Replays of the invite and the cancel: no ring, no reply.
    bob.deliver(4_100, "alice", &invitation);
    bob.deliver(
        4_200,
        "alice",
        &outgoing::cancel(&invitation, vec!["bob".into()]),
    );
    bob.expect(&[
        "1.000 event Invited(alice, audio, [alice])",
        "4.000 event CallEnded(canceled, 0s, alice)",
        "4.100 event Ignored(DUPLICATE_INVITE: call-x)",
    ]);
    assert!(bob.sent.is_empty(), "a cancelled callee never sends");
    bob.assert_idle();
}

// ---------------------------------------------------------------------------------------------
// Timeouts
// ---------------------------------------------------------------------------------------------

#[test]
fn callee_times_out_at_t_and_tells_the_caller() {
    let mut bob = Party::new("bob", 10);
    bob.deliver(
        1_000,
        "alice",
        &invite("call-t", "alice", &["bob"], Video, ROOM),
    );
    bob.fire(31_000, "ring timeout");
    bob.expect(&[
        "1.000 event Invited(alice, video, [alice])",
        "31.000 send C2C->alice timeout call-t alice->[bob] type=video cmd=videoCall room=4242",
        "31.000 event CallEnded(no_response, 0s, alice)",
    ]);
    bob.assert_idle();
    assert!(bob.input(31_500, Input::Command(Command::Accept)).is_err());
}

#[test]
fn caller_receives_the_callees_timeout_notice() {
    let mut alice = Party::new("alice", 12);
    alice.command(1_000, Command::Call(request(&["bob"], Video, ROOM)));
    let invitation = alice.invite_for("bob");
    alice.deliver(
        31_000,
        "bob",
        &outgoing::timeout_notice(&invitation, vec!["bob".into()]),
    );
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=video cmd=videoCall room=4242 timeout=30",
        "31.000 event UserNoResponse(bob, offline=false)",
        "31.000 event CallEnded(no_response, 0s, bob)",
    ]);
    alice.assert_idle();
}

#[test]
fn caller_guard_fires_at_t_plus_5_for_an_offline_callee() {
    let mut alice = Party::new("alice", 13);
    alice.command(1_000, Command::Call(request(&["bob"], Audio, ROOM)));
    alice.fire(36_000, "invite guard");
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=audio cmd=audioCall room=4242 timeout=30",
        "36.000 send C2C->bob timeout #1 alice->[bob] type=audio cmd=audioCall room=4242",
        "36.000 event UserNoResponse(bob, offline=true)",
        "36.000 event CallEnded(offline, 0s, bob)",
    ]);
    alice.assert_idle();
}

// ---------------------------------------------------------------------------------------------
// The remote leaving through TRTC only; guards for a leave that never comes
// ---------------------------------------------------------------------------------------------

#[test]
fn remote_leaves_through_trtc_only_caller_sends_the_notice_when_the_grace_ends() {
    let mut alice = caller_connected(Video);
    alice.room(20_500, 1032, &["bob"]);
    assert_eq!(alice.status(), Status::Connected, "bob may come back");
    alice.fire(30_500, "leave grace");
    alice.expect(&[
        "20.500 event UserLeft(bob)",
        "30.500 send C2C->bob invite/hangup #2 alice->[bob] type=video cmd=hangup room=4242 call_end=18",
        "30.500 event CallEnded(hangup, 18s, bob)",
    ]);
    alice.assert_idle();
}

#[test]
fn remote_leaves_through_trtc_only_callee_sends_the_notice_when_the_grace_ends() {
    let mut bob = callee_connected(Audio);
    bob.room(20_500, 1032, &["alice"]);
    bob.fire(30_500, "leave grace");
    bob.expect(&[
        "20.500 event UserLeft(alice)",
        "30.500 send C2C->alice invite/hangup #1 bob->[alice] type=audio cmd=hangup room=4242 call_end=18 caller=alice",
        "30.500 event CallEnded(hangup, 18s, alice)",
    ]);
    bob.assert_idle();
}

#[test]
fn hangup_before_the_peer_entered_the_room_tells_the_peer() {
    // Bob accepted, but alice hangs up before TRTC showed him in the room: he cannot see her
    // leave, so she tells him (the one case where the side that hangs up sends the notice).
    let mut alice = Party::new("alice", 52);
    alice.command(1_000, Command::Call(request(&["bob"], Video, ROOM)));
    let invitation = alice.invite_for("bob");
    alice.deliver(2_000, "bob", &outgoing::accept(&invitation, "bob"));
    alice.command(4_000, Command::Hangup);
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=video cmd=videoCall room=4242 timeout=30",
        "2.000 event UserAccepted(bob)",
        "2.000 event Connected",
        "4.000 send C2C->bob invite/hangup #2 alice->[bob] type=video cmd=hangup room=4242 call_end=0",
        "4.000 event CallEnded(hangup, 0s)",
    ]);
    alice.assert_idle();
}

#[test]
fn hanging_up_during_the_peers_grace_tells_the_peer_once() {
    // Bob left the room (a hang-up on a Tencent client, which sends nothing, or his phone went
    // to the background); alice hangs up before the grace ends: he is not in the room to see
    // her leave, so her hang-up carries the one notice, and nothing more follows.
    let mut alice = caller_connected(Audio);
    alice.room(10_500, 1032, &["bob"]);
    alice.command(14_000, Command::Hangup);
    alice.at(40_000);
    alice.expect(&[
        "10.500 event UserLeft(bob)",
        "14.000 send C2C->bob invite/hangup #2 alice->[bob] type=audio cmd=hangup room=4242 call_end=8",
        "14.000 event CallEnded(hangup, 8s)",
    ]);
    alice.assert_idle();
}

#[test]
fn a_notice_arriving_during_the_grace_ends_the_call_without_a_second_one() {
    // Bob (ours) hung up while alice had not entered his room, so he told her; her own TRTC
    // showed him leaving first. She ends on his notice and sends none of her own.
    let mut alice = caller_connected(Video);
    alice.room(10_500, 1032, &["bob"]);
    alice.deliver(
        11_000,
        "bob",
        &hangup("end-g", "bob", "alice", Video, 8, "alice"),
    );
    alice.at(40_000);
    alice.expect(&[
        "10.500 event UserLeft(bob)",
        "11.000 event CallEnded(hangup, 8s, bob)",
    ]);
    assert_eq!(alice.sent.len(), 1, "only the invite");
    alice.assert_idle();
}

#[test]
fn a_late_notice_of_an_earlier_call_is_ignored_by_its_room() {
    // Bob ended the previous call with alice when his grace ran out; his notice arrives after
    // alice already rings him again. It names the earlier call's room, so it ends nothing.
    let mut alice = Party::new("alice", 56);
    alice.command(1_000, Command::Call(request(&["bob", "carol"], Audio, 903)));
    let mut late = hangup("end-old", "bob", "alice", Audio, 30, "alice");
    late.room = Some(tuicalling_core::RoomId::Numeric(902)); // the earlier call's room
    alice.deliver(1_200, "bob", &late);
    assert_eq!(alice.remotes(), "bob:ringing carol:ringing");
    alice.command(3_000, Command::Hangup);
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=audio cmd=audioCall room=903 timeout=30 userIDs=[bob,carol]",
        "1.000 send C2C->carol invite/call #2 alice->[carol] type=audio cmd=audioCall room=903 timeout=30 userIDs=[bob,carol]",
        "1.200 event Ignored(STALE_HANGUP: end-old)",
        "3.000 send C2C->carol cancel #2 alice->[carol] type=audio cmd=audioCall",
        "3.000 send C2C->bob cancel #1 alice->[bob] type=audio cmd=audioCall",
        "3.000 event CallEnded(canceled, 0s)",
    ]);
    alice.assert_idle();
}

#[test]
fn the_user_we_wait_for_calling_anew_ends_the_call_and_rings() {
    // A Tencent caller left bob's room (it hung up, and sends nothing) and, within his grace,
    // calls him again: no busy reply. The first call ends as its grace would (bob's notice),
    // and the new one rings.
    let mut bob = Party::new("bob", 59);
    let first = from_tencent(invite("call-1", "alice", &["bob"], Video, ROOM));
    bob.deliver(1_000, "alice", &first);
    bob.command(2_000, Command::Accept);
    bob.room(2_500, 1031, &["alice"]);
    bob.take();
    bob.room(10_500, 1032, &["alice"]);
    let second = from_tencent(invite("call-2", "alice", &["bob"], Audio, ROOM + 1));
    bob.deliver(12_000, "alice", &second);
    bob.expect(&[
        "10.500 event UserLeft(alice)",
        "12.000 send C2C->alice invite/hangup #1 bob->[alice] type=video cmd=hangup room=4242 call_end=8 caller=alice",
        "12.000 event CallEnded(hangup, 8s, alice)",
        "12.000 event Invited(alice, audio, [alice])",
    ]);
    assert_eq!(bob.status(), Status::Calling);
    assert_eq!(bob.view().room_id, Some(ROOM + 1));

    // One of ours told him when it hung up (its notice may still be on its way): he ends the
    // first call quietly.
    let mut bob = callee_connected(Video);
    bob.room(10_500, 1032, &["alice"]);
    bob.deliver(
        12_000,
        "alice",
        &invite("call-2", "alice", &["bob"], Audio, ROOM + 1),
    );
    bob.expect(&[
        "10.500 event UserLeft(alice)",
        "12.000 event CallEnded(hangup, 8s, alice)",
        "12.000 event Invited(alice, audio, [alice])",
    ]);
    assert_eq!(bob.sent.len(), 1, "only the first accept");
}

#[test]
fn peer_back_from_an_ios_background_within_the_grace_keeps_the_call() {
    // On iOS the backgrounded mini-program leaves the TRTC room (we see 1032) and re-enters on
    // resume (1031): within the grace the call goes on, and nothing is sent.
    let mut alice = caller_connected(Video);
    alice.room(10_000, 1032, &["bob"]);
    alice.room(17_000, 1031, &["bob"]);
    alice.player_alive(40_000, "bob");
    alice.at(59_000);
    assert_eq!(alice.status(), Status::Connected);
    assert_eq!(alice.remotes(), "bob:in_room");
    alice.expect(&[
        "10.000 event UserLeft(bob)",
        "17.000 event UserEntered(bob)",
    ]);
    assert_eq!(alice.sent.len(), 1, "only the invite");
    // Past the grace, a second absence ends the call as usual.
    alice.room(60_000, 1032, &["bob"]);
    alice.fire(70_000, "leave grace");
    alice.expect(&[
        "60.000 event UserLeft(bob)",
        "70.000 send C2C->bob invite/hangup #2 alice->[bob] type=video cmd=hangup room=4242 call_end=58",
        "70.000 event CallEnded(hangup, 58s, bob)",
    ]);
    alice.assert_idle();
}

#[test]
fn our_ios_background_keeps_the_call_and_the_peers_notice_ends_it_past_the_grace() {
    // Bob's mini-program goes to the background on iOS: his pusher reports 5000 and leaves
    // the room. Back within the grace, he re-enters and the call goes on.
    let mut bob = callee_connected(Video);
    bob.room_code(10_000, 5000);
    bob.at(16_000);
    bob.room_code(16_000, 1018);
    bob.room(16_100, 1031, &["alice"]);
    assert_eq!(bob.status(), Status::Connected);
    assert_eq!(bob.remotes(), "alice:in_room");
    // Away for 40 s: alice's grace ran out and her notice waits for him; he sends nothing.
    bob.room_code(20_000, 5000);
    bob.at(60_000);
    assert_eq!(
        bob.status(),
        Status::Connected,
        "suspended: the guards wait"
    );
    bob.deliver(
        60_100,
        "alice",
        &hangup("end-bg", "alice", "bob", Video, 18, "alice"),
    );
    bob.expect(&["60.100 event CallEnded(hangup, 58s, alice)"]);
    assert_eq!(bob.sent.len(), 1, "only his accept");
    bob.assert_idle();
}

#[test]
fn trtc_leave_never_reported_remote_silence_guard_ends_the_call() {
    let mut config = EngineConfig::new(SDK_APP_ID, "alice", "sig");
    config.limits = Limits {
        remote_silence_ms: 15_000,
        ..Limits::default()
    };
    let mut alice = Party::with_config(config, 14);
    alice.command(1_000, Command::Call(request(&["bob"], Audio, ROOM)));
    let invitation = alice.invite_for("bob");
    alice.deliver(2_000, "bob", &outgoing::accept(&invitation, "bob"));
    alice.room(2_500, 1031, &["bob"]);
    assert_eq!(alice.engine.poll_timeout(), Some((17_500, "remote silent")));
    alice.player_alive(10_000, "bob");
    alice.fire(25_000, "remote silent");
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=audio cmd=audioCall room=4242 timeout=30",
        "2.000 event UserAccepted(bob)",
        "2.000 event Connected",
        "2.500 event UserEntered(bob)",
        "25.000 event UserLeft(bob)",
        "25.000 send C2C->bob invite/hangup #2 alice->[bob] type=audio cmd=hangup room=4242 call_end=23",
        "25.000 event CallEnded(hangup, 23s, bob)",
    ]);
    alice.assert_idle();
}

#[test]
fn connected_alone_in_an_empty_room_ends_with_an_error() {
    let mut bob = Party::new("bob", 15);
    bob.deliver(
        1_000,
        "alice",
        &invite("call-e", "alice", &["bob"], Audio, ROOM),
    );
    bob.command(3_000, Command::Accept);
    // The ring deadline passes silently once connected; then the empty-room guard fires.
    bob.at(31_000);
    assert_eq!(bob.status(), Status::Connected);
    bob.fire(33_000, "empty room");
    bob.expect(&[
        "1.000 event Invited(alice, audio, [alice])",
        "3.000 event Connected",
        "3.000 send C2C->alice accept call-e alice->[bob] type=audio cmd=audioCall",
        "33.000 event Error(EMPTY_ROOM: nobody joined the TRTC room)",
        "33.000 send C2C->alice invite/hangup #1 bob->[alice] type=audio cmd=hangup room=4242 call_end=0 caller=alice",
        "33.000 event CallEnded(error, 0s)",
    ]);
    bob.assert_idle();
}

// ---------------------------------------------------------------------------------------------
// Switch to audio
// ---------------------------------------------------------------------------------------------

/// Alice (caller) and bob (callee), both ours, in a connected video call.
fn connected_pair() -> (Party, Party) {
    let mut alice = Party::new("alice", 31);
    let mut bob = Party::new("bob", 32);
    alice.command(1_000, Command::Call(request(&["bob"], Video, ROOM)));
    let sent = alice.last_sent();
    bob.deliver_sent(1_100, "alice", &sent);
    bob.command(2_000, Command::Accept);
    let sent = bob.last_sent();
    alice.deliver_sent(2_100, "bob", &sent);
    alice.room(2_500, 1031, &["bob"]);
    bob.room(2_500, 1031, &["alice"]);
    assert_eq!(
        (alice.status(), bob.status()),
        (Status::Connected, Status::Connected)
    );
    alice.take();
    bob.take();
    (alice, bob)
}

#[test]
fn switch_to_audio_initiator_side() {
    let (mut alice, mut bob) = connected_pair();
    alice.command(10_000, Command::SwitchMedia(Audio));
    assert!(
        !alice.view().pusher.expect("pusher").enable_camera,
        "the initiator's camera goes off at once"
    );
    let sent = alice.last_sent();
    bob.deliver_sent(10_100, "alice", &sent);
    let reply = bob.last_sent();
    alice.deliver_sent(10_200, "bob", &reply);
    alice.expect(&[
        "10.000 send C2C->bob invite/switch #2 alice->[bob] type=video cmd=switchToAudio room=4242 timeout=30 switch_to=audio",
        "10.200 event MediaChanged(audio)",
    ]);
    let view = alice.view();
    assert_eq!(view.media, Some(Audio));
    assert!(!view.pusher.expect("pusher").enable_camera);
    assert_ne!(
        alice.engine.poll_timeout().map(|(_, why)| why),
        Some("switch timeout"),
        "the switch is settled"
    );
    // Well after the switch would have timed out, the camera is still off.
    alice.player_alive(30_000, "bob");
    alice.at(45_000);
    let view = alice.view();
    assert_eq!(view.media, Some(Audio));
    assert!(!view.pusher.expect("pusher").enable_camera);
}

#[test]
fn switch_to_audio_receiver_side() {
    let (mut alice, mut bob) = connected_pair();
    alice.command(10_000, Command::SwitchMedia(Audio));
    let sent = alice.last_sent();
    bob.deliver_sent(10_100, "alice", &sent);
    let view = bob.view();
    assert_eq!(view.media, Some(Audio));
    assert!(!view.pusher.expect("pusher").enable_camera);
    let reply = bob.last_sent();
    alice.deliver_sent(10_200, "bob", &reply);
    // Later hang-up notices carry the new call type.
    bob.command(20_000, Command::Hangup);
    bob.expect(&[
        "10.100 send C2C->alice accept #2 alice->[bob] type=video cmd=switchToAudio switch_to=audio",
        "10.100 event MediaChanged(audio)",
        "20.000 send C2C->alice invite/hangup #3 bob->[alice] type=audio cmd=hangup room=4242 call_end=18 caller=alice",
        "20.000 event CallEnded(hangup, 18s)",
    ]);
    bob.assert_idle();
    // Alice (ours too) ends on it at once, and sends nothing when TRTC reports his leave.
    let notice = bob.last_sent();
    alice.take();
    alice.deliver_sent(20_100, "bob", &notice);
    alice.room(20_200, 1032, &["bob"]);
    alice.at(40_000);
    alice.expect(&["20.100 event CallEnded(hangup, 18s, bob)"]);
    alice.assert_idle();
}

#[test]
fn unanswered_switch_request_rolls_back_the_camera() {
    let mut alice = caller_connected(Video);
    alice.command(10_000, Command::SwitchMedia(Audio));
    assert!(!alice.view().pusher.expect("pusher").enable_camera);
    alice.player_alive(25_000, "bob");
    alice.fire(40_000, "switch timeout");
    let view = alice.view();
    assert_eq!(view.media, Some(Video));
    assert!(view.pusher.expect("pusher").enable_camera, "camera back on");
    alice.expect(&[
        "10.000 send C2C->bob invite/switch #2 alice->[bob] type=video cmd=switchToAudio room=4242 timeout=30 switch_to=audio",
    ]);
}

// ---------------------------------------------------------------------------------------------
// Group calls
// ---------------------------------------------------------------------------------------------

#[test]
fn group_multi_c2c_accept_reject_timeout_mix() {
    let mut alice = Party::new("alice", 16);
    alice.command(
        1_000,
        Command::Call(request(&["bob", "carol", "dave"], Audio, 900)),
    );
    let view = alice.view();
    assert!(view.is_group);
    assert_eq!(alice.remotes(), "bob:ringing carol:ringing dave:ringing");
    let (to_bob, to_carol, to_dave) = (
        alice.invite_for("bob"),
        alice.invite_for("carol"),
        alice.invite_for("dave"),
    );
    assert_ne!(to_bob.invite_id, to_carol.invite_id);

    alice.deliver(3_000, "bob", &outgoing::accept(&to_bob, "bob"));
    alice.deliver(
        4_000,
        "carol",
        &outgoing::reject(&to_carol, "carol", RejectReason::Normal),
    );
    assert_eq!(alice.status(), Status::Connected);
    assert_eq!(alice.remotes(), "bob:accepted carol:rejected dave:ringing");
    alice.room(4_500, 1031, &["bob"]);
    alice.player_alive(30_000, "bob");
    alice.deliver(
        31_000,
        "dave",
        &outgoing::timeout_notice(&to_dave, vec!["dave".into()]),
    );
    assert_eq!(
        alice.status(),
        Status::Connected,
        "bob is still in the call"
    );
    assert_eq!(
        alice.remotes(),
        "bob:in_room carol:rejected dave:no_response"
    );

    alice.room(40_000, 1032, &["bob"]);
    // Alone: after the grace the call ends, with a 1v1 notice to the last leaver (the
    // original's here was a ringing invite).
    alice.fire(50_000, "leave grace");
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=audio cmd=audioCall room=900 timeout=30 userIDs=[bob,carol,dave]",
        "1.000 send C2C->carol invite/call #2 alice->[carol] type=audio cmd=audioCall room=900 timeout=30 userIDs=[bob,carol,dave]",
        "1.000 send C2C->dave invite/call #3 alice->[dave] type=audio cmd=audioCall room=900 timeout=30 userIDs=[bob,carol,dave]",
        "3.000 event UserAccepted(bob)",
        "3.000 event Connected",
        "4.000 event UserRejected(carol)",
        "4.500 event UserEntered(bob)",
        "31.000 event UserNoResponse(dave, offline=false)",
        "40.000 event UserLeft(bob)",
        "50.000 send C2C->bob invite/hangup #4 alice->[bob] type=audio cmd=hangup room=900 call_end=36",
        "50.000 event CallEnded(hangup, 36s, bob)",
    ]);
    alice.assert_idle();
}

#[test]
fn group_multi_c2c_callee_side() {
    let mut carol = Party::new("carol", 17);
    let everyone = ["bob", "carol", "dave"];
    carol.deliver(
        1_000,
        "alice",
        &multi_invite("m-carol", "alice", "carol", &everyone, Audio, 900),
    );
    let view = carol.view();
    assert!(view.is_group);
    assert_eq!(carol.remotes(), "alice:accepted bob:ringing dave:ringing");
    carol.command(2_000, Command::Accept);
    carol.room(2_500, 1031, &["alice", "bob"]);
    // Dave never shows up: when the invitation expires he is dropped silently.
    carol.player_alive(20_000, "alice");
    carol.player_alive(20_000, "bob");
    carol.at(31_000);
    assert_eq!(
        carol.remotes(),
        "alice:in_room bob:in_room dave:no_response"
    );
    carol.room(35_000, 1032, &["alice"]);
    assert_eq!(carol.status(), Status::Connected);
    carol.room(40_000, 1032, &["bob"]);
    carol.fire(50_000, "leave grace");
    carol.expect(&[
        "1.000 event Invited(alice, audio, [alice,bob,dave])",
        "2.000 event Connected",
        "2.000 send C2C->alice accept m-carol alice->[carol] type=audio cmd=audioCall",
        "2.500 event UserAccepted(bob)",
        "2.500 event UserEntered(alice)",
        "2.500 event UserEntered(bob)",
        "35.000 event UserLeft(alice)",
        "40.000 event UserLeft(bob)",
        "50.000 send C2C->bob invite/hangup #1 carol->[bob] type=audio cmd=hangup room=900 call_end=38 caller=alice",
        "50.000 event CallEnded(hangup, 38s, bob)",
    ]);
    carol.assert_idle();
}

#[test]
fn group_caller_hangup_cancels_pending_invitees() {
    let mut alice = Party::new("alice", 18);
    alice.command(1_000, Command::Call(request(&["bob", "carol"], Video, 901)));
    let to_bob = alice.invite_for("bob");
    alice.deliver(2_000, "bob", &outgoing::accept(&to_bob, "bob"));
    alice.room(2_500, 1031, &["bob"]);
    alice.command(10_000, Command::Hangup);
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=video cmd=videoCall room=901 timeout=30 userIDs=[bob,carol]",
        "1.000 send C2C->carol invite/call #2 alice->[carol] type=video cmd=videoCall room=901 timeout=30 userIDs=[bob,carol]",
        "2.000 event UserAccepted(bob)",
        "2.000 event Connected",
        "2.500 event UserEntered(bob)",
        "10.000 send C2C->carol cancel #2 alice->[carol] type=video cmd=videoCall",
        "10.000 event CallEnded(hangup, 8s)",
    ]);
    alice.assert_idle();
}

#[test]
fn group_over_an_im_group_caller_side() {
    let mut alice = Party::new("alice", 19);
    alice.command(
        1_000,
        Command::Call(group_request(
            &["bob", "carol", "dave"],
            "grp1",
            Video,
            5000,
        )),
    );
    let view = alice.view();
    assert!(view.is_group);
    assert_eq!(view.group_id, "grp1");
    let invitation = alice.invite_for("bob");
    alice.deliver_group(3_000, "bob", "grp1", &outgoing::accept(&invitation, "bob"));
    alice.deliver_group(
        4_000,
        "carol",
        "grp1",
        &outgoing::reject(&invitation, "carol", RejectReason::Normal),
    );
    alice.room(4_500, 1031, &["bob"]);
    alice.player_alive(30_000, "bob");
    alice.fire(36_000, "invite guard");
    assert_eq!(
        alice.remotes(),
        "bob:in_room carol:rejected dave:no_response"
    );
    alice.room(50_000, 1032, &["bob"]);
    // Alone: when the grace ends, the original's IM-group notice (call_end 0, no room), once.
    alice.fire(60_000, "leave grace");
    alice.expect(&[
        "1.000 send Group->grp1 invite/call #1 alice->[bob,carol,dave] group=grp1 type=video cmd=videoCall room=5000 timeout=30",
        "3.000 event UserAccepted(bob)",
        "3.000 event Connected",
        "4.000 event UserRejected(carol)",
        "4.500 event UserEntered(bob)",
        "36.000 send Group->grp1 timeout #1 alice->[dave] group=grp1 type=video cmd=videoCall room=5000",
        "36.000 event UserNoResponse(dave, offline=true)",
        "50.000 event UserLeft(bob)",
        "60.000 send Group->grp1 invite/hangup #2 alice->[bob] group=grp1 type=video cmd=hangup call_end=0",
        "60.000 event CallEnded(hangup, 46s, bob)",
    ]);
    alice.assert_idle();
}

#[test]
fn group_over_an_im_group_callee_side() {
    let mut bob = Party::new("bob", 20);
    let invitation = group_invite("g-1", "alice", "grp1", &["bob", "carol"], Video, 5000);
    bob.deliver_group(1_000, "alice", "grp1", &invitation);
    bob.command(2_000, Command::Accept);
    bob.deliver_group(
        2_500,
        "carol",
        "grp1",
        &outgoing::accept(&invitation, "carol"),
    );
    bob.room(3_000, 1031, &["alice", "carol"]);
    bob.player_alive(30_000, "alice");
    bob.player_alive(30_000, "carol");
    bob.room(40_000, 1032, &["alice"]);
    assert_eq!(bob.status(), Status::Connected);
    bob.room(41_000, 1032, &["carol"]);
    bob.fire(51_000, "leave grace");
    bob.expect(&[
        "1.000 event Invited(alice, video, [alice,carol], group=grp1)",
        "2.000 event Connected",
        "2.000 send Group->grp1 accept g-1 alice->[bob] group=grp1 type=video cmd=videoCall",
        "2.500 event UserAccepted(carol)",
        "3.000 event UserEntered(alice)",
        "3.000 event UserEntered(carol)",
        "40.000 event UserLeft(alice)",
        "41.000 event UserLeft(carol)",
        "51.000 send Group->grp1 invite/hangup #1 bob->[carol] group=grp1 type=video cmd=hangup call_end=0 caller=alice",
        "51.000 event CallEnded(hangup, 38s, carol)",
    ]);
    bob.assert_idle();
}

#[test]
fn group_rejection_by_an_im_group_invitee_goes_to_the_group() {
    let mut bob = Party::new("bob", 21);
    let invitation = group_invite("g-2", "alice", "grp1", &["bob", "carol"], Audio, 5001);
    bob.deliver_group(1_000, "alice", "grp1", &invitation);
    bob.command(2_000, Command::Reject);
    bob.expect(&[
        "1.000 event Invited(alice, audio, [alice,carol], group=grp1)",
        "2.000 send Group->grp1 reject g-2 alice->[bob] group=grp1 type=audio cmd=audioCall",
        "2.000 event CallEnded(reject, 0s)",
    ]);
    bob.assert_idle();
}

#[test]
fn original_group_invitee_timing_itself_out_while_in_the_room_is_kept() {
    let mut alice = Party::new("alice", 23);
    alice.command(
        1_000,
        Command::Call(group_request(&["bob", "carol"], "grp1", Audio, 5002)),
    );
    let invitation = alice.invite_for("bob");
    alice.deliver_group(3_000, "bob", "grp1", &outgoing::accept(&invitation, "bob"));
    // Carol runs the original: after bob's accept her own accept sends nothing, but she joins.
    alice.room(4_000, 1031, &["bob", "carol"]);
    assert_eq!(alice.remotes(), "bob:in_room carol:in_room");
    alice.player_alive(20_000, "bob");
    alice.player_alive(20_000, "carol");
    // 30 s after the invite she times herself out, while in the call.
    alice.deliver_group(
        31_000,
        "carol",
        "grp1",
        &outgoing::timeout_notice(&invitation, vec!["carol".into()]),
    );
    assert_eq!(alice.remotes(), "bob:in_room carol:in_room");
    // The guard finds nobody pending, so sends nothing.
    alice.at(37_000);
    assert_eq!(alice.status(), Status::Connected);
    alice.expect(&[
        "1.000 send Group->grp1 invite/call #1 alice->[bob,carol] group=grp1 type=audio cmd=audioCall room=5002 timeout=30",
        "3.000 event UserAccepted(bob)",
        "3.000 event Connected",
        "4.000 event UserAccepted(carol)",
        "4.000 event UserEntered(bob)",
        "4.000 event UserEntered(carol)",
        "31.000 event Ignored(TIMEOUT_WHILE_PRESENT: carol)",
    ]);
}

#[test]
fn im_group_end_notice_for_a_call_we_are_not_in_is_ignored_silently() {
    let notice = group_hangup("gend-1", "alice", "grp1", "bob", Video, "alice");
    let invitation = group_invite("g-3", "alice", "grp1", &["bob", "carol"], Video, 5003);
    // Idle member of the group, never invited.
    let mut erin = Party::new("erin", 24);
    erin.deliver_group(1_000, "alice", "grp1", &invitation);
    erin.deliver_group(2_000, "alice", "grp1", &notice);
    erin.expect(&[]);
    erin.assert_idle();

    // The same while in another call.
    let mut bob = callee_connected(Audio);
    let before = bob.view();
    bob.deliver_group(5_000, "alice", "grp1", &notice);
    bob.deliver_group(
        5_100,
        "zed",
        "grp1",
        &group_hangup("gend-2", "zed", "grp1", "erin", Video, "zed"),
    );
    bob.expect(&[]);
    assert_eq!(bob.view(), before);
}

#[test]
fn v2_group_hangup_notice_with_a_room_id_is_a_leave() {
    let mut bob = Party::new("bob", 25);
    let invitation = group_invite("g-4", "alice", "grp1", &["bob", "carol"], Video, 5004);
    bob.deliver_group(1_000, "alice", "grp1", &invitation);
    bob.command(2_000, Command::Accept);
    bob.deliver_group(
        2_200,
        "carol",
        "grp1",
        &outgoing::accept(&invitation, "carol"),
    );
    bob.room(2_500, 1031, &["alice", "carol"]);
    let mut notice = group_hangup("v2-end", "alice", "grp1", "alice", Video, "alice");
    notice.room = Some(tuicalling_core::RoomId::Numeric(5004));
    notice.platform = Some("Android".into());
    bob.deliver_group(10_000, "alice", "grp1", &notice);
    assert_eq!(bob.status(), Status::Connected, "carol is still there");
    assert_eq!(bob.remotes(), "alice:left carol:in_room");
    bob.expect(&[
        "1.000 event Invited(alice, video, [alice,carol], group=grp1)",
        "2.000 event Connected",
        "2.000 send Group->grp1 accept g-4 alice->[bob] group=grp1 type=video cmd=videoCall",
        "2.200 event UserAccepted(carol)",
        "2.500 event UserEntered(alice)",
        "2.500 event UserEntered(carol)",
        "10.000 event UserLeft(alice)",
    ]);
}

#[test]
fn im_group_end_notice_leaving_us_last_ends_without_echoing() {
    let mut bob = Party::new("bob", 26);
    let invitation = group_invite("g-5", "alice", "grp1", &["bob"], Audio, 5005);
    bob.deliver_group(1_000, "alice", "grp1", &invitation);
    bob.command(2_000, Command::Accept);
    bob.room(2_500, 1031, &["alice"]);
    bob.deliver_group(
        10_000,
        "alice",
        "grp1",
        &group_hangup("g-end", "alice", "grp1", "bob", Audio, "alice"),
    );
    bob.expect(&[
        "1.000 event Invited(alice, audio, [alice], group=grp1)",
        "2.000 event Connected",
        "2.000 send Group->grp1 accept g-5 alice->[bob] group=grp1 type=audio cmd=audioCall",
        "2.500 event UserEntered(alice)",
        "10.000 event UserLeft(alice)",
        "10.000 event CallEnded(hangup, 8s, alice)",
    ]);
    bob.assert_idle();
}

// ---------------------------------------------------------------------------------------------
// Invite mid-call, join in progress
// ---------------------------------------------------------------------------------------------

#[test]
fn invite_a_user_mid_call() {
    let mut alice = caller_connected(Audio);
    alice.command(10_000, Command::InviteUser(vec!["carol".into()]));
    let view = alice.view();
    assert!(view.is_group);
    assert_eq!(view.status, Status::Connected);
    assert_eq!(alice.remotes(), "bob:in_room carol:ringing");
    let to_carol = alice.invite_for("carol");
    alice.deliver(12_000, "carol", &outgoing::accept(&to_carol, "carol"));
    alice.room(12_500, 1031, &["carol"]);
    alice.player_alive(30_000, "bob");
    alice.player_alive(30_000, "carol");
    // Bob, who only knew a 1v1 call, hangs up with a 1v1 notice: only he leaves.
    alice.deliver(
        40_000,
        "bob",
        &hangup("end-b", "bob", "alice", Audio, 38, "alice"),
    );
    assert_eq!(alice.status(), Status::Connected);
    assert_eq!(alice.remotes(), "bob:left carol:in_room");
    alice.room(45_000, 1032, &["carol"]);
    alice.fire(55_000, "leave grace");
    alice.expect(&[
        "10.000 send C2C->carol invite/call #2 alice->[carol] type=audio cmd=audioCall room=4242 timeout=30 userIDs=[bob,carol]",
        "12.000 event UserAccepted(carol)",
        "12.500 event UserEntered(carol)",
        "40.000 event UserLeft(bob)",
        "45.000 event UserLeft(carol)",
        "55.000 send C2C->carol invite/hangup #3 alice->[carol] type=audio cmd=hangup room=4242 call_end=43",
        "55.000 event CallEnded(hangup, 43s, carol)",
    ]);
    alice.assert_idle();
}

#[test]
fn join_a_group_call_in_progress() {
    let mut dave = Party::new("dave", 27);
    dave.command(
        1_000,
        Command::Join(JoinRequest {
            room_id: 5000,
            group_id: Some("grp1".into()),
            media: Video,
        }),
    );
    let view = dave.view();
    assert_eq!(view.status, Status::Connected);
    assert!(view.is_group);
    assert!(view.remote_users.is_empty());
    let pusher = view.pusher.expect("pusher");
    assert!(
        pusher.url.contains("roomid=5000&userid=dave&"),
        "{}",
        pusher.url
    );
    assert!(pusher.enable_camera);
    assert_eq!(dave.engine.poll_timeout(), Some((31_000, "empty room")));
    dave.room(2_000, 1031, &["alice", "bob"]);
    assert_eq!(dave.remotes(), "alice:in_room bob:in_room");
    dave.room(10_000, 1032, &["alice"]);
    dave.command(12_000, Command::Hangup);
    dave.expect(&[
        "1.000 event Connected",
        "2.000 event UserEntered(alice)",
        "2.000 event UserEntered(bob)",
        "10.000 event UserLeft(alice)",
        "12.000 event CallEnded(hangup, 10s)",
    ]);
    assert!(dave.sent.is_empty());
    dave.assert_idle();
}

// ---------------------------------------------------------------------------------------------
// Stale, duplicate, consumed and v2-path invites
// ---------------------------------------------------------------------------------------------

#[test]
fn stale_invite_at_login_is_ignored_and_a_fresh_one_rings() {
    let mut bob = Party::new("bob", 28);
    let stale = invite("call-old", "alice", &["bob"], Audio, ROOM);
    let mut message = c2c("alice", &stale, 105_000);
    message.server_now_ms = 200_000;
    bob.receive(200_000, message.clone());
    bob.assert_idle();

    let fresh = invite("call-new", "alice", &["bob"], Video, 4343);
    let mut fresh_message = c2c("alice", &fresh, 180_000);
    fresh_message.server_now_ms = 200_100;
    bob.receive(200_100, fresh_message);
    assert_eq!(bob.status(), Status::Calling);
    assert_eq!(bob.view().media, Some(Video));
    assert_eq!(bob.engine.poll_timeout(), Some((230_100, "ring timeout")));
    // The stale one delivered again (e.g. a second roaming sync) still never rings.
    message.server_now_ms = 200_200;
    bob.receive(200_200, message);
    bob.expect(&[
        "200.000 event Ignored(STALE_INVITE: call-old is 95 s old)",
        "200.100 event Invited(alice, video, [alice])",
        "200.200 event Ignored(DUPLICATE_INVITE: call-old)",
    ]);
    assert!(bob.sent.is_empty(), "no busy reply to a stale invite");
}

#[test]
fn duplicate_invite_is_idempotent() {
    let mut bob = Party::new("bob", 29);
    let invitation = invite("call-d", "alice", &["bob"], Audio, ROOM);
    bob.deliver(1_000, "alice", &invitation);
    bob.deliver(1_500, "alice", &invitation);
    assert_eq!(bob.status(), Status::Calling);
    assert_eq!(bob.engine.poll_timeout(), Some((31_000, "ring timeout")));
    bob.command(3_000, Command::Accept);
    bob.room(3_500, 1031, &["alice"]);
    bob.deliver(5_000, "alice", &invitation);
    assert_eq!(bob.status(), Status::Connected);
    bob.expect(&[
        "1.000 event Invited(alice, audio, [alice])",
        "1.500 event Ignored(DUPLICATE_INVITE: call-d)",
        "3.000 event Connected",
        "3.000 send C2C->alice accept call-d alice->[bob] type=audio cmd=audioCall",
        "3.500 event UserEntered(alice)",
        "5.000 event Ignored(DUPLICATE_INVITE: call-d)",
    ]);
}

#[test]
fn duplicate_accept_is_idempotent() {
    let mut alice = Party::new("alice", 30);
    alice.command(1_000, Command::Call(request(&["bob"], Audio, ROOM)));
    let accept = outgoing::accept(&alice.invite_for("bob"), "bob");
    alice.deliver(2_000, "bob", &accept);
    alice.deliver(2_100, "bob", &accept);
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=audio cmd=audioCall room=4242 timeout=30",
        "2.000 event UserAccepted(bob)",
        "2.000 event Connected",
    ]);
    assert_eq!(alice.status(), Status::Connected);
}

#[test]
fn consumed_invite_never_rings() {
    let mut bob = Party::new("bob", 33);
    let mut invitation = invite("call-c", "alice", &["bob"], Video, ROOM);
    invitation.consumed = true;
    bob.deliver(1_000, "alice", &invitation);
    bob.expect(&["1.000 event Ignored(CONSUMED_INVITE: call-c)"]);
    bob.assert_idle();
    assert!(bob.sent.is_empty());
}

#[test]
fn v2_path_invite_with_call_end_zero_rings() {
    let mut bob = Party::new("bob", 34);
    let mut invitation = invite("v2-call", "alice", &["bob"], Video, ROOM);
    invitation.call_end = Some(0);
    invitation.platform = Some("Android".into());
    bob.deliver(1_000, "alice", &invitation);
    bob.expect(&["1.000 event Invited(alice, video, [alice])"]);
    assert_eq!(bob.status(), Status::Calling);
}

// ---------------------------------------------------------------------------------------------
// Forged messages
// ---------------------------------------------------------------------------------------------

#[test]
fn forged_cancel_from_a_non_participant_is_ignored() {
    let mut bob = Party::new("bob", 35);
    let invitation = invite("call-f", "alice", &["bob"], Audio, ROOM);
    bob.deliver(1_000, "alice", &invitation);
    let before = bob.view();
    let deadline = bob.engine.poll_timeout();
    // Mallory sends alice's cancel from her own account.
    bob.deliver(
        2_000,
        "mallory",
        &outgoing::cancel(&invitation, vec!["bob".into()]),
    );
    bob.expect(&[
        "1.000 event Invited(alice, audio, [alice])",
        "2.000 event Ignored(FORGED_SENDER: mallory claims to act for alice)",
    ]);
    assert_eq!(bob.view(), before);
    assert_eq!(bob.engine.poll_timeout(), deadline);
    assert!(bob.sent.is_empty());
}

#[test]
fn forged_cancel_with_the_invite_id_from_a_group_member_is_ignored() {
    let mut bob = Party::new("bob", 36);
    let invitation = group_invite("g-f", "alice", "grp1", &["bob", "carol"], Audio, 5006);
    bob.deliver_group(1_000, "alice", "grp1", &invitation);
    bob.take();
    let before = bob.view();
    let mut forged = outgoing::cancel(&invitation, vec!["bob".into(), "carol".into()]);
    forged.inviter = "mallory".into();
    forged.data_inviter = None;
    bob.deliver_group(2_000, "mallory", "grp1", &forged);
    let lines = bob.take();
    assert_eq!(lines.len(), 1, "one diagnostic: {lines:?}");
    assert!(lines[0].starts_with("2.000 event Ignored("), "{lines:?}");
    assert_eq!(bob.view(), before, "still ringing");
}

#[test]
fn forged_accept_from_a_non_participant_is_ignored() {
    let mut alice = Party::new("alice", 37);
    alice.command(1_000, Command::Call(request(&["bob"], Video, ROOM)));
    let invitation = alice.invite_for("bob");
    let before = alice.view();
    // Mallory sends bob's accept from her own account …
    alice.deliver(2_000, "mallory", &outgoing::accept(&invitation, "bob"));
    // … and an accept naming herself, though she was never invited.
    alice.deliver(2_100, "mallory", &outgoing::accept(&invitation, "mallory"));
    assert_eq!(alice.view(), before, "still calling");
    // Bob's own accept still works.
    alice.deliver(3_000, "bob", &outgoing::accept(&invitation, "bob"));
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=video cmd=videoCall room=4242 timeout=30",
        "2.000 event Ignored(FORGED_SENDER: mallory claims to act for alice)",
        "2.100 event Ignored(ACCEPT_FROM_STRANGER: mallory)",
        "3.000 event UserAccepted(bob)",
        "3.000 event Connected",
    ]);
    assert_eq!(alice.remotes(), "bob:accepted");
}

#[test]
fn forged_hangup_notice_from_a_non_participant_does_not_end_the_call() {
    let mut bob = callee_connected(Video);
    let before = bob.view();
    bob.deliver(
        5_000,
        "mallory",
        &hangup("end-m", "mallory", "bob", Video, 3, "mallory"),
    );
    let lines = bob.take();
    assert!(
        lines
            .iter()
            .all(|line| line.starts_with("5.000 event Ignored(")),
        "{lines:?}"
    );
    assert_eq!(bob.view(), before);
}

#[test]
fn forged_hangup_notice_from_a_non_participant_reports_a_diagnostic() {
    let mut bob = callee_connected(Video);
    bob.deliver(
        5_000,
        "mallory",
        &hangup("end-m", "mallory", "bob", Video, 3, "mallory"),
    );
    let lines = bob.take();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].starts_with("5.000 event Ignored("), "{lines:?}");
}

#[test]
fn switch_request_from_a_non_participant_is_ignored() {
    let mut bob = callee_connected(Video);
    let before = bob.view();
    let request = outgoing::switch_request("sw-m", "mallory", "bob", Video, ROOM);
    bob.deliver(5_000, "mallory", &request);
    bob.expect(&["5.000 event Ignored(SWITCH_FROM_NON_PARTICIPANT: mallory)"]);
    assert_eq!(bob.view(), before);
}

// ---------------------------------------------------------------------------------------------
// Send failures
// ---------------------------------------------------------------------------------------------

fn failure(code: i32, message: &str) -> Result<(), SendFailure> {
    Err(SendFailure {
        code,
        message: message.into(),
    })
}

/// alice invites bob (audio) at 1 s; the invite's send fails with `code` at `at` ms.
fn alice_whose_invite_failed(at: u64, code: i32, message: &str) -> Party {
    let mut alice = Party::new("alice", 38);
    alice.auto_ack = false;
    alice.command(1_000, Command::Call(request(&["bob"], Audio, ROOM)));
    assert_eq!(alice.status(), Status::Calling);
    let id = alice.last_sent().id;
    alice.ack(at, id, failure(code, message));
    alice
}

#[test]
fn invite_send_failure_ends_the_call_and_leaves_nothing_stuck() {
    let mut alice = alice_whose_invite_failed(1_200, 20003, "network");
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=audio cmd=audioCall room=4242 timeout=30",
        "1.200 event Error(SEND_FAILED: code 20003: network)",
        "1.200 event CallEnded(error, 0s)",
    ]);
    alice.assert_idle();
    // Not stuck: the next call starts, and an incoming invite is not answered busy.
    alice.command(2_000, Command::Call(request(&["carol"], Audio, 4343)));
    assert_eq!(alice.status(), Status::Calling);
}

#[test]
fn timed_out_invite_is_cancelled_in_case_it_was_delivered() {
    // 2801: the SDK (or the driver's guard) gave up waiting; the server may have delivered it.
    let mut alice = alice_whose_invite_failed(16_000, 2801, "");
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=audio cmd=audioCall room=4242 timeout=30",
        "16.000 event Error(SEND_FAILED: code 2801: )",
        "16.000 send C2C->bob cancel #1 alice->[bob] type=audio cmd=audioCall",
        "16.000 event CallEnded(error, 0s)",
    ]);
    alice.assert_idle();
}

#[test]
fn accept_send_failure_ends_the_call_with_an_error() {
    let mut bob = Party::new("bob", 39);
    bob.auto_ack = false;
    bob.deliver(
        1_000,
        "alice",
        &invite("call-s", "alice", &["bob"], Video, ROOM),
    );
    bob.command(2_000, Command::Accept);
    let id = bob.last_sent().id;
    bob.ack(2_300, id, failure(6013, "not logged in"));
    bob.expect(&[
        "1.000 event Invited(alice, video, [alice])",
        "2.000 event Connected",
        "2.000 send C2C->alice accept call-s alice->[bob] type=video cmd=videoCall",
        "2.300 event Error(SEND_FAILED: code 6013: not logged in)",
        "2.300 event CallEnded(error, 0s)",
    ]);
    bob.assert_idle();
}

#[test]
fn one_failed_invite_of_a_group_drops_only_that_invitee() {
    let mut alice = Party::new("alice", 40);
    alice.auto_ack = false;
    alice.command(1_000, Command::Call(request(&["bob", "carol"], Audio, 902)));
    let (first, second) = (alice.sent[0].id, alice.sent[1].id);
    alice.ack(1_100, first, Ok(()));
    alice.ack(1_200, second, failure(20003, "network"));
    assert_eq!(alice.status(), Status::Calling);
    assert_eq!(alice.remotes(), "bob:ringing carol:no_response");
    alice.expect(&[
        "1.000 send C2C->bob invite/call #1 alice->[bob] type=audio cmd=audioCall room=902 timeout=30 userIDs=[bob,carol]",
        "1.000 send C2C->carol invite/call #2 alice->[carol] type=audio cmd=audioCall room=902 timeout=30 userIDs=[bob,carol]",
        "1.200 event Error(SEND_FAILED: code 20003: network)",
    ]);
}

// ---------------------------------------------------------------------------------------------
// Offline push and kick-out
// ---------------------------------------------------------------------------------------------

/// The `content` object inside an offline push `extension`.
fn push_content(extension: &str) -> serde_json::Value {
    let outer: serde_json::Value = serde_json::from_str(extension).expect("extension is JSON");
    let content = outer["entity"]["content"].as_str().expect("content string");
    serde_json::from_str(content).expect("content is JSON")
}

#[test]
fn call_invites_carry_offline_push_with_the_real_call_data() {
    let mut alice = Party::new("alice", 41);
    alice.command(1_000, Command::Call(request(&["bob"], Video, ROOM)));
    let push = alice.sent[0]
        .offline_push
        .clone()
        .expect("invites carry push info");
    assert_eq!(push.description, "您有一个通话请求");
    let content = push_content(&push.extension);
    assert_eq!(content["call_type"], 2);
    assert_eq!(content["room_id"], ROOM);
    assert_eq!(content["timeout"], 30);
    // Responses carry none.
    let invitation = alice.invite_for("bob");
    alice.command(2_000, Command::Hangup);
    assert_eq!(alice.last_signal().invite_id, invitation.invite_id);
    assert!(alice.last_sent().offline_push.is_none(), "cancel: no push");
}

#[test]
fn hangup_notices_and_switch_requests_carry_no_offline_push() {
    let mut alice = caller_connected(Audio);
    alice.command(5_000, Command::SwitchMedia(Video));
    let switch = alice.last_sent();
    assert_eq!(alice.last_signal().switch_to, Some(Video));
    assert!(switch.offline_push.is_none(), "{:?}", switch.offline_push);
    alice.room(10_000, 1032, &["bob"]);
    alice.fire(20_000, "leave grace");
    let notice = alice.last_sent();
    assert!(alice.last_signal().cmd.is_some());
    assert!(notice.offline_push.is_none(), "{:?}", notice.offline_push);
}

#[test]
fn invites_and_accepts_are_hidden_from_chat_history_the_rest_are_not() {
    use tuicalling_core::protocol::InviteKind;
    let hidden = |party: &Party| -> Vec<String> {
        (0..party.sent.len())
            .map(|n| party.sent_signal(n))
            .map(|signal| {
                let what = match signal.invite_kind() {
                    Some(InviteKind::Call { .. }) => "invite",
                    Some(InviteKind::Hangup { .. }) => "hangup",
                    Some(InviteKind::Switch { .. }) => "switch",
                    None if signal.busy => "busy",
                    None => signal.action.name(),
                };
                format!("{what}={}", signal.exclude_from_history)
            })
            .collect()
    };
    // Alice calls bob: invite, then a switch; bob accepts and answers the switch. Switches are
    // hidden too, as the current engine's are.
    let (mut alice, mut bob) = connected_pair();
    alice.command(5_000, Command::SwitchMedia(Audio));
    let sent = alice.last_sent();
    bob.deliver_sent(5_100, "alice", &sent);
    assert_eq!(hidden(&alice), ["invite=true", "switch=true"]);
    // A second caller gets bob's busy reply; alice leaves; bob ends with his notice.
    bob.deliver(
        6_000,
        "carol",
        &invite("call-c", "carol", &["bob"], Video, 999),
    );
    bob.room(7_000, 1032, &["alice"]);
    bob.at(20_000);
    assert_eq!(
        hidden(&bob),
        ["accept=true", "accept=true", "busy=false", "hangup=false"]
    );
    // Reject, cancel and the two timeouts are call records: never hidden.
    let mut carol = Party::new("carol", 54);
    carol.deliver(
        1_000,
        "dave",
        &invite("call-r", "dave", &["carol"], Audio, 77),
    );
    carol.command(2_000, Command::Reject);
    carol.deliver(
        3_000,
        "dave",
        &invite("call-t", "dave", &["carol"], Audio, 78),
    );
    carol.fire(33_000, "ring timeout");
    let mut dave = Party::new("dave", 55);
    dave.command(1_000, Command::Call(request(&["carol"], Audio, ROOM)));
    dave.command(2_000, Command::Hangup);
    dave.command(3_000, Command::Call(request(&["carol"], Audio, ROOM)));
    dave.fire(38_000, "invite guard");
    assert_eq!(hidden(&carol), ["reject=false", "timeout=false"]);
    assert_eq!(
        hidden(&dave),
        [
            "invite=true",
            "cancel=false",
            "invite=true",
            "timeout=false"
        ]
    );
}

#[test]
fn group_silence_guard_drops_users_on_our_side_only_and_never_notifies() {
    let mut alice = Party::new("alice", 53);
    alice.command(
        1_000,
        Command::Call(group_request(&["bob", "carol"], "grp1", Audio, 5010)),
    );
    let invitation = alice.invite_for("bob");
    alice.deliver_group(2_000, "bob", "grp1", &outgoing::accept(&invitation, "bob"));
    alice.deliver_group(
        2_100,
        "carol",
        "grp1",
        &outgoing::accept(&invitation, "carol"),
    );
    alice.room(2_500, 1031, &["bob", "carol"]);
    alice.player_alive(20_000, "bob");
    // We stop hearing carol (her leave never reached us, or our own link to her stalled):
    // after 30 s she is dropped on our side, and nothing is sent. A group notice would end
    // the call for everyone still in it on the original clients.
    alice.fire(32_500, "remote silent");
    assert_eq!(alice.status(), Status::Connected);
    assert_eq!(alice.remotes(), "bob:in_room carol:left");
    // Then bob too: alice ends only her own participation, still without a notice.
    alice.fire(50_000, "remote silent");
    alice.expect(&[
        "1.000 send Group->grp1 invite/call #1 alice->[bob,carol] group=grp1 type=audio cmd=audioCall room=5010 timeout=30",
        "2.000 event UserAccepted(bob)",
        "2.000 event Connected",
        "2.100 event UserAccepted(carol)",
        "2.500 event UserEntered(bob)",
        "2.500 event UserEntered(carol)",
        "32.500 event UserLeft(carol)",
        "50.000 event UserLeft(bob)",
        "50.000 event CallEnded(hangup, 48s, bob)",
    ]);
    assert_eq!(alice.sent.len(), 1, "only the invite");
    alice.assert_idle();
}

#[test]
fn kicked_out_ends_the_call() {
    let mut bob = callee_connected(Audio);
    bob.input(5_000, Input::KickedOut).expect("accepted");
    bob.expect(&["5.000 event CallEnded(kicked_out, 3s)"]);
    bob.assert_idle();
}

// ---------------------------------------------------------------------------------------------
// Replays, more forgeries, TRTC entry failure
// ---------------------------------------------------------------------------------------------

/// Asserts `lines` hold nothing but diagnostics (`Ignored` events).
#[track_caller]
fn only_diagnostics(lines: &[String]) {
    assert!(
        lines.iter().all(|line| line.contains(" event Ignored(")),
        "expected nothing but Ignored events: {lines:#?}"
    );
}

#[test]
fn replayed_switch_request_is_idempotent() {
    let (mut alice, mut bob) = connected_pair();
    alice.command(10_000, Command::SwitchMedia(Audio));
    let sent = alice.last_sent();
    bob.deliver_sent(10_100, "alice", &sent);
    bob.expect(&[
        "10.100 send C2C->alice accept #2 alice->[bob] type=video cmd=switchToAudio switch_to=audio",
        "10.100 event MediaChanged(audio)",
    ]);
    bob.deliver_sent(10_300, "alice", &sent);
    only_diagnostics(&bob.take());
    assert_eq!(bob.view().media, Some(Audio));
}

#[test]
fn replayed_hangup_notice_of_an_earlier_call_does_not_end_the_next_call() {
    let mut bob = Party::new("bob", 50);
    bob.deliver(
        1_000,
        "alice",
        &invite("call-1", "alice", &["bob"], Audio, ROOM),
    );
    bob.command(2_000, Command::Accept);
    bob.room(2_500, 1031, &["alice"]);
    let notice = hangup("end-1", "alice", "bob", Audio, 8, "alice");
    bob.deliver(10_500, "alice", &notice);
    bob.deliver(
        20_000,
        "alice",
        &invite("call-2", "alice", &["bob"], Audio, ROOM + 1),
    );
    bob.command(21_000, Command::Accept);
    bob.room(21_500, 1031, &["alice"]);
    bob.expect(&[
        "1.000 event Invited(alice, audio, [alice])",
        "2.000 event Connected",
        "2.000 send C2C->alice accept call-1 alice->[bob] type=audio cmd=audioCall",
        "2.500 event UserEntered(alice)",
        "10.500 event CallEnded(hangup, 8s, alice)",
        "20.000 event Invited(alice, audio, [alice])",
        "21.000 event Connected",
        "21.000 send C2C->alice accept call-2 alice->[bob] type=audio cmd=audioCall",
        "21.500 event UserEntered(alice)",
    ]);
    // The first call's notice again, stored by the server before the second call began.
    let mut replay = c2c("alice", &notice, 10_500);
    replay.server_now_ms = 25_000;
    bob.receive(25_000, replay);
    only_diagnostics(&bob.take());
    assert_eq!(bob.status(), Status::Connected);
    assert_eq!(bob.remotes(), "alice:in_room");
}

#[test]
fn forged_timeout_with_the_invite_id_from_a_group_member_is_ignored() {
    let mut bob = Party::new("bob", 51);
    let invitation = group_invite("g-f", "alice", "grp1", &["bob", "carol"], Audio, 5006);
    bob.deliver_group(1_000, "alice", "grp1", &invitation);
    bob.take();
    let before = bob.view();
    let mut forged = outgoing::timeout_notice(&invitation, vec!["bob".into()]);
    forged.inviter = "mallory".into();
    bob.deliver_group(2_000, "mallory", "grp1", &forged);
    let lines = bob.take();
    assert_eq!(lines.len(), 1, "one diagnostic: {lines:?}");
    only_diagnostics(&lines);
    assert_eq!(bob.view(), before, "still ringing");
}

#[test]
fn trtc_enter_failure_ends_the_call_and_tells_the_peer() {
    let mut bob = callee_connected(Video);
    let event = PusherEvent::StateChange {
        code: -100018,
        message: "usersig check failed".into(),
    };
    bob.input(5_000, Input::Pusher(event)).expect("accepted");
    bob.expect(&[
        "5.000 event Error(ENTER_ROOM_FAILED: TRTC -100018: usersig check failed)",
        "5.000 send C2C->alice invite/hangup #1 bob->[alice] type=video cmd=hangup room=4242 call_end=3 caller=alice",
        "5.000 event CallEnded(error, 3s)",
    ]);
    bob.assert_idle();
}
