//! Public captures of deployed networks (see `tests/data/real/MANIFEST.tsv` for their
//! origin and licence), analysed as Wireshark's RTP stream analysis does; the expected
//! figures are tshark 4.0.17's (`-o rtp.heuristic_rtp:TRUE -z rtp,streams`), recorded in
//! the manifest. Streams are matched by source, destination and SSRC; packets and lost
//! must be equal, delta and jitter within tshark's printed precision (three decimals),
//! and every difference that is deliberate is stated where it is pinned.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::path::Path;

use capture::analyze_stream;
use capture::{CaptureLimits, Discovery, read_streams};

/// Per stream: source, destination, SSRC, packets, lost, max delta, mean and max
/// jitter (ms), and how it was found.
type Row = (String, String, u32, u64, i64, f64, f64, f64, Discovery);

fn analyze(name: &str) -> Vec<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/real")
        .join(name);
    let bytes = std::fs::read(path).unwrap();
    let (streams, origin) = read_streams(&bytes[..], &CaptureLimits::default()).unwrap();
    streams
        .streams
        .iter()
        .map(|s| {
            let a = analyze_stream(&streams, s, origin);
            (
                format!("{}:{}", s.src.addr, s.src.port),
                format!("{}:{}", s.dst.addr, s.dst.port),
                a.ssrc,
                a.packets,
                a.lost,
                a.max_delta_ms,
                a.mean_jitter_ms,
                a.max_jitter_ms,
                s.discovery,
            )
        })
        .collect()
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.0005
}

/// A Linux "any" capture (cooked, ARPHRD 0xFFFE) of VoLTE AMR-NB RTP without SIP, each
/// uplink packet captured twice: all six streams Wireshark's RTP heuristic finds, with
/// its packet and loss counts (duplicates make the loss negative) and maximum deltas.
/// The duplicates used to break the run the heuristic needs, and the cooked header with
/// that ARPHRD was not read at all.
#[test]
fn volte_any_capture_with_duplicates_gives_wiresharks_six_streams() {
    let got = analyze("volte-amr-nb-any.pcap");
    let want = [
        ("10.120.76.36:1128", 0x0025_B105, 1052, -515, 734.614),
        ("10.175.69.220:1236", 0x7100_06B8, 246, 0, 162.122),
        ("10.120.76.36:1130", 0x0061_2603, 528, -261, 220.120),
        ("10.175.69.220:1236", 0x7100_8205, 279, 0, 194.514),
        ("10.120.76.36:1132", 0x40C1_B512, 118, -58, 39.928),
        ("10.120.76.36:1134", 0x401D_D106, 240, -119, 73.910),
    ];
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0.as_str(), g.2, g.3, g.4), (w.0, w.1, w.2, w.3), "{g:?}");
        assert!(near(g.5, w.4), "{g:?}");
        // No SDP: payload types 118 and 113 have no known clock, so no jitter.
        assert_eq!((g.6, g.7), (0.0, 0.0));
        assert_eq!(g.8, Discovery::Heuristic);
    }
}

/// A VoWiFi call whose SIP runs over TCP: the SDP in it maps PT 99 to AMR/8000, so the
/// stream is signalled and its jitter is measured at 8 kHz as Wireshark does (mean
/// 12.523 ms, max 24.327 ms), where reading SIP over UDP only gave 0.
#[test]
fn vowifi_sdp_over_tcp_gives_the_amr_clock_rate_and_wiresharks_jitter() {
    let got = analyze("vowifi-amr-sip-tcp.pcap");
    assert_eq!(got.len(), 1);
    let g = &got[0];
    assert_eq!(
        (g.0.as_str(), g.1.as_str(), g.2, g.3, g.4, g.8),
        (
            "10.192.51.201:12720",
            "186.196.183.115:50010",
            0x20AE_3805,
            778,
            0,
            Discovery::Signalled
        )
    );
    assert!(near(g.5, 194.886), "{g:?}");
    assert!(near(g.6, 12.523), "{g:?}");
    assert!(near(g.7, 24.327), "{g:?}");
}

/// One stream as tshark prints it: source, destination, SSRC, packets, lost, max delta,
/// mean jitter and max jitter (ms, three decimals).
struct Tshark {
    src: &'static str,
    dst: &'static str,
    ssrc: u32,
    packets: u64,
    lost: i64,
    max_delta: f64,
    mean_jitter: f64,
    max_jitter: f64,
}

#[allow(clippy::too_many_arguments)]
const fn tshark(
    src: &'static str,
    dst: &'static str,
    ssrc: u32,
    packets: u64,
    lost: i64,
    max_delta: f64,
    mean_jitter: f64,
    max_jitter: f64,
) -> Tshark {
    Tshark {
        src,
        dst,
        ssrc,
        packets,
        lost,
        max_delta,
        mean_jitter,
        max_jitter,
    }
}

/// Whether `ours` prints as `printed` with three decimals.
fn prints_as(ours: f64, printed: f64) -> bool {
    (ours - printed).abs() <= 0.000_500_1
}

/// Asserts that the capture has exactly the streams of `want` (in any order), each
/// with tshark's figures; returns the rows for further checks.
fn assert_like_tshark(name: &str, want: &[Tshark]) -> Vec<Row> {
    let got = analyze(name);
    assert_eq!(got.len(), want.len(), "{name}: {got:#?}");
    for w in want {
        let g = got
            .iter()
            .find(|g| g.0 == w.src && g.1 == w.dst && g.2 == w.ssrc)
            .unwrap_or_else(|| panic!("{name}: no stream {} -> {} {:#010X}", w.src, w.dst, w.ssrc));
        assert_eq!((g.3, g.4), (w.packets, w.lost), "{name}: {g:?}");
        assert!(prints_as(g.5, w.max_delta), "{name}: max delta {g:?}");
        assert!(prints_as(g.6, w.mean_jitter), "{name}: mean jitter {g:?}");
        assert!(prints_as(g.7, w.max_jitter), "{name}: max jitter {g:?}");
    }
    got
}

/// A DECT gateway behind a Brekeke SIP server sends DTMF as RFC 4733 events (payload
/// type 96 mapped to telephone-event/8000 by SDP) inside its PCMA stream: the audio
/// after each event is timed from the last audio timestamp, so the jitter is
/// Wireshark's (mean 1.522, max 15.767 ms; they were 1.218 and 12.611 ms, 20 % low).
#[test]
fn dect_gateway_dtmf_events_give_wiresharks_jitter_in_the_pcma_stream() {
    let got = assert_like_tshark(
        "ipdect-brekeke-dtmf-rfc2833.pcap",
        &[
            tshark(
                "192.168.105.172:4376",
                "192.168.105.110:4376",
                0x5711_BF84,
                666,
                0,
                30.068,
                1.522,
                15.767,
            ),
            tshark(
                "192.168.105.110:4374",
                "192.168.105.172:4376",
                0x9A7B_5382,
                665,
                2,
                60.002,
                0.010,
                0.019,
            ),
        ],
    );
    assert!(got.iter().all(|g| g.8 == Discovery::Signalled));
}

/// A fax call from TDM to SIP through a media gateway controlled by MEGACO (H.248): PCMA
/// with comfort noise and RFC 4733 events (payload types 13, 100 and 102), and a T.38
/// request the SIP side declines. The stream from
/// the gateway matches tshark (mean jitter 0.268 ms; it was 0.296 with the events'
/// timestamps taken as audio). Deliberate difference, in the other direction: after a
/// MEGACO SDP (frames 1434–1435) offers T.38 on port 16756, Wireshark decodes the PCMA
/// packets the far end keeps sending to that port as T.38 and stops counting them;
/// they are RTP (version 2, payload type 8, the same SSRC and consecutive sequence
/// numbers), so they stay in the stream: 159 packets where tshark prints 132, the same
/// 1712 lost (the last sequence number moves with them), and a mean jitter of 1.410 ms
/// instead of 1.414 (27 more packets in the running mean).
#[test]
fn gateway_fax_call_matches_wireshark_except_rtp_that_megaco_relabelled_as_t38() {
    let got = assert_like_tshark(
        "fax-t38-sip-megaco-gateway.pcap",
        &[
            tshark(
                "10.23.1.52:16756",
                "10.35.60.100:15580",
                0x17D9_0134,
                1171,
                0,
                20.427,
                0.268,
                1.343,
            ),
            // tshark: 132 packets, mean jitter 1.414 ms (see above).
            tshark(
                "10.35.60.100:15580",
                "10.23.1.52:16756",
                0x0EAF_0EAF,
                159,
                1712,
                34261.832,
                1.410,
                7.007,
            ),
        ],
    );
    assert!(got.iter().all(|g| g.8 == Discovery::Signalled));
}

/// Zoiper 3 calling through an Asterisk 11 back-to-back user agent (PCMU with
/// telephone-event 101): both streams, one of them a single packet, as tshark.
#[test]
fn zoiper_call_through_asterisk_matches_wireshark() {
    assert_like_tshark(
        "zoiper-asterisk-b2bua.pcapng",
        &[
            tshark(
                "172.16.98.145:8000",
                "172.16.98.1:8000",
                0x6AB2_1E82,
                355,
                0,
                52.351,
                7.361,
                10.171,
            ),
            tshark(
                "172.16.98.1:8000",
                "172.16.98.145:8000",
                0x4483_0D58,
                1,
                0,
                0.0,
                0.0,
                0.0,
            ),
        ],
    );
}

/// Asterisk 1.6 between a Zfone and an X-Lite 4 phone: the caller's stream first goes
/// to Asterisk (2 packets) then straight to the callee after a re-INVITE, with a 4.7 s
/// gap and 369 numbers missing, as tshark counts them.
#[test]
fn asterisk_call_redirected_by_reinvite_matches_wireshark() {
    assert_like_tshark(
        "asterisk-zfone-xlite.pcap",
        &[
            tshark(
                "192.168.10.41:64508",
                "192.168.10.2:18874",
                0xBEE0_F2ED,
                2,
                0,
                20.427,
                0.027,
                0.027,
            ),
            tshark(
                "192.168.10.41:64508",
                "192.168.10.40:49848",
                0xBEE0_F2ED,
                205,
                369,
                4680.243,
                0.402,
                1.265,
            ),
            tshark(
                "192.168.10.40:49848",
                "192.168.10.41:64508",
                0xB72A_7104,
                790,
                1,
                102.076,
                0.484,
                6.824,
            ),
        ],
    );
}

/// FreeSWITCH sending G.722 (static payload type 9, whose RTP clock is 8 kHz by RFC
/// 3551 although it samples at 16 kHz).
#[test]
fn freeswitch_g722_stream_is_timed_at_8_khz_like_wireshark() {
    let got = assert_like_tshark(
        "freeswitch-g722.pcap",
        &[tshark(
            "10.0.2.15:17472",
            "10.0.2.20:6000",
            0x043D_AABA,
            425,
            0,
            24.998,
            0.031,
            0.612,
        )],
    );
    assert_eq!(got[0].8, Discovery::Signalled);
}

/// FreeSWITCH sending Opus as dynamic payload type 99, whose 48 kHz clock only the SDP
/// gives (`a=rtpmap:99 opus/48000/2`, with telephone-event/8000 beside it): five
/// packets of a longer call, 311 numbers missing between them.
#[test]
fn freeswitch_opus_takes_its_48_khz_clock_from_sdp() {
    let got = assert_like_tshark(
        "freeswitch-opus-48k.pcap",
        &[tshark(
            "10.0.2.15:24196",
            "10.0.2.20:6000",
            0x043E_EE04,
            5,
            311,
            3360.015,
            0.004,
            0.004,
        )],
    );
    assert_eq!(got[0].8, Discovery::Signalled);
}

/// A Nero SIPPS phone calling through SER to a Cirpack gateway, whose 183 with SDP
/// announces its media port before a 480: the phone's nine PCMA packets to that port,
/// with tshark's jitter.
#[test]
fn phone_stream_to_a_cirpack_gateway_after_its_183_matches_wireshark() {
    assert_like_tshark(
        "cirpack-ser-nero-call.pcap",
        &[tshark(
            "192.168.1.2:30000",
            "212.242.33.36:40392",
            0x3796_CB71,
            9,
            0,
            69.947,
            5.646,
            7.799,
        )],
    );
}

/// RTP without signalling, found by the heuristic: a flow that interleaves two SSRCs
/// (audio as payload type 120 and RFC 4733 events) with STUN, its reverse direction,
/// an Opus-like stream and an H.263 stream. Each SSRC keeps its own run, so all five
/// are found (only the last two were, as a change of SSRC or a STUN message broke the
/// run of the flow).
#[test]
fn heuristic_finds_streams_interleaved_with_other_ssrcs_and_stun() {
    let got = assert_like_tshark(
        "heuristic-events-ssrc-stun.pcapng",
        &[
            tshark(
                "10.140.67.167:55402",
                "148.153.85.97:6008",
                0xB809_74D8,
                29,
                0,
                118.004,
                0.0,
                0.0,
            ),
            tshark(
                "192.113.193.227:50003",
                "150.219.118.19:54234",
                0x001A_757D,
                6,
                0,
                30.264,
                0.0,
                0.0,
            ),
            tshark(
                "192.113.193.227:50003",
                "150.219.118.19:54234",
                0x001A_759F,
                12,
                0,
                46.364,
                0.0,
                0.0,
            ),
            tshark(
                "150.219.118.19:54234",
                "192.113.193.227:50003",
                0x001A_7E73,
                7,
                0,
                36.489,
                0.0,
                0.0,
            ),
            tshark(
                "10.204.220.71:6000",
                "10.204.220.171:6000",
                0x0000_1646,
                15,
                0,
                77.061,
                0.692,
                1.431,
            ),
        ],
    );
    assert!(got.iter().all(|g| g.8 == Discovery::Heuristic));
}

/// A LINE call: audio, video and event streams found by the heuristic, and RTCP
/// feedback multiplexed on the same ports (marker with payload type 77, packet type
/// 205) left to RTCP as Wireshark does (it was taken as three more RTP streams).
#[test]
fn line_call_leaves_multiplexed_rtcp_feedback_out_of_the_streams() {
    assert_like_tshark(
        "line-call-rtcp-feedback.pcap",
        &[
            tshark(
                "147.92.169.90:29070",
                "10.200.3.125:51161",
                0x0000_0066,
                26,
                0,
                32.740,
                0.0,
                0.0,
            ),
            tshark(
                "147.92.169.90:29070",
                "10.200.3.125:51161",
                0x0000_007A,
                16,
                0,
                0.0,
                0.0,
                0.0,
            ),
            tshark(
                "10.200.3.125:51161",
                "147.92.169.90:29070",
                0x0000_00CA,
                20,
                0,
                419.411,
                0.0,
                0.0,
            ),
            tshark(
                "10.200.3.125:51161",
                "147.92.169.90:29070",
                0x0000_00DE,
                10,
                0,
                0.0,
                0.0,
                0.0,
            ),
            tshark(
                "125.209.252.210:20610",
                "10.0.2.15:50835",
                0x09BD_A674,
                11,
                0,
                0.0,
                0.0,
                0.0,
            ),
            tshark(
                "10.0.2.15:50835",
                "125.209.252.210:20610",
                0x09BD_A678,
                17,
                0,
                0.0,
                0.0,
                0.0,
            ),
        ],
    );
}

/// A WhatsApp call relayed through TURN servers on port 3478 and then direct: eight
/// streams, with the RTCP feedback multiplexed on the same flows (marker with payload
/// types 80 and 81) left out (it made 31 one-packet streams) and the few packets of
/// each source sent through the relay found per SSRC.
#[test]
fn whatsapp_call_gives_wiresharks_eight_streams() {
    assert_like_tshark(
        "whatsapp-call-rtcp-feedback.pcap",
        &[
            tshark(
                "192.168.2.4:52794",
                "91.253.176.65:9665",
                0x0A15_0E10,
                127,
                0,
                26.757,
                0.0,
                0.0,
            ),
            tshark(
                "91.253.176.65:9665",
                "192.168.2.4:52794",
                0x2076_33FE,
                43,
                0,
                0.0,
                0.0,
                0.0,
            ),
            tshark(
                "192.168.2.4:52794",
                "31.13.84.48:3478",
                0x0A15_0E10,
                4,
                0,
                0.0,
                0.0,
                0.0,
            ),
            tshark(
                "31.13.84.48:3478",
                "192.168.2.4:52794",
                0x2076_33FE,
                6,
                0,
                0.0,
                0.0,
                0.0,
            ),
            tshark(
                "91.253.176.65:9344",
                "192.168.2.4:51518",
                0x4C28_9E6D,
                264,
                0,
                38.320,
                0.0,
                0.0,
            ),
            tshark(
                "192.168.2.4:51518",
                "91.253.176.65:9344",
                0x5459_2824,
                173,
                0,
                55.518,
                0.0,
                0.0,
            ),
            tshark(
                "31.13.93.48:3478",
                "192.168.2.4:51518",
                0x4C28_9E6D,
                7,
                0,
                0.0,
                0.0,
                0.0,
            ),
            tshark(
                "192.168.2.4:51518",
                "31.13.93.48:3478",
                0x5459_2824,
                5,
                0,
                0.0,
                0.0,
                0.0,
            ),
        ],
    );
}

/// Linphone's mediastreamer2 test capture with 120 packets arriving late: every packet
/// counted once, none lost, and the largest in-order gap, as tshark.
#[test]
fn linphone_stream_with_late_packets_matches_wireshark() {
    assert_like_tshark(
        "mediastreamer2-late-packets.pcapng",
        &[tshark(
            "94.34.27.189:7076",
            "192.168.2.14:7076",
            0xA973_3981,
            904,
            0,
            522.839,
            0.0,
            0.0,
        )],
    );
}

/// SIPp's recording of one RFC 4733 digit: seven event packets, then the end-of-event
/// packet sent three times with one sequence number, so two fewer numbers than packets
/// (lost −2), as tshark.
#[test]
fn sipp_dtmf_digit_with_repeated_end_packets_gives_negative_loss() {
    assert_like_tshark(
        "sipp-rfc2833-digit.pcap",
        &[tshark(
            "192.168.0.3:49176",
            "192.168.0.1:10000",
            0x0E05_384E,
            10,
            -2,
            20.072,
            0.0,
            0.0,
        )],
    );
}
