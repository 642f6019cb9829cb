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
