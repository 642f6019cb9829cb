//! Parsing limits: every input is bounded.

/// Bounds applied while parsing. Defaults suit signalling traffic (a 64 KiB message,
/// 256 headers); change them with [`Limits::builder`].
///
/// ```
/// let limits = sip_core::Limits::builder().max_headers(32).max_message_size(4096).build();
/// assert_eq!(limits.max_headers(), 32);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Limits {
    pub(crate) max_message_size: usize,
    pub(crate) max_headers: usize,
    pub(crate) max_header_len: usize,
    pub(crate) max_vias: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_message_size: 65_535,
            max_headers: 256,
            max_header_len: 65_535,
            max_vias: 64,
        }
    }
}

impl Limits {
    /// A builder starting from the defaults.
    pub fn builder() -> LimitsBuilder {
        LimitsBuilder(Self::default())
    }
    /// Largest message (start line, headers and body) in bytes. Default 65 535.
    pub fn max_message_size(&self) -> usize {
        self.max_message_size
    }
    /// Most header lines (a folded header counts once). Default 256.
    pub fn max_headers(&self) -> usize {
        self.max_headers
    }
    /// Longest header (name, value and folding) or start line, in bytes. Default 65 535,
    /// the largest message: one header may fill a datagram (an IMS location routing
    /// function's 300 carries the caller's location in a Contact URI of some 17 KB).
    pub fn max_header_len(&self) -> usize {
        self.max_header_len
    }
    /// Most Via values in a message. Default 64.
    pub fn max_vias(&self) -> usize {
        self.max_vias
    }
}

/// Builds [`Limits`]. Values are clamped to what the parser can represent
/// (messages up to `u32::MAX` bytes).
#[derive(Debug, Clone, Copy)]
pub struct LimitsBuilder(Limits);

impl LimitsBuilder {
    /// Sets the largest message size in bytes.
    pub fn max_message_size(mut self, n: usize) -> Self {
        self.0.max_message_size = n.min(u32::MAX as usize);
        self
    }
    /// Sets the maximum number of header lines.
    pub fn max_headers(mut self, n: usize) -> Self {
        self.0.max_headers = n;
        self
    }
    /// Sets the maximum length of one header or the start line.
    pub fn max_header_len(mut self, n: usize) -> Self {
        self.0.max_header_len = n;
        self
    }
    /// Sets the maximum number of Via values.
    pub fn max_vias(mut self, n: usize) -> Self {
        self.0.max_vias = n;
        self
    }
    /// The finished limits.
    pub fn build(self) -> Limits {
        self.0
    }
}
