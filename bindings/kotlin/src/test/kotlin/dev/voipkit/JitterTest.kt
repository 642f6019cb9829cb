package dev.voipkit

import java.nio.ByteBuffer
import kotlin.test.Test
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class JitterTest {
    private val ms = 1000UL

    /** V=2, 160 samples (20 ms at 8 kHz) per packet, a payload naming the sequence number. */
    private fun datagram(seq: Int, pt: Int = 0, marker: Boolean = false, ssrc: Int = 0x11223344): ByteArray =
        ByteBuffer.allocate(14)
            .put(0x80.toByte()).put((pt or if (marker) 0x80 else 0).toByte())
            .putShort(seq.toShort()).putInt(seq * 160).putInt(ssrc).putShort(seq.toShort())
            .array()

    private fun fixed40ms() = JitterBuffer(JitterBufferConfig(fixedDelayMs = 40u, startDelayMs = 0u))

    @Test
    fun framesPlayAFixedDelayAfterTheirTimestampAndAMissingOneIsConcealed() {
        // Worked by hand (no start-up margin): seq i arrives at 20*i ms without jitter, a fixed 40 ms target, a pop
        // 5 ms after each arrival. The first frame plays once it is 40 ms old (pop at 45 ms),
        // then the pop at 20*i + 5 ms plays seq i - 2. Seq 5 is missing at its slot (145 ms):
        // concealed with timestamp 5 x 160 = 800; once seq 6 has played (165 ms), seq 5 arriving
        // at 170 ms is late.
        val jb = fixed40ms()
        val slots = mutableListOf<Triple<PlayoutKind, List<Int>, UInt?>>()
        for (i in 0..10) {
            val t = i.toULong() * 20UL * ms
            if (i != 5) assertEquals(JitterPushOutcome.ACCEPTED, jb.push(datagram(i, marker = i == 0), t))
            val out = jb.pop(t + 5UL * ms)
            slots += Triple(out.kind, out.frames.map { it.seq.toInt() }, out.concealTimestamp)
            if (i == 8) assertEquals(JitterPushOutcome.LATE, jb.push(datagram(5), 170UL * ms))
        }
        val expected = listOf(
            Triple(PlayoutKind.NOTHING, emptyList<Int>(), null),
            Triple(PlayoutKind.NOTHING, emptyList(), null),
        ) + (0..4).map { Triple(PlayoutKind.FRAME, listOf(it), null as UInt?) } +
            listOf(Triple(PlayoutKind.CONCEAL, emptyList<Int>(), 800u)) +
            (6..8).map { Triple(PlayoutKind.FRAME, listOf(it), null as UInt?) }
        assertEquals(expected, slots)
        val s = jb.stats()
        assertEquals(listOf(11UL, 8UL, 1UL, 1UL, 0UL, 2UL), listOf(s.received, s.played, s.concealed, s.late, s.lost, s.buffered))
        assertEquals(40.0, s.targetDelayMs)
    }

    @Test
    fun aFrameCarriesThePayloadAndHeaderFields() {
        val jb = fixed40ms()
        jb.push(datagram(7, pt = 8, marker = true), 1_000_000UL)
        val f = jb.pop(1_040_000UL).frames.single()
        assertContentEquals(byteArrayOf(0, 7), f.payload)
        assertEquals(7.toUShort(), f.seq)
        assertEquals(1120u, f.timestamp)
        assertEquals(8.toUByte(), f.payloadType)
        assertEquals(true, f.marker)
        assertEquals(1_000_000UL, f.arrivalUs)
    }

    @Test
    fun bytesThatAreNotRtpAreATypedErrorAndMalformedInABatch() {
        val jb = JitterBuffer(JitterBufferConfig())
        assertFailsWith<VoipkitException.Rtp> { jb.push(byteArrayOf(0x80.toByte(), 0, 0), 0UL) }
        val outcomes = jb.pushMany(listOf(
            JitterArrival(datagram(1), 0UL),
            JitterArrival(datagram(1), 1UL),
            JitterArrival("not rtp".toByteArray(), 2UL),
        ))
        assertEquals(listOf(JitterPushOutcome.ACCEPTED, JitterPushOutcome.DUPLICATE, JitterPushOutcome.MALFORMED), outcomes)
        assertEquals(2UL, jb.stats().received)
    }

    @Test
    fun configDefaultsAreRtpCores() {
        val c = JitterBufferConfig()
        assertEquals(listOf(8000u, 0u, 1000u, 256u, 80u), listOf(c.clockRate, c.minDelayMs, c.maxDelayMs, c.capacity, c.startDelayMs))
        assertEquals(null, c.fixedDelayMs)
    }

    @Test
    fun aCaptureReplayAccountsForEveryPacket() {
        // The sample's streams: 150 and 147 packets of 20 ms G.711; each packet ends played,
        // late, a duplicate or refused.
        val reports = rtpPlayoutCapture(java.io.File("../../samples/call.pcap").readBytes())
        assertEquals(setOf(150UL, 147UL), reports.map { it.received }.toSet())
        for (r in reports) assertEquals(r.received, r.played + r.late + r.duplicates + r.overflow)
    }
}
