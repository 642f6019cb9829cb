//! Property: every offer `create_offer` makes, and every answer `create_answer` makes to
//! it, is SDP that Mozilla's `webrtc-sdp` (Firefox's parser, which types every attribute)
//! and GStreamer's `sdp-types` read, with the same media lines; keys go only where their
//! transport uses them.
//! A suite that only rereads our own SDP with our own parser would not see a line that
//! both sides of it get wrong.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failure stops the test.

use proptest::prelude::*;
use sip_core::sdp::offer_answer::{
    CodecCapability, CryptoCapability, LocalCapabilities, MediaCapability, apply_answer,
    create_answer, create_offer,
};
use sip_core::sdp::{self, Candidate, Direction};

/// Codecs as deployed equipment names them: static and dynamic, audio and video.
const CODECS: [(&str, u32, Option<u16>, Option<&str>); 9] = [
    ("PCMU", 8000, None, None),
    ("PCMA", 8000, None, None),
    ("G722", 8000, None, None),
    ("G729", 8000, None, Some("annexb=no")),
    ("opus", 48000, Some(2), Some("minptime=10;useinbandfec=1")),
    ("telephone-event", 8000, None, Some("0-16")),
    ("VP8", 90000, None, None),
    (
        "H264",
        90000,
        None,
        Some("packetization-mode=1;profile-level-id=42e01f"),
    ),
    ("AMR-WB", 16000, None, Some("octet-align=1")),
];

const DIRECTIONS: [Direction; 4] = [
    Direction::SendRecv,
    Direction::SendOnly,
    Direction::RecvOnly,
    Direction::Inactive,
];

/// One media capability: an RTP stream of some codecs over one of the RTP profiles, or
/// a data channel; with or without ICE (and a candidate), DTLS and SDES.
fn media() -> impl Strategy<Value = MediaCapability> {
    (
        any::<bool>(),
        proptest::sample::subsequence((0..CODECS.len()).collect::<Vec<_>>(), 1..5),
        0usize..4,
        0usize..4,
        any::<(bool, bool, bool, bool)>(),
        1000u16..60000,
    )
        .prop_map(
            |(data, codecs, profile, direction, (ice, dtls, mux, extmap), port)| {
                let mut m = if data {
                    let mut m = MediaCapability::data_channel(port, 5000);
                    m.max_message_size = Some(65536);
                    m
                } else {
                    let codecs: Vec<CodecCapability> = codecs
                        .iter()
                        .map(|&i| {
                            let (name, rate, channels, fmtp) = CODECS[i];
                            let mut c = CodecCapability::new(name, rate);
                            c.channels = channels;
                            c.fmtp = fmtp.map(str::to_owned);
                            c
                        })
                        .collect();
                    let kind = if codecs_are_video(&codecs) {
                        "video"
                    } else {
                        "audio"
                    };
                    let mut m = MediaCapability::new(kind, port, codecs);
                    m.protocols = vec![
                        ["RTP/AVP", "RTP/AVPF", "RTP/SAVP", "UDP/TLS/RTP/SAVPF"][profile]
                            .to_owned(),
                    ];
                    m.direction = DIRECTIONS[direction];
                    m.rtcp_mux = mux;
                    m.rtcp_feedback = vec!["nack".to_owned(), "nack pli".to_owned()];
                    if extmap {
                        m.extmap_uris = vec!["urn:ietf:params:rtp-hdrext:sdes:mid".to_owned()];
                    }
                    m.ptime = (!mux).then_some(20);
                    m.crypto = vec![CryptoCapability {
                        suite: "AES_CM_128_HMAC_SHA1_80".to_owned(),
                        key_params: "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz".to_owned(),
                    }];
                    m
                };
                if ice {
                    m.ice = Some(("vkit".to_owned(), "voipkitvoipkitvoipkit01".to_owned()));
                    m.candidates = vec![
                        Candidate::parse(&format!("1 1 udp 2130706431 192.0.2.10 {port} typ host"))
                            .unwrap()
                            .into_owned(),
                    ];
                }
                if dtls || data {
                    m.fingerprint = Some((
                        "sha-256".to_owned(),
                        (0..32)
                            .map(|i| format!("{:02X}", i * 7 % 256))
                            .collect::<Vec<_>>()
                            .join(":"),
                    ));
                }
                m
            },
        )
}

fn codecs_are_video(codecs: &[CodecCapability]) -> bool {
    codecs.iter().all(|c| c.clock_rate == 90000)
}

fn capabilities() -> impl Strategy<Value = LocalCapabilities> {
    (proptest::collection::vec(media(), 1..4), any::<bool>()).prop_map(|(media, lite)| {
        let mut caps = LocalCapabilities::new("voipkit", "192.0.2.10");
        caps.session_id = "4242".to_owned();
        caps.ice_lite = lite;
        caps.media = media;
        caps
    })
}

/// The media lines as `sdp-types` reads them: type, port, protocol, formats.
fn sdp_types_media(text: &str) -> Vec<String> {
    let s = sdp_types::Session::parse(text.as_bytes())
        .unwrap_or_else(|e| panic!("sdp-types refuses: {e:?}\n{text}"));
    s.medias
        .iter()
        .map(|m| format!("{} {} {} {}", m.media, m.port, m.proto, m.fmt))
        .collect()
}

/// The same from our reading.
fn ours(text: &str) -> Vec<String> {
    sdp::parse(text)
        .unwrap()
        .media
        .iter()
        .map(|m| {
            format!(
                "{} {} {} {}",
                m.media,
                m.port,
                m.protocol,
                m.formats.join(" ")
            )
        })
        .collect()
}

/// Firefox's parser reads `text`, with as many media sections (warnings allowed: it
/// does not know SDES's `a=crypto`, which WebRTC does not use).
fn firefox_reads(text: &str, sections: usize) {
    let s = webrtc_sdp::parse_sdp(text, false)
        .unwrap_or_else(|e| panic!("webrtc-sdp refuses: {e}\n{text}"));
    assert_eq!(s.media.len(), sections, "{text}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn offers_and_answers_read_in_firefox_and_gstreamer_parsers(caps in capabilities()) {
        let offer = create_offer(&caps).unwrap();
        let text = offer.to_string();
        // SDES keys only on the SRTP profiles, DTLS fingerprints only on secure ones.
        for (m, cap) in offer.media.iter().zip(&caps.media) {
            let sdes = ["RTP/SAVP", "RTP/SAVPF"].contains(&m.protocol.as_ref());
            let secure = m.protocol.contains("SAVP") || m.protocol.contains("DTLS");
            let has = |name: &str| m.attributes.iter().any(|a| a.is(name));
            prop_assert_eq!(has("crypto"), sdes && !cap.crypto.is_empty(), "{}", text);
            prop_assert_eq!(has("fingerprint"), secure && cap.fingerprint.is_some(), "{}", text);
        }
        firefox_reads(&text, caps.media.len());
        prop_assert_eq!(sdp_types_media(&text), ours(&text));

        let answer = create_answer(&offer, &caps).unwrap();
        let answer_text = answer.to_string();
        firefox_reads(&answer_text, caps.media.len());
        prop_assert_eq!(sdp_types_media(&answer_text), ours(&answer_text));
        let negotiated = apply_answer(&offer, &answer).unwrap();
        // Every RTP stream our own capabilities answer takes a codec we offered.
        for (n, cap) in negotiated.iter().zip(&caps.media) {
            if n.accepted && cap.sctp_port.is_none() {
                let codec = n.codec.as_ref().or(n.telephone_event.as_ref());
                prop_assert!(codec.is_some(), "{}", answer_text);
            }
        }
    }
}
