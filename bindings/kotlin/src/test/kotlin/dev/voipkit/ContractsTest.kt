package dev.voipkit

import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class ContractsTest {
    @Test
    fun kingsDayMovesToSaturdayWhenTheTwentySeventhIsASunday() {
        // 27 April 2025 was a Sunday (TERMS CAL-NL).
        val days = contractsHolidays("NL", 2025).associate { it.date to it.name }
        assertEquals("King's Day", days[LocalDate.of(2025, 4, 26)])
    }

    @Test
    fun accensysCancellationCountsTheFullMonthAfterProcessing() {
        // TERMS ACC-4: received Thu 24 Dec 2026, processed Tue 29 Dec, ends 31 Jan 2027.
        val c = contractsCancel("accensys", LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 24))
        assertEquals(LocalDate.of(2026, 12, 29), c.processedOn)
        assertEquals(LocalDate.of(2027, 1, 31), c.earliestEnd)
        assertTrue(c.explanation.any { it.contains("ACC-4") })
    }

    @Test
    fun batchCancellationMatchesSingleOnes() {
        val requests = listOf(
            CancellationRequest(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 24)),
            CancellationRequest(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2)),
        )
        val batch = contractsCancelMany("accensys", requests)
        assertEquals(LocalDate.of(2027, 1, 31), batch[0].earliestEnd)
        assertEquals(LocalDate.of(2027, 2, 28), batch[1].earliestEnd)
    }

    @Test
    fun unknownRulebookIsATypedError() {
        assertFailsWith<VoipkitException.Contracts> {
            contractsCancel("nobody", LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1))
        }
    }

    @Test
    fun aRulebookAnswersEveryEvaluationAsTheTermsSay() {
        val jitco = ContractRulebook.preset("jitco")
        // JIT-7: four months to the day, clamped: 31 Oct 2026 → 28 Feb 2027.
        assertEquals(LocalDate.of(2027, 2, 28), jitco.priceChange(LocalDate.of(2026, 10, 31), LocalDate.of(2027, 3, 1)).earliestEffective)
        // JIT-6: the supplier chooses within 14 days of 2 March 2026.
        assertEquals(LocalDate.of(2026, 3, 16), jitco.disputeDeadlines(LocalDate.of(2026, 3, 2)).supplierDeadline)
        val allocloud = ContractRulebook.preset("allocloud")
        // ALC-3: ceil(0.9 × 25) = 23.
        assertEquals(23UL, allocloud.userFloor(25UL, LocalDate.of(2026, 5, 15)).minimumUsers)
        // ALC-6: Friday 6 March 2026 16:30 in Brussels: closed, only critical incidents.
        val after = allocloud.support(java.time.Instant.parse("2026-03-06T15:30:00Z"), Severity.MINOR)
        assertEquals(false, after.mayRaise)
        assertEquals(java.time.Instant.parse("2026-03-09T07:30:00Z"), after.nextOpening)
        assertTrue(ContractRulebook.preset("nox").serviceCoverage(ChangeKind.PROMPTS).covered)
        val status = ContractRulebook.preset("accensys")
            .statusOn(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 24), LocalDate.of(2027, 2, 1))
        assertEquals(ContractState.ENDED, status.state)
        val e = assertFailsWith<VoipkitException.Contracts> {
            ContractRulebook.fromToml("name = \"mine\"\n[notice]\nmonths = \"three\"\n")
        }
        assertEquals("invalid_rulebook", e.kind)
        assertEquals(3UL, e.line)
    }
}
