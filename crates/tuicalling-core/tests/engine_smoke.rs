//! A quick end-to-end check of one 1v1 call between two engines, routed by hand.

use tuicalling_core::engine::{
    CallEvent, CallRequest, Command, Conversation, EndReason, Engine, EngineConfig, Input, Output,
    PusherEvent, ReceivedMessage, Status,
};
use tuicalling_core::protocol::MediaType;

fn engine(user: &str, seed: u64) -> Engine {
    Engine::new(EngineConfig::new(1_400_000_000, user, "sig"), 0, seed).unwrap()
}

/// Drains `from`: acknowledges its sends and returns (messages, events).
fn drain(
    engine: &mut Engine,
    now: u64,
) -> (
    Vec<tuicalling_core::engine::OutgoingMessage>,
    Vec<CallEvent>,
) {
    let (mut messages, mut events) = (Vec::new(), Vec::new());
    while let Some(output) = engine.poll_output() {
        match output {
            Output::Send(message) => messages.push(message),
            Output::Event(event) => events.push(event),
        }
    }
    for message in &messages {
        engine
            .handle_input(
                now,
                Input::SendResult {
                    id: message.id,
                    result: Ok(()),
                },
            )
            .unwrap();
    }
    while let Some(Output::Event(event)) = engine.poll_output() {
        events.push(event);
    }
    (messages, events)
}

fn deliver(engine: &mut Engine, from: &str, data: &str, now: u64) {
    let message = ReceivedMessage {
        from: from.into(),
        conversation: Conversation::C2C,
        group_id: String::new(),
        element_type: "TIMCustomElem".into(),
        data: data.into(),
        server_time_ms: now,
        server_now_ms: now,
    };
    engine.handle_input(now, Input::Message(message)).unwrap();
}

fn room(engine: &mut Engine, code: i32, users: &[&str], now: u64) {
    let list: Vec<String> = users.iter().map(|u| format!(r#"{{"userid":"{u}","playurl":"room://x?userid={u}","streamtype":"main","hasvideo":true,"hasaudio":true}}"#)).collect();
    let message = format!(r#"{{"userlist":[{}]}}"#, list.join(","));
    engine
        .handle_input(
            now,
            Input::Pusher(PusherEvent::StateChange { code, message }),
        )
        .unwrap();
}

#[test]
fn one_to_one_video_call_end_to_end() {
    let (mut alice, mut bob) = (engine("alice", 1), engine("bob", 2));
    let call = CallRequest {
        user_ids: vec!["bob".into()],
        media: Some(MediaType::Video),
        ..CallRequest::default()
    };
    alice
        .handle_input(1_000, Input::Command(Command::Call(call)))
        .unwrap();
    let (invites, _) = drain(&mut alice, 1_000);
    assert_eq!(invites.len(), 1);
    assert!(invites[0].offline_push.is_some());
    assert_eq!(alice.view().status, Status::Calling);

    deliver(&mut bob, "alice", &invites[0].data, 1_100);
    let (_, events) = drain(&mut bob, 1_100);
    assert!(
        matches!(&events[..], [CallEvent::Invited { inviter, media: MediaType::Video, .. }] if inviter == "alice")
    );

    bob.handle_input(3_000, Input::Command(Command::Accept))
        .unwrap();
    let (accepts, events) = drain(&mut bob, 3_000);
    assert_eq!(events, vec![CallEvent::Connected]);
    assert!(bob.view().pusher.unwrap().url.contains("userid=bob"));

    deliver(&mut alice, "bob", &accepts[0].data, 3_100);
    let (_, events) = drain(&mut alice, 3_100);
    assert_eq!(
        events,
        vec![CallEvent::UserAccepted("bob".into()), CallEvent::Connected]
    );

    room(&mut alice, 1031, &["bob"], 4_000);
    room(&mut bob, 1031, &["alice"], 4_000);
    assert_eq!(
        drain(&mut alice, 4_000).1,
        vec![CallEvent::UserEntered("bob".into())]
    );
    drain(&mut bob, 4_000);
    room(&mut alice, 1033, &["bob"], 4_100);
    assert_eq!(drain(&mut alice, 4_100).1, vec![]);
    assert_eq!(alice.view().players.len(), 1);

    // Alice hangs up. Bob is one of ours (his accept said sendsHangupNotice), so she tells him
    // at once; he ends on her notice (here after TRTC showed her leaving, within his leave
    // grace) and sends none: one notice for the call end.
    alice
        .handle_input(24_000, Input::Command(Command::Hangup))
        .unwrap();
    let (notices, events) = drain(&mut alice, 24_000);
    assert_eq!(notices.len(), 1, "alice tells bob");
    assert_eq!(
        events,
        vec![CallEvent::CallEnded {
            reason: EndReason::Hangup,
            duration_secs: 20,
            user: None
        }]
    );
    assert_eq!(alice.view().status, Status::Idle);
    assert_eq!(alice.poll_timeout(), None, "no timer outlives the call");
    room(&mut bob, 1032, &["alice"], 24_100);
    assert_eq!(
        drain(&mut bob, 24_100).1,
        vec![CallEvent::UserLeft("alice".into())]
    );
    assert_eq!(bob.poll_timeout(), Some((31_100, "ring timeout")));
    deliver(&mut bob, "alice", &notices[0].data, 24_150);
    let (sent, events) = drain(&mut bob, 24_150);
    assert!(sent.is_empty(), "bob sends no second notice: {sent:?}");
    assert_eq!(
        events,
        vec![CallEvent::CallEnded {
            reason: EndReason::Hangup,
            duration_secs: 20,
            user: Some("alice".into())
        }]
    );
    assert_eq!(bob.poll_timeout(), None);
}

#[test]
fn caller_guard_fires_when_callee_is_offline() {
    let mut alice = engine("alice", 1);
    let call = CallRequest {
        user_ids: vec!["bob".into()],
        ..CallRequest::default()
    };
    alice
        .handle_input(0, Input::Command(Command::Call(call)))
        .unwrap();
    drain(&mut alice, 0);
    assert_eq!(alice.poll_timeout(), Some((35_000, "invite guard")));
    alice.handle_timeout(35_000);
    let (notices, events) = drain(&mut alice, 35_000);
    assert_eq!(notices.len(), 1, "a timeout notice to bob");
    assert_eq!(
        events,
        vec![
            CallEvent::UserNoResponse {
                user: "bob".into(),
                offline: true
            },
            CallEvent::CallEnded {
                reason: EndReason::Offline,
                duration_secs: 0,
                user: Some("bob".into())
            }
        ]
    );
}

#[test]
fn a_cancel_that_crossed_our_accept_ends_the_connected_callee() {
    let (mut alice, mut bob) = (engine("alice", 1), engine("bob", 2));
    let call = CallRequest {
        user_ids: vec!["bob".into()],
        ..CallRequest::default()
    };
    alice
        .handle_input(0, Input::Command(Command::Call(call)))
        .unwrap();
    let (invites, _) = drain(&mut alice, 0);
    deliver(&mut bob, "alice", &invites[0].data, 100);
    drain(&mut bob, 100);
    // Alice hangs up while bob accepts: the cancel and the accept cross.
    alice
        .handle_input(5_000, Input::Command(Command::Hangup))
        .unwrap();
    let (cancels, _) = drain(&mut alice, 5_000);
    bob.handle_input(5_000, Input::Command(Command::Accept))
        .unwrap();
    drain(&mut bob, 5_000);
    assert_eq!(bob.view().status, Status::Connected);
    deliver(&mut bob, "alice", &cancels[0].data, 5_100);
    let (replies, events) = drain(&mut bob, 5_100);
    assert!(replies.is_empty(), "never answer a cancel");
    assert_eq!(
        events,
        vec![CallEvent::CallEnded {
            reason: EndReason::Canceled,
            duration_secs: 0,
            user: Some("alice".into())
        }]
    );
    assert_eq!(bob.poll_timeout(), None);
}

#[test]
fn a_room_entry_that_overtakes_the_accept_still_reports_the_accept() {
    use tuicalling_core::protocol::{decode, encode, outgoing};
    let mut alice = engine("alice", 1);
    let call = CallRequest {
        user_ids: vec!["bob".into(), "carol".into()],
        ..CallRequest::default()
    };
    alice
        .handle_input(0, Input::Command(Command::Call(call)))
        .unwrap();
    let invites: Vec<_> = drain(&mut alice, 0)
        .0
        .iter()
        .map(|m| decode(&m.data).unwrap())
        .collect();
    let invite_for = |user: &str| {
        invites
            .iter()
            .find(|s| s.invitees == [user])
            .unwrap()
            .clone()
    };
    // Bob's accept connects alice; carol's TRTC entry arrives before her IM accept.
    let bob_accept = encode(&outgoing::accept(&invite_for("bob"), "bob")).unwrap();
    deliver(&mut alice, "bob", &bob_accept, 1_000);
    drain(&mut alice, 1_000);
    room(&mut alice, 1031, &["bob", "carol"], 2_000);
    let (_, events) = drain(&mut alice, 2_000);
    assert_eq!(
        events,
        vec![
            CallEvent::UserAccepted("carol".into()),
            CallEvent::UserEntered("bob".into()),
            CallEvent::UserEntered("carol".into())
        ]
    );
    let carol_accept = encode(&outgoing::accept(&invite_for("carol"), "carol")).unwrap();
    deliver(&mut alice, "carol", &carol_accept, 2_100);
    assert_eq!(
        drain(&mut alice, 2_100).1,
        vec![],
        "the late accept changes nothing"
    );
}
