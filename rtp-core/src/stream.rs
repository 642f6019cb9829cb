//! A received RTP stream as analysis and playout take it: the packets of one SSRC in
//! arrival order, each with its arrival time. Where the packets come from (a capture, a
//! socket, a log) is the caller's business; the `capture` crate builds them from pcap
//! and pcapng files.

use std::time::Duration;

/// One received RTP packet of a stream, in arrival order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StreamPacket {
    /// Frame number in the capture (or any increasing packet number).
    pub frame: u64,
    /// Arrival time, since any epoch the caller chooses.
    pub time: Duration,
    /// Sequence number.
    pub seq: u16,
    /// RTP timestamp.
    pub timestamp: u32,
    /// Payload type.
    pub payload_type: u8,
    /// Marker bit.
    pub marker: bool,
    /// Payload length in bytes (without padding).
    pub payload_len: usize,
}

impl StreamPacket {
    /// The fields of a parsed packet that arrived at `time` as frame `frame`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use rtp_core::packet::{RtpPacket, RtpPacketBuilder};
    /// use rtp_core::stream::StreamPacket;
    ///
    /// let payload = [0xd5; 160];
    /// let wire = RtpPacketBuilder::new()
    ///     .sequence_number(7)
    ///     .timestamp(160)
    ///     .ssrc(0x1234)
    ///     .payload(&payload)
    ///     .build()?;
    /// let p = StreamPacket::of(&RtpPacket::parse(&wire)?, 3, Duration::from_millis(20));
    /// assert_eq!((p.seq, p.timestamp, p.payload_len), (7, 160, 160));
    /// # Ok::<(), rtp_core::Error>(())
    /// ```
    pub fn of(packet: &crate::packet::RtpPacket<'_>, frame: u64, time: Duration) -> Self {
        Self {
            frame,
            time,
            seq: packet.sequence_number(),
            timestamp: packet.timestamp(),
            payload_type: packet.payload_type(),
            marker: packet.marker(),
            payload_len: packet.payload().len(),
        }
    }
}
