"""Rating from Python: the sample plan, exact Decimal costs, bundles consumed in order."""

import pathlib
from datetime import datetime, timezone
from decimal import Decimal

import pytest

import voipkit
from voipkit import tariff

SAMPLES = pathlib.Path(__file__).resolve().parents[3] / "samples"


@pytest.fixture()
def plan() -> tariff.TariffPlan:
    return tariff.TariffPlan.from_toml(
        (SAMPLES / "plan.toml").read_text(),
        {"rates.csv": (SAMPLES / "rates.csv").read_text()},
    )


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def test_premium_call_is_charged_per_second_and_never_bundled(plan: tariff.TariffPlan) -> None:
    # 0900 at 0.80/min, 1/1 increments, 0.10 connect: 0.10 + 125 x 0.80/60 = 1.7667 (4 places).
    rated = plan.rate(tariff.CallRecord("4", at("2026-03-11T11:00:00+01:00"), 125, "0900 1234567"))
    assert (rated.cost, rated.increments, rated.destination_class) == (Decimal("1.7667"), 125, tariff.NumberClass.PREMIUM)
    assert not rated.included_in_bundle


def test_batch_consumes_bundles_across_records_and_reports_bad_numbers(plan: tariff.TariffPlan) -> None:
    start = at("2026-03-11T09:12:00+01:00")
    outcomes = plan.rate_batch(
        [
            tariff.CallRecord("a", start, 185, "020 123 4567"),
            tariff.CallRecord("b", start, 10, "06-12x"),
        ]
    )
    first = outcomes[0].rated
    assert first is not None and first.included_in_bundle and first.cost == 0
    assert first.cost_before_bundle == Decimal("0.1000")  # 4 x 60 s at 0.025/min
    assert outcomes[1].rated is None and outcomes[1].error


def test_a_missing_rate_table_is_a_tariff_error() -> None:
    with pytest.raises(voipkit.TariffError, match="rates.csv"):
        tariff.TariffPlan.from_toml((SAMPLES / "plan.toml").read_text())


CGRATES = SAMPLES.parent / "tariff" / "tests" / "data" / "cgrates"


def test_a_cgrates_tariff_plan_rates_the_tutorial_call_as_cgrates_does() -> None:
    # 2m10s from 1001 to 1002: 0.40 connect + 0.20 first minute + 70 s at 0.10/min;
    # CGRateS rounds each second to 0.00167 (0.7169), exact rating gives 0.7167.
    files = {p.name: p.read_text() for p in CGRATES.glob("*.csv")}
    call = tariff.CallRecord("tutorial", at("2014-08-04T13:00:00+00:00"), 130, "1002")
    assert tariff.TariffPlan.from_cgrates(files, "1001").rate(call).cost == Decimal("0.7169")
    exact = tariff.TariffPlan.from_cgrates(files, "1001", exact=True)
    assert exact.rate(call).cost == Decimal("0.7167")


def test_free_minutes_cover_the_leading_increments_of_a_longer_call(plan: tariff.TariffPlan) -> None:
    # 30 free mobile minutes, 0.12/min in 30/6 increments at peak, 0.05 connect: a 3600 s
    # call has 1800 s covered (30 s + 295 x 6 s) and pays 1800 s + the connect fee.
    call = tariff.CallRecord("m", at("2026-03-16T09:00:00+01:00"), 3600, "06 12345678")
    rated = plan.rate(call)
    assert (rated.bundle_s, rated.included_in_bundle) == (1800, False)
    assert rated.cost == Decimal("3.6500")
