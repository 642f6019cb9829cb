package dev.voipkit

import java.math.BigDecimal
import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull

class TariffTest {
    @Test
    fun allocloudChannelsFollowTheMarginalTiers() {
        // TERMS ALC-4: 1->2, 6->7, 10->9, 40->17.
        assertEquals(listOf(2UL, 7UL, 9UL, 17UL), listOf(1UL, 6UL, 10UL, 40UL).map { tariffCapacity("allocloud", it, 0UL).channels })
    }

    @Test
    fun noxServiceWorkIsBilledPerStartedQuarter() {
        // TERMS NOX-1: 50 minutes -> 4 blocks -> EUR 82.00.
        val charge = tariffServiceWork("nox", 50UL)
        assertEquals(4UL, charge.blocks)
        assertEquals(BigDecimal("82.00"), charge.amount)
        assertEquals("EUR", charge.currency)
    }

    @Test
    fun jitcoLatePaymentIsSimpleMonthlyInterest() {
        // TERMS JIT-3: 1000.00 due 31 Jan, paid 15 Mar: 2.5% x (1 + 15/31) = 37.10.
        val late = tariffLatePayment("jitco", BigDecimal("1000.00"), LocalDate.of(2026, 1, 31), LocalDate.of(2026, 3, 15))
        assertEquals(BigDecimal("37.10"), late.interest)
        assertEquals(BigDecimal("750.00"), late.collectionCosts)
        assertEquals(BigDecimal("1787.10"), late.total)
    }

    @Test
    fun numbersNormalizeAndClassify() {
        val info = tariffNormalizeNumber("0900-1234567", "NL")
        assertEquals("+319001234567", info.e164)
        assertEquals(NumberClass.PREMIUM, info.numberClass)
        assertNull(tariffNormalizeNumbers(listOf("not a number"), "NL")[0])
        val e = assertFailsWith<VoipkitException.Tariff> { tariffNormalizeNumber("06-12x", "NL") }
        // `x` is the sixth character: byte 5.
        assertEquals("invalid_number", e.kind)
        assertEquals(5UL, e.offset)
    }
}
