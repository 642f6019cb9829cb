//! `read_calls_measured`: the same calls and the same figures as reading the whole
//! capture first, with streams let go while the capture is read.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::cell::Cell;
use std::io::Read;
use std::net::IpAddr;
use std::rc::Rc;
use std::time::Duration;

use capture::{
    CaptureLimits, Endpoint, StreamQuality, UdpDatagram, measure_stream, read_calls,
    read_calls_measured, write_pcap,
};
use sip_core::calls::ObserverLimits;

fn ep(a: [u8; 4], port: u16) -> Endpoint {
    Endpoint {
        addr: IpAddr::from(a),
        port,
    }
}

fn sip(first: &str, call: u32, cseq: &str, to_tag: &str, sdp: Option<String>) -> Vec<u8> {
    let body = sdp.unwrap_or_default();
    format!(
        "{first}\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK-{call}-{n}\r\n\
         From: <sip:alice@example.com>;tag=a{call}\r\nTo: <sip:bob@example.com>{to_tag}\r\n\
         Call-ID: m-{call}\r\nCSeq: {cseq}\r\n{ct}Content-Length: {}\r\n\r\n{body}",
        body.len(),
        n = cseq.len(),
        ct = if body.is_empty() {
            ""
        } else {
            "Content-Type: application/sdp\r\n"
        },
    )
    .into_bytes()
}

fn sdp(at: Endpoint) -> String {
    format!(
        "v=0\r\no=- 1 1 IN IP4 {a}\r\ns=-\r\nc=IN IP4 {a}\r\nt=0 0\r\nm=audio {p} RTP/AVP 0\r\n",
        a = at.addr,
        p = at.port
    )
}

/// `calls` calls, one every `spacing`, each with `seconds` of PCMU both ways (every
/// 37th packet lost, every 11th 15 ms late), in time order, and then a minute of one
/// stream no SDP announced.
fn capture(calls: u32, spacing: u64, seconds: u64) -> Vec<u8> {
    let mut out: Vec<UdpDatagram> = Vec::new();
    let d = |ms: u64, src, dst, payload| UdpDatagram {
        frame: 0,
        time: Duration::from_millis(1_000_000 + ms),
        src,
        dst,
        ipv6: false,
        payload,
        agent: None,
    };
    let rtp = |ssrc: u32, seq: u16| {
        let mut p = vec![0x80, 0, 0, 0, 0, 0, 0, 0];
        p[2..4].copy_from_slice(&seq.to_be_bytes());
        p[4..8].copy_from_slice(&(u32::from(seq) * 160).to_be_bytes());
        p.extend_from_slice(&ssrc.to_be_bytes());
        p.extend_from_slice(&[0xff; 160]);
        p
    };
    for call in 0..calls {
        let start = u64::from(call) * spacing * 1000;
        let (a_sip, b_sip) = (ep([10, 1, 0, call as u8], 5060), ep([10, 0, 0, 2], 5060));
        let (a_rtp, b_rtp) = (
            ep([10, 1, 0, call as u8], 20_000),
            ep([10, 0, 1, 2], 30_000 + call as u16 * 2),
        );
        let invite = "INVITE sip:bob@example.com SIP/2.0";
        out.push(d(
            start,
            a_sip,
            b_sip,
            sip(invite, call, "1 INVITE", "", Some(sdp(a_rtp))),
        ));
        let ok = sip(
            "SIP/2.0 200 OK",
            call,
            "1 INVITE",
            ";tag=b",
            Some(sdp(b_rtp)),
        );
        out.push(d(start + 500, b_sip, a_sip, ok));
        for k in 0..seconds * 50 {
            let seq = k as u16;
            let late = if k % 11 == 5 { 15 } else { 0 };
            let t = start + 600 + k * 20 + late;
            if k % 37 != 3 {
                out.push(d(t, a_rtp, b_rtp, rtp(0xA000 + call, seq)));
            }
            out.push(d(t + 3, b_rtp, a_rtp, rtp(0xB000 + call, seq)));
        }
        let end = start + 600 + seconds * 1000;
        let bye = sip(
            "BYE sip:bob@example.com SIP/2.0",
            call,
            "2 BYE",
            ";tag=b",
            None,
        );
        out.push(d(end, a_sip, b_sip, bye));
    }
    let last = out.iter().map(|d| d.time).max().unwrap_or_default();
    let (x, y) = (ep([192, 0, 2, 1], 7000), ep([192, 0, 2, 2], 7002));
    for k in 0..3000u64 {
        let t = last.as_millis() as u64 - 1_000_000 + 1000 + k * 20;
        out.push(d(t, x, y, rtp(0xC0DE, k as u16)));
    }
    out.sort_by_key(|d| d.time);
    write_pcap(&out).unwrap()
}

/// A reader that counts what was read.
struct Counting<'a> {
    inner: &'a [u8],
    read: Rc<Cell<usize>>,
}

impl Read for Counting<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n);
        Ok(n)
    }
}

#[test]
fn measured_reading_gives_the_batch_reading_s_calls_and_figures() {
    // 20 calls 5 s apart of 20 s each: the first calls end and go quiet long before
    // the capture does.
    let pcap = capture(20, 5, 20);
    let limits = CaptureLimits::default();
    let batch = read_calls(&pcap[..], &limits, ObserverLimits::default()).unwrap();
    let read_so_far = Rc::new(Cell::new(0));
    let reader = Counting {
        inner: &pcap[..],
        read: Rc::clone(&read_so_far),
    };
    let at_measure = Rc::new(Cell::new(Vec::new()));
    let seen = Rc::clone(&at_measure);
    let measured = read_calls_measured(reader, &limits, ObserverLimits::default(), |m, s, o| {
        let mut v = seen.take();
        v.push(read_so_far.get());
        seen.set(v);
        measure_stream(m, s, o)
    })
    .unwrap();

    // 20 calls × 2 directions plus the unannounced stream.
    assert_eq!(batch.streams.streams.len(), 41);
    assert_eq!(measured.streams.len(), 41);
    assert_eq!(measured.origin, batch.origin);
    assert_eq!(measured.unsignalled, batch.unsignalled);
    assert_eq!(measured.unsignalled.len(), 1);
    assert_eq!(measured.calls, batch.calls);
    for (m, b) in measured.streams.iter().zip(&batch.streams.streams) {
        assert_eq!((m.src, m.dst, m.ssrc), (b.src, b.dst, b.ssrc));
        assert_eq!(m.first, b.packets[0]);
        let expected: StreamQuality = measure_stream(&batch.streams, b, batch.origin);
        assert_eq!(m.measure, expected, "stream 0x{:X}", b.ssrc);
    }
    // A 20 s stream at 50 packets/s, one packet in 37 lost on the caller's side.
    let first = &measured.streams[0].measure.analysis;
    assert_eq!((first.packets, first.lost), (973, 27));
    // Most streams were measured, and their packets let go, well before the capture
    // was read to its end.
    let positions = at_measure.take();
    let early = positions
        .iter()
        .filter(|&&p| p < pcap.len() * 3 / 4)
        .count();
    assert!(
        early * 3 >= positions.len(),
        "{early} of {} streams measured early",
        positions.len()
    );
}

#[test]
fn a_stream_of_a_call_in_progress_is_kept_through_a_long_silence() {
    // One call of 100 s whose streams pause from 20 s to 80 s (hold without RTP): the
    // call is in progress, so each direction stays one stream, as in the batch reading.
    let full = capture(1, 5, 100);
    let limits = CaptureLimits::default();
    let read = capture::read_capture(&full[..], &limits).unwrap();
    let kept: Vec<UdpDatagram> = read
        .datagrams
        .into_iter()
        .filter(|d| {
            let t = d.time.as_millis() as u64 - 1_000_000;
            let rtp_of_call = d.src.port >= 20_000 && d.src.port < 40_000;
            !(rtp_of_call && (20_600..80_600).contains(&t))
        })
        .collect();
    let pcap = write_pcap(&kept).unwrap();
    let measured = read_calls_measured(&pcap[..], &limits, ObserverLimits::default(), |m, s, o| {
        measure_stream(m, s, o)
    })
    .unwrap();
    assert_eq!(measured.calls[0].streams.len(), 2);
    let a = &measured.streams[measured.calls[0].streams[0].index]
        .measure
        .analysis;
    // 60 s of silence is the stream's largest gap.
    assert!(a.max_delta_ms >= 60_000.0, "{}", a.max_delta_ms);
}
