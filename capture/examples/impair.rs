//! Impairs the answered call of a capture made by `samples/field/make.sh` the way a
//! poor network and a held phone would, deterministically, and writes the result as a
//! pcap:
//!
//! - **caller → callee** (the RTP to port 7000): jitter, each packet late by
//!   `(7919·k) mod 13` ms (k: the packet's index in the stream), and a delay spike:
//!   packets 100 to 109 held back and delivered in a burst, 280 ms after packet 100
//!   was due, half a millisecond apart;
//! - **callee → caller** (the RTP to port 6000): one packet in twenty lost (indices
//!   7, 27, 47, ...), and silence while the call is on hold (from the hold re-INVITE,
//!   `a=sendonly`, to the resume re-INVITE): the held phone sends nothing, and numbers
//!   the packets after the hold on from the last before it, as a phone that stops
//!   sending does (so the silence is not loss).
//!
//! `cargo run --release -p capture --example impair -- IN.pcap OUT.pcap`

use std::time::Duration;

use capture::{CaptureLimits, UdpDatagram, read_capture, write_pcap};

/// The callee's and the caller's media ports in the scenarios.
const CALLEE_MEDIA: u16 = 7000;
const CALLER_MEDIA: u16 = 6000;

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: impair IN.pcap OUT.pcap";
    let input = args.next().ok_or(usage)?;
    let output = args.next().ok_or(usage)?;
    let read = read_capture(std::fs::File::open(&input)?, &CaptureLimits::default())?;
    let sip_at = |pattern: &[u8]| {
        read.datagrams
            .iter()
            .find(|d| d.payload.starts_with(b"INVITE") && contains(&d.payload, pattern))
            .map(|d| d.time)
    };
    let hold = sip_at(b"a=sendonly").ok_or("no hold re-INVITE in the capture")?;
    let resume = sip_at(b"CSeq: 3 INVITE").ok_or("no resume re-INVITE in the capture")?;

    let mut out: Vec<UdpDatagram> = Vec::with_capacity(read.datagrams.len());
    let (mut to_callee, mut to_caller) = (0u64, 0u64);
    let mut spike_base = None;
    let (mut silenced, mut lost) = (0u16, 0u64);
    for mut d in read.datagrams {
        let rtp = d.payload.first().is_some_and(|b| b >> 6 == 2) && d.payload.len() >= 12;
        if rtp && d.dst.port == CALLEE_MEDIA {
            let k = to_callee;
            to_callee += 1;
            if k == 100 {
                spike_base = Some(d.time);
            }
            d.time += match (k, spike_base) {
                (100..=109, Some(base)) => {
                    // Delivered in a burst: 280 ms after packet 100 was due.
                    let burst = base + Duration::from_micros(280_000 + 500 * (k - 100));
                    burst.saturating_sub(d.time)
                }
                _ => Duration::from_millis((7919 * k) % 13),
            };
        } else if rtp && d.dst.port == CALLER_MEDIA {
            let k = to_caller;
            to_caller += 1;
            if d.time >= hold && d.time < resume {
                silenced += 1;
                continue;
            }
            if k % 20 == 7 {
                lost += 1;
                continue;
            }
            let seq = u16::from_be_bytes([d.payload[2], d.payload[3]]).wrapping_sub(silenced);
            d.payload[2..4].copy_from_slice(&seq.to_be_bytes());
        }
        out.push(d);
    }
    out.sort_by_key(|d| d.time);
    std::fs::write(&output, write_pcap(&out)?)?;
    println!(
        "{output}: {} datagrams; to the callee {to_callee} RTP packets (10 in a spike); \
         to the caller {to_caller}, {silenced} silent on hold, {lost} lost",
        out.len()
    );
    Ok(())
}
