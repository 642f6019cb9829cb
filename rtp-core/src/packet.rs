//! RTP packets (RFC 3550 section 5.1) with RFC 8285 header extensions.
//!
//! [`RtpPacket`] is a zero-copy view over a `&[u8]`: parsing only checks the layout and
//! records where the CSRC list, the extension and the payload start; every accessor reads
//! the bytes on demand. [`RtpPacketBuf`] is the owned form: a [`bytes::Bytes`] plus the same
//! layout, produced by the same parser. [`RtpPacketBuilder`] writes packets, and
//! [`RtpHeader`] is the plain-data form of a header for bindings and serde.

use bytes::Bytes;

use crate::error::{Error, Result, malformed, truncated};

/// Length of the fixed RTP header.
pub const FIXED_HEADER_LEN: usize = 12;
/// The RFC 8285 one-byte header extension profile.
pub const ONE_BYTE_PROFILE: u16 = 0xBEDE;
/// The RFC 8285 two-byte header extension profile (the low 4 bits are "appbits").
pub const TWO_BYTE_PROFILE: u16 = 0x1000;

#[inline]
fn be16(b: &[u8], at: usize) -> u16 {
    u16::from_be_bytes([b[at], b[at + 1]])
}

#[inline]
fn be32(b: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// Byte positions of a parsed packet's parts, packed in one word (payload end in the low
/// 32 bits, payload start in the next 16, extension start in the top 16) so that the
/// parse result moves through registers and memory as a single value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Layout(u64);

impl Layout {
    #[inline(always)]
    fn new(ext_start: u16, payload_start: u16, payload_end: u32) -> Self {
        Self(u64::from(payload_end) | u64::from(payload_start) << 32 | u64::from(ext_start) << 48)
    }
    /// Start of the extension header (profile + length), when present.
    #[inline(always)]
    fn ext_start(self) -> usize {
        (self.0 >> 48) as usize
    }
    /// Start of the payload.
    #[inline(always)]
    fn payload_start(self) -> usize {
        usize::from((self.0 >> 32) as u16)
    }
    /// End of the payload (start of the padding).
    #[inline(always)]
    fn payload_end(self) -> usize {
        self.0 as u32 as usize
    }
}

/// Checks the layout of `buf` and records where its parts start.
///
/// This is the hot path: a handful of comparisons on the first byte, the length, the
/// extension length and the padding count, with no error built inline. Whenever a check
/// fails, [`parse_layout_general`] (kept out of line) runs the same checks one by one to
/// name the first rule broken and its byte offset.
#[inline(always)]
fn parse_layout(buf: &[u8]) -> Result<Layout> {
    let len = buf.len();
    let Some(&b0) = buf.first() else {
        return parse_layout_general(buf);
    };
    if b0 & 0xC0 != 0x80 || len < FIXED_HEADER_LEN || len > u32::MAX as usize {
        return parse_layout_general(buf);
    }
    let mut pos = FIXED_HEADER_LEN + 4 * usize::from(b0 & 0x0F);
    let mut ext_start = 0;
    if b0 & 0x10 != 0 {
        let Some(words) = buf.get(pos + 2..pos + 4) else {
            return parse_layout_general(buf);
        };
        ext_start = pos;
        pos += 4 + 4 * usize::from(u16::from_be_bytes([words[0], words[1]]));
    }
    if pos > len || pos > usize::from(u16::MAX) {
        return parse_layout_general(buf);
    }
    let mut end = len;
    if b0 & 0x20 != 0 {
        let pad = usize::from(buf[len - 1]);
        if pad == 0 || pad > len - pos {
            return parse_layout_general(buf);
        }
        end -= pad;
    }
    Ok(Layout::new(ext_start as u16, pos as u16, end as u32))
}

/// The full layout check, one rule at a time: CSRC list, extension and padding bounds.
/// Gives the same verdict as [`parse_layout`] and, on bad input, the first rule broken.
#[cold]
#[inline(never)]
fn parse_layout_general(buf: &[u8]) -> Result<Layout> {
    if buf.len() < FIXED_HEADER_LEN {
        return Err(truncated(buf.len(), "fixed RTP header needs 12 bytes"));
    }
    let b0 = buf[0];
    if b0 >> 6 != 2 {
        return Err(malformed(0, "RTP version is not 2"));
    }
    if buf.len() > u32::MAX as usize {
        return Err(malformed(0, "packet larger than 4 GiB"));
    }
    let cc = usize::from(b0 & 0x0F);
    let mut pos = FIXED_HEADER_LEN + 4 * cc;
    if buf.len() < pos {
        return Err(truncated(buf.len(), "CSRC list"));
    }
    let mut ext_start = 0u16;
    if b0 & 0x10 != 0 {
        if buf.len() < pos + 4 {
            return Err(truncated(buf.len(), "header extension header"));
        }
        ext_start = pos as u16;
        let words = usize::from(be16(buf, pos + 2));
        pos += 4 + 4 * words;
        if buf.len() < pos {
            return Err(truncated(buf.len(), "header extension data"));
        }
    }
    let mut end = buf.len();
    if b0 & 0x20 != 0 {
        let pad = usize::from(buf[buf.len() - 1]);
        if pad == 0 {
            return Err(malformed(buf.len() - 1, "padding count is zero"));
        }
        if pad > buf.len() - pos {
            return Err(malformed(buf.len() - 1, "padding longer than the payload"));
        }
        end -= pad;
    }
    if pos > usize::from(u16::MAX) {
        return Err(malformed(0, "header longer than 65535 bytes"));
    }
    Ok(Layout::new(ext_start, pos as u16, end as u32))
}

/// A borrowed, zero-copy view of one RTP packet.
///
/// ```
/// use rtp_core::packet::{RtpPacket, RtpPacketBuilder};
///
/// let bytes = RtpPacketBuilder::new()
///     .payload_type(0)
///     .sequence_number(7)
///     .timestamp(160)
///     .ssrc(0x1234_5678)
///     .marker(true)
///     .payload(&[0xFF; 160])
///     .build()?;
/// let packet = RtpPacket::parse(&bytes)?;
/// assert_eq!(packet.sequence_number(), 7);
/// assert!(packet.marker());
/// assert_eq!(packet.payload().len(), 160);
/// # Ok::<(), rtp_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RtpPacket<'a> {
    buf: &'a [u8],
    layout: Layout,
}

impl<'a> RtpPacket<'a> {
    /// Checks the layout of `buf` and returns a view over it.
    ///
    /// Errors: version not 2, a CSRC list, extension or padding that does not fit.
    #[inline(always)]
    pub fn parse(buf: &'a [u8]) -> Result<Self> {
        let layout = parse_layout(buf)?;
        Ok(Self { buf, layout })
    }

    /// The 12-byte fixed header, read by fixed offsets (the parse checked its length).
    #[inline(always)]
    fn fixed(&self) -> &'a [u8; FIXED_HEADER_LEN] {
        self.buf
            .first_chunk::<FIXED_HEADER_LEN>()
            .unwrap_or(&[0; FIXED_HEADER_LEN])
    }

    /// The whole packet.
    #[inline]
    pub fn as_bytes(&self) -> &'a [u8] {
        self.buf
    }
    /// The version field (always 2 after a successful parse).
    #[inline]
    pub fn version(&self) -> u8 {
        self.fixed()[0] >> 6
    }
    /// Whether the padding bit is set.
    #[inline]
    pub fn has_padding(&self) -> bool {
        self.fixed()[0] & 0x20 != 0
    }
    /// Number of padding bytes at the end (0 without padding).
    #[inline]
    pub fn padding_len(&self) -> usize {
        self.buf.len() - self.layout.payload_end()
    }
    /// Whether the extension bit is set.
    #[inline]
    pub fn has_extension(&self) -> bool {
        self.fixed()[0] & 0x10 != 0
    }
    /// The CSRC count.
    #[inline]
    pub fn csrc_count(&self) -> u8 {
        self.fixed()[0] & 0x0F
    }
    /// The marker bit.
    #[inline]
    pub fn marker(&self) -> bool {
        self.fixed()[1] & 0x80 != 0
    }
    /// The payload type (7 bits).
    #[inline]
    pub fn payload_type(&self) -> u8 {
        self.fixed()[1] & 0x7F
    }
    /// The sequence number.
    #[inline]
    pub fn sequence_number(&self) -> u16 {
        let h = self.fixed();
        u16::from_be_bytes([h[2], h[3]])
    }
    /// The RTP timestamp.
    #[inline]
    pub fn timestamp(&self) -> u32 {
        let h = self.fixed();
        u32::from_be_bytes([h[4], h[5], h[6], h[7]])
    }
    /// The synchronization source.
    #[inline]
    pub fn ssrc(&self) -> u32 {
        let h = self.fixed();
        u32::from_be_bytes([h[8], h[9], h[10], h[11]])
    }
    /// The contributing sources.
    pub fn csrcs(&self) -> impl Iterator<Item = u32> + 'a {
        let buf = self.buf;
        (0..usize::from(self.csrc_count())).map(move |i| be32(buf, FIXED_HEADER_LEN + 4 * i))
    }
    /// The 16-bit "defined by profile" field of the extension header, when present.
    #[inline]
    pub fn extension_profile(&self) -> Option<u16> {
        self.has_extension()
            .then(|| be16(self.buf, self.layout.ext_start()))
    }
    /// The raw extension data (after the 4-byte extension header), when present.
    #[inline]
    pub fn extension_data(&self) -> Option<&'a [u8]> {
        self.has_extension()
            .then(|| &self.buf[self.layout.ext_start() + 4..self.layout.payload_start()])
    }
    /// The RFC 8285 extension elements (one-byte or two-byte form, chosen by the profile).
    ///
    /// Other profiles yield no elements; use [`RtpPacket::extension_data`] for those.
    #[inline]
    pub fn extensions(&self) -> ExtensionIter<'a> {
        let (form, data, base) = match (self.extension_profile(), self.extension_data()) {
            (Some(ONE_BYTE_PROFILE), Some(d)) => {
                (Some(ExtensionForm::OneByte), d, self.layout.ext_start())
            }
            (Some(p), Some(d)) if p & 0xFFF0 == TWO_BYTE_PROFILE => {
                (Some(ExtensionForm::TwoByte), d, self.layout.ext_start())
            }
            _ => (None, &[][..], 0),
        };
        ExtensionIter {
            form,
            data,
            pos: 0,
            base: base + 4,
        }
    }
    /// The payload (without padding).
    #[inline]
    pub fn payload(&self) -> &'a [u8] {
        self.buf
            .get(self.layout.payload_start()..self.layout.payload_end())
            .unwrap_or_default()
    }
    /// Offset of the payload in the packet.
    #[inline]
    pub fn payload_offset(&self) -> usize {
        self.layout.payload_start()
    }
    /// The plain-data form of the header.
    pub fn header(&self) -> Result<RtpHeader> {
        let mut extensions = Vec::new();
        for e in self.extensions() {
            let e = e?;
            extensions.push(ExtensionElement {
                id: e.id,
                data: e.data.to_vec(),
            });
        }
        Ok(RtpHeader {
            marker: self.marker(),
            payload_type: self.payload_type(),
            sequence_number: self.sequence_number(),
            timestamp: self.timestamp(),
            ssrc: self.ssrc(),
            csrcs: self.csrcs().collect(),
            extension_profile: self.extension_profile(),
            extension_data: self.extension_data().map(<[u8]>::to_vec),
            extensions,
            padding_len: self.padding_len() as u8,
        })
    }
    /// Copies the packet into its owned form.
    pub fn to_owned_packet(&self) -> RtpPacketBuf {
        RtpPacketBuf {
            bytes: Bytes::copy_from_slice(self.buf),
            layout: self.layout,
        }
    }
}

/// The two RFC 8285 extension element forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ExtensionForm {
    /// One-byte header (profile 0xBEDE): ids 1..=14, 1..=16 data bytes.
    OneByte,
    /// Two-byte header (profile 0x100X): ids 1..=255, 0..=255 data bytes.
    TwoByte,
}

/// One borrowed extension element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Extension<'a> {
    /// The local identifier negotiated in SDP (`a=extmap`).
    pub id: u8,
    /// The element data.
    pub data: &'a [u8],
}

/// Iterator over RFC 8285 extension elements; yields an error (once) on a truncated element.
#[derive(Debug, Clone)]
pub struct ExtensionIter<'a> {
    form: Option<ExtensionForm>,
    data: &'a [u8],
    pos: usize,
    base: usize,
}

impl<'a> Iterator for ExtensionIter<'a> {
    type Item = Result<Extension<'a>>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let form = self.form?;
        loop {
            let b = *self.data.get(self.pos)?;
            if b == 0 {
                // Padding byte between elements (both forms).
                self.pos += 1;
                continue;
            }
            let (id, len, hdr) = match form {
                ExtensionForm::OneByte => {
                    let id = b >> 4;
                    if id == 15 {
                        // RFC 8285 4.2: id 15 ends processing of the extension block.
                        self.form = None;
                        return None;
                    }
                    (id, usize::from(b & 0x0F) + 1, 1)
                }
                ExtensionForm::TwoByte => {
                    let Some(&len) = self.data.get(self.pos + 1) else {
                        self.form = None;
                        return Some(Err(truncated(
                            self.base + self.pos + 1,
                            "two-byte extension length",
                        )));
                    };
                    (b, usize::from(len), 2)
                }
            };
            let start = self.pos + hdr;
            let end = start + len;
            if end > self.data.len() {
                self.form = None;
                return Some(Err(truncated(
                    self.base + self.data.len(),
                    "extension element data",
                )));
            }
            self.pos = end;
            return Some(Ok(Extension {
                id,
                data: &self.data[start..end],
            }));
        }
    }
}

/// An owned extension element.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExtensionElement {
    /// The local identifier.
    pub id: u8,
    /// The element data.
    pub data: Vec<u8>,
}

/// The plain-data form of an RTP header (for bindings, serde and tests).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RtpHeader {
    /// Marker bit.
    pub marker: bool,
    /// Payload type.
    pub payload_type: u8,
    /// Sequence number.
    pub sequence_number: u16,
    /// RTP timestamp.
    pub timestamp: u32,
    /// Synchronization source.
    pub ssrc: u32,
    /// Contributing sources.
    pub csrcs: Vec<u32>,
    /// Extension profile, when an extension is present.
    pub extension_profile: Option<u16>,
    /// Raw extension data, when an extension is present.
    pub extension_data: Option<Vec<u8>>,
    /// RFC 8285 elements decoded from the extension (empty for other profiles).
    pub extensions: Vec<ExtensionElement>,
    /// Number of padding bytes.
    pub padding_len: u8,
}

/// The owned form of an RTP packet: the bytes plus the layout found by [`RtpPacket::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtpPacketBuf {
    bytes: Bytes,
    layout: Layout,
}

impl RtpPacketBuf {
    /// Parses `bytes` (same rules as [`RtpPacket::parse`]) and keeps them without copying.
    pub fn parse(bytes: Bytes) -> Result<Self> {
        let layout = parse_layout(&bytes)?;
        Ok(Self { bytes, layout })
    }
    /// A borrowed view with all accessors.
    #[inline]
    pub fn view(&self) -> RtpPacket<'_> {
        RtpPacket {
            buf: &self.bytes,
            layout: self.layout,
        }
    }
    /// The payload as a shared slice of the same buffer.
    pub fn payload(&self) -> Bytes {
        self.bytes
            .slice(self.layout.payload_start()..self.layout.payload_end())
    }
    /// The packet bytes (byte-identical to the input).
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }
}

/// Writes RTP packets.
///
/// Extension elements are written in the one-byte form when every id is in 1..=14 and
/// every element is 1..=16 bytes long, in the two-byte form otherwise (RFC 8285 4.3).
#[derive(Debug, Clone, Default)]
pub struct RtpPacketBuilder<'p> {
    header: RtpHeader,
    raw_extension: Option<(u16, &'p [u8])>,
    payload: &'p [u8],
}

impl<'p> RtpPacketBuilder<'p> {
    /// A builder for an empty PT 0 packet with all fields zero.
    pub fn new() -> Self {
        Self::default()
    }
    /// Starts from a plain-data header (its `extension_data` is ignored in favour of its
    /// `extensions` elements).
    pub fn from_header(header: RtpHeader) -> Self {
        Self {
            header,
            ..Self::default()
        }
    }
    /// Sets the marker bit.
    pub fn marker(mut self, marker: bool) -> Self {
        self.header.marker = marker;
        self
    }
    /// Sets the payload type (must be < 128).
    pub fn payload_type(mut self, pt: u8) -> Self {
        self.header.payload_type = pt;
        self
    }
    /// Sets the sequence number.
    pub fn sequence_number(mut self, seq: u16) -> Self {
        self.header.sequence_number = seq;
        self
    }
    /// Sets the timestamp.
    pub fn timestamp(mut self, ts: u32) -> Self {
        self.header.timestamp = ts;
        self
    }
    /// Sets the SSRC.
    pub fn ssrc(mut self, ssrc: u32) -> Self {
        self.header.ssrc = ssrc;
        self
    }
    /// Adds a CSRC (at most 15).
    pub fn csrc(mut self, csrc: u32) -> Self {
        self.header.csrcs.push(csrc);
        self
    }
    /// Adds an RFC 8285 extension element.
    pub fn extension(mut self, id: u8, data: &[u8]) -> Self {
        self.header.extensions.push(ExtensionElement {
            id,
            data: data.to_vec(),
        });
        self
    }
    /// Sets a raw extension (profile and data, a multiple of 4 bytes), replacing elements.
    pub fn raw_extension(mut self, profile: u16, data: &'p [u8]) -> Self {
        self.raw_extension = Some((profile, data));
        self
    }
    /// Sets the number of padding bytes (0 for none).
    pub fn padding(mut self, len: u8) -> Self {
        self.header.padding_len = len;
        self
    }
    /// Sets the payload.
    pub fn payload(mut self, payload: &'p [u8]) -> Self {
        self.payload = payload;
        self
    }

    /// Writes the packet into a new vector.
    pub fn build(&self) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(FIXED_HEADER_LEN + self.payload.len() + 64);
        self.write_into(&mut out)?;
        Ok(out)
    }

    /// Appends the packet to `out`.
    pub fn write_into(&self, out: &mut Vec<u8>) -> Result<()> {
        let h = &self.header;
        if h.payload_type > 127 {
            return Err(Error::Encode {
                reason: "payload type above 127",
            });
        }
        if h.csrcs.len() > 15 {
            return Err(Error::Encode {
                reason: "more than 15 CSRCs",
            });
        }
        let has_ext = self.raw_extension.is_some() || !h.extensions.is_empty();
        let start = out.len();
        out.push(
            0x80 | (u8::from(h.padding_len > 0) << 5)
                | (u8::from(has_ext) << 4)
                | h.csrcs.len() as u8,
        );
        out.push((u8::from(h.marker) << 7) | h.payload_type);
        out.extend_from_slice(&h.sequence_number.to_be_bytes());
        out.extend_from_slice(&h.timestamp.to_be_bytes());
        out.extend_from_slice(&h.ssrc.to_be_bytes());
        for c in &h.csrcs {
            out.extend_from_slice(&c.to_be_bytes());
        }
        if let Some((profile, data)) = self.raw_extension {
            if data.len() % 4 != 0 || data.len() / 4 > usize::from(u16::MAX) {
                out.truncate(start);
                return Err(Error::Encode {
                    reason: "raw extension length not a multiple of 4 or too long",
                });
            }
            out.extend_from_slice(&profile.to_be_bytes());
            out.extend_from_slice(&((data.len() / 4) as u16).to_be_bytes());
            out.extend_from_slice(data);
        } else if !h.extensions.is_empty()
            && let Err(e) = write_extensions(&h.extensions, out)
        {
            out.truncate(start);
            return Err(e);
        }
        out.extend_from_slice(self.payload);
        if h.padding_len > 0 {
            out.resize(out.len() + usize::from(h.padding_len) - 1, 0);
            out.push(h.padding_len);
        }
        Ok(())
    }
}

fn write_extensions(elements: &[ExtensionElement], out: &mut Vec<u8>) -> Result<()> {
    let one_byte = elements
        .iter()
        .all(|e| (1..=14).contains(&e.id) && (1..=16).contains(&e.data.len()));
    let header_at = out.len();
    out.extend_from_slice(&[0; 4]);
    let profile = if one_byte {
        for e in elements {
            out.push((e.id << 4) | (e.data.len() as u8 - 1));
            out.extend_from_slice(&e.data);
        }
        ONE_BYTE_PROFILE
    } else {
        for e in elements {
            if e.id == 0 || e.data.len() > 255 {
                return Err(Error::Encode {
                    reason: "extension id 0 or element longer than 255 bytes",
                });
            }
            out.push(e.id);
            out.push(e.data.len() as u8);
            out.extend_from_slice(&e.data);
        }
        TWO_BYTE_PROFILE
    };
    while !(out.len() - header_at).is_multiple_of(4) {
        out.push(0);
    }
    let words = (out.len() - header_at - 4) / 4;
    if words > usize::from(u16::MAX) {
        return Err(Error::Encode {
            reason: "extension block too long",
        });
    }
    out[header_at..header_at + 2].copy_from_slice(&profile.to_be_bytes());
    out[header_at + 2..header_at + 4].copy_from_slice(&(words as u16).to_be_bytes());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn header_like() -> impl Strategy<Value = Vec<u8>> {
        // A version-2 first byte most of the time, any flags and CSRC count, an extension
        // length that sometimes fits, and any padding count in the last byte.
        (
            prop_oneof![4 => 0x80u8..=0xBF, 1 => any::<u8>()],
            proptest::collection::vec(any::<u8>(), 0..120),
            0u8..4,
        )
            .prop_map(|(b0, mut rest, ext_words)| {
                rest.insert(0, b0);
                let at = FIXED_HEADER_LEN + 4 * usize::from(b0 & 0x0F) + 3;
                if let Some(b) = rest.get_mut(at) {
                    *b = ext_words;
                    rest[at - 1] = 0;
                }
                rest
            })
    }

    proptest! {
        #[test]
        fn fast_layout_check_agrees_with_the_rule_by_rule_check(buf in header_like()) {
            prop_assert_eq!(parse_layout(&buf), parse_layout_general(&buf));
        }
    }

    #[test]
    fn layout_word_round_trips_its_three_positions() {
        let l = Layout::new(0xFFFF, 0x1234, u32::MAX);
        assert_eq!(
            (l.ext_start(), l.payload_start(), l.payload_end()),
            (0xFFFF, 0x1234, u32::MAX as usize)
        );
    }
}
