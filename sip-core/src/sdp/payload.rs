//! The static RTP payload types of RFC 3551 (tables 4 and 5), and the clock rates that
//! encodings' RTP payload format registrations fix.

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

/// The RTP clock rate an encoding's payload format registration fixes (name without
/// case), for an rtpmap written without one ([`Quirk::MissingClockRate`]): the static
/// encodings of RFC 3551 that have one rate (not DVI4, L16 or CN, used at several),
/// iLBC (RFC 3952), AMR and AMR-WB (RFC 4867), opus (RFC 7587), G729D and G729E
/// (RFC 3551), and the video formats, all at 90 kHz (H263-1998, H263-2000, H264 RFC
/// 6184, H265 RFC 7798, VP8 RFC 7741, VP9 RFC 9628, AV1, MP4V-ES RFC 6416, theora).
/// `None` for an encoding whose rate varies (speex, G7221, telephone-event, ...).
///
/// [`Quirk::MissingClockRate`]: super::Quirk::MissingClockRate
pub(crate) fn registered_clock_rate(encoding: &str) -> Option<u32> {
    const DYNAMIC: [(&str, u32); 15] = [
        ("iLBC", 8000),
        ("AMR", 8000),
        ("AMR-WB", 16000),
        ("opus", 48000),
        ("G729D", 8000),
        ("G729E", 8000),
        ("H263-1998", 90_000),
        ("H263-2000", 90_000),
        ("H264", 90_000),
        ("H265", 90_000),
        ("VP8", 90_000),
        ("VP9", 90_000),
        ("AV1", 90_000),
        ("MP4V-ES", 90_000),
        ("theora", 90_000),
    ];
    let is = |name: &str| name.eq_ignore_ascii_case(encoding);
    if let Some((_, rate)) = DYNAMIC.iter().find(|(n, _)| is(n)) {
        return Some(*rate);
    }
    let mut rates = TABLE.iter().filter(|s| is(s.name)).map(|s| s.clock_rate);
    let first = rates.next()?;
    // CN and L16 have dynamic payload types at other rates (CN/16000 in WebRTC offers,
    // L16/8000 and L16/48000).
    (rates.all(|r| r == first) && !is("CN") && !is("L16")).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::registered_clock_rate;

    #[test]
    fn encodings_of_one_registered_rate_have_it() {
        for (name, rate) in [
            ("iLBC", Some(8000)),
            ("ilbc", Some(8000)),
            ("OPUS", Some(48000)),
            ("AMR-WB", Some(16000)),
            ("VP8", Some(90_000)),
            ("H264", Some(90_000)),
            ("PCMU", Some(8000)),
            ("G722", Some(8000)),
            ("G729", Some(8000)),
            ("H263", Some(90_000)),
            // Several rates: none is guessed.
            ("DVI4", None),
            ("L16", None),
            ("CN", None),
            ("speex", None),
            ("G7221", None),
            ("telephone-event", None),
            ("AppleLossless", None),
        ] {
            assert_eq!(registered_clock_rate(name), rate, "{name}");
        }
    }
}
