//! The real-world SDP corpus: session descriptions from the test data of other SDP
//! stacks (browser offers and answers, broadcast and AES67 streams, RTSP and AirPlay
//! descriptions, SIP phones), driven by `tests/data/real-world-sdp/MANIFEST.tsv` (origin,
//! commit and licence of every file).
//!
//! Every description is read tolerantly ([`Quirks::ALL`]); what the tolerant reading
//! reports is exactly what the strict reading refuses; written back, it reads to the same
//! session; and it is compared field by field with three peers: `sdp-types` (GStreamer's
//! parser, which keeps every line verbatim), `webrtc-sdp` (Firefox's, for the media
//! lines) and Wireshark's SDP dissector (`tshark` on a capture of each description as the
//! body of an INVITE: origin, connections, bandwidths, times, media lines and the typed
//! `rtpmap`, `crypto` and `candidate` attributes). Where a peer differs, [`EXPECTED_DIFFERENCES`] lists exactly the fields and
//! why; where sip-core does not read a file, [`KNOWN_FAILURES`] says why. Both lists are
//! exact, so they cannot go stale.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use sip_core::sdp::{Diagnostic, Parser, Quirks, Sdp};

/// The smallest corpus this suite accepts.
const MIN_CORPUS: usize = 150;

/// Which comparison a listed difference is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Peer {
    /// The tolerant reading fails.
    Read,
    /// `sdp-types`.
    SdpTypes,
    /// `webrtc-sdp`.
    WebrtcSdp,
    /// Wireshark's SDP dissector (`tshark`).
    Wireshark,
}

/// A file sip-core does not read, or where a peer reads it otherwise.
struct Listed {
    file: &'static str,
    peer: Peer,
    /// The fields that differ (for [`Peer::Read`]: the error's line).
    fields: &'static [&'static str],
    cause: &'static str,
}

const fn listed(
    file: &'static str,
    peer: Peer,
    fields: &'static [&'static str],
    cause: &'static str,
) -> Listed {
    Listed {
        file,
        peer,
        fields,
        cause,
    }
}

/// What sip-core does not read: the tolerant reading fails where it should not.
const KNOWN_FAILURES: &[Listed] = &[];

/// Descriptions that break RFC 8866 in a way no quirk of deployed equipment covers:
/// refused by the tolerant reading too, at the line given.
const REFUSED: &[Listed] = &[
    listed(
        "pion/unmarshal_test-L89-TimeZonesSDP.sdp",
        Peer::Read,
        &["line 5"],
        "`r=2882844526 -1h 2898848070 0`: a time-zone adjustment written as a repeat time, whose active duration `-1h` is no typed time; sdp-types refuses it too",
    ),
    listed(
        "pion/unmarshal_test-L92-TimeZonesSDPExpected.sdp",
        Peer::Read,
        &["line 5"],
        "`r=2882844526 -3600 2898848070 0`, as above",
    ),
    listed(
        "sofia-sip/torture_sdp-L560.sdp",
        Peer::Read,
        &["line 4"],
        "sofia-sip's torture variant of a PINT description: a space after `c=` and `m=` (`c= TN RFC2543 123`), which no deployed equipment is known to write; sdp-types refuses it too",
    ),
    listed(
        "pjsip/fuzz-sdp_seed_corpus-input.6.sdp",
        Peer::Read,
        &["line 6"],
        "a seed of pjproject's SDP fuzzer with bytes of a mutation in it: U+00FF in place of the CRLF after `s=-` (so `c=` runs into the session name), and `m=au\u{ff}\u{ff}\u{ff}34718 RTP/AVP 0 8 101`, where `RTP/AVP` stands as the port and `/AVP` is no port count; sdp-types and webrtc-sdp refuse it too",
    ),
    listed(
        "doubango/tinySDP-test_parser-L32.sdp",
        Peer::Read,
        &["line 15"],
        "doubango's torture description (the RFC 4566 example with `z=` and `k=` before `t=`) with `w=my dummy header`: a line type RFC 8866 does not define, written to test tinySDP's catch-all header; RFC 8866 5 lets a parser reject such a description, and no deployed equipment is known to write `w=`; webrtc-sdp refuses it too",
    ),
    listed(
        "doubango/tinyMEDIA-test_sessions-L26.sdp",
        Peer::Read,
        &["line 15"],
        "the same torture description with QoS preconditions, as doubango/tinySDP-test_parser-L32",
    ),
    listed(
        "doubango/tinyDAV-test_sessions-L28.sdp",
        Peer::Read,
        &["line 15"],
        "the same torture description with an MSRP file transfer, as doubango/tinySDP-test_parser-L32",
    ),
];

/// Where a peer differs and sip-core is right: the fields that differ, or `accepted`
/// when the peer reads a description that sip-core refuses.
const EXPECTED_DIFFERENCES: &[Listed] = &[
    listed(
        "gortsplib/sdpunmarshaler_test-L1485.sdp",
        Peer::SdpTypes,
        &["refused"],
        "a FLIR camera's `t=now-` (gortsplib issue 85), an RTSP range written as the time line: sip-core reads it as an unbounded session, `t=0 0` (malformed-time quirk); sdp-types refuses the description",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L1485.sdp",
        Peer::Wireshark,
        &["time-start", "time-stop"],
        "the FLIR camera's `t=now-`: Wireshark shows `now-` as both the start and the stop time; sip-core reads the line as `t=0 0`",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L3094.sdp",
        Peer::SdpTypes,
        &["times"],
        "an AJA encoder's `r=0 0` (gortsplib issue 879): sip-core skips a repeat line of interval 0 without offsets, which repeats nothing (empty-repeat quirk); sdp-types keeps it",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L3094.sdp",
        Peer::Wireshark,
        &["repeat"],
        "as for sdp-types: Wireshark shows the `r=0 0` that sip-core skips",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L2995.sdp",
        Peer::SdpTypes,
        &["origin"],
        "a Wisenet NVR's description without an `o=` line (mediamtx issue 3583): sip-core reads an empty origin (missing-origin quirk); sdp-types fills it in with `-` and zeros",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L473.sdp",
        Peer::SdpTypes,
        &["origin"],
        "gortsplib's own case `no origin`: as gortsplib/sdpunmarshaler_test-L2995",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L3145.sdp",
        Peer::SdpTypes,
        &["refused"],
        "a Uniview IPC2122LB-SF28K-A camera's `o=- 1001 1 IN ` and `c=IN ` (mediamtx issue 5008): sip-core keeps the origin whole as the user name (malformed-origin quirk) and the connection lines as connections without an address (short-connection quirk); sdp-types refuses the origin",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L3145.sdp",
        Peer::Wireshark,
        &[
            "origin-username",
            "origin-session-id",
            "origin-version",
            "origin-network-type",
        ],
        "the Uniview camera's `o=- 1001 1 IN`: sip-core keeps its four fields whole as the user name; Wireshark reads them from the left as the user name, session id, version and network type",
    ),
    listed(
        "media-server/sdp-test-L47.sdp",
        Peer::SdpTypes,
        &["refused"],
        "a VCP IPC camera's `o=- 1001 1 IN` and `c=IN`: as gortsplib/sdpunmarshaler_test-L3145",
    ),
    listed(
        "media-server/sdp-test-L47.sdp",
        Peer::Wireshark,
        &[
            "origin-username",
            "origin-session-id",
            "origin-version",
            "origin-address",
            "connection-address",
            "origin-network-type",
            "origin-address-type",
            "connection-address-type",
        ],
        "as gortsplib/sdpunmarshaler_test-L3145; without the line's trailing space, Wireshark's dissector also reads past the end of the short `o=` and `c=` values (origin address `1001 1 IN`, connection address `IN`), where sip-core has none",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L3241.sdp",
        Peer::SdpTypes,
        &["refused"],
        "cameras' `c=IN 198.51.100.1` (gortsplib issue 1025): sip-core keeps the address without an address type (short-connection quirk); sdp-types refuses the description",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L3241.sdp",
        Peer::Wireshark,
        &["connection-address", "connection-address-type"],
        "`c=IN 198.51.100.1`: Wireshark reads the address as the address type and `IN 198.51.100.1` as the address; sip-core reads the address and no address type",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L3292.sdp",
        Peer::SdpTypes,
        &["refused"],
        "`c=IN 2001:db8::2`: as gortsplib/sdpunmarshaler_test-L3241",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L3292.sdp",
        Peer::Wireshark,
        &["connection-address", "connection-address-type"],
        "as gortsplib/sdpunmarshaler_test-L3241",
    ),
    listed(
        "pion/unmarshal_test-L387-in.sdp",
        Peer::SdpTypes,
        &["refused"],
        "`c=IN IP4` without an address (pion's own test of reading it): sip-core keeps a connection without an address (short-connection quirk); sdp-types refuses the description",
    ),
    listed(
        "pion/unmarshal_test-L387-in.sdp",
        Peer::Wireshark,
        &["connection-address"],
        "`c=IN IP4`: Wireshark shows `IN IP4` as the address; sip-core has none",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L1023.sdp",
        Peer::SdpTypes,
        &["origin"],
        "an RTSP server's origin without its address, `o=RTSP 16381778200090761968 16381778200090839277 IN IP4 ` (mediamtx issue 121): sip-core trims the space at the end (trailing-whitespace quirk) and keeps the five fields whole as the user name (malformed-origin quirk, the other fields empty); sdp-types reads the fields and keeps the space",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L1023.sdp",
        Peer::Wireshark,
        &[
            "origin-username",
            "origin-session-id",
            "origin-version",
            "session-name",
            "connection-address",
            "bandwidth-type",
            "bandwidth",
            "time-start",
            "time-stop",
            "media",
            "media-port",
            "media-protocol",
            "rtpmap-encoding",
            "rtpmap-clock-rate",
            "media-attribute",
            "origin-network-type",
            "origin-address-type",
            "connection-address-type",
            "session-attribute",
            "session-attribute-value",
            "email",
        ],
        "the origin without its address (as for sdp-types): sip-core keeps it whole as the user name; Wireshark's SDP dissector reads the user name, id and version and then stops, showing none of the description's other fields",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L1334.sdp",
        Peer::Wireshark,
        &[
            "origin-username",
            "origin-session-id",
            "origin-version",
            "origin-address",
            "origin-network-type",
            "origin-address-type",
        ],
        "Amcrest cameras' `o=RTSP Session 1 2 IN IP4 0.0.0.0` (mediamtx issue 127), seven fields: sip-core takes the last five as the session id to the address and `RTSP Session` as the user name (malformed-origin quirk), Wireshark reads the fields from the left, shifted (session id `Session`)",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L1880.sdp",
        Peer::Wireshark,
        &[
            "origin-username",
            "origin-session-id",
            "origin-version",
            "origin-address",
            "origin-network-type",
            "origin-address-type",
        ],
        "TP-Link cameras' `o=- 14665860 31787219 1 IN IP4 192.168.4.226` (mediamtx issue 990), seven fields: sip-core reads the last five from the session id (`31787219`) to the address and `- 14665860` as the user name; Wireshark reads from the left, shifted (network type `1`)",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L2166.sdp",
        Peer::Wireshark,
        &[
            "origin-username",
            "origin-session-id",
            "origin-version",
            "origin-address",
            "origin-network-type",
            "origin-address-type",
        ],
        "Mercury cameras' origin, the TP-Link firmware's: as gortsplib/sdpunmarshaler_test-L1880",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L2068.sdp",
        Peer::SdpTypes,
        &["refused"],
        "an RbsLive server's `o=JefferyZhang Inno Fuzhou 0 0 IN IP4 127.0.0.1` (gortsplib issue 201), eight fields: sip-core reads the user name `JefferyZhang Inno Fuzhou` and the last five (malformed-origin quirk); sdp-types refuses the description",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L2068.sdp",
        Peer::Wireshark,
        &[
            "origin-username",
            "origin-session-id",
            "origin-version",
            "origin-address",
            "origin-network-type",
            "origin-address-type",
        ],
        "as for sdp-types: Wireshark reads the fields from the left, shifted (session id `Inno`)",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L2611.sdp",
        Peer::SdpTypes,
        &["refused"],
        "an Altasec NVR's `o=Channel1 3910280086 3910366486 IN IP4` (mediamtx issue 2762), no address: sip-core keeps the five fields whole as the user name (malformed-origin quirk); sdp-types refuses the description",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L2611.sdp",
        Peer::Wireshark,
        &[
            "origin-username",
            "origin-session-id",
            "origin-version",
            "origin-address",
            "origin-network-type",
            "origin-address-type",
        ],
        "as for sdp-types: Wireshark reads the five fields from the left and no address",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L549.sdp",
        Peer::SdpTypes,
        &["refused"],
        "the ONVIF Streaming Specification's back-channel example `o= 2890842807 IN IP4 192.168.0.1`, an empty user name and no version: sip-core keeps the value whole as the user name (malformed-origin quirk); sdp-types refuses the description",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L549.sdp",
        Peer::Wireshark,
        &[
            "origin-username",
            "session-name",
            "media",
            "media-port",
            "media-protocol",
            "rtpmap-encoding",
            "rtpmap-clock-rate",
            "media-attribute",
        ],
        "as for sdp-types: Wireshark's SDP dissector shows none of the description's fields after the origin's empty user name",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L641.sdp",
        Peer::SdpTypes,
        &["refused"],
        "the LiveReporter app's `o=-0 0 IN IP4 127.0.0.1` (mediamtx issue 75), no space after the user name `-`: sip-core keeps the five fields whole as the user name (malformed-origin quirk); sdp-types refuses the description",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L641.sdp",
        Peer::Wireshark,
        &[
            "origin-username",
            "origin-session-id",
            "origin-version",
            "origin-address",
            "origin-network-type",
            "origin-address-type",
        ],
        "as for sdp-types: Wireshark reads the five fields from the left (user name `-0`)",
    ),
    listed(
        "media-server/sdp2.sdp",
        Peer::SdpTypes,
        &["refused"],
        "a camera's `o=-2208989440 2208989440 IN IP4 192.168.1.119`, no space after the user name `-`: as gortsplib/sdpunmarshaler_test-L641",
    ),
    listed(
        "media-server/sdp2.sdp",
        Peer::Wireshark,
        &[
            "origin-username",
            "origin-session-id",
            "origin-version",
            "origin-address",
            "origin-network-type",
            "origin-address-type",
        ],
        "as gortsplib/sdpunmarshaler_test-L641",
    ),
    listed(
        "baresip-re/sdp-L106.sdp",
        Peer::SdpTypes,
        &[
            "media-count",
            "m0-connections",
            "m1",
            "m1-title",
            "m1-connections",
            "m1-bandwidths",
            "m1-attributes",
            "m2",
            "m2-title",
            "m2-connections",
            "m2-bandwidths",
            "m2-attributes",
        ],
        "two descriptions in one string (re's test array lacks the comma after the Ekiga 3.0 literal, so an LG IP phone's description follows from line 24): RFC 8866 5 has the second `v=` line start another description, so sip-core reads Ekiga's (reporting the rest, concatenated-descriptions quirk; each reads on its own, and Wireshark, which lists both descriptions' fields, agrees with the two readings put together); sdp-types merges them into one session, giving Ekiga's audio section the LG phone's connection and its two sections",
    ),
    listed(
        "resiprocate/testSdp-L516.sdp",
        Peer::SdpTypes,
        &["refused"],
        "a Cisco IOS gateway's (`o=CiscoSystemsSIP-GW-UserAgent`) video section written `m=video 36924 RTP/AVP`, with no format: RFC 8866 5.14 asks for one or more (`1*(SP fmt)`), so the strict reading refuses it as sdp-types does; the tolerant one keeps the section with no formats (missing-formats quirk), as resiprocate's test reads it",
    ),
    listed(
        "sdp-transform/invalid.sdp",
        Peer::SdpTypes,
        &["accepted"],
        "an `f=` line: sdp-types skips line types it does not know; RFC 8866 5 has a parser ignore or reject the whole description, and sip-core rejects it (upstream's test of an invalid description)",
    ),
    listed(
        "pion/unmarshal_test-L159-MediaBfcpSDP.sdp",
        Peer::WebrtcSdp,
        &["m0"],
        "webrtc-sdp leaves out media sections of a type or protocol WebRTC does not use (here `m=application 3238 TCP/BFCP *`)",
    ),
    listed(
        "pion/unmarshal_test-L166-MediaCubeSDP.sdp",
        Peer::WebrtcSdp,
        &["m0"],
        "webrtc-sdp leaves out `m=application 2455 UDP *`",
    ),
    listed(
        "pion/unmarshal_test-L171-MediaTCPMRCPv2.sdp",
        Peer::WebrtcSdp,
        &["m0"],
        "webrtc-sdp leaves out `m=application 1544 TCP/MRCPv2 1`",
    ),
    listed(
        "pion/unmarshal_test-L174-MediaTCPTLSMRCPv2.sdp",
        Peer::WebrtcSdp,
        &["m0"],
        "webrtc-sdp leaves out `m=application 1544 TCP/TLS/MRCPv2 1`",
    ),
    listed(
        "pion/unmarshal_test-L177-MediaFECSDP.sdp",
        Peer::WebrtcSdp,
        &["m0"],
        "webrtc-sdp leaves out `m=application 50178 UDP/FEC *`",
    ),
    listed(
        "sdp-transform/bfcp.sdp",
        Peer::WebrtcSdp,
        &["m2", "m3"],
        "webrtc-sdp leaves out the third section, `m=application 3238 UDP/BFCP *`, so its third is sip-core's fourth",
    ),
    listed(
        "sofia-sip/torture_sdp-L833.sdp",
        Peer::SdpTypes,
        &["refused"],
        "sofia-sip's line-order torture (`s=` before `o=`, `t=` after `z=`, two `z=`): sdp-types refuses the second `z=`; sip-core reads it with the lines-out-of-order quirk, keeping the first",
    ),
    listed(
        "belle-sip/belle_sdp_tester-L880.sdp",
        Peer::WebrtcSdp,
        &["m0"],
        "webrtc-sdp leaves out the T.38 fax section `m=image 33802 udptl t38`",
    ),
    listed(
        "rtpengine/auto-daemon-tests-L21489.sdp",
        Peer::WebrtcSdp,
        &["m1"],
        "webrtc-sdp leaves out Asterisk's `m=message 28000 TCP/MSRP *`",
    ),
    listed(
        "rtpengine/auto-daemon-tests-L21572.sdp",
        Peer::WebrtcSdp,
        &["m1"],
        "as auto-daemon-tests-L21489",
    ),
    listed(
        "sofia-sip/torture_sdp-L519.sdp",
        Peer::WebrtcSdp,
        &["m2"],
        "webrtc-sdp leaves out `m=message 0 MSRP/TCP *`",
    ),
    listed(
        "pion/unmarshal_test-L39-SessionInformationSDPExtraCRLF.sdp",
        Peer::Wireshark,
        &["session-name", "time-start", "time-stop", "session-info"],
        "empty lines between the lines (pion's test of extra CRLFs), read with the blank-lines quirk: Wireshark ends the description at the first one",
    ),
    listed(
        "sofia-sip/torture_sdp-L833.sdp",
        Peer::Wireshark,
        &["time-zones"],
        "a `z=` line after each group of `t=` and `r=` lines (sofia-sip's torture test): sip-core keeps the first, the single time-zone line of RFC 8866, and reports the repeat under lines-out-of-order; Wireshark shows both",
    ),
    listed(
        "rtpengine/auto-daemon-tests-L7297.sdp",
        Peer::Wireshark,
        &["rtpmap-encoding", "rtpmap-clock-rate"],
        "`a=rtpmap:96 H224/0`: a clock rate of 0, against which no timestamp reads; sip-core's typed view refuses it (the line is kept), Wireshark shows H224 at 0",
    ),
    listed(
        "sdp-transform/alac.sdp",
        Peer::Wireshark,
        &["rtpmap-encoding"],
        "AirPlay's `a=rtpmap:96 AppleLossless`, with no clock rate: sip-core's typed view refuses it (the line is kept), Wireshark shows no codec",
    ),
    listed(
        "gstreamer/sdp-L95.sdp",
        Peer::SdpTypes,
        &["origin"],
        "`o=- 123456 2 IN IP4 127.0.0.1 ` with a space at the end (GStreamer's test descriptions): sip-core trims it under the trailing-whitespace quirk, as RFC 8866's grammar has no space there; sdp-types keeps it in the address",
    ),
    listed(
        "gstreamer/sdp-L128.sdp",
        Peer::SdpTypes,
        &["origin"],
        "as gstreamer/sdp-L95",
    ),
    listed(
        "gstreamer/sdp-L161.sdp",
        Peer::SdpTypes,
        &["origin"],
        "as gstreamer/sdp-L95",
    ),
    listed(
        "gstreamer/sdp-L95.sdp",
        Peer::Wireshark,
        &["origin-address"],
        "the same `o=` line: Wireshark keeps the trailing space in the address",
    ),
    listed(
        "gstreamer/sdp-L128.sdp",
        Peer::Wireshark,
        &["origin-address"],
        "as gstreamer/sdp-L95",
    ),
    listed(
        "gstreamer/sdp-L161.sdp",
        Peer::Wireshark,
        &["origin-address"],
        "as gstreamer/sdp-L95",
    ),
    listed(
        "gstreamer/webrtcbin-L5337.sdp",
        Peer::SdpTypes,
        &["attributes"],
        "`a=group:BUNDLE ` with a space at the end (GStreamer's test of an empty BUNDLE group, in a description as adapter.js's ORTC shim writes it, `o=thisisadapterortc`): sip-core trims the space (trailing-whitespace quirk); sdp-types keeps `BUNDLE `",
    ),
    listed(
        "gstreamer/webrtcbin-L5337.sdp",
        Peer::Wireshark,
        &["session-attribute-value"],
        "the same line: Wireshark keeps the space in the value",
    ),
    listed(
        "resiprocate/testSdp-L46.sdp",
        Peer::SdpTypes,
        &["m0"],
        "a VGW's `m=audio 45894 RTP/AVP 103 ` with a space at the end (resiprocate's test of it): sip-core trims it (trailing-whitespace quirk); sdp-types keeps `103 ` as the formats",
    ),
    listed(
        "pjsip/sdp_neg_test-L2044.sdp",
        Peer::SdpTypes,
        &["refused"],
        "`m=video 0 RTP/AVP` with `a=bundle-only`: a section at port 0 with no format (pjsip's test that its negotiator refuses such an offer); RFC 8866 5.14 asks for one or more, so the strict reading refuses it as sdp-types does, and the tolerant one reads it with no formats (missing-formats quirk)",
    ),
    listed(
        "baresip-re/sdp-L683.sdp",
        Peer::WebrtcSdp,
        &["m0", "m1", "m2"],
        "webrtc-sdp leaves out the first section, `m=application 50000 TCP/BFCP *` (re's RFC 4583 test), so its first is sip-core's second",
    ),
    listed(
        "gstreamer/sdp-L33.sdp",
        Peer::WebrtcSdp,
        &["m3"],
        "webrtc-sdp leaves out `m=audio 1010 TCP 14`",
    ),
    listed(
        "pjsip/sdp_neg_test-L1862.sdp",
        Peer::WebrtcSdp,
        &["m0"],
        "`m=audio 5000 RTP/AVP 00` (pjsip's regression test of the static payload type 0 written `00`): sip-core keeps the format as written; webrtc-sdp reads it as the number 0",
    ),
    listed(
        "pjsip/sdptest-L45.sdp",
        Peer::WebrtcSdp,
        &["m0"],
        "webrtc-sdp leaves out `m=message 7394 msrp/tcp *`",
    ),
    listed(
        "gstreamer/webrtcbin-L7231.sdp",
        Peer::Wireshark,
        &["rtpmap-encoding", "rtpmap-clock-rate"],
        "`a=rtpmap:100 VP8`, with no clock rate (GStreamer's test preamble): sip-core reads it at VP8's registered 90000 Hz (missing-clock-rate quirk; the line is kept as written), Wireshark shows no codec",
    ),
    listed(
        "resiprocate/testSdp-L216.sdp",
        Peer::Wireshark,
        &["rtpmap-encoding", "rtpmap-clock-rate"],
        "X-Lite's `a=rtpmap:98 iLBC`, with no clock rate: sip-core reads it at iLBC's registered 8000 Hz (missing-clock-rate quirk; the line is kept as written), Wireshark leaves it out",
    ),
    listed(
        "resiprocate/testSdpHelper-L621.sdp",
        Peer::Wireshark,
        &[
            "origin-username",
            "origin-session-id",
            "origin-version",
            "origin-address",
            "connection-address",
            "time-start",
            "time-stop",
            "media",
            "media-port",
            "media-protocol",
            "rtpmap-encoding",
            "rtpmap-clock-rate",
            "media-attribute",
            "origin-network-type",
            "origin-address-type",
            "connection-address-type",
            "session-attribute",
            "session-attribute-value",
        ],
        "RFC 5939's example 4.4, whose `a=key-mgmt:mikey AQAFgM0XflABAAAAAAAAAAAAAAsAyO...` is cut short: Wireshark's MIKEY dissector throws on it (Malformed Packet: MIKEY) and shows no field of the description; sip-core keeps the attribute as written",
    ),
    listed(
        "doubango/tinySDP-test_parser-L32.sdp",
        Peer::SdpTypes,
        &["accepted"],
        "`w=my dummy header`: sdp-types skips line types it does not know; RFC 8866 5 has a parser ignore or reject the whole description, and sip-core rejects it (doubango's test of an unknown line)",
    ),
    listed(
        "doubango/tinyMEDIA-test_sessions-L26.sdp",
        Peer::SdpTypes,
        &["accepted"],
        "as doubango/tinySDP-test_parser-L32",
    ),
    listed(
        "doubango/tinyDAV-test_sessions-L28.sdp",
        Peer::SdpTypes,
        &["accepted"],
        "as doubango/tinySDP-test_parser-L32",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L1354.sdp",
        Peer::SdpTypes,
        &["connection"],
        "a Hikvision media server's `c=IN c=IN IP4 0.0.0.0` (mediamtx issue 227, `s=HIK Media Server V3.1.3`: `c=IN ` written twice): sip-core reads the fields RFC 8866 5.7 names, address type `c=IN` and address `IP4`, and leaves out the field after them (malformed-connection quirk, reported); sdp-types takes the rest of the line, `IP4 0.0.0.0`, as the address. Neither finds 0.0.0.0",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L1354.sdp",
        Peer::Wireshark,
        &["connection-address"],
        "the same line: Wireshark, as sdp-types, shows `IP4 0.0.0.0` as the address",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L1635.sdp",
        Peer::SdpTypes,
        &["origin"],
        "an IOI trk-101 camera's `o=- 1 1 IN IP4 127.0.0.1 ` with a space at the end (gortsplib issue 116): sip-core trims it (trailing-whitespace quirk); sdp-types keeps it in the address, as for gstreamer/sdp-L95",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L1635.sdp",
        Peer::Wireshark,
        &["origin-address"],
        "the same `o=` line: Wireshark keeps the trailing space in the address",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L2384.sdp",
        Peer::SdpTypes,
        &["m0-attributes"],
        "`a=rtpmap:96 H265/90000 ` with a space at the end (mediamtx issue 2473, a description that also lacks `s=`): sip-core trims it (trailing-whitespace quirk); sdp-types keeps `96 H265/90000 ` as the value",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L2508.sdp",
        Peer::SdpTypes,
        &["refused"],
        "`o=- 1698210484.879535 1698210484.879535 IN IP4 46.242.10.231:12626` (mediamtx issue 2558): a session id and version with decimal fractions and an address with a port; sip-core keeps them as written (malformed-origin quirk), sdp-types refuses the version",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L2876.sdp",
        Peer::SdpTypes,
        &["refused"],
        "a Y-CAM Bullet HD's `o=- -1962418793961427 -1962418793961418 IN IP4 192.168.221.104` (mediamtx issue 2708): a negative session id and version; sip-core keeps them as written (malformed-origin quirk), sdp-types refuses the version",
    ),
    listed(
        "gortsplib/session_test-L443.sdp",
        Peer::Wireshark,
        &["rtpmap-encoding"],
        "`a=rtpmap:98 MetaData`, with no clock rate and an encoding no payload format registration gives one: sip-core's typed view refuses it (malformed-attribute quirk; the line is kept), Wireshark leaves it out",
    ),
    listed(
        "gortsplib/session_test-L642.sdp",
        Peer::Wireshark,
        &["session-attribute-value"],
        "a session-level `a=key-mgmt:mikey ...` (RFC 4567, as RTSP servers with SRTP send it): Wireshark shows its value in its key-management field and dissects the MIKEY message, not as a session attribute value; sip-core keeps the attribute as written",
    ),
    listed(
        "media-server/sdp-test-L40.sdp",
        Peer::Wireshark,
        &[
            "time-start",
            "time-stop",
            "session-attribute",
            "session-attribute-value",
        ],
        "a LIVE555 server's `i=Thu Jan  1 08:00:13 1970`, a date as `ctime()` writes it with its LF, then CRLF, so an empty line follows: sip-core skips it (blank-lines quirk) and reads `t=0 0` and the `a=tool:` line cut short; Wireshark ends the description at the empty line",
    ),
    listed(
        "media-server/sdp1.sdp",
        Peer::Wireshark,
        &["media", "media-port", "media-protocol", "media-attribute"],
        "Wireshark's H.264 dissector throws on the first parameter set of `sprop-parameter-sets=Z0LAHtkDxWhAAAADAEAAAAwDxYuSAAAAAQ==,...` (an SPS followed by a start code, `00 00 00 01`): Malformed Packet, so the video section's `a=control:track1` and the audio section are not shown; sip-core keeps the attribute as written",
    ),
    listed(
        "pion-webrtc/mediaengine_test-L786-offerSdp.sdp",
        Peer::Wireshark,
        &[
            "origin-username",
            "origin-session-id",
            "origin-version",
            "origin-address",
            "session-name",
            "connection-address",
            "time-start",
            "time-stop",
            "media",
            "media-port",
            "media-protocol",
            "rtpmap-encoding",
            "rtpmap-clock-rate",
            "media-attribute",
            "origin-network-type",
            "origin-address-type",
            "connection-address-type",
            "session-attribute",
            "session-attribute-value",
        ],
        "a Go raw string that starts with a line end (the backquote ends its line), fed as is: sip-core skips the empty first line (blank-lines quirk); Wireshark's SDP dissector stops at it and shows the body as data",
    ),
    listed(
        "pion-webrtc/mediaengine_test-L878-offerSdp.sdp",
        Peer::Wireshark,
        &[
            "origin-username",
            "origin-session-id",
            "origin-version",
            "origin-address",
            "session-name",
            "connection-address",
            "time-start",
            "time-stop",
            "media",
            "media-port",
            "media-protocol",
            "rtpmap-encoding",
            "rtpmap-clock-rate",
            "media-attribute",
            "origin-network-type",
            "origin-address-type",
            "connection-address-type",
            "session-attribute",
            "session-attribute-value",
        ],
        "as pion-webrtc/mediaengine_test-L786-offerSdp",
    ),
    listed(
        "diago/media_session_test-L229-sd.sdp",
        Peer::WebrtcSdp,
        &["m0"],
        "webrtc-sdp leaves out `m=audio 34391 RTP/UNKNOWN 0 8` (diago's test of a protocol it does not know)",
    ),
    listed(
        "gortsplib/sdpunmarshaler_test-L965.sdp",
        Peer::WebrtcSdp,
        &["m0"],
        "webrtc-sdp leaves out a multicast MPEG-TS stream's `m=video 8048 MP2T/AVP 33` (mediamtx issue 120)",
    ),
    listed(
        "liblinphone/call_single_tester-L7877.sdp",
        Peer::WebrtcSdp,
        &["m2"],
        "webrtc-sdp leaves out the third section, `m=application 65488 UDP/BFCP 18868056` (a BFCP section whose format is a number where RFC 4583 and RFC 8856 have `*`)",
    ),
];

mod corpus;
use corpus::Entry;

fn corpus_dir() -> PathBuf {
    corpus::dir("real-world-sdp")
}

fn manifest() -> Vec<Entry> {
    corpus::manifest(&corpus_dir())
}

fn tolerant() -> Parser {
    Parser::new().quirks(Quirks::ALL)
}

/// Compares what was found with the lists, both ways.
fn assert_listed(peers: &[Peer], found: &BTreeMap<(String, Peer), (Vec<String>, String)>) {
    let lists = || {
        KNOWN_FAILURES
            .iter()
            .chain(REFUSED)
            .chain(EXPECTED_DIFFERENCES)
            .filter(|k| peers.contains(&k.peer))
    };
    let mut report = String::new();
    for ((file, peer), (fields, what)) in found {
        match lists().find(|k| k.file == file && k.peer == *peer) {
            None => writeln!(report, "new: {file} ({peer:?}) {fields:?}: {what}").unwrap(),
            Some(k) if k.fields != fields.as_slice() => writeln!(
                report,
                "{file} ({peer:?}): listed {:?}, now {fields:?}: {what}",
                k.fields
            )
            .unwrap(),
            Some(_) => {}
        }
    }
    for k in lists() {
        if !found.contains_key(&(k.file.to_owned(), k.peer)) {
            writeln!(
                report,
                "now agrees, remove it from the list: {} ({:?}; was: {})",
                k.file, k.peer, k.cause
            )
            .unwrap();
        }
    }
    assert!(report.is_empty(), "\n{report}");
}

#[test]
fn the_manifest_lists_every_file_with_its_origin_and_licence() {
    let entries = manifest();
    corpus::assert_manifest_is_complete(&corpus_dir(), &entries, MIN_CORPUS);
    for k in KNOWN_FAILURES
        .iter()
        .chain(REFUSED)
        .chain(EXPECTED_DIFFERENCES)
    {
        assert!(
            entries.iter().any(|e| e.file == k.file),
            "{} is listed but not in the manifest",
            k.file
        );
    }
}

/// Every file reads tolerantly unless upstream broke it on purpose; the tolerant reading
/// reports a diagnostic exactly when the strict reading refuses; the session written back
/// reads to the same session, with no diagnostics but those of line order and the text
/// that was not UTF-8.
#[test]
fn every_description_reads_tolerantly_and_writes_back_to_the_same_session() {
    let mut found = BTreeMap::new();
    let (mut read, mut strict_ok) = (0, 0);
    for e in manifest() {
        let parts = descriptions(&e.bytes);
        if parts.len() > 1 {
            // Read at once, the first description is read and the rest reported.
            let mut notes = Vec::new();
            let whole = tolerant().parse_bytes_with_diagnostics(&e.bytes, &mut notes);
            let first = tolerant().parse_bytes(parts[0]);
            assert_eq!(whole.ok(), first.ok(), "{}: the first description", e.file);
            assert_eq!(
                notes.last().map(|n| n.quirk),
                Some(sip_core::sdp::Quirk::ConcatenatedDescriptions),
                "{}",
                e.file
            );
        }
        for bytes in parts {
            let Some(ok) = read_and_write_back(&e, bytes, &mut found) else {
                continue;
            };
            read += 1;
            strict_ok += usize::from(ok);
        }
    }
    eprintln!("real-world SDP corpus: {read} descriptions read, {strict_ok} strictly valid");
    assert_listed(&[Peer::Read], &found);
}

/// The descriptions of a file (see [`sip_core::sdp::descriptions`]); text that is not
/// UTF-8 is one.
fn descriptions(bytes: &[u8]) -> Vec<&[u8]> {
    match std::str::from_utf8(bytes) {
        Ok(text) => sip_core::sdp::descriptions(text)
            .map(str::as_bytes)
            .collect(),
        Err(_) => vec![bytes],
    }
}

/// Reads one description of `e` tolerantly and strictly, holds the diagnostics to the
/// strict reading and the text written back to the reading; `None` when it does not
/// read (a failure put in `found` unless upstream broke it on purpose), else whether it
/// is strictly valid.
fn read_and_write_back(
    e: &Entry,
    bytes: &[u8],
    found: &mut BTreeMap<(String, Peer), (Vec<String>, String)>,
) -> Option<bool> {
    {
        let mut notes = Vec::new();
        let got = tolerant().parse_bytes_with_diagnostics(bytes, &mut notes);
        let strict = Parser::new().parse_bytes(bytes);
        let sdp = match got {
            Ok(sdp) => sdp,
            Err(err) => {
                assert!(strict.is_err(), "{}: strict reads, tolerant fails", e.file);
                if !e.notes.contains("expected-invalid") {
                    found.insert(
                        (e.file.clone(), Peer::Read),
                        (vec![format!("line {}", err_line(&err))], err.to_string()),
                    );
                }
                return None;
            }
        };
        assert!(
            !e.notes.contains("expected-invalid"),
            "{}: upstream broke it on purpose, yet it reads",
            e.file
        );
        match (&strict, notes.is_empty()) {
            (Ok(s), true) => {
                assert_eq!(s, &sdp, "{}: strict and tolerant readings differ", e.file);
            }
            (Err(err), false) => {
                // The strict error stands where the first diagnostic does.
                assert_eq!(
                    err_line(err),
                    notes[0].line,
                    "{}: strict error {err}, diagnostics {notes:?}",
                    e.file
                );
            }
            (Ok(_), false) => panic!("{}: strict reads, yet diagnostics {notes:?}", e.file),
            (Err(err), true) => panic!("{}: strict fails ({err}) with no diagnostic", e.file),
        }
        let text = sdp.to_string();
        let mut again_notes = Vec::new();
        let again = tolerant()
            .parse_with_diagnostics(&text, &mut again_notes)
            .unwrap_or_else(|err| panic!("{}: written back does not read: {err}\n{text}", e.file));
        assert_eq!(
            again, sdp,
            "{}: written back reads otherwise\n{text}",
            e.file
        );
        for n in &again_notes {
            use sip_core::sdp::Quirk;
            assert!(
                matches!(
                    n.quirk,
                    Quirk::LinesOutOfOrder
                        | Quirk::MalformedAttribute
                        | Quirk::AddressTypeMismatch
                        | Quirk::MalformedOrigin
                        | Quirk::MalformedConnection
                        | Quirk::MissingFormats
                        | Quirk::MissingClockRate
                        | Quirk::ShortConnection
                        | Quirk::Gb28181Lines
                ),
                "{}: written back, {n:?}",
                e.file
            );
        }
        Some(strict.is_ok())
    }
}

fn err_line(err: &sip_core::sdp::Error) -> usize {
    match err {
        sip_core::sdp::Error::Parse { line, .. } => *line,
        _ => 0,
    }
}

// --- sdp-types ------------------------------------------------------------------------

/// The fields of one description in a form both parsers can give: name and value.
fn ours(sdp: &Sdp<'_>) -> Vec<(String, String)> {
    let mut f = Vec::new();
    let mut put = |k: &str, v: String| f.push((k.to_owned(), v));
    let o = &sdp.origin;
    put(
        "origin",
        format!(
            "{} {} {} {} {} {}",
            o.username, o.session_id, o.session_version, o.network_type, o.address_type, o.address
        ),
    );
    put("session-name", sdp.session_name.to_string());
    put("information", format!("{:?}", sdp.information.as_deref()));
    put("uri", format!("{:?}", sdp.uri.as_deref()));
    put("emails", format!("{:?}", sdp.emails));
    put("phones", format!("{:?}", sdp.phones));
    put(
        "connection",
        format!("{:?}", sdp.connection.as_ref().map(conn)),
    );
    put("bandwidths", bandwidths(&sdp.bandwidths));
    put(
        "times",
        format!(
            "{:?}",
            sdp.times
                .iter()
                .map(|t| (t.start, t.stop, t.repeats.len()))
                .collect::<Vec<_>>()
        ),
    );
    put("attributes", attrs(&sdp.attributes));
    put("media-count", sdp.media.len().to_string());
    for (i, m) in sdp.media.iter().enumerate() {
        put(
            &format!("m{i}"),
            format!(
                "{} {} {:?} {} {}",
                m.media,
                m.port,
                m.port_count,
                m.protocol,
                m.formats.join(" ")
            ),
        );
        put(&format!("m{i}-title"), format!("{:?}", m.title.as_deref()));
        put(
            &format!("m{i}-connections"),
            format!("{:?}", m.connections.iter().map(conn).collect::<Vec<_>>()),
        );
        put(&format!("m{i}-bandwidths"), bandwidths(&m.bandwidths));
        put(&format!("m{i}-attributes"), attrs(&m.attributes));
    }
    f
}

fn bandwidths(b: &[sip_core::sdp::Bandwidth<'_>]) -> String {
    let list: Vec<String> = b
        .iter()
        .map(|b| format!("{}:{}", b.bw_type, b.value))
        .collect();
    format!("{list:?}")
}

fn their_bandwidths(b: &[sdp_types::Bandwidth]) -> String {
    let list: Vec<String> = b
        .iter()
        .map(|b| format!("{}:{}", b.bwtype, b.bandwidth))
        .collect();
    format!("{list:?}")
}

fn conn(c: &sip_core::sdp::Connection<'_>) -> String {
    let mut s = format!("{} {} {}", c.network_type, c.address_type, c.address);
    if let Some(t) = c.ttl {
        write!(s, "/{t}").unwrap();
    }
    if let Some(n) = c.count {
        write!(s, "/{n}").unwrap();
    }
    s
}

fn attrs(a: &[sip_core::sdp::Attribute<'_>]) -> String {
    format!(
        "{:?}",
        a.iter()
            .map(|a| (a.name.to_string(), a.value.as_deref().map(str::to_owned)))
            .collect::<Vec<_>>()
    )
}

fn theirs(s: &sdp_types::Session) -> Vec<(String, String)> {
    let mut f = Vec::new();
    let mut put = |k: &str, v: String| f.push((k.to_owned(), v));
    let o = &s.origin;
    put(
        "origin",
        format!(
            "{} {} {} {} {} {}",
            o.username.as_deref().unwrap_or("-"),
            o.sess_id,
            o.sess_version,
            o.nettype,
            o.addrtype,
            o.unicast_address
        ),
    );
    put("session-name", s.session_name.clone());
    put(
        "information",
        format!("{:?}", s.session_description.as_deref()),
    );
    put("uri", format!("{:?}", s.uri.as_deref()));
    put("emails", format!("{:?}", s.emails));
    put("phones", format!("{:?}", s.phones));
    put(
        "connection",
        format!("{:?}", s.connection.as_ref().map(their_conn)),
    );
    put("bandwidths", their_bandwidths(&s.bandwidths));
    put(
        "times",
        format!(
            "{:?}",
            s.times
                .iter()
                .map(|t| (t.start_time, t.stop_time, t.repeats.len()))
                .collect::<Vec<_>>()
        ),
    );
    put("attributes", their_attrs(&s.attributes));
    put("media-count", s.medias.len().to_string());
    for (i, m) in s.medias.iter().enumerate() {
        put(
            &format!("m{i}"),
            format!(
                "{} {} {:?} {} {}",
                m.media, m.port, m.num_ports, m.proto, m.fmt
            ),
        );
        put(
            &format!("m{i}-title"),
            format!("{:?}", m.media_title.as_deref()),
        );
        put(
            &format!("m{i}-connections"),
            format!(
                "{:?}",
                m.connections.iter().map(their_conn).collect::<Vec<_>>()
            ),
        );
        put(&format!("m{i}-bandwidths"), their_bandwidths(&m.bandwidths));
        put(&format!("m{i}-attributes"), their_attrs(&m.attributes));
    }
    f
}

fn their_conn(c: &sdp_types::Connection) -> String {
    format!("{} {} {}", c.nettype, c.addrtype, c.connection_address)
}

fn their_attrs(a: &[sdp_types::Attribute]) -> String {
    format!(
        "{:?}",
        a.iter()
            .map(|a| (a.attribute.clone(), a.value.clone()))
            .collect::<Vec<_>>()
    )
}

/// The names of the fields that differ, in order.
fn differing(a: &[(String, String)], b: &[(String, String)]) -> (Vec<String>, String) {
    let mut names = Vec::new();
    let mut what = String::new();
    let bm: BTreeMap<&str, &str> = b.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let am: BTreeMap<&str, &str> = a.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    for (k, v) in a.iter().chain(b) {
        if names.contains(k) {
            continue;
        }
        let (x, y) = (am.get(k.as_str()), bm.get(k.as_str()));
        if x != y {
            names.push(k.clone());
            write!(what, "{k}: ours {x:?}, theirs {y:?}; ").unwrap();
        }
        let _ = v;
    }
    (names, what)
}

#[test]
fn every_description_agrees_with_sdp_types() {
    let mut found = BTreeMap::new();
    let (mut compared, mut agreed) = (0, 0);
    for e in manifest() {
        let mut notes: Vec<Diagnostic> = Vec::new();
        let ours_read = tolerant().parse_bytes_with_diagnostics(&e.bytes, &mut notes);
        let key = (e.file.clone(), Peer::SdpTypes);
        // sdp-types asserts on some input instead of returning an error.
        let Ok(theirs_read) = std::panic::catch_unwind(|| sdp_types::Session::parse(&e.bytes))
        else {
            found.insert(key, (vec!["panics".into()], String::new()));
            continue;
        };
        match (ours_read, theirs_read) {
            (Ok(a), Ok(b)) => {
                compared += 1;
                let (fields, what) = differing(&ours(&a), &theirs(&b));
                if fields.is_empty() {
                    agreed += 1;
                } else {
                    found.insert(key, (fields, what));
                }
            }
            (Ok(_), Err(err)) => {
                found.insert(key, (vec!["refused".into()], err.to_string()));
            }
            (Err(err), Ok(_)) => {
                found.insert(key, (vec!["accepted".into()], err.to_string()));
            }
            (Err(_), Err(_)) => {}
        }
    }
    eprintln!("sdp-types: {compared} compared, {agreed} agree on every field");
    assert!(
        compared >= 190,
        "only {compared} descriptions compared with sdp-types"
    );
    assert_listed(&[Peer::SdpTypes], &found);
}

#[test]
fn every_media_line_agrees_with_webrtc_sdp() {
    let mut found = BTreeMap::new();
    let (mut compared, mut agreed, mut refused) = (0, 0, 0);
    for e in manifest() {
        let ours_read = tolerant().parse_bytes(&e.bytes);
        let Ok(text) = std::str::from_utf8(&e.bytes) else {
            continue;
        };
        let theirs_read = webrtc_sdp::parse_sdp(text, false);
        let key = (e.file.clone(), Peer::WebrtcSdp);
        match (ours_read, theirs_read) {
            (Ok(a), Ok(b)) => {
                compared += 1;
                let mine: Vec<(String, String)> = a
                    .media
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        (
                            format!("m{i}"),
                            format!(
                                "{} {} {}",
                                m.port,
                                m.port_count.unwrap_or(0),
                                m.formats.join(" ")
                            ),
                        )
                    })
                    .collect();
                let peer: Vec<(String, String)> = b
                    .media
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        let formats = match m.get_formats() {
                            webrtc_sdp::media_type::SdpFormatList::Integers(v) => {
                                v.iter().map(u32::to_string).collect::<Vec<_>>()
                            }
                            webrtc_sdp::media_type::SdpFormatList::Strings(v) => v.clone(),
                            webrtc_sdp::media_type::SdpFormatList::Unknown(v) => vec![v.clone()],
                        };
                        (
                            format!("m{i}"),
                            format!(
                                "{} {} {}",
                                m.get_port(),
                                m.get_port_count(),
                                formats.join(" ")
                            ),
                        )
                    })
                    .collect();
                let (fields, what) = differing(&mine, &peer);
                if fields.is_empty() {
                    agreed += 1;
                } else {
                    found.insert(key, (fields, what));
                }
            }
            // webrtc-sdp reads WebRTC's subset of SDP (no `u=`, `e=`, `p=`, `r=`, no
            // session-level media attributes) and checks what JSEP needs: what it
            // refuses is counted, not compared.
            (Ok(_), Err(_)) => refused += 1,
            (Err(err), Ok(_)) => {
                found.insert(key, (vec!["accepted".into()], err.to_string()));
            }
            (Err(_), Err(_)) => {}
        }
    }
    eprintln!(
        "webrtc-sdp: {compared} compared, {agreed} agree on every media line, {refused} refused"
    );
    assert!(
        compared >= 100,
        "only {compared} descriptions compared with webrtc-sdp"
    );
    assert_listed(&[Peer::WebrtcSdp], &found);
}

// --- Wireshark ------------------------------------------------------------------------

/// The fields compared with Wireshark's SDP dissector, ours and tshark's names: every
/// occurrence in wire order. (The formats are not: Wireshark's `sdp.media.format` mixes
/// those of `m=` lines, named for static payload types, with those of `a=rtpmap`;
/// `sdp-types` and `webrtc-sdp` compare them. Nor are media attribute values: Wireshark
/// shows those of the attributes it does not dissect further, and those it does in
/// fields of their own.) The typed views of `a=rtpmap`, `a=crypto` and `a=candidate` are
/// compared with Wireshark's reading of the same lines.
const WIRESHARK_FIELDS: [(&str, &str); 41] = [
    ("origin-username", "sdp.owner.username"),
    ("origin-session-id", "sdp.owner.sessionid"),
    ("origin-version", "sdp.owner.version"),
    ("origin-address", "sdp.owner.address"),
    ("session-name", "sdp.session_name"),
    ("connection-address", "sdp.connection_info.address"),
    ("bandwidth-type", "sdp.bandwidth.modifier"),
    ("bandwidth", "sdp.bandwidth.value"),
    ("time-start", "sdp.time.start"),
    ("time-stop", "sdp.time.stop"),
    ("media", "sdp.media.media"),
    ("media-port", "sdp.media.port"),
    ("media-protocol", "sdp.media.proto"),
    ("rtpmap-encoding", "sdp.mime.type"),
    ("rtpmap-clock-rate", "sdp.sample_rate"),
    ("crypto-tag", "sdp.crypto.tag"),
    ("crypto-suite", "sdp.crypto.crypto_suite"),
    ("candidate-foundation", "sdp.ice_candidate.foundation"),
    ("candidate-component", "sdp.ice_candidate.componentid"),
    ("candidate-transport", "sdp.ice_candidate.transport"),
    ("candidate-priority", "sdp.ice_candidate.priority"),
    ("candidate-address", "sdp.ice_candidate.address"),
    ("candidate-port", "sdp.ice_candidate.port"),
    ("candidate-type", "sdp.ice_candidate.type"),
    ("media-attribute", "sdp.media_attribute.field"),
    ("origin-network-type", "sdp.owner.network_type"),
    ("origin-address-type", "sdp.owner.address_type"),
    (
        "connection-address-type",
        "sdp.connection_info.address_type",
    ),
    ("connection-ttl", "sdp.connection_info.ttl"),
    ("connection-count", "sdp.connection_info.num_addr"),
    ("media-port-count", "sdp.media.portcount"),
    ("media-title", "sdp.media_title"),
    ("session-attribute", "sdp.session_attr.field"),
    ("session-attribute-value", "sdp.session_attr.value"),
    ("session-info", "sdp.session_info"),
    ("uri", "sdp.uri"),
    ("email", "sdp.email"),
    ("phone", "sdp.phone"),
    ("encryption-key", "sdp.encryption_key"),
    ("time-zones", "sdp.timezone"),
    ("repeat", "sdp.repeat_time"),
];

/// Our side of [`WIRESHARK_FIELDS`]: each field's occurrences joined as tshark joins
/// them (`None` for none); a typed view that does not read is named in the field.
fn ours_for_wireshark(sdp: &Sdp<'_>) -> Vec<Option<String>> {
    use sip_core::sdp::TypedAttribute;
    let mut f: Vec<Vec<String>> = vec![Vec::new(); WIRESHARK_FIELDS.len()];
    let mut put = |name: &str, v: String| {
        let i = WIRESHARK_FIELDS
            .iter()
            .position(|(n, _)| *n == name)
            .unwrap();
        f[i].push(v);
    };
    // Wireshark shows no field for an empty value (`s=`), nor for one not written (an
    // origin read with the missing-origin quirk, a connection without its address).
    let o = &sdp.origin;
    for (field, value) in [
        ("origin-username", &o.username),
        ("origin-session-id", &o.session_id),
        ("origin-version", &o.session_version),
        ("origin-address", &o.address),
        ("origin-network-type", &o.network_type),
        ("origin-address-type", &o.address_type),
    ] {
        if !value.is_empty() {
            put(field, value.to_string());
        }
    }
    for (field, values) in [
        ("session-info", sdp.information.as_slice()),
        ("uri", sdp.uri.as_slice()),
        ("email", sdp.emails.as_slice()),
        ("phone", sdp.phones.as_slice()),
        ("time-zones", sdp.time_zones.as_slice()),
    ] {
        for x in values {
            put(field, x.to_string());
        }
    }
    // Named, as in media sections, when it has a value.
    for a in &sdp.attributes {
        if let Some(v) = &a.value {
            put("session-attribute", a.name.to_string());
            put("session-attribute-value", v.to_string());
        }
    }
    if !sdp.session_name.is_empty() {
        put("session-name", sdp.session_name.to_string());
    }
    let connections = sdp
        .connection
        .iter()
        .chain(sdp.media.iter().flat_map(|m| m.connections.iter()));
    for c in connections {
        for (field, value) in [
            ("connection-address", &c.address),
            ("connection-address-type", &c.address_type),
        ] {
            if !value.is_empty() {
                put(field, value.to_string());
            }
        }
        if let Some(ttl) = c.ttl {
            put("connection-ttl", ttl.to_string());
        }
        if let Some(n) = c.count {
            put("connection-count", n.to_string());
        }
    }
    let bandwidths = sdp
        .bandwidths
        .iter()
        .chain(sdp.media.iter().flat_map(|m| m.bandwidths.iter()));
    for b in bandwidths {
        put("bandwidth-type", b.bw_type.to_string());
        put("bandwidth", b.value.to_string());
    }
    for t in &sdp.times {
        put("time-start", t.start.to_string());
        put("time-stop", t.stop.to_string());
        for r in &t.repeats {
            put("repeat", r.to_string());
        }
    }
    for k in sdp
        .key
        .iter()
        .chain(sdp.media.iter().flat_map(|m| m.key.iter()))
    {
        put("encryption-key", k.to_string());
    }
    for m in &sdp.media {
        put("media", m.media.to_string());
        put("media-port", m.port.to_string());
        put("media-protocol", m.protocol.to_string());
        if let Some(n) = m.port_count {
            put("media-port-count", n.to_string());
        }
        if let Some(t) = &m.title {
            put("media-title", t.to_string());
        }
        // Wireshark names an attribute in this field when it has a value.
        for a in m.attributes.iter().filter(|a| a.value.is_some()) {
            put("media-attribute", a.name.to_string());
        }
    }
    // Wireshark reads these attributes in media sections only.
    for a in sdp.media.iter().flat_map(|m| m.attributes.iter()) {
        match (a.name.as_ref(), a.typed()) {
            (_, Ok(TypedAttribute::Rtpmap(r))) => {
                put("rtpmap-encoding", r.encoding.to_string());
                put("rtpmap-clock-rate", r.clock_rate.to_string());
            }
            (_, Ok(TypedAttribute::Crypto(c))) => {
                put("crypto-tag", c.tag.to_string());
                put("crypto-suite", c.suite.to_string());
            }
            (_, Ok(TypedAttribute::Candidate(c))) => {
                put("candidate-foundation", c.foundation.to_string());
                put("candidate-component", c.component.to_string());
                put("candidate-transport", c.transport.to_string());
                put("candidate-priority", c.priority.to_string());
                put("candidate-address", c.address.to_string());
                put("candidate-port", c.port.to_string());
                put("candidate-type", c.kind.as_str().to_owned());
            }
            (name @ ("rtpmap" | "crypto" | "candidate"), Err(e)) => {
                let field = match name {
                    "rtpmap" => "rtpmap-encoding",
                    "crypto" => "crypto-suite",
                    _ => "candidate-address",
                };
                put(field, format!("error: {e}"));
            }
            _ => {}
        }
    }
    f.into_iter()
        .map(|v| (!v.is_empty()).then(|| v.join(&corpus::AGGREGATOR.to_string())))
        .collect()
}

/// `body` as the SDP body of an INVITE, one UDP datagram for [`corpus::pcap`].
fn invite_with(i: usize, body: &[u8]) -> Vec<u8> {
    let mut m = format!(
        "INVITE sip:corpus@192.0.2.2 SIP/2.0\r\n\
         Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-sdp-{i}\r\n\
         Max-Forwards: 70\r\n\
         From: <sip:a@192.0.2.1>;tag=sdp-{i}\r\n\
         To: <sip:b@192.0.2.2>\r\n\
         Call-ID: sdp-{i}@192.0.2.1\r\n\
         CSeq: 1 INVITE\r\n\
         Content-Type: application/sdp\r\n\
         Content-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    m.extend_from_slice(body);
    m
}

#[test]
fn every_description_agrees_with_wiresharks_sdp_dissector() {
    if !corpus::tshark_available() {
        return;
    }
    let entries = manifest();
    let invites: Vec<Vec<u8>> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| invite_with(i, &e.bytes))
        .collect();
    let payloads: Vec<&[u8]> = invites.iter().map(Vec::as_slice).collect();
    let dir = std::env::temp_dir().join(format!("voipkit-real-world-sdp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("corpus.pcap");
    std::fs::write(&file, corpus::pcap(&payloads)).unwrap();
    let names: Vec<&str> = WIRESHARK_FIELDS.iter().map(|(_, t)| *t).collect();
    let rows = corpus::tshark_fields(&file, &names, true);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(rows.len(), entries.len(), "one datagram per description");

    let mut found = BTreeMap::new();
    let (mut compared, mut agreed) = (0, 0);
    for (i, e) in entries.iter().enumerate() {
        // Concatenated descriptions are one SDP body to Wireshark: each field lists the
        // values of every description in turn.
        let Ok(each) = descriptions(&e.bytes)
            .into_iter()
            .map(|d| tolerant().parse_bytes(d).map(|s| ours_for_wireshark(&s)))
            .collect::<Result<Vec<_>, _>>()
        else {
            continue;
        };
        compared += 1;
        let ours: Vec<Option<String>> = (0..WIRESHARK_FIELDS.len())
            .map(|f| {
                let values: Vec<&str> = each.iter().filter_map(|d| d[f].as_deref()).collect();
                (!values.is_empty()).then(|| values.join("\u{1f}"))
            })
            .collect();
        let (mut fields, mut what) = (Vec::new(), Vec::new());
        for (((name, _), ours), theirs) in WIRESHARK_FIELDS.iter().zip(&ours).zip(&rows[&i]) {
            if ours != theirs {
                fields.push((*name).to_owned());
                what.push(format!("{name}: sip-core {ours:?}, tshark {theirs:?}"));
            }
        }
        if fields.is_empty() {
            agreed += 1;
        } else {
            found.insert((e.file.clone(), Peer::Wireshark), (fields, what.join("; ")));
        }
    }
    eprintln!(
        "Wireshark: {compared} compared, {agreed} agree on all {} fields",
        WIRESHARK_FIELDS.len()
    );
    assert!(
        compared >= 190,
        "only {compared} descriptions compared with Wireshark"
    );
    assert_listed(&[Peer::Wireshark], &found);
}
