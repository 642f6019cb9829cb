//! RTCP compound packets (RFC 3550 section 6): SR, RR, SDES, BYE, APP, the generic NACK
//! of RFC 4585 and XR with the VoIP metrics block of RFC 3611.
//!
//! [`RtcpCompound::parse`] applies the validity checks of RFC 3550 A.2 and gives borrowed
//! [`RawRtcp`] views of each packet; [`RawRtcp::parse`] decodes one into the owned,
//! plain-data [`RtcpPacket`], which writes itself back with [`RtcpPacket::write_into`].
//!
//! ```
//! use rtp_core::rtcp::{RtcpCompound, RtcpPacket, ReceiverReport, Bye, write_compound};
//!
//! let packets = vec![
//!     RtcpPacket::ReceiverReport(ReceiverReport { ssrc: 1, reports: vec![], profile_extension: vec![] }),
//!     RtcpPacket::Goodbye(Bye { sources: vec![1], reason: b"done".to_vec() }),
//! ];
//! let bytes = write_compound(&packets)?;
//! let compound = RtcpCompound::parse(&bytes)?;
//! assert_eq!(compound.packets()?, packets);
//! # Ok::<(), rtp_core::Error>(())
//! ```

use crate::error::{Error, Result, malformed, truncated};

/// RTCP packet type: sender report.
pub const PT_SR: u8 = 200;
/// RTCP packet type: receiver report.
pub const PT_RR: u8 = 201;
/// RTCP packet type: source description.
pub const PT_SDES: u8 = 202;
/// RTCP packet type: goodbye.
pub const PT_BYE: u8 = 203;
/// RTCP packet type: application-defined.
pub const PT_APP: u8 = 204;
/// RTCP packet type: transport-layer feedback (RFC 4585).
pub const PT_RTPFB: u8 = 205;
/// RTCP packet type: extended report (RFC 3611).
pub const PT_XR: u8 = 207;

#[inline]
fn be16(b: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([b[at], b[at + 1]])
}
#[inline]
fn be32(b: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// One reception report block (RFC 3550 6.4.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReportBlock {
    /// The source this block reports on.
    pub ssrc: u32,
    /// Fraction lost since the previous report, 8-bit fixed point.
    pub fraction_lost: u8,
    /// Cumulative number of packets lost (signed 24-bit).
    pub cumulative_lost: i32,
    /// Extended highest sequence number received.
    pub extended_highest_seq: u32,
    /// Interarrival jitter in timestamp units.
    pub jitter: u32,
    /// Last SR timestamp (middle 32 bits of its NTP time).
    pub last_sr: u32,
    /// Delay since the last SR in 1/65536 s.
    pub delay_since_last_sr: u32,
}

/// The sender information of an SR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SenderInfo {
    /// NTP timestamp (64-bit fixed point).
    pub ntp_timestamp: u64,
    /// The RTP timestamp corresponding to it.
    pub rtp_timestamp: u32,
    /// Packets sent.
    pub packet_count: u32,
    /// Payload octets sent.
    pub octet_count: u32,
}

/// A sender report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SenderReport {
    /// The sender.
    pub ssrc: u32,
    /// What it sent.
    pub sender_info: SenderInfo,
    /// Reception report blocks (at most 31).
    pub reports: Vec<ReportBlock>,
    /// Profile-specific extension bytes after the blocks.
    pub profile_extension: Vec<u8>,
}

/// A receiver report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReceiverReport {
    /// The reporter.
    pub ssrc: u32,
    /// Reception report blocks (at most 31).
    pub reports: Vec<ReportBlock>,
    /// Profile-specific extension bytes after the blocks.
    pub profile_extension: Vec<u8>,
}

/// One SDES item (type 1 CNAME, 2 NAME, ... 8 PRIV).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SdesItem {
    /// The item type (1..=255).
    pub kind: u8,
    /// The item text (UTF-8 by the RFC, kept as bytes).
    pub value: Vec<u8>,
}

/// One SDES chunk.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SdesChunk {
    /// The source described.
    pub ssrc: u32,
    /// Its items.
    pub items: Vec<SdesItem>,
}

/// A BYE packet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Bye {
    /// Sources leaving.
    pub sources: Vec<u32>,
    /// Reason for leaving (empty when absent).
    pub reason: Vec<u8>,
}

/// An APP packet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct App {
    /// The 5-bit subtype.
    pub subtype: u8,
    /// The sender.
    pub ssrc: u32,
    /// The four ASCII name bytes.
    pub name: [u8; 4],
    /// Application data (a multiple of 4 bytes).
    pub data: Vec<u8>,
}

/// One generic NACK field: a lost packet id and a bitmask of the 16 following.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NackPair {
    /// Packet id (sequence number) of a lost packet.
    pub pid: u16,
    /// Bitmask of following lost packets (bit i means `pid + i + 1`).
    pub blp: u16,
}

/// A generic NACK (RFC 4585 6.2.1: RTPFB, FMT 1).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Nack {
    /// The packet sender.
    pub sender_ssrc: u32,
    /// The media source the feedback is about.
    pub media_ssrc: u32,
    /// The FCI entries.
    pub pairs: Vec<NackPair>,
}

impl Nack {
    /// Every sequence number reported lost, in FCI order.
    pub fn lost_sequence_numbers(&self) -> Vec<u16> {
        let mut out = Vec::new();
        for p in &self.pairs {
            out.push(p.pid);
            for i in 0..16u16 {
                if p.blp & (1 << i) != 0 {
                    out.push(p.pid.wrapping_add(i + 1));
                }
            }
        }
        out
    }

    /// Builds NACK entries for `lost` (each run of up to 17 packets shares one entry).
    pub fn from_lost(sender_ssrc: u32, media_ssrc: u32, lost: &[u16]) -> Self {
        let mut pairs: Vec<NackPair> = Vec::new();
        for &seq in lost {
            if let Some(last) = pairs.last_mut() {
                let d = seq.wrapping_sub(last.pid);
                if (1..=16).contains(&d) {
                    last.blp |= 1 << (d - 1);
                    continue;
                }
            }
            pairs.push(NackPair { pid: seq, blp: 0 });
        }
        Self {
            sender_ssrc,
            media_ssrc,
            pairs,
        }
    }
}

/// The VoIP metrics report block (RFC 3611 4.7, block type 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VoipMetrics {
    /// The source reported on.
    pub ssrc: u32,
    /// Loss rate, fraction of packets lost × 256.
    pub loss_rate: u8,
    /// Discard rate, fraction discarded × 256.
    pub discard_rate: u8,
    /// Burst density × 256.
    pub burst_density: u8,
    /// Gap density × 256.
    pub gap_density: u8,
    /// Mean burst duration, ms.
    pub burst_duration: u16,
    /// Mean gap duration, ms.
    pub gap_duration: u16,
    /// Round-trip delay, ms.
    pub round_trip_delay: u16,
    /// End-system delay, ms.
    pub end_system_delay: u16,
    /// Signal level, dBm0 (signed).
    pub signal_level: i8,
    /// Noise level, dBm0 (signed).
    pub noise_level: i8,
    /// Residual echo return loss, dB.
    pub rerl: u8,
    /// Gap threshold.
    pub gmin: u8,
    /// R factor (127 = unavailable).
    pub r_factor: u8,
    /// External R factor.
    pub ext_r_factor: u8,
    /// MOS-LQ × 10.
    pub mos_lq: u8,
    /// MOS-CQ × 10.
    pub mos_cq: u8,
    /// Receiver configuration byte (PLC, JBA, JB rate).
    pub rx_config: u8,
    /// Nominal jitter-buffer delay, ms.
    pub jb_nominal: u16,
    /// Maximum jitter-buffer delay, ms.
    pub jb_maximum: u16,
    /// Absolute maximum jitter-buffer delay, ms.
    pub jb_abs_max: u16,
}

/// One XR report block.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum XrBlock {
    /// VoIP metrics (BT = 7).
    VoipMetrics(VoipMetrics),
    /// Any other block, kept raw.
    Other {
        /// Block type.
        block_type: u8,
        /// The type-specific byte.
        type_specific: u8,
        /// Block contents after the 4-byte block header.
        data: Vec<u8>,
    },
}

/// An extended report (RFC 3611).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExtendedReport {
    /// The reporter.
    pub ssrc: u32,
    /// The report blocks.
    pub blocks: Vec<XrBlock>,
}

/// One decoded RTCP packet.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum RtcpPacket {
    /// SR (200).
    SenderReport(SenderReport),
    /// RR (201).
    ReceiverReport(ReceiverReport),
    /// SDES (202).
    SourceDescription(Vec<SdesChunk>),
    /// BYE (203).
    Goodbye(Bye),
    /// APP (204).
    App(App),
    /// RTPFB generic NACK (205, FMT 1).
    Nack(Nack),
    /// XR (207).
    ExtendedReport(ExtendedReport),
    /// Any other packet, kept raw.
    Other {
        /// Packet type.
        packet_type: u8,
        /// The 5-bit count/subtype/FMT field.
        count: u8,
        /// Body after the 4-byte header, padding removed.
        body: Vec<u8>,
    },
}

/// A borrowed view of one packet inside a compound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawRtcp<'a> {
    /// Offset of the packet in the compound.
    pub offset: usize,
    /// The 5-bit count / subtype / FMT field.
    pub count: u8,
    /// Packet type.
    pub packet_type: u8,
    /// Body after the 4-byte header, without padding.
    pub body: &'a [u8],
    /// Whether the padding bit was set.
    pub padded: bool,
}

/// A validated compound RTCP packet (RFC 3550 A.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RtcpCompound<'a> {
    buf: &'a [u8],
}

/// Splits the packet at `pos`; returns it and the next offset.
///
/// Always inlined: the view and offset then stay in registers instead of travelling
/// through a returned `Result` in memory.
#[inline(always)]
fn split_one(buf: &[u8], pos: usize, allow_padding: bool) -> Result<(RawRtcp<'_>, usize)> {
    if buf.len() - pos < 4 {
        return Err(truncated(buf.len(), "RTCP header needs 4 bytes"));
    }
    let b0 = buf[pos];
    if b0 >> 6 != 2 {
        return Err(malformed(pos, "RTCP version is not 2"));
    }
    let len = (usize::from(be16(buf, pos + 2)) + 1) * 4;
    let end = pos + len;
    if end > buf.len() {
        return Err(truncated(buf.len(), "RTCP length field runs past the end"));
    }
    let padded = b0 & 0x20 != 0;
    let mut body_end = end;
    if padded {
        if !allow_padding {
            return Err(malformed(
                pos,
                "padding bit set on a packet that is not the last",
            ));
        }
        let pad = usize::from(buf[end - 1]);
        if pad == 0 || pad > len - 4 {
            return Err(malformed(end - 1, "invalid RTCP padding count"));
        }
        body_end -= pad;
    }
    Ok((
        RawRtcp {
            offset: pos,
            count: b0 & 0x1F,
            packet_type: buf[pos + 1],
            body: &buf[pos + 4..body_end],
            padded,
        },
        end,
    ))
}

impl<'a> RtcpCompound<'a> {
    /// Validates `buf` as a compound packet per RFC 3550 A.2: every packet version 2, the
    /// first an SR or RR without padding, padding only on the last, and the length fields
    /// adding up exactly to the datagram.
    #[inline]
    pub fn parse(buf: &'a [u8]) -> Result<Self> {
        if buf.len() < 4 {
            return Err(truncated(buf.len(), "RTCP header needs 4 bytes"));
        }
        if buf[0] & 0xC0 != 0x80 {
            return Err(malformed(0, "RTCP version is not 2"));
        }
        if buf[0] & 0x20 != 0 {
            return Err(malformed(0, "padding bit set on the first packet"));
        }
        if buf[1] != PT_SR && buf[1] != PT_RR {
            return Err(malformed(
                1,
                "first packet of a compound is neither SR nor RR",
            ));
        }
        Self::parse_reduced_size(buf)
    }

    /// Like [`RtcpCompound::parse`] but without the "first packet is SR/RR" rule, for
    /// reduced-size RTCP (RFC 5506).
    #[inline]
    pub fn parse_reduced_size(buf: &'a [u8]) -> Result<Self> {
        if buf.is_empty() {
            return Err(truncated(0, "empty RTCP datagram"));
        }
        let mut pos = 0;
        while pos < buf.len() {
            let last_guess = buf.len() - pos >= 4
                && (usize::from(be16(buf, pos + 2)) + 1) * 4 + pos == buf.len();
            let (_, next) = split_one(buf, pos, last_guess)?;
            pos = next;
        }
        Ok(Self { buf })
    }

    /// The packets, in order.
    #[inline]
    pub fn iter(&self) -> RtcpIter<'a> {
        RtcpIter {
            buf: self.buf,
            pos: 0,
        }
    }

    /// Decodes every packet into its owned form.
    pub fn packets(&self) -> Result<Vec<RtcpPacket>> {
        self.iter().map(|p| p.parse()).collect()
    }
}

/// Iterator over the packets of a validated compound.
#[derive(Debug, Clone)]
pub struct RtcpIter<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for RtcpIter<'a> {
    type Item = RawRtcp<'a>;
    #[inline]
    fn next(&mut self) -> Option<RawRtcp<'a>> {
        if self.pos >= self.buf.len() {
            return None;
        }
        // Validated at construction, so this cannot fail; stop quietly if it did.
        let (raw, next) = split_one(self.buf, self.pos, true).ok()?;
        self.pos = next;
        Some(raw)
    }
}

fn report_blocks(
    body: &[u8],
    at: usize,
    count: u8,
    base: usize,
) -> Result<(Vec<ReportBlock>, usize)> {
    let need = at + 24 * usize::from(count);
    if body.len() < need {
        return Err(truncated(base + body.len(), "report blocks"));
    }
    let blocks = (0..usize::from(count))
        .map(|i| {
            let b = at + 24 * i;
            let lost_raw = be32(body, b + 4) & 0x00FF_FFFF;
            // Sign-extend the 24-bit cumulative loss.
            let cumulative_lost = ((lost_raw << 8) as i32) >> 8;
            ReportBlock {
                ssrc: be32(body, b),
                fraction_lost: body[b + 4],
                cumulative_lost,
                extended_highest_seq: be32(body, b + 8),
                jitter: be32(body, b + 12),
                last_sr: be32(body, b + 16),
                delay_since_last_sr: be32(body, b + 20),
            }
        })
        .collect();
    Ok((blocks, need))
}

impl RawRtcp<'_> {
    /// Decodes the packet into its owned form.
    pub fn parse(&self) -> Result<RtcpPacket> {
        let body = self.body;
        let base = self.offset + 4;
        let need = |n: usize, what: &'static str| {
            if body.len() < n {
                Err(truncated(base + body.len(), what))
            } else {
                Ok(())
            }
        };
        Ok(match self.packet_type {
            PT_SR => {
                need(24, "sender info")?;
                let (reports, end) = report_blocks(body, 24, self.count, base)?;
                RtcpPacket::SenderReport(SenderReport {
                    ssrc: be32(body, 0),
                    sender_info: SenderInfo {
                        ntp_timestamp: (u64::from(be32(body, 4)) << 32) | u64::from(be32(body, 8)),
                        rtp_timestamp: be32(body, 12),
                        packet_count: be32(body, 16),
                        octet_count: be32(body, 20),
                    },
                    reports,
                    profile_extension: body[end..].to_vec(),
                })
            }
            PT_RR => {
                need(4, "reporter SSRC")?;
                let (reports, end) = report_blocks(body, 4, self.count, base)?;
                RtcpPacket::ReceiverReport(ReceiverReport {
                    ssrc: be32(body, 0),
                    reports,
                    profile_extension: body[end..].to_vec(),
                })
            }
            PT_SDES => RtcpPacket::SourceDescription(parse_sdes(body, self.count, base)?),
            PT_BYE => {
                let n = usize::from(self.count);
                need(4 * n, "BYE sources")?;
                let sources = (0..n).map(|i| be32(body, 4 * i)).collect();
                let mut reason = Vec::new();
                if body.len() > 4 * n {
                    let len = usize::from(body[4 * n]);
                    if body.len() < 4 * n + 1 + len {
                        return Err(truncated(base + body.len(), "BYE reason"));
                    }
                    reason = body[4 * n + 1..4 * n + 1 + len].to_vec();
                }
                RtcpPacket::Goodbye(Bye { sources, reason })
            }
            PT_APP => {
                need(8, "APP SSRC and name")?;
                RtcpPacket::App(App {
                    subtype: self.count,
                    ssrc: be32(body, 0),
                    name: [body[4], body[5], body[6], body[7]],
                    data: body[8..].to_vec(),
                })
            }
            PT_RTPFB if self.count == 1 => {
                need(8, "NACK SSRCs")?;
                if !(body.len() - 8).is_multiple_of(4) {
                    return Err(malformed(base + 8, "NACK FCI not a multiple of 4 bytes"));
                }
                let pairs = body[8..]
                    .chunks_exact(4)
                    .map(|c| NackPair {
                        pid: be16(c, 0),
                        blp: be16(c, 2),
                    })
                    .collect();
                RtcpPacket::Nack(Nack {
                    sender_ssrc: be32(body, 0),
                    media_ssrc: be32(body, 4),
                    pairs,
                })
            }
            PT_XR => {
                need(4, "XR SSRC")?;
                let mut blocks = Vec::new();
                let mut pos = 4;
                while pos < body.len() {
                    if body.len() - pos < 4 {
                        return Err(truncated(base + body.len(), "XR block header"));
                    }
                    let bt = body[pos];
                    let ts = body[pos + 1];
                    let len = usize::from(be16(body, pos + 2)) * 4;
                    let data_at = pos + 4;
                    if body.len() - data_at < len {
                        return Err(truncated(base + body.len(), "XR block"));
                    }
                    let d = &body[data_at..data_at + len];
                    if bt == 7 {
                        if len != 32 {
                            return Err(malformed(
                                base + pos + 2,
                                "VoIP metrics block length is not 8",
                            ));
                        }
                        blocks.push(XrBlock::VoipMetrics(VoipMetrics {
                            ssrc: be32(d, 0),
                            loss_rate: d[4],
                            discard_rate: d[5],
                            burst_density: d[6],
                            gap_density: d[7],
                            burst_duration: be16(d, 8),
                            gap_duration: be16(d, 10),
                            round_trip_delay: be16(d, 12),
                            end_system_delay: be16(d, 14),
                            signal_level: d[16] as i8,
                            noise_level: d[17] as i8,
                            rerl: d[18],
                            gmin: d[19],
                            r_factor: d[20],
                            ext_r_factor: d[21],
                            mos_lq: d[22],
                            mos_cq: d[23],
                            rx_config: d[24],
                            jb_nominal: be16(d, 26),
                            jb_maximum: be16(d, 28),
                            jb_abs_max: be16(d, 30),
                        }));
                    } else {
                        blocks.push(XrBlock::Other {
                            block_type: bt,
                            type_specific: ts,
                            data: d.to_vec(),
                        });
                    }
                    pos = data_at + len;
                }
                RtcpPacket::ExtendedReport(ExtendedReport {
                    ssrc: be32(body, 0),
                    blocks,
                })
            }
            other => RtcpPacket::Other {
                packet_type: other,
                count: self.count,
                body: body.to_vec(),
            },
        })
    }
}

fn parse_sdes(body: &[u8], count: u8, base: usize) -> Result<Vec<SdesChunk>> {
    let mut chunks = Vec::with_capacity(usize::from(count));
    let mut pos = 0;
    for _ in 0..count {
        if body.len() - pos < 4 {
            return Err(truncated(base + body.len(), "SDES chunk SSRC"));
        }
        let ssrc = be32(body, pos);
        pos += 4;
        let mut items = Vec::new();
        loop {
            let Some(&kind) = body.get(pos) else {
                return Err(truncated(base + body.len(), "SDES item list without end"));
            };
            if kind == 0 {
                // End of list: skip to the next 32-bit boundary, which must lie within
                // the packet (the padding is part of the chunk).
                pos = (pos + 4) & !3;
                if pos > body.len() {
                    return Err(truncated(base + body.len(), "SDES chunk padding"));
                }
                break;
            }
            let Some(&len) = body.get(pos + 1) else {
                return Err(truncated(base + body.len(), "SDES item length"));
            };
            let start = pos + 2;
            let end = start + usize::from(len);
            if end > body.len() {
                return Err(truncated(base + body.len(), "SDES item text"));
            }
            items.push(SdesItem {
                kind,
                value: body[start..end].to_vec(),
            });
            pos = end;
        }
        chunks.push(SdesChunk { ssrc, items });
    }
    if pos > body.len() {
        return Err(truncated(base + body.len(), "SDES chunk padding"));
    }
    Ok(chunks)
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_be_bytes());
}

fn put_blocks(out: &mut Vec<u8>, blocks: &[ReportBlock]) {
    for b in blocks {
        put32(out, b.ssrc);
        out.push(b.fraction_lost);
        out.extend_from_slice(&(b.cumulative_lost as u32).to_be_bytes()[1..]);
        put32(out, b.extended_highest_seq);
        put32(out, b.jitter);
        put32(out, b.last_sr);
        put32(out, b.delay_since_last_sr);
    }
}

fn encode_err(reason: &'static str) -> Error {
    Error::Encode { reason }
}

impl RtcpPacket {
    /// Appends the packet (header included, no padding) to `out`.
    pub fn write_into(&self, out: &mut Vec<u8>) -> Result<()> {
        let start = out.len();
        out.extend_from_slice(&[0; 4]);
        let (count, pt) = match self {
            RtcpPacket::SenderReport(sr) => {
                put32(out, sr.ssrc);
                put32(out, (sr.sender_info.ntp_timestamp >> 32) as u32);
                put32(out, sr.sender_info.ntp_timestamp as u32);
                put32(out, sr.sender_info.rtp_timestamp);
                put32(out, sr.sender_info.packet_count);
                put32(out, sr.sender_info.octet_count);
                put_blocks(out, &sr.reports);
                out.extend_from_slice(&sr.profile_extension);
                (sr.reports.len(), PT_SR)
            }
            RtcpPacket::ReceiverReport(rr) => {
                put32(out, rr.ssrc);
                put_blocks(out, &rr.reports);
                out.extend_from_slice(&rr.profile_extension);
                (rr.reports.len(), PT_RR)
            }
            RtcpPacket::SourceDescription(chunks) => {
                for c in chunks {
                    put32(out, c.ssrc);
                    for item in &c.items {
                        if item.kind == 0 || item.value.len() > 255 {
                            out.truncate(start);
                            return Err(encode_err("SDES item type 0 or text over 255 bytes"));
                        }
                        out.push(item.kind);
                        out.push(item.value.len() as u8);
                        out.extend_from_slice(&item.value);
                    }
                    // A null item ends the list, then pad to a 32-bit boundary.
                    out.push(0);
                    while !(out.len() - start).is_multiple_of(4) {
                        out.push(0);
                    }
                }
                (chunks.len(), PT_SDES)
            }
            RtcpPacket::Goodbye(bye) => {
                for s in &bye.sources {
                    put32(out, *s);
                }
                if !bye.reason.is_empty() {
                    if bye.reason.len() > 255 {
                        out.truncate(start);
                        return Err(encode_err("BYE reason over 255 bytes"));
                    }
                    out.push(bye.reason.len() as u8);
                    out.extend_from_slice(&bye.reason);
                    while !(out.len() - start).is_multiple_of(4) {
                        out.push(0);
                    }
                }
                (bye.sources.len(), PT_BYE)
            }
            RtcpPacket::App(app) => {
                put32(out, app.ssrc);
                out.extend_from_slice(&app.name);
                out.extend_from_slice(&app.data);
                (usize::from(app.subtype), PT_APP)
            }
            RtcpPacket::Nack(n) => {
                put32(out, n.sender_ssrc);
                put32(out, n.media_ssrc);
                for p in &n.pairs {
                    out.extend_from_slice(&p.pid.to_be_bytes());
                    out.extend_from_slice(&p.blp.to_be_bytes());
                }
                (1, PT_RTPFB)
            }
            RtcpPacket::ExtendedReport(xr) => {
                put32(out, xr.ssrc);
                for b in &xr.blocks {
                    match b {
                        XrBlock::VoipMetrics(m) => {
                            out.extend_from_slice(&[7, 0, 0, 8]);
                            put32(out, m.ssrc);
                            out.extend_from_slice(&[
                                m.loss_rate,
                                m.discard_rate,
                                m.burst_density,
                                m.gap_density,
                            ]);
                            for v in [
                                m.burst_duration,
                                m.gap_duration,
                                m.round_trip_delay,
                                m.end_system_delay,
                            ] {
                                out.extend_from_slice(&v.to_be_bytes());
                            }
                            out.extend_from_slice(&[
                                m.signal_level as u8,
                                m.noise_level as u8,
                                m.rerl,
                                m.gmin,
                                m.r_factor,
                                m.ext_r_factor,
                                m.mos_lq,
                                m.mos_cq,
                                m.rx_config,
                                0,
                            ]);
                            for v in [m.jb_nominal, m.jb_maximum, m.jb_abs_max] {
                                out.extend_from_slice(&v.to_be_bytes());
                            }
                        }
                        XrBlock::Other {
                            block_type,
                            type_specific,
                            data,
                        } => {
                            if data.len() % 4 != 0 || data.len() / 4 > usize::from(u16::MAX) {
                                out.truncate(start);
                                return Err(encode_err("XR block data not a multiple of 4 bytes"));
                            }
                            out.push(*block_type);
                            out.push(*type_specific);
                            out.extend_from_slice(&((data.len() / 4) as u16).to_be_bytes());
                            out.extend_from_slice(data);
                        }
                    }
                }
                (0, PT_XR)
            }
            RtcpPacket::Other {
                packet_type,
                count,
                body,
            } => {
                out.extend_from_slice(body);
                (usize::from(*count), *packet_type)
            }
        };
        let len = out.len() - start;
        if count > 31 || !len.is_multiple_of(4) || len / 4 - 1 > usize::from(u16::MAX) {
            out.truncate(start);
            return Err(encode_err(
                "count over 31, or length not a multiple of 4 or too long",
            ));
        }
        out[start] = 0x80 | count as u8;
        out[start + 1] = pt;
        out[start + 2..start + 4].copy_from_slice(&((len / 4 - 1) as u16).to_be_bytes());
        Ok(())
    }
}

/// Writes `packets` as one compound datagram.
pub fn write_compound(packets: &[RtcpPacket]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    for p in packets {
        p.write_into(&mut out)?;
    }
    Ok(out)
}
