//! Offer/answer (RFC 3264): answers built from capabilities compared byte for byte with
//! the RFC 4317 examples, WebRTC and SIP phone offers, hold/resume and SDES.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failure stops the test.

use sip_core::sdp::offer_answer::{
    CodecCapability, CodecOrder, CryptoCapability, LocalCapabilities, MediaCapability,
    apply_answer, create_answer, create_offer, hold, resume,
};
use sip_core::sdp::{
    self, Attribute, Candidate, Direction, Error, NegotiationErrorKind, Sdp, Setup, TypedAttribute,
};

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/sdp/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Bob of RFC 4317: host.biloxi.example.com, session 2808844564, s= a single space.
fn bob(media: Vec<MediaCapability>) -> LocalCapabilities {
    let mut caps = LocalCapabilities::new("bob", "host.biloxi.example.com");
    caps.session_id = "2808844564".into();
    caps.session_version = "2808844564".into();
    caps.session_name = " ".into();
    caps.media = media;
    caps
}

fn c(name: &str, rate: u32) -> CodecCapability {
    CodecCapability::new(name, rate)
}

fn answer_is_valid_sdp(answer: &Sdp<'_>) {
    let text = answer.to_string();
    let reparsed =
        sdp::parse(&text).unwrap_or_else(|e| panic!("answer does not parse: {e}\n{text}"));
    assert_eq!(&reparsed, answer);
}

#[test]
fn rfc4317_2_1_answer_is_reproduced_byte_for_byte() {
    let offer_text = data("rfc4317_2_1_offer.sdp");
    let offer = sdp::parse(&offer_text).unwrap();
    let caps = bob(vec![
        MediaCapability::audio(49174, vec![c("PCMU", 8000)]),
        MediaCapability::video(49170, vec![c("MPV", 90000)]),
    ]);
    let answer = create_answer(&offer, &caps).unwrap();
    assert_eq!(answer.to_string(), data("rfc4317_2_1_answer.sdp"));
    answer_is_valid_sdp(&answer);
    // Alice's view: PCMU to Bob's port 49174, MPV to 49170, both sendrecv.
    let n = apply_answer(&offer, &answer).unwrap();
    assert_eq!(
        n[0].remote_address.as_deref(),
        Some("host.biloxi.example.com")
    );
    assert_eq!(
        (n[0].remote_rtp_port, n[0].remote_rtcp_port),
        (49174, Some(49175))
    );
    assert_eq!(n[0].codec.as_ref().unwrap().name, "PCMU");
    assert_eq!(n[1].codec.as_ref().unwrap().payload_type, 32);
    assert_eq!(n[1].direction, Direction::SendRecv);
}

#[test]
fn rfc4317_2_2_video_we_cannot_take_is_rejected_in_place() {
    let offer_text = data("rfc4317_2_1_offer.sdp");
    let offer = sdp::parse(&offer_text).unwrap();
    let caps = bob(vec![MediaCapability::audio(
        49172,
        vec![c("PCMU", 8000), c("PCMA", 8000)],
    )]);
    let answer = create_answer(&offer, &caps).unwrap();
    assert_eq!(answer.to_string(), data("rfc4317_2_2_answer.sdp"));
    let n = apply_answer(&offer, &answer).unwrap();
    assert!(n[0].accepted && !n[1].accepted);
    assert_eq!(n[0].codecs.len(), 2);
}

#[test]
fn rfc4317_2_4_telephone_event_stream_sendonly_is_answered_recvonly() {
    let offer_text = data("rfc4317_2_4_offer.sdp");
    let offer = sdp::parse(&offer_text).unwrap();
    let caps = bob(vec![
        MediaCapability::audio(49172, vec![c("iLBC", 8000)]),
        MediaCapability::audio(49174, vec![c("telephone-event", 8000)]),
    ]);
    let answer = create_answer(&offer, &caps).unwrap();
    assert_eq!(answer.to_string(), data("rfc4317_2_4_answer.sdp"));
    let n = apply_answer(&offer, &answer).unwrap();
    assert_eq!(n[1].direction, Direction::SendOnly);
    assert_eq!(n[1].codec, None);
    assert_eq!(n[1].telephone_event.as_ref().unwrap().payload_type, 98);
}

#[test]
fn rfc4317_2_6_first_stream_rejected_second_accepted() {
    let offer_text = data("rfc4317_2_6_offer.sdp");
    let offer = sdp::parse(&offer_text).unwrap();
    let caps = bob(vec![MediaCapability::audio(
        49170,
        vec![c("iLBC", 8000), c("telephone-event", 8000)],
    )]);
    let answer = create_answer(&offer, &caps).unwrap();
    assert_eq!(answer.to_string(), data("rfc4317_2_6_answer.sdp"));
}

#[test]
fn rfc4317_2_8_media_level_address_wins() {
    let offer_text = data("rfc4317_2_1_offer.sdp");
    let offer = sdp::parse(&offer_text).unwrap();
    let mut video = MediaCapability::video(49172, vec![c("MPV", 90000)]);
    video.address = Some("otherhost.biloxi.example.com".into());
    let caps = bob(vec![
        MediaCapability::audio(49174, vec![c("PCMU", 8000)]),
        video,
    ]);
    let answer = create_answer(&offer, &caps).unwrap();
    assert_eq!(answer.to_string(), data("rfc4317_2_8_answer.sdp"));
    let n = apply_answer(&offer, &answer).unwrap();
    assert_eq!(
        n[1].remote_address.as_deref(),
        Some("otherhost.biloxi.example.com")
    );
    assert_eq!(
        n[0].remote_address.as_deref(),
        Some("host.biloxi.example.com")
    );
}

#[test]
fn rfc4317_2_3_answer_may_renumber_a_dynamic_payload_type() {
    let offer_text = data("rfc4317_2_1_offer.sdp");
    let offer = sdp::parse(&offer_text).unwrap();
    let answer = sdp::parse(
        "v=0\r\no=bob 2808844564 2808844564 IN IP4 host.biloxi.example.com\r\ns= \r\nc=IN IP4 host.biloxi.example.com\r\nt=0 0\r\nm=audio 49172 RTP/AVP 99\r\na=rtpmap:99 iLBC/8000\r\nm=video 51374 RTP/AVP 31\r\na=rtpmap:31 H261/90000\r\n",
    )
    .unwrap();
    let n = apply_answer(&offer, &answer).unwrap();
    let ilbc = n[0].codec.as_ref().unwrap();
    assert_eq!((ilbc.payload_type, ilbc.name.as_ref()), (99, "iLBC"));
    assert_eq!(n[1].remote_rtp_port, 51374);
}

#[test]
fn rfc4317_3_2_hold_one_stream_of_two() {
    // Bob's second offer holds the audio (sendonly), keeps the tone stream recvonly;
    // Alice answers with her initial SDP (which lists PCMU although Bob no longer offers it).
    let offer_text = data("rfc4317_3_2_hold_offer.sdp");
    let answer_text = data("rfc4317_3_2_hold_answer.sdp");
    let offer = sdp::parse(&offer_text).unwrap();
    let answer = sdp::parse(&answer_text).unwrap();
    let n = apply_answer(&offer, &answer).unwrap();
    assert_eq!(n[0].direction, Direction::SendOnly);
    let codec = n[0].codec.as_ref().unwrap();
    assert_eq!(
        (codec.payload_type, codec.name.as_ref()),
        (97, "iLBC"),
        "PCMU was not offered"
    );
    assert_eq!(n[1].direction, Direction::RecvOnly);
    assert_eq!(
        (n[1].remote_rtp_port, n[1].remote_address.as_deref()),
        (49172, Some("host.atlanta.example.com"))
    );
}

fn phone_caps() -> LocalCapabilities {
    let mut caps = LocalCapabilities::new("pbx", "203.0.113.10");
    let mut audio = MediaCapability::audio(
        30000,
        vec![
            c("PCMA", 8000),
            c("G722", 8000),
            c("telephone-event", 8000).with_fmtp("0-16"),
        ],
    );
    audio.ptime = Some(20);
    caps.media.push(audio);
    caps
}

#[test]
fn sip_phone_offer_codecs_in_offerer_or_our_order() {
    let offer_text = data("sip_phone_offer.sdp");
    let offer = sdp::parse(&offer_text).unwrap();
    let caps = phone_caps();
    let answer = create_answer(&offer, &caps).unwrap();
    answer_is_valid_sdp(&answer);
    let m = &answer.media[0];
    // Offerer's order is 0 8 9 18 101: of ours, PCMA (8) comes before G722 (9).
    assert_eq!(m.formats, ["8", "9", "101"]);
    assert_eq!(m.fmtp("101").unwrap().params, "0-16");
    assert_eq!(m.ptime(), Some(20));
    assert_eq!(m.direction(&answer), Direction::SendRecv);

    let mut ours = caps.clone();
    ours.media[0].codecs.swap(0, 1);
    ours.codec_order = CodecOrder::Answerer;
    let answer = create_answer(&offer, &ours).unwrap();
    assert_eq!(answer.media[0].formats, ["9", "8", "101"]);

    // The phone's view: it sends the answer's first codec, PCMA, with telephone-event 101
    // at the same clock; without a=rtcp, RTCP goes to port + 1.
    let answer = create_answer(&offer, &caps).unwrap();
    let n = apply_answer(&offer, &answer).unwrap();
    assert_eq!(n[0].codec.as_ref().unwrap().name, "PCMA");
    assert_eq!(n[0].telephone_event.as_ref().unwrap().payload_type, 101);
    assert_eq!(
        (n[0].remote_rtp_port, n[0].remote_rtcp_port),
        (30000, Some(30001))
    );
    assert_eq!(n[0].ptime, Some(20));
}

#[test]
fn telephone_event_is_matched_by_clock_rate() {
    // The WebRTC offer has telephone-event at 48000 (110) and 8000 (126).
    let offer_text = data("webrtc_offer.sdp");
    let offer = sdp::parse(&offer_text).unwrap();
    let mut pcmu_only = LocalCapabilities::new("b", "192.0.2.9");
    let mut audio = MediaCapability::audio(
        5000,
        vec![
            c("PCMU", 8000),
            c("telephone-event", 8000),
            c("telephone-event", 48000),
        ],
    );
    audio.protocols = vec!["UDP/TLS/RTP/SAVPF".into()];
    audio.fingerprint = Some(("sha-256".into(), "AA:BB".into()));
    pcmu_only.media.push(audio.clone());
    let answer = create_answer(&offer, &pcmu_only).unwrap();
    assert_eq!(answer.media[0].formats, ["0", "126"]);
    audio.codecs.insert(0, c("opus", 48000).with_channels(2));
    pcmu_only.media[0] = audio;
    let answer = create_answer(&offer, &pcmu_only).unwrap();
    assert_eq!(answer.media[0].formats, ["111", "0", "110", "126"]);
}

#[test]
fn webrtc_offer_answer_with_bundle_ice_dtls_rtx() {
    let offer_text = data("webrtc_offer.sdp");
    let offer = sdp::parse(&offer_text).unwrap();
    let mut caps = LocalCapabilities::new("-", "198.51.100.20");
    for (kind, codecs) in [
        (
            "audio",
            vec![
                c("opus", 48000).with_channels(2),
                c("telephone-event", 48000),
            ],
        ),
        ("video", vec![c("VP8", 90000), c("rtx", 90000)]),
    ] {
        let mut m = MediaCapability::new(kind, 9, codecs);
        m.protocols = vec!["UDP/TLS/RTP/SAVPF".into()];
        m.rtcp_mux = true;
        m.rtcp_feedback = vec!["nack".into(), "nack pli".into(), "transport-cc".into()];
        m.extmap_uris = vec!["urn:ietf:params:rtp-hdrext:sdes:mid".into()];
        m.fingerprint = Some(("sha-256".into(), "12:34:56".into()));
        m.ice = Some(("ufrg".into(), "pwdpwdpwdpwdpwdpwdpwdpwd".into()));
        caps.media.push(m);
    }
    let answer = create_answer(&offer, &caps).unwrap();
    answer_is_valid_sdp(&answer);
    let Some(Ok(TypedAttribute::Group(g))) = answer.attribute("group").map(Attribute::typed) else {
        panic!("no BUNDLE")
    };
    assert_eq!(g.mids, ["0", "1"]);
    let (a, v) = (&answer.media[0], &answer.media[1]);
    assert_eq!(a.formats, ["111", "110"]);
    assert_eq!(
        v.formats,
        ["96", "97"],
        "rtx 97 has apt=96; 103 (apt=102) is not taken"
    );
    assert_eq!(v.fmtp("97").unwrap().params, "apt=96");
    assert!(
        a.attributes
            .contains(&Attribute::from(TypedAttribute::Setup(Setup::Active)))
    );
    assert!(a.attributes.contains(&Attribute::new("setup", "active")));
    assert!(a.has_rtcp_mux());
    let fb: Vec<String> = v
        .attributes
        .iter()
        .filter(|x| matches!(x.typed(), Ok(TypedAttribute::RtcpFb(_))))
        .map(|x| x.to_string())
        .collect();
    assert_eq!(
        fb,
        [
            "rtcp-fb:96 transport-cc",
            "rtcp-fb:96 nack",
            "rtcp-fb:96 nack pli"
        ]
    );
    assert_eq!(
        a.attributes
            .iter()
            .filter(|x| matches!(x.typed(), Ok(TypedAttribute::Extmap(_))))
            .count(),
        1
    );

    let n = apply_answer(&offer, &answer).unwrap();
    assert!(n[0].rtcp_mux);
    assert_eq!((n[0].remote_rtp_port, n[0].remote_rtcp_port), (9, Some(9)));
    assert_eq!(n[0].remote_setup, Some(Setup::Active));
    assert_eq!(n[0].remote_fingerprint.as_ref().unwrap().value, "12:34:56");
    assert_eq!(n[1].mid.as_deref(), Some("1"));
    assert_eq!(n[1].codec.as_ref().unwrap().name, "VP8");
    // The offer's `c=IN IP4 0.0.0.0` is ICE's "addresses come as candidates", not an
    // RFC 2543 hold: both sides send (before, every WebRTC call was answered recvonly).
    assert_eq!(offer.media[0].direction(&offer), Direction::SendRecv);
    for (i, m) in answer.media.iter().enumerate() {
        assert_eq!(m.direction(&answer), Direction::SendRecv, "stream {i}");
        assert_eq!(n[i].direction, Direction::SendRecv, "stream {i}");
    }
}

/// RFC 3264 §8.4: an offer without ICE whose address is 0.0.0.0 (RFC 2543 hold) wants
/// nothing sent: a sendrecv one is answered recvonly, and the negotiated direction for
/// the offerer is sendonly.
#[test]
fn an_rfc_2543_hold_without_ice_is_answered_recvonly() {
    let offer_text = "v=0\r\no=alice 1 2 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\n";
    let offer = sdp::parse(offer_text).unwrap();
    let answer = create_answer(
        &offer,
        &bob(vec![MediaCapability::audio(49172, vec![c("PCMU", 8000)])]),
    )
    .unwrap();
    assert_eq!(answer.media[0].direction(&answer), Direction::RecvOnly);
    let n = apply_answer(&offer, &answer).unwrap();
    assert_eq!(n[0].direction, Direction::SendOnly);
    // The same offer with ICE credentials is no hold.
    let ice = offer_text.replace(
        "m=audio",
        "a=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\nm=audio",
    );
    let offer = sdp::parse(&ice).unwrap();
    let answer = create_answer(
        &offer,
        &bob(vec![MediaCapability::audio(49172, vec![c("PCMU", 8000)])]),
    )
    .unwrap();
    assert_eq!(answer.media[0].direction(&answer), Direction::SendRecv);
}

#[test]
fn dtls_offer_without_our_fingerprint_is_rejected() {
    let offer_text = data("webrtc_offer.sdp");
    let offer = sdp::parse(&offer_text).unwrap();
    let mut caps = LocalCapabilities::new("-", "198.51.100.20");
    let mut m = MediaCapability::audio(9, vec![c("opus", 48000).with_channels(2)]);
    m.protocols = vec!["UDP/TLS/RTP/SAVPF".into()];
    caps.media.push(m);
    let answer = create_answer(&offer, &caps).unwrap();
    assert_eq!(answer.media.len(), 2);
    assert!(answer.media.iter().all(|m| m.port == 0));
    assert!(answer.attribute("group").is_none());
}

const SDES_OFFER: &str = "v=0\r\no=- 7 7 IN IP4 192.0.2.5\r\ns=-\r\nc=IN IP4 192.0.2.5\r\nt=0 0\r\nm=audio 7000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4\r\na=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:4\r\n";

#[test]
fn sdes_answer_takes_the_first_suite_we_have_a_key_for() {
    let offer = sdp::parse(SDES_OFFER).unwrap();
    let mut caps = LocalCapabilities::new("b", "192.0.2.6");
    let mut m = MediaCapability::audio(8000, vec![c("PCMU", 8000)]);
    m.protocols = vec!["RTP/SAVP".into()];
    m.crypto = vec![CryptoCapability {
        suite: "AES_CM_128_HMAC_SHA1_32".into(),
        key_params: "inline:QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk".into(),
    }];
    caps.media.push(m.clone());
    let answer = create_answer(&offer, &caps).unwrap();
    answer_is_valid_sdp(&answer);
    let n = apply_answer(&offer, &answer).unwrap();
    let keys = n[0].srtp.as_ref().unwrap();
    assert_eq!(
        (keys.tag, keys.suite.as_str()),
        (2, "AES_CM_128_HMAC_SHA1_32")
    );
    assert!(keys.offer_key_params.starts_with("inline:NzB4"));
    assert!(keys.answer_key_params.starts_with("inline:QUJD"));

    caps.media[0].crypto.clear();
    let answer = create_answer(&offer, &caps).unwrap();
    assert_eq!(
        answer.media[0].port, 0,
        "no key for any offered suite: rejected"
    );
}

#[test]
fn hold_and_resume_reoffers() {
    let offer_text = data("sip_phone_offer.sdp");
    let offer = sdp::parse(&offer_text).unwrap();
    let caps = phone_caps();

    // The phone holds: sendrecv -> sendonly, version 3457 -> 3458.
    let held = hold(&offer);
    assert_eq!(held.origin.session_version, "3458");
    assert_eq!(held.media[0].direction(&held), Direction::SendOnly);
    let answer = create_answer(&held, &caps).unwrap();
    assert_eq!(answer.media[0].direction(&answer), Direction::RecvOnly);
    let n = apply_answer(&held, &answer).unwrap();
    assert_eq!(n[0].direction, Direction::SendOnly);

    // Resume: sendonly -> sendrecv, version 3459.
    let resumed = resume(&held);
    assert_eq!(resumed.origin.session_version, "3459");
    assert_eq!(resumed.media[0].direction(&resumed), Direction::SendRecv);
    let answer = create_answer(&resumed, &caps).unwrap();
    assert_eq!(
        apply_answer(&resumed, &answer).unwrap()[0].direction,
        Direction::SendRecv
    );

    // Holding a recvonly stream makes it inactive, and resuming makes it recvonly again.
    let recvonly_text = offer_text.replace("a=sendrecv", "a=recvonly");
    let recvonly = sdp::parse(&recvonly_text).unwrap();
    assert_eq!(recvonly.media[0].direction(&recvonly), Direction::RecvOnly);
    let h = hold(&recvonly);
    assert_eq!(h.media[0].direction(&h), Direction::Inactive);
    let r = resume(&h);
    assert_eq!(r.media[0].direction(&r), Direction::RecvOnly);
    let answer = create_answer(&h, &caps).unwrap();
    assert_eq!(answer.media[0].direction(&answer), Direction::Inactive);
}

#[test]
fn legacy_hold_with_unspecified_address() {
    // RFC 3264 §8.4: c=0.0.0.0 means "send nothing to me".
    let offer_text = data("sip_phone_offer.sdp").replace("c=IN IP4 192.0.2.45", "c=IN IP4 0.0.0.0");
    let offer = sdp::parse(&offer_text).unwrap();
    let answer = create_answer(&offer, &phone_caps()).unwrap();
    assert_eq!(answer.media[0].direction(&answer), Direction::RecvOnly);
    // And the other way: an answer with 0.0.0.0 means the offerer must not send.
    let offer_text = data("sip_phone_offer.sdp");
    let offer = sdp::parse(&offer_text).unwrap();
    let mut caps = phone_caps();
    caps.address = "0.0.0.0".into();
    let answer = create_answer(&offer, &caps).unwrap();
    let n = apply_answer(&offer, &answer).unwrap();
    assert!(n[0].remote_unspecified_address);
    assert_eq!(n[0].direction, Direction::RecvOnly);
}

#[test]
fn mismatched_answers_are_errors() {
    let offer_text = data("rfc4317_2_1_offer.sdp");
    let offer = sdp::parse(&offer_text).unwrap();
    let answer_text = data("rfc4317_2_4_answer.sdp");
    let two_audio = sdp::parse(&answer_text).unwrap();
    assert_eq!(
        apply_answer(&offer, &two_audio).unwrap_err(),
        Error::Negotiation(NegotiationErrorKind::MediaTypeMismatch {
            index: 1,
            offer: "video".into(),
            answer: "audio".into()
        })
    );
    let one_text = data("sip_phone_offer.sdp");
    let one = sdp::parse(&one_text).unwrap();
    assert_eq!(
        apply_answer(&offer, &one).unwrap_err(),
        Error::Negotiation(NegotiationErrorKind::MediaCountMismatch {
            offer: 2,
            answer: 1
        })
    );
    let bad = LocalCapabilities::new("two words", "192.0.2.1");
    assert_eq!(
        create_answer(&offer, &bad).unwrap_err(),
        Error::Negotiation(NegotiationErrorKind::InvalidCapability("user name"))
    );
}

/// An offer whose AMR rtpmap has a clock rate of `8000.0` (read with
/// `Quirk::DecimalClockRate`) is answered with AMR at 8000 Hz; without the quirk the
/// codec would not be listed and the stream would be rejected.
#[test]
fn an_offered_clock_rate_of_8000_0_is_negotiated_as_8000() {
    use sdp::{Parser, Quirk, Quirks};
    let text = "v=0\r\no=alice 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 96\r\na=rtpmap:96 AMR/8000.0\r\n";
    let mut notes = Vec::new();
    let offer = Parser::new()
        .quirks(Quirks::NONE.with(Quirk::DecimalClockRate))
        .parse_with_diagnostics(text, &mut notes)
        .unwrap();
    assert_eq!(
        (notes[0].line, notes[0].quirk),
        (7, Quirk::DecimalClockRate)
    );
    let caps = bob(vec![MediaCapability::audio(5000, vec![c("AMR", 8000)])]);
    let answer = create_answer(&offer, &caps).unwrap();
    answer_is_valid_sdp(&answer);
    assert_eq!(answer.media[0].port, 5000);
    assert_eq!(answer.media[0].formats, ["96"]);
    let rtpmap = answer.media[0].rtpmap(96).unwrap();
    assert_eq!((rtpmap.encoding.as_ref(), rtpmap.clock_rate), ("AMR", 8000));
    // The offerer's view of the answer: AMR at 8000 Hz to Bob's port.
    let n = apply_answer(&offer, &answer).unwrap();
    let codec = n[0].codec.as_ref().unwrap();
    assert_eq!((codec.name.as_ref(), codec.clock_rate), ("AMR", 8000));
    assert_eq!(n[0].remote_rtp_port, 5000);
}

/// A browser's offer of audio and a data channel, bundled (as Firefox writes one, cut to
/// what the answer reads).
const DATA_OFFER: &str = "v=0\r\n\
o=mozilla...THIS_IS_SDPARTA-99.0 5143621987345 0 IN IP4 0.0.0.0\r\n\
s=-\r\n\
t=0 0\r\n\
a=fingerprint:sha-256 6B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08\r\n\
a=group:BUNDLE 0 1\r\n\
a=ice-options:trickle\r\n\
a=msid-semantic:WMS *\r\n\
m=audio 9 UDP/TLS/RTP/SAVPF 109 0\r\n\
c=IN IP4 0.0.0.0\r\n\
a=sendrecv\r\n\
a=ice-pwd:0a2f3b8f4c6e0e5dc16e4b2e6a8b3c1d\r\n\
a=ice-ufrag:9a2c1d3e\r\n\
a=mid:0\r\n\
a=rtcp-mux\r\n\
a=rtpmap:109 opus/48000/2\r\n\
a=rtpmap:0 PCMU/8000\r\n\
a=setup:actpass\r\n\
m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n\
c=IN IP4 0.0.0.0\r\n\
a=sendrecv\r\n\
a=ice-pwd:0a2f3b8f4c6e0e5dc16e4b2e6a8b3c1d\r\n\
a=ice-ufrag:9a2c1d3e\r\n\
a=mid:1\r\n\
a=setup:actpass\r\n\
a=sctp-port:5000\r\n\
a=max-message-size:1073741823\r\n";

/// A media server facing browsers: ICE-lite, one host candidate per stream, DTLS.
/// The gateway's DTLS fingerprint (SHA-256).
const GATEWAY_FINGERPRINT: &str = "01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F:20";

/// What the gateway writes of ICE in a section: its credentials and one host candidate.
const GATEWAY_ICE_LINES: &str = "a=ice-ufrag:gw01\r\na=ice-pwd:gatewaygatewaygateway01\r\n\
     a=candidate:1 1 udp 2130706431 192.0.2.10 40000 typ host\r\na=end-of-candidates\r\n";

fn gateway(data: Option<MediaCapability>) -> LocalCapabilities {
    let fp = ("sha-256".to_owned(), GATEWAY_FINGERPRINT.to_owned());
    let ice = ("gw01".to_owned(), "gatewaygatewaygateway01".to_owned());
    let mut audio = MediaCapability::audio(40000, vec![c("PCMU", 8000)]);
    audio.protocols = vec!["UDP/TLS/RTP/SAVPF".into()];
    audio.rtcp_mux = true;
    audio.fingerprint = Some(fp.clone());
    audio.ice = Some(ice.clone());
    audio.candidates =
        vec![Candidate::parse("1 1 udp 2130706431 192.0.2.10 40000 typ host").unwrap()];
    let mut caps = LocalCapabilities::new("gw", "192.0.2.10");
    caps.ice_lite = true;
    caps.media.push(audio);
    if let Some(mut d) = data {
        d.fingerprint = Some(fp);
        d.ice = Some(ice);
        d.candidates = vec![
            Candidate::parse("candidate:1 1 udp 2130706431 192.0.2.10 40000 typ host").unwrap(),
        ];
        caps.media.push(d);
    }
    caps
}

#[test]
fn data_channel_and_candidates_are_answered_as_rfc_8841_and_8839_write_them() {
    let offer = sdp::parse(DATA_OFFER).unwrap();
    let mut data = MediaCapability::data_channel(40000, 5000);
    data.max_message_size = Some(262144);
    let answer = create_answer(&offer, &gateway(Some(data))).unwrap();
    answer_is_valid_sdp(&answer);
    // Worked out by hand: ICE-lite at session level, the bundle of both accepted mids;
    // per section our credentials, our candidate and end-of-candidates, our fingerprint
    // and `active` to `actpass`; the data channel with our SCTP port and message size,
    // no codec and no direction.
    let fp = format!("a=fingerprint:sha-256 {GATEWAY_FINGERPRINT}\r\n");
    let ice = GATEWAY_ICE_LINES;
    let expected = format!(
        "v=0\r\no=gw 0 0 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n\
         a=ice-lite\r\na=group:BUNDLE 0 1\r\n\
         m=audio 40000 UDP/TLS/RTP/SAVPF 0\r\na=mid:0\r\n{ice}{fp}a=setup:active\r\n\
         a=rtcp-mux\r\na=rtpmap:0 PCMU/8000\r\n\
         m=application 40000 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:1\r\n{ice}{fp}\
         a=setup:active\r\na=sctp-port:5000\r\na=max-message-size:262144\r\n"
    );
    assert_eq!(answer.to_string(), expected);

    // Firefox's own parser reads the answer without a warning, with the same figures.
    let firefox = webrtc_sdp::parse_sdp(&expected, true).unwrap();
    let dc = &firefox.media[1];
    use webrtc_sdp::attribute_type::{SdpAttribute as A, SdpAttributeType as T};
    assert!(matches!(
        dc.get_attribute(T::SctpPort),
        Some(A::SctpPort(5000))
    ));
    assert!(matches!(
        dc.get_attribute(T::MaxMessageSize),
        Some(A::MaxMessageSize(262144))
    ));
    assert!(matches!(
        dc.get_attribute(T::EndOfCandidates),
        Some(A::EndOfCandidates)
    ));
    let Some(A::Candidate(c)) = dc.get_attribute(T::Candidate) else {
        panic!("no candidate")
    };
    assert_eq!(
        (c.address.to_string(), c.port),
        ("192.0.2.10".to_owned(), 40000)
    );
    assert!(firefox.get_attribute(T::IceLite).is_some());

    // The offerer's side: the answerer's SCTP port, message size and candidates.
    let negotiated = apply_answer(&offer, &answer).unwrap();
    let dc = &negotiated[1];
    assert!(dc.accepted);
    assert_eq!(dc.remote_sctp_port, Some(5000));
    assert_eq!(dc.remote_max_message_size, Some(262144));
    assert_eq!((dc.remote_rtcp_port, dc.codec.as_ref()), (None, None));
    assert_eq!(dc.remote_setup, Some(Setup::Active));
    for n in &negotiated {
        assert_eq!(n.remote_candidates.len(), 1, "{}", n.media);
        assert_eq!(n.remote_candidates[0].address, "192.0.2.10");
        assert_eq!(n.remote_candidates[0].port, 40000);
    }
    assert_eq!(negotiated[0].remote_sctp_port, None);

    // Seen from the browser, the answer's data channel is what it offered: Firefox's
    // offer read back gives our own offer's figures.
    let reverse = apply_answer(&answer, &offer).unwrap();
    assert_eq!(reverse[1].remote_sctp_port, Some(5000));
    assert_eq!(reverse[1].remote_max_message_size, Some(1073741823));
}

#[test]
fn data_channel_without_a_capability_dtls_or_sctp_port_is_rejected_in_place() {
    let offer = sdp::parse(DATA_OFFER).unwrap();
    // No data channel capability: the audio is answered, the data channel rejected.
    let answer = create_answer(&offer, &gateway(None)).unwrap();
    assert_eq!(answer.media[0].port, 40000);
    assert_eq!(answer.media[1].port, 0);
    assert_eq!(answer.media[1].formats, ["webrtc-datachannel"]);
    // Rejected, it leaves the bundle.
    assert!(answer.to_string().contains("a=group:BUNDLE 0\r\n"));

    // A data channel capability without a fingerprint cannot run DTLS.
    let mut caps = gateway(Some(MediaCapability::data_channel(40002, 5000)));
    caps.media[1].fingerprint = None;
    assert_eq!(create_answer(&offer, &caps).unwrap().media[1].port, 0);

    // RFC 8841 5.1: an offer without `a=sctp-port` names no SCTP port to talk to.
    let no_port = DATA_OFFER.replace("a=sctp-port:5000\r\n", "");
    let offer = sdp::parse(&no_port).unwrap();
    let caps = gateway(Some(MediaCapability::data_channel(40002, 5000)));
    assert_eq!(create_answer(&offer, &caps).unwrap().media[1].port, 0);

    // An RTP capability of type application does not take a data channel, nor the data
    // channel capability an RTP stream.
    let offer = sdp::parse(DATA_OFFER).unwrap();
    let mut caps = gateway(None);
    let mut rtp = MediaCapability::new("application", 40004, vec![c("PCMU", 8000)]);
    rtp.protocols = vec!["UDP/DTLS/SCTP".into()];
    caps.media.push(rtp);
    assert_eq!(create_answer(&offer, &caps).unwrap().media[1].port, 0);
}

#[test]
fn candidates_need_credentials_and_must_write_as_they_read() {
    let offer = sdp::parse(DATA_OFFER).unwrap();
    let mut caps = gateway(None);
    caps.media[0].ice = None;
    assert_eq!(
        create_answer(&offer, &caps).unwrap_err(),
        Error::Negotiation(NegotiationErrorKind::InvalidCapability(
            "ICE candidates without ICE credentials"
        ))
    );
    // A line break smuggled into a candidate's address would start a new SDP line.
    let mut caps = gateway(None);
    caps.media[0].candidates[0].address = "192.0.2.10\r\na=evil".into();
    assert_eq!(
        create_answer(&offer, &caps).unwrap_err(),
        Error::Negotiation(NegotiationErrorKind::InvalidCapability("ICE candidate"))
    );
    // Without ICE in the offer, neither credentials nor candidates are written, nor
    // `a=ice-lite`.
    let plain = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n\
                 m=audio 5004 UDP/TLS/RTP/SAVPF 0\r\na=fingerprint:sha-256 AB:CD\r\n";
    let answer = create_answer(&sdp::parse(plain).unwrap(), &gateway(None)).unwrap();
    let text = answer.to_string();
    assert!(
        !text.contains("candidate") && !text.contains("ice-"),
        "{text}"
    );
}

#[test]
fn hold_leaves_a_data_channel_section_as_it_is() {
    let offer = sdp::parse(DATA_OFFER).unwrap();
    let held = hold(&offer);
    assert_eq!(held.media[1], offer.media[1].clone().into_owned());
    assert_eq!(held.media[0].direction(&held), Direction::SendOnly);
    assert_eq!(resume(&held).media[1], offer.media[1].clone().into_owned());
}

#[test]
fn sctp_attributes_are_read_by_their_grammar() {
    let base = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n\
                m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n";
    for (line, ok) in [
        ("a=sctp-port:5000", true),
        ("a=sctp-port:0", true),
        ("a=sctp-port:65535", true),
        ("a=sctp-port:65536", false),
        ("a=sctp-port:05000", false),
        ("a=sctp-port:", false),
        ("a=max-message-size:0", true),
        ("a=max-message-size:18446744073709551615", true),
        ("a=max-message-size:18446744073709551616", false),
        ("a=max-message-size:64k", false),
        // Before RFC 8841 (Chrome until M71, aiortc, Janus): port, application, streams.
        ("a=sctpmap:5000 webrtc-datachannel 1024", true),
        ("a=sctpmap:5000 webrtc-datachannel", true),
        ("a=sctpmap:5000", false),
        ("a=sctpmap:5000 webrtc-datachannel 1024 1", false),
        ("a=sctpmap:5000  webrtc-datachannel", false),
        ("a=sctpmap:65536 webrtc-datachannel", false),
        ("a=sctpmap:5000 webrtc-datachannel -1", false),
    ] {
        let text = format!("{base}{line}\r\n");
        assert_eq!(sdp::parse(&text).is_ok(), ok, "{line}");
    }
    let text = format!("{base}a=sctp-port:5000\r\na=max-message-size:0\r\n");
    let s = sdp::parse(&text).unwrap();
    assert_eq!(
        s.media[0].attributes[0].typed(),
        Ok(TypedAttribute::SctpPort(5000))
    );
    assert_eq!(
        s.media[0].attributes[1].typed(),
        Ok(TypedAttribute::MaxMessageSize(0))
    );
    // aiortc's offer of a data channel in the older form.
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n\
                m=application 9 DTLS/SCTP 5000\r\nc=IN IP4 0.0.0.0\r\n\
                a=sctpmap:5000 webrtc-datachannel 256\r\n";
    let s = sdp::parse(text).unwrap();
    assert_eq!(
        s.media[0].attributes[0].typed(),
        Ok(TypedAttribute::Sctpmap(sdp::Sctpmap {
            port: 5000,
            app: "webrtc-datachannel".into(),
            streams: Some(256),
        }))
    );
    assert_eq!(s.to_string(), text);
}

#[test]
fn bundle_only_sections_are_live_streams_of_the_bundle() {
    // Firefox with `bundlePolicy: "max-bundle"`: the data channel is offered with port 0
    // and `a=bundle-only` (RFC 9143 6), to be taken only bundled.
    let text = DATA_OFFER.replace(
        "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n",
        "m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=bundle-only\r\n",
    );
    let offer = sdp::parse(&text).unwrap();
    let caps = gateway(Some(MediaCapability::data_channel(40002, 5000)));
    let answer = create_answer(&offer, &caps).unwrap();
    // Answered on our port, in the bundle, without `a=bundle-only` (as browsers answer).
    assert_eq!(answer.media[1].port, 40002);
    assert!(!answer.to_string().contains("bundle-only"));
    assert!(answer.to_string().contains("a=group:BUNDLE 0 1\r\n"));
    assert!(apply_answer(&offer, &answer).unwrap()[1].accepted);

    // An answer that bundles the section with port 0 and `a=bundle-only` (RFC 9143
    // 7.3.1) accepts it on the transport of its BUNDLE-tagged section.
    let bundled = answer.to_string().replace(
        "m=application 40002 UDP/DTLS/SCTP webrtc-datachannel\r\n",
        "m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\na=bundle-only\r\n",
    );
    let n = &apply_answer(&offer, &sdp::parse(&bundled).unwrap()).unwrap()[1];
    assert!(n.accepted);
    assert_eq!(
        (n.remote_address.as_deref(), n.remote_rtp_port),
        (Some("192.0.2.10"), 40000)
    );
    assert_eq!(n.remote_sctp_port, Some(5000));

    // Port 0 and `a=bundle-only` outside any BUNDLE group is a stream turned down.
    let alone = text.replace("a=group:BUNDLE 0 1\r\n", "a=group:BUNDLE 0\r\n");
    let answer = create_answer(&sdp::parse(&alone).unwrap(), &caps).unwrap();
    assert_eq!(answer.media[1].port, 0);
    // A plain port 0 stays rejected in place.
    let rejected = text.replace("a=bundle-only\r\n", "");
    let answer = create_answer(&sdp::parse(&rejected).unwrap(), &caps).unwrap();
    assert_eq!(answer.media[1].port, 0);
}

#[test]
fn our_offer_is_written_as_worked_out_by_hand_and_answered_by_ourselves() {
    // A WebRTC gateway: audio (opus dynamic 96, PCMU static 0, telephone-event 97) and a
    // data channel, ICE-lite with a candidate each, DTLS, one BUNDLE group.
    let mut data = MediaCapability::data_channel(40002, 5000);
    data.max_message_size = Some(65536);
    let mut caps = gateway(Some(data));
    caps.media[0].codecs = vec![
        c("opus", 48000)
            .with_channels(2)
            .with_fmtp("minptime=10;useinbandfec=1"),
        c("PCMU", 8000),
        c("telephone-event", 8000),
    ];
    caps.media[0].rtcp_feedback = vec!["transport-cc".into()];
    caps.media[0].extmap_uris = vec!["urn:ietf:params:rtp-hdrext:sdes:mid".into()];
    caps.media[0].ptime = Some(20);
    let offer = create_offer(&caps).unwrap();
    let fp = format!("a=fingerprint:sha-256 {GATEWAY_FINGERPRINT}\r\n");
    let ice = GATEWAY_ICE_LINES;
    let expected = format!(
        "v=0\r\no=gw 0 0 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n\
         a=ice-lite\r\na=group:BUNDLE 0 1\r\n\
         m=audio 40000 UDP/TLS/RTP/SAVPF 96 0 97\r\na=mid:0\r\n{ice}{fp}a=setup:actpass\r\n\
         a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid\r\na=rtcp-mux\r\n\
         a=rtpmap:96 opus/48000/2\r\na=fmtp:96 minptime=10;useinbandfec=1\r\na=rtcp-fb:96 transport-cc\r\n\
         a=rtpmap:0 PCMU/8000\r\na=rtcp-fb:0 transport-cc\r\na=rtpmap:97 telephone-event/8000\r\n\
         a=ptime:20\r\n\
         m=application 40002 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:1\r\n{ice}{fp}a=setup:actpass\r\n\
         a=sctp-port:5000\r\na=max-message-size:65536\r\n"
    );
    assert_eq!(offer.to_string(), expected);
    // Firefox's parser reads it without a warning.
    webrtc_sdp::parse_sdp(&expected, true).unwrap();

    // Answered by a phone that only has PCMU and telephone-event, and no data channel.
    let mut phone = gateway(None);
    phone.media[0].codecs = vec![c("PCMU", 8000), c("telephone-event", 8000)];
    let answer = create_answer(&offer, &phone).unwrap();
    let negotiated = apply_answer(&offer, &answer).unwrap();
    assert_eq!(
        negotiated[0]
            .codec
            .as_ref()
            .map(|c| (c.payload_type, c.name.as_ref())),
        Some((0, "PCMU"))
    );
    assert_eq!(
        negotiated[0]
            .telephone_event
            .as_ref()
            .map(|c| c.payload_type),
        Some(97)
    );
    assert!(!negotiated[1].accepted);
}

#[test]
fn an_offer_needs_codecs_a_protocol_and_payload_type_room() {
    let mut caps = bob(vec![MediaCapability::audio(4000, vec![])]);
    assert_eq!(
        create_offer(&caps).unwrap_err(),
        Error::Negotiation(NegotiationErrorKind::InvalidCapability(
            "media without codecs"
        ))
    );
    caps.media[0].codecs = vec![c("PCMA", 8000)];
    caps.media[0].protocols.clear();
    assert_eq!(
        create_offer(&caps).unwrap_err(),
        Error::Negotiation(NegotiationErrorKind::InvalidCapability(
            "media without a protocol"
        ))
    );
    // 33 codecs that need a dynamic payload type: 96 to 127 hold 32.
    let many = (0..33).map(|i| c(&format!("X{i}"), 8000)).collect();
    let caps = bob(vec![MediaCapability::audio(4000, many)]);
    assert_eq!(
        create_offer(&caps).unwrap_err(),
        Error::Negotiation(NegotiationErrorKind::InvalidCapability(
            "more than 32 dynamic payload types"
        ))
    );
    // A static encoding named twice takes a dynamic type the second time.
    let caps = bob(vec![MediaCapability::audio(
        4000,
        vec![c("PCMU", 8000), c("pcmu", 8000)],
    )]);
    assert_eq!(create_offer(&caps).unwrap().media[0].formats, ["0", "96"]);
    // An fmtp that would not read back is refused, not written.
    let caps = bob(vec![MediaCapability::audio(
        4000,
        vec![c("opus", 48000).with_fmtp("")],
    )]);
    assert!(create_offer(&caps).is_err());
}

#[test]
fn dynamic_payload_types_are_numbered_across_a_bundle() {
    let av = |ice: bool| {
        let mut audio = MediaCapability::audio(4000, vec![c("opus", 48000).with_channels(2)]);
        let mut video = MediaCapability::video(4002, vec![c("VP8", 90000)]);
        if ice {
            for m in [&mut audio, &mut video] {
                m.ice = Some(("gw01".into(), "gatewaygatewaygateway01".into()));
            }
        }
        bob(vec![audio, video])
    };
    // Bundled (every section has ICE): one RTP session, so VP8 cannot be 96 again.
    let bundled = create_offer(&av(true)).unwrap();
    assert_eq!(bundled.media[0].formats, ["96"]);
    assert_eq!(bundled.media[1].formats, ["97"]);
    assert!(bundled.to_string().contains("a=group:BUNDLE 0 1\r\n"));
    // Not bundled: each section its own RTP session, numbered from 96.
    let plain = create_offer(&av(false)).unwrap();
    assert_eq!(plain.media[1].formats, ["96"]);
    assert!(!plain.to_string().contains("group"));
}

/// A browser's simulcast video (RFC 8853 5.1's example lists: three streams, the first
/// with a paused alternative), plus a stream id the offer does not name with `a=rid`.
const SIMULCAST_OFFER: &str = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n\
     m=video 9 RTP/AVP 96\r\nc=IN IP4 192.0.2.1\r\na=mid:v\r\na=sendonly\r\n\
     a=rtpmap:96 VP8/90000\r\na=rid:1 send pt=96;max-width=1280\r\na=rid:2 send\r\n\
     a=rid:3 send\r\na=rid:4 send\r\na=rid:9 recv\r\n\
     a=simulcast:send 1,~4;2;3;x recv 9\r\n";

/// An SFU takes the offered simulcast as RFC 8853 5.3 and RFC 8851 6 have it answered:
/// each stream the offer sends and names with `a=rid:<id> send`, named `recv` by us and
/// listed in `a=simulcast:recv` (worked out by hand: `x` has no `a=rid` line and is left
/// out; the paused `4` stays paused; the offer's `recv 9` is not ours to take, as we send
/// no simulcast). Without the capability, or when we do not receive, no simulcast.
#[test]
fn simulcast_is_received_by_a_capability_that_takes_it() {
    let offer = sdp::parse(SIMULCAST_OFFER).unwrap();
    let mut video = MediaCapability::new("video", 50000, vec![c("VP8", 90000)]);
    video.simulcast = true;
    let answer = create_answer(&offer, &bob(vec![video.clone()])).unwrap();
    answer_is_valid_sdp(&answer);
    let text = answer.to_string();
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("a=rid") || l.starts_with("a=simulcast"))
        .collect();
    assert_eq!(
        lines,
        [
            "a=rid:1 recv",
            "a=rid:4 recv",
            "a=rid:2 recv",
            "a=rid:3 recv",
            "a=simulcast:recv 1,~4;2;3"
        ]
    );
    assert_eq!(answer.media[0].direction(&answer), Direction::RecvOnly);
    let negotiated = apply_answer(&offer, &answer).unwrap();
    assert_eq!(negotiated[0].simulcast_rids, ["1", "4", "2", "3"]);

    // Without the capability: one stream, no simulcast.
    video.simulcast = false;
    let plain = create_answer(&offer, &bob(vec![video.clone()])).unwrap();
    assert!(!plain.to_string().contains("a=rid") && !plain.to_string().contains("simulcast"));
    assert!(
        apply_answer(&offer, &plain).unwrap()[0]
            .simulcast_rids
            .is_empty()
    );
    // A capability that only sends receives nothing, simulcast included.
    video.simulcast = true;
    video.direction = Direction::SendOnly;
    let inactive = create_answer(&offer, &bob(vec![video])).unwrap();
    assert_eq!(inactive.media[0].direction(&inactive), Direction::Inactive);
    assert!(!inactive.to_string().contains("a=simulcast"));
    // An answer may take fewer streams than offered: the negotiated ids are those both
    // lists name, in the answer's order.
    let fewer = SIMULCAST_OFFER.replace(
        "a=simulcast:send 1,~4;2;3;x recv 9",
        "a=simulcast:send 1,~4;2;3;x",
    );
    let offer = sdp::parse(&fewer).unwrap();
    let answer_text = "v=0\r\no=- 2 2 IN IP4 192.0.2.9\r\ns=-\r\nt=0 0\r\nm=video 50000 RTP/AVP 96\r\n\
         c=IN IP4 192.0.2.9\r\na=mid:v\r\na=recvonly\r\na=rtpmap:96 VP8/90000\r\n\
         a=rid:3 recv\r\na=rid:1 recv\r\na=simulcast:recv 3;1\r\n";
    let answer = sdp::parse(answer_text).unwrap();
    assert_eq!(
        apply_answer(&offer, &answer).unwrap()[0].simulcast_rids,
        ["3", "1"]
    );
}
