package dev.voipkit

import kotlin.test.Test
import kotlin.test.assertEquals

class VersionTest {
    @Test
    fun versionMatchesTheNativeLibrary() {
        assertEquals("0.1.0", version())
    }
}
