//! Writes a capture of a call forwarded between carriers and refused busy: the INVITE of
//! `samples/invite_forwarded.sip` (P-Asserted-Identity, Diversion, History-Info, a
//! SHAKEN and a `div` Identity) and a 486 to it 40 ms later (Q.850 cause 17), as pcap.
//!
//! `cargo run -p capture --example forwarded_sample -- samples/invite_forwarded.sip samples/forwarded.pcap`

use std::time::Duration;

use capture::{Endpoint, UdpDatagram, write_pcap};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: forwarded_sample INVITE.sip OUT.pcap";
    let (invite, out) = (args.next().ok_or(usage)?, args.next().ok_or(usage)?);
    let invite = std::fs::read(invite)?;
    let text = String::from_utf8(invite.clone())?;
    let header = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .map(str::to_owned)
            .ok_or(format!("the INVITE has no {name}"))
    };
    let busy = format!(
        "SIP/2.0 486 Busy Here\r\n{}\r\n{}\r\n{};tag=b9\r\n{}\r\n{}\r\nReason: Q.850;cause=17;text=\"User busy\"\r\nContent-Length: 0\r\n\r\n",
        header("Via:")?,
        header("From:")?,
        header("To:")?,
        header("Call-ID:")?,
        header("CSeq:")?,
    );
    let ep = |addr: [u8; 4]| Endpoint {
        addr: addr.into(),
        port: 5060,
    };
    // 2026-12-05T12:00:00Z, the PASSporT's `iat`.
    let at = |ms: u64| Duration::from_millis(1_796_472_000_000 + ms);
    let carrier_a = ep([203, 0, 113, 5]);
    let carrier_b = ep([198, 51, 100, 9]);
    let d = |time, src, dst, payload| UdpDatagram {
        frame: 0,
        time,
        src,
        dst,
        ipv6: false,
        payload,
        agent: None,
    };
    let pcap = write_pcap(&[
        d(at(0), carrier_a, carrier_b, invite),
        d(at(40), carrier_b, carrier_a, busy.into_bytes()),
    ])?;
    std::fs::write(out, pcap)?;
    Ok(())
}
