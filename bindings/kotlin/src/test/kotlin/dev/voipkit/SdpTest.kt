package dev.voipkit

import java.io.File
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue

class SdpTest {
    private val data = File("../ffi/tests/data")
    private val g711 = File(data, "offer_g711.sdp").readText()
    private val webrtc = File(data, "offer_webrtc.sdp").readText()
    private val ours = List(2) { "AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99" }.joinToString(":")

    private fun bob(vararg media: SdpMediaCapability) = SdpCapabilities(username = "bob", address = "198.51.100.7", media = media.toList())

    @Test
    fun parseGivesWireFieldsAndTypedCodecs() {
        val s = sdpParse(g711)
        assertEquals("alice", s.origin.username)
        val audio = s.media[0]
        assertEquals(listOf("0", "8", "101"), audio.formats)
        // PCMU and PCMA from RFC 3551's static table, 101 from its rtpmap.
        assertEquals(listOf("PCMU", "PCMA", "telephone-event"), audio.codecs.map { it.name })
        assertEquals(SdpDirection.SEND_RECV, audio.direction)
        assertEquals("192.0.2.1", s.media[1].connectionAddress)
    }

    @Test
    fun iceCandidatesAndDtlsFingerprintsAreTyped() {
        val m = sdpParse(webrtc).media.single()
        assertEquals("F7gI", m.iceUfrag)
        assertEquals(SdpSetup.ACTPASS, m.setup)
        assertEquals(listOf("host", "srflx"), m.candidates.map { it.kind })
        assertEquals(54321.toUShort(), m.candidates[1].relatedPort)
        assertEquals(2.toUShort(), m.codecs[0].channels)
    }

    @Test
    fun unmodifiedSdpWritesBackByteIdenticalAndACopyWritesTheEdit() {
        for (text in listOf(g711, webrtc, g711.replace("\r\n", "\n"))) assertEquals(text, sdpWrite(sdpParse(text)))
        val s = sdpParse(g711)
        val moved = s.copy(media = listOf(s.media[0].copy(port = 5004u)) + s.media.drop(1))
        assertTrue(sdpWrite(moved).contains("\r\nm=audio 5004 RTP/AVP 0 8 101\r\n"))
    }

    @Test
    fun malformedRtpmapIsASdpErrorWithItsLine() {
        val text = "v=0\r\no=a 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n"
        val e = assertFailsWith<VoipkitException.Sdp> { sdpParse(text) }
        assertEquals(6UL, e.line)
        assertEquals("parse", e.kind)
    }

    @Test
    fun answerTakesSharedCodecsAndRejectsTheVideo() {
        // RFC 3264 section 6 by hand: PCMA (8) and telephone-event (101) keep the offer's
        // numbers; the video nobody takes is rejected with port 0 in place.
        val audio = SdpMediaCapability(media = "audio", port = 4000u, codecs = listOf(
            SdpCodecCapability("PCMA", 8000u), SdpCodecCapability("telephone-event", 8000u)),
            direction = SdpDirection.SEND_RECV)
        val answer = sdpAnswer(g711, bob(audio))
        assertEquals(listOf("8", "101"), answer.session.media[0].formats)
        assertEquals(0.toUShort(), answer.session.media[1].port)
        val (a, v) = sdpApplyAnswer(g711, answer.text)
        assertEquals("198.51.100.7", a.remoteAddress)
        assertEquals(4000.toUShort(), a.remoteRtpPort)
        assertEquals(4001.toUShort(), a.remoteRtcpPort)
        assertEquals("PCMA", a.codec?.name)
        assertFalse(v.accepted)
    }

    @Test
    fun ourOfferIsAnsweredAndApplied() {
        // PCMA keeps its static number 8; telephone-event gets the first dynamic one, 96.
        val ours = SdpMediaCapability(media = "audio", port = 4000u, codecs = listOf(
            SdpCodecCapability("PCMA", 8000u), SdpCodecCapability("telephone-event", 8000u)),
            direction = SdpDirection.SEND_RECV)
        val offer = sdpOffer(bob(ours))
        assertEquals(listOf("8", "96"), offer.session.media[0].formats)
        val peer = SdpMediaCapability(media = "audio", port = 5000u,
            codecs = listOf(SdpCodecCapability("PCMA", 8000u)), direction = SdpDirection.SEND_RECV)
        val n = sdpApplyAnswer(offer.text, sdpAnswer(offer.text, bob(peer)).text).single()
        assertEquals(5000.toUShort(), n.remoteRtpPort)
        assertEquals(8.toUByte(), n.codec?.payloadType)
        assertFailsWith<VoipkitException.Sdp> {
            sdpOffer(bob(SdpMediaCapability(media = "audio", port = 4000u, codecs = listOf(), direction = SdpDirection.SEND_RECV)))
        }
    }

    @Test
    fun anSfuCapabilityReceivesTheOfferedSimulcast() {
        // A browser's simulcast video: two RTP streams, h and l (RFC 8851, RFC 8853).
        val offer = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 9 RTP/AVP 96\r\n" +
            "c=IN IP4 192.0.2.1\r\na=sendonly\r\na=rtpmap:96 VP8/90000\r\n" +
            "a=rid:h send\r\na=rid:l send\r\na=simulcast:send h;l\r\n"
        val sfu = SdpMediaCapability(media = "video", port = 50000u,
            codecs = listOf(SdpCodecCapability("VP8", 90000u)), direction = SdpDirection.SEND_RECV, simulcast = true)
        val answer = sdpAnswer(offer, bob(sfu))
        assertTrue(answer.text.contains("a=rid:h recv\r\na=rid:l recv\r\na=simulcast:recv h;l\r\n"))
        assertEquals(listOf("h", "l"), sdpApplyAnswer(offer, answer.text).single().simulcastRids)
    }

    @Test
    fun dataChannelIsAnsweredByAnIceLiteGatewayWithItsCandidate() {
        // RFC 8841: our SCTP port and message size; RFC 8839: our candidate after our ICE
        // credentials, and a=ice-lite at session level.
        val offer = File(data, "offer_datachannel.sdp").readText()
        val dc = SdpMediaCapability(
            media = "application", port = 40000u, codecs = listOf(), direction = SdpDirection.SEND_RECV,
            sctpPort = 5000u, maxMessageSize = 65536uL, fingerprint = SdpFingerprint("sha-256", ours),
            iceUfrag = "bobU", icePwd = "bobpasswordbobpassword",
            candidates = listOf("candidate:1 1 udp 2130706431 198.51.100.7 40000 typ host"),
        )
        val answer = sdpAnswer(offer, SdpCapabilities(username = "bob", address = "198.51.100.7", media = listOf(dc), iceLite = true))
        val m = answer.session.media.single()
        assertEquals(listOf("webrtc-datachannel"), m.formats)
        assertEquals(5000.toUShort(), m.sctpPort)
        assertTrue(answer.session.iceLite)
        val n = sdpApplyAnswer(offer, answer.text).single()
        assertTrue(n.accepted)
        assertEquals(65536uL, n.remoteMaxMessageSize)
        assertEquals(listOf("198.51.100.7"), n.remoteCandidates.map { it.address })
    }

    @Test
    fun answerToWebrtcOfferIsActiveWithOurIceAndFingerprint() {
        val audio = SdpMediaCapability(
            media = "audio", port = 50000u, codecs = listOf(SdpCodecCapability("opus", 48000u, channels = 2u)),
            protocols = listOf("UDP/TLS/RTP/SAVPF"), direction = SdpDirection.SEND_RECV, rtcpMux = true,
            fingerprint = SdpFingerprint("sha-256", ours), iceUfrag = "bobU", icePwd = "bobpasswordbobpassword",
        )
        val n = sdpApplyAnswer(webrtc, sdpAnswer(webrtc, bob(audio)).text).single()
        assertEquals(SdpSetup.ACTIVE, n.remoteSetup)
        assertEquals(ours, n.remoteFingerprint?.value)
        assertEquals(50000.toUShort(), n.remoteRtcpPort)
    }

    @Test
    fun answerTakesTheDirectionOfOurCapability() {
        // RFC 3264 section 6.1: to a sendrecv offer, a capability that only receives answers
        // recvonly, and the offerer is left sending only.
        val listener = SdpMediaCapability(media = "audio", port = 4000u,
            codecs = listOf(SdpCodecCapability("PCMA", 8000u)), direction = SdpDirection.RECV_ONLY)
        val answer = sdpAnswer(g711, bob(listener))
        assertEquals(SdpDirection.RECV_ONLY, answer.session.media[0].direction)
        assertEquals(SdpDirection.SEND_ONLY, sdpApplyAnswer(g711, answer.text)[0].direction)
    }

    @Test
    fun holdMakesStreamsSendonly() {
        val held = sdpParse(sdpHold(g711))
        assertEquals("2890844527", held.origin.sessionVersion)
        assertTrue(held.media.all { it.direction == SdpDirection.SEND_ONLY })
    }

    @Test
    fun sdpOfASipInviteIsFoundInItsMultipartBody() {
        val s = sdpFromSip(File("../../samples/invite_multipart.sip").readBytes())!!
        assertEquals(listOf(SdpDirection.SEND_ONLY, SdpDirection.RECV_ONLY), s.media.map { it.direction })
        assertEquals(null, sdpFromSip(File("../../samples/register.sip").readBytes()))
    }

    private val phone = "\r\nv=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n" +
        "m=audio 49170 RTP/AVP 0\r\na=rtpmap: 0 PCMU/8000\r\n"

    @Test
    fun readAcceptsAPhonesQuirksAndListsThem() {
        assertFailsWith<VoipkitException.Sdp> { sdpParse(phone) }
        val r = sdpRead(phone)
        assertEquals(49170.toUShort(), r.session!!.media[0].port)
        assertEquals(
            listOf(Triple(1UL, 0UL, "blank_lines"), Triple(8UL, phone.indexOf("a=rtpmap").toULong(), "space_after_attribute_colon")),
            r.diagnostics.map { Triple(it.line, it.offset, it.quirk) },
        )
    }

    @Test
    fun readOfAnEmptyBodyIsNoSessionWithItsDiagnostic() {
        for (text in listOf("", "\r\n \r\n")) {
            val r = sdpRead(text)
            assertEquals(null, r.session)
            assertEquals(listOf(Triple(0UL, 0UL, "empty_body")), r.diagnostics.map { Triple(it.line, it.offset, it.quirk) })
            assertFailsWith<VoipkitException.Sdp> { sdpParse(text) }
        }
    }

    @Test
    fun readKeepsAnIpv6AddressAfterIp4AndNamesTheQuirk() {
        val itunes = "v=0\r\no=iTunes 3413821438 0 IN IP4 fe80::217:f2ff:fe0f:e0f6\r\ns=iTunes\r\n" +
            "c=IN IP4 fe80::5a55:caff:fe1a:e187\r\nt=0 0\r\nm=audio 0 RTP/AVP 96\r\n"
        assertFailsWith<VoipkitException.Sdp> { sdpParse(itunes) }
        val r = sdpRead(itunes)
        assertEquals("fe80::5a55:caff:fe1a:e187", r.session?.connection?.address)
        assertEquals(
            listOf(
                Triple(2UL, itunes.indexOf("o=iTunes").toULong(), "address_type_mismatch"),
                Triple(4UL, itunes.indexOf("c=IN").toULong(), "address_type_mismatch"),
            ),
            r.diagnostics.map { Triple(it.line, it.offset, it.quirk) },
        )
    }

    @Test
    fun readKeepsGb28181LinesAndWriteGivesThemBack() {
        val invite = "v=0\r\no=34020000002000000001 0 0 IN IP4 192.0.2.3\r\ns=Play\r\n" +
            "c=IN IP4 192.0.2.3\r\nt=0 0\r\nm=video 6000 RTP/AVP 96\r\n" +
            "a=recvonly\r\na=rtpmap:96 PS/90000\r\ny=0100008888\r\n"
        assertFailsWith<VoipkitException.Sdp> { sdpParse(invite) }
        val r = sdpRead(invite)
        val s = r.session!!
        assertEquals("0100008888", s.gb28181Ssrc)
        assertEquals(100_008_888U, s.gb28181RtpSsrc)
        assertEquals(listOf(9UL to "gb28181_lines"), r.diagnostics.map { it.line to it.quirk })
        assertEquals(invite, sdpWrite(s))
        val answer = s.copy(gb28181Ssrc = "0100008889", gb28181Format = "v/2/5/25/1/4096a///")
        assertTrue(sdpWrite(answer).endsWith("y=0100008889\r\nf=v/2/5/25/1/4096a///\r\n"))
        assertFailsWith<VoipkitException.Sdp> { sdpWrite(s.copy(gb28181Format = "H264")) }
    }

    @Test
    fun descriptionsSplitsConcatenatedSessionsSoEachReads() {
        val one = "v=0\r\no=a 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n"
        val two = "v=0\no=b 2 2 IN IP4 192.0.2.2\ns=-\nt=0 0\n"
        val parts = sdpDescriptions(one + two)
        assertEquals(listOf(one, two), parts)
        assertEquals(listOf("a", "b"), parts.map { sdpParse(it).origin.username })
        assertEquals(listOf(5UL to "concatenated_descriptions"), sdpRead(one + two).diagnostics.map { it.line to it.quirk })
    }

    @Test
    fun aTrickleIceFragmentReadsTypesItsCandidatesAndWritesBack() {
        // An Android WebRTC client trickling over WHIP: the PATCH body it receives and
        // the one it writes with its next candidate.
        val body = "a=ice-pwd:asd88fgpdd777uzjYhagZg\r\na=ice-ufrag:8hhY\r\nm=audio 5000 RTP/AVP 0\r\n" +
            "a=mid:1\r\na=candidate:1 1 UDP 1658497328 192.0.2.3 5000 typ host\r\na=end-of-candidates\r\n"
        val f = sdpParseFragment(body)
        assertEquals("8hhY", f.iceUfrag)
        assertEquals("1", f.media[0].mid)
        assertEquals(listOf("192.0.2.3" to 5000.toUShort()), f.media[0].candidates.map { it.address to it.port })
        assertEquals(body, sdpWriteFragment(f))
        val m = f.media[0]
        val next = m.copy(attributes = listOf(m.attributes[0], SdpAttribute("candidate", "2 1 UDP 1658497328 198.51.100.33 5000 typ srflx raddr 192.0.2.3 rport 5000")))
        assertTrue(sdpWriteFragment(f.copy(media = listOf(next), crlf = false)).endsWith("rport 5000\n"))
        assertFailsWith<VoipkitException.Sdp> { sdpParseFragment("v=0\r\n" + body) }
        val r = sdpReadFragment("\r\n" + body)
        assertEquals(f, r.fragment)
        assertEquals(listOf(1UL to "blank_lines"), r.diagnostics.map { it.line to it.quirk })
        // A section without the a=mid RFC 8840 requires: read and reported, refused
        // strictly and when written.
        val unnamed = body.replace("a=mid:1\r\n", "")
        assertFailsWith<VoipkitException.Sdp> { sdpParseFragment(unnamed) }
        val u = sdpReadFragment(unnamed)
        assertEquals(null, u.fragment.media[0].mid)
        assertEquals(listOf(3UL to "missing_mid"), u.diagnostics.map { it.line to it.quirk })
        assertFailsWith<VoipkitException.Sdp> { sdpWriteFragment(u.fragment) }
    }

    @Test
    fun anAes67PacketTimeOf125MicrosecondsIsReadExactly() {
        val text = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=AES67\r\nt=0 0\r\n" +
            "m=audio 5004 RTP/AVP 96\r\na=rtpmap:96 L24/48000/2\r\na=ptime:0.125\r\n"
        val m = sdpParse(text).media[0]
        assertEquals(null, m.ptime)
        assertEquals(125_000UL, m.packetTimeNs)
        assertEquals(20U, sdpParse(text.replace("0.125", "20")).media[0].ptime)
        assertFailsWith<VoipkitException.Sdp> { sdpParse(text.replace("0.125", "0")) }
    }

    @Test
    fun sdpFromSipReadsAPhonesBodyTolerantlyUnlessAskedToBeStrict() {
        val head = "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n" +
            "From: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\n" +
            "CSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n"
        val message = "${head}Content-Length: ${phone.length}\r\n\r\n$phone".toByteArray()
        assertEquals(listOf("PCMU"), sdpFromSip(message)!!.media[0].codecs.map { it.name })
        val e = assertFailsWith<VoipkitException.Sdp> { sdpFromSip(message, lenient = false) }
        assertEquals(1UL, e.line)
        // An empty body announced as SDP is no SDP when read tolerantly.
        val empty = "${head}Content-Length: 0\r\n\r\n".toByteArray()
        assertEquals(null, sdpFromSip(empty))
        assertFailsWith<VoipkitException.Sdp> { sdpFromSip(empty, lenient = false) }
    }

    @Test
    fun sipParseReadsTheBodySdpAndItsQuirks() {
        val head = "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n" +
            "From: <sip:a@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: c1\r\n" +
            "CSeq: 1 INVITE\r\nContent-Type: application/sdp\r\n"
        val message = "${head}Content-Length: ${phone.length}\r\n\r\n$phone"
        val m = sipParse(message.toByteArray())
        assertEquals(49170.toUShort(), m.sdp!!.media[0].port)
        assertEquals(null, m.sdpError)
        assertEquals(listOf("blank_lines", "space_after_attribute_colon"), m.diagnostics.map { it.quirk })
        assertEquals(message.indexOf("a=rtpmap").toULong(), m.diagnostics[1].offset)
        val broken = sipParse("${head}Content-Length: 5\r\n\r\nv=1\r\n".toByteArray())
        assertEquals(null, broken.sdp)
        assertTrue(broken.sdpError!!.contains("line 1"))
    }
}
