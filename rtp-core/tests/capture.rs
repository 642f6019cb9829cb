//! Capture reading (pcap, pcapng, Ethernet, Linux cooked v1/v2, IPv4/IPv6) and stream
//! discovery.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::net::IpAddr;
use std::time::Duration;

use rtp_core::capture::*;
use rtp_core::packet::RtpPacketBuilder;

fn ep(a: &str, port: u16) -> Endpoint {
    Endpoint {
        addr: a.parse::<IpAddr>().unwrap(),
        port,
    }
}

fn rtp(seq: u16, ssrc: u32) -> Vec<u8> {
    RtpPacketBuilder::new()
        .payload_type(0)
        .sequence_number(seq)
        .timestamp(u32::from(seq) * 160)
        .ssrc(ssrc)
        .payload(&[0xFF; 20])
        .build()
        .unwrap()
}

fn dgram(t_us: u64, src: Endpoint, dst: Endpoint, payload: Vec<u8>) -> UdpDatagram {
    UdpDatagram {
        frame: 0,
        time: Duration::from_micros(t_us),
        src,
        dst,
        ipv6: src.addr.is_ipv6(),
        payload,
    }
}

#[test]
fn pcap_written_for_ipv4_and_ipv6_reads_back_identically() {
    let ds = vec![
        dgram(
            1_000_000,
            ep("10.0.0.1", 4000),
            ep("10.0.0.2", 5000),
            rtp(1, 9),
        ),
        dgram(
            1_020_123,
            ep("2001:db8::1", 4000),
            ep("2001:db8::2", 5000),
            rtp(2, 9),
        ),
    ];
    let bytes = write_pcap(&ds).unwrap();
    let back = read_udp(&bytes[..], &CaptureLimits::default()).unwrap();
    assert_eq!(back.len(), 2);
    for (i, (a, b)) in ds.iter().zip(&back).enumerate() {
        assert_eq!(b.frame, i as u64 + 1);
        assert_eq!(
            (a.time, a.src, a.dst, a.ipv6, &a.payload),
            (b.time, b.src, b.dst, b.ipv6, &b.payload)
        );
    }
}

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

fn ipv4_udp(payload: &[u8]) -> Vec<u8> {
    let total = (20 + 8 + payload.len()) as u16;
    let mut ip = vec![0x45, 0];
    ip.extend_from_slice(&total.to_be_bytes());
    ip.extend_from_slice(&[0, 0, 0x40, 0, 64, 17, 0, 0, 192, 0, 2, 1, 192, 0, 2, 2]);
    ip.extend_from_slice(&7000u16.to_be_bytes());
    ip.extend_from_slice(&8000u16.to_be_bytes());
    ip.extend_from_slice(&((8 + payload.len()) as u16).to_be_bytes());
    ip.extend_from_slice(&[0, 0]);
    ip.extend_from_slice(payload);
    ip
}

/// A pcapng with two interfaces written by hand from the pcapng spec: interface 0 is
/// Linux cooked v1 (link type 113) with nanosecond timestamps (if_tsresol = 9),
/// interface 1 is Linux cooked v2 (276) with the default microseconds.
#[test]
fn pcapng_with_linux_cooked_v1_and_v2_and_timestamp_resolution() {
    let mut f = Vec::new();
    let mut shb = 0x1A2B_3C4Du32.to_le_bytes().to_vec();
    shb.extend_from_slice(&[1, 0, 0, 0]);
    shb.extend_from_slice(&(-1i64).to_le_bytes());
    f.extend(block(0x0A0D_0D0A, &shb));
    let mut idb0 = vec![113, 0, 0, 0, 0, 0, 0, 0];
    idb0.extend_from_slice(&[9, 0, 1, 0, 9, 0, 0, 0, 0, 0, 0, 0]); // if_tsresol = 9, end
    f.extend(block(1, &idb0));
    f.extend(block(1, &[0x14, 0x01, 0, 0, 0, 0, 0, 0])); // 276 = SLL2
    let payload = rtp(5, 77);
    // SLL v1: packet type, ARPHRD, address length, 8 address bytes, protocol 0x0800.
    let mut sll = vec![0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0, 0x08, 0x00];
    sll.extend(ipv4_udp(&payload));
    let ts_ns: u64 = 1_700_000_000_123_456_789;
    let mut epb = 0u32.to_le_bytes().to_vec();
    epb.extend_from_slice(&((ts_ns >> 32) as u32).to_le_bytes());
    epb.extend_from_slice(&(ts_ns as u32).to_le_bytes());
    epb.extend_from_slice(&(sll.len() as u32).to_le_bytes());
    epb.extend_from_slice(&(sll.len() as u32).to_le_bytes());
    epb.extend_from_slice(&sll);
    f.extend(block(6, &epb));
    // SLL v2: protocol 0x0800, reserved, if index, ARPHRD, packet type, addr len, addr.
    let mut sll2 = vec![
        0x08, 0x00, 0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0,
    ];
    sll2.extend(ipv4_udp(&payload));
    let ts_us: u64 = 1_700_000_001_000_001;
    let mut epb2 = 1u32.to_le_bytes().to_vec();
    epb2.extend_from_slice(&((ts_us >> 32) as u32).to_le_bytes());
    epb2.extend_from_slice(&(ts_us as u32).to_le_bytes());
    epb2.extend_from_slice(&(sll2.len() as u32).to_le_bytes());
    epb2.extend_from_slice(&(sll2.len() as u32).to_le_bytes());
    epb2.extend_from_slice(&sll2);
    f.extend(block(6, &epb2));

    let ds = read_udp(&f[..], &CaptureLimits::default()).unwrap();
    assert_eq!(ds.len(), 2);
    assert_eq!(ds[0].time, Duration::from_nanos(ts_ns));
    assert_eq!(ds[1].time, Duration::from_micros(ts_us));
    for d in &ds {
        assert_eq!(d.src, ep("192.0.2.1", 7000));
        assert_eq!(d.dst, ep("192.0.2.2", 8000));
        assert_eq!(d.payload, payload);
    }
}

#[test]
fn heuristic_needs_a_run_of_consecutive_rtp_packets() {
    let a = ep("10.0.0.1", 4000);
    let b = ep("10.0.0.2", 5000);
    let c = ep("10.0.0.3", 6000);
    let mut ds: Vec<UdpDatagram> = (0..10)
        .map(|i| dgram(i * 20_000, a, b, rtp(100 + i as u16, 5)))
        .collect();
    // Three RTP-looking packets only, and a flow of non-RTP bytes.
    ds.extend((0..3).map(|i| dgram(i * 20_000 + 5, c, b, rtp(9 + i as u16, 6))));
    ds.extend((0..10).map(|i| {
        dgram(
            i * 20_000 + 7,
            b,
            c,
            vec![0x12, 0x34, i as u8, 0x00, 1, 2, 3],
        )
    }));
    let found = find_streams(&ds, &CaptureLimits::default());
    assert_eq!(found.streams.len(), 1);
    let s = &found.streams[0];
    assert_eq!(
        (s.src, s.dst, s.ssrc, s.discovery),
        (a, b, 5, Discovery::Heuristic)
    );
    assert_eq!(s.packets.len(), 10);
}

#[test]
fn sdp_in_sip_directs_streams_too_short_for_the_heuristic() {
    let sip = ep("10.0.0.1", 5060);
    let sip2 = ep("10.0.0.2", 5060);
    let media = ep("10.0.0.9", 30000);
    let peer = ep("10.0.0.2", 40000);
    let invite = "INVITE sip:b@x SIP/2.0\r\nCall-ID: 1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\nm=audio 30000 RTP/AVP 0 96\r\na=rtpmap:96 opus/48000/2\r\n";
    let ds = vec![
        dgram(0, sip, sip2, invite.as_bytes().to_vec()),
        dgram(10, peer, media, rtp(1, 42)),
        dgram(20, peer, media, rtp(2, 42)),
    ];
    let found = find_streams(&ds, &CaptureLimits::default());
    assert_eq!(found.signalled.endpoints, vec![media]);
    assert_eq!(found.clock_rate(96), Some(48000));
    assert_eq!(found.encoding(96), Some("opus"));
    assert_eq!(found.streams.len(), 1);
    assert_eq!(found.streams[0].discovery, Discovery::Signalled);
}

#[test]
fn truncated_or_foreign_captures_are_errors_not_panics() {
    let ds = vec![dgram(0, ep("10.0.0.1", 1), ep("10.0.0.2", 2), rtp(1, 1))];
    let bytes = write_pcap(&ds).unwrap();
    for cut in [0, 3, 10, 30, bytes.len() - 1] {
        assert!(
            read_udp(&bytes[..cut], &CaptureLimits::default()).is_err(),
            "cut at {cut}"
        );
    }
    assert!(read_udp(&b"GET / HTTP/1.1\r\n\r\n"[..], &CaptureLimits::default()).is_err());
    let limits = CaptureLimits {
        max_datagrams: 0,
        ..CaptureLimits::default()
    };
    assert!(matches!(
        read_udp(&bytes[..], &limits),
        Err(rtp_core::Error::Limit { .. })
    ));
}
