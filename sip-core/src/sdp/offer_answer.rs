//! Offer/answer (RFC 3264).
