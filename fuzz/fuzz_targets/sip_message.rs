//! SIP messages: the split, typed headers and strict check never panic; an accepted
//! message re-serializes and re-parses to the same message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_core::sdp::SessionBody;
use sip_core::{Parser, Place, SipMessage, Status};

fn exercise(m: &sip_core::Message<'_>) {
    let _ = m.start_line();
    for h in m.headers() {
        let _ = h.unfolded();
    }
    for v in m.vias() {
        let _ = v.map(|v| (v.branch(), v.received(), v.rport()));
    }
    let _ = m.from().map(|f| f.map(|f| (f.tag(), f.display_name())));
    let _ = m.to();
    let _ = m.cseq();
    let _ = m.contacts().count();
    let _ = m.record_routes().count();
    let _ = m.content_type();
    // Every other typed header; each error of a list element lies within the message.
    let end = m.offset() + m.consumed();
    let within = |e: &sip_core::Error| assert!(e.offset() <= end, "{e:?} past {end}");
    for r in m.reasons() {
        let _ = r.as_ref().map(|r| (r.cause(), r.text())).map_err(within);
    }
    for a in m.p_asserted_identities().chain(m.routes()) {
        let _ = a.as_ref().map(|a| a.display_name()).map_err(within);
    }
    for t in m
        .allow()
        .chain(m.supported())
        .chain(m.require())
        .chain(m.proxy_require())
        .chain(m.unsupported())
    {
        let _ = t.map_err(|e| within(&e));
    }
    let _ = (m.rseq(), m.rack(), m.session_expires(), m.min_se());
    let _ = (m.event(), m.subscription_state(), m.refer_to());
    let _ = (m.expires(), m.min_expires(), m.max_forwards());
    let _ = m.date();
    for a in m.authorization().chain(m.www_authenticate()) {
        let _ = a.map(|a| (a.realm(), a.nonce()));
    }
    // The carrier headers, and the PASSporT of each Identity.
    for d in m.diversions() {
        let _ = d.map(|d| (d.reason(), d.privacy(), d.screen()));
    }
    for h in m.history_info() {
        let _ = h.map(|h| (h.index_levels().count(), h.rc(), h.reason()));
    }
    let _ = m.privacy().map(|p| p.map(|p| p.values().count()));
    let _ = m
        .p_charging_vector()
        .map(|v| v.map(|v| (v.icid(), v.orig_ioi())));
    let _ = m
        .p_preferred_identities()
        .chain(m.remote_party_ids())
        .count();
    for i in m.identities().flatten() {
        let _ = i.passport();
    }
    if let Ok(Some(ct)) = m.content_type()
        && let Some(b) = ct.boundary()
    {
        let _ = sip_core::multipart::split_multipart(m.body(), &b);
    }
    // The body's SDP as the tolerant reading finds it (an unclosed multipart included):
    // what it reports lies within the message.
    let mut notes = Vec::new();
    let tolerant = sip_core::sdp::Parser::new().quirks(sip_core::sdp::Quirks::ALL);
    if m.sdp_with_diagnostics(&tolerant, &mut notes).is_ok() {
        for n in &notes {
            assert!(n.offset <= m.offset() + m.consumed(), "{n:?}");
        }
    }
    // Its trickle-ICE fragment likewise (a multipart part included); a fragment found
    // writes back to text that reads as the same fragment.
    let mut notes = Vec::new();
    if let Ok(found) = m.sdp_fragment_with_diagnostics(&tolerant, &mut notes) {
        for n in &notes {
            assert!(n.offset <= m.offset() + m.consumed(), "{n:?}");
        }
        if let Some(f) = found {
            let text = f.to_string();
            let again = tolerant.parse_fragment(&text);
            assert_eq!(again.as_ref().ok(), Some(&f), "{text:?}");
        }
    }
    // One search for either gives what the search for each gives.
    let mut notes = Vec::new();
    match m.session_body_with_diagnostics(&tolerant, &mut notes) {
        Ok(Some(SessionBody::Sdp(s))) => {
            assert_eq!(m.sdp_with(&tolerant).ok().flatten(), Some(s));
        }
        Ok(Some(SessionBody::Fragment(f))) => {
            let alone = m.sdp_fragment_with_diagnostics(&tolerant, &mut Vec::new());
            assert_eq!(alone.ok().flatten(), Some(f));
        }
        Ok(None) | Err(_) => {}
    }
}

fuzz_target!(|data: &[u8]| {
    // The one-step readings of a known header name, of plain header lines and of plain
    // header parameters read as the byte-wise and general readings do, on the input and
    // (parameters) from each `;` of it.
    assert!(sip_core::names::known_name_agrees(data));
    for quirks in [sip_core::Quirks::NONE, sip_core::Quirks::ALL] {
        assert!(sip_core::plain_lines_agree(data, quirks));
    }
    if let Ok(text) = std::str::from_utf8(data) {
        for (at, _) in text.match_indices(';').take(8) {
            assert!(
                sip_core::headers::plain_params_agree(&text[at..]),
                "{text:?}"
            );
        }
        assert!(sip_core::headers::plain_params_agree(text), "{text:?}");
    }
    for parser in [
        Parser::new(),
        Parser::new().lenient(true),
        Parser::new().stream(),
    ] {
        let mut slots = Vec::new();
        let Ok(Status::Complete(m)) = parser.parse(data, &mut slots) else {
            continue;
        };
        exercise(&m);
        // A typed From that does not read points into its own header line (a display
        // name that is not UTF-8 is passed over with its offset kept).
        if let Err(sip_core::Error::Header { offset, .. }) = m.from() {
            let i = m
                .headers()
                .position(|h| h.is("From"))
                .expect("a From header");
            let span = m.header_spans()[i];
            let rel = offset - m.offset();
            assert!(
                span.line_range().contains(&rel) || rel == span.value_range().end,
                "{offset} outside From {span:?}"
            );
        }
        // The strict verdict is the first of the diagnostics, and the message is valid
        // exactly when there are none.
        let verdict = sip_core::validate(&m, &parser);
        let diagnostics = m.diagnostics(&parser);
        assert_eq!(verdict.err(), diagnostics.first().map(|d| d.error.clone()));
        for d in &diagnostics {
            // An unterminated start line or header section is reported at the end of the
            // input and belongs to that part; anything else is where its offset lies.
            match &d.error {
                sip_core::Error::Syntax { reason, .. } if reason.contains("not terminated") => {
                    assert!(
                        matches!(d.place, Place::StartLine | Place::Headers),
                        "{d:?}"
                    );
                }
                // A typed reading's error just past its value's last byte, where a
                // datagram cut inside that header ends, is placed on the header.
                sip_core::Error::Header { .. } if m.place_of(d.offset()) != d.place => {
                    let Place::Header(i) = d.place else {
                        panic!("{d:?}");
                    };
                    let end = m.header_spans()[i].value_range().end;
                    assert_eq!(d.offset() - m.offset(), end, "{d:?}");
                    assert_eq!(d.offset(), data.len(), "{d:?}");
                }
                _ => assert_eq!(m.place_of(d.offset()), d.place),
            }
        }
        // Serialize and parse again: the same message.
        let mut out = Vec::new();
        m.write_to(&mut out);
        // Rebuilt from its parts, the message is its own bytes: the spans tile it.
        assert_eq!(out, m.as_bytes());
        let mut slots2 = Vec::new();
        let again = parser.parse(&out, &mut slots2);
        let Ok(Status::Complete(m2)) = again else {
            panic!("re-parse failed: {again:?}");
        };
        assert_eq!(m2.as_bytes(), m.as_bytes());
        assert_eq!(m2.header_spans(), m.header_spans());
        assert_eq!(m2.body(), m.body());
        assert_eq!(m2.start_line(), m.start_line());
    }
    // Owned form and an edit: the edited message still splits and holds the value.
    if let Ok(mut owned) = SipMessage::parse(data.to_vec())
        && owned.set_header("Max-Forwards", "69").is_ok()
    {
        assert_eq!(owned.header("Max-Forwards").as_deref(), Some(&b"69"[..]));
    }
});
