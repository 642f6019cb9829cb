package dev.voipkit

import java.io.File
import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull

class BillingTest {
    private val samples = File("../../samples")
    private val plan = TariffPlan.fromToml(
        File(samples, "plan.toml").readText(),
        mapOf("rates.csv" to File(samples, "rates.csv").readText()),
    )
    private val wednesdayMorning = Instant.parse("2026-03-11T10:00:00Z")

    @Test
    fun debitsStopAtTheCreditLimitAndTheLedgerExplainsTheBalance() {
        // TERMS F42-1: a refused debit leaves the account as it was.
        val a = PrepaidAccount("EUR", BigDecimal("-2.00"))
        assertEquals(BigDecimal("5.00"), a.topUp(BigDecimal("5.00"), "pay-1"))
        assertEquals(BigDecimal("-1.50"), a.debit(BigDecimal("6.50"), "call-1"))
        assertFailsWith<VoipkitException.Tariff> { a.debit(BigDecimal("0.51"), "call-2") }
        assertEquals(BigDecimal("-1.50"), a.balance())
        assertEquals(BigDecimal("0.50"), a.available())
        assertEquals(listOf(LedgerEntryKind.TOP_UP, LedgerEntryKind.DEBIT), a.ledger().map { it.kind })
        assertEquals(BigDecimal("6.50"), a.totals().debited)
    }

    @Test
    fun aPrepaidCallRunsAsLongAsTheBalanceAffordsAtThePlanRate() {
        // 0900 at 0.80/min + 0.10 connect, per second: 1.00 affords 67 s (0.9933); 68 s = 1.0067.
        val a = PrepaidAccount("EUR", BigDecimal.ZERO)
        a.topUp(BigDecimal("1.00"), "pay")
        val auth = a.authorize(plan, "0900 1234567", wednesdayMorning, 14400u)
        assertEquals(67u, auth.maxSeconds)
        assertEquals(BigDecimal("0.9933"), auth.costAtMax)
        // 0.10 does not cover the first second (0.1133).
        val poor = PrepaidAccount("EUR", BigDecimal.ZERO)
        poor.topUp(BigDecimal("0.10"), "pay")
        val refused = poor.authorize(plan, "0900 1234567", wednesdayMorning, 14400u)
        assertFalse(refused.allowed)
        assertNull(refused.costAtMax)
    }

    @Test
    fun anInvoiceProratesRecurringItemsAndRoundsEachLineOnce() {
        // TERMS ACC-2, April 2026 (30 days), NL VAT 21%: PBX 30.00 from 16 April = 15.00;
        // 12 calls summing 7.3333 = 7.33; subtotal 22.33, VAT 4.6893 -> 4.69, total 27.02.
        val inv = billingInvoice(InvoiceInput(
            country = "NL",
            periodStart = LocalDate.of(2026, 4, 1),
            periodEnd = LocalDate.of(2026, 4, 30),
            recurring = listOf(InvoiceRecurringItem("PBX", BigDecimal("30.00"), activeFrom = LocalDate.of(2026, 4, 16))),
            callCharges = InvoiceCallCharges(12UL, BigDecimal("7.3333")),
            roundingMode = InvoiceRoundingMode.HALF_UP,
            roundingPoint = InvoiceRoundingPoint.PER_LINE,
        ))
        assertEquals(listOf(BigDecimal("15.00"), BigDecimal("7.33")), inv.lines.map { it.amount })
        assertEquals(listOf(InvoiceLineKind.RECURRING, InvoiceLineKind.CALLS), inv.lines.map { it.kind })
        assertEquals(BigDecimal("22.33"), inv.subtotal)
        assertEquals(BigDecimal("4.69"), inv.vat)
        assertEquals(BigDecimal("27.02"), inv.total)
    }

    @Test
    fun serviceWorkWithoutARulebookIsATypedError() {
        val input = InvoiceInput(country = "NL", periodStart = LocalDate.of(2026, 4, 1),
            periodEnd = LocalDate.of(2026, 4, 30), serviceWorkMinutes = listOf(50UL),
            roundingMode = InvoiceRoundingMode.HALF_UP, roundingPoint = InvoiceRoundingPoint.PER_LINE)
        val inv = billingInvoice(input, "nox")
        assertEquals(BigDecimal("99.22"), inv.total) // 82.00 + 21% (NOX-1)
        assertEquals(listOf(InvoiceLineKind.SERVICE_WORK), inv.lines.map { it.kind })
        assertFailsWith<VoipkitException.Tariff> { billingInvoice(input) }
    }

    @Test
    fun theRoundingModeAndPointAreTheOnesAskedFor() {
        // A PBX at 20.00, 5 transcriptions at 0.023 (0.115) and 2 SMS at 0.005 (0.010), NL VAT 21%.
        fun april(mode: InvoiceRoundingMode, point: InvoiceRoundingPoint) = billingInvoice(InvoiceInput(
            country = "NL",
            periodStart = LocalDate.of(2026, 4, 1),
            periodEnd = LocalDate.of(2026, 4, 30),
            recurring = listOf(InvoiceRecurringItem("PBX", BigDecimal("20.00"))),
            usage = listOf(
                InvoiceUsageItem("Transcription", BigDecimal("0.023"), BigDecimal("5")),
                InvoiceUsageItem("SMS", BigDecimal("0.005"), BigDecimal("2")),
            ),
            roundingMode = mode,
            roundingPoint = point,
        ))
        // Half-up per line: 20.00 + 0.12 + 0.01 = 20.13, VAT 4.2273 -> 4.23, total 24.36.
        val perLine = april(InvoiceRoundingMode.HALF_UP, InvoiceRoundingPoint.PER_LINE)
        assertEquals(listOf(BigDecimal("20.13"), BigDecimal("24.36")), listOf(perLine.subtotal, perLine.total))
        // Half-even on the invoice: 20.125 -> 20.12, VAT 4.2252 -> 4.23, total 24.35.
        val banker = april(InvoiceRoundingMode.HALF_EVEN, InvoiceRoundingPoint.PER_INVOICE)
        assertEquals(listOf(BigDecimal("20.12"), BigDecimal("24.35")), listOf(banker.subtotal, banker.total))
        // Down per line truncates 0.115 to 0.11.
        assertEquals(BigDecimal("20.12"), april(InvoiceRoundingMode.DOWN, InvoiceRoundingPoint.PER_LINE).subtotal)
    }

    @Test
    fun callChargesBringThePlansBundleFees() {
        // Sample plan bundles: 25.00 + 7.50; one 0900 call of 125 s = 0.10 + 125 x 0.80/60 = 1.7667.
        val charges = billingCallCharges(plan, listOf(BigDecimal("1.7667")))
        assertEquals(1UL, charges.calls)
        assertEquals(listOf(BigDecimal("25.00"), BigDecimal("7.50")), charges.bundles.map { it.monthlyFee })
    }
}
