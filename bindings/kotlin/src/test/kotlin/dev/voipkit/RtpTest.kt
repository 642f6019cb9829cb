package dev.voipkit

import java.io.File
import java.nio.ByteBuffer
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class RtpTest {
    @Test
    fun parseReadsTheFixedHeader() {
        // V=2, M=0, PT=0 (PCMU), seq 1, ts 160, SSRC 0xCAFEBABE, 160 payload bytes.
        val packet = ByteBuffer.allocate(12 + 160)
            .put(0x80.toByte()).put(0x00).putShort(1).putInt(160).putInt(0xCAFEBABE.toInt())
            .array()
        val h = rtpParse(packet)
        assertEquals(0u.toUByte(), h.payloadType)
        assertEquals(1u.toUShort(), h.sequenceNumber)
        assertEquals(0xCAFEBABEu, h.ssrc)
        assertEquals(160UL, h.payloadLen)
    }

    @Test
    fun compoundRtcpReadsPacketByPacket() {
        // RR from 0x11111111 without report blocks, then SDES with CNAME "bob" (RFC 3550 6.4.2, 6.5).
        val rr = ByteBuffer.allocate(8).put(0x80.toByte()).put(201.toByte()).putShort(1).putInt(0x11111111).array()
        val sdes = ByteBuffer.allocate(16).put(0x81.toByte()).put(202.toByte()).putShort(3).putInt(0x11111111)
            .put(1).put(3).put("bob".toByteArray()).array()
        val packets = rtcpParse(rr + sdes)
        assertEquals(listOf("rr", "sdes"), packets.map { it.kind })
        assertEquals(0x11111111u, packets[0].ssrc)
        assertEquals(listOf(RtcpCname(0x11111111u, "bob")), packets[1].cnames)
        val e = assertFailsWith<VoipkitException.Rtp> { rtcpParse(sdes) }
        assertEquals("malformed", e.kind)
        assertEquals(1UL, e.offset)
    }

    @Test
    fun receiverStatisticsCountAsRfc3550Says() {
        // Packets 10, 11, 12, 14, 20 ms and 160 timestamp units apart: probation takes 10,
        // so 11..14 are expected (4), 3 received, 1 lost; the report block says 64/256.
        val stats = RtpReceiverStats(0xABCDu, 8000u)
        val verdicts = stats.updateMany(listOf(10, 11, 12).map { RtpReception(it.toUShort(), 160u * it.toUInt(), 20_000UL * it.toULong()) })
        assertEquals(listOf(SeqVerdict.PROBATION, SeqVerdict.VALID, SeqVerdict.VALID), verdicts)
        assertEquals(SeqVerdict.VALID, stats.update(14u, 160u * 14u, 20_000UL * 14UL))
        val s = stats.snapshot()
        assertEquals(4UL, s.expected)
        assertEquals(1L, s.lost)
        assertEquals(64.toUByte(), stats.reportBlock(0u, 0u).fractionLost)
        val e = assertFailsWith<VoipkitException.Rtp> { RtpReceiverStats(1u, 0u) }
        assertEquals("out_of_range", e.kind)
    }

    @Test
    fun truncatedPacketIsATypedError() {
        assertFailsWith<VoipkitException.Rtp> { rtpParse(byteArrayOf(0x80.toByte(), 0)) }
    }

    @Test
    fun sampleCaptureMatchesWireshark() {
        // Figures as `tshark -q -z rtp,streams` prints them for samples/call.pcap.
        val capture = File("../../samples/call.pcap").readBytes()
        val back = rtpAnalyzeCapture(capture).single { it.ssrc == 0x0B0B0B0Bu }
        assertEquals(147UL, back.packets)
        assertEquals(3L, back.lost)
        assertEquals(62.947, back.maxDeltaMs, 0.001)
    }
}
