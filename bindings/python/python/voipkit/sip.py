"""SIP messages (the Rust ``sip-core`` crate): parse, strict check, batches. ``bytes`` in."""

from voipkit._voipkit import (
    SipAddress,
    SipCheck,
    SipDiagnostic,
    SipHeader,
    SipMessageInfo,
    SipVia,
    sip_check as check,
    sip_check_many as check_many,
    sip_parse as parse,
)

__all__ = [
    "SipAddress",
    "SipCheck",
    "SipDiagnostic",
    "SipHeader",
    "SipMessageInfo",
    "SipVia",
    "check",
    "check_many",
    "parse",
]
