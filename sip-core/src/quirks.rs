//! Named quirks of deployed SIP equipment that the lenient reading accepts.

use std::fmt;

/// The methods of a set of quirks (`$set`, a bit set of up to 64 quirks) over an enum of quirks
/// (`$quirk`, `#[repr(u8)]`, with `$quirk::ALL`): one definition for SIP's and SDP's.
macro_rules! quirk_set {
    ($set:ident, $quirk:ident, $strict:literal) => {
        impl $set {
            #[doc = concat!("No quirk: ", $strict, ".")]
            pub const NONE: $set = $set(0);
            /// Every quirk.
            pub const ALL: $set = $set(((1u64 << $quirk::ALL.len()) - 1) as _);

            /// This set with `quirk` added.
            #[must_use]
            pub const fn with(self, quirk: $quirk) -> $set {
                $set(self.0 | 1 << quirk as u32)
            }

            /// This set without `quirk`.
            #[must_use]
            pub const fn without(self, quirk: $quirk) -> $set {
                $set(self.0 & !(1 << quirk as u32))
            }

            /// Whether `quirk` is accepted.
            pub const fn contains(self, quirk: $quirk) -> bool {
                self.0 & (1 << quirk as u32) != 0
            }

            /// Whether no quirk is accepted.
            pub const fn is_empty(self) -> bool {
                self.0 == 0
            }
        }
    };
}
pub(crate) use quirk_set;

/// A set of [`Quirk`]s a [`Parser`](crate::Parser) accepts. [`Quirks::NONE`] (the
/// default) is strict RFC 3261; [`Quirks::ALL`] is what [`Parser::lenient`]
/// (`lenient(true)`) sets and what `voipkit sip parse` reads with. Whatever a quirk lets
/// through, [`Message::diagnostics`](crate::Message::diagnostics) with a strict parser
/// still reports.
///
/// ```
/// use sip_core::{Parser, Quirk, Quirks};
///
/// // LF-only line ends, as text files of captured messages often have.
/// let wire = b"OPTIONS sip:a@example.com SIP/2.0\nCall-ID: x1\n\n";
/// let mut slots = Vec::new();
/// assert!(Parser::new().parse_datagram(wire, &mut slots).is_err());
/// let parser = Parser::new().quirks(Quirks::NONE.with(Quirk::LfLineEnds));
/// let m = parser.parse_datagram(wire, &mut slots)?;
/// assert_eq!(m.call_id(), Some("x1"));
/// # Ok::<(), sip_core::Error>(())
/// ```
///
/// [`Parser::lenient`]: crate::Parser::lenient
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Quirks(u32);

quirk_set!(Quirks, Quirk, "strict RFC 3261");

/// One deviation from RFC 3261 seen in deployed equipment or in captured files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
#[repr(u8)]
pub enum Quirk {
    /// Lines ending in LF alone (text files of captured messages, some stacks).
    LfLineEnds,
    /// Line ends before the start line of a datagram (streams always skip CRLFs, RFC
    /// 3261 7.5), and LFs among them.
    LeadingLineEnds,
    /// More than one space between the parts of a start line, a status line without a
    /// space before an empty reason phrase, whitespace after the SIP version (RFC 4475
    /// 3.1.2.9 `lwsstart`).
    StartLineSpaces,
    /// A header line that is not `name: value`: kept as a header without a name, so the
    /// message still reads and round-trips.
    NotAHeaderLine,
    /// Datagram framing past a Content-Length larger than the body, one that is not a
    /// number, or a header section the datagram ends before its empty line (cut
    /// captures): the body is what there is.
    DatagramFraming,
    /// Whitespace inside `<` `>` around a URI, or before and between its parameters
    /// there: before a `;`, after it and around a `=` (`<sip:blah@example.com; transport
    /// = tcp>`, or a line folded there, as in old call-flow documents' Record-Routes): the
    /// URI is the text between the brackets, its parameters read without the whitespace.
    /// Whitespace in a name, a value, the user part or the host is still an error.
    SpaceInAngleBrackets,
    /// A display name written `""name""`, with backslash-quotes outside a quoted string
    /// (`\"arik\" <sip:...>`), or unquoted with characters a token does not allow
    /// (`John Smith (Sales) <sip:...>`, an RFC 2047 `=?utf-8?q?J=C3=BCrgen?= <sip:...>`,
    /// `alice@example.com <sip:...>`): the text before the `<` is the name, when it holds
    /// no `>`, `,`, `;`, `:`, quote or control byte.
    OddDisplayName,
    /// A doubled scheme (`sip:sip:alice@...`).
    DoubledScheme,
    /// Host names with `_`, a label ending in `-`, or a top label starting with a digit.
    LooseHostName,
    /// A header parameter value with characters outside `token` (`tag=7618c7618^`,
    /// Pingtel) or empty (`tag=`), or a quoted value whose closing quote never comes
    /// (`;+sip.instance="<urn:gsma:imei:35513605-025359-0>` at the end of a Contact, as
    /// an RCS phone wrote it): the value runs to the end of the header value.
    LooseParameterValue,
    /// A local `tel:` number without `phone-context` (IMS/VoLTE phones).
    LocalTelWithoutContext,
    /// Lines ending in CR alone (old Mac-style text files, test messages of some
    /// stacks); Wireshark reads them.
    CrLineEnds,
    /// A display name that is not UTF-8 (an ISO 8859-1 name such as `"M\xfcller"` from
    /// older phones and PBXes) at the start of a header value: the address after it is
    /// read and its [`display_raw`](crate::headers::NameAddr::display_raw) is `None`
    /// (the name's bytes stay in the header's raw value). Any other byte that is not
    /// UTF-8 still makes the value unreadable.
    NonUtf8DisplayName,
    /// A Via `received` with the source port after the address
    /// (`received=220.240.255.198:64066`, as SIPSorcery servers write it): read, with
    /// the Via's other parameters. Anything else that is not an address stays an error.
    ReceivedWithPort,
    /// A `;` with no parameter after it, at the end of a header's parameters
    /// (`Via: ...;branch=z9hG4bK1;`, Microsoft `SERVICE` requests): skipped.
    TrailingSemicolon,
    /// An empty header parameter, a `;` directly followed by another
    /// (`From: <sip:...>;;tag=3e2f`), or an empty element of an auth header's parameter
    /// list (`uri="sip:192.168.1.2",` at the end of a Proxy-Authorization, `a=1,,b=2`):
    /// skipped.
    EmptyParameter,
    /// A URI header value with `;`, `=`, `"` or `,` not escaped
    /// (`<sip:bob@192.0.2.5?Reason=SIP;cause=302>` in History-Info from Nortel and
    /// carrier gateways): read as written, up to the next `&`.
    UnescapedUriHeader,
    /// A UTF-8 byte order mark (`EF BB BF`) before the start line of a datagram: a
    /// message kept in a text file saved by a Windows editor. It is skipped like the
    /// line ends of [`Quirk::LeadingLineEnds`] (the message starts after it); strictly
    /// it is an error of its own at byte 0.
    ByteOrderMark,
    /// A Via `received` that is a host name (`received=3comI`, from a 3Com server; RFC
    /// 2543's grammar allowed a host there, RFC 3261's asks for an address): read as
    /// written, with the Via's other parameters. A value that is no host name either
    /// stays an error.
    ReceivedHostName,
    /// A header name folded away from its colon (`CaLl-Id` CRLF ` : 0ha0isndaksdj@...`,
    /// the SIP bakeoff's message with confusing line breaks): RFC 2543's grammar, with
    /// HTTP/1.1's implied LWS between words and separators, allowed a line fold there;
    /// RFC 3261's `HCOLON` (`*( SP / HTAB ) ":" SWS`) does not. Read as the name and its
    /// value, the header's lines kept as written. A name followed by anything else than
    /// a fold and its colon is still no header.
    FoldedHeaderName,
    /// Whitespace inside the Request-URI (`REGISTER sip:Blue Face SIP/2.0`, from a
    /// PA168S phone set up with a domain name that has a space; `INVITE
    /// sip:user@company.com; transport=udp SIP/2.0`): when the request line ends with
    /// the SIP version, the Request-URI is all between the method and the whitespace
    /// before it, so the message reads (the URI itself stays malformed, which its
    /// reading reports) and a server can read the Via, Call-ID and CSeq of the 400 it
    /// answers with. A line without the version at its end is still no request line.
    SpaceInRequestUri,
}

impl Quirk {
    /// Every quirk, in declaration order.
    pub const ALL: [Quirk; 21] = [
        Quirk::LfLineEnds,
        Quirk::LeadingLineEnds,
        Quirk::StartLineSpaces,
        Quirk::NotAHeaderLine,
        Quirk::DatagramFraming,
        Quirk::SpaceInAngleBrackets,
        Quirk::OddDisplayName,
        Quirk::DoubledScheme,
        Quirk::LooseHostName,
        Quirk::LooseParameterValue,
        Quirk::LocalTelWithoutContext,
        Quirk::CrLineEnds,
        Quirk::NonUtf8DisplayName,
        Quirk::ReceivedWithPort,
        Quirk::TrailingSemicolon,
        Quirk::EmptyParameter,
        Quirk::UnescapedUriHeader,
        Quirk::ByteOrderMark,
        Quirk::ReceivedHostName,
        Quirk::FoldedHeaderName,
        Quirk::SpaceInRequestUri,
    ];

    /// A stable snake_case name (`lf_line_ends`, ...).
    pub const fn name(self) -> &'static str {
        match self {
            Quirk::LfLineEnds => "lf_line_ends",
            Quirk::LeadingLineEnds => "leading_line_ends",
            Quirk::StartLineSpaces => "start_line_spaces",
            Quirk::NotAHeaderLine => "not_a_header_line",
            Quirk::DatagramFraming => "datagram_framing",
            Quirk::SpaceInAngleBrackets => "space_in_angle_brackets",
            Quirk::OddDisplayName => "odd_display_name",
            Quirk::DoubledScheme => "doubled_scheme",
            Quirk::LooseHostName => "loose_host_name",
            Quirk::LooseParameterValue => "loose_parameter_value",
            Quirk::LocalTelWithoutContext => "local_tel_without_context",
            Quirk::CrLineEnds => "cr_line_ends",
            Quirk::NonUtf8DisplayName => "non_utf8_display_name",
            Quirk::ReceivedWithPort => "received_with_port",
            Quirk::TrailingSemicolon => "trailing_semicolon",
            Quirk::EmptyParameter => "empty_parameter",
            Quirk::UnescapedUriHeader => "unescaped_uri_header",
            Quirk::ByteOrderMark => "byte_order_mark",
            Quirk::ReceivedHostName => "received_host_name",
            Quirk::FoldedHeaderName => "folded_header_name",
            Quirk::SpaceInRequestUri => "space_in_request_uri",
        }
    }
}

impl fmt::Display for Quirk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
