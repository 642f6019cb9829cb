//! SDP values that parse as text but mean nothing are refused with the line they are on:
//! an IPv4 address with an octet over 255, a clock that never ticks, a media line with
//! no formats.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use sip_core::sdp::{self, ParseErrorKind};

const HEAD: &str = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n";

/// The line number and kind of the error for `HEAD` + `rest`.
fn refused(rest: &str) -> (usize, ParseErrorKind) {
    let text = format!("{HEAD}{rest}");
    match sdp::parse(&text) {
        Err(sdp::Error::Parse { line, kind, .. }) => (line, kind),
        other => panic!("{rest:?}: {other:?}"),
    }
}

fn malformed(line: char, reason: &'static str) -> ParseErrorKind {
    ParseErrorKind::Malformed { line, reason }
}

#[test]
fn connection_addresses_must_be_addresses_of_their_type_or_host_names() {
    let m = "m=audio 49170 RTP/AVP 0\r\n";
    for (c, reason) in [
        ("c=IN IP4 999.1.1.1", "not an IPv4 address"),
        ("c=IN IP4 1.2.3", "not an IPv4 address"),
        ("c=IN IP4 1.2.3.4.5", "not an IPv4 address"),
        (
            "c=IN IP4 host name!",
            "expected <nettype> <addrtype> <address>",
        ),
        ("c=IN IP4 exa$mple.com", "not an IPv4 address or host name"),
        ("c=IN IP6 2001:db8::g", "not an IPv6 address"),
        ("c=IN IP6 ::1::2", "not an IPv6 address"),
    ] {
        // The media-level c= line is line 6.
        assert_eq!(
            refused(&format!("{m}{c}\r\n")),
            (6, malformed('c', reason)),
            "{c}"
        );
    }
    for c in [
        "c=IN IP4 198.51.100.7",
        "c=IN IP4 224.2.1.1/127/3",
        "c=IN IP4 media.example.com",
        "c=IN IP6 2001:db8::1",
        "c=IN IP6 media.example.com",
        "c=IN IP4 0.0.0.0",
    ] {
        sdp::parse(&format!("{HEAD}{m}{c}\r\n")).unwrap();
    }
}

#[test]
fn an_rtpmap_without_a_clock_rate_or_with_a_zero_rate_or_channel_count_is_refused() {
    let attr = |reason| ParseErrorKind::Attribute {
        name: "rtpmap",
        reason,
    };
    assert_eq!(
        refused("m=audio 49170 RTP/AVP 96\r\na=rtpmap:96 opus/0/2\r\n"),
        (6, attr("clock rate is 0"))
    );
    assert_eq!(
        refused("m=audio 49170 RTP/AVP 96\r\na=rtpmap:96 opus/48000/0\r\n"),
        (6, attr("channels is not a positive integer"))
    );
    // AirPlay's `a=rtpmap:96 AppleLossless` names no clock rate at all.
    assert_eq!(
        refused("m=audio 49170 RTP/AVP 96\r\na=rtpmap:96 AppleLossless\r\n"),
        (6, attr("no clock rate after the encoding"))
    );
    assert_eq!(
        refused("m=audio 49170 RTP/AVP 96\r\na=rtpmap:96 opus/\r\n"),
        (6, attr("clock rate is not an integer"))
    );
}

#[test]
fn a_media_line_without_formats_is_refused_even_when_the_stream_is_rejected() {
    // RFC 8866 5.14: `1*(SP fmt)`; a rejected stream keeps its formats (RFC 3264 6).
    assert_eq!(
        refused("m=audio 49170 RTP/AVP\r\n"),
        (5, malformed('m', "no media formats"))
    );
    assert_eq!(
        refused("m=video 0 RTP/AVP\r\n"),
        (5, malformed('m', "no media formats"))
    );
    let text = format!("{HEAD}m=video 0 RTP/AVP 31\r\n");
    let rejected = sdp::parse(&text).unwrap();
    assert!(rejected.media[0].is_rejected());
}
