//! Hostile and careless input through the library entry points (capture reading,
//! stream finding, analysis, playout): a typed error naming the offset or the number,
//! or a documented result, and never a hang, a panic or an allocation the input asks
//! for. Every case runs under a watchdog of 60 s, a guard against hangs only.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::net::IpAddr;
use std::sync::mpsc;
use std::time::Duration;

use capture::Error;
use capture::play_capture;
use capture::{
    CaptureLimits, Endpoint, UdpDatagram, find_streams, read_capture, read_streams, scan_sdp,
    write_pcap,
};
use capture::{analyze_stream, estimate_quality};
use rtp_core::Error as RtpError;
use rtp_core::playout::{MAX_DELAY, check_delay_bounds};

/// Runs `f` on its own thread and fails the test if it takes more than 60 s.
fn watchdog<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("still running after 60 s (or panicked)")
}

fn ep(a: &str, port: u16) -> Endpoint {
    Endpoint {
        addr: a.parse::<IpAddr>().unwrap(),
        port,
    }
}

fn rtp(pt: u8, seq: u16, ts: u32, ssrc: u32) -> Vec<u8> {
    let mut p = vec![0x80, pt];
    p.extend_from_slice(&seq.to_be_bytes());
    p.extend_from_slice(&ts.to_be_bytes());
    p.extend_from_slice(&ssrc.to_be_bytes());
    p.extend_from_slice(&[0xD5; 20]);
    p
}

fn dgram(time: Duration, src: Endpoint, dst: Endpoint, payload: Vec<u8>) -> UdpDatagram {
    UdpDatagram {
        frame: 0,
        time,
        src,
        dst,
        ipv6: false,
        payload,
        agent: None,
    }
}

const T0: Duration = Duration::from_secs(1_700_000_000);

/// A SIP INVITE announcing 10.0.0.9:30000 with `a=rtpmap:96 <rtpmap>`.
fn invite(rtpmap: &str) -> UdpDatagram {
    let sip = format!(
        "INVITE sip:b@x SIP/2.0\r\nCall-ID: 1\r\nContent-Type: application/sdp\r\n\r\n\
         v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\n\
         m=audio 30000 RTP/AVP 96\r\na=rtpmap:96 {rtpmap}\r\n"
    );
    dgram(
        T0,
        ep("10.0.0.1", 5060),
        ep("10.0.0.2", 5060),
        sip.into_bytes(),
    )
}

/// A capture: the INVITE, then one PT 96 packet per `(arrival after T0, seq, ts)` to
/// the announced endpoint.
fn capture(rtpmap: &str, packets: &[(Duration, u16, u32)]) -> Vec<u8> {
    let mut ds = vec![invite(rtpmap)];
    for &(at, seq, ts) in packets {
        ds.push(dgram(
            T0 + at,
            ep("10.0.0.2", 40000),
            ep("10.0.0.9", 30000),
            rtp(96, seq, ts, 0x5555),
        ));
    }
    write_pcap(&ds).unwrap()
}

/// `n` packets every 20 ms with timestamps `step` apart.
fn regular(n: u16, step: u32) -> Vec<(Duration, u16, u32)> {
    (0..n)
        .map(|i| {
            (
                Duration::from_millis(20 * u64::from(i)),
                i,
                u32::from(i) * step,
            )
        })
        .collect()
}

fn playout(
    bytes: Vec<u8>,
    max_ms: u64,
) -> Result<Vec<capture::Result<rtp_core::playout::PlayoutReport>>, Error> {
    watchdog(move || {
        let (streams, _) = read_streams(&bytes[..], &CaptureLimits::default())?;
        play_capture(&streams, Duration::ZERO, Duration::from_millis(max_ms))
    })
}

#[test]
fn playout_refuses_clock_rates_outside_1_khz_to_192_khz_per_stream() {
    for (rate, ok) in [
        (u32::MAX, false),
        (1_000_000_000, false),
        (192_001, false),
        (999, false),
        (192_000, true),
        (1_000, true),
    ] {
        let bytes = capture(&format!("X/{rate}"), &regular(10, rate / 50));
        let reports = playout(bytes, 1000).unwrap();
        assert_eq!(reports.len(), 1, "{rate}");
        match &reports[0] {
            Ok(r) => {
                assert!(ok, "{rate} accepted");
                // Ten packets 20 ms apart, 20 ms of timestamps each: all played.
                assert_eq!((r.stats.played, r.stats.late, r.stats.lost), (10, 0, 0));
                assert_eq!(r.frame_ms, 20.0);
            }
            Err(e) => {
                assert!(!ok, "{rate} refused: {e}");
                assert_eq!(
                    *e,
                    Error::Rtp(RtpError::OutOfRange {
                        what: "clock rate (Hz)",
                        value: u64::from(rate),
                        min: 1000,
                        max: 192_000
                    })
                );
            }
        }
    }
}

#[test]
fn playout_refuses_delay_bounds_above_ten_seconds_or_inverted() {
    assert_eq!(
        check_delay_bounds(Duration::ZERO, Duration::from_millis(u64::MAX)),
        Err(RtpError::OutOfRange {
            what: "largest playout delay (ms)",
            value: u64::MAX,
            min: 0,
            max: 10_000
        })
    );
    assert_eq!(
        check_delay_bounds(Duration::from_millis(50), Duration::from_millis(40)),
        Err(RtpError::OutOfRange {
            what: "smallest playout delay (ms)",
            value: 50,
            min: 0,
            max: 40
        })
    );
    assert_eq!(check_delay_bounds(MAX_DELAY, MAX_DELAY), Ok(()));
    let bytes = capture("PCMA/8000", &regular(10, 160));
    let err = playout(bytes, u64::MAX).unwrap_err();
    assert!(matches!(
        err,
        Error::Rtp(RtpError::OutOfRange {
            value: u64::MAX,
            ..
        })
    ));
}

/// Nine packets play; the tenth was stamped 50 years later by a broken capture clock:
/// the buffer has gone silent long before, the packet is far behind the playout point
/// and its delay beyond any bound, so it is late, and playout jumps over the years
/// instead of popping through them (7.9 × 10^10 pops of 20 ms).
#[test]
fn a_capture_time_fifty_years_ahead_is_a_late_packet_not_years_of_pops() {
    let mut packets = regular(10, 160);
    packets[9].0 += Duration::from_secs(50 * 365 * 86_400);
    let reports = playout(capture("PCMA/8000", &packets), 1000).unwrap();
    let r = reports[0].as_ref().unwrap();
    assert_eq!(r.stats.received, 10);
    assert_eq!((r.stats.played, r.stats.late, r.stats.lost), (9, 1, 0));
}

/// Packet 250 of 500 was stamped 50 years late: the 250 before it play, it is late
/// (as above), and packet 251, whose capture time is 50 years behind the playout
/// clock, restarts playout (one reset) so that the 249 after it play too, instead of
/// all arriving "at" the corrupt time.
#[test]
fn one_corrupt_capture_time_among_500_packets_restarts_playout_after_it() {
    let mut packets = regular(500, 160);
    packets[250].0 += Duration::from_secs(50 * 365 * 86_400);
    let reports = playout(capture("PCMA/8000", &packets), 1000).unwrap();
    let r = reports[0].as_ref().unwrap();
    assert_eq!(r.stats.received, 500);
    assert_eq!(
        (r.stats.played, r.stats.late, r.stats.lost, r.stats.resets),
        (499, 1, 0, 1),
        "{r:?}"
    );
    // Every played frame waited in the buffer for less than a second.
    assert!(r.p95_delay_ms < 1000.0, "{r:?}");
}

/// A capture time at the end of what a Duration holds: no overflow when playout adds
/// its delay and a second of drain time to the last arrival.
#[test]
fn capture_times_near_the_largest_duration_do_not_overflow_playout() {
    let streams = find_streams(
        &[
            invite("PCMA/8000"),
            dgram(
                Duration::MAX,
                ep("10.0.0.2", 40000),
                ep("10.0.0.9", 30000),
                rtp(96, 1, 160, 7),
            ),
        ],
        &CaptureLimits::default(),
    );
    let reports = watchdog(move || {
        play_capture(&streams, Duration::ZERO, Duration::from_millis(1000)).unwrap()
    });
    let r = reports[0].as_ref().unwrap();
    assert_eq!(r.stats.received, 1);
}

#[test]
fn random_rtp_timestamps_finish_with_every_packet_received() {
    let mut x = 0x2545_F491u32;
    let packets: Vec<_> = (0..500u16)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (Duration::from_millis(20 * u64::from(i)), i, x)
        })
        .collect();
    let reports = playout(capture("PCMA/8000", &packets), 1000).unwrap();
    assert_eq!(reports[0].as_ref().unwrap().stats.received, 500);
}

/// A timestamp jump of an hour in the middle of a stream whose packets keep arriving
/// every 20 ms: beyond the buffer's reach (a minute), so the buffer restarts once.
#[test]
fn a_timestamp_jump_of_an_hour_resets_the_buffer_once() {
    let packets: Vec<_> = (0..100u16)
        .map(|i| {
            let ts = u32::from(i) * 160 + if i >= 50 { 3600 * 8000 } else { 0 };
            (Duration::from_millis(20 * u64::from(i)), i, ts)
        })
        .collect();
    let reports = playout(capture("PCMA/8000", &packets), 1000).unwrap();
    let r = reports[0].as_ref().unwrap();
    assert_eq!(r.stats.resets, 1);
    assert_eq!(r.stats.received, 100);
}

/// The sender skips 200 frames (sequence numbers and timestamps jump by 200, packets
/// keep arriving every 20 ms): the packet after the jump lies 200 frames ahead of the
/// playout point, more than 50, so it starts a new talkspurt instead of 200 slots
/// being concealed one by one while the packets behind it pile up.
#[test]
fn a_sender_jump_of_200_frames_is_loss_and_a_new_talkspurt_not_200_concealed_slots() {
    let packets: Vec<_> = (0..100u16)
        .map(|i| {
            let skip = if i >= 50 { 200 } else { 0 };
            (
                Duration::from_millis(20 * u64::from(i)),
                i + skip,
                u32::from(i + skip) * 160,
            )
        })
        .collect();
    let reports = playout(capture("PCMA/8000", &packets), 1000).unwrap();
    let r = reports[0].as_ref().unwrap();
    assert_eq!((r.stats.played, r.stats.late, r.stats.lost), (100, 0, 200));
    assert_eq!(r.stats.overflow, 0);
    assert!(r.stats.concealed <= 3 + 50, "{r:?}");
}

#[test]
fn a_clock_rate_below_1_khz_gives_neither_jitter_nor_mos() {
    for rtpmap in ["PCMA/500", "PCMA/999", "PCMA/4294967295"] {
        let bytes = capture(rtpmap, &regular(50, 10));
        let (streams, origin) = read_streams(&bytes[..], &CaptureLimits::default()).unwrap();
        let s = &streams.streams[0];
        let a = analyze_stream(&streams, s, origin);
        let rate: u32 = rtpmap[5..].parse().unwrap();
        assert_eq!(a.unsupported_clock_rate, Some(rate), "{rtpmap}");
        assert_eq!(a.clock_rate, 0);
        assert_eq!((a.mean_jitter_ms, a.max_jitter_ms), (0.0, 0.0));
        assert_eq!(estimate_quality(&streams, s, &a), None, "{rtpmap}");
    }
    // At 1 kHz both are given.
    let bytes = capture("PCMA/1000", &regular(50, 20));
    let (streams, origin) = read_streams(&bytes[..], &CaptureLimits::default()).unwrap();
    let s = &streams.streams[0];
    let a = analyze_stream(&streams, s, origin);
    assert_eq!((a.clock_rate, a.unsupported_clock_rate), (1000, None));
    assert_eq!(a.mean_jitter_ms, 0.0);
    assert!(estimate_quality(&streams, s, &a).is_some());
}

/// 100,000 SIP messages each announcing a different endpoint: all are listed once, in
/// order, in time linear in their number (the guard is the watchdog).
#[test]
fn many_announced_endpoints_are_listed_once_each() {
    let ds: Vec<UdpDatagram> = (0..100_000u32)
        .map(|i| {
            let sip = format!(
                "INVITE sip:b@x SIP/2.0\r\nCall-ID: {i}\r\nContent-Type: application/sdp\r\n\r\n\
                 v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.{}.{}.{}\r\nt=0 0\r\n\
                 m=audio 4000 RTP/AVP 0\r\nm=audio 4000 RTP/AVP 0\r\n",
                i >> 16,
                (i >> 8) & 255,
                i & 255
            );
            dgram(
                T0,
                ep("10.0.0.1", 5060),
                ep("10.0.0.2", 5060),
                sip.into_bytes(),
            )
        })
        .collect();
    let media = watchdog(move || scan_sdp(&ds));
    assert_eq!(media.endpoints.len(), 100_000);
    assert_eq!(media.endpoints[1], ep("10.0.0.1", 4000));
}

// Captures built by hand.

/// A classic pcap header: little-endian, microseconds, version `major.minor`, link type.
fn pcap_header(major: u16, minor: u16, link: u32) -> Vec<u8> {
    let mut h = 0xA1B2_C3D4u32.to_le_bytes().to_vec();
    h.extend_from_slice(&major.to_le_bytes());
    h.extend_from_slice(&minor.to_le_bytes());
    h.extend_from_slice(&[0; 8]);
    h.extend_from_slice(&65535u32.to_le_bytes());
    h.extend_from_slice(&link.to_le_bytes());
    h
}

fn read(bytes: Vec<u8>) -> capture::Result<capture::CaptureRead> {
    watchdog(move || read_capture(&bytes[..], &CaptureLimits::default()))
}

fn capture_error(bytes: Vec<u8>) -> (usize, String) {
    match read(bytes) {
        Err(Error::Capture { offset, reason }) => (offset, reason),
        other => panic!("expected a capture error, got {other:?}"),
    }
}

#[test]
fn pcap_headers_that_are_not_read_are_errors_at_their_field() {
    for (header, offset, says) in [
        (pcap_header(9, 9, 1), 4, "pcap version 9.9"),
        (pcap_header(2, 5, 1), 4, "pcap version 2.5"),
        (pcap_header(1, 0, 1), 4, "pcap version 1.0"),
        (pcap_header(2, 4, 147), 20, "link type 147"),
        (pcap_header(2, 4, 0xFFFF), 20, "link type 65535"),
    ] {
        let (at, reason) = capture_error(header);
        assert_eq!(at, offset, "{reason}");
        assert!(reason.contains(says), "{reason}");
    }
    // Version 2.4 with Ethernet and no record: nothing, no error.
    assert_eq!(read(pcap_header(2, 4, 1)).unwrap().datagrams.len(), 0);
    let (at, reason) = capture_error(b"\x01\x02\x03\x04 not a capture at all".to_vec());
    assert_eq!(at, 0);
    assert!(reason.contains("magic number 0x04030201"), "{reason}");
}

/// A pcap of three datagrams: records of 16 + 62 bytes (Ethernet 14, IPv4 20, UDP 8,
/// RTP 12 + 20 payload bytes... 74 bytes of frame) each after the 24-byte header.
fn three_records() -> (Vec<u8>, usize) {
    let ds: Vec<_> = (0..3u16)
        .map(|i| {
            dgram(
                T0,
                ep("10.0.0.1", 4000),
                ep("10.0.0.2", 5000),
                rtp(0, i, 0, 1),
            )
        })
        .collect();
    let bytes = write_pcap(&ds).unwrap();
    let record = (bytes.len() - 24) / 3;
    (bytes, record)
}

#[test]
fn a_record_cut_short_is_an_error_at_its_own_offset() {
    let (bytes, record) = three_records();
    // Ethernet 14 + IPv4 20 + UDP 8 + RTP 32 = 74 bytes of frame, 90 with its header.
    assert_eq!(record, 90);
    let third = 24 + 2 * record;
    // Cut inside the third record's data: ten bytes short.
    let (at, reason) = capture_error(bytes[..bytes.len() - 10].to_vec());
    assert_eq!(at, third);
    assert!(
        reason.contains(&format!(
            "record at byte {third} announces 74 bytes, the capture ends after 64 of them (at byte {})",
            bytes.len() - 10
        )),
        "{reason}"
    );
    // Cut inside the third record's header.
    let (at, reason) = capture_error(bytes[..third + 5].to_vec());
    assert_eq!(at, third);
    assert!(reason.contains("ends after 5"), "{reason}");
}

#[test]
fn a_record_length_beyond_the_limit_is_an_error_not_an_allocation() {
    let mut bytes = pcap_header(2, 4, 1);
    bytes.extend_from_slice(&[0; 8]);
    bytes.extend_from_slice(&u32::MAX.to_le_bytes());
    bytes.extend_from_slice(&u32::MAX.to_le_bytes());
    let (at, reason) = capture_error(bytes);
    assert_eq!(at, 24 + 8);
    assert!(reason.contains("4294967295 captured bytes"), "{reason}");
    // Within the limit but beyond the input: the record is cut short, and reading
    // allocated no more than the input holds plus one step.
    let mut bytes = pcap_header(2, 4, 1);
    bytes.extend_from_slice(&[0; 8]);
    bytes.extend_from_slice(&(16u32 << 20).to_le_bytes());
    bytes.extend_from_slice(&(16u32 << 20).to_le_bytes());
    let (at, reason) = capture_error(bytes);
    assert_eq!(at, 24);
    assert!(reason.contains("ends after 0 of them"), "{reason}");
}

/// A pcapng block (little-endian) of `kind` with `body` padded to 32 bits.
fn block(kind: u32, body: &[u8]) -> Vec<u8> {
    let mut padded = body.to_vec();
    while !padded.len().is_multiple_of(4) {
        padded.push(0);
    }
    let len = (padded.len() + 12) as u32;
    let mut b = kind.to_le_bytes().to_vec();
    b.extend_from_slice(&len.to_le_bytes());
    b.extend_from_slice(&padded);
    b.extend_from_slice(&len.to_le_bytes());
    b
}

/// A section header of version `major.minor` (28 bytes).
fn shb(major: u16, minor: u16) -> Vec<u8> {
    let mut body = 0x1A2B_3C4Du32.to_le_bytes().to_vec();
    body.extend_from_slice(&major.to_le_bytes());
    body.extend_from_slice(&minor.to_le_bytes());
    body.extend_from_slice(&(-1i64).to_le_bytes());
    block(0x0A0D_0D0A, &body)
}

/// An interface of `link` with if_tsoffset `offset_s` (36 bytes: 12 of block framing,
/// 8 of link type, reserved and snap length, 12 of if_tsoffset, 4 of end of options).
fn idb(link: u16, offset_s: i64) -> Vec<u8> {
    let mut body = link.to_le_bytes().to_vec();
    body.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    body.extend_from_slice(&[14, 0, 8, 0]);
    body.extend_from_slice(&offset_s.to_le_bytes());
    body.extend_from_slice(&[0, 0, 0, 0]);
    block(1, &body)
}

/// An enhanced packet on interface 0 at `ts_us` holding raw IPv4/UDP/RTP.
fn epb(ts_us: u64) -> Vec<u8> {
    epb_on(0, ts_us)
}

/// An enhanced packet on interface `iface` at `ts_us` holding raw IPv4/UDP/RTP.
fn epb_on(iface: u32, ts_us: u64) -> Vec<u8> {
    let payload = rtp(0, 1, 0, 1);
    let mut ip = vec![0x45, 0];
    ip.extend_from_slice(&((28 + payload.len()) as u16).to_be_bytes());
    ip.extend_from_slice(&[0, 0, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]);
    ip.extend_from_slice(&[0x0F, 0xA0, 0x13, 0x88]);
    ip.extend_from_slice(&((8 + payload.len()) as u16).to_be_bytes());
    ip.extend_from_slice(&[0, 0]);
    ip.extend_from_slice(&payload);
    let mut body = iface.to_le_bytes().to_vec();
    body.extend_from_slice(&((ts_us >> 32) as u32).to_le_bytes());
    body.extend_from_slice(&(ts_us as u32).to_le_bytes());
    body.extend_from_slice(&(ip.len() as u32).to_le_bytes());
    body.extend_from_slice(&(ip.len() as u32).to_le_bytes());
    body.extend_from_slice(&ip);
    block(6, &body)
}

/// SHB 28 bytes, IDB 36 bytes: the packet block starts at byte 64.
#[test]
fn an_if_tsoffset_that_overflows_the_time_is_an_error_at_the_packet_block() {
    for offset_s in [i64::MAX, i64::MIN, -1_700_000_001] {
        let mut f = shb(1, 0);
        f.extend(idb(101, offset_s));
        f.extend(epb(1_700_000_000_000_000));
        let (at, reason) = capture_error(f);
        assert_eq!(at, 64, "{reason}");
        assert!(
            reason.contains(&format!("if_tsoffset of {offset_s} s")),
            "{reason}"
        );
    }
    // A negative offset within range moves the time back (a signed number, per the
    // pcapng spec).
    let mut f = shb(1, 0);
    f.extend(idb(101, -1000));
    f.extend(epb(1_700_000_000_000_000));
    let d = read(f).unwrap().datagrams;
    assert_eq!(d[0].time, Duration::from_secs(1_700_000_000 - 1000));
}

#[test]
fn pcapng_structure_errors_name_their_offset() {
    // Version 2.0 section: at its version field.
    let (at, reason) = capture_error(shb(2, 0));
    assert_eq!(at, 12);
    assert!(reason.contains("pcapng version 2.0"), "{reason}");
    // A packet on an interface of link type 147 (user-defined): at the packet block.
    let mut f = shb(1, 0);
    f.extend(idb(147, 0));
    f.extend(epb(0));
    let (at, reason) = capture_error(f);
    assert!(reason.contains("link type 147"), "{reason}");
    assert_eq!(at, 64);
    // A packet on interface 0 of a section that describes none.
    let mut f = shb(1, 0);
    f.extend(epb(0));
    let (at, reason) = capture_error(f);
    assert_eq!(at, 28);
    assert!(reason.contains("interface 0"), "{reason}");
    // A block length that is not a multiple of 4: at the length field.
    let mut f = shb(1, 0);
    f.extend_from_slice(&6u32.to_le_bytes());
    f.extend_from_slice(&13u32.to_le_bytes());
    f.extend_from_slice(&[0; 12]);
    let (at, reason) = capture_error(f);
    assert_eq!(at, 32);
    assert!(reason.contains("length 13"), "{reason}");
    // A block length of 2 GiB: beyond the limit, refused before any allocation.
    let mut f = shb(1, 0);
    f.extend_from_slice(&6u32.to_le_bytes());
    f.extend_from_slice(&(1u32 << 31).to_le_bytes());
    let (at, reason) = capture_error(f);
    assert_eq!(at, 32);
    assert!(reason.contains("more than the limit"), "{reason}");
    // A trailing length that differs: at the trailer.
    let mut f = shb(1, 0);
    let mut bad = idb(101, 0);
    let n = bad.len();
    bad[n - 4] = 0;
    f.extend(bad);
    let (at, reason) = capture_error(f);
    assert_eq!(at, 28 + 36 - 4);
    assert!(reason.contains("trailing length"), "{reason}");
    // A block cut short: at the block, saying where the capture ends.
    let mut f = shb(1, 0);
    f.extend(idb(101, 0));
    let whole = epb(0);
    f.extend_from_slice(&whole[..whole.len() - 8]);
    let end = f.len();
    let (at, reason) = capture_error(f);
    assert_eq!(at, 64);
    assert!(reason.contains(&format!("(at byte {end})")), "{reason}");
}

/// 300 streams of 130 packets whose sequence numbers advance by 32,767: each spans
/// the 4 M sequence numbers the loss pattern looks at, which used to cost a 4 MB
/// bitmap and 4 M steps per stream; the pattern now comes from the gaps.
#[test]
fn sparse_sequence_numbers_in_many_streams_are_estimated_from_the_gaps() {
    let mut ds = vec![invite("PCMA/8000")];
    for i in 0..130u16 {
        for s in 0..300u16 {
            let p = rtp(8, i.wrapping_mul(32_767), u32::from(i) * 160, u32::from(s));
            ds.push(dgram(
                T0 + Duration::from_millis(20 * u64::from(i)),
                ep("10.0.0.2", 40000 + 2 * s),
                ep("10.0.0.9", 30000),
                p,
            ));
        }
    }
    let bytes = write_pcap(&ds).unwrap();
    let results = watchdog(move || {
        let (streams, origin) = read_streams(&bytes[..], &CaptureLimits::default()).unwrap();
        streams
            .streams
            .iter()
            .map(|s| {
                let a = analyze_stream(&streams, s, origin);
                (a.packets, estimate_quality(&streams, s, &a).map(|q| q.mos))
            })
            .collect::<Vec<_>>()
    });
    assert_eq!(results.len(), 300);
    for (packets, mos) in results {
        assert_eq!(packets, 130);
        // Nearly every sequence number lost: a MOS near the bottom of the scale.
        let mos = mos.unwrap();
        assert!((1.0..1.5).contains(&mos), "{mos}");
    }
}

/// Memory kept from a capture is bounded by the payload bytes limit: three datagrams
/// of 32 payload bytes fit in 96 bytes, not in 95.
#[test]
fn payload_bytes_kept_from_a_capture_stop_at_the_limit() {
    let ds: Vec<_> = (0..3u16)
        .map(|i| {
            dgram(
                T0,
                ep("10.0.0.1", 4000),
                ep("10.0.0.2", 5000),
                rtp(0, i, 0, 1),
            )
        })
        .collect();
    let bytes = write_pcap(&ds).unwrap();
    let fits = CaptureLimits::default().max_payload_bytes(96);
    assert_eq!(read_capture(&bytes[..], &fits).unwrap().datagrams.len(), 3);
    let short = CaptureLimits::default().max_payload_bytes(95);
    assert_eq!(
        read_capture(&bytes[..], &short).unwrap_err(),
        Error::Limit {
            what: "payload bytes kept from a capture",
            limit: 95
        }
    );
}

/// A pcapng of two interfaces, raw IPv4 (101) and a link type not read (147), with a
/// packet on each: the first is read, the second skipped and counted. With packets on
/// the second interface only, nothing can be read: an error at its first packet.
#[test]
fn pcapng_frames_on_an_interface_of_another_link_type_are_skipped_and_counted() {
    let mut f = shb(1, 0);
    f.extend(idb(101, 0));
    f.extend(idb(147, 0));
    f.extend(epb_on(1, 0));
    f.extend(epb_on(0, 0));
    let read = read(f).unwrap();
    assert_eq!(read.datagrams.len(), 1);
    assert_eq!(read.datagrams[0].frame, 2);
    assert_eq!(read.unreadable_link_frames, 1);
    let mut f = shb(1, 0);
    f.extend(idb(101, 0));
    f.extend(idb(147, 0));
    f.extend(epb_on(1, 0));
    f.extend(epb_on(1, 0));
    let (at, reason) = capture_error(f);
    // SHB 28 bytes and two IDBs of 36: the first packet block is at byte 100.
    assert_eq!(at, 100);
    assert!(reason.contains("link type 147"), "{reason}");
}
