//! The static RTP payload types of RFC 3551 (tables 4 and 5).

/// A static payload type's encoding (RFC 3551 §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct StaticPayload {
    /// The payload type.
    pub payload_type: u8,
    /// The encoding name.
    pub name: &'static str,
    /// `audio`, `video` or `audio/video` (type 33, MP2T).
    pub media: &'static str,
    /// The RTP clock rate in Hz.
    pub clock_rate: u32,
    /// The channel count for audio encodings that define one.
    pub channels: Option<u16>,
}

const fn a(payload_type: u8, name: &'static str, clock_rate: u32, channels: u16) -> StaticPayload {
    StaticPayload {
        payload_type,
        name,
        media: "audio",
        clock_rate,
        channels: Some(channels),
    }
}

const fn v(payload_type: u8, name: &'static str, media: &'static str) -> StaticPayload {
    StaticPayload {
        payload_type,
        name,
        media,
        clock_rate: 90_000,
        channels: None,
    }
}

/// RFC 3551 tables 4 and 5. G722's RTP clock is 8000 Hz although it samples at 16 kHz
/// (RFC 3551 §4.5.2).
const TABLE: [StaticPayload; 24] = [
    a(0, "PCMU", 8000, 1),
    a(3, "GSM", 8000, 1),
    a(4, "G723", 8000, 1),
    a(5, "DVI4", 8000, 1),
    a(6, "DVI4", 16000, 1),
    a(7, "LPC", 8000, 1),
    a(8, "PCMA", 8000, 1),
    a(9, "G722", 8000, 1),
    a(10, "L16", 44100, 2),
    a(11, "L16", 44100, 1),
    a(12, "QCELP", 8000, 1),
    a(13, "CN", 8000, 1),
    StaticPayload {
        payload_type: 14,
        name: "MPA",
        media: "audio",
        clock_rate: 90_000,
        channels: None,
    },
    a(15, "G728", 8000, 1),
    a(16, "DVI4", 11025, 1),
    a(17, "DVI4", 22050, 1),
    a(18, "G729", 8000, 1),
    v(25, "CelB", "video"),
    v(26, "JPEG", "video"),
    v(28, "nv", "video"),
    v(31, "H261", "video"),
    v(32, "MPV", "video"),
    v(33, "MP2T", "audio/video"),
    v(34, "H263", "video"),
];

/// The static payload type `pt` of RFC 3551, if it is one.
///
/// ```
/// use sip_core::sdp::static_payload;
/// let g722 = static_payload(9).unwrap();
/// assert_eq!((g722.name, g722.clock_rate), ("G722", 8000));
/// assert!(static_payload(96).is_none());
/// ```
pub fn static_payload(pt: u8) -> Option<StaticPayload> {
    TABLE.iter().find(|s| s.payload_type == pt).copied()
}

/// The static payload type of an encoding (name without case, clock rate, channels, one
/// when not given), if RFC 3551 assigns one.
pub(crate) fn static_payload_type(
    name: &str,
    clock_rate: u32,
    channels: Option<u16>,
) -> Option<u8> {
    TABLE
        .iter()
        .find(|s| {
            s.name.eq_ignore_ascii_case(name)
                && s.clock_rate == clock_rate
                && s.channels.unwrap_or(1) == channels.unwrap_or(1)
        })
        .map(|s| s.payload_type)
}
