"""The tariff surface from Python: money is decimal.Decimal, exact to the cent."""

import pathlib
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

import voipkit
from voipkit import tariff


def test_allocloud_channels_follow_the_marginal_tiers() -> None:
    # TERMS ALC-4: 1->2, 6->7, 10->9, 40->17.
    assert [tariff.capacity("allocloud", n).channels for n in (1, 6, 10, 40)] == [2, 7, 9, 17]
    # TERMS F42-3: 10 per channel pack, 2 without one.
    assert tariff.capacity("42com", 5, channel_packs=3).channels == 30
    assert tariff.capacity("42com", 5).channels == 2


def test_nox_service_work_is_billed_per_started_quarter() -> None:
    # TERMS NOX-1/2: 50 min -> 4 blocks x EUR 20.50; 61 min needs a quote.
    charge = tariff.service_work("nox", 50)
    assert (charge.blocks, charge.amount, charge.currency) == (4, Decimal("82.00"), "EUR")
    assert not charge.quote_required
    assert tariff.service_work("nox", 61).quote_required


def test_jitco_late_payment_is_simple_monthly_interest() -> None:
    # TERMS JIT-3: due 31 Jan, paid 15 Mar -> 1 + 15/31 months at 2.5% on 1000.00
    # = 37.0967... -> 37.10; collection costs max(150.00, 750.00) = 750.00.
    late = tariff.late_payment("jitco", Decimal("1000.00"), date(2026, 1, 31), date(2026, 3, 15))
    assert (late.whole_months, late.extra_days, late.period_days) == (1, 15, 31)
    assert late.interest == Decimal("37.10")
    assert late.collection_costs == Decimal("750.00")
    assert late.total == Decimal("1787.10")


def test_numbers_normalize_to_e164_and_classify() -> None:
    info = tariff.normalize_number("0900-1234567", "NL")
    assert (info.e164, info.number_class, info.country) == ("+319001234567", tariff.NumberClass.PREMIUM, "NL")
    # The class's value is the name plans and the Arrow columns use.
    assert (info.number_class.value, str(info.number_class)) == ("premium", "premium")
    batch = tariff.normalize_numbers(["+32 2 555 12 12", "not a number"], "NL")
    assert batch[0] is not None and batch[0].number_class == tariff.NumberClass.INTERNATIONAL
    assert batch[1] is None
    with pytest.raises(voipkit.TariffError) as caught:
        tariff.normalize_number("06-12x", "NL")
    # `x` is the sixth character: byte 5.
    assert (caught.value.kind, caught.value.offset) == ("invalid_number", 5)
    assert (caught.value.line, caught.value.field) == (None, None)


def test_errors_of_a_cgrates_file_name_the_file_and_line() -> None:
    files = {
        "Destinations.csv": "DST_1002,1002\n",
        "Rates.csv": "#Id,ConnectFee,Rate,RateUnit,RateIncrement,GroupIntervalStart\nRT_20CNT,0.4,x,60s,60s,0s\n",
        "DestinationRates.csv": "DR_1002,DST_1002,RT_20CNT,*up,4,0,\n",
        "RatingPlans.csv": "RP_1001,DR_1002,*any,10\n",
        "RatingProfiles.csv": "cgrates.org,call,1001,2014-01-14T00:00:00Z,RP_1001,\n",
    }
    with pytest.raises(voipkit.TariffError) as caught:
        tariff.TariffPlan.from_cgrates(files, "1001")
    assert (caught.value.kind, caught.value.line, caught.value.field) == ("rate_table", 2, "Rates.csv")


def test_the_cgrates_rater_rates_any_subject_as_getcost() -> None:
    root = pathlib.Path(__file__).resolve().parents[3] / "tariff" / "tests" / "data" / "cgrates"
    files = {p.name: p.read_text(encoding="utf-8") for p in root.glob("*.csv")}
    rater = tariff.CgratesRater(files)
    start = datetime(2014, 8, 4, 13, 0, tzinfo=timezone.utc)
    # The CGRateS tutorial call: 0.4 + 0.2 for the first minute, 70 s at 0.1/min.
    rated = rater.rate(tariff.CgratesCall("1001", "1002", start, 130, call_id="tutorial"))
    assert (rated.cost, rated.destination, rated.mode, rated.call_id) == (
        Decimal("0.7169"),
        "DST_1002",
        tariff.RatingMode.CGRATES,
        "tutorial",
    )
    # No profile for 1009 and no *any one: refused, unless the call has no duration.
    with pytest.raises(voipkit.TariffError) as caught:
        rater.rate(tariff.CgratesCall("1009", "1002", start, 130))
    assert (caught.value.kind, caught.value.field) == ("rate_table", "RatingProfiles.csv")
    assert rater.rate(tariff.CgratesCall("1009", "1002", start, 0)).cost == 0
