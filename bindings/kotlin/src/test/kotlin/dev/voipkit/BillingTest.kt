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
        assertEquals(listOf("top_up", "debit"), a.ledger().map { it.kind })
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
        ))
        assertEquals(listOf(BigDecimal("15.00"), BigDecimal("7.33")), inv.lines.map { it.amount })
        assertEquals(BigDecimal("22.33"), inv.subtotal)
        assertEquals(BigDecimal("4.69"), inv.vat)
        assertEquals(BigDecimal("27.02"), inv.total)
    }

    @Test
    fun serviceWorkWithoutARulebookIsATypedError() {
        val input = InvoiceInput(country = "NL", periodStart = LocalDate.of(2026, 4, 1),
            periodEnd = LocalDate.of(2026, 4, 30), serviceWorkMinutes = listOf(50UL))
        assertEquals(BigDecimal("99.22"), billingInvoice(input, "nox").total) // 82.00 + 21% (NOX-1)
        assertFailsWith<VoipkitException.Tariff> { billingInvoice(input) }
    }

    @Test
    fun callChargesBringThePlansBundleFees() {
        // Sample plan bundles: 25.00 + 7.50; one 0900 call of 125 s = 0.10 + 125 x 0.80/60 = 1.7667.
        val charges = billingCallCharges(plan, listOf(BigDecimal("1.7667")))
        assertEquals(1UL, charges.calls)
        assertEquals(listOf(BigDecimal("25.00"), BigDecimal("7.50")), charges.bundles.map { it.monthlyFee })
    }
}
