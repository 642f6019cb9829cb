//! Offer/answer: any offer × any capabilities never panics; the answer is valid SDP with
//! as many media sections as the offer, and applies back to the offer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_core::sdp::offer_answer::{
    CodecCapability, CodecOrder, CryptoCapability, LocalCapabilities, MediaCapability,
    apply_answer, create_answer, create_offer, hold, resume,
};
use sip_core::sdp::{self, Candidate, Direction};

/// The first bytes choose the capabilities; the rest is the offer.
const CAPS: usize = 12;

const CODECS: [(&str, u32, Option<u16>, Option<&str>); 10] = [
    ("PCMU", 8000, None, None),
    ("PCMA", 8000, None, None),
    ("G722", 8000, None, None),
    ("opus", 48000, Some(2), Some("minptime=10;useinbandfec=1")),
    ("telephone-event", 8000, None, Some("0-16")),
    ("telephone-event", 48000, None, None),
    ("VP8", 90000, None, None),
    (
        "H264",
        90000,
        None,
        Some("packetization-mode=1;profile-level-id=42e01f"),
    ),
    ("rtx", 90000, None, None),
    ("iLBC", 8000, None, None),
];
const PROTOS: [&str; 4] = ["RTP/AVP", "RTP/SAVP", "UDP/TLS/RTP/SAVPF", "RTP/AVPF"];
const KINDS: [&str; 3] = ["audio", "video", "application"];
const DIRS: [Direction; 4] = [
    Direction::SendRecv,
    Direction::SendOnly,
    Direction::RecvOnly,
    Direction::Inactive,
];

fn caps(b: &[u8; CAPS]) -> LocalCapabilities {
    let mut caps = LocalCapabilities::new(
        "fuzz",
        if b[0] & 1 == 0 {
            "192.0.2.1"
        } else {
            "0.0.0.0"
        },
    );
    caps.codec_order = if b[0] & 2 == 0 {
        CodecOrder::Offerer
    } else {
        CodecOrder::Answerer
    };
    for i in 0..usize::from(b[1] % 4) {
        let x = b[2 + i * 2];
        let y = b[3 + i * 2];
        let codecs = (0..CODECS.len())
            .filter(|c| (u16::from(x) << 8 | u16::from(y)) >> c & 1 == 1)
            .map(|c| {
                let (n, r, ch, f) = CODECS[c];
                let mut cc = CodecCapability::new(n, r);
                cc.channels = ch;
                cc.fmtp = f.map(str::to_owned);
                cc
            })
            .collect();
        let mut m = MediaCapability::new(KINDS[usize::from(x) % 3], 4000 + 2 * i as u16, codecs);
        m.protocols = vec![PROTOS[usize::from(y) % 4].to_owned(), "RTP/AVP".to_owned()];
        m.direction = DIRS[usize::from(x >> 2) % 4];
        m.rtcp_mux = y & 0x10 != 0;
        m.ptime = (y & 0x20 != 0).then_some(20);
        m.rtcp_feedback = vec!["nack".into(), "nack pli".into()];
        m.simulcast = x & 0x80 != 0;
        if y & 0x40 != 0 {
            m.fingerprint = Some(("sha-256".into(), "AB:CD".into()));
            m.ice = Some(("ufrag".into(), "passwordpasswordpassword".into()));
        }
        if y & 0x80 != 0 {
            m.crypto = vec![CryptoCapability {
                suite: "AES_CM_128_HMAC_SHA1_80".into(),
                key_params: "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz".into(),
            }];
        }
        caps.media.push(m);
    }
    // b[8]: a data channel capability, ICE-lite, our candidates, a message size.
    let x = b[8];
    if x & 1 != 0 {
        let mut dc = MediaCapability::data_channel(5000, 5000 + u16::from(b[9]));
        dc.fingerprint = Some(("sha-256".into(), "AB:CD".into()));
        dc.ice = Some(("ufrag".into(), "passwordpasswordpassword".into()));
        dc.max_message_size = (x & 8 != 0).then_some(u64::from(b[10]) << 10);
        caps.media
            .insert(usize::from(b[11]) % (caps.media.len() + 1), dc);
    }
    caps.ice_lite = x & 2 != 0;
    if x & 4 != 0 {
        for (i, m) in caps.media.iter_mut().enumerate() {
            if m.ice.is_some() {
                let text = format!("{i} 1 udp 2130706431 192.0.2.1 {} typ host", m.port);
                m.candidates = vec![Candidate::parse(&text).unwrap().into_owned()];
            }
        }
    }
    caps
}

fuzz_target!(|data: &[u8]| {
    let Some((head, rest)) = data.split_first_chunk::<CAPS>() else {
        return;
    };
    let Ok(offer) = sdp::parse_bytes(rest) else {
        return;
    };
    let caps = caps(head);
    // Our own offer from the same capabilities: valid SDP that reads back as written,
    // answered by the same capabilities and applied; or a refused capability.
    match create_offer(&caps) {
        Ok(ours) => {
            let text = ours.to_string();
            match sdp::parse(&text) {
                Ok(read) => assert_eq!(read, ours),
                Err(e) => panic!("our offer is not valid SDP: {e}\n{text:?}"),
            }
            let answer = match create_answer(&ours, &caps) {
                Ok(a) => a,
                Err(e) => panic!("our capabilities must answer our offer: {e}"),
            };
            match apply_answer(&ours, &answer) {
                Ok(n) => assert_eq!(n.len(), ours.media.len()),
                Err(e) => panic!("our answer to our offer does not apply: {e}"),
            }
        }
        Err(sdp::Error::Negotiation(sdp::NegotiationErrorKind::InvalidCapability(_))) => {}
        Err(e) => panic!("an offer fails only on a capability: {e}"),
    }
    let answer = match create_answer(&offer, &caps) {
        Ok(a) => a,
        Err(e) => panic!("valid capabilities must answer: {e}"),
    };
    assert_eq!(answer.media.len(), offer.media.len());
    let text = answer.to_string();
    let parsed = match sdp::parse(&text) {
        Ok(p) => p,
        Err(e) => panic!("answer is not valid SDP: {e}\n{text:?}"),
    };
    assert_eq!(parsed, answer);
    let negotiated = match apply_answer(&offer, &answer) {
        Ok(n) => n,
        Err(e) => panic!("our own answer does not apply: {e}"),
    };
    assert_eq!(negotiated.len(), offer.media.len());
    // An accepted data channel names our SCTP port; nothing else names one.
    for (n, m) in negotiated.iter().zip(&answer.media) {
        let ours = caps
            .media
            .iter()
            .find(|c| c.sctp_port.is_some() && c.port == m.port);
        match ours {
            Some(c) if n.accepted && m.formats.iter().any(|f| f == "webrtc-datachannel") => {
                assert_eq!(n.remote_sctp_port, c.sctp_port);
                assert_eq!(n.remote_max_message_size, c.max_message_size);
            }
            _ => assert_eq!(n.remote_sctp_port, None, "{text:?}"),
        }
    }
    // Simulcast taken: stream ids the offer sends and names with `a=rid:<id> send`,
    // each once, by a capability that takes simulcast.
    for (n, m) in negotiated.iter().zip(&offer.media) {
        let sent: Vec<String> = m
            .attributes
            .iter()
            .filter(|a| a.is("rid"))
            .filter_map(|a| match a.typed() {
                Ok(sdp::TypedAttribute::Rid(r)) if r.direction == sdp::RidDirection::Send => {
                    Some(r.id.into_owned())
                }
                _ => None,
            })
            .collect();
        for (i, rid) in n.simulcast_rids.iter().enumerate() {
            assert!(sent.contains(rid), "{rid} not offered: {text:?}");
            assert!(
                !n.simulcast_rids[..i].contains(rid),
                "{rid} twice: {text:?}"
            );
        }
        if !n.simulcast_rids.is_empty() {
            assert!(caps.media.iter().any(|c| c.simulcast), "{text:?}");
        }
    }
    for reoffer in [hold(&offer), resume(&offer)] {
        let text = reoffer.to_string();
        assert!(
            sdp::parse(&text).is_ok(),
            "re-offer is not valid SDP: {text:?}"
        );
    }
});
