"""SDP (RFC 8866) and offer/answer (RFC 3264), from the Rust ``sip-core`` crate.

:func:`parse` gives a :class:`SdpSession` whose wire fields (``origin``, ``attributes``,
``media[i].port``...) write back byte for byte with :func:`write`, beside a read-only typed
view (codecs, direction, ICE candidates, DTLS fingerprints, SDES keys). :func:`offer`
makes an offer from our :class:`SdpCapabilities` and :func:`answer` answers one;
:func:`apply_answer` gives what was negotiated. Errors are :class:`voipkit.SdpError` naming the line.

The records are frozen; ``replace`` gives a copy with wire fields changed::

    s = sdp.parse(text)
    audio = s.media[0].replace(port=5004)
    text = sdp.write(s.replace(media=[audio, *s.media[1:]]))
"""

from voipkit._voipkit import (
    SdpDirection,
    SdpSetup,
    SdpAnswer,
    SdpAttribute,
    SdpBandwidth,
    SdpCandidate,
    SdpCapabilities,
    SdpCodec,
    SdpDiagnostic,
    SdpCodecCapability,
    SdpConnection,
    SdpCrypto,
    SdpCryptoCapability,
    SdpFingerprint,
    SdpFragment,
    SdpFragmentReading,
    SdpMedia,
    SdpMediaCapability,
    SdpNegotiatedMedia,
    SdpOrigin,
    SdpReading,
    SdpSession,
    SdpSrtpKeys,
    SdpTiming,
    sdp_answer as answer,
    sdp_apply_answer as apply_answer,
    sdp_descriptions as descriptions,
    sdp_from_sip as from_sip,
    sdp_offer as offer,
    sdp_hold as hold,
    sdp_parse as parse,
    sdp_parse_fragment as parse_fragment,
    sdp_read as read,
    sdp_read_fragment as read_fragment,
    sdp_resume as resume,
    sdp_write as write,
    sdp_write_fragment as write_fragment,
)

__all__ = [
    "SdpAnswer",
    "SdpAttribute",
    "SdpBandwidth",
    "SdpCandidate",
    "SdpCapabilities",
    "SdpCodec",
    "SdpCodecCapability",
    "SdpConnection",
    "SdpCrypto",
    "SdpCryptoCapability",
    "SdpDiagnostic",
    "SdpDirection",
    "SdpFingerprint",
    "SdpFragment",
    "SdpFragmentReading",
    "SdpMedia",
    "SdpMediaCapability",
    "SdpNegotiatedMedia",
    "SdpOrigin",
    "SdpReading",
    "SdpSession",
    "SdpSetup",
    "SdpSrtpKeys",
    "SdpTiming",
    "answer",
    "apply_answer",
    "descriptions",
    "from_sip",
    "hold",
    "offer",
    "parse",
    "parse_fragment",
    "read",
    "read_fragment",
    "resume",
    "write",
    "write_fragment",
]
