from typing_extensions import final
from datetime import datetime
from voipkit.sdp import SdpFragment, SdpSession

@final
class SipHeader:
    def __new__(cls, name: str, value: str) -> SipHeader: ...
    @property
    def name(self) -> str: ...
    @property
    def value(self) -> str: ...

@final
class SipAddress:
    @property
    def uri(self) -> str: ...
    @property
    def display_name(self) -> str | None: ...
    @property
    def tag(self) -> str | None: ...

@final
class SipVia:
    @property
    def transport(self) -> str: ...
    @property
    def host(self) -> str: ...
    @property
    def port(self) -> int | None: ...
    @property
    def branch(self) -> str | None: ...

@final
class SipMessageInfo:
    @property
    def is_request(self) -> bool: ...
    @property
    def start_line(self) -> str: ...
    @property
    def method(self) -> str | None: ...
    @property
    def request_uri(self) -> str | None: ...
    @property
    def status(self) -> int | None: ...
    @property
    def headers(self) -> list[SipHeader]: ...
    @property
    def call_id(self) -> str | None: ...
    @property
    def cseq_seq(self) -> int | None: ...
    @property
    def cseq_method(self) -> str | None: ...
    @property
    def from_address(self) -> SipAddress | None: ...
    @property
    def to_address(self) -> SipAddress | None: ...
    @property
    def via(self) -> list[SipVia]: ...
    @property
    def content_type(self) -> str | None: ...
    @property
    def content_length(self) -> int | None: ...
    @property
    def body_len(self) -> int: ...
    @property
    def trailing_bytes(self) -> int: ...
    @property
    def diagnostics(self) -> list[SipDiagnostic]: ...
    @property
    def sdp(self) -> SdpSession | None: ...
    @property
    def sdp_fragment(self) -> SdpFragment | None: ...
    @property
    def sdp_error(self) -> str | None: ...
    @property
    def asserted_identity(self) -> list[SipAddress]: ...
    @property
    def privacy(self) -> list[str]: ...
    @property
    def diversions(self) -> list[SipDiversion]: ...
    @property
    def history_info(self) -> list[SipHistoryInfo]: ...
    @property
    def identities(self) -> list[SipIdentity]: ...
    @property
    def attest(self) -> str | None: ...
    @property
    def charging_vector(self) -> SipChargingVector | None: ...

@final
class SipDiversion:
    @property
    def uri(self) -> str: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def counter(self) -> int: ...
    @property
    def privacy(self) -> str | None: ...
    @property
    def screen(self) -> str | None: ...

@final
class SipHistoryInfo:
    @property
    def uri(self) -> str: ...
    @property
    def index(self) -> str | None: ...
    @property
    def reason_protocol(self) -> str | None: ...
    @property
    def reason_cause(self) -> int | None: ...
    @property
    def reason_text(self) -> str | None: ...

@final
class SipIdentity:
    @property
    def info(self) -> str | None: ...
    @property
    def alg(self) -> str | None: ...
    @property
    def ppt(self) -> str | None: ...
    @property
    def passport(self) -> SipPassport | None: ...
    @property
    def passport_error(self) -> str | None: ...

@final
class SipPassport:
    @property
    def ppt(self) -> str | None: ...
    @property
    def x5u(self) -> str | None: ...
    @property
    def attest(self) -> str | None: ...
    @property
    def orig(self) -> SipPassportParty | None: ...
    @property
    def dest(self) -> list[SipPassportParty]: ...
    @property
    def div(self) -> list[SipPassportParty]: ...
    @property
    def iat(self) -> int | None: ...
    @property
    def origid(self) -> str | None: ...
    @property
    def claims_json(self) -> str: ...

@final
class SipPassportParty:
    @property
    def tn(self) -> str | None: ...
    @property
    def uri(self) -> str | None: ...

@final
class SipChargingVector:
    @property
    def icid(self) -> str: ...
    @property
    def icid_generated_at(self) -> str | None: ...
    @property
    def orig_ioi(self) -> str | None: ...
    @property
    def term_ioi(self) -> str | None: ...

@final
class SipDiagnostic:
    @property
    def place(self) -> str: ...
    @property
    def header_index(self) -> int | None: ...
    @property
    def offset(self) -> int: ...
    @property
    def reason(self) -> str: ...
    @property
    def line(self) -> int | None: ...
    @property
    def quirk(self) -> str | None: ...

@final
class SipCheck:
    @property
    def valid(self) -> bool: ...
    @property
    def offset(self) -> int | None: ...
    @property
    def reason(self) -> str | None: ...

def parse(data: bytes, lenient: bool = True) -> SipMessageInfo:
    """Parse one SIP message; raises :class:`voipkit.SipError` with the byte offset."""

def check(data: bytes, lenient: bool = False) -> SipCheck:
    """Strict RFC 3261 validity."""

def check_many(messages: list[bytes], lenient: bool = False) -> list[SipCheck]: ...

@final
class SipCapturedMessage:
    """One SIP message of a capture, with where it was."""
    @property
    def frame(self) -> int:
        """The frame that carried it, from 1 (of a message over TCP that spans segments, its last)."""
    @property
    def time(self) -> datetime: ...
    @property
    def src(self) -> str:
        """``address:port`` (``[address]:port`` for IPv6)."""
    @property
    def dst(self) -> str: ...
    @property
    def transport(self) -> str:
        """``udp``, ``tcp`` or ``ws`` (SIP over WebSocket)."""
    @property
    def message(self) -> bytes:
        """The message's bytes, for :func:`parse` and :func:`check`."""
    @property
    def agent_id(self) -> int | None:
        """Of a message read out of a HEP packet (a capture on a Homer collector), the
        number of the capture agent that sent it, if it says."""
    @property
    def agent_name(self) -> str | None:
        """Of such a message, the agent's name (HEP's node name), if it says."""

def capture_messages(capture: bytes) -> list[SipCapturedMessage]:
    """The SIP messages of a pcap or pcapng capture, in capture order, as
    ``voipkit sip parse CAPTURE`` and the report take them; raises
    :class:`voipkit.RtpError` when the capture cannot be read."""

@final
class SipUriParam:
    """One URI parameter or header; ``value`` is ``None`` for a flag (``lr``)."""
    @property
    def name(self) -> str: ...
    @property
    def value(self) -> str | None: ...

@final
class SipUriInfo:
    """A URI taken apart: ``sip:``/``sips:``, ``tel:``, or another scheme kept whole."""
    @property
    def scheme(self) -> str: ...
    @property
    def user(self) -> str | None: ...
    @property
    def password(self) -> str | None: ...
    @property
    def host(self) -> str | None: ...
    @property
    def port(self) -> int | None: ...
    @property
    def number(self) -> str | None: ...
    @property
    def params(self) -> list[SipUriParam]: ...
    @property
    def headers(self) -> list[SipUriParam]: ...
    @property
    def rest(self) -> str | None: ...

def parse_uri(uri: str, lenient: bool = False) -> SipUriInfo:
    """Take a URI apart; raises :class:`voipkit.SipError` with the byte offset."""

def build_request(method: str, uri: str, headers: list[SipHeader], body: bytes | None = None, content_type: str | None = None) -> bytes:
    """A request with the headers in order and an optional body, checked by parsing it."""

def response_to(request: bytes, code: int, reason: str, to_tag: str | None = None) -> bytes:
    """A response to ``request`` as RFC 3261 8.2.6 says."""

def set_header(message: bytes, name: str, value: str) -> bytes:
    """The message with header ``name`` set to ``value`` (the first replaced, others removed)."""

def add_header(message: bytes, name: str, value: str) -> bytes:
    """The message with one more header after the last one."""

def remove_header(message: bytes, name: str) -> bytes:
    """The message without any header ``name`` (its compact form included)."""

def set_body(message: bytes, body: bytes, content_type: str | None = None) -> bytes:
    """The message with a new body, Content-Length rewritten."""

@final
class SipSigningCertificate:
    """The certificate that signs PASSporTs (the first of the chain an ``x5u`` serves)."""
    @staticmethod
    def from_pem(text: str) -> SipSigningCertificate:
        """Raises :class:`voipkit.SipError` (kind ``certificate``) unless it is an X.509 certificate with a P-256 key."""
    def verify(self, message: bytes, max_age_seconds: int = 60) -> SipVerification:
        """Each Identity header of ``message`` checked with this certificate, and its age beside the Date."""
    @property
    def subject(self) -> str: ...
    @property
    def not_before(self) -> datetime: ...
    @property
    def not_after(self) -> datetime: ...

@final
class SipIdentityCheck:
    """One Identity header as a verifier sees it."""
    @property
    def index(self) -> int: ...
    @property
    def passport(self) -> SipPassport | None: ...
    @property
    def verified(self) -> bool: ...
    @property
    def error_kind(self) -> str | None:
        """``header``, ``decode``, ``algorithm``, ``signature_length``, ``signature``, ``no_iat`` or ``expired``."""
    @property
    def error(self) -> str | None: ...
    @property
    def age_seconds(self) -> int | None:
        """The message's Date minus the PASSporT's ``iat``."""
    @property
    def fresh(self) -> bool | None: ...
    @property
    def orig_matches(self) -> bool | None:
        """Whether ``orig`` is the calling number (P-Asserted-Identity, else From)."""
    @property
    def dest_matches(self) -> bool | None:
        """Whether ``dest`` (``div`` of a ``div`` PASSporT) names To's number."""

@final
class SipVerification:
    """A message's Identity headers checked with a signing certificate."""
    @property
    def date(self) -> datetime | None: ...
    @property
    def date_error(self) -> str | None: ...
    @property
    def identities(self) -> list[SipIdentityCheck]: ...
    @property
    def verified(self) -> bool:
        """It has an Identity header, and every one verifies, is fresh and names the message's numbers."""

__all__ = ["SipAddress", "SipCapturedMessage", "SipChargingVector", "SipCheck", "SipDiagnostic", "SipDiversion", "SipHeader", "SipHistoryInfo", "SipIdentity", "SipIdentityCheck", "SipMessageInfo", "SipPassport", "SipPassportParty", "SipSigningCertificate", "SipUriInfo", "SipUriParam", "SipVerification", "SipVia", "add_header", "build_request", "capture_messages", "check", "check_many", "parse", "parse_uri", "remove_header", "response_to", "set_body", "set_header"]
