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
}
