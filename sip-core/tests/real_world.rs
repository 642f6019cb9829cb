//! The real-world corpus: SIP messages gathered from public captures and the test data of
//! other SIP stacks, driven by `tests/data/real-world/MANIFEST.tsv` (origin, commit and
//! licence of every file). Every message is read by the tolerant parser, written back from
//! its parts and compared with its own bytes, and compared field by field with
//! Wireshark's SIP dissector: one pcap holds the whole corpus (one UDP datagram per
//! message, IPv4-fragmented when longer than an Ethernet frame) and `tshark` reads it once.
//!
//! What sip-core does not read yet is listed in [`KNOWN_FAILURES`], each with its cause;
//! where Wireshark is the one that differs, in [`EXPECTED_DIFFERENCES`]. Both lists are
//! exact: an unlisted failure fails the suite, and so does a listed one that now passes
//! (or differs in other fields), so the lists cannot go stale.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use sip_core::{Parser, SipMessage, Status};

/// Which check a known failure is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Check {
    /// The tolerant parse returns an error (or asks for more input).
    Parse,
    /// Writing the owned message back does not give the message's own bytes.
    RoundTrip,
    /// A field differs from tshark's, or its typed accessor returns an error.
    Tshark,
    /// The SDP body (alone or a part of a multipart body) does not read tolerantly;
    /// `fields` holds the line of the error (`line 4`, or `body` for the multipart
    /// framing).
    Sdp,
}

/// A message sip-core does not read, write back or agree with Wireshark on.
struct Known {
    /// The manifest path.
    file: &'static str,
    check: Check,
    /// For [`Check::Tshark`], exactly the fields that differ (names of [`FIELD_NAMES`]).
    fields: &'static [&'static str],
    /// Why.
    cause: &'static str,
}

const fn known(
    file: &'static str,
    check: Check,
    fields: &'static [&'static str],
    cause: &'static str,
) -> Known {
    Known {
        file,
        check,
        fields,
        cause,
    }
}

/// What sip-core does not do yet, with the cause: the tolerant parse fails, the message
/// does not write back identical, or a typed accessor fails where tshark reads the field.
/// Each entry should disappear as the tolerant reading grows.
const KNOWN_FAILURES: &[Known] = &[];

/// Every Via field: what differs when the first Via is one sip-core's accessor reports
/// and Wireshark reads anyway.
const EVERY_VIA_FIELD: &[&str] = &[
    "via-branch",
    "via-transport",
    "via-host",
    "via-port",
    "via-received",
    "via-rport",
    "via-maddr",
    "via-ttl",
];

/// What differs in kamailio's requests that Wireshark does not take as SIP: it shows
/// none of these fields, which they have (and none of the others, which they lack).
const NOT_TAKEN_AS_SIP: &[&str] = &[
    "method",
    "request-uri",
    "call-id",
    "cseq",
    "cseq-method",
    "request-uri-user",
    "request-uri-host",
    "request-uri-port",
    "from-user",
    "from-host",
    "to-user",
    "to-host",
    "contact-uri",
    "via-transport",
    "via-host",
];

/// Where tshark and sip-core differ and sip-core is right: Wireshark's dissector does not
/// take the message as SIP, misses a field or keeps whitespace, or the header is malformed
/// and sip-core's typed accessor reports it while tshark shows nothing or a guess. These
/// stay; the test still checks that exactly these fields differ.
const EXPECTED_DIFFERENCES: &[Known] = &[
    known(
        "jain-sip/torture-L1359.sip",
        Check::Tshark,
        &["contact-uri"],
        "torture.xml test 48 (broken on purpose elsewhere: `From \"abcdedf\"` without a colon): its second Via's `received=jitterbug.antd.nist.gov`, a host name where RFC 3261 25.1 has an address (RFC 2543 6.40 allowed `via-received = \"received\" \"=\" host`), reads with the received-host-name quirk, as tshark reads it; with LF-only line ends Wireshark 4.0 cuts the last character of the Contact URI (`sip:mranga@129.6.55.`)",
    ),
    known(
        "jain-sip/torture-L1394.sip",
        Check::Tshark,
        &["from-host", "contact-uri"],
        "torture.xml test 49: its second Via's `received=stinkbug`, a host name where RFC 3261 25.1 has an address (RFC 2543 6.40 allowed `via-received = \"received\" \"=\" host`), reads with the received-host-name quirk, as tshark reads it; with LF-only line ends Wireshark 4.0 runs the bare From host into the next line (`jitterbug.antd.nist.gov\\nC`) and cuts the last character of the Contact URI (`sip:mranga@localhos`)",
    ),
    known(
        "jain-sip/torture-L1415.sip",
        Check::Tshark,
        &["to-tag", "from-host", "contact-uri"],
        "torture.xml test 50: its second Via's `received=stinkbug`, a host name where RFC 3261 25.1 has an address (RFC 2543 6.40 allowed `via-received = \"received\" \"=\" host`), reads with the received-host-name quirk, as tshark reads it; Wireshark keeps the spaces after `To: ...;tag=33` in the tag (`33          `), and with LF-only line ends runs the bare From host into the next line (`localhost\\nC`) and cuts the last digit of the Contact URI (`sip:mranga@localhost:606`)",
    ),
    known(
        "jain-sip/torture-L1505.sip",
        Check::Tshark,
        &["to-user"],
        "a 3Com ICD server's 180 (torture.xml test 52): its second Via's `received=3comI`, a host name where RFC 3261 25.1 has an address (RFC 2543 6.40 allowed `via-received = \"received\" \"=\" host`), reads with the received-host-name quirk, as tshark reads it; and `t:<sip:4@192.168.2.3>`: tshark shows no To user for the one-character `4`, sip-core reads it",
    ),
    known(
        "jain-sip/torture-L916.sip",
        Check::Tshark,
        &["contact-uri"],
        "torture.xml test 22: its second Via's `received=stinkbug.antd.nist.gov`, a host name where RFC 3261 25.1 has an address (RFC 2543 6.40 allowed `via-received = \"received\" \"=\" host`), reads with the received-host-name quirk, as tshark reads it; `Contact: mailto:mranga@129.6.55.8` without angle brackets, for which tshark shows no Contact URI (it shows a `mailto:` URI only in angle brackets)",
    ),
    known(
        "jain-sip/torture-L3620.sip",
        Check::Tshark,
        &["via-branch"],
        "draft-ietf-sip-call-flows call flow 12 F19: its `Record-Route: <sip:+1-650-555-2222@ss1.wcom.com;` LF ` maddr=ss1.wcom.com>`, a line folded inside the angle brackets as the draft's text wraps it, reads with the space-in-angle-brackets quirk as tshark reads it; the top Via `...:5060; branch=2d008.1` has a space after the `;` (RFC 3261 allows LWS around `;`): tshark shows no branch, sip-core reads `2d008.1`",
    ),
    known(
        "jain-sip/torture-L676.sip",
        Check::Tshark,
        &[
            "call-id",
            "from-tag",
            "to-tag",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "from-display",
        ],
        "torture.xml test 15, the bakeoff's message with confusing line breaks, written as RFC 2543's grammar allowed (HTTP/1.1's implied LWS between words and separators): `CaLl-Id` LF ` : 0ha0isndaksdj@10.1.1.1`, a header name folded away from its colon, reads with the folded-header-name quirk (RFC 3261's HCOLON has no fold before the colon; RFC 4475's wsinv copy writes `Call-ID:` on one line); Wireshark reads none of the folded headers: no Call-ID, no From or To (`TO :` LF ` sip:vivekg@...`, and a From whose display name ends in an escaped quote, folded over three lines before its tag), and for the first Via the second one (`v: SIP / 2.0 / TCP 12.3.4.5`), past the folded `Via  : SIP  /   2.0` LF ` /UDP` LF `    135.180.130.133` that sip-core reads as the topmost",
    ),
    known(
        "kamailio/pingtel.sip",
        Check::Tshark,
        &["to-tag"],
        "Pingtel's `To: ...;tag=` with an empty value: the tolerant reading gives an empty tag, tshark none (its `tag=7618c7618^` in From reads alike in both)",
    ),
    known(
        "baresip-re/sip-L506.sip",
        Check::Tshark,
        &[
            "call-id",
            "cseq",
            "cseq-method",
            "via-branch",
            "via-transport",
            "via-host",
            "via-port",
        ],
        "Content-Length 142 with no body (upstream header-parsing test): tshark does not dissect the headers of a datagram whose body is missing; the tolerant reading reads them and reports the length",
    ),
    known(
        "kamailio/invite3-callid.sip",
        Check::Tshark,
        &["to-tag", "to-user", "to-host", "contact-uri", "to-display"],
        "a deliberately broken To in a kamailio parser test: sip-core's To accessor reports it, tshark shows no tag; the URI parts and display name of that To too (tshark guesses `p2`@`iptel.org`); and Wireshark cuts the last digit of a Contact URI ended by a bare LF (`sip:jiri@195.37.78.190:506`)",
    ),
    known(
        "kamailio/invite4-cseq.sip",
        Check::Tshark,
        &[
            "cseq",
            "cseq-method",
            "content-length",
            "contact-uri",
            "expires",
            "content-type",
        ],
        "a deliberately broken CSeq in a kamailio parser test: sip-core's CSeq accessor reports it, tshark shows no CSeq and no Content-Length; nor the Contact, Expires and Content-Type that follow it",
    ),
    known(
        "kamailio/invite6-badbranch-via.sip",
        Check::Tshark,
        &["via-branch", "contact-uri"],
        "`branch=` with an empty value: sip-core's Via accessor reports it, tshark shows no branch; and Wireshark cuts the last digit of a Contact URI ended by a bare LF (`sip:jiri@195.37.78.190:506`)",
    ),
    known(
        "kamailio/rport.sip",
        Check::Tshark,
        EVERY_VIA_FIELD,
        "a Via parameter with an empty value: sip-core's Via accessor reports it, tshark shows no branch; every Via field with it, where tshark shows the others",
    ),
    known(
        "pjsip/msg-test-L2159.sip",
        Check::Tshark,
        &["content-length"],
        "`Content-Length: notanumber`: sip-core reads no length (a diagnostic; the body is the rest of the datagram), tshark shows 0",
    ),
    known(
        "resiprocate/testEmptyHfv-L18.sip",
        Check::Tshark,
        &[
            "call-id",
            "cseq",
            "cseq-method",
            "from-tag",
            "to-tag",
            "via-branch",
            "max-forwards",
            "from-user",
            "from-host",
            "from-port",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "via-port",
            "via-received",
            "via-rport",
            "from-display",
            "to-display",
            "via-maddr",
            "via-ttl",
        ],
        "empty header values (upstream test): sip-core reports each at its accessor, tshark shows nothing",
    ),
    known(
        "zeek/invalid-content-length-f001-INVITE.sip",
        Check::Tshark,
        &["content-length"],
        "`Content-Length: bad`: sip-core reads no length (a diagnostic; the body is the rest of the datagram), tshark shows 0",
    ),
    known(
        "zeek/invalid-content-length-f002-200.sip",
        Check::Tshark,
        &["content-length"],
        "`Content-Length: xyz`: sip-core reads no length (a diagnostic; the body is the rest of the datagram), tshark shows 0",
    ),
    known(
        "jsip/FactoryTestHarness-L71.sip",
        Check::Tshark,
        &["call-id", "cseq-method"],
        "tshark keeps the trailing space of `Call-ID: ...sipbakeoff.com ` and `CSeq: 1 INVITE `; sip-core drops trailing whitespace",
    ),
    known(
        "kamailio/register04.sip",
        Check::Tshark,
        &["to-tag", "to-user", "to-host", "to-display"],
        "`To:poo <bear@iptel.org>` has no URI scheme: sip-core's To accessor reports it, tshark shows no tag; nor its user and host; and its display name, which tshark shows as `poo `",
    ),
    known(
        "kamailio/req-test1.sip",
        Check::Tshark,
        NOT_TAKEN_AS_SIP,
        "two spaces before SIP/2.0 in the request line: tshark does not take it as SIP (the tolerant reading does)",
    ),
    known(
        "kamailio/req-tm1.sip",
        Check::Tshark,
        NOT_TAKEN_AS_SIP,
        "two spaces before SIP/2.0 in the request line: tshark does not take it as SIP (the tolerant reading does)",
    ),
    known(
        "kamailio/sg.sip",
        Check::Tshark,
        &[
            "call-id",
            "cseq",
            "cseq-method",
            "content-length",
            "to-user",
            "to-host",
            "contact-uri",
            "content-type",
        ],
        "after the CR CR LF line ends of From and To, tshark shows no Call-ID, CSeq or Content-Length; nor the To URI, Contact and Content-Type after them",
    ),
    known(
        "pjsip/msg-test-L110.sip",
        Check::Tshark,
        &[
            "from-tag",
            "to-tag",
            "via-branch",
            "content-length",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "via-rport",
            "from-display",
        ],
        "RFC 4475 3.1.1.1 wsinv (LWS and folding everywhere): tshark shows no From/To tag, Via branch or Content-Length; sip-core gives RFC 4475's 98asjd8, 1918181833n, 390skdjuw, 150; nor the From and To URI parts, Via transport, host and rport (sip-core: `jdrosen`@`example.com`, `vivekg`@`chair-dnrc.example.com`, UDP, `192.0.2.2`, none); nor the From display name `\"J Rosenberg \\\\\\\"\"`, a quoted string ending in an escaped quote",
    ),
    known(
        "pjsip/msg-test-L2143.sip",
        Check::Tshark,
        &["max-forwards"],
        "`Max-Forwards: notanumber` (expected-invalid): sip-core's accessor reports it, tshark shows 0",
    ),
    known(
        "resiprocate/testSipMessage-L1313.sip",
        Check::Tshark,
        &["via-branch"],
        "`; branch=foobar`: whitespace after the semicolon is LWS RFC 3261 allows; tshark misses the branch",
    ),
    known(
        "resiprocate/testSipMessage-L1325.sip",
        Check::Tshark,
        &["via-branch"],
        "`; branch=foobar`: whitespace after the semicolon is LWS RFC 3261 allows; tshark misses the branch",
    ),
    known(
        "resiprocate/testSipMessage-L1337.sip",
        Check::Tshark,
        &["via-branch"],
        "`; branch=foobar`: whitespace after the semicolon is LWS RFC 3261 allows; tshark misses the branch",
    ),
    known(
        "resiprocate/testSipMessage-L1654.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "from-tag",
            "to-tag",
            "via-branch",
            "content-length",
            "from-user",
            "from-host",
            "from-port",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "via-port",
            "via-received",
            "via-rport",
        ],
        "status line `SIP/2.0 200` with no reason phrase: tshark does not take it as SIP (the tolerant reading does)",
    ),
    known(
        "resiprocate/testSipMessage-L325.sip",
        Check::Tshark,
        EVERY_VIA_FIELD,
        "the top Via `SIP/2.0/64.124.66.32:9091;...` has no transport: sip-core's Via accessor reports it, tshark shows the second Via's branch; every Via field with it",
    ),
    known(
        "resiprocate/testSipMessage-L349.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "from-tag",
            "via-branch",
            "content-length",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "via-port",
            "via-received",
            "via-rport",
        ],
        "three CRLFs before the status line: tshark does not take the datagram as SIP (sip-core skips them)",
    ),
    known(
        "resiprocate/testSipMessage-L926.sip",
        Check::Tshark,
        &[
            "call-id",
            "cseq",
            "cseq-method",
            "from-tag",
            "from-user",
            "from-host",
            "from-port",
            "to-user",
            "to-host",
        ],
        "empty `CSeq: ` (expected-invalid): sip-core's CSeq accessor reports it; tshark shows no CSeq and stops reading the Call-ID and From after it; and the From and To URI parts after it",
    ),
    known(
        "sipgo/parser_test-L434.sip",
        Check::Tshark,
        &["via-branch"],
        "`Via: SIP/2.0/UDP 127.0.0.2:5060;` folded onto `\tbranch=z9hG4bK-folded` (RFC 3261 7.3.1 line folding): tshark finds no branch",
    ),
    known(
        "sip3/SipMessageHandlerTest-L188.sip",
        Check::Tshark,
        &[
            "from-tag",
            "from-user",
            "from-host",
            "from-port",
            "contact-uri",
            "from-display",
            "contact-display",
        ],
        "`From: <sip:000260971282@134@demo.sip3.io>` (expected-invalid, upstream's bad header value): two `@`, so `134@demo.sip3.io` is no host; sip-core's From accessor reports it, tshark shows the tag; its Contact `<sip:signode-82@gxp92pqazkbzz@...>` likewise; so neither has a display name",
    ),
    known(
        "sipproxy/message_test-L102.sip",
        Check::Tshark,
        EVERY_VIA_FIELD,
        "`received=10.244.0.235^M`: the two characters `^M` (a terminal's picture of a CR, pasted into the test) end the received address; sip-core's Via accessor reports it, tshark shows the branch; every Via field with it",
    ),
    known(
        "sofia-sip/torture_sip-L1599.sip",
        Check::Tshark,
        &["cseq", "cseq-method", "to-tag"],
        "sofia-sip's torture message: `CSeq : 8 INVITE` (whitespace before the colon) and a To folded onto `  ; tag = deadbeef` (whitespace around `=`), both allowed by RFC 3261's HCOLON, SEMI and EQUAL; tshark reads neither",
    ),
    known(
        "sofia-sip/torture_sip-L1860.sip",
        Check::Tshark,
        &[
            "cseq",
            "cseq-method",
            "to-tag",
            "via-branch",
            "via-port",
            "via-rport",
            "route-uri",
            "from-display",
            "via-maddr",
        ],
        "as torture_sip-L1599; the top Via has no branch (sip-core: none), tshark shows the second Via's; the second Via line `...;hidden,,SIP/2.0/UDP` has an empty list element, which sip-core's Via accessor reports (so no later Via's port), and `Route: ,` no URI; `From:h<http://...>` has the display name `h` (no space is needed before the `<`), which tshark does not show",
    ),
    known(
        "sofia-sip/torture_sip-L2053.sip",
        Check::Tshark,
        &[
            "cseq",
            "cseq-method",
            "to-tag",
            "via-branch",
            "request-uri-user",
            "request-uri-host",
            "request-uri-port",
            "via-port",
            "via-rport",
            "from-display",
            "via-maddr",
        ],
        "as torture_sip-L1860; and the Request-URI is written in angle brackets, `<sip:John_Smith@tct.hut.fi>`, which is no URI; and its From `h<http://...>` has the display name `h`, which tshark does not show",
    ),
    known(
        "sofia-sip/torture_sip-L2096.sip",
        Check::Tshark,
        &[
            "cseq",
            "cseq-method",
            "via-branch",
            "via-port",
            "via-rport",
            "via-maddr",
        ],
        "as torture_sip-L1860, with a To tag tshark reads too; the second Via line's empty list element as torture_sip-L1860",
    ),
    known(
        "jsip/TransactionAlreadyExistsExceptionTest-L321.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "`Contact: 127.0.0.1:5060` has no URI scheme: sip-core's Contact accessor reports it (so no display name either), tshark shows the text",
    ),
    known(
        "kamailio/dns.sip",
        Check::Tshark,
        &["to-host", "contact-uri"],
        "LF line ends: Wireshark takes the next line's first character into a To host ended by a bare LF (`iptel.org\nE`) and cuts the last digit of such a Contact URI (`...:506`)",
    ),
    known(
        "kamailio/invite00.sip",
        Check::Tshark,
        &["via-rport"],
        "`;  rport` (whitespace after the semicolon, LWS RFC 3261 allows): tshark misses the rport",
    ),
    known(
        "kamailio/invite04.sip",
        Check::Tshark,
        &["request-uri-port"],
        "`INVITE sip:7170@bat.iptel.org:9`: tshark shows no Request-URI port, sip-core 9",
    ),
    known(
        "kamailio/invite1.sip",
        Check::Tshark,
        &["contact-uri"],
        "LF line ends: Wireshark cuts the last digit of a Contact URI ended by a bare LF (`sip:jiri@195.37.78.190:506`)",
    ),
    known(
        "kamailio/invite5-callid.sip",
        Check::Tshark,
        &["contact-uri"],
        "as kamailio/invite1",
    ),
    known(
        "kamailio/message03.sip",
        Check::Tshark,
        &["to-host"],
        "LF line ends: Wireshark takes the next line's first character into a To host ended by a bare LF",
    ),
    known(
        "kamailio/repl1.sip",
        Check::Tshark,
        &["from-user", "to-user"],
        "one-letter users (`<sip:x@foo.bar>`, `<sip:y@bar.foo>`): tshark shows no user part, as for resiprocate/testSipStackInvite-L32",
    ),
    known(
        "kamailio/req2.sip",
        Check::Tshark,
        &["via-host"],
        "`Via: SIP/2.0/UDP localhost, SIP/2.0/UDP ...`: tshark takes the comma into the sent-by host",
    ),
    known(
        "kamailio/route.sip",
        Check::Tshark,
        &["contact-uri"],
        "as kamailio/invite1",
    ),
    known(
        "pjsip/msg-test-L172.sip",
        Check::Tshark,
        &["to-host"],
        "as kamailio/message03 (`To: sip:%75se%72@example.com`)",
    ),
    known(
        "resiprocate/testSipStackInvite-L32.sip",
        Check::Tshark,
        &["request-uri-user", "from-user", "to-user"],
        "one-letter users (`sip:B@127.0.0.1`, `A`, `B`): tshark shows no user part",
    ),
    known(
        "sip3/SipTransactionHandlerTest-L116.sip",
        Check::Tshark,
        &["to-host"],
        "as kamailio/message03",
    ),
    known(
        "sipproxy/message_test-L237.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "an IMS emergency INVITE whose Contact URI carries a PIDF-LO body in URI headers with a literal space in it (`%3E SOBREIRAS%3C`): no URI may hold a space, so sip-core's Contact accessor reports it (with no display name); tshark shows the text to the `>`",
    ),
    known(
        "sipproxy/message_test-L262.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "Contact parameters `+g.3gpp.icsi-ref=\\\"urn...\\\"` with backslashes before the quotes (as the test's raw string holds them): no token or quoted string, so sip-core's Contact accessor reports it (with no display name); tshark shows the URI",
    ),
    known(
        "sipproxy/message_test-L337.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "`Contact: <sip:...?Diversion=<tel:%2B...>%3Breason...>`: an unescaped `<` and `>` inside the URI's headers end the URI early; sip-core's Contact accessor reports it (with no display name), tshark shows the URI to the first `>`",
    ),
    known(
        "sofia-sip/torture_sip-L1103.sip",
        Check::Tshark,
        &["expires"],
        "`Expires: Thu, 25 Mar 2004 15:49:29 GMT`, RFC 2543's date form that RFC 3261 20.19 dropped: sip-core's Expires accessor reports it, tshark shows 0",
    ),
    known(
        "suricata-verify/sip-pattern-matching-f002-401.sip",
        Check::Tshark,
        &[
            "auth-scheme",
            "auth-username",
            "auth-realm",
            "auth-nonce",
            "auth-uri",
            "auth-response",
            "auth-algorithm",
            "auth-qop",
            "auth-nc",
            "auth-cnonce",
            "auth-opaque",
        ],
        "`WWW-Authenticate: Digest realm=\\\"sip.cybercity.dk\\\",...` with backslashes before the quotes, as the capture holds them: no token or quoted string, so sip-core's WWW-Authenticate accessor reports it (where the realm's value starts); tshark shows the values backslashes and all",
    ),
    known(
        "ndpi/FAX-Call-t38-CA-TDM-SIP-FB-1-f1534-BYE.sip",
        Check::Tshark,
        &["reason-cause-q850"],
        "`Reason: Q.850 ;cause=16 ;text=\"3\"`: with whitespace before the `;` (which RFC 3261 allows, SEMI = SWS \";\" SWS) tshark shows no cause; sip-core reads 16",
    ),
    known(
        "ndpi/FAX-Call-t38-CA-TDM-SIP-FB-1-f1535-BYE.sip",
        Check::Tshark,
        &["reason-cause-q850"],
        "as FAX-Call-t38-CA-TDM-SIP-FB-1-f1534-BYE: `Reason: Q.850 ;cause=16`",
    ),
    known(
        "sip-message-examples/index-L9.sip",
        Check::Tshark,
        &["pai-display", "pai-user", "pai-host"],
        "`P-Asserted-Identity: \"Dave Horton<sip:4083084809;context=private>@10.1.0.2` opens a quoted string it never closes: sip-core's P-Asserted-Identity accessor reports it, tshark shows nothing",
    ),
    known(
        "sofia-sip/torture_sip-L3346.sip",
        Check::Tshark,
        &["reason-cause-q850", "reason-cause-sip"],
        "`Reason: SIP ;cause=200` and `Reason: Q.850 ;cause=16`, whitespace before the `;`: tshark shows no cause; sip-core reads 200 and 16 (and reports the empty list elements `,,` of the continuation line on their own)",
    ),
    known(
        "doubango/test_manager-L72.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "a Contact URI parameter in double quotes (`sigcomp-id=\"urn:uuid:...\"`, which RFC 3261's `paramchar` does not allow unescaped): sip-core's Contact accessor reports it, tshark shows the URI",
    ),
    known(
        "doubango/test_sipmessages-L26.sip",
        Check::Tshark,
        &[
            "to-tag",
            "via-branch",
            "via-transport",
            "via-host",
            "via-port",
            "via-received",
            "via-rport",
            "via-maddr",
            "via-ttl",
        ],
        "`tag= 12345`: whitespace after `=` is SWS RFC 3261 allows, tshark keeps it in the tag; the Via's `ttl=457` is above 255: sip-core's Via accessor reports it, tshark shows every Via field",
    ),
    known(
        "doubango/test_sipmessages-L85.sip",
        Check::Tshark,
        &["via-received"],
        "a Via with `received_port_ext=5081;received=192.168.0.13`: tshark takes the first parameter that starts with `received` as the received value",
    ),
    known(
        "ersip/ersip_conn_test-L303.sip",
        Check::Tshark,
        &["via-branch"],
        "the first Via folded before `;received=`: tshark keeps the line end in the branch (`z9hG4bKhjhs8ass877\\r\\n`), sip-core unfolds it",
    ),
    known(
        "ersip/ersip_hdr_cseq_test-L71.sip",
        Check::Tshark,
        &[
            "from-tag",
            "to-tag",
            "from-user",
            "from-host",
            "from-port",
            "to-user",
            "to-host",
            "from-display",
            "to-display",
        ],
        "`To: a@b` and `From: a@b;tag=a`, addresses without a scheme: sip-core's From and To accessors report them; tshark shows only the From tag",
    ),
    known(
        "ersip/ersip_parser_test-L50.sip",
        Check::Tshark,
        &["via-host"],
        "the first Via folded before `;branch=`: tshark keeps the line end in the host (`server10.biloxi.com\\r\\n`), sip-core unfolds it",
    ),
    known(
        "ersip/ersip_proxy_test-L1378.sip",
        Check::Tshark,
        &["via-received"],
        "LF-only lines, the second Via folded before `received=1.2.3.4` (after a trailing `;`): tshark shows no received, sip-core reads it",
    ),
    known(
        "ersip/ersip_request_prack_test-L36.sip",
        Check::Tshark,
        &["rack-method"],
        "LF-only lines: tshark shows no RAck method for `RAck: 776655 1 INVITE`, sip-core reads `INVITE`",
    ),
    known(
        "ersip/ersip_siphdr_test-L83.sip",
        Check::Tshark,
        &[
            "call-id",
            "cseq",
            "cseq-method",
            "via-branch",
            "max-forwards",
            "content-length",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "content-type",
        ],
        "whitespace before every colon (`Via  : ...`, HCOLON allows it): tshark does not take the message as SIP and shows none of these fields",
    ),
    known(
        "ersip/ersip_sipmsg_test-L206.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "from-tag",
            "via-branch",
            "max-forwards",
            "content-length",
            "request-uri-user",
            "request-uri-host",
            "request-uri-port",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "from-display",
            "to-display",
        ],
        "expected-invalid: a Request-URI without a scheme (`INVITE bob@biloxi.com SIP/2.0`): tshark does not take the message as SIP; sip-core reads it and reports the Request-URI",
    ),
    known(
        "ersip/ersip_trans_inv_client_test-L416.sip",
        Check::Tshark,
        &["via-branch"],
        "the first Via folded before `;received=`: tshark keeps the line end in the branch, sip-core unfolds it",
    ),
    known(
        "ersip/ersip_trans_inv_client_test-L428.sip",
        Check::Tshark,
        &["via-branch"],
        "the first Via folded before `;received=`: tshark keeps the line end in the branch, sip-core unfolds it",
    ),
    known(
        "ersip/ersip_trans_inv_client_test-L440.sip",
        Check::Tshark,
        &["via-branch"],
        "the first Via folded before `;received=`: tshark keeps the line end in the branch, sip-core unfolds it",
    ),
    known(
        "ersip/ersip_trans_inv_client_test-L453.sip",
        Check::Tshark,
        &["via-branch"],
        "the first Via folded before `;received=`: tshark keeps the line end in the branch, sip-core unfolds it",
    ),
    known(
        "ersip/ersip_trans_test-L167.sip",
        Check::Tshark,
        &["to-tag", "to-user", "to-host", "to-display"],
        "expected-invalid: a To user part in unescaped UTF-8 (`sip:боб@biloxi.com`, which RFC 3261 requires escaped): sip-core's To accessor reports it, tshark shows the user",
    ),
    known(
        "ersip/ersip_trans_test-L192.sip",
        Check::Tshark,
        &["cseq", "cseq-method"],
        "expected-invalid: `CSeq: x`: sip-core's CSeq accessor reports it, tshark shows 0 and `x`",
    ),
    known(
        "jart-gosip/msg_test-L1051.sip",
        Check::Tshark,
        &[
            "from-tag",
            "to-tag",
            "via-branch",
            "content-length",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "from-display",
        ],
        "a copy of RFC 4475 3.1.1.1 wsinv (LWS and folding everywhere) with its Via as in the RFC: tshark shows no From/To tag, Via branch or Content-Length, nor the From and To URI parts; it takes the Via transport and host from the second Via header (`v: SIP/2.0/TCP spindle.example.com`), the first being written with spaces it does not read, where sip-core reads the first (`UDP`, `192.0.2.2`); nor the From display name, a quoted string ending in an escaped quote",
    ),
    known(
        "sipxtapi/SipMessageTest-L124.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipMessageTest-L1358.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipMessageTest-L1382.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipMessageTest-L1407.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipMessageTest-L1431.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipMessageTest-L1455.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipMessageTest-L1484.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipMessageTest-L1516.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipMessageTest-L1549.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipMessageTest-L1578.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipMessageTest-L1608.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipMessageTest-L1658.sip",
        Check::Tshark,
        &[
            "contact-uri",
            "via-received",
            "via-rport",
            "contact-display",
            "via-maddr",
            "via-ttl",
        ],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none; the second Via's port 999999 is out of range: sip-core's Via accessor reports it where tshark shows no received, rport, maddr or ttl",
    ),
    known(
        "sipxtapi/SipMessageTest-L1682.sip",
        Check::Tshark,
        &[
            "contact-uri",
            "via-received",
            "via-rport",
            "contact-display",
            "via-maddr",
            "via-ttl",
        ],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none; the second Via's port 999999 is out of range: sip-core's Via accessor reports it where tshark shows no received, rport, maddr or ttl",
    ),
    known(
        "sipxtapi/SipMessageTest-L1716.sip",
        Check::Tshark,
        &[
            "to-tag",
            "from-host",
            "to-user",
            "to-host",
            "to-display",
            "pai-display",
            "pai-user",
            "pai-host",
        ],
        "LF-only lines; `To: Fred<sip:fred@example.com` without its `>`: sip-core's To accessor reports it, tshark shows nothing of it and runs the From host into the next line (`example.com\\nT`); `P-Asserted-Identity: Fredrick<freddy@east.example.com>` has no scheme: sip-core reports it, tshark shows the display name",
    ),
    known(
        "sipxtapi/SipMessageTest-L510.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipMessageTest-L84.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipMessageTest-L917.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipProxyMessageTest-L209.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipProxyMessageTest-L262.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipProxyMessageTest-L310.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipProxyMessageTest-L466.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipProxyMessageTest-L89.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "sipXtapi's `Contact: me@127.0.0.1` (or another user), an address without a scheme: sip-core's Contact accessor reports it, tshark shows none",
    ),
    known(
        "sipxtapi/SipUserAgentTest-L276.sip",
        Check::Tshark,
        &["request-uri-user"],
        "the Request-URI `sip:1@192.168.0.6`: tshark shows no user, sip-core reads `1`",
    ),
    known(
        "aiengine/gprs-sip-flow-f007-NOTIFY.sip",
        Check::Tshark,
        &["content-length"],
        "ng40's `Content-Length: 329 ` with a space before the line end (GTP-tunnelled IMS flow): tshark marks it Invalid content_length and shows 0, sip-core reads 329, the length of the body",
    ),
    known(
        "aiengine/gprs-sip-flow-f009-INVITE.sip",
        Check::Tshark,
        &["content-length"],
        "ng40's `Content-Length: 255 ` with a space before the line end (GTP-tunnelled IMS flow): tshark marks it Invalid content_length and shows 0, sip-core reads 255, the length of the body",
    ),
    known(
        "aiengine/gprs-sip-flow-f011-183.sip",
        Check::Tshark,
        &["content-length"],
        "ng40's `Content-Length: 259 ` with a space before the line end (GTP-tunnelled IMS flow): tshark marks it Invalid content_length and shows 0, sip-core reads 259, the length of the body",
    ),
    known(
        "aiengine/gprs-sip-flow-f012-PRACK.sip",
        Check::Tshark,
        &["content-length"],
        "ng40's `Content-Length: 255 ` with a space before the line end (GTP-tunnelled IMS flow): tshark marks it Invalid content_length and shows 0, sip-core reads 255, the length of the body",
    ),
    known(
        "aiengine/gprs-sip-flow-f013-200.sip",
        Check::Tshark,
        &["content-length"],
        "ng40's `Content-Length: 259 ` with a space before the line end (GTP-tunnelled IMS flow): tshark marks it Invalid content_length and shows 0, sip-core reads 259, the length of the body",
    ),
    known(
        "aiengine/gprs-sip-flow-f014-UPDATE.sip",
        Check::Tshark,
        &["content-length"],
        "ng40's `Content-Length: 259 ` with a space before the line end (GTP-tunnelled IMS flow): tshark marks it Invalid content_length and shows 0, sip-core reads 259, the length of the body",
    ),
    known(
        "aiengine/gprs-sip-flow-f015-200.sip",
        Check::Tshark,
        &["content-length"],
        "ng40's `Content-Length: 267 ` with a space before the line end (GTP-tunnelled IMS flow): tshark marks it Invalid content_length and shows 0, sip-core reads 267, the length of the body",
    ),
    known(
        "aiengine/gprs-sip-flow-f016-180.sip",
        Check::Tshark,
        &["content-length"],
        "ng40's `Content-Length: 267 ` with a space before the line end (GTP-tunnelled IMS flow): tshark marks it Invalid content_length and shows 0, sip-core reads 267, the length of the body",
    ),
    known(
        "media-server/sip-message-test-L336.sip",
        Check::Tshark,
        &["via-received"],
        "a Via `...;branch=z9hG4bK...; received=1.2.3.4` with a space after the `;` (SEMI is SWS \";\" SWS in RFC 3261 25.1): tshark does not take the parameter (it shows an empty sent-by) and so no received, sip-core reads `1.2.3.4`",
    ),
    known(
        "media-server/sip-message-test-L349.sip",
        Check::Tshark,
        &["via-received"],
        "a Via `...;branch=z9hG4bK...; received=192.0.2.1` with a space after the `;` (SEMI is SWS \";\" SWS in RFC 3261 25.1): tshark does not take the parameter (it shows an empty sent-by) and so no received, sip-core reads `192.0.2.1`",
    ),
    known(
        "media-server/sip-message-test-L359.sip",
        Check::Tshark,
        &["via-received"],
        "a Via `...;branch=z9hG4bK...; received=1.2.3.4` with a space after the `;` (SEMI is SWS \";\" SWS in RFC 3261 25.1): tshark does not take the parameter (it shows an empty sent-by) and so no received, sip-core reads `1.2.3.4`",
    ),
    known(
        "pkts/issue-106_003.sip",
        Check::Tshark,
        &["from-host"],
        "LF-only lines; `From: sip:blah@example.com` without angle brackets or parameters: tshark runs the host into the next line (`example.com\\nT`), sip-core reads `example.com`",
    ),
    known(
        "pkts/issue-106_012.sip",
        Check::Tshark,
        &["from-tag"],
        "`From: <sip:blah@example.com>;tag=` with an empty value: the tolerant reading gives an empty tag, tshark none",
    ),
    known(
        "pyvoip/test_sip_responses-L123.sip",
        Check::Tshark,
        &["to-user"],
        "an Asterisk 401 whose To is `<sip:5555:secret_password@192.168.0.100:616>`: userinfo is user [\":\" password] (RFC 3261 19.1.1, 25.1), so sip-core's user is `5555`; tshark shows `5555:secret_password` as the user part",
    ),
    known(
        "pyvoip/test_sip_responses-L137.sip",
        Check::Tshark,
        &["to-user"],
        "an Asterisk 401 whose To is `<sip:5555:secret_password@192.168.0.100>`: userinfo is user [\":\" password] (RFC 3261 19.1.1, 25.1), so sip-core's user is `5555`; tshark shows `5555:secret_password` as the user part",
    ),
    known(
        "voip-utils/test_sip-L194.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "content-length",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "from-port",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "content-type",
        ],
        "an INVITE preceded by an empty line (the test joins a list that starts with \"\"): tshark does not take a datagram that starts with CRLF as SIP and shows none of its fields; sip-core skips the CRLF before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L1669.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "content-length",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "from-display",
            "to-display",
            "contact-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L2237.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "content-length",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "auth-scheme",
            "auth-realm",
            "auth-nonce",
            "auth-algorithm",
            "auth-opaque",
            "from-display",
            "to-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L2279.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "content-type",
            "auth-scheme",
            "auth-username",
            "auth-realm",
            "auth-nonce",
            "auth-uri",
            "auth-response",
            "auth-opaque",
            "from-display",
            "to-display",
            "contact-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L2340.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "from-display",
            "to-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L2386.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "content-length",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "auth-scheme",
            "auth-realm",
            "auth-nonce",
            "auth-algorithm",
            "auth-opaque",
            "from-display",
            "to-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L2427.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "content-type",
            "auth-scheme",
            "auth-username",
            "auth-realm",
            "auth-nonce",
            "auth-uri",
            "auth-response",
            "auth-opaque",
            "from-display",
            "to-display",
            "contact-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L2488.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "via-branch",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "via-port",
            "from-display",
            "to-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L2508.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "via-branch",
            "content-length",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "via-port",
            "from-display",
            "to-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L2547.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "via-branch",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "via-port",
            "content-type",
            "record-route-uri",
            "from-display",
            "to-display",
            "contact-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L2606.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "content-length",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "route-uri",
            "from-display",
            "to-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L2646.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "from-tag",
            "content-length",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "route-uri",
            "from-display",
            "to-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L3145.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "content-type",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L3204.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "content-length",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L3282.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "via-branch",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "via-port",
            "content-type",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L3339.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "content-length",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "route-uri",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L3379.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "content-type",
            "route-uri",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L3453.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "via-branch",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "via-port",
            "content-type",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L4103.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "via-branch",
            "content-length",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "via-port",
            "from-display",
            "to-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L4993.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "content-type",
            "auth-scheme",
            "auth-username",
            "auth-realm",
            "auth-nonce",
            "auth-uri",
            "auth-response",
            "auth-opaque",
            "from-display",
            "to-display",
            "contact-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L5044.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "content-type",
            "auth-scheme",
            "auth-username",
            "auth-realm",
            "auth-nonce",
            "auth-uri",
            "auth-response",
            "auth-opaque",
            "from-display",
            "to-display",
            "contact-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L5317.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "via-branch",
            "content-length",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "via-port",
            "from-display",
            "to-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L5415.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "via-branch",
            "content-length",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "via-port",
            "from-display",
            "to-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L5457.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "via-branch",
            "content-length",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "via-port",
            "from-display",
            "to-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L5645.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "content-length",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "route-uri",
            "from-display",
            "to-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L6059.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "content-length",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L6133.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "content-length",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "route-uri",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L6213.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "via-branch",
            "content-length",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "via-port",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L6254.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "content-type",
            "from-display",
            "contact-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L6312.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "content-length",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "from-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L6370.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "via-branch",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "via-port",
            "content-type",
            "record-route-uri",
            "from-display",
            "contact-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L6429.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "content-length",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "route-uri",
            "from-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L6449.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "via-branch",
            "content-length",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "via-port",
            "from-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L6529.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "to-tag",
            "content-length",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "from-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L6550.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "content-type",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L7906.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "from-tag",
            "content-length",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "route-uri",
            "to-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L7948.sip",
        Check::Tshark,
        &[
            "status",
            "call-id",
            "cseq",
            "cseq-method",
            "from-tag",
            "via-branch",
            "content-length",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "via-port",
            "to-display",
        ],
        "the torture.xml CDATA text starts with two LFs (the message begins two lines below `<![CDATA[`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "oss-core/TestBasicParser-L136.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "from-tag",
            "via-branch",
            "max-forwards",
            "content-length",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "contact-uri",
            "via-transport",
            "via-host",
            "via-port",
            "via-rport",
            "content-type",
            "route-uri",
            "from-display",
        ],
        "the test writes two CRLFs before the start line (`msg << CRLF << CRLF << \"INVITE ...\"`): tshark does not take a datagram that starts with a line end as SIP and shows none of its fields; sip-core skips the empty lines before the start line (as RFC 3261 7.5 asks of stream transports) and reads the message",
    ),
    known(
        "jain-sip/torture-L146.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "content-type",
        ],
        "torture.xml test 3, `INVITE sip:user@company.com  SIP/2.0` with two spaces before the version (broken on purpose; upstream expects a ParseException): tshark does not take the datagram as SIP and shows none of its fields; the tolerant reading takes the request line (the strict check refuses the extra space) and reads the message",
    ),
    known(
        "jain-sip/torture-L188.sip",
        Check::Tshark,
        &["from-host", "to-host"],
        "LF-only line ends (the torture.xml text as written): Wireshark 4.0 misplaces the end of a header value without angle brackets: the From host runs into the next line (`university.edu\\nC`), the To host runs into the next line (`company.com\\nF`); sip-core reads each value up to its line end",
    ),
    known(
        "jain-sip/torture-L219.sip",
        Check::Tshark,
        &["from-host", "to-host"],
        "LF-only line ends (the torture.xml text as written): Wireshark 4.0 misplaces the end of a header value without angle brackets: the From host runs into the next line (`university.edu\\nC`), the To host runs into the next line (`company.com\\nF`); sip-core reads each value up to its line end",
    ),
    known(
        "jain-sip/torture-L259.sip",
        Check::Tshark,
        &["from-host", "to-host"],
        "LF-only line ends (the torture.xml text as written): Wireshark 4.0 misplaces the end of a header value without angle brackets: the From host runs into the next line (`university.edu\\nC`), the To host runs into the next line (`company.com\\nF`); sip-core reads each value up to its line end",
    ),
    known(
        "jain-sip/torture-L296.sip",
        Check::Tshark,
        &["to-host"],
        "LF-only line ends (the torture.xml text as written): Wireshark 4.0 misplaces the end of a header value without angle brackets: the To host runs into the next line (`company.com\\nF`); sip-core reads each value up to its line end",
    ),
    known(
        "jain-sip/torture-L315.sip",
        Check::Tshark,
        &["to-host"],
        "LF-only line ends (the torture.xml text as written): Wireshark 4.0 misplaces the end of a header value without angle brackets: the To host runs into the next line (`company.com\\nF`); sip-core reads each value up to its line end",
    ),
    known(
        "jain-sip/torture-L342.sip",
        Check::Tshark,
        &["to-host"],
        "LF-only line ends (the torture.xml text as written): Wireshark 4.0 misplaces the end of a header value without angle brackets: the To host runs into the next line (`example.com\\nF`); sip-core reads each value up to its line end",
    ),
    known(
        "jain-sip/torture-L366.sip",
        Check::Tshark,
        &["from-host", "to-host"],
        "LF-only line ends (the torture.xml text as written): Wireshark 4.0 misplaces the end of a header value without angle brackets: the From host runs into the next line (`university.edu\\nC`), the To host runs into the next line (`company.com\\nF`); sip-core reads each value up to its line end",
    ),
    known(
        "jain-sip/torture-L400.sip",
        Check::Tshark,
        &["from-host", "to-host"],
        "LF-only line ends (the torture.xml text as written): Wireshark 4.0 misplaces the end of a header value without angle brackets: the From host runs into the next line (`university.edu\\nC`), the To host runs into the next line (`company.com\\nF`); sip-core reads each value up to its line end",
    ),
    known(
        "jain-sip/torture-L436.sip",
        Check::Tshark,
        &["from-host", "to-host"],
        "LF-only line ends (the torture.xml text as written): Wireshark 4.0 misplaces the end of a header value without angle brackets: the From host runs into the next line (`university.edu\\nC`), the To host runs into the next line (`company.com\\nF`); sip-core reads each value up to its line end",
    ),
    known(
        "jain-sip/torture-L507.sip",
        Check::Tshark,
        &["from-host", "to-host", "contact-uri"],
        "LF-only line ends (the torture.xml text as written): Wireshark 4.0 misplaces the end of a header value without angle brackets: the From host runs into the next line (`company.com\\nT`), the To host runs into the next line (`company.com\\nC`), the Contact URI loses its last character (`sip:user@host.company.co`); sip-core reads each value up to its line end",
    ),
    known(
        "jain-sip/torture-L721.sip",
        Check::Tshark,
        &["from-port", "to-host"],
        "LF-only line ends (the torture.xml text as written): Wireshark 4.0 misplaces the end of a header value without angle brackets: the From port runs into the next line (`5060\\nC`), the To host runs into the next line (`www.antd.nist.gov\\nF`); sip-core reads each value up to its line end",
    ),
    known(
        "jain-sip/torture-L756.sip",
        Check::Tshark,
        &["from-host", "to-host"],
        "LF-only line ends (the torture.xml text as written): Wireshark 4.0 misplaces the end of a header value without angle brackets: the From host runs into the next line (`university.edu\\nC`), the To host runs into the next line (`company.com\\nF`); sip-core reads each value up to its line end",
    ),
    known(
        "jain-sip/torture-L784.sip",
        Check::Tshark,
        &["from-host", "to-host"],
        "LF-only line ends (the torture.xml text as written): Wireshark 4.0 misplaces the end of a header value without angle brackets: the From host runs into the next line (`www.cs.columbia.edu\\nC`), the To host runs into the next line (`129.6.55.181\\nF`); sip-core reads each value up to its line end",
    ),
    known(
        "jain-sip/torture-L854.sip",
        Check::Tshark,
        &["from-host", "to-host", "contact-uri"],
        "LF-only line ends (the torture.xml text as written): Wireshark 4.0 misplaces the end of a header value without angle brackets: the From host runs into the next line (`company.com\\nC`), the To host runs into the next line (`company.com\\nF`), the Contact URI loses its last character (`sip:user@host.company.co`); sip-core reads each value up to its line end",
    ),
    known(
        "jain-sip/torture-L881.sip",
        Check::Tshark,
        &["from-host", "to-host"],
        "LF-only line ends (the torture.xml text as written): Wireshark 4.0 misplaces the end of a header value without angle brackets: the From host runs into the next line (`university.edu\\nC`), the To host runs into the next line (`company.com\\nF`); sip-core reads each value up to its line end",
    ),
    known(
        "jain-sip/torture-L1525.sip",
        Check::Tshark,
        &["from-host"],
        "LF-only line ends (the torture.xml text as written): Wireshark 4.0 misplaces the end of a header value without angle brackets: the From host runs into the next line (`192.168.3.2\\nT`); sip-core reads each value up to its line end",
    ),
    known(
        "jain-sip/torture-L1552.sip",
        Check::Tshark,
        &["from-host", "contact-uri"],
        "LF-only line ends (the torture.xml text as written): Wireshark 4.0 misplaces the end of a header value without angle brackets: the From host runs into the next line (`172.20.12.113\\nT`), the Contact URI loses its last character (`sip:jxia@172.20.12.10`); sip-core reads each value up to its line end",
    ),
    known(
        "jain-sip/torture-L1284.sip",
        Check::Tshark,
        &["from-host", "to-host", "contact-uri", "contact-display"],
        "torture.xml test 46, `Contact: vikram@localhost` without a scheme (broken on purpose; upstream expects a ParseException there): sip-core's Contact accessor reports it, tshark shows no Contact; and with LF-only line ends Wireshark 4.0 runs the bare From and To hosts into what follows (`jitterbug.antd.nist.gov\\nC`, `120.6.55.9\\n\\n`)",
    ),
    known(
        "jain-sip/torture-L602.sip",
        Check::Tshark,
        &["from-host", "to-host", "contact-uri", "expires"],
        "torture.xml test 14, a message mangled on purpose (To, Call-ID, CSeq and Expires repeated, `Expires: 0 0l@company.com`; upstream expects a ParseException): sip-core's Expires accessor reports the first Expires value, tshark shows `0`; and with LF-only line ends Wireshark 4.0 runs the bare From and To hosts into the next line (`company.com\\nT`, `135.180.130.133\\nC`) and cuts the last character of the Contact URI (`sip:host.company.co`)",
    ),
    known(
        "jain-sip/torture-L41.sip",
        Check::Tshark,
        &["request-uri-user", "request-uri-host", "request-uri-port"],
        "torture.xml test 1, `INVITE <sip:user@company.com> SIP/2.0`, a Request-URI in angle brackets (broken on purpose; upstream expects a ParseException): sip-core reads the start line with a diagnostic, but `<sip:user@company.com>` does not read as a URI (no scheme before `<`), so it gives an error for the Request-URI's user, host and port where tshark shows none",
    ),
    known(
        "jain-sip/torture-L467.sip",
        Check::Tshark,
        &["contact-uri", "content-type"],
        "torture.xml test 12a (a Nortel INVITE): a line holding one space follows `Content-Type: application/sdp` where the empty line should be; as RFC 3261's LWS rule says, it continues Content-Type, and tshark keeps it in the value (`application/sdp\\n `) where sip-core trims the trailing whitespace (so the SDP lines after it read as header lines without a name and the message has no body); and with LF-only line ends Wireshark 4.0 cuts the last digit of the Contact URI (`sip:4855@166.35.224.216:506`)",
    ),
    known(
        "jain-sip/torture-L535.sip",
        Check::Tshark,
        &["via-branch", "from-host"],
        "torture.xml test 13: the top Via `SIP/2.0/UDP sip33.example.com` has no branch (RFC 2543 style), a lower one has `branch=C1C3344E...`: sip-core's branch is the top Via's (none), tshark's first `sip.Via.branch` is that lower Via's; and with LF-only line ends Wireshark 4.0 runs the bare From host into the next line (`university.edu\\nC`)",
    ),
    known(
        "jain-sip/torture-L1756.sip",
        Check::Tshark,
        &["contact-uri"],
        "`Contact: mailto:UserB@there.com`, a non-SIP URI without angle brackets (draft-ietf-sip-call-flows call flow 2): tshark shows no Contact URI for a bare `mailto:` URI (it shows one in angle brackets), sip-core reads `mailto:UserB@there.com`",
    ),
    known(
        "jain-sip/torture-L3750.sip",
        Check::Tshark,
        &["via-branch"],
        "`Via: SIP/2.0/UDP ss1.wcom.com:5060; branch=2d007.1`, a space after the `;` (SEMI is SWS \";\" SWS in RFC 3261 25.1): tshark does not take the parameter and shows no branch, sip-core reads `2d007.1`",
    ),
    known(
        "oss-core/TestVia-L166.sip",
        Check::Tshark,
        &["contact-uri", "contact-display"],
        "the Karoo Bridge 180's last header `Contact: 1002m <sip:1002m@216.24.144.35:5060;transport=tcp;sbc-session-id=...;` ends without its `>` (the test writes it so and reads only the Via): sip-core's Contact accessor reports the missing `>`, tshark shows no Contact URI or display name",
    ),
    known(
        "peers/SipParserTestNG-L119.sip",
        Check::Tshark,
        &["request-uri-user", "contact-uri", "contact-display"],
        "peers' compact-header test: `m: <192.168.5.6:43673>`, a Contact without a URI scheme: sip-core's Contact accessor reports it (RFC 3261 25.1 needs a SIP, SIPS or absolute URI), tshark shows the text between the brackets as the URI; and the Request-URI `sip:h@google.com`: tshark shows no user, sip-core reads `h`",
    ),
    known(
        "vyatta-dataplane/dp_test_npf_cgnat_sip-L504.sip",
        Check::Tshark,
        &["to-user", "to-host", "to-display"],
        "`t : B.Boss <sip:B.Boss@work.co.uk>`, the compact To with a space before the colon (HCOLON allows SP and HTAB there, RFC 3261 25.1): tshark does not take the header as To and shows no To user, host or display name, sip-core reads them",
    ),
    known(
        "jain-sip/torture-L103.sip",
        Check::Tshark,
        &[
            "method",
            "request-uri",
            "call-id",
            "cseq",
            "cseq-method",
            "request-uri-user",
            "request-uri-host",
            "from-user",
            "from-host",
            "to-user",
            "to-host",
            "via-transport",
            "via-host",
            "content-type",
        ],
        "torture.xml test 2, `INVITE sip:user@company.com; transport=udp SIP/2.0`, a space inside the Request-URI (broken on purpose; upstream: the server should answer 400): sip-core reads it with `space_in_request_uri` (the URI runs to the space before the version), so a server can read the Via, Call-ID and CSeq a 400 needs; tshark does not take the request line as SIP and shows none of its fields",
    ),
    known(
        "jain-sip/torture-L1481.sip",
        Check::Parse,
        &[],
        "torture.xml test 51, `INVITE sip:t.watson@ieee.org SIP/02.00` (broken on purpose; upstream expects a ParseException, SIP-Version is the literal `SIP/2.0`): sip-core refuses the message; the start-line exemption for `expected-invalid` messages does not apply because the strict check stops first at the bare LF that ends the start line",
    ),
];

/// SDP bodies that are no description a tolerant reading should take: refused by the
/// tolerant SDP reading too (the message itself reads, with the body's error as a
/// diagnostic), at the line given. These stay.
const REFUSED_SDP: &[Known] = &[
    known(
        "jain-sip/torture-L103.sip",
        Check::Sdp,
        &["line 6"],
        "the bakeoff's `m=audio 492170 RTP/AVP 0 12`: a port above 65535 (RFC 4475 keeps it in its copies of these messages)",
    ),
    known(
        "jain-sip/torture-L676.sip",
        Check::Sdp,
        &["line 4"],
        "the bakeoff message's `m=audio 492170 RTP/AVP 0 12`, as RFC 4475 3.1.2.11 copies it: a port above 65535",
    ),
    known(
        "sip3/SipCallHandlerTest-L104.sip",
        Check::Sdp,
        &["line 1"],
        "the test fixture repeats `Content-Type: application/sdp` and an empty line inside the `application/sdp` body, before `v=0`",
    ),
    known(
        "sip3/SipCallHandlerTest-L196.sip",
        Check::Sdp,
        &["line 1"],
        "as SipCallHandlerTest-L104",
    ),
    known(
        "sip3/SipCallHandlerTest-L262.sip",
        Check::Sdp,
        &["line 1"],
        "as SipCallHandlerTest-L104",
    ),
    known(
        "sip3/SipCallHandlerTest-L59.sip",
        Check::Sdp,
        &["line 1"],
        "as SipCallHandlerTest-L104",
    ),
    known(
        "sipproxy/message_test-L324.sip",
        Check::Sdp,
        &["body"],
        "`boundary=a3985a25d8e16b26` while the parts are delimited by `--MIME_boundary_4rAeYlfc7H19jxG7HkqB`: an edited capture, no delimiter of the declared boundary",
    ),
    known(
        "sipproxy/proxy_test-L78.sip",
        Check::Sdp,
        &["line 1"],
        "`application/sdp` whose body is the word `test` (a placeholder in sipproxy's tests)",
    ),
    known(
        "sofia-sip/torture_sip-L1599.sip",
        Check::Sdp,
        &["line 4"],
        "RFC 4475 3.1.2.11's `m=audio 492170 RTP/AVP 0 12`: a port above 65535, an invalid message by design",
    ),
    known(
        "sofia-sip/torture_sip-L1860.sip",
        Check::Sdp,
        &["line 4"],
        "the same port above 65535 (RFC 4475 3.1.2.13)",
    ),
    known(
        "ersip/ersip_conn_test-L303.sip",
        Check::Sdp,
        &["line 1"],
        "ersip's placeholder body `Test` under `Content-Type: application/sdp`: not SDP",
    ),
    known(
        "ersip/ersip_conn_test-L46.sip",
        Check::Sdp,
        &["line 1"],
        "ersip's placeholder body `Test` under `Content-Type: application/sdp`: not SDP",
    ),
    known(
        "ersip/ersip_parser_test-L50.sip",
        Check::Sdp,
        &["line 1"],
        "ersip's placeholder body `Test` under `Content-Type: application/sdp`: not SDP",
    ),
    known(
        "ersip/ersip_proxy_common_test-L615.sip",
        Check::Sdp,
        &["line 1"],
        "ersip's placeholder body `Test` under `Content-Type: application/sdp`: not SDP",
    ),
    known(
        "ersip/ersip_proxy_stateless_test-L33.sip",
        Check::Sdp,
        &["line 1"],
        "ersip's placeholder body `Test` under `Content-Type: application/sdp`: not SDP",
    ),
    known(
        "ersip/ersip_proxy_test-L1414.sip",
        Check::Sdp,
        &["line 1"],
        "ersip's placeholder body `Test` under `Content-Type: application/sdp`: not SDP",
    ),
    known(
        "ersip/ersip_request_test-L55.sip",
        Check::Sdp,
        &["line 1"],
        "ersip's placeholder body `Test` under `Content-Type: application/sdp`: not SDP",
    ),
    known(
        "ersip/ersip_siphdr_test-L21.sip",
        Check::Sdp,
        &["line 1"],
        "ersip's placeholder body `Test` under `Content-Type: application/sdp`: not SDP",
    ),
    known(
        "ersip/ersip_siphdr_test-L36.sip",
        Check::Sdp,
        &["line 1"],
        "ersip's placeholder body `Test` under `Content-Type: application/sdp`: not SDP",
    ),
    known(
        "ersip/ersip_siphdr_test-L83.sip",
        Check::Sdp,
        &["line 1"],
        "ersip's placeholder body `Test` under `Content-Type: application/sdp`: not SDP",
    ),
    known(
        "jain-sip/torture-L146.sip",
        Check::Sdp,
        &["line 6"],
        "the bakeoff's `m=audio 492170 RTP/AVP 0 12`: a port above 65535 (RFC 4475 keeps it in its copies of these messages)",
    ),
    known(
        "jain-sip/torture-L188.sip",
        Check::Sdp,
        &["line 6"],
        "the bakeoff's `m=audio 492170 RTP/AVP 0 12`: a port above 65535 (RFC 4475 keeps it in its copies of these messages)",
    ),
    known(
        "jain-sip/torture-L219.sip",
        Check::Sdp,
        &["line 6"],
        "the bakeoff's `m=audio 492170 RTP/AVP 0 12`: a port above 65535 (RFC 4475 keeps it in its copies of these messages)",
    ),
    known(
        "jain-sip/torture-L259.sip",
        Check::Sdp,
        &["line 6"],
        "the bakeoff's `m=audio 492170 RTP/AVP 0 12`: a port above 65535 (RFC 4475 keeps it in its copies of these messages)",
    ),
    known(
        "jain-sip/torture-L366.sip",
        Check::Sdp,
        &["line 6"],
        "the bakeoff's `m=audio 492170 RTP/AVP 0 12`: a port above 65535 (RFC 4475 keeps it in its copies of these messages)",
    ),
    known(
        "jain-sip/torture-L400.sip",
        Check::Sdp,
        &["line 6"],
        "the bakeoff's `m=audio 492170 RTP/AVP 0 12`: a port above 65535 (RFC 4475 keeps it in its copies of these messages)",
    ),
    known(
        "jain-sip/torture-L41.sip",
        Check::Sdp,
        &["line 6"],
        "the bakeoff's `m=audio 492170 RTP/AVP 0 12`: a port above 65535 (RFC 4475 keeps it in its copies of these messages)",
    ),
    known(
        "jain-sip/torture-L436.sip",
        Check::Sdp,
        &["line 6"],
        "the bakeoff's `m=audio 492170 RTP/AVP 0 12`: a port above 65535 (RFC 4475 keeps it in its copies of these messages)",
    ),
    known(
        "jain-sip/torture-L535.sip",
        Check::Sdp,
        &["line 6"],
        "the bakeoff's `m=audio 492170 RTP/AVP 0 12`: a port above 65535 (RFC 4475 keeps it in its copies of these messages)",
    ),
    known(
        "jain-sip/torture-L721.sip",
        Check::Sdp,
        &["line 4"],
        "the bakeoff's `m=audio 492170 RTP/AVP 0 12`: a port above 65535 (RFC 4475 keeps it in its copies of these messages)",
    ),
    known(
        "jain-sip/torture-L784.sip",
        Check::Sdp,
        &["line 4"],
        "the bakeoff's `m=audio 492170 RTP/AVP 0 12`: a port above 65535 (RFC 4475 keeps it in its copies of these messages)",
    ),
    known(
        "jain-sip/torture-L881.sip",
        Check::Sdp,
        &["line 4"],
        "the bakeoff's `m=audio 492170 RTP/AVP 0 12`: a port above 65535 (RFC 4475 keeps it in its copies of these messages)",
    ),
    known(
        "sipmsg/serializer-L199.sip",
        Check::Sdp,
        &["line 1"],
        "sipmsg's serializer test gives its `application/sdp` body as the word `body`: not SDP",
    ),
];

/// The checked-in corpus is at least this large.
const MIN_CORPUS: usize = 300;

mod corpus;
use corpus::Entry;

fn corpus_dir() -> PathBuf {
    corpus::dir("real-world")
}

fn manifest() -> Vec<Entry> {
    corpus::manifest(&corpus_dir())
}

/// The one place that says how the corpus is read: tolerant of the quirks of deployed
/// equipment, datagram framing, default limits.
fn reader() -> Parser {
    Parser::new().lenient(true)
}

/// One message as sip-core reads it.
struct Read {
    /// The owned message (start line to end of body).
    message: SipMessage,
    /// Where the start line begins in the datagram (after skipped empty lines).
    offset: usize,
    /// Bytes of the datagram used: skipped lines plus the message.
    consumed: usize,
}

fn read(bytes: &[u8]) -> Result<Read, String> {
    let mut slots = Vec::new();
    match reader().parse(bytes, &mut slots) {
        Ok(Status::Complete(m)) => Ok(Read {
            message: m.to_owned_message(),
            offset: m.offset(),
            consumed: m.consumed(),
        }),
        Ok(Status::Partial) => Err("incomplete (Partial) for a whole datagram".to_owned()),
        Err(e) => Err(format!("offset {}: {}", e.offset(), e.reason())),
    }
}

/// The fields compared with tshark, in the order of [`TSHARK_FIELDS`].
const FIELD_NAMES: [&str; 56] = [
    "method",
    "request-uri",
    "status",
    "call-id",
    "cseq",
    "cseq-method",
    "from-tag",
    "to-tag",
    "via-branch",
    "max-forwards",
    "content-length",
    "request-uri-user",
    "request-uri-host",
    "request-uri-port",
    "from-user",
    "from-host",
    "from-port",
    "to-user",
    "to-host",
    "contact-uri",
    "via-transport",
    "via-host",
    "via-port",
    "via-received",
    "via-rport",
    "expires",
    "content-type",
    "record-route-uri",
    "route-uri",
    "auth-scheme",
    "auth-username",
    "auth-realm",
    "auth-nonce",
    "auth-uri",
    "auth-response",
    "auth-algorithm",
    "auth-qop",
    "auth-nc",
    "auth-cnonce",
    "auth-opaque",
    "from-display",
    "to-display",
    "contact-display",
    "pai-display",
    "pai-user",
    "pai-host",
    "reason-cause-q850",
    "reason-cause-sip",
    "reason-text",
    "rseq",
    "rack-rseq",
    "rack-cseq",
    "rack-method",
    "icid",
    "via-maddr",
    "via-ttl",
];

/// tshark's names for [`FIELD_NAMES`].
const TSHARK_FIELDS: [&str; 56] = [
    "sip.Method",
    "sip.r-uri",
    "sip.Status-Code",
    "sip.Call-ID",
    "sip.CSeq.seq",
    "sip.CSeq.method",
    "sip.from.tag",
    "sip.to.tag",
    "sip.Via.branch",
    "sip.Max-Forwards",
    "sip.Content-Length",
    "sip.r-uri.user",
    "sip.r-uri.host",
    "sip.r-uri.port",
    "sip.from.user",
    "sip.from.host",
    "sip.from.port",
    "sip.to.user",
    "sip.to.host",
    "sip.contact.uri",
    "sip.Via.transport",
    "sip.Via.sent-by.address",
    "sip.Via.sent-by.port",
    "sip.Via.received",
    "sip.Via.rport",
    "sip.Expires",
    "sip.Content-Type",
    "sip.Record-Route.uri",
    "sip.Route.uri",
    "sip.auth.scheme",
    "sip.auth.username",
    "sip.auth.realm",
    "sip.auth.nonce",
    "sip.auth.uri",
    "sip.auth.digest.response",
    "sip.auth.algorithm",
    "sip.auth.qop",
    "sip.auth.nc",
    "sip.auth.cnonce",
    "sip.auth.opaque",
    "sip.from.display.info",
    "sip.to.display.info",
    "sip.contact.display.info",
    "sip.pai.display.info",
    "sip.pai.user",
    "sip.pai.host",
    "sip.reason_cause_q850",
    "sip.reason_cause_sip",
    "sip.reason_text",
    "sip.RSeq",
    "sip.RAck.RSeq.seq",
    "sip.RAck.CSeq.seq",
    "sip.RAck.CSeq.method",
    "sip.icid_value",
    "sip.Via.maddr",
    "sip.Via.ttl",
];

/// A field's value: `None` when absent; an accessor's error is kept as `Err`, which
/// never equals what tshark shows.
type Field = Result<Option<String>, String>;

/// The user, host and port of a URI, for the `*-user`, `*-host` and `*-port` fields: a
/// SIP URI's parts; none for other schemes (`tel:`, `urn:`), where Wireshark shows none.
fn uri_parts(uri: &sip_core::uri::Uri<'_>) -> [Option<String>; 3] {
    match uri {
        sip_core::uri::Uri::Sip(u) => [
            u.user.map(str::to_owned),
            Some(u.host.to_string()),
            u.port.map(|p| p.to_string()),
        ],
        _ => [None, None, None],
    }
}

/// A field from a typed accessor's result: `f` of the header when there is one, the
/// error's text when it does not read.
fn field<T>(r: &sip_core::Result<Option<T>>, f: impl FnOnce(&T) -> Option<String>) -> Field {
    match r {
        Ok(v) => Ok(v.as_ref().and_then(f)),
        Err(e) => Err(e.to_string()),
    }
}

/// Of list elements in wire order, the value of the first one `f` gives one for; the
/// error's text when a bad element comes before it.
fn first_of<T>(items: &[sip_core::Result<T>], f: impl Fn(&T) -> Option<String>) -> Field {
    for item in items {
        match item {
            Ok(x) => {
                if let Some(v) = f(x) {
                    return Ok(Some(v));
                }
            }
            Err(e) => return Err(e.to_string()),
        }
    }
    Ok(None)
}

/// sip-core's value of each field, in the order of [`FIELD_NAMES`].
fn fields(m: &SipMessage) -> [Field; 56] {
    use sip_core::headers::Contact;
    let v = m.view();
    let own = |s: Option<&str>| Ok(s.map(str::to_owned));
    let num = |n: &dyn std::fmt::Display| Some(n.to_string());
    let cseq = v.cseq();
    let from = v.from();
    let to = v.to();
    let via = v.via();
    let ruri = v
        .request_uri()
        .map(|u| sip_core::uri::Uri::parse_with_quirks(u, v.quirks()))
        .transpose();
    let value_of = |name: &str| v.header(name).and_then(|h| h.value_str()).unwrap_or("");
    let contact = v.contacts().next().transpose();
    // The first P-Asserted-Identity address.
    let pai = v.p_asserted_identities().next().transpose();
    let reasons: Vec<_> = v.reasons().collect();
    // Of the Reason values in wire order, the cause of the first with that protocol.
    let reason_cause = |protocol: &str| -> Field {
        for r in &reasons {
            match r {
                Ok(r) if r.value.eq_ignore_ascii_case(protocol) => {
                    return Ok(r.params.get("cause").flatten().map(str::to_owned));
                }
                Ok(_) => {}
                Err(e) => return Err(e.to_string()),
            }
        }
        Ok(None)
    };
    let rack = v.rack();
    // Wireshark shows the first occurrence of each Via field in the message: of the
    // first Via value that has it. Its `sent-by.port` only when parameters follow the
    // sent-by (4.0 leaves it out of `Via: SIP/2.0/UDP host:port`), `rport` without a
    // value as `rport`, and an IPv6 sent-by without its brackets.
    let vias: Vec<_> = v.vias().collect();
    // The challenges and credentials in wire order (Wireshark shows one set of `auth`
    // fields for all four headers): of each field, the first value that has it.
    let mut auths = Vec::new();
    for mut list in [
        v.www_authenticate(),
        v.proxy_authenticate(),
        v.authorization(),
        v.proxy_authorization(),
    ] {
        while let Some(a) = list.next() {
            auths.push((list.offset(), a));
        }
    }
    auths.sort_by_key(|(at, _)| *at);
    let auths: Vec<_> = auths.into_iter().map(|(_, a)| a).collect();
    let auth = |name: &str| -> Field {
        first_of(&auths, |a| {
            if name == "scheme" {
                return Some(a.scheme.to_owned());
            }
            // As written, quotes included, as Wireshark shows it.
            a.params()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, x)| x.to_owned())
        })
    };
    [
        own(v.method()),
        own(v.request_uri()),
        Ok(v.status().map(|c| c.to_string())),
        own(v.call_id()),
        field(&cseq, |c| num(&c.seq)),
        field(&cseq, |c| Some(c.method.to_owned())),
        field(&from, |f| f.tag().map(str::to_owned)),
        field(&to, |t| t.tag().map(str::to_owned)),
        field(&via, |via| via.branch().map(str::to_owned)),
        field(&v.max_forwards(), |n| num(n)),
        Ok(v.content_length().map(|n| n.to_string())),
        field(&ruri, |u| uri_parts(u)[0].clone()),
        field(&ruri, |u| uri_parts(u)[1].clone()),
        field(&ruri, |u| uri_parts(u)[2].clone()),
        field(&from, |f| uri_parts(&f.uri)[0].clone()),
        field(&from, |f| uri_parts(&f.uri)[1].clone()),
        field(&from, |f| uri_parts(&f.uri)[2].clone()),
        field(&to, |t| uri_parts(&t.uri)[0].clone()),
        field(&to, |t| uri_parts(&t.uri)[1].clone()),
        field(&contact, |c| match c {
            Contact::Addr(a) => Some(a.uri_raw.to_owned()),
            Contact::Wildcard => None,
        }),
        first_of(&vias, |via| Some(via.transport.to_owned())),
        first_of(&vias, |via| {
            let host = via.host_raw;
            Some(
                host.strip_prefix('[')
                    .and_then(|h| h.strip_suffix(']'))
                    .unwrap_or(host)
                    .to_owned(),
            )
        }),
        first_of(&vias, |via| {
            via.port
                .filter(|_| !via.params.as_str().is_empty())
                .map(|p| p.to_string())
        }),
        first_of(&vias, |via| via.received().map(str::to_owned)),
        first_of(&vias, |via| {
            via.rport()
                .map(|p| p.map_or("rport".to_owned(), |p| p.to_string()))
        }),
        field(&v.expires(), |n| num(n)),
        // As written, a folded value's line ends escaped as Wireshark shows them.
        Ok(v.content_type_raw()
            .and_then(|c| std::str::from_utf8(c).ok())
            .map(|c| c.replace('\r', "\\r").replace('\n', "\\n"))),
        field(&v.record_routes().next().transpose(), |a| {
            Some(a.uri_raw.to_owned())
        }),
        field(&v.routes().next().transpose(), |a| {
            Some(a.uri_raw.to_owned())
        }),
        auth("scheme"),
        auth("username"),
        auth("realm"),
        auth("nonce"),
        auth("uri"),
        auth("response"),
        auth("algorithm"),
        auth("qop"),
        auth("nc"),
        auth("cnonce"),
        auth("opaque"),
        field(&from, |f| display(f.display_raw, value_of("From"))),
        field(&to, |t| display(t.display_raw, value_of("To"))),
        field(&contact, |c| match c {
            Contact::Addr(a) => display(a.display_raw, value_of("Contact")),
            Contact::Wildcard => None,
        }),
        field(&pai, |a| {
            display(a.display_raw, value_of("P-Asserted-Identity"))
        }),
        field(&pai, |a| uri_parts(&a.uri)[0].clone()),
        field(&pai, |a| uri_parts(&a.uri)[1].clone()),
        reason_cause("Q.850"),
        reason_cause("SIP"),
        // The first text, unquoted (as Wireshark shows it).
        first_of(&reasons, |r| r.text().map(std::borrow::Cow::into_owned)),
        field(&v.rseq(), |n| num(n)),
        field(&rack, |r| num(&r.rseq)),
        field(&rack, |r| num(&r.cseq)),
        field(&rack, |r| Some(r.method.to_owned())),
        // As written, quotes included, as Wireshark shows it. (Its `icid_gen_addr` is not
        // compared: Wireshark 4.0 fills it for none of the corpus or of hand-made ones.)
        field(&v.p_charging_vector(), |p| Some(p.icid_raw.to_owned())),
        first_of(&vias, |via| via.maddr().map(str::to_owned)),
        first_of(&vias, |via| via.ttl().map(|t| t.to_string())),
    ]
}

/// A display name as Wireshark shows it: a quoted one as written, an unquoted one with
/// the whitespace before its `<` (the text of `value`, the header value it starts, up to
/// the `<`).
fn display(raw: Option<&str>, value: &str) -> Option<String> {
    let raw = raw?;
    if raw.starts_with('"') {
        return Some(raw.to_owned());
    }
    let at = value.find(raw)?;
    let end = value[at..].find('<').map_or(value.len(), |i| at + i);
    Some(value[at..end].to_owned())
}

#[test]
fn the_manifest_lists_every_corpus_file_with_its_origin_and_licence() {
    let entries = manifest();
    corpus::assert_manifest_is_complete(&corpus_dir(), &entries, MIN_CORPUS);
    for k in KNOWN_FAILURES.iter().chain(EXPECTED_DIFFERENCES) {
        assert!(
            entries.iter().any(|e| e.file == k.file),
            "{} is listed as a failure or difference but is not in the manifest",
            k.file
        );
        for f in k.fields {
            assert!(FIELD_NAMES.contains(f), "{}: no field {f}", k.file);
        }
    }
}

/// A failure found: the fields that differ (for [`Check::Tshark`]) and what happened.
struct Found {
    fields: Vec<&'static str>,
    what: String,
}

/// Compares the failures found for `checks` with [`KNOWN_FAILURES`] and
/// [`EXPECTED_DIFFERENCES`], both ways: every failure found must be listed with exactly
/// its fields, and every listed one must still fail.
fn assert_known(checks: &[Check], found: &BTreeMap<(String, Check), Found>) {
    let listed = || {
        KNOWN_FAILURES
            .iter()
            .chain(EXPECTED_DIFFERENCES)
            .chain(REFUSED_SDP)
            .filter(|k| checks.contains(&k.check))
    };
    let mut report = String::new();
    for ((file, check), got) in found {
        match listed().find(|k| k.file == file && k.check == *check) {
            None => writeln!(report, "new failure: {file} ({check:?}): {}", got.what).unwrap(),
            Some(k) if k.fields != got.fields.as_slice() => writeln!(
                report,
                "{file} ({check:?}): listed fields {:?}, differing now {:?}: {}",
                k.fields, got.fields, got.what
            )
            .unwrap(),
            Some(_) => {}
        }
    }
    for k in listed() {
        if !found.contains_key(&(k.file.to_owned(), k.check)) {
            writeln!(
                report,
                "now passes, remove it from the list: {} ({:?}; was: {})",
                k.file, k.check, k.cause
            )
            .unwrap();
        }
    }
    assert!(report.is_empty(), "\n{report}");
}

/// Whether the strict check fails `bytes` in its start line (before its first line end).
fn broken_start_line(bytes: &[u8]) -> bool {
    let line_end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(bytes.len());
    sip_core::check(bytes).is_err_and(|e| e.offset() < line_end)
}

#[test]
fn every_message_reads_tolerantly_and_writes_back_its_own_bytes() {
    let mut found = BTreeMap::new();
    let (mut parsed, mut identical, mut trailing) = (0, 0, 0);
    for e in manifest() {
        if e.expected_invalid() {
            assert!(
                sip_core::check(&e.bytes).is_err(),
                "{}: marked expected-invalid but the strict check accepts it",
                e.file
            );
        }
        let r = match read(&e.bytes) {
            Ok(r) => r,
            // A message upstream broke in its start line (`INV@TE sip:...`) is no
            // message: reading it fails by design, where the strict check fails.
            Err(_) if e.expected_invalid() && broken_start_line(&e.bytes) => continue,
            Err(why) => {
                found.insert(
                    (e.file, Check::Parse),
                    Found {
                        fields: Vec::new(),
                        what: why,
                    },
                );
                continue;
            }
        };
        parsed += 1;
        if r.consumed < e.bytes.len() {
            trailing += 1;
        }
        let own = &e.bytes[r.offset..r.consumed];
        let mut written = Vec::new();
        r.message.view().write_to(&mut written);
        if written == own {
            identical += 1;
        } else {
            let at = written
                .iter()
                .zip(own)
                .position(|(a, b)| a != b)
                .unwrap_or(written.len().min(own.len()));
            found.insert(
                (e.file, Check::RoundTrip),
                Found {
                    fields: Vec::new(),
                    what: format!(
                        "written {} bytes, message has {}; first difference at {at}",
                        written.len(),
                        own.len()
                    ),
                },
            );
        }
    }
    eprintln!(
        "real-world corpus: {parsed} read, {identical} written back identical, \
         {trailing} with bytes after the message"
    );
    assert_known(&[Check::Parse, Check::RoundTrip], &found);
}

/// The one carrier header of the corpus that does not read, and why: doubango's header
/// test `P-Preferred-Identity: <sip:bob@open-ims.test` lacks its `>`.
const BROKEN_PPI: (&str, &str) = (
    "doubango/test_sipmessages-L85.sip",
    "invalid P-Preferred-Identity header: expected '>' after URI",
);

/// The carrier headers of the corpus (Diversion from resiprocate's and a Broadsoft-style
/// test, History-Info from reSIProcate's Nortel INVITE and JAIN SIP, Identity, Privacy,
/// P-Preferred-Identity and the IMS P-Charging-Vectors of T-Mobile and Mavenir traffic)
/// read tolerantly, every value of them; the counts are what the files hold. The three
/// Identity values are placeholders (`tokenA`), so none has a PASSporT to decode.
#[test]
fn every_carrier_header_of_the_corpus_reads_tolerantly() {
    let (mut diversions, mut history, mut identities, mut privacy, mut ppi, mut charging) =
        (0, 0, 0, 0, 0, 0);
    let mut broken = 0;
    let mut icids = Vec::new();
    for e in manifest() {
        let Ok(r) = read(&e.bytes) else { continue };
        let m = r.message.view();
        let fail = |what: &str, err: sip_core::Error| -> ! { panic!("{}: {what}: {err}", e.file) };
        for d in m.diversions() {
            d.unwrap_or_else(|err| fail("Diversion", err));
            diversions += 1;
        }
        for h in m.history_info() {
            let h = h.unwrap_or_else(|err| fail("History-Info", err));
            assert!(h.index.is_some(), "{}: History-Info without index", e.file);
            history += 1;
        }
        for i in m.identities() {
            let i = i.unwrap_or_else(|err| fail("Identity", err));
            assert!(i.passport().is_err(), "{}: a placeholder decodes", e.file);
            identities += 1;
        }
        if m.privacy()
            .unwrap_or_else(|err| fail("Privacy", err))
            .is_some()
        {
            privacy += 1;
        }
        for a in m.p_preferred_identities().chain(m.remote_party_ids()) {
            match a {
                Ok(_) => ppi += 1,
                // doubango's header test breaks one on purpose.
                Err(err) if e.file == BROKEN_PPI.0 => {
                    assert_eq!(err.reason(), BROKEN_PPI.1, "{}", e.file);
                    broken += 1;
                }
                Err(err) => fail("P-Preferred-Identity", err),
            }
        }
        if let Some(v) = m
            .p_charging_vector()
            .unwrap_or_else(|err| fail("P-Charging-Vector", err))
        {
            icids.push(v.icid().into_owned());
            charging += 1;
        }
    }
    eprintln!(
        "real-world corpus carrier headers: {diversions} Diversion, {history} History-Info, \
         {identities} Identity, {privacy} Privacy, {ppi} P-Preferred-Identity and \
         Remote-Party-ID, {charging} P-Charging-Vector"
    );
    // Sixteen P-Preferred-Identity lines (one with two values, one of doubango's broken
    // on purpose) and one Remote-Party-ID; Privacy in twenty-two messages.
    assert_eq!(
        (
            diversions, history, identities, privacy, ppi, charging, broken
        ),
        (2, 3, 3, 22, 17, 7, 1)
    );
    // A quoted icid reads unquoted.
    assert!(
        icids
            .iter()
            .any(|i| i == "rjo-lab-pcscf01.192.44c.20210810113803")
    );
}

/// Every SDP body of the corpus (alone, or the SDP part of a multipart body) reads with
/// the tolerant SDP reading that `sip parse` and the report use, but for the bodies of
/// [`REFUSED_SDP`]; what it reports is exactly what the strict reading refuses (the
/// first diagnostic is at the strict error's line), and written back it reads to the
/// same session, needing only the quirks of values kept as written (attributes,
/// addresses).
#[test]
fn every_sdp_body_reads_tolerantly() {
    use sip_core::sdp::{self, Quirk, Quirks};
    let tolerant = sdp::Parser::new().quirks(Quirks::ALL);
    let strict = sdp::Parser::new();
    let mut found = BTreeMap::new();
    let (mut bodies, mut read_ok, mut quirky) = (0, 0, 0);
    for e in manifest() {
        let Ok(r) = read(&e.bytes) else { continue };
        let m = r.message.view();
        // A body that holds SDP, strictly or (an unclosed multipart) tolerantly.
        let Some(ct) = m
            .content_type_raw()
            .and_then(|ct| std::str::from_utf8(ct).ok())
        else {
            continue;
        };
        let mut framing = Vec::new();
        let holds_sdp = match sdp::sdp_part(ct, m.body()) {
            Ok(part) => part.is_some(),
            Err(_) => sdp::from_sip_body_with_diagnostics(&tolerant, ct, m.body(), &mut framing)
                .map_or(true, |s| s.is_some()),
        };
        if !holds_sdp {
            continue;
        }
        bodies += 1;
        let mut notes = Vec::new();
        let sdp = match m.sdp_with_diagnostics(&tolerant, &mut notes) {
            Ok(Some(sdp)) => sdp,
            Ok(None) => {
                read_ok += 1;
                continue;
            }
            Err(err) => {
                let at: &'static str = match err.line() {
                    // The line as a listed field (test code: a few short strings).
                    Some(line) => format!("line {line}").leak(),
                    None => "body",
                };
                found.insert(
                    (e.file, Check::Sdp),
                    Found {
                        fields: vec![at],
                        what: err.to_string(),
                    },
                );
                continue;
            }
        };
        read_ok += 1;
        // What the tolerant reading reports first is where the strict one fails: the
        // SDP line, or line 0 for the body's framing.
        match (m.sdp_with(&strict), notes.first()) {
            (Ok(_), None) => {}
            (Err(err), Some(first)) => {
                quirky += 1;
                assert_eq!(err.line().unwrap_or(0), first.line, "{}: {notes:?}", e.file);
            }
            (strict, _) => panic!("{}: strict {strict:?}, tolerant notes {notes:?}", e.file),
        }
        let written = sdp.to_string();
        let mut again_notes = Vec::new();
        let again = tolerant
            .parse_with_diagnostics(&written, &mut again_notes)
            .unwrap_or_else(|err| panic!("{}: written back: {err}\n{written}", e.file));
        assert_eq!(again, sdp, "{}", e.file);
        for n in &again_notes {
            assert!(
                matches!(
                    n.quirk,
                    Quirk::MalformedAttribute
                        | Quirk::SpaceAfterAttributeColon
                        | Quirk::DecimalClockRate
                        | Quirk::AddressTypeMismatch
                        | Quirk::MalformedOrigin
                        | Quirk::MalformedConnection
                        | Quirk::MissingFormats
                        | Quirk::MissingClockRate
                ),
                "{}: written back, {n:?}",
                e.file
            );
        }
    }
    eprintln!(
        "real-world corpus: {bodies} SDP bodies, {read_ok} read tolerantly ({quirky} needing a quirk)"
    );
    assert!(bodies >= 100, "only {bodies} SDP bodies");
    assert_known(&[Check::Sdp], &found);
}

/// Every SDP body of the corpus whose lines all end with CRLF reads the same with CR alone
/// at each line end (the `cr_line_ends` quirk): the same session but its line ending, the
/// same diagnostics after one `cr_line_ends` report at line 1, and the same text written
/// back with CR.
#[test]
fn every_sdp_body_reads_the_same_with_cr_line_ends() {
    use sip_core::sdp::{self, LineEnding, Quirk, Quirks};
    let parser = sdp::Parser::new().quirks(Quirks::ALL);
    let mut compared = 0;
    for e in manifest() {
        let Ok(r) = read(&e.bytes) else { continue };
        let m = r.message.view();
        let Some((_, body)) = m
            .content_type_raw()
            .and_then(|ct| std::str::from_utf8(ct).ok())
            .and_then(|ct| sdp::sdp_part(ct, m.body()).ok().flatten())
        else {
            continue;
        };
        let Ok(text) = std::str::from_utf8(body) else {
            continue;
        };
        let crlf = text.matches("\r\n").count();
        if crlf == 0 || crlf != text.matches('\n').count() || crlf != text.matches('\r').count() {
            continue;
        }
        let mut notes = Vec::new();
        let Ok(Some(want)) = parser.parse_body_with_diagnostics(body, &mut notes) else {
            continue;
        };
        let cr_text = text.replace("\r\n", "\r");
        let mut cr_notes = Vec::new();
        let got = parser
            .parse_with_diagnostics(&cr_text, &mut cr_notes)
            .unwrap_or_else(|err| panic!("{}: {err}", e.file));
        assert_eq!(got.line_ending, LineEnding::Cr, "{}", e.file);
        assert_eq!(
            got.to_string(),
            want.to_string().replace("\r\n", "\r"),
            "{}",
            e.file
        );
        let mut same = got.clone();
        same.line_ending = want.line_ending;
        assert_eq!(same, want, "{}", e.file);
        let lines = |n: &[sdp::Diagnostic]| -> Vec<(usize, Quirk)> {
            n.iter().map(|d| (d.line, d.quirk)).collect()
        };
        let mut expected = vec![(1, Quirk::CrLineEnds)];
        expected.extend(lines(&notes));
        assert_eq!(lines(&cr_notes), expected, "{}", e.file);
        compared += 1;
    }
    eprintln!("real-world corpus: {compared} SDP bodies read the same with CR line ends");
    assert!(compared >= 60, "only {compared} SDP bodies compared");
}

// --- the tshark comparison ------------------------------------------------------------

#[test]
fn every_message_agrees_with_wiresharks_sip_dissector() {
    if !corpus::tshark_available() {
        return;
    }
    let entries = manifest();
    let payloads: Vec<&[u8]> = entries.iter().map(|e| e.bytes.as_slice()).collect();
    // tshark's field output writes a CR, LF or tab in a value (a line folded inside a
    // URI) as `\r`, `\n`, `\t`, and a backslash as itself.
    let tshark_escaped = |v: &str| {
        v.replace('\r', "\\r")
            .replace('\n', "\\n")
            .replace('\t', "\\t")
    };
    let dir = std::env::temp_dir().join(format!("voipkit-real-world-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("corpus.pcap");
    std::fs::write(&file, corpus::pcap(&payloads)).unwrap();
    let rows = corpus::tshark_fields(&file, &TSHARK_FIELDS, false);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(
        rows.len(),
        entries.len(),
        "tshark shows one UDP datagram per message"
    );

    let mut found = BTreeMap::new();
    let (mut agreed, mut compared) = (0, 0);
    for (i, e) in entries.iter().enumerate() {
        // A message sip-core cannot read is a Parse failure, checked above.
        let Ok(r) = read(&e.bytes) else { continue };
        compared += 1;
        let ours = fields(&r.message);
        let theirs = &rows[&i];
        let (mut names, mut diffs) = (Vec::new(), Vec::new());
        for ((name, ours), theirs) in FIELD_NAMES.iter().zip(&ours).zip(theirs) {
            match ours {
                Ok(v) if v.as_deref().map(tshark_escaped) == *theirs => continue,
                Ok(v) => diffs.push(format!("{name}: sip-core {v:?}, tshark {theirs:?}")),
                Err(err) => diffs.push(format!("{name}: sip-core error {err}, tshark {theirs:?}")),
            }
            names.push(*name);
        }
        if diffs.is_empty() {
            agreed += 1;
        } else {
            found.insert(
                (e.file.clone(), Check::Tshark),
                Found {
                    fields: names,
                    what: diffs.join("; "),
                },
            );
        }
    }
    eprintln!(
        "real-world corpus: {agreed} of the {compared} messages read agree with tshark on all {} fields",
        FIELD_NAMES.len()
    );
    assert!(
        compared >= 450,
        "only {compared} messages compared with tshark"
    );
    assert_known(&[Check::Tshark], &found);
}
