"""The contracts surface from Python: dates are datetime.date, errors are ValueErrors."""

from datetime import date

import pytest

import voipkit
from voipkit import contracts


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
