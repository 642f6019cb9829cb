//! SDP as the bindings see it: plain records, write-back, offer/answer.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use voipkit_ffi::{
    SdpCapabilities, SdpCodecCapability, SdpDirection, SdpFingerprint, SdpMediaCapability,
    SdpSetup, VoipkitError, sdp_answer, sdp_apply_answer, sdp_hold, sdp_offer, sdp_parse, sdp_read,
    sdp_write, sip_parse,
};

const G711: &str = include_str!("data/offer_g711.sdp");
const WEBRTC: &str = include_str!("data/offer_webrtc.sdp");
const DATA_CHANNEL: &str = include_str!("data/offer_datachannel.sdp");
const OUR_FINGERPRINT: &str = "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99";

fn audio(port: u16, codecs: &[(&str, u32)]) -> SdpMediaCapability {
    SdpMediaCapability {
        media: "audio".into(),
        port,
        codecs: codecs
            .iter()
            .map(|(name, clock_rate)| SdpCodecCapability {
                name: (*name).into(),
                clock_rate: *clock_rate,
                channels: None,
                fmtp: None,
            })
            .collect(),
        address: None,
        protocols: vec![],
        direction: SdpDirection::SendRecv,
        ptime: None,
        rtcp_mux: false,
        rtcp_feedback: vec![],
        extmap_uris: vec![],
        crypto: vec![],
        fingerprint: None,
        ice_ufrag: None,
        ice_pwd: None,
        candidates: vec![],
        sctp_port: None,
        max_message_size: None,
        simulcast: false,
    }
}

fn caps(media: Vec<SdpMediaCapability>) -> SdpCapabilities {
    SdpCapabilities {
        username: "bob".into(),
        address: "198.51.100.7".into(),
        media,
        session_id: "0".into(),
        session_version: "0".into(),
        session_name: "-".into(),
        codec_order: "offerer".into(),
        ice_lite: false,
    }
}

#[test]
fn a_parsed_sdp_has_its_lines_fields_and_the_typed_codecs_and_direction() {
    let s = sdp_parse(G711.into()).unwrap();
    assert_eq!(s.origin.username, "alice");
    assert_eq!(s.origin.session_version, "2890844526");
    assert_eq!(s.connection.as_ref().unwrap().address, "192.0.2.1");
    let audio = &s.media[0];
    assert_eq!((audio.media.as_str(), audio.port), ("audio", 49170));
    assert_eq!(audio.formats, ["0", "8", "101"]);
    // PCMU and PCMA from the static table (RFC 3551), 101 from its rtpmap.
    let codecs: Vec<_> = audio
        .codecs
        .iter()
        .map(|c| (c.payload_type, c.name.as_str(), c.clock_rate))
        .collect();
    assert_eq!(
        codecs,
        [
            (0, "PCMU", 8000),
            (8, "PCMA", 8000),
            (101, "telephone-event", 8000)
        ]
    );
    assert_eq!(audio.codecs[2].fmtp.as_deref(), Some("0-15"));
    assert_eq!(audio.direction, SdpDirection::SendRecv);
    // The video section has no c= of its own: the session's applies.
    assert_eq!(s.media[1].connection_address.as_deref(), Some("192.0.2.1"));
    assert_eq!(s.media[1].codecs[0].name, "H261");
    assert!(s.crlf && s.final_line_ending);
}

#[test]
fn ice_candidates_and_dtls_fingerprints_are_typed() {
    let s = sdp_parse(WEBRTC.into()).unwrap();
    assert_eq!(s.fingerprints.len(), 1);
    assert_eq!(s.fingerprints[0].hash, "sha-256");
    assert!(s.fingerprints[0].value.starts_with("19:E2:1C"));
    let m = &s.media[0];
    assert_eq!(m.ice_ufrag.as_deref(), Some("F7gI"));
    assert_eq!(m.ice_pwd.as_deref(), Some("x9cml/YzichV2+XlhiMu8g"));
    assert_eq!(m.setup, Some(SdpSetup::Actpass));
    assert_eq!(m.mid.as_deref(), Some("0"));
    assert!(m.rtcp_mux);
    assert_eq!(m.codecs[0].name, "opus");
    assert_eq!(
        (m.codecs[0].clock_rate, m.codecs[0].channels),
        (48000, Some(2))
    );
    let kinds: Vec<_> = m
        .candidates
        .iter()
        .map(|c| (c.kind.as_str(), c.address.as_str(), c.port))
        .collect();
    assert_eq!(
        kinds,
        [
            ("host", "192.0.2.10", 54321),
            ("srflx", "203.0.113.5", 61000)
        ]
    );
    assert_eq!(
        m.candidates[1].related_address.as_deref(),
        Some("192.0.2.10")
    );
    assert_eq!(m.candidates[1].related_port, Some(54321));
    assert_eq!(m.candidates[0].priority, 2_122_260_223);
}

#[test]
fn an_unmodified_sdp_writes_back_byte_identical_with_crlf_or_lf() {
    for text in [
        G711.to_owned(),
        WEBRTC.to_owned(),
        G711.replace("\r\n", "\n"),
    ] {
        assert_eq!(sdp_write(sdp_parse(text.clone()).unwrap()).unwrap(), text);
    }
}

#[test]
fn an_edited_sdp_writes_the_edit() {
    let mut s = sdp_parse(G711.into()).unwrap();
    s.media[0].port = 5004;
    s.media[0].attributes.retain(|a| a.name != "sendrecv");
    let text = sdp_write(s).unwrap();
    assert!(text.contains("\r\nm=audio 5004 RTP/AVP 0 8 101\r\n"));
    assert!(!text.contains("sendrecv"));
}

#[test]
fn writing_a_field_with_a_line_break_is_an_sdp_error_on_the_line_it_makes() {
    let mut s = sdp_parse(G711.into()).unwrap();
    // s=a, then "x=1" would be line 4: a line type RFC 8866 does not define.
    s.session_name = "a\r\nx=1".into();
    match sdp_write(s) {
        Err(VoipkitError::Sdp { line, .. }) => assert_eq!(line, 4),
        other => panic!("expected an SDP error, got {other:?}"),
    }
}

#[test]
fn a_malformed_rtpmap_is_an_sdp_error_with_its_line() {
    let text = "v=0\r\no=a 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n";
    match sdp_parse(text.into()) {
        Err(VoipkitError::Sdp { kind, line, reason }) => {
            assert_eq!((kind.as_str(), line), ("parse", 6));
            assert!(reason.contains("rtpmap"), "{reason}");
        }
        other => panic!("expected an SDP error, got {other:?}"),
    }
}

// RFC 3264 §6 by hand: the offer has PCMU 0, PCMA 8, telephone-event 101 and a video
// stream; we take PCMA and telephone-event (with the offer's numbers, in its order) and
// no video, so the video section is rejected with port 0 and kept in place. Applied to
// the offer (§7): send PCMA to 198.51.100.7:4000, RTCP to 4001 (no rtcp-mux).
#[test]
fn answer_takes_the_shared_codecs_and_rejects_what_we_cannot_take() {
    let answer = sdp_answer(
        G711.into(),
        caps(vec![audio(
            4000,
            &[("PCMA", 8000), ("telephone-event", 8000)],
        )]),
    )
    .unwrap();
    assert_eq!(answer.session.media[0].formats, ["8", "101"]);
    assert_eq!(answer.session.media[0].port, 4000);
    assert_eq!(answer.session.media[1].port, 0);
    assert_eq!(sdp_parse(answer.text.clone()).unwrap(), answer.session);

    let negotiated = sdp_apply_answer(G711.into(), answer.text).unwrap();
    let a = &negotiated[0];
    assert!(a.accepted);
    assert_eq!(a.remote_address.as_deref(), Some("198.51.100.7"));
    assert_eq!((a.remote_rtp_port, a.remote_rtcp_port), (4000, Some(4001)));
    assert_eq!(a.codec.as_ref().map(|c| c.name.as_str()), Some("PCMA"));
    assert_eq!(
        a.telephone_event.as_ref().map(|c| c.payload_type),
        Some(101)
    );
    assert_eq!(a.direction, SdpDirection::SendRecv);
    assert!(!negotiated[1].accepted);
}

// RFC 3264 §6.1: to a sendrecv offer, a capability that only receives answers recvonly,
// and the offerer is left sending only.
#[test]
fn answer_takes_the_direction_of_our_capability() {
    let mut cap = audio(4000, &[("PCMA", 8000)]);
    cap.direction = SdpDirection::RecvOnly;
    let answer = sdp_answer(G711.into(), caps(vec![cap])).unwrap();
    assert_eq!(answer.session.media[0].direction, SdpDirection::RecvOnly);
    assert!(answer.text.contains("a=recvonly\r\n"));
    let negotiated = sdp_apply_answer(G711.into(), answer.text).unwrap();
    assert_eq!(negotiated[0].direction, SdpDirection::SendOnly);
}

// RFC 8842 §5.3: an answer to `actpass` takes `active`; ICE credentials and our
// fingerprint go into the answer; with rtcp-mux on both sides RTCP goes to the RTP port.
#[test]
fn answer_to_a_webrtc_offer_carries_ice_dtls_and_rtcp_mux() {
    let mut cap = audio(50000, &[("opus", 48000)]);
    cap.codecs[0].channels = Some(2);
    cap.protocols = vec!["UDP/TLS/RTP/SAVPF".into()];
    cap.rtcp_mux = true;
    cap.fingerprint = Some(SdpFingerprint {
        hash: "sha-256".into(),
        value: OUR_FINGERPRINT.into(),
    });
    cap.ice_ufrag = Some("bobU".into());
    cap.ice_pwd = Some("bobpasswordbobpassword".into());
    let answer = sdp_answer(WEBRTC.into(), caps(vec![cap])).unwrap();
    let m = &answer.session.media[0];
    assert_eq!(m.setup, Some(SdpSetup::Active));
    assert_eq!(m.ice_ufrag.as_deref(), Some("bobU"));
    assert_eq!(m.fingerprints[0].value, OUR_FINGERPRINT);
    assert_eq!(m.formats, ["111"]);

    let n = &sdp_apply_answer(WEBRTC.into(), answer.text).unwrap()[0];
    assert_eq!(n.remote_setup, Some(SdpSetup::Active));
    assert_eq!(
        n.remote_fingerprint.as_ref().map(|f| f.value.as_str()),
        Some(OUR_FINGERPRINT)
    );
    assert!(n.rtcp_mux);
    assert_eq!(
        (n.remote_rtp_port, n.remote_rtcp_port),
        (50000, Some(50000))
    );
}

#[test]
fn bad_capabilities_are_sdp_errors_on_line_zero() {
    let mut cap = audio(4000, &[("PCMA", 8000)]);
    cap.ice_ufrag = Some("only-half".into());
    assert!(matches!(
        sdp_answer(G711.into(), caps(vec![cap])),
        Err(VoipkitError::Sdp { line: 0, .. })
    ));
}

#[test]
fn an_answer_with_another_media_count_is_an_sdp_error() {
    let one_stream = sdp_answer(G711.into(), caps(vec![audio(4000, &[("PCMU", 8000)])]))
        .unwrap()
        .text;
    let mut s = sdp_parse(one_stream).unwrap();
    s.media.pop();
    let short = sdp_write(s).unwrap();
    assert!(matches!(
        sdp_apply_answer(G711.into(), short),
        Err(VoipkitError::Sdp { .. })
    ));
}

// RFC 3264 §8.4: on hold, sendrecv streams become sendonly and the version goes up.
#[test]
fn hold_makes_streams_sendonly_and_resume_sendrecv_again() {
    let held = sdp_parse(sdp_hold(G711.into()).unwrap()).unwrap();
    assert_eq!(held.origin.session_version, "2890844527");
    assert!(
        held.media
            .iter()
            .all(|m| m.direction == SdpDirection::SendOnly)
    );
    let resumed = sdp_parse(voipkit_ffi::sdp_resume(sdp_write(held).unwrap()).unwrap()).unwrap();
    assert_eq!(resumed.origin.session_version, "2890844528");
    assert!(
        resumed
            .media
            .iter()
            .all(|m| m.direction == SdpDirection::SendRecv)
    );
}

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

// samples/invite_multipart.sip: an RFC 5366 INVITE whose multipart/mixed body carries the
// SDP beside a resource list; its audio is sendonly with ptime 20, its video recvonly.
#[test]
fn the_sdp_of_a_sip_message_is_found_in_a_multipart_body() {
    let s = voipkit_ffi::sdp_from_sip(sample("invite_multipart.sip"), false)
        .unwrap()
        .unwrap();
    assert_eq!(s.origin.address, "198.51.100.10");
    let summary: Vec<_> = s
        .media
        .iter()
        .map(|m| (m.media.as_str(), m.port, m.direction.as_str(), m.ptime))
        .collect();
    assert_eq!(
        summary,
        [
            ("audio", 49170, "sendonly", Some(20)),
            ("video", 51372, "recvonly", None)
        ]
    );
    assert_eq!(s.media[1].codecs[0].name, "H264");
    assert_eq!(
        voipkit_ffi::sdp_from_sip(sample("register.sip"), false),
        Ok(None)
    );
    assert!(matches!(
        voipkit_ffi::sdp_from_sip(b"INVITE sip:a".to_vec(), false),
        Err(VoipkitError::Sip { .. })
    ));
}

/// A Cisco-style body: an empty line first and `a=rtpmap: 0 PCMU/8000` (a space after
/// the colon). The strict parse refuses it; the tolerant reading lists both quirks.
const PHONE_SDP: &str = "\r\nv=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\na=rtpmap: 0 PCMU/8000\r\n";

#[test]
fn a_phone_sdp_reads_tolerantly_with_each_quirk_placed() {
    assert!(matches!(
        sdp_parse(PHONE_SDP.into()),
        Err(VoipkitError::Sdp { .. })
    ));
    let r = sdp_read(PHONE_SDP.into()).unwrap();
    assert_eq!(r.session.as_ref().unwrap().media[0].port, 49170);
    let quirks: Vec<(u64, u64, &str)> = r
        .diagnostics
        .iter()
        .map(|d| (d.line, d.offset, d.quirk.as_str()))
        .collect();
    // Line 1 is the empty line at offset 0; line 8 (`a=rtpmap: ...`) starts after
    // 2 + 5 + 26 + 5 + 20 + 7 + 25 = 90 bytes.
    assert_eq!(
        quirks,
        [
            (1, 0, "blank_lines"),
            (8, 90, "space_after_attribute_colon")
        ]
    );
    assert_eq!(&PHONE_SDP[90..99], "a=rtpmap:");
}

/// An empty text, or one of blank lines and whitespace (the empty body of a REGISTER
/// from a web client), holds no session: `None` with an `empty_body` diagnostic, as
/// `voipkit sdp parse` prints `sdp: null`; the strict parse refuses it.
#[test]
fn an_empty_text_reads_as_no_session_with_its_diagnostic() {
    for text in ["", "\r\n \r\n\t\r\n"] {
        let r = sdp_read(text.into()).unwrap();
        assert_eq!(r.session, None, "{text:?}");
        let quirks: Vec<(u64, u64, &str)> = r
            .diagnostics
            .iter()
            .map(|d| (d.line, d.offset, d.quirk.as_str()))
            .collect();
        assert_eq!(quirks, [(0, 0, "empty_body")], "{text:?}");
        assert!(matches!(
            sdp_parse(text.into()),
            Err(VoipkitError::Sdp { .. })
        ));
    }
}

/// `sdp_from_sip` reads as `sip_parse` does by default (the Cisco-style body above reads
/// with its quirks, an LF-only message splits); strictly (`lenient` false) the same
/// message is refused at the SDP's first line and the LF-only one at its first line end.
#[test]
fn the_sdp_of_a_sip_message_reads_tolerantly_unless_asked_to_be_strict() {
    let head = "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n";
    let message = format!(
        "{head}Content-Length: {}\r\n\r\n{PHONE_SDP}",
        PHONE_SDP.len()
    );
    let s = voipkit_ffi::sdp_from_sip(message.clone().into_bytes(), true)
        .unwrap()
        .unwrap();
    assert_eq!(s.media[0].port, 49170);
    assert_eq!(s.media[0].codecs[0].name, "PCMU");
    match voipkit_ffi::sdp_from_sip(message.into_bytes(), false) {
        Err(VoipkitError::Sdp { line, .. }) => assert_eq!(line, 1),
        other => panic!("{other:?}"),
    }
    let lf = "OPTIONS sip:a@example.com SIP/2.0\nCall-ID: x1\nContent-Type: application/sdp\nContent-Length: 0\n\n";
    // An empty body announced as SDP is no SDP, tolerantly.
    assert_eq!(voipkit_ffi::sdp_from_sip(lf.into(), true), Ok(None));
    assert_eq!(
        sip_parse(lf.into(), true).unwrap().call_id.as_deref(),
        Some("x1")
    );
    for strict in [
        voipkit_ffi::sdp_from_sip(lf.into(), false).map(drop),
        sip_parse(lf.into(), false).map(drop),
    ] {
        match strict {
            Err(VoipkitError::Sip { offset, .. }) => assert_eq!(offset, 33),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn sip_parse_gives_the_body_sdp_its_quirks_and_an_sdp_error() {
    let head = "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n";
    let message =
        |body: &str| format!("{head}Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes();
    let bytes = message(PHONE_SDP);
    let body_at = bytes.len() - PHONE_SDP.len();
    let m = sip_parse(bytes, false).unwrap();
    assert_eq!(m.sdp.as_ref().map(|s| s.media[0].port), Some(49170));
    assert_eq!(m.sdp_error, None);
    let body: Vec<(&str, Option<u64>, u64, Option<&str>)> = m
        .diagnostics
        .iter()
        .map(|d| (d.place.as_str(), d.line, d.offset, d.quirk.as_deref()))
        .collect();
    // Offsets are in the message: the body's start plus the line's offset in the SDP.
    assert_eq!(
        body,
        [
            ("body", Some(1), body_at as u64, Some("blank_lines")),
            (
                "body",
                Some(8),
                body_at as u64 + 90,
                Some("space_after_attribute_colon")
            ),
        ]
    );
    // A body announced as SDP that no quirk makes readable: the message still reads.
    let m = sip_parse(message("v=1\r\n"), false).unwrap();
    assert_eq!(m.sdp, None);
    assert!(
        m.sdp_error.as_deref().is_some_and(|e| e.contains("line 1")),
        "{:?}",
        m.sdp_error
    );
    assert_eq!(m.call_id.as_deref(), Some("c1"));
}

#[test]
fn a_data_channel_is_answered_with_our_sctp_port_candidates_and_ice_lite() {
    let mut data = audio(40000, &[]);
    data.media = "application".into();
    data.sctp_port = Some(5000);
    data.max_message_size = Some(65536);
    data.fingerprint = Some(SdpFingerprint {
        hash: "sha-256".into(),
        value: OUR_FINGERPRINT.into(),
    });
    data.ice_ufrag = Some("bobU".into());
    data.ice_pwd = Some("bobpasswordbobpassword".into());
    data.candidates = vec!["candidate:1 1 udp 2130706431 198.51.100.7 40000 typ host".into()];
    let mut ours = caps(vec![data.clone()]);
    ours.ice_lite = true;
    let answer = sdp_answer(DATA_CHANNEL.into(), ours.clone()).unwrap();
    let m = &answer.session.media[0];
    assert_eq!((m.port, m.protocol.as_str()), (40000, "UDP/DTLS/SCTP"));
    assert_eq!(m.formats, ["webrtc-datachannel"]);
    assert_eq!((m.sctp_port, m.max_message_size), (Some(5000), Some(65536)));
    assert_eq!(m.candidates.len(), 1);
    assert_eq!(
        (m.candidates[0].address.as_str(), m.candidates[0].port),
        ("198.51.100.7", 40000)
    );
    assert!(answer.session.ice_lite);
    assert!(answer.text.contains("a=end-of-candidates\r\n"));
    // The offer's side of the same exchange.
    let n = &sdp_apply_answer(DATA_CHANNEL.into(), answer.text).unwrap()[0];
    assert!(n.accepted);
    assert_eq!(
        (n.remote_sctp_port, n.remote_max_message_size),
        (Some(5000), Some(65536))
    );
    assert_eq!(
        (n.remote_rtcp_port, n.remote_setup),
        (None, Some(SdpSetup::Active))
    );
    assert_eq!(n.remote_candidates[0].kind, "host");
    // The offer read as plain data has the browser's figures.
    let offer = sdp_parse(DATA_CHANNEL.into()).unwrap();
    assert_eq!(
        (offer.media[0].sctp_port, offer.media[0].max_message_size),
        (Some(5000), Some(262144))
    );

    // A candidate that does not read is refused before any SDP is written.
    let mut bad = ours;
    bad.media[0].candidates = vec!["candidate:1 1 udp x 198.51.100.7 40000 typ host".into()];
    let e = sdp_answer(DATA_CHANNEL.into(), bad).unwrap_err();
    assert!(e.to_string().contains("priority is not an integer"), "{e}");
    // Without an SCTP port the same capability is an RTP one with no codec: rejected.
    data.sctp_port = None;
    let answer = sdp_answer(DATA_CHANNEL.into(), caps(vec![data])).unwrap();
    assert_eq!(answer.session.media[0].port, 0);
}

#[test]
fn our_offer_is_answered_by_ourselves_and_applied() {
    // Offer PCMA (static 8) and telephone-event (dynamic 96); a peer with PCMA only
    // takes PCMA, and telephone-event is not in its answer.
    let offer = sdp_offer(caps(vec![audio(
        4000,
        &[("PCMA", 8000), ("telephone-event", 8000)],
    )]))
    .unwrap();
    assert_eq!(offer.session.media[0].formats, ["8", "96"]);
    assert_eq!(offer.session.media[0].mid.as_deref(), Some("0"));
    let answer = sdp_answer(
        offer.text.clone(),
        caps(vec![audio(5000, &[("PCMA", 8000)])]),
    )
    .unwrap();
    let n = &sdp_apply_answer(offer.text, answer.text).unwrap()[0];
    assert_eq!(
        (n.remote_rtp_port, n.codec.as_ref().map(|c| c.payload_type)),
        (5000, Some(8))
    );
    assert_eq!(n.telephone_event, None);
    // No codecs: nothing to offer.
    let e = sdp_offer(caps(vec![audio(4000, &[])])).unwrap_err();
    assert!(e.to_string().contains("media without codecs"), "{e}");
}

/// A browser's simulcast video offer (two RTP streams, `h` and `l`) answered by an SFU
/// capability that takes simulcast: each stream named `recv`, listed in
/// `a=simulcast:recv`, and negotiated as `simulcast_rids`.
#[test]
fn an_sfu_capability_receives_the_offered_simulcast() {
    let offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 9 RTP/AVP 96\r\nc=IN IP4 192.0.2.1\r\na=sendonly\r\na=rtpmap:96 VP8/90000\r\na=rid:h send\r\na=rid:l send\r\na=simulcast:send h;l\r\n";
    let mut video = audio(50000, &[("VP8", 90000)]);
    video.media = "video".into();
    video.simulcast = true;
    let answer = voipkit_ffi::sdp_answer(offer.into(), caps(vec![video])).unwrap();
    assert!(
        answer
            .text
            .contains("a=rid:h recv\r\na=rid:l recv\r\na=simulcast:recv h;l\r\n"),
        "{}",
        answer.text
    );
    let negotiated = voipkit_ffi::sdp_apply_answer(offer.into(), answer.text).unwrap();
    assert_eq!(negotiated[0].simulcast_rids, ["h", "l"]);
}
