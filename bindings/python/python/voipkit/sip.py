"""SIP messages (the Rust ``sip-core`` crate): parse, strict check, batches (``bytes`` in);
build requests and responses, edit headers and bodies (``bytes`` out); URIs."""

from voipkit._voipkit import (
    SipAddress,
    SipCheck,
    SipDiagnostic,
    SipHeader,
    SipMessageInfo,
    SipUriInfo,
    SipUriParam,
    SipVia,
    sip_add_header as add_header,
    sip_build_request as build_request,
    sip_check as check,
    sip_check_many as check_many,
    sip_parse as parse,
    sip_remove_header as remove_header,
    sip_response_to as response_to,
    sip_set_body as set_body,
    sip_set_header as set_header,
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
    "add_header",
    "build_request",
    "check",
    "check_many",
    "parse",
    "parse_uri",
    "remove_header",
    "response_to",
    "set_body",
    "set_header",
]
