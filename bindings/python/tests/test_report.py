"""The report of a capture from Python: the records ``voipkit report`` prints."""

import datetime
import pathlib
from decimal import Decimal

import pytest

import voipkit
from voipkit import report, tariff

SAMPLES = pathlib.Path(__file__).resolve().parents[3] / "samples"
CAPTURE = (SAMPLES / "call.pcap").read_bytes()


def test_the_sample_call_is_answered_at_180_ms_and_ended_by_the_caller() -> None:
    # samples/call.pcap: INVITE at 2026-01-01T00:00:00Z, 200 OK at 0.18 s, BYE at 3.3 s.
    r = report.report(CAPTURE)
    (call,) = r.calls
    assert call.call_id == "a84b4c76e66710@192.0.2.10"
    assert call.from_uri == "sip:alice@192.0.2.10"
    assert call.invite_at == datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    assert call.answered_at == datetime.datetime(2026, 1, 1, 0, 0, 0, 180000, tzinfo=datetime.timezone.utc)
    assert call.duration_s == pytest.approx(3.12)
    assert (call.end_reason, call.final_status, call.pdd_ms) == (report.CallEndReason.BYE_CALLER, 200, None)
    streams = {s.ssrc: s for s in call.streams}
    bob = streams[0x0B0B0B0B]
    assert (bob.direction, bob.packets, bob.lost, bob.codec) == (report.StreamDirection.CALLEE_TO_CALLER, 147, 3, "PCMA")
    assert streams[0x5EEDA11C].direction == report.StreamDirection.CALLER_TO_CALLEE
    assert r.unsignalled == []
    s = r.summary
    assert (s.calls, s.answered, s.asr_pct, s.acd_s) == (1, 1, Decimal("100"), Decimal("3.12"))
    assert s.total_cost is None and s.compliant is None


def test_a_plan_and_a_rulebook_add_the_cost_and_the_traffic_verdict() -> None:
    plan = tariff.TariffPlan.from_toml(
        (SAMPLES / "plan.toml").read_text(), {"rates.csv": (SAMPLES / "rates.csv").read_text()}
    )
    r = report.report(CAPTURE, plan=plan, rulebook="42com")
    # +32 2 123 45 67: Belgium at 0.05/min in 60 s increments; 3.12 s is one increment.
    assert (r.calls[0].cost, r.calls[0].cost_error) == (Decimal("0.0500"), None)
    assert (r.summary.total_cost, r.summary.rating_errors) == (Decimal("0.0500"), 0)
    # ACD 3.12 s is below 42com's 30 s floor (TERMS F42-2).
    assert (r.summary.compliant, r.summary.violations) == (False, ["acd_s F42-2"])


def test_a_capture_cut_short_is_reported_up_to_the_cut_and_junk_raises_rtp_error() -> None:
    r = report.report(CAPTURE[:-100])
    assert r.calls[0].end_reason == report.CallEndReason.BYE_CALLER
    stopped = r.summary.capture_stopped
    assert stopped is not None and "the capture ends" in stopped
    with pytest.raises(voipkit.RtpError):
        report.report(b"not a capture")
    with pytest.raises(voipkit.TariffError):
        report.report(CAPTURE, rulebook="no-such-provider")


def test_a_forwarded_call_gives_its_asserted_caller_diversion_and_shaken_attestation() -> None:
    # samples/forwarded.pcap: the INVITE of samples/invite_forwarded.sip, refused busy.
    (call,) = report.report((SAMPLES / "forwarded.pcap").read_bytes()).calls
    assert call.final_status == 486
    assert call.asserted_identity == "sip:+31207654321@carrier-a.example;user=phone"
    assert call.diverted_from == "sip:+31201234567@carrier-b.example;user=phone"
    assert call.attest == "A"
    assert (call.q850_cause, call.q850_text) == (17, "User busy")
    (plain,) = report.report(CAPTURE).calls
    assert (plain.asserted_identity, plain.diverted_from, plain.attest) == (None, None, None)
