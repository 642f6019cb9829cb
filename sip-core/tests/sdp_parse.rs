//! SDP parsing and writing: RFC 8866 and RFC 4317 examples, a WebRTC offer, a SIP phone
//! offer, errors and limits. Expected values are read off the example texts by hand.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // Test code: a failure stops the test.

use std::borrow::Cow;

use sip_core::sdp::{
    self, Attribute, CandidateType, Direction, LineEnding, ParseErrorKind, Parser, RidDirection,
    Setup, SimulcastId, TypedAttribute,
};

fn data(name: &str) -> String {
    let path = format!("{}/tests/data/sdp/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const ALL: [&str; 14] = [
    "rfc8866_example.sdp",
    "rfc4317_2_1_offer.sdp",
    "rfc4317_2_1_answer.sdp",
    "rfc4317_2_2_answer.sdp",
    "rfc4317_2_4_offer.sdp",
    "rfc4317_2_4_answer.sdp",
    "rfc4317_2_6_offer.sdp",
    "rfc4317_2_6_answer.sdp",
    "rfc4317_2_8_answer.sdp",
    "rfc4317_3_2_offer.sdp",
    "rfc4317_3_2_hold_offer.sdp",
    "rfc4317_3_2_hold_answer.sdp",
    "sip_phone_offer.sdp",
    "webrtc_offer.sdp",
];

#[test]
fn every_sample_writes_back_byte_identical() {
    for name in ALL {
        let text = data(name);
        let parsed = sdp::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(parsed.to_string(), text, "{name}");
        let owned = parsed.clone().into_owned();
        assert_eq!(owned, parsed, "{name}: owned form equals borrowed form");
        assert_eq!(
            owned.to_string(),
            text,
            "{name}: owned form writes the same"
        );
    }
}

#[test]
fn rfc8866_example_fields() {
    // RFC 8866 §5, read by hand.
    let text = data("rfc8866_example.sdp");
    let s = sdp::parse(&text).unwrap();
    assert_eq!(s.origin.username, "jdoe");
    assert_eq!(s.origin.session_id, "3724394400");
    assert_eq!(s.origin.session_version, "3724394405");
    assert_eq!(s.origin.address, "198.51.100.1");
    assert_eq!(s.session_name, "Call to John Smith");
    assert_eq!(s.information.as_deref(), Some("SDP Offer #1"));
    assert_eq!(
        s.uri.as_deref(),
        Some("http://www.jdoe.example.com/home.html")
    );
    assert_eq!(s.emails, ["Jane Doe <jane@jdoe.example.com>"]);
    assert_eq!(s.phones, ["+1 617 555-6011"]);
    assert_eq!(s.connection.as_ref().unwrap().address, "198.51.100.1");
    assert_eq!((s.times[0].start, s.times[0].stop), (0, 0));
    assert_eq!(s.media.len(), 3);
    assert_eq!(
        (s.media[0].media.as_ref(), s.media[0].port),
        ("audio", 49170)
    );
    assert_eq!(s.media[1].port, 49180);
    let video = &s.media[2];
    assert_eq!(
        (video.media.as_ref(), video.port, video.protocol.as_ref()),
        ("video", 51372, "RTP/AVP")
    );
    // The video section overrides the session connection with an IPv6 address.
    let c = video.connection(&s).unwrap();
    assert_eq!(
        (c.address_type.as_ref(), c.address.as_ref()),
        ("IP6", "2001:db8::2")
    );
    assert_eq!(s.media[0].connection(&s).unwrap().address, "198.51.100.1");
    let codec = video.codecs().next().unwrap();
    assert_eq!(
        (codec.payload_type, codec.name.as_ref(), codec.clock_rate),
        (99, "h263-1998", 90000)
    );
    // Audio payload type 0 has no rtpmap: the static table of RFC 3551 gives PCMU/8000.
    let pcmu = s.media[0].codecs().next().unwrap();
    assert_eq!(
        (pcmu.name.as_ref(), pcmu.clock_rate, pcmu.channels),
        ("PCMU", 8000, Some(1))
    );
}

#[test]
fn sip_phone_offer_codecs_and_attributes() {
    let text = data("sip_phone_offer.sdp");
    let s = sdp::parse(&text).unwrap();
    let audio = &s.media[0];
    let codecs: Vec<_> = audio
        .codecs()
        .map(|c| (c.payload_type, c.name.to_string(), c.clock_rate))
        .collect();
    assert_eq!(
        codecs,
        [
            (0, "PCMU".to_owned(), 8000),
            (8, "PCMA".to_owned(), 8000),
            // G722's RTP clock is 8000 (RFC 3551 §4.5.2).
            (9, "G722".to_owned(), 8000),
            (18, "G729".to_owned(), 8000),
            (101, "telephone-event".to_owned(), 8000),
        ]
    );
    assert_eq!(audio.ptime(), Some(20));
    assert!(
        typed(&audio.attributes)
            .contains(&TypedAttribute::Maxptime(sdp::PacketTime::from_millis(150)))
    );
    assert_eq!(audio.direction(&s), Direction::SendRecv);
    let events = audio.fmtp("101").unwrap().telephone_events().unwrap();
    assert!(events.contains(0) && events.contains(15) && !events.contains(16));
    assert_eq!(audio.fmtp("18").unwrap().get("annexb"), Some("no"));
    assert!(
        typed(&audio.attributes).iter().any(
            |a| matches!(a, TypedAttribute::Rtcp(r) if r.port == 16385 && r.address.is_none())
        )
    );
    assert!(
        typed(&audio.attributes)
            .iter()
            .any(|a| matches!(a, TypedAttribute::SilenceSupp(x) if !x.enabled && x.timer == "-"))
    );
}

#[test]
fn webrtc_offer_typed_attributes() {
    let text = data("webrtc_offer.sdp");
    assert!(text.len() > 3000);
    let s = sdp::parse(&text).unwrap();
    let Some(Ok(TypedAttribute::Group(g))) = s.attribute("group").map(Attribute::typed) else {
        panic!("no group")
    };
    assert_eq!(g.semantics, "BUNDLE");
    assert_eq!(g.mids, ["0", "1"]);
    // msid-semantic is not typed: it is kept verbatim, leading space included.
    assert_eq!(
        s.attribute("msid-semantic"),
        Some(&Attribute {
            name: Cow::Borrowed("msid-semantic"),
            value: Some(Cow::Borrowed(" WMS 8fJ6xBn0jmKEBPkBNB4gyeSh3u7f8pjd8m2s")),
        })
    );
    assert!(matches!(
        s.attribute("msid-semantic").unwrap().typed(),
        Ok(TypedAttribute::Other { .. })
    ));
    let audio = &s.media[0];
    assert_eq!(audio.mid(), Some("0"));
    assert!(audio.has_rtcp_mux());
    let cands: Vec<_> = typed(&audio.attributes)
        .into_iter()
        .filter_map(|a| match a {
            TypedAttribute::Candidate(c) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(cands.len(), 3);
    assert_eq!(cands[0].priority, 2122260223);
    assert_eq!(cands[0].kind, CandidateType::Host);
    assert_eq!(
        cands[0].extensions[0],
        (Cow::Borrowed("generation"), Cow::Borrowed("0"))
    );
    assert_eq!(cands[1].kind, CandidateType::Srflx);
    assert_eq!(cands[1].related_address.as_deref(), Some("192.168.0.196"));
    assert_eq!(cands[1].related_port, Some(46243));
    assert_eq!(cands[2].transport, "tcp");
    assert_eq!(
        cands[2].extensions[0],
        (Cow::Borrowed("tcptype"), Cow::Borrowed("active"))
    );
    assert!(typed(&audio.attributes).contains(&TypedAttribute::Setup(Setup::Actpass)));
    assert!(typed(&audio.attributes).iter().any(
        |a| matches!(a, TypedAttribute::Fingerprint(f) if f.hash == "sha-256" && f.value.len() == 95)
    ));
    let opus = audio.codecs().next().unwrap();
    assert_eq!(
        (opus.name.as_ref(), opus.clock_rate, opus.channels),
        ("opus", 48000, Some(2))
    );
    let op = audio.fmtp("111").unwrap().opus();
    assert_eq!(
        (op.min_ptime, op.use_inband_fec, op.stereo),
        (Some(10), Some(true), None)
    );
    // Two telephone-event clocks.
    let te: Vec<_> = audio
        .codecs()
        .filter(|c| c.name == "telephone-event")
        .map(|c| (c.payload_type, c.clock_rate))
        .collect();
    assert_eq!(te, [(110, 48000), (126, 8000)]);

    let video = &s.media[1];
    let h264 = video.fmtp("102").unwrap().h264();
    assert_eq!(h264.packetization_mode, 1);
    let pl = h264.profile_level_id.unwrap();
    assert_eq!(
        (pl.profile_idc, pl.profile_iop, pl.level_idc),
        (0x42, 0xe0, 0x1f)
    );
    assert!(h264.level_asymmetry_allowed);
    let fbs: Vec<String> = video
        .attributes
        .iter()
        .filter(|a| matches!(a.typed(), Ok(TypedAttribute::RtcpFb(f)) if f.payload_type == "96"))
        .map(|a| a.to_string())
        .collect();
    assert_eq!(
        fbs,
        [
            "rtcp-fb:96 goog-remb",
            "rtcp-fb:96 transport-cc",
            "rtcp-fb:96 ccm fir",
            "rtcp-fb:96 nack",
            "rtcp-fb:96 nack pli"
        ]
    );
    let v = typed(&video.attributes);
    assert!(v.iter().any(|a| matches!(a, TypedAttribute::SsrcGroup(g) if g.semantics == "FID" && g.ssrcs == [1254807305, 2861213347])));
    assert!(v.iter().any(|a| matches!(a, TypedAttribute::Extmap(e) if e.id == 5 && e.direction == Some(Direction::SendRecv))));
    assert!(v.iter().any(|a| matches!(a, TypedAttribute::Ssrc(x) if x.ssrc == 1254807305 && x.attribute == "cname" && x.value.as_deref() == Some("4TOk42mSjXCkVIa6"))));
}

#[test]
fn rfc4317_hold_offer_directions() {
    // RFC 4317 §3.2: Bob holds Alice's audio (sendonly) but not the tone stream.
    let text = data("rfc4317_3_2_hold_offer.sdp");
    let s = sdp::parse(&text).unwrap();
    assert_eq!(s.session_name, " ", "RFC 4317's s= is a single space");
    assert_eq!(s.media[0].direction(&s), Direction::SendOnly);
    assert_eq!(s.media[1].direction(&s), Direction::RecvOnly);
}

#[test]
fn lf_only_input_is_kept_lf_only() {
    let text = "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nt=0 0\nm=audio 4000 RTP/AVP 8\n";
    let s = sdp::parse(text).unwrap();
    assert_eq!(s.line_ending, LineEnding::Lf);
    assert_eq!(s.to_string(), text);
}

#[test]
fn missing_final_line_ending_is_kept() {
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0";
    let s = sdp::parse(text).unwrap();
    assert!(!s.final_line_ending);
    assert_eq!(s.to_string(), text);
}

#[test]
fn repeat_times_zones_keys_and_multicast() {
    // RFC 8866 §5.10-5.12 examples, combined.
    let text = "v=0\r\no=- 1 1 IN IP4 233.252.0.1\r\ns=Seminar\r\nc=IN IP4 233.252.0.1/127/3\r\nb=CT:128\r\nt=3034423619 3042462419\r\nr=604800 3600 0 90000\r\nr=7d 1h 0 25h\r\nz=2882844526 -1h 2898848070 0\r\nk=prompt\r\nm=audio 49170/2 RTP/AVP 0\r\nb=AS:64\r\nk=clear:secret\r\n";
    let s = sdp::parse(text).unwrap();
    let c = s.connection.as_ref().unwrap();
    assert_eq!(
        (c.address.as_ref(), c.ttl, c.count),
        ("233.252.0.1", Some(127), Some(3))
    );
    assert_eq!(s.times[0].repeats, ["604800 3600 0 90000", "7d 1h 0 25h"]);
    assert_eq!(s.time_zones.as_deref(), Some("2882844526 -1h 2898848070 0"));
    assert_eq!(s.key.as_deref(), Some("prompt"));
    assert_eq!(s.bandwidths[0].value, 128);
    assert_eq!(s.media[0].port_count, Some(2));
    assert_eq!(s.media[0].key.as_deref(), Some("clear:secret"));
    assert_eq!(s.to_string(), text);
}

fn err(text: &str) -> (usize, ParseErrorKind) {
    let e = sdp::parse(text).unwrap_err();
    (e.line().unwrap(), e.parse_kind().unwrap().clone())
}

#[test]
fn errors_name_the_line_and_reason() {
    assert_eq!(err(""), (0, ParseErrorKind::Empty));
    assert_eq!(err("v=1\r\n"), (1, ParseErrorKind::Version));
    assert_eq!(
        err("o=- 1 1 IN IP4 x\r\n"),
        (1, ParseErrorKind::Missing('v'))
    );
    assert_eq!(err("v=0\r\ns=-\r\n"), (2, ParseErrorKind::Missing('o')));
    assert_eq!(
        err("v=0\r\no=- 1 1 IN IP4 x\r\n"),
        (3, ParseErrorKind::Missing('s'))
    );
    assert_eq!(
        err("v=0\r\no=- 1 1 IN IP4\r\ns=-\r\n"),
        (
            2,
            ParseErrorKind::Malformed {
                line: 'o',
                reason: "expected six space-separated fields"
            }
        )
    );
    assert_eq!(
        err("v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\nt=0 0\r\nc=IN IP4 x\r\n"),
        (5, ParseErrorKind::OutOfOrder('c'))
    );
    assert_eq!(
        err("v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\ns=-\r\n"),
        (4, ParseErrorKind::Repeated('s'))
    );
    assert_eq!(
        err("v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\nx=1\r\n"),
        (4, ParseErrorKind::UnknownLineType('x'))
    );
    assert_eq!(
        err("v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\n\r\n"),
        (4, ParseErrorKind::EmptyLine)
    );
    assert_eq!(
        err("v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\nt=0 0\r\nm=audio 70000 RTP/AVP 0\r\n").1,
        ParseErrorKind::Malformed {
            line: 'm',
            reason: "port is not 0-65535"
        }
    );
    assert_eq!(
        err(
            "v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\nt=0 0\r\nm=audio 1 RTP/AVP 0\r\na=rtpmap:200 X/8000\r\n"
        ),
        (
            6,
            ParseErrorKind::Attribute {
                name: "rtpmap",
                reason: "payload type is not 0-127"
            }
        )
    );
    assert_eq!(
        err("v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\nt=0 0\r\nm=audio 1 RTP/AVP 0\r\nt=0 0\r\n"),
        (6, ParseErrorKind::OutOfOrder('t'))
    );
    assert_eq!(
        err("v=0\r\no=- 1 1 IN\rIP4 x\r\n"),
        (2, ParseErrorKind::ControlCharacter)
    );
}

#[test]
fn error_offset_points_at_the_line() {
    let text = "v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\nt=0 0\r\na=ptime:x\r\n";
    let e = sdp::parse(text).unwrap_err();
    assert_eq!(e.offset(), Some(text.find("a=ptime").unwrap()));
    assert_eq!(
        e.to_string(),
        format!(
            "SDP line 5 (byte {}): malformed `a=ptime` attribute: not a positive number of milliseconds",
            text.find("a=ptime").unwrap()
        )
    );
}

#[test]
fn invalid_utf8_reports_its_offset() {
    let e = sdp::parse_bytes(b"v=0\r\ns=\xff\r\n").unwrap_err();
    assert_eq!((e.line(), e.offset()), (Some(2), Some(7)));
    assert_eq!(e.parse_kind(), Some(&ParseErrorKind::InvalidUtf8));
}

#[test]
fn lenient_attributes_keep_malformed_known_attributes_verbatim() {
    let text = "v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\nt=0 0\r\na=ptime:twenty\r\n";
    assert!(sdp::parse(text).is_err());
    let s = Parser::new().lenient_attributes(true).parse(text).unwrap();
    assert_eq!(s.attributes[0], Attribute::new("ptime", "twenty"));
    assert_eq!(
        s.attributes[0].typed(),
        Err(ParseErrorKind::Attribute {
            name: "ptime",
            reason: "not a positive number of milliseconds"
        })
    );
    assert_eq!(s.to_string(), text);
}

#[test]
fn limits_are_enforced() {
    let text = data("webrtc_offer.sdp");
    let e = Parser::new().max_lines(10).parse(&text).unwrap_err();
    assert_eq!(
        (e.line(), e.parse_kind()),
        (Some(11), Some(&ParseErrorKind::TooManyLines(10)))
    );
    let e = Parser::new().max_line_len(100).parse(&text).unwrap_err();
    assert_eq!(e.parse_kind(), Some(&ParseErrorKind::LineTooLong(100)));
    let e = Parser::new().max_size(1000).parse(&text).unwrap_err();
    assert_eq!(e.parse_kind(), Some(&ParseErrorKind::TooLarge(1000)));
    let e = Parser::new().max_media(1).parse(&text).unwrap_err();
    assert_eq!(e.parse_kind(), Some(&ParseErrorKind::TooManyMedia(1)));
    assert!(Parser::new().max_media(2).parse(&text).is_ok());
}

#[test]
fn each_typed_attribute_writes_back_as_read() {
    let cases = [
        "rtpmap:96 opus/48000/2",
        "fmtp:96 minptime=10;useinbandfec=1",
        "ptime:20",
        "maxptime:40",
        "sendrecv",
        "sendonly",
        "recvonly",
        "inactive",
        "rtcp:53020 IN IP4 126.16.64.4",
        "rtcp-mux",
        "rtcp-fb:* trr-int 100",
        "crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32 KDR=1",
        "fingerprint:sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB",
        "setup:passive",
        "mid:audio",
        "group:BUNDLE a v",
        "msid:stream track",
        "ssrc:1 cname:x",
        "ssrc-group:SIM 1 2 3",
        "extmap:2/recvonly urn:x attr",
        "candidate:1 2 UDP 2113667326 2001:db8::1 5001 typ host",
        "ice-ufrag:8hhY",
        "ice-pwd:asd88fgpdd777uzjYhagZg",
        "ice-options:trickle ice2",
        "end-of-candidates",
        "silenceSupp:on 200 - - -",
        "label:main",
        "framerate:29.97",
        "rid:1 send pt=97;max-width=1280;max-height=720;max-fps=30",
        "rid:lo_2 recv",
        "simulcast:send 1,~4;2;3 recv c",
        "simulcast:recv h;l",
        "x-custom:anything at all",
        "x-flag",
    ];
    for c in cases {
        let a = Attribute::parse(c).unwrap_or_else(|e| panic!("{c}: {e}"));
        let t = a.typed().unwrap_or_else(|e| panic!("{c}: {e}"));
        assert_eq!(
            !matches!(t, TypedAttribute::Other { .. }),
            !c.starts_with("x-"),
            "{c} typed"
        );
        // The typed value's writer rebuilds the line from its fields.
        assert_eq!(t.to_string(), c);
        assert_eq!(Attribute::from(t.clone()).to_string(), c);
        assert_eq!(Attribute::from(t).typed().unwrap().to_string(), c);
    }
    let crypto = Attribute::parse(cases[11]).unwrap();
    let Ok(TypedAttribute::Crypto(cr)) = crypto.typed() else {
        panic!()
    };
    let key = cr.inline_keys().next().unwrap();
    assert_eq!((key.lifetime, key.mki), (Some("2^20"), Some("1:32")));
    assert_eq!(cr.session_params.as_deref(), Some("KDR=1"));
    assert_eq!(
        Attribute::parse("framerate:29.97").unwrap().framerate(),
        Some(29.97)
    );
}

/// The typed view of `a=<text>`, owning its text.
fn typed_of(text: &str) -> TypedAttribute<'static> {
    Attribute::parse(text)
        .unwrap()
        .typed()
        .unwrap()
        .into_owned()
}

/// RFC 8853 5.1's example: `a=simulcast:send 1,~4;2;3 recv c` sends three streams, the
/// first with two alternatives of which `4` starts paused, and receives one; RFC 8851's
/// `a=rid` names each with its direction and restrictions.
#[test]
fn simulcast_streams_and_rids_read_by_their_rfcs() {
    let TypedAttribute::Simulcast(sim) = typed_of("simulcast:send 1,~4;2;3 recv c") else {
        panic!()
    };
    let ids = |streams: Vec<Vec<SimulcastId<'_>>>| -> Vec<Vec<(String, bool)>> {
        streams
            .into_iter()
            .map(|s| {
                s.into_iter()
                    .map(|i| (i.rid.to_owned(), i.paused))
                    .collect()
            })
            .collect()
    };
    let own = |v: &[&[(&str, bool)]]| -> Vec<Vec<(String, bool)>> {
        v.iter()
            .map(|s| s.iter().map(|(r, p)| ((*r).to_owned(), *p)).collect())
            .collect()
    };
    assert_eq!(
        ids(sim.send_streams()),
        own(&[
            &[("1", false), ("4", true)],
            &[("2", false)],
            &[("3", false)]
        ])
    );
    assert_eq!(ids(sim.recv_streams()), own(&[&[("c", false)]]));
    // The lists in either order; one direction alone.
    let TypedAttribute::Simulcast(only) = typed_of("simulcast:recv c send 1") else {
        panic!()
    };
    assert_eq!(
        (only.send.as_deref(), only.recv.as_deref()),
        (Some("1"), Some("c"))
    );
    let TypedAttribute::Rid(rid) = typed_of("rid:1 send pt=97;max-width=1280") else {
        panic!()
    };
    assert_eq!(
        (&*rid.id, rid.direction, rid.restrictions.as_deref()),
        ("1", RidDirection::Send, Some("pt=97;max-width=1280"))
    );
    assert_eq!(rid.direction.reversed(), RidDirection::Recv);
}

#[test]
fn malformed_known_attributes_are_rejected() {
    for c in [
        "rtpmap:96",
        "rtpmap:96 speex",
        "rtpmap:96 opus/x",
        "fmtp:96",
        "ptime:-1",
        "ptime:020",
        "setup:sideways",
        "ssrc:x cname:y",
        "candidate:1 1 udp 1 1.2.3.4 5 host",
        "candidate:1 1 udp 1 1.2.3.4 5 typ host raddr",
        "extmap:1/sideways urn:x",
        "rtcp-mux:yes",
        "mid",
        "group:BUNDLE  a",
        "silenceSupp:maybe - - - -",
        // RFC 8851: an id of letters, digits, - and _; send or recv; restrictions after
        // one space.
        "rid:a.b send",
        "rid:1 sendrecv",
        "rid:1",
        "rid:1 send ",
        // RFC 8853: each direction once, each with a list of ids; the draft syntax with
        // `rid=` and `paused=` (old Firefox) is not the RFC's.
        "simulcast:send",
        "simulcast:send 1 send 2",
        "simulcast:send 1;;2",
        "simulcast:send 1,~",
        "simulcast:both 1",
        "simulcast:send rid=1,4;2;3 paused=4 recv rid=c",
    ] {
        assert!(
            Attribute::parse(c).is_ok_and(|a| a.typed().is_err()),
            "{c} must be rejected"
        );
        let sdp = format!("v=0\r\no=- 1 1 IN IP4 x\r\ns=-\r\nt=0 0\r\na={c}\r\n");
        assert!(sdp::parse(&sdp).is_err(), "{c} must fail a strict parse");
    }
}

#[test]
fn direction_negotiation_helpers() {
    assert_eq!(Direction::SendOnly.reversed(), Direction::RecvOnly);
    assert_eq!(Direction::Inactive.reversed(), Direction::Inactive);
    assert_eq!(Direction::from_flags(true, true), Direction::SendRecv);
}

/// The attributes read by their grammar (all must read).
fn typed<'s>(attrs: &'s [Attribute<'_>]) -> Vec<TypedAttribute<'s>> {
    attrs
        .iter()
        .map(|a| a.typed().unwrap_or_else(|e| panic!("{a}: {e}")))
        .collect()
}

/// The strict error of `text` as (line, byte offset, kind).
fn strict_error(text: &str) -> (usize, usize, ParseErrorKind) {
    let e = sdp::parse(text).unwrap_err();
    (
        e.line().unwrap(),
        e.offset().unwrap(),
        e.parse_kind().unwrap().clone(),
    )
}

/// `v=0\r\n` (bytes 0-4), `o=- 1 1 IN IP4 192.0.2.1\r\n` (5-30), `s=-\r\n` (31-35),
/// `t=0 0\r\n` (36-42), `m=audio 4000 RTP/AVP 0\r\n` (43-66).
const LINES: [&str; 5] = [
    "v=0",
    "o=- 1 1 IN IP4 192.0.2.1",
    "s=-",
    "t=0 0",
    "m=audio 4000 RTP/AVP 0",
];

#[test]
fn a_line_that_fails_only_for_its_trailing_whitespace_says_so() {
    let starts = [0, 5, 31, 36, 43];
    for (i, ws) in [(0, " "), (1, " "), (3, "\t"), (4, " "), (4, " \t ")] {
        let text: String = LINES
            .iter()
            .enumerate()
            .map(|(j, l)| format!("{l}{}\r\n", if j == i { ws } else { "" }))
            .collect();
        assert_eq!(
            strict_error(&text),
            (i + 1, starts[i], ParseErrorKind::TrailingWhitespace),
            "line {} with {ws:?}",
            i + 1
        );
    }
    // Known attributes too, at line 6 (byte 67).
    let head: String = LINES.iter().map(|l| format!("{l}\r\n")).collect();
    assert_eq!(head.len(), 67);
    for a in [
        "a=sendonly ",
        "a=sendrecv\t",
        "a=rtpmap:0 PCMU/8000 ",
        "a=ptime:20 ",
        "a=rtcp-mux\t",
    ] {
        assert_eq!(
            strict_error(&format!("{head}{a}\r\n")),
            (6, 67, ParseErrorKind::TrailingWhitespace),
            "{a:?}"
        );
    }
    assert_eq!(
        sdp::parse(&format!("{head}a=sendonly \r\n"))
            .unwrap_err()
            .to_string(),
        "SDP line 6 (byte 67): whitespace at the end of the line"
    );
}

#[test]
fn trailing_whitespace_is_no_reason_when_the_line_is_wrong_without_it_or_may_end_so() {
    let head: String = LINES.iter().map(|l| format!("{l}\r\n")).collect();
    // Still wrong without the whitespace: the line's own reason.
    assert_eq!(strict_error("v=1 \r\n"), (1, 0, ParseErrorKind::Version));
    assert_eq!(
        strict_error(&format!("{head}a=ptime:x \r\n")),
        (
            6,
            67,
            ParseErrorKind::Attribute {
                name: "ptime",
                reason: "not a positive number of milliseconds"
            }
        )
    );
    assert_eq!(
        strict_error(&format!("{head}a=send only \r\n")),
        (6, 67, ParseErrorKind::AttributeNameNotToken)
    );
    // Out of order is out of order, whitespace or not.
    assert_eq!(
        strict_error(&format!("{head}a=sendrecv\r\nc=IN IP4 192.0.2.1 \r\n")),
        (7, 79, ParseErrorKind::OutOfOrder('c'))
    );
    // Free text and values that may end in whitespace are read as written.
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=a talk \r\ni=info\t\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=tool:x \r\na=fmtp:0 a=1 \r\n";
    let parsed = sdp::parse(text).unwrap();
    assert_eq!(parsed.session_name, "a talk ");
    assert_eq!(parsed.information.as_deref(), Some("info\t"));
    assert_eq!(parsed.media[0].attributes[0], Attribute::new("tool", "x "));
    assert_eq!(parsed.to_string(), text);
}

#[test]
fn attribute_names_are_rfc_8866_tokens() {
    let head: String = LINES.iter().map(|l| format!("{l}\r\n")).collect();
    // RFC 8866's token allows `# $ & ^ { | }`, which RFC 3261's does not.
    let text = format!("{head}a=x#$&^{{|}}y:1\r\na=x-._!%*+`'~9\r\n");
    let parsed = sdp::parse(&text).unwrap();
    assert_eq!(parsed.media[0].attributes[0].name, "x#$&^{|}y");
    assert_eq!(parsed.media[0].attributes[1].name, "x-._!%*+`'~9");
    for name in [
        "send only",
        " sendonly",
        "a\"b",
        "a(b",
        "a,b",
        "a/b",
        "a[b",
        "a@b",
        "é",
    ] {
        assert_eq!(
            strict_error(&format!("{head}a={name}\r\n")),
            (6, 67, ParseErrorKind::AttributeNameNotToken),
            "{name:?}"
        );
    }
    // A name with `=` ... `@` or `<` is no token either (`:` ends the name).
    assert_eq!(
        strict_error(&format!("{head}a=a=b:1\r\n")).2,
        ParseErrorKind::AttributeNameNotToken
    );
}

/// RFC 8866 6.4, 6.5 and 9: `ptime` and `maxptime` are `non-zero-int-or-real`: AES67
/// and SMPTE ST 2110-30 senders' `a=ptime:0.125` (125 µs packets) and `0.333` are valid
/// and read to the nanosecond; `0`, `020`, `1.0`, `.5`, `20.` and `20ms` are not.
#[test]
fn packet_times_follow_rfc_8866_non_zero_int_or_real() {
    use std::time::Duration;
    let head = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 5004 RTP/AVP 96\r\na=rtpmap:96 L24/48000/2\r\n";
    for (value, nanos, whole) in [
        ("0.125", 125_000, None),
        ("0.333", 333_000, None),
        ("1", 1_000_000, Some(1)),
        ("20", 20_000_000, Some(20)),
        ("4.5", 4_500_000, None),
        ("0.000001", 1, None),
        ("4294967295", 4_294_967_295_000_000, Some(u32::MAX)),
    ] {
        let text = format!("{head}a=ptime:{value}\r\na=maxptime:{value}\r\n");
        let s = sdp::parse(&text).unwrap_or_else(|e| panic!("{value}: {e}"));
        let m = &s.media[0];
        let p = m.packet_time().unwrap();
        assert_eq!(p.as_duration(), Duration::from_nanos(nanos), "{value}");
        assert_eq!(m.ptime(), whole, "{value}");
        assert_eq!(p.to_string(), value, "written back as read");
        assert_eq!(
            m.attributes[2].typed(),
            Ok(TypedAttribute::Maxptime(p)),
            "{value}"
        );
    }
    for value in [
        "0",
        "00",
        "020",
        "1.0",
        "0.0",
        ".5",
        "20.",
        "20ms",
        "-1",
        "0.1234567",
        "4294967296",
    ] {
        let text = format!("{head}a=ptime:{value}\r\n");
        let e = sdp::parse(&text).unwrap_err();
        assert_eq!(e.line(), Some(7), "{value}: {e}");
    }
    assert_eq!(
        sdp::PacketTime::from_duration(Duration::from_micros(125)).map(|p| p.to_string()),
        Some("0.125".to_owned())
    );
    assert_eq!(sdp::PacketTime::from_duration(Duration::ZERO), None);
}

/// pjsip's regression test of an offer with the static payload type 0 written `00`: the
/// format is kept as written, and names PCMU as `0` does (RFC 3551 table 4); a
/// number of four digits, or above 127, names no payload type.
#[test]
fn a_payload_type_with_leading_zeros_names_its_codec() {
    let text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 5000 RTP/AVP 00 008 0101 128 018\r\na=rtpmap:18 G729/8000\r\n";
    let s = sdp::parse(text).unwrap();
    assert_eq!(s.media[0].formats, ["00", "008", "0101", "128", "018"]);
    let codecs: Vec<_> = s.media[0]
        .codecs()
        .map(|c| (c.payload_type, c.name.into_owned(), c.clock_rate))
        .collect();
    assert_eq!(
        codecs,
        [
            (0, "PCMU".to_owned(), 8000),
            (8, "PCMA".to_owned(), 8000),
            (18, "G729".to_owned(), 8000)
        ]
    );
    assert_eq!(s.to_string(), text);
}
