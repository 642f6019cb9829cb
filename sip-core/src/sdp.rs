//! SDP (RFC 8866) parsing and serialization, and offer/answer (RFC 3264).
