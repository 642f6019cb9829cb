"""Billing from Python: a prepaid ledger, call authorization at plan rates, invoices.

Expected values are worked out by hand from TERMS (F42-1 prepaid, ACC-2 invoices)."""

import pathlib
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest

import voipkit
from voipkit import billing, tariff

SAMPLES = pathlib.Path(__file__).resolve().parents[3] / "samples"
WEDNESDAY_MORNING = datetime(2026, 3, 11, 10, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def plan() -> tariff.TariffPlan:
    return tariff.TariffPlan.from_toml(
        (SAMPLES / "plan.toml").read_text(), {"rates.csv": (SAMPLES / "rates.csv").read_text()}
    )


def test_debits_stop_at_the_credit_limit_and_the_ledger_explains_the_balance() -> None:
    # TERMS F42-1: a refused debit leaves the account as it was.
    a = billing.PrepaidAccount("EUR", credit_limit=Decimal("-2.00"))
    assert a.top_up(Decimal("5.00"), "pay-1") == Decimal("5.00")
    assert a.debit(Decimal("6.50"), "call-1") == Decimal("-1.50")
    with pytest.raises(voipkit.TariffError):
        a.debit(Decimal("0.51"), "call-2")
    assert (a.balance, a.available, a.currency) == (Decimal("-1.50"), Decimal("0.50"), "EUR")
    assert [(e.kind, e.amount, e.reference) for e in a.ledger] == [
        (billing.LedgerEntryKind.TOP_UP, Decimal("5.00"), "pay-1"),
        (billing.LedgerEntryKind.DEBIT, Decimal("6.50"), "call-1"),
    ]
    assert [e.kind.value for e in a.ledger] == ["top_up", "debit"]
    t = a.totals()
    assert (t.topped_up, t.debited) == (Decimal("5.00"), Decimal("6.50"))


def test_a_prepaid_call_runs_as_long_as_the_balance_affords_at_the_plan_rate(plan: tariff.TariffPlan) -> None:
    # 0900 at 0.80/min + 0.10 connect, per second: cost(s) = 0.10 + s x 0.80/60.
    # 1.00 available: s <= 67.5, so 67 s costing 0.9933; 68 s would cost 1.0067.
    a = billing.PrepaidAccount()
    a.top_up(Decimal("1.00"), "pay")
    auth = a.authorize(plan, "0900 1234567", WEDNESDAY_MORNING)
    assert (auth.allowed, auth.max_seconds, auth.cost_at_max) == (True, 67, Decimal("0.9933"))


def test_the_credit_limit_counts_and_a_call_the_first_second_exceeds_is_refused(plan: tariff.TariffPlan) -> None:
    # 0.50 plus a 0.50 overdraft affords what 1.00 does (67 s); 0.50 alone affords
    # 0.40 / (0.80/60) = 30 s exactly; 0.10 does not cover the first second (0.1133).
    overdraft = billing.PrepaidAccount("EUR", Decimal("-0.50"))
    overdraft.top_up(Decimal("0.50"), "pay")
    assert overdraft.authorize(plan, "0900 1234567", WEDNESDAY_MORNING).max_seconds == 67
    strict = billing.PrepaidAccount()
    strict.top_up(Decimal("0.50"), "pay")
    auth = strict.authorize(plan, "0900 1234567", WEDNESDAY_MORNING)
    assert (auth.max_seconds, auth.cost_at_max) == (30, Decimal("0.5000"))
    poor = billing.PrepaidAccount()
    poor.top_up(Decimal("0.10"), "pay")
    auth = poor.authorize(plan, "0900 1234567", WEDNESDAY_MORNING)
    assert (auth.allowed, auth.max_seconds, auth.cost_at_max) == (False, 0, None)


def test_an_invoice_prorates_recurring_items_and_rounds_each_line_once() -> None:
    # TERMS ACC-2, April 2026 (30 days), NL VAT 21%:
    # PBX 30.00 from 16 April: 15/30 = 15.00; 3 users x 4.95 = 14.85; 2 fax numbers x 1.50
    # = 3.00; 12 calls summing 7.3333 -> 7.33; flat bundle 25.00; porting 10.00.
    # Subtotal 75.18, VAT 15.7878 -> 15.79, total 90.97.
    inv = billing.invoice(
        billing.InvoiceInput(
            "NL",
            date(2026, 4, 1),
            date(2026, 4, 30),
            customer="ACME",
            recurring=[
                billing.InvoiceRecurringItem("PBX", Decimal("30.00"), active_from=date(2026, 4, 16)),
                billing.InvoiceRecurringItem("User", Decimal("4.95"), quantity=Decimal(3)),
            ],
            usage=[billing.InvoiceUsageItem("Fax number", Decimal("1.50"), Decimal(2))],
            call_charges=billing.InvoiceCallCharges(
                12, Decimal("7.3333"), [billing.InvoiceBundleFee("Flat NL fixed", Decimal("25.00"))]
            ),
            one_off=[billing.InvoiceOneOffItem("Number porting", Decimal("10.00"))],
        )
    )
    Kind = billing.InvoiceLineKind
    assert [(l.kind, l.amount) for l in inv.lines] == [
        (Kind.RECURRING, Decimal("15.00")),
        (Kind.RECURRING, Decimal("14.85")),
        (Kind.USAGE, Decimal("3.00")),
        (Kind.CALLS, Decimal("7.33")),
        (Kind.BUNDLE, Decimal("25.00")),
        (Kind.ONE_OFF, Decimal("10.00")),
    ]
    assert (inv.subtotal, inv.vat, inv.total) == (Decimal("75.18"), Decimal("15.79"), Decimal("90.97"))
    assert "ACC-2" in inv.lines[0].explanation


def test_service_work_needs_a_rulebook_and_nox_bills_started_quarter_hours() -> None:
    # TERMS NOX-1: 50 minutes = 4 started quarter hours = 82.00; + 21% VAT = 99.22.
    april = billing.InvoiceInput("NL", date(2026, 4, 1), date(2026, 4, 30), service_work_minutes=[50])
    inv = billing.invoice(april, "nox")
    assert (inv.lines[0].kind, inv.subtotal, inv.total) == (
        billing.InvoiceLineKind.SERVICE_WORK,
        Decimal("82.00"),
        Decimal("99.22"),
    )
    with pytest.raises(voipkit.TariffError):
        billing.invoice(april)


def test_training_lines_and_line_kinds_by_name() -> None:
    # TERMS NOX-4: admin training is priced per person by the rulebook.
    inv = billing.invoice(billing.InvoiceInput("NL", date(2026, 4, 1), date(2026, 4, 30), trained_persons=1), "nox")
    assert [l.kind for l in inv.lines] == [billing.InvoiceLineKind.TRAINING]
    assert (inv.lines[0].kind.value, str(inv.lines[0].kind)) == ("training", "training")


# A PBX at 20.00, 5 transcriptions at 0.023 (0.115) and 2 SMS at 0.005 (0.010), NL VAT 21%.
APRIL = (date(2026, 4, 1), date(2026, 4, 30))
PBX = [billing.InvoiceRecurringItem("PBX", Decimal("20.00"))]
TRANSCRIPTIONS_AND_SMS = [
    billing.InvoiceUsageItem("Transcription", Decimal("0.023"), Decimal(5)),
    billing.InvoiceUsageItem("SMS", Decimal("0.005"), Decimal(2)),
]


def test_the_rounding_mode_and_point_are_the_ones_asked_for() -> None:
    Mode, Point = billing.InvoiceRoundingMode, billing.InvoiceRoundingPoint
    # By default half-up per line: 20.00 + 0.12 + 0.01 = 20.13, VAT 4.2273 -> 4.23, total 24.36.
    default = billing.InvoiceInput("NL", *APRIL, recurring=PBX, usage=TRANSCRIPTIONS_AND_SMS)
    assert (default.rounding_mode, default.rounding_point) == (Mode.HALF_UP, Point.PER_LINE)
    inv = billing.invoice(default)
    assert (inv.subtotal, inv.vat, inv.total) == (Decimal("20.13"), Decimal("4.23"), Decimal("24.36"))
    # Half-even on the invoice: 20.125 -> 20.12, VAT 4.2252 -> 4.23, total 24.35.
    banker = billing.InvoiceInput(
        "NL",
        *APRIL,
        recurring=PBX,
        usage=TRANSCRIPTIONS_AND_SMS,
        rounding_mode=Mode.HALF_EVEN,
        rounding_point=Point.PER_INVOICE,
    )
    inv = billing.invoice(banker)
    assert (inv.subtotal, inv.vat, inv.total) == (Decimal("20.12"), Decimal("4.23"), Decimal("24.35"))
    assert [l.amount for l in inv.lines] == [Decimal("20.00"), Decimal("0.115"), Decimal("0.010")]
    # Either alone gives 20.13 (0.115 is 0.12 half-even too; 20.125 is 20.13 half-up);
    # down per line truncates 0.115 to 0.11.
    subtotals = {
        (mode, point): billing.invoice(
            billing.InvoiceInput(
                "NL", *APRIL, recurring=PBX, usage=TRANSCRIPTIONS_AND_SMS, rounding_mode=mode, rounding_point=point
            )
        ).subtotal
        for mode, point in [(Mode.HALF_EVEN, Point.PER_LINE), (Mode.HALF_UP, Point.PER_INVOICE), (Mode.DOWN, Point.PER_LINE)]
    }
    assert subtotals == {
        (Mode.HALF_EVEN, Point.PER_LINE): Decimal("20.13"),
        (Mode.HALF_UP, Point.PER_INVOICE): Decimal("20.13"),
        (Mode.DOWN, Point.PER_LINE): Decimal("20.12"),
    }


def test_roundings_are_members_with_their_names() -> None:
    Mode, Point = billing.InvoiceRoundingMode, billing.InvoiceRoundingPoint
    assert [m.value for m in (Mode.HALF_UP, Mode.HALF_EVEN, Mode.UP, Mode.DOWN)] == ["half_up", "half_even", "up", "down"]
    assert [p.value for p in (Point.PER_LINE, Point.PER_INVOICE)] == ["per_line", "per_invoice"]
    banker = billing.InvoiceInput("NL", *APRIL, rounding_mode=Mode.HALF_EVEN, rounding_point=Point.PER_INVOICE)
    assert (banker.rounding_mode.value, str(banker.rounding_point)) == ("half_even", "per_invoice")
    # A name is not a member: the constructor takes the members only.
    with pytest.raises(TypeError):
        billing.InvoiceInput("NL", *APRIL, rounding_mode="half_even")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        billing.InvoiceInput("NL", *APRIL, rounding_point="per_invoice")  # type: ignore[arg-type]
    # More places than a decimal holds is still refused, as a TariffError.
    with pytest.raises(voipkit.TariffError, match="28"):
        billing.invoice(billing.InvoiceInput("NL", *APRIL, rounding_decimals=29))


def test_a_month_of_rated_calls_goes_on_the_invoice_with_the_plans_bundle_fees(plan: tariff.TariffPlan) -> None:
    # Rated with the sample plan: a 0900 call of 125 s = 0.10 + 125 x 0.80/60 = 1.7667; a
    # Dutch fixed call in the flat bundle = 0. Bundles: 25.00 + 7.50. The calls line is
    # 1.7667 -> 1.77; subtotal 34.27; VAT 21% = 7.1967 -> 7.20; total 41.47.
    rated = plan.rate_batch(
        [
            tariff.CallRecord("a", WEDNESDAY_MORNING, 125, "0900 1234567"),
            tariff.CallRecord("b", WEDNESDAY_MORNING, 185, "020 123 4567"),
        ]
    )
    charges = billing.call_charges(plan, [o.rated.cost for o in rated if o.rated is not None])
    assert (charges.calls, charges.cost) == (2, Decimal("1.7667"))
    inv = billing.invoice(
        billing.InvoiceInput("NL", date(2026, 3, 1), date(2026, 3, 31), call_charges=charges)
    )
    Kind = billing.InvoiceLineKind
    assert [(l.kind, l.amount) for l in inv.lines] == [
        (Kind.CALLS, Decimal("1.77")),
        (Kind.BUNDLE, Decimal("25.00")),
        (Kind.BUNDLE, Decimal("7.50")),
    ]
    assert (inv.subtotal, inv.vat, inv.total) == (Decimal("34.27"), Decimal("7.20"), Decimal("41.47"))
