package dev.voipkit

import java.io.File
import java.math.BigDecimal
import java.time.Instant
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue

class RatingTest {
    private val samples = File("../../samples")
    private val plan = TariffPlan.fromToml(
        File(samples, "plan.toml").readText(),
        mapOf("rates.csv" to File(samples, "rates.csv").readText()),
    )

    @Test
    fun premiumCallIsChargedPerSecond() {
        // 0900 at 0.80/min, 1/1 increments, 0.10 connect: 0.10 + 125 x 0.80/60 = 1.7667.
        val rated = plan.rate(CallRecord("4", Instant.parse("2026-03-11T10:00:00Z"), 125u, "0900 1234567", true))
        assertEquals(BigDecimal("1.7667"), rated.cost)
        assertEquals(NumberClass.PREMIUM, rated.destinationClass)
    }

    @Test
    fun batchReportsBadNumbersInPlace() {
        val start = Instant.parse("2026-03-11T08:12:00Z")
        val outcomes = plan.rateBatch(listOf(
            CallRecord("a", start, 185u, "020 123 4567", true),
            CallRecord("b", start, 10u, "06-12x", true),
        ))
        assertTrue(outcomes[0].rated!!.includedInBundle)
        assertNull(outcomes[1].rated)
    }

    @Test
    fun cgratesTutorialCallCostsWhatCgratesCharges() {
        // 2m10s from 1001 to 1002: 0.7169 in CGRateS rounding, 0.7167 exact.
        val dir = File("../../tariff/tests/data/cgrates")
        val files = dir.listFiles()!!.filter { it.name.endsWith(".csv") }.associate { it.name to it.readText() }
        val call = CallRecord("tutorial", Instant.parse("2014-08-04T13:00:00Z"), 130u, "1002", true)
        val cgrates = TariffPlan.fromCgrates(files, "cgrates.org", "call", "1001", "NL", false)
        assertEquals(BigDecimal("0.7169"), cgrates.rate(call).cost)
        val exact = TariffPlan.fromCgrates(files, "cgrates.org", "call", "1001", "NL", true)
        assertEquals(BigDecimal("0.7167"), exact.rate(call).cost)
    }

    @Test
    fun cgratesRaterRatesAnySubjectAsGetCost() {
        val dir = File("../../tariff/tests/data/cgrates")
        val files = dir.listFiles()!!.filter { it.name.endsWith(".csv") }.associate { it.name to it.readText() }
        val rater = CgratesRater(files, "NL")
        val start = Instant.parse("2014-08-04T13:00:00Z")
        val rated = rater.rate(CgratesCall("tutorial", "cgrates.org", "call", "1001", "1002", start, 130u))
        assertEquals(BigDecimal("0.7169"), rated.cost)
        assertEquals("DST_1002", rated.destination)
        // No profile for 1009 and no *any one: refused, unless the call has no duration.
        val e = assertFailsWith<VoipkitException.Tariff> {
            rater.rate(CgratesCall("x", "cgrates.org", "call", "1009", "1002", start, 130u))
        }
        assertEquals("rate_table", e.kind)
        assertEquals("RatingProfiles.csv", e.field)
        assertEquals(BigDecimal.ZERO, rater.rate(CgratesCall("y", "cgrates.org", "call", "1009", "1002", start, 0u)).cost)
    }

    @Test
    fun missingRateTableIsATypedError() {
        assertFailsWith<VoipkitException.Tariff> { TariffPlan.fromToml(File(samples, "plan.toml").readText(), emptyMap()) }
    }
}
