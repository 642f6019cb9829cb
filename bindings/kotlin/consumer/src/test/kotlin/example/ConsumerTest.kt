package example

import dev.voipkit.*
import java.math.BigDecimal
import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertNull

/** The artifact as an application uses it: no `jna.library.path`, no system property. */
class ConsumerTest {
    @Test
    fun theNativeLibraryComesFromTheJar() {
        assertNull(System.getProperty("jna.library.path"))
        assertEquals("0.1.0", version())
    }

    @Test
    fun rulesAndRatingWork() {
        // ACC-6: cancelled on 24 December 2026, the contract ends at the end of January.
        val c = contractsCancel("accensys", LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 24))
        assertEquals(LocalDate.of(2027, 1, 31), c.earliestEnd)
        // NOX: 50 minutes of service work are four 15-minute blocks, 82.00.
        val fee = tariffServiceWork("nox", 50UL)
        assertEquals(BigDecimal("82.00"), fee.amount)
        assertEquals(NumberClass.PREMIUM, tariffNormalizeNumber("+49 180 1234567", "DE").numberClass)
    }

    /**
     * The cost of one tiny call through JNA from the release artifact, for the bindings'
     * throughput table (written to target/throughput.json, read by
     * bindings/python/bench/throughput.py); the calls' answers are checked, their time is
     * only measured.
     */
    @Test
    fun tinyCallsAnswerAndTheirCostIsMeasured() {
        val calls = 20_000
        var best = Long.MAX_VALUE
        var versionBest = Long.MAX_VALUE
        repeat(5) {
            val v = System.nanoTime()
            repeat(calls) { check(version().isNotEmpty()) }
            versionBest = minOf(versionBest, System.nanoTime() - v)
            val start = System.nanoTime()
            repeat(calls) {
                check(tariffNormalizeNumber("020 123 4567", "NL").e164 == "+31201234567")
            }
            best = minOf(best, System.nanoTime() - start)
        }
        val numbers = List(100_000) { if (it % 8 == 6) "06-12x" else "020 123 4567" }
        var batchBest = Long.MAX_VALUE
        repeat(5) {
            val start = System.nanoTime()
            val out = tariffNormalizeNumbers(numbers, "NL")
            assertEquals(null, out[6])
            assertEquals("+31201234567", out[0]?.e164)
            batchBest = minOf(batchBest, System.nanoTime() - start)
        }
        java.io.File("target/throughput.json").writeText(
            """[{"path": "kotlin tiny call (tariffNormalizeNumber, JNA)", "ns_per_call": ${best / calls}},""" +
                """ {"path": "kotlin tiniest call (version, JNA)", "ns_per_call": ${versionBest / calls}},""" +
                """ {"path": "kotlin normalize batch (tariffNormalizeNumbers, list)", "records": ${numbers.size}, "per_s": ${numbers.size * 1_000_000_000L / batchBest}}]""" + "\n",
        )
    }
}
