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
        assertEquals("premium", tariffNormalizeNumber("+49 180 1234567", "DE").numberClass)
    }
}
