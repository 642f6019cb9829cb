"""A panic in Rust reaches Python as voipkit.InternalError (a VoipkitError, so a
ValueError), never as pyo3's PanicException, which is a BaseException."""

import pytest

import voipkit
# The native module itself, for its test hook (built with `_internal_test_exports`; not
# API, so it has no stub).
from voipkit import _voipkit  # type: ignore[attr-defined]


def test_a_panic_is_an_internal_error_with_its_message() -> None:
    with pytest.raises(voipkit.InternalError, match="boom") as info:
        _voipkit.debug_panic("boom")
    assert isinstance(info.value, voipkit.VoipkitError)
    assert isinstance(info.value, ValueError)


def test_the_interpreter_goes_on_after_a_caught_panic() -> None:
    with pytest.raises(voipkit.InternalError):
        _voipkit.debug_panic("first")
    assert voipkit.sip.check(b"OPTIONS sip:a@b SIP/2.0\r\n\r\n").valid is False
