package dev.voipkit

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class PanicTest {
    @Test
    fun aPanicInRustIsATypedInternalException() {
        val e = assertFailsWith<VoipkitException.Internal> { debugPanic("boom") }
        assertEquals("boom", e.reason)
        // The JVM goes on, and so does the library.
        assertEquals(true, sipCheck("OPTIONS sip:a@b SIP/2.0\r\n\r\n".toByteArray()).valid.not())
    }
}
