//! Writes a large synthetic VoIP capture for measuring `voipkit report` and
//! `voipkit rtp analyze` beside tshark: CALLS calls placed one after another (a new one
//! every 2 s), each with an INVITE/200/ACK carrying SDP, SECONDS of G.711 RTP both ways
//! at 50 packets/s with a little jitter and loss, and a BYE. The pcap is written record
//! by record, so the file may be far larger than memory.
//!
//! `cargo run --release -p capture --example synthetic_capture -- OUT.pcap CALLS SECONDS`
//! (e.g. 1000 calls × 100 s = 10 million RTP packets, about 2.1 GB).

use std::io::{BufWriter, Write};
use std::net::IpAddr;
use std::time::Duration;

use capture::{Endpoint, UdpDatagram, write_pcap};
use rtp_core::packet::RtpPacketBuilder;

fn ep(a: [u8; 4], port: u16) -> Endpoint {
    Endpoint {
        addr: IpAddr::from(a),
        port,
    }
}

fn sip_message(first: &str, call: u32, cseq: &str, to_tag: &str, sdp: Option<&str>) -> Vec<u8> {
    let body = sdp.unwrap_or("");
    format!(
        "{first}\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-{call}-{cseq_n}\r\n\
         From: <sip:alice@example.com>;tag=a{call}\r\nTo: <sip:+3120{call:07}@example.com>{to_tag}\r\n\
         Call-ID: synthetic-{call}@example.com\r\nCSeq: {cseq}\r\n{ct}Content-Length: {}\r\n\r\n{body}",
        body.len(),
        cseq_n = cseq.split(' ').next().unwrap_or("1"),
        ct = if sdp.is_some() {
            "Content-Type: application/sdp\r\n"
        } else {
            ""
        },
    )
    .into_bytes()
}

fn sdp(addr: &str, port: u16) -> String {
    format!(
        "v=0\r\no=- 1 1 IN IP4 {addr}\r\ns=-\r\nc=IN IP4 {addr}\r\nt=0 0\r\nm=audio {port} RTP/AVP 8 101\r\n\
         a=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: synthetic_capture OUT.pcap CALLS SECONDS";
    let path = args.next().ok_or(usage)?;
    let calls: u32 = args.next().ok_or(usage)?.parse()?;
    let seconds: u64 = args.next().ok_or(usage)?.parse()?;
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(&path)?);
    // The pcap header once, then each datagram's record without it.
    out.write_all(&write_pcap(&[])?)?;
    let mut write = |d: UdpDatagram| -> Result<(), Box<dyn std::error::Error>> {
        out.write_all(&write_pcap(&[d])?[24..])?;
        Ok(())
    };
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    let mut rnd = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let t0 = Duration::from_secs(1_767_225_600);
    let frame = Duration::from_millis(20);
    let payload = [0xD5u8; 160];
    // Calls overlap: one starts every 2 s and lasts SECONDS, so the packets of the
    // calls in progress interleave; they are written slot by slot (20 ms), in time
    // order but for the jitter within a slot.
    let mut packets = 0u64;
    let slots = (u64::from(calls) * 2 + seconds + 2) * 50;
    let caller = |call: u32| ep([10, 1, (call >> 8) as u8, call as u8], 5060);
    let callee = ep([10, 0, 0, 2], 5060);
    for slot in 0..slots {
        let now = t0 + frame * u32::try_from(slot)?;
        let first = slot.saturating_sub(seconds * 50 + 60) / 100;
        let last = (slot / 100).min(u64::from(calls).saturating_sub(1));
        for call in first..=last {
            let call = u32::try_from(call)?;
            let start_slot = u64::from(call) * 100;
            if slot < start_slot {
                continue;
            }
            let k = slot - start_slot;
            let (a_media, b_media) = (
                ep([10, 1, (call >> 8) as u8, call as u8], 20_000),
                ep([10, 0, 1, 2], 30_000 + (call % 10_000) as u16 * 2),
            );
            let d = |time: Duration, src, dst, payload| UdpDatagram {
                frame: 0,
                time,
                src,
                dst,
                ipv6: false,
                payload,
                agent: None,
            };
            let a_sdp = sdp(&a_media.addr.to_string(), a_media.port);
            let b_sdp = sdp(&b_media.addr.to_string(), b_media.port);
            match k {
                0 => write(d(
                    now,
                    caller(call),
                    callee,
                    sip_message(
                        "INVITE sip:+31200000000@example.com SIP/2.0",
                        call,
                        "1 INVITE",
                        "",
                        Some(&a_sdp),
                    ),
                ))?,
                5 => write(d(
                    now,
                    callee,
                    caller(call),
                    sip_message("SIP/2.0 180 Ringing", call, "1 INVITE", ";tag=b", None),
                ))?,
                50 => {
                    write(d(
                        now,
                        callee,
                        caller(call),
                        sip_message("SIP/2.0 200 OK", call, "1 INVITE", ";tag=b", Some(&b_sdp)),
                    ))?;
                    write(d(
                        now + Duration::from_millis(1),
                        caller(call),
                        callee,
                        sip_message(
                            "ACK sip:+31200000000@example.com SIP/2.0",
                            call,
                            "1 ACK",
                            ";tag=b",
                            None,
                        ),
                    ))?;
                }
                _ => {}
            }
            let media = k.checked_sub(51).filter(|m| *m < seconds * 50);
            if let Some(m) = media {
                for (dir, src, dst) in [(0u32, a_media, b_media), (1, b_media, a_media)] {
                    // About 0.5 % loss and up to 8 ms of jitter.
                    let r = rnd();
                    if r % 200 == 0 {
                        continue;
                    }
                    let seq = u16::try_from(m % 65_536)?;
                    let pkt = RtpPacketBuilder::new()
                        .payload_type(8)
                        .sequence_number(seq)
                        .timestamp(u32::try_from(m * 160 % (1 << 32))?)
                        .ssrc(call * 2 + dir + 1)
                        .payload(&payload)
                        .build()?;
                    write(d(
                        now + Duration::from_micros((r >> 8) % 8000),
                        src,
                        dst,
                        pkt,
                    ))?;
                    packets += 1;
                }
            }
            if k == 51 + seconds * 50 {
                write(d(
                    now,
                    caller(call),
                    callee,
                    sip_message(
                        "BYE sip:+31200000000@example.com SIP/2.0",
                        call,
                        "2 BYE",
                        ";tag=b",
                        None,
                    ),
                ))?;
            }
        }
    }
    out.flush()?;
    eprintln!("{path}: {calls} calls, {packets} RTP packets");
    Ok(())
}
