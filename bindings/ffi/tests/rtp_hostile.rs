//! Hostile input through the FFI's RTP and jitter-buffer functions: a typed
//! `VoipkitError::Rtp` with its offset, or a documented result, never a panic or a
//! hang (each capture case runs under a 60 s watchdog, a guard against hangs only).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::IpAddr;
use std::sync::mpsc;
use std::time::Duration;

use capture::{Endpoint, UdpDatagram, write_pcap};
use voipkit_ffi::{
    JitterBuffer, JitterBufferConfig, VoipkitError, rtp_analyze_capture, rtp_playout_capture,
};

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

fn rtp(seq: u16, ts: u32) -> Vec<u8> {
    let mut p = vec![0x80, 96];
    p.extend_from_slice(&seq.to_be_bytes());
    p.extend_from_slice(&ts.to_be_bytes());
    p.extend_from_slice(&0x5555_5555u32.to_be_bytes());
    p.extend_from_slice(&[0xD5; 20]);
    p
}

/// An INVITE announcing 10.0.0.9:30000 with `a=rtpmap:96 <rtpmap>`, then PT 96 packets
/// `(ms after the INVITE, seq, timestamp)`.
fn call(rtpmap: &str, packets: &[(u64, u16, u32)]) -> Vec<u8> {
    let t0 = Duration::from_secs(1_700_000_000);
    let sip = format!(
        "INVITE sip:b@x SIP/2.0\r\nCall-ID: c\r\nContent-Type: application/sdp\r\n\r\n\
         v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\n\
         m=audio 30000 RTP/AVP 96\r\na=rtpmap:96 {rtpmap}\r\n"
    );
    let mut ds = vec![dgram(
        t0,
        ep("10.0.0.1", 5060),
        ep("10.0.0.2", 5060),
        sip.into_bytes(),
    )];
    for &(ms, seq, ts) in packets {
        ds.push(dgram(
            t0 + Duration::from_millis(ms),
            ep("10.0.0.2", 40000),
            ep("10.0.0.9", 30000),
            rtp(seq, ts),
        ));
    }
    write_pcap(&ds).unwrap()
}

fn regular(n: u16, step: u32) -> Vec<(u64, u16, u32)> {
    (0..n)
        .map(|i| (20 * u64::from(i), i, u32::from(i) * step))
        .collect()
}

fn rtp_error(r: Result<impl std::fmt::Debug, VoipkitError>) -> (u64, String) {
    match r {
        // Every RTP error names its kind (`capture`, `truncated`, `out_of_range`, ...).
        Err(VoipkitError::Rtp {
            kind,
            offset,
            reason,
        }) if !kind.is_empty() => (offset, reason),
        other => panic!("expected an Rtp error, got {other:?}"),
    }
}

#[test]
fn capture_functions_refuse_unreadable_captures_at_their_offset() {
    let good = call("PCMA/8000", &regular(10, 160));
    let mut version = good.clone();
    version[4..8].copy_from_slice(&[9, 0, 9, 0]);
    let mut link = good.clone();
    link[20..24].copy_from_slice(&147u32.to_le_bytes());
    let cut = good[..good.len() - 10].to_vec();
    let last = (good.len() - 90) as u64;
    for (name, bytes, offset, says) in [
        ("version", version, 4, "pcap version 9.9"),
        ("link", link, 20, "link type 147"),
        ("cut", cut, last, "announces 74 bytes"),
    ] {
        let b = bytes.clone();
        match watchdog({
            let b = bytes.clone();
            move || rtp_analyze_capture(b)
        }) {
            Err(VoipkitError::Rtp { kind, .. }) => assert!(kind == "capture", "{name}: {kind}"),
            other => panic!("{name}: expected an RTP error, got {other:?}"),
        }
        let (at, reason) = rtp_error(watchdog(move || rtp_analyze_capture(b)));
        assert_eq!(
            (at, reason.contains(says)),
            (offset, true),
            "{name}: {reason}"
        );
        let (at, reason) = rtp_error(watchdog(move || rtp_playout_capture(bytes, 0, 1000)));
        assert_eq!(
            (at, reason.contains(says)),
            (offset, true),
            "{name}: {reason}"
        );
    }
}

#[test]
fn analysis_gives_no_mos_and_playout_an_error_for_a_clock_rate_out_of_range() {
    for rate in [999u32, 1_000_000_000, u32::MAX] {
        let bytes = call(&format!("X/{rate}"), &regular(20, 160));
        let b = bytes.clone();
        let reports = watchdog(move || rtp_analyze_capture(b)).unwrap();
        assert_eq!(reports[0].packets, 20);
        assert_eq!((reports[0].mos, reports[0].r_factor), (None, None));
        let (_, reason) = rtp_error(watchdog(move || rtp_playout_capture(bytes, 0, 1000)));
        assert!(
            reason.contains(&format!("clock rate (Hz) {rate} is outside")),
            "{reason}"
        );
    }
}

#[test]
fn playout_refuses_delays_above_ten_seconds_and_plays_one_corrupt_time() {
    let bytes = call("PCMA/8000", &regular(10, 160));
    let b = bytes.clone();
    let (_, reason) = rtp_error(watchdog(move || rtp_playout_capture(b, 0, u32::MAX)));
    assert!(
        reason.contains("largest playout delay (ms) 4294967295"),
        "{reason}"
    );
    let (_, reason) = rtp_error(watchdog(move || rtp_playout_capture(bytes, 30, 20)));
    assert!(
        reason.contains("smallest playout delay (ms) 30"),
        "{reason}"
    );
    // Ten packets, the last stamped 50 years late: nine play, the last is late.
    let mut packets = regular(10, 160);
    packets[9].0 += 50 * 365 * 86_400 * 1000;
    let bytes = call("PCMA/8000", &packets);
    let r = watchdog(move || rtp_playout_capture(bytes, 0, 1000)).unwrap();
    assert_eq!((r[0].received, r[0].played, r[0].late), (10, 9, 1));
}

/// The buffer object at any clock rate, with random packets, times up to the largest
/// microsecond count and a pop per push: typed results, no panic, never more than its
/// capacity held.
#[test]
fn jitter_buffer_object_takes_extreme_clock_rates_and_times() {
    for clock_rate in [0, 1, 999, 8000, 192_000, 1_000_000_000, u32::MAX] {
        let jb = JitterBuffer::with_config(JitterBufferConfig {
            clock_rate,
            capacity: 16,
            ..JitterBufferConfig::default()
        });
        let mut x = 0x9E37_79B9u32;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x
        };
        let mut now = 0u64;
        for i in 0..2000u32 {
            let r = next();
            now = match r % 4 {
                0 => now.saturating_add(20_000),
                1 => now.saturating_add(u64::from(r)),
                2 => u64::MAX - u64::from(r % 1000),
                _ => now,
            };
            let seq = if r % 3 == 0 { i as u16 } else { r as u16 };
            jb.push(rtp(seq, next()), now).unwrap();
            jb.pop(now).unwrap();
        }
        let s = jb.stats();
        assert_eq!(s.received, 2000, "{clock_rate}");
        // A datagram that is not RTP is a typed error with its offset.
        assert!(matches!(
            jb.push(vec![0x80, 0], 0),
            Err(VoipkitError::Rtp { .. })
        ));
    }
}
