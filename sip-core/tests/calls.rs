//! Calls rebuilt from the messages seen (`sip_core::calls`), on flows written after
//! RFC 3665 (basic call, busy, cancel, forking, hold) with the times and the expected
//! figures worked out by hand.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::net::SocketAddr;
use std::time::Duration;

use sip_core::Parser;
use sip_core::calls::{CallEnd, CallObserver, Observation, ObservedCall, ObserverLimits, Side};
use sip_core::sdp::Direction;

const ALICE: &str = "192.0.2.10:5060";
const PROXY: &str = "198.51.100.1:5060";

fn addr(s: &str) -> SocketAddr {
    s.parse().unwrap()
}

fn sdp(ip: &str, port: u16, direction: &str) -> String {
    format!(
        "v=0\r\no=- 1 1 IN IP4 {ip}\r\ns=-\r\nc=IN IP4 {ip}\r\nt=0 0\r\nm=audio {port} RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na={direction}\r\n"
    )
}

/// One message of a flow: when (ms), whether the caller sent it, the start line, the
/// To tag, the CSeq, and an SDP body.
struct Msg {
    ms: u64,
    from_caller: bool,
    start: String,
    to_tag: Option<&'static str>,
    cseq: String,
    body: Option<String>,
}

fn msg(ms: u64, from_caller: bool, start: &str, to_tag: Option<&'static str>, cseq: &str) -> Msg {
    Msg {
        ms,
        from_caller,
        start: start.into(),
        to_tag,
        cseq: cseq.into(),
        body: None,
    }
}

fn with_sdp(mut m: Msg, body: String) -> Msg {
    m.body = Some(body);
    m
}

fn wire(call_id: &str, m: &Msg) -> Vec<u8> {
    let to_tag = m.to_tag.map(|t| format!(";tag={t}")).unwrap_or_default();
    let (content, body) = match &m.body {
        Some(b) => ("Content-Type: application/sdp\r\n", b.as_str()),
        None => ("", ""),
    };
    format!(
        "{}\r\nVia: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK{}\r\nFrom: Alice <sip:alice@example.com>;tag=a1\r\nTo: Bob <sip:bob@example.com>{to_tag}\r\nCall-ID: {call_id}\r\nCSeq: {}\r\n{content}Content-Length: {}\r\n\r\n{body}",
        m.start,
        m.ms,
        m.cseq,
        body.len()
    )
    .into_bytes()
}

fn observe(observer: &mut CallObserver, call_id: &str, flow: &[Msg]) -> Vec<Observation> {
    flow.iter()
        .map(|m| {
            let bytes = wire(call_id, m);
            let mut slots = Vec::new();
            let message = Parser::new().parse_datagram(&bytes, &mut slots).unwrap();
            let (src, dst) = if m.from_caller {
                (addr(ALICE), addr(PROXY))
            } else {
                (addr(PROXY), addr(ALICE))
            };
            observer.observe(Duration::from_millis(m.ms), src, dst, &message)
        })
        .collect()
}

fn one_call(flow: &[Msg]) -> ObservedCall {
    let mut observer = CallObserver::new();
    observe(&mut observer, "call-1", flow);
    let mut calls = observer.finish();
    assert_eq!(calls.len(), 1);
    calls.remove(0)
}

const INVITE: &str = "INVITE sip:bob@example.com SIP/2.0";

#[test]
fn a_basic_call_gives_its_post_dial_delay_answer_duration_and_who_hung_up() {
    let call = one_call(&[
        with_sdp(
            msg(1_000, true, INVITE, None, "1 INVITE"),
            sdp("192.0.2.10", 49170, "sendrecv"),
        ),
        msg(1_050, false, "SIP/2.0 100 Trying", None, "1 INVITE"),
        msg(1_850, false, "SIP/2.0 180 Ringing", Some("b1"), "1 INVITE"),
        with_sdp(
            msg(6_850, false, "SIP/2.0 200 OK", Some("b1"), "1 INVITE"),
            sdp("198.51.100.20", 3456, "sendrecv"),
        ),
        msg(
            6_900,
            true,
            "ACK sip:bob@198.51.100.20 SIP/2.0",
            Some("b1"),
            "1 ACK",
        ),
        msg(
            96_850,
            false,
            "BYE sip:alice@192.0.2.10 SIP/2.0",
            Some("b1"),
            "231 BYE",
        ),
        msg(96_900, true, "SIP/2.0 200 OK", Some("b1"), "231 BYE"),
    ]);
    assert_eq!(
        (call.from.as_str(), call.to.as_str()),
        ("sip:alice@example.com", "sip:bob@example.com")
    );
    assert_eq!((call.caller, call.callee), (addr(ALICE), addr(PROXY)));
    // 100 Trying does not end the post-dial delay; 180 at 1.850 s does: 850 ms.
    assert_eq!(call.post_dial_delay(), Some(Duration::from_millis(850)));
    assert_eq!(call.answered_at, Some(Duration::from_millis(6_850)));
    // Who sent the BYE is told by its From tag (this flow writes Alice's From in every
    // message): see `a_bye_from_the_callee_is_told_by_its_from_tag`.
    assert_eq!(call.ended_at, Some(Duration::from_millis(96_850)));
    assert_eq!(call.duration(), Some(Duration::from_secs(90)));
    assert_eq!(call.final_status, Some(200));
    assert_eq!(call.to_tag.as_deref(), Some("b1"));
    assert_eq!(call.dialogs, ["b1"]);
    assert_eq!(call.ladder.len(), 7);
    assert_eq!(call.ladder[2].label, "180 Ringing");
    assert_eq!(call.ladder[2].side, Side::Callee);
    // One offer, one answer, each with the address RTP goes to and the codecs.
    assert_eq!(call.media.len(), 2);
    let offer = call.last_media(Side::Caller).unwrap();
    assert_eq!(offer.media[0].address, Some("192.0.2.10".parse().unwrap()));
    assert_eq!(offer.media[0].port, 49170);
    let codecs: Vec<(u8, &str, u32)> = offer.media[0]
        .codecs
        .iter()
        .map(|c| (c.payload_type, c.name.as_str(), c.clock_rate))
        .collect();
    assert_eq!(codecs, [(0, "PCMU", 8000), (101, "telephone-event", 8000)]);
    assert_eq!(call.last_media(Side::Callee).unwrap().media[0].port, 3456);
}

#[test]
fn a_bye_from_the_callee_is_told_by_its_from_tag() {
    // In Bob's BYE the tags swap: From carries Bob's tag, To carries Alice's.
    let mut observer = CallObserver::new();
    observe(
        &mut observer,
        "c",
        &[
            msg(0, true, INVITE, None, "1 INVITE"),
            msg(500, false, "SIP/2.0 200 OK", Some("b1"), "1 INVITE"),
        ],
    );
    let bye = b"BYE sip:alice@192.0.2.10 SIP/2.0\r\nFrom: <sip:bob@example.com>;tag=b1\r\nTo: <sip:alice@example.com>;tag=a1\r\nCall-ID: c\r\nCSeq: 9 BYE\r\nContent-Length: 0\r\n\r\n";
    let mut slots = Vec::new();
    let m = Parser::new().parse_datagram(bye, &mut slots).unwrap();
    let seen = observer.observe(Duration::from_secs(30), addr(PROXY), addr(ALICE), &m);
    assert_eq!(seen, Observation::InCall(0));
    let call = &observer.calls()[0];
    assert_eq!(call.end, CallEnd::Bye(Side::Callee));
    assert_eq!(call.duration(), Some(Duration::from_millis(29_500)));
    // And Alice's own BYE is the caller's.
    let mut observer = CallObserver::new();
    observe(
        &mut observer,
        "c",
        &[
            msg(0, true, INVITE, None, "1 INVITE"),
            msg(500, false, "SIP/2.0 200 OK", Some("b1"), "1 INVITE"),
            msg(
                9_000,
                true,
                "BYE sip:bob@198.51.100.20 SIP/2.0",
                Some("b1"),
                "2 BYE",
            ),
        ],
    );
    assert_eq!(observer.calls()[0].end, CallEnd::Bye(Side::Caller));
}

#[test]
fn a_busy_callee_is_a_failed_call_with_its_status_and_no_duration() {
    let call = one_call(&[
        msg(0, true, INVITE, None, "1 INVITE"),
        msg(40, false, "SIP/2.0 100 Trying", None, "1 INVITE"),
        msg(300, false, "SIP/2.0 486 Busy Here", Some("b1"), "1 INVITE"),
        msg(
            310,
            true,
            "ACK sip:bob@example.com SIP/2.0",
            Some("b1"),
            "1 ACK",
        ),
    ]);
    assert_eq!(call.end, CallEnd::Failed);
    assert_eq!(call.final_status, Some(486));
    assert_eq!(call.ended_at, Some(Duration::from_millis(300)));
    assert_eq!(
        (call.answered_at, call.duration(), call.post_dial_delay()),
        (None, None, None)
    );
}

#[test]
fn a_cancelled_call_ends_at_its_487_and_without_one_at_the_cancel() {
    let call = one_call(&[
        msg(0, true, INVITE, None, "1 INVITE"),
        msg(900, false, "SIP/2.0 180 Ringing", Some("b1"), "1 INVITE"),
        msg(
            4_000,
            true,
            "CANCEL sip:bob@example.com SIP/2.0",
            None,
            "1 CANCEL",
        ),
        msg(4_030, false, "SIP/2.0 200 OK", Some("b1"), "1 CANCEL"),
        msg(
            4_040,
            false,
            "SIP/2.0 487 Request Terminated",
            Some("b1"),
            "1 INVITE",
        ),
    ]);
    assert_eq!(call.end, CallEnd::Cancelled);
    assert_eq!(call.final_status, Some(487));
    assert_eq!(call.ended_at, Some(Duration::from_millis(4_040)));
    // The 200 to the CANCEL is not the answer.
    assert_eq!(call.answered_at, None);
    // A capture that ends before the 487: cancelled at the CANCEL.
    let call = one_call(&[
        msg(0, true, INVITE, None, "1 INVITE"),
        msg(
            4_000,
            true,
            "CANCEL sip:bob@example.com SIP/2.0",
            None,
            "1 CANCEL",
        ),
    ]);
    assert_eq!(
        (call.end, call.ended_at),
        (CallEnd::Cancelled, Some(Duration::from_secs(4)))
    );
    assert_eq!(call.final_status, None);
}

#[test]
fn a_forked_invite_lists_every_early_dialog_and_keeps_the_answered_one() {
    let call = one_call(&[
        msg(0, true, INVITE, None, "1 INVITE"),
        msg(700, false, "SIP/2.0 180 Ringing", Some("desk"), "1 INVITE"),
        msg(
            800,
            false,
            "SIP/2.0 183 Session Progress",
            Some("mobile"),
            "1 INVITE",
        ),
        msg(5_000, false, "SIP/2.0 200 OK", Some("mobile"), "1 INVITE"),
        // The other branch's late 200 does not answer the call a second time.
        msg(5_100, false, "SIP/2.0 200 OK", Some("desk"), "1 INVITE"),
    ]);
    assert_eq!(call.dialogs, ["desk", "mobile"]);
    assert_eq!(call.to_tag.as_deref(), Some("mobile"));
    assert_eq!(call.post_dial_delay(), Some(Duration::from_millis(700)));
    assert_eq!(call.answered_at, Some(Duration::from_secs(5)));
    assert_eq!(call.end, CallEnd::Running);
}

#[test]
fn a_re_invite_to_hold_is_a_new_announcement_of_that_side() {
    let call = one_call(&[
        with_sdp(
            msg(0, true, INVITE, None, "1 INVITE"),
            sdp("192.0.2.10", 49170, "sendrecv"),
        ),
        with_sdp(
            msg(2_000, false, "SIP/2.0 200 OK", Some("b1"), "1 INVITE"),
            sdp("198.51.100.20", 3456, "sendrecv"),
        ),
        // Alice puts Bob on hold, then the retransmission of the same re-INVITE.
        with_sdp(
            msg(
                30_000,
                true,
                "INVITE sip:bob@198.51.100.20 SIP/2.0",
                Some("b1"),
                "2 INVITE",
            ),
            sdp("192.0.2.10", 49170, "sendonly"),
        ),
        with_sdp(
            msg(
                30_500,
                true,
                "INVITE sip:bob@198.51.100.20 SIP/2.0",
                Some("b1"),
                "2 INVITE",
            ),
            sdp("192.0.2.10", 49170, "sendonly"),
        ),
        with_sdp(
            msg(30_600, false, "SIP/2.0 200 OK", Some("b1"), "2 INVITE"),
            sdp("198.51.100.20", 3456, "recvonly"),
        ),
    ]);
    // The re-INVITE's 200 is not a second answer and its CSeq is not the call's.
    assert_eq!(call.answered_at, Some(Duration::from_secs(2)));
    // Offer, answer, hold offer (its retransmission kept once), hold answer.
    let sides: Vec<(Side, Direction)> = call
        .media
        .iter()
        .map(|a| (a.side, a.media[0].direction))
        .collect();
    assert_eq!(
        sides,
        [
            (Side::Caller, Direction::SendRecv),
            (Side::Callee, Direction::SendRecv),
            (Side::Caller, Direction::SendOnly),
            (Side::Callee, Direction::RecvOnly),
        ]
    );
    assert!(call.last_media(Side::Caller).unwrap().media[0].is_hold());
    assert!(!call.last_media(Side::Callee).unwrap().media[0].is_hold());
    assert_eq!(call.ladder.len(), 5);
}

#[test]
fn messages_outside_a_call_and_unreadable_ones_are_counted_not_kept() {
    let mut observer = CallObserver::new();
    let seen = observe(
        &mut observer,
        "x",
        &[
            // A BYE for a call that started before the capture.
            msg(
                0,
                true,
                "BYE sip:bob@example.com SIP/2.0",
                Some("b1"),
                "7 BYE",
            ),
            msg(
                10,
                true,
                "OPTIONS sip:bob@example.com SIP/2.0",
                None,
                "1 OPTIONS",
            ),
        ],
    );
    assert_eq!(seen, [Observation::Outside, Observation::Outside]);
    let no_cseq = b"INVITE sip:bob@example.com SIP/2.0\r\nCall-ID: y\r\nContent-Length: 0\r\n\r\n";
    let mut slots = Vec::new();
    let m = Parser::new().parse_datagram(no_cseq, &mut slots).unwrap();
    assert_eq!(
        observer.observe(Duration::ZERO, addr(ALICE), addr(PROXY), &m),
        Observation::Unreadable
    );
    assert_eq!((observer.calls().len(), observer.unreadable()), (0, 1));
}

#[test]
fn the_limits_bound_calls_and_ladder_steps() {
    let mut observer = CallObserver::with_limits(ObserverLimits {
        max_calls: 2,
        max_steps: 3,
        max_announcements: 1,
    });
    for id in ["a", "b", "c"] {
        observe(&mut observer, id, &[msg(0, true, INVITE, None, "1 INVITE")]);
    }
    assert_eq!((observer.calls().len(), observer.calls_dropped()), (2, 1));
    let flow: Vec<Msg> = (0..10)
        .map(|i| {
            with_sdp(
                msg(i, true, INVITE, None, "1 INVITE"),
                sdp("192.0.2.10", 4000 + i as u16, "sendrecv"),
            )
        })
        .collect();
    observe(&mut observer, "a", &flow);
    let call = &observer.calls()[0];
    assert_eq!((call.ladder.len(), call.steps_dropped), (3, 8));
    assert_eq!(call.media.len(), 1);
}

/// A caller name in ISO 8859-1 (`"Jürgen"` with the single byte 0xFC, as older phones
/// and PBXes send it) read as captures are read (every quirk): the call keeps its caller's
/// address and From tag, so the callee's BYE is still told by its tags.
#[test]
fn a_caller_name_that_is_not_utf8_keeps_the_caller_and_its_tag() {
    let lenient = Parser::new().lenient(true);
    let mut observer = CallObserver::new();
    let invite = b"INVITE sip:bob@example.com SIP/2.0\r\nFrom: \"J\xfcrgen\" <sip:juergen@example.com>;tag=j1\r\nTo: <sip:bob@example.com>\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    let ok = b"SIP/2.0 200 OK\r\nFrom: \"J\xfcrgen\" <sip:juergen@example.com>;tag=j1\r\nTo: <sip:bob@example.com>;tag=b1\r\nCall-ID: c\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
    let bye = b"BYE sip:juergen@192.0.2.10 SIP/2.0\r\nFrom: <sip:bob@example.com>;tag=b1\r\nTo: \"J\xfcrgen\" <sip:juergen@example.com>;tag=j1\r\nCall-ID: c\r\nCSeq: 9 BYE\r\nContent-Length: 0\r\n\r\n";
    for (ms, (src, dst), wire) in [
        (0, (ALICE, PROXY), &invite[..]),
        (500, (PROXY, ALICE), &ok[..]),
        (30_000, (PROXY, ALICE), &bye[..]),
    ] {
        let mut slots = Vec::new();
        let m = lenient.parse_datagram(wire, &mut slots).unwrap();
        observer.observe(Duration::from_millis(ms), addr(src), addr(dst), &m);
    }
    let call = &observer.calls()[0];
    assert_eq!(call.from, "sip:juergen@example.com");
    assert_eq!(call.from_tag.as_deref(), Some("j1"));
    assert_eq!(call.end, CallEnd::Bye(Side::Callee));
    assert_eq!(call.duration(), Some(Duration::from_millis(29_500)));
}

/// A call forwarded between carriers (`samples/invite_forwarded.sip`): the call keeps
/// who the network says is calling, where it was diverted from and the SHAKEN
/// attestation of its INVITE; the `div` PASSporT beside it carries none. A call without
/// those headers has none of them.
#[test]
fn the_initial_invite_gives_asserted_identity_diversion_and_shaken_attestation() {
    let invite = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../samples/invite_forwarded.sip"
    ))
    .unwrap();
    let mut observer = CallObserver::new();
    let mut slots = Vec::new();
    let m = Parser::new().parse_datagram(&invite, &mut slots).unwrap();
    assert_eq!(
        observer.observe(Duration::ZERO, addr(ALICE), addr(PROXY), &m),
        Observation::NewCall(0)
    );
    let call = &observer.calls()[0];
    assert_eq!(
        call.asserted_identity.as_deref(),
        Some("sip:+31207654321@carrier-a.example;user=phone")
    );
    assert_eq!(
        call.diverted_from.as_deref(),
        Some("sip:+31201234567@carrier-b.example;user=phone")
    );
    assert_eq!(call.attest.as_deref(), Some("A"));

    // Only the div PASSporT, or a shaken one that does not decode: no attestation.
    let text = String::from_utf8(invite).unwrap();
    let shaken_line = text
        .lines()
        .find(|l| l.contains("ppt=shaken"))
        .unwrap()
        .to_owned();
    for changed in [
        text.replace(&format!("{shaken_line}\r\n"), ""),
        text.replacen("Identity: eyJ", "Identity: e+J", 1),
    ] {
        let mut observer = CallObserver::new();
        let m = Parser::new()
            .parse_datagram(changed.as_bytes(), &mut slots)
            .unwrap();
        observer.observe(Duration::ZERO, addr(ALICE), addr(PROXY), &m);
        let call = &observer.calls()[0];
        assert_eq!(call.attest, None);
        assert!(call.diverted_from.is_some());
    }

    let plain = one_call(&[msg(0, true, INVITE, None, "1 INVITE")]);
    assert_eq!(
        (plain.asserted_identity, plain.diverted_from, plain.attest),
        (None, None, None)
    );
}

/// The Q.850 cause of the message that ended a call (RFC 3326): the BYE's in a call that
/// was answered, the final response's in one refused, the CANCEL's in one cancelled; a
/// `SIP` Reason is no Q.850 cause, and a BYE without Reason leaves none.
#[test]
fn the_ending_message_gives_the_q850_cause() {
    fn flow(messages: &[(bool, &str, &str)]) -> ObservedCall {
        let mut observer = CallObserver::new();
        let mut slots = Vec::new();
        for (i, (from_caller, start_and_to_tag, extra)) in messages.iter().enumerate() {
            let (start, to_tag, cseq) = match *start_and_to_tag {
                s if s.starts_with("INVITE") => (s, "", "1 INVITE"),
                s if s.starts_with("CANCEL") => (s, "", "1 CANCEL"),
                s if s.starts_with("BYE") => (s, ";tag=b1", "2 BYE"),
                s => (s, ";tag=b1", "1 INVITE"),
            };
            let wire = format!(
                "{start}\r\nVia: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK{i}\r\nFrom: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>{to_tag}\r\nCall-ID: q850\r\nCSeq: {cseq}\r\n{extra}Content-Length: 0\r\n\r\n"
            );
            let m = Parser::new()
                .parse_datagram(wire.as_bytes(), &mut slots)
                .unwrap();
            let (src, dst) = if *from_caller {
                (addr(ALICE), addr(PROXY))
            } else {
                (addr(PROXY), addr(ALICE))
            };
            observer.observe(Duration::from_millis(i as u64 * 100), src, dst, &m);
        }
        observer.finish().remove(0)
    }
    let answered = [(true, INVITE, ""), (false, "SIP/2.0 200 OK", "")];
    let hung_up = flow(&[
        answered[0],
        answered[1],
        (
            true,
            "BYE sip:bob@198.51.100.20 SIP/2.0",
            "Reason: SIP;cause=200;text=\"done\", Q.850;cause=16;text=\"Normal call clearing\"\r\n",
        ),
    ]);
    assert_eq!(hung_up.end, CallEnd::Bye(Side::Caller));
    assert_eq!(hung_up.q850_cause, Some(16));
    assert_eq!(hung_up.q850_text.as_deref(), Some("Normal call clearing"));

    let busy = flow(&[
        answered[0],
        (false, "SIP/2.0 486 Busy Here", "Reason: Q.850;cause=17\r\n"),
    ]);
    assert_eq!(
        (busy.end, busy.q850_cause, busy.q850_text),
        (CallEnd::Failed, Some(17), None)
    );

    let cancelled = flow(&[
        answered[0],
        (
            true,
            "CANCEL sip:bob@example.com SIP/2.0",
            "Reason: Q.850;cause=31\r\n",
        ),
        (false, "SIP/2.0 487 Request Terminated", ""),
    ]);
    assert_eq!(
        (cancelled.end, cancelled.q850_cause),
        (CallEnd::Cancelled, Some(31))
    );

    let sip_reason_only = flow(&[
        answered[0],
        (false, "SIP/2.0 603 Decline", "Reason: SIP;cause=603\r\n"),
    ]);
    assert_eq!(sip_reason_only.q850_cause, None);
    let plain = flow(&[
        answered[0],
        answered[1],
        (true, "BYE sip:bob@198.51.100.20 SIP/2.0", ""),
    ]);
    assert_eq!(
        (plain.end, plain.q850_cause),
        (CallEnd::Bye(Side::Caller), None)
    );
}
