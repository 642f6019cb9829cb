//! Properties over generated valid messages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use proptest::prelude::*;
use sip_core::{Parser, SipMessage, Status, check};

#[derive(Debug, Clone)]
struct Gen {
    method: String,
    user: String,
    host: String,
    branch: String,
    tag: String,
    call_id: String,
    seq: u32,
    max_forwards: u8,
    extra: Vec<(String, String, bool)>,
    compact: bool,
    body: Vec<u8>,
}

fn token() -> impl Strategy<Value = String> {
    "[A-Za-z0-9][A-Za-z0-9.!%*_+`'~-]{0,15}"
}

fn message() -> impl Strategy<Value = Gen> {
    (
        prop_oneof![
            Just("INVITE".to_owned()),
            Just("OPTIONS".to_owned()),
            Just("REGISTER".to_owned()),
            "[A-Z]{3,10}"
        ],
        "[a-z0-9]{1,12}",
        // RFC 3261 hostnames: labels start and end with a letter or digit.
        "[a-z]([a-z0-9-]{0,9}[a-z0-9])?(\\.[a-z]([a-z0-9-]{0,9}[a-z0-9])?){0,3}",
        token(),
        token(),
        "[A-Za-z0-9.-]{1,30}(@[a-z0-9.]{1,20})?",
        any::<u32>(),
        any::<u8>(),
        prop::collection::vec(
            (
                token().prop_map(|t| format!("X-{t}")),
                "[ -~]{0,40}",
                any::<bool>(),
            ),
            0..8,
        ),
        any::<bool>(),
        prop::collection::vec(any::<u8>(), 0..300),
    )
        .prop_map(
            |(
                method,
                user,
                host,
                branch,
                tag,
                call_id,
                seq,
                max_forwards,
                extra,
                compact,
                body,
            )| Gen {
                method,
                user,
                host,
                branch,
                tag,
                call_id,
                seq,
                max_forwards,
                extra,
                compact,
                body,
            },
        )
}

fn wire(g: &Gen) -> Vec<u8> {
    let (v, f, t, i, l) = if g.compact {
        ("v", "f", "t", "i", "l")
    } else {
        ("Via", "From", "To", "Call-ID", "Content-Length")
    };
    let mut s = format!(
        "{m} sip:{u}@{h} SIP/2.0\r\n{v}: SIP/2.0/UDP {h}:5060;branch=z9hG4bK{b}\r\nMax-Forwards: {mf}\r\n{f}: <sip:{u}@{h}>;tag={tag}\r\n{t}: <sip:{u}@{h}>\r\n{i}: {cid}\r\nCSeq: {seq} {m}\r\n",
        m = g.method,
        u = g.user,
        h = g.host,
        b = g.branch,
        mf = g.max_forwards,
        tag = g.tag,
        cid = g.call_id,
        seq = g.seq,
    );
    for (name, value, fold) in &g.extra {
        let value = value.trim();
        if *fold && !value.is_empty() {
            s.push_str(&format!("{name}: {value}\r\n  {value}\r\n"));
        } else {
            s.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    s.push_str(&format!("{l}: {}\r\n\r\n", g.body.len()));
    let mut out = s.into_bytes();
    out.extend_from_slice(&g.body);
    out
}

proptest! {
    #[test]
    fn generated_messages_round_trip_and_reparse_equal(g in message()) {
        let bytes = wire(&g);
        let mut slots = Vec::new();
        let Status::Complete(m) = Parser::new().parse(&bytes, &mut slots).unwrap() else { panic!() };
        prop_assert_eq!(m.as_bytes(), &bytes[..]);
        prop_assert_eq!(m.header_count(), 7 + g.extra.len());
        prop_assert_eq!(m.body(), &g.body[..]);
        prop_assert_eq!(m.method(), Some(g.method.as_str()));
        let cseq = m.cseq().unwrap().unwrap();
        prop_assert_eq!((cseq.seq, cseq.method), (g.seq, g.method.as_str()));
        prop_assert_eq!(m.max_forwards().unwrap(), Some(g.max_forwards));
        prop_assert_eq!(m.from().unwrap().unwrap().tag(), Some(g.tag.as_str()));
        prop_assert_eq!(m.call_id(), Some(g.call_id.as_str()));
        let branch = format!("z9hG4bK{}", g.branch);
        prop_assert_eq!(m.via().unwrap().unwrap().branch(), Some(branch.as_str()));
        for ((name, value, _), h) in g.extra.iter().zip(m.headers().skip(6)) {
            prop_assert_eq!(h.name(), name.as_str());
            let unfolded = h.unfolded();
            prop_assert!(unfolded.starts_with(value.trim().as_bytes()));
        }
        prop_assert_eq!(check(&bytes), Ok(()));
        // The header spans tile the header section: each line starts where the one
        // before ended, the first right after the start line's CRLF, the last ends at
        // the empty line.
        let spans = m.header_spans();
        prop_assert_eq!(spans[0].line_range().start, m.start_line_bytes().len() + 2);
        for pair in spans.windows(2) {
            prop_assert_eq!(pair[0].line_range().end, pair[1].line_range().start);
        }
        prop_assert_eq!(spans[spans.len() - 1].line_range().end + 2, m.body_offset());
        // Rebuilt from start line, header lines and body, the message is its bytes.
        let mut rebuilt = Vec::new();
        m.write_to(&mut rebuilt);
        prop_assert_eq!(&rebuilt[..], &bytes[..]);
        // The owned form re-serializes to the same bytes and re-parses equal.
        let owned = SipMessage::parse(bytes.clone()).unwrap();
        let again = SipMessage::parse(owned.as_bytes().clone()).unwrap();
        prop_assert_eq!(&owned, &again);
        prop_assert_eq!(owned.view().header_spans(), m.header_spans());
    }

    #[test]
    fn a_stream_of_messages_splits_back_in_order(gs in prop::collection::vec(message(), 1..5), cut in any::<prop::sample::Index>()) {
        let mut stream = Vec::new();
        let mut lens = Vec::new();
        for g in &gs {
            stream.extend_from_slice(b"\r\n");
            let w = wire(g);
            lens.push(w.len());
            stream.extend_from_slice(&w);
        }
        let parser = Parser::new().stream();
        let mut slots = Vec::new();
        let mut at = 0;
        for len in &lens {
            // Any strict prefix of the next message asks for more.
            let next_end = at + 2 + len;
            let prefix = at + cut.index(next_end - at);
            prop_assert!(matches!(parser.parse(&stream[at..prefix], &mut slots), Ok(Status::Partial)));
            let Status::Complete(m) = parser.parse(&stream[at..], &mut slots).unwrap() else { panic!() };
            prop_assert_eq!(m.as_bytes().len(), *len);
            at += m.consumed();
        }
        prop_assert_eq!(at, stream.len());
    }
}
