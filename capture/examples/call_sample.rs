//! Writes a small SIP + RTP call capture (INVITE/200/ACK with SDP, G.711 both ways with
//! jitter, a little loss and one reordered pair, BYE/200) to the path given, as pcap.
//! With an MTU as second argument, IP packets larger than it are written as fragments.
//!
//! `cargo run -p capture --example call_sample -- samples/call.pcap`
//! `cargo run -p capture --example call_sample -- samples/call_fragmented.pcap 400`

use std::net::IpAddr;
use std::time::Duration;

use capture::{Endpoint, UdpDatagram, write_pcap_with_mtu};
use rtp_core::packet::RtpPacketBuilder;

fn ep(addr: &str, port: u16) -> Endpoint {
    Endpoint {
        addr: addr.parse::<IpAddr>().unwrap_or(IpAddr::from([0, 0, 0, 0])),
        port,
    }
}

fn sip(text: &str) -> Vec<u8> {
    text.replace('\n', "\r\n").into_bytes()
}

fn sdp(addr: &str, port: u16, session: u32) -> String {
    format!(
        "v=0\no=- {session} 1 IN IP4 {addr}\ns=-\nc=IN IP4 {addr}\nt=0 0\nm=audio {port} RTP/AVP 8 0 101\na=rtpmap:8 PCMA/8000\na=rtpmap:0 PCMU/8000\na=rtpmap:101 telephone-event/8000\na=ptime:20\n"
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: call_sample OUT.pcap [MTU]")?;
    let mtu = match std::env::args().nth(2) {
        Some(m) => m.parse::<usize>()?,
        None => usize::MAX,
    };
    let alice_sip = ep("192.0.2.10", 5060);
    let bob_sip = ep("198.51.100.20", 5060);
    let alice_rtp = ep("192.0.2.10", 17000);
    let bob_rtp = ep("198.51.100.20", 23456);
    let t0 = 1_767_225_600_000_000u64; // 2026-01-01T00:00:00Z in microseconds
    let mut out = Vec::new();
    let mut push = |us: u64, src: Endpoint, dst: Endpoint, payload: Vec<u8>| {
        out.push(UdpDatagram {
            frame: 0,
            time: Duration::from_micros(t0 + us),
            src,
            dst,
            ipv6: false,
            payload,
            agent: None,
        });
    };
    let offer = sdp("192.0.2.10", 17000, 1001);
    let answer = sdp("198.51.100.20", 23456, 2002);
    let call_id = "a84b4c76e66710@192.0.2.10";
    push(
        0,
        alice_sip,
        bob_sip,
        sip(&format!(
            "INVITE sip:+3221234567@198.51.100.20 SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds\nMax-Forwards: 70\nTo: <sip:+3221234567@198.51.100.20>\nFrom: <sip:alice@192.0.2.10>;tag=1928301774\nCall-ID: {call_id}\nCSeq: 1 INVITE\nContact: <sip:alice@192.0.2.10:5060>\nContent-Type: application/sdp\nContent-Length: {}\n\n{offer}",
            offer.replace('\n', "\r\n").len()
        )),
    );
    push(
        180_000,
        bob_sip,
        alice_sip,
        sip(&format!(
            "SIP/2.0 200 OK\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds\nTo: <sip:+3221234567@198.51.100.20>;tag=a6c85cf\nFrom: <sip:alice@192.0.2.10>;tag=1928301774\nCall-ID: {call_id}\nCSeq: 1 INVITE\nContact: <sip:+3221234567@198.51.100.20:5060>\nContent-Type: application/sdp\nContent-Length: {}\n\n{answer}",
            answer.replace('\n', "\r\n").len()
        )),
    );
    push(
        200_000,
        alice_sip,
        bob_sip,
        sip(&format!(
            "ACK sip:+3221234567@198.51.100.20:5060 SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhdt\nMax-Forwards: 70\nTo: <sip:+3221234567@198.51.100.20>;tag=a6c85cf\nFrom: <sip:alice@192.0.2.10>;tag=1928301774\nCall-ID: {call_id}\nCSeq: 1 ACK\nContent-Length: 0\n\n"
        )),
    );
    // Media: 150 packets each way, 20 ms apart, deterministic jitter.
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    let mut rnd = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for (dir, (src, dst, ssrc, seq0, jit_us)) in [
        (alice_rtp, bob_rtp, 0x5EED_A11Cu32, 4000u16, 6_000u64),
        (bob_rtp, alice_rtp, 0x0B0B_0B0Bu32, 65500u16, 18_000u64),
    ]
    .into_iter()
    .enumerate()
    {
        let mut sent = Vec::new();
        for i in 0..150u64 {
            // Bob's side loses 3 packets and has one reordered pair.
            if dir == 1 && [40, 41, 97].contains(&i) {
                continue;
            }
            let arrival = 220_000 + i * 20_000 + 25_000 + rnd() % jit_us;
            sent.push((i, arrival));
        }
        if dir == 1 {
            sent.swap(60, 61);
            let (a, b) = (sent[60].1, sent[61].1);
            sent[60].1 = a.min(b);
            sent[61].1 = a.max(b);
        }
        let mut last = 0;
        for (i, arrival) in sent {
            let arrival = arrival.max(last + 100);
            last = arrival;
            let payload = RtpPacketBuilder::new()
                .payload_type(8)
                .sequence_number(seq0.wrapping_add(i as u16))
                .timestamp(8000 + 160 * i as u32)
                .ssrc(ssrc)
                .marker(i == 0)
                .payload(&[0xD5; 160])
                .build()?;
            push(arrival, src, dst, payload);
        }
    }
    push(
        3_300_000,
        alice_sip,
        bob_sip,
        sip(&format!(
            "BYE sip:+3221234567@198.51.100.20:5060 SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhdu\nMax-Forwards: 70\nTo: <sip:+3221234567@198.51.100.20>;tag=a6c85cf\nFrom: <sip:alice@192.0.2.10>;tag=1928301774\nCall-ID: {call_id}\nCSeq: 2 BYE\nContent-Length: 0\n\n"
        )),
    );
    push(
        3_340_000,
        bob_sip,
        alice_sip,
        sip(&format!(
            "SIP/2.0 200 OK\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhdu\nTo: <sip:+3221234567@198.51.100.20>;tag=a6c85cf\nFrom: <sip:alice@192.0.2.10>;tag=1928301774\nCall-ID: {call_id}\nCSeq: 2 BYE\nContent-Length: 0\n\n"
        )),
    );
    out.sort_by_key(|d| d.time);
    std::fs::write(path, write_pcap_with_mtu(&out, mtu)?)?;
    Ok(())
}
