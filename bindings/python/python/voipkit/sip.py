"""SIP messages (the Rust ``sip-core`` crate): parse, strict check, batches (``bytes`` in); URIs."""

from voipkit._voipkit import (
    SipAddress,
    SipCheck,
    SipDiagnostic,
    SipHeader,
    SipMessageInfo,
    SipUriInfo,
    SipUriParam,
    SipVia,
    sip_check as check,
    sip_check_many as check_many,
    sip_parse as parse,
    sip_uri_parse as parse_uri,
)

__all__ = [
    "SipAddress",
    "SipCheck",
    "SipDiagnostic",
    "SipHeader",
    "SipMessageInfo",
    "SipUriInfo",
    "SipUriParam",
    "SipVia",
    "check",
    "check_many",
    "parse",
    "parse_uri",
]
