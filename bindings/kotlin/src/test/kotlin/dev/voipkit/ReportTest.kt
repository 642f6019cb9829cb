package dev.voipkit

import java.io.File
import java.math.BigDecimal
import java.time.Instant
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull

class ReportTest {
    private val samples = File("../../samples")
    private val capture = File(samples, "call.pcap").readBytes()

    @Test
    fun sampleCallIsAnsweredAt180MsAndEndedByTheCaller() {
        // samples/call.pcap: INVITE at 2026-01-01T00:00:00Z, 200 OK at 0.18 s, BYE at 3.3 s.
        val report = captureReport(capture)
        val call = report.calls.single()
        assertEquals("a84b4c76e66710@192.0.2.10", call.callId)
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), call.inviteAt)
        assertEquals(Instant.parse("2026-01-01T00:00:00.180Z"), call.answeredAt)
        assertEquals(3.12, call.durationS!!, 1e-9)
        assertEquals(CallEndReason.BYE_CALLER, call.endReason)
        assertEquals(200.toUShort(), call.finalStatus)
        val bob = call.streams.single { it.ssrc == 0x0B0B0B0Bu }
        assertEquals(StreamDirection.CALLEE_TO_CALLER, bob.direction)
        assertEquals(147UL, bob.packets)
        assertEquals(3L, bob.lost)
        assertEquals(BigDecimal("100"), report.summary.asrPct)
        assertEquals(BigDecimal("3.12"), report.summary.acdS)
        assertNull(report.summary.totalCost)
    }

    @Test
    fun aForwardedCallGivesItsAssertedCallerDiversionAndShakenAttestation() {
        // samples/forwarded.pcap: the INVITE of samples/invite_forwarded.sip, refused busy.
        val call = captureReport(File(samples, "forwarded.pcap").readBytes()).calls.single()
        assertEquals(486.toUShort(), call.finalStatus)
        assertEquals("sip:+31207654321@carrier-a.example;user=phone", call.assertedIdentity)
        assertEquals("sip:+31201234567@carrier-b.example;user=phone", call.divertedFrom)
        assertEquals("A", call.attest)
        assertEquals(17.toUShort(), call.q850Cause)
        assertEquals("User busy", call.q850Text)
        assertNull(captureReport(capture).calls.single().attest)
    }

    @Test
    fun planAndRulebookAddTheCostAndTheTrafficVerdict() {
        val plan = TariffPlan.fromToml(
            File(samples, "plan.toml").readText(),
            mapOf("rates.csv" to File(samples, "rates.csv").readText()),
        )
        val report = plan.reportCapture(capture, "42com")
        // +32 2 123 45 67: Belgium at 0.05/min in 60 s increments, 3.12 s is one increment;
        // ACD 3.12 s is below 42com's 30 s (F42-2).
        assertEquals(BigDecimal("0.0500"), report.calls.single().cost)
        assertNull(report.calls.single().costError)
        assertEquals(0UL, report.summary.ratingErrors)
        assertEquals(false, report.summary.compliant)
        assertEquals(listOf("acd_s F42-2"), report.summary.violations)
    }

    @Test
    fun junkIsATypedError() {
        assertFailsWith<VoipkitException.Rtp> { captureReport("not a capture".toByteArray()) }
    }
}
