"""The contracts surface from Python: dates are datetime.date, errors are ValueErrors."""

import pathlib
from datetime import date, datetime, timezone

import pytest

import voipkit
from voipkit import contracts
from voipkit.contracts import ChangeKind, ContractRulebook, ContractState, Severity

SAMPLES = pathlib.Path(__file__).resolve().parents[3] / "samples"


def test_dutch_holidays_include_kings_day_moved_from_sunday() -> None:
    # 27 April 2025 was a Sunday, so King's Day moved to Saturday 26 April (CAL-NL).
    days = {h.date: h.name for h in contracts.holidays("NL", 2025)}
    assert days[date(2025, 4, 26)] == "King's Day"
    assert date(2025, 4, 27) not in days


def test_add_working_days_skips_christmas_and_the_weekend() -> None:
    # Thu 24 Dec 2026 + 2 NL working days: 25/26 Dec holidays, 27 Dec Sunday -> Tue 29 Dec.
    assert contracts.add_working_days("NL", date(2026, 12, 24), 2) == date(2026, 12, 29)
    assert contracts.working_days_between("NL", date(2026, 12, 24), date(2026, 12, 29)) == 2
    assert not contracts.is_working_day("NL", date(2026, 5, 5))


def test_accensys_cancellation_counts_the_full_month_after_processing() -> None:
    # TERMS ACC-4: processed 29 Dec 2026, notice month January 2027.
    c = contracts.cancel("accensys", date(2025, 1, 1), date(2026, 12, 24))
    assert c.processed_on == date(2026, 12, 29)
    assert c.earliest_end == date(2027, 1, 31)
    assert any("ACC-4" in step for step in c.explanation)


def test_cancel_many_gives_the_same_dates_as_cancel() -> None:
    requests = [
        contracts.CancellationRequest(date(2025, 1, 1), date(2026, 12, 24)),
        contracts.CancellationRequest(date(2026, 3, 1), date(2026, 3, 2)),
    ]
    batch = contracts.cancel_many("accensys", requests)
    for request, dates in zip(requests, batch):
        one = contracts.cancel("accensys", request.start, request.requested)
        assert (dates.processed_on, dates.earliest_end) == (one.processed_on, one.earliest_end)
    # Within the minimum term the contract still ends at its first anniversary - 1 day.
    assert batch[1].earliest_end == date(2027, 2, 28)


def test_unknown_rulebook_and_country_raise_value_errors() -> None:
    with pytest.raises(voipkit.ContractsError):
        contracts.cancel("nobody", date(2025, 1, 1), date(2026, 1, 1))
    with pytest.raises(ValueError):
        contracts.holidays("XX", 2026)


# Every evaluation of a rulebook, with the values worked out by hand from TERMS.md.


def test_status_on_follows_a_notice_to_the_end_of_the_contract() -> None:
    # ACC: notice received 24 Dec 2026 ends the contract on 31 Jan 2027 (see cancel).
    book = ContractRulebook.preset("accensys")
    assert book.name == "accensys"
    start, notice = date(2025, 1, 1), date(2026, 12, 24)
    during = book.status_on(start, date(2027, 1, 15), notice_received=notice)
    assert (during.state, during.end) == (ContractState.NOTICE_RUNNING, date(2027, 1, 31))
    assert book.status_on(start, date(2027, 2, 1), notice_received=notice).state == ContractState.ENDED
    assert book.status_on(start, date(2024, 12, 31)).state == ContractState.NOT_STARTED
    assert book.cancel(start, notice).earliest_end == date(2027, 1, 31)


def test_jitco_deadlines_count_as_the_terms_say() -> None:
    book = ContractRulebook.preset("jitco")
    # JIT-7: price changes at least 4 months ahead, to the day, clamped to the month end.
    assert book.price_change(date(2026, 1, 31), date(2026, 5, 31)).valid
    late = book.price_change(date(2026, 1, 31), date(2026, 5, 30))
    assert (late.valid, late.earliest_effective) == (False, date(2026, 5, 31))
    assert book.price_change(date(2026, 10, 31), date(2027, 3, 1)).earliest_effective == date(2027, 2, 28)
    # JIT-2: 10 days after delivery on 2 March: 12 March is the last day.
    complaint = book.complaint_deadline(date(2026, 3, 2), complained=date(2026, 3, 13))
    assert (complaint.deadline, complaint.in_time) == (date(2026, 3, 12), False)
    assert any("JIT-2" in step for step in complaint.explanation)
    # JIT-6: the supplier chooses within 14 days of 2 March, then the customer may.
    dispute = book.dispute_deadlines(date(2026, 3, 2))
    assert (dispute.supplier_deadline, dispute.customer_may_choose_from) == (date(2026, 3, 16), date(2026, 3, 17))
    # JIT-4: at most two months after delivery on 31 March (31 May); an earlier set-up counts.
    deemed = book.deemed_operational(date(2026, 3, 31))
    assert (deemed.deemed_by, deemed.operational_on) == (date(2026, 5, 31), date(2026, 5, 31))
    assert book.deemed_operational(date(2026, 3, 31), actual=date(2026, 4, 10)).operational_on == date(2026, 4, 10)


def test_allocloud_warranty_users_and_support_hours() -> None:
    book = ContractRulebook.preset("allocloud")
    # ALC-7: one year: delivered 2 March 2026, last day 1 March 2027.
    warranty = book.warranty_end(date(2026, 3, 2), on=date(2027, 3, 2))
    assert (warranty.last_day, warranty.covered) == (date(2027, 3, 1), False)
    # ALC-3: at most 10% fewer per quarter: ceil(0.9 × 25) = 23 until 30 June.
    floor = book.user_floor(25, date(2026, 5, 15))
    assert (floor.quarter_start, floor.quarter_end, floor.minimum_users) == (date(2026, 4, 1), date(2026, 6, 30), 23)
    # ALC-6: Friday 6 March 2026 support runs 08:30–16:00 in Brussels (UTC+1).
    open_now = book.support(datetime(2026, 3, 6, 14, 59, tzinfo=timezone.utc), Severity.MINOR)
    assert (open_now.open, open_now.may_raise, open_now.time_zone) == (True, True, "Europe/Brussels")
    assert open_now.closes_at == datetime(2026, 3, 6, 15, 0, tzinfo=timezone.utc)
    after = book.support(datetime(2026, 3, 6, 15, 30, tzinfo=timezone.utc), Severity.MINOR)
    assert (after.open, after.may_raise) == (False, False)
    assert after.next_opening == datetime(2026, 3, 9, 7, 30, tzinfo=timezone.utc)  # Monday 08:30
    assert book.support(datetime(2026, 3, 6, 15, 30, tzinfo=timezone.utc), Severity.CRITICAL).may_raise


def test_allocloud_lists_every_use_restriction_a_configuration_breaks() -> None:
    book = ContractRulebook.preset("allocloud")
    result = book.validate_config((SAMPLES / "service_config.toml").read_text())
    codes = sorted(v.code for v in result.violations)
    # The sample: a lift emergency line, an unassigned caller ID, an auto-dialer on a SIP
    # trunk, and a number block without a postal address (ALC-8).
    assert not result.valid
    assert codes == ["auto_dialer", "caller_id_not_assigned", "forbidden_line_purpose", "missing_emergency_address"]
    assert {v.terms_id for v in result.violations} == {"ALC-8"}
    with pytest.raises(voipkit.ContractsError) as bad:
        book.validate_config('service = "sip_trunk"\nauto_dialer = "yes"\n')
    assert bad.value.kind == "invalid_config" and bad.value.line == 2


def test_nox_service_coverage_by_kind_of_change() -> None:
    book = ContractRulebook.preset("nox")
    assert book.service_coverage(ChangeKind.PROMPTS).covered
    assert not book.service_coverage(ChangeKind.ON_SITE).covered
    assert not book.service_coverage(ChangeKind.NEW_USER).covered
    with pytest.raises(voipkit.ContractsError) as missing:
        book.warranty_end(date(2026, 1, 1))
    assert missing.value.kind == "missing_rule"


def test_a_rulebook_of_your_own_loads_strictly_with_the_line_at_fault() -> None:
    with pytest.raises(voipkit.ContractsError) as bad:
        ContractRulebook.from_toml('name = "mine"\n[notice]\nmonths = "three"\n')
    assert bad.value.kind == "invalid_rulebook" and bad.value.line == 3
    with pytest.raises(voipkit.ContractsError) as unknown:
        ContractRulebook.preset("acensys")
    assert unknown.value.kind == "unknown_rulebook"
