package dev.voipkit

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue

class SipTest {
    private val register = (
        "REGISTER sip:registrar.biloxi.example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP bobspc.biloxi.example.com:5060;branch=z9hG4bKnashds7\r\n" +
            "Max-Forwards: 70\r\n" +
            "To: Bob <sip:bob@biloxi.example.com>\r\n" +
            "From: Bob <sip:bob@biloxi.example.com>;tag=456248\r\n" +
            "Call-ID: 843817637684230@998sdasdh09\r\n" +
            "CSeq: 1826 REGISTER\r\n" +
            "Contact: <sip:bob@192.0.2.4>\r\n" +
            "Expires: 7200\r\n" +
            "Content-Length: 0\r\n\r\n"
        ).toByteArray()

    @Test
    fun parseGivesPlainData() {
        val m = sipParse(register)
        assertTrue(m.isRequest)
        assertEquals("REGISTER", m.method)
        assertEquals(1826u, m.cseqSeq)
        assertEquals("456248", m.fromAddress?.tag)
        assertEquals("bobspc.biloxi.example.com", m.via.single().host)
        assertEquals(5060.toUShort(), m.via.single().port)
        assertEquals(9, m.headers.size)
    }

    @Test
    fun anInfoGivesItsTrickledCandidates() {
        // RFC 8840's INFO, as an Android SIP client with trickle ICE receives it.
        val frag = "a=ice-ufrag:8hhY\r\nm=audio 5000 RTP/AVP 0\r\na=mid:1\r\n" +
            "a=candidate:1 1 UDP 1658497328 192.0.2.3 5000 typ host\r\n"
        val info = "INFO sip:alice@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK74bf9\r\n" +
            "To: <sip:alice@example.com>;tag=1234\r\nFrom: <sip:bob@example.com>;tag=5678\r\n" +
            "Call-ID: 3848276298220188511@example.com\r\nCSeq: 2 INFO\r\nMax-Forwards: 70\r\n" +
            "Info-Package: trickle-ice\r\nContent-Type: application/trickle-ice-sdpfrag\r\n" +
            "Content-Length: ${frag.length}\r\n\r\n$frag"
        val m = sipParse(info.toByteArray())
        assertEquals(null, m.sdp)
        assertEquals(null, m.sdpError)
        val f = m.sdpFragment!!
        assertEquals("8hhY", f.iceUfrag)
        assertEquals("1", f.media[0].mid)
        assertEquals(listOf("192.0.2.3" to 5000.toUShort()), f.media[0].candidates.map { it.address to it.port })
    }

    @Test
    fun parseGivesTheCarrierHeadersOfAForwardedCall() {
        val sample = java.io.File("../../samples/invite_forwarded.sip").readBytes()
        val m = sipParse(sample)
        assertTrue(m.diagnostics.isEmpty())
        assertEquals(listOf("none"), m.privacy)
        val d = m.diversions.single()
        assertEquals("no-answer", d.reason)
        assertEquals(1.toUByte(), d.counter)
        assertEquals(listOf("1", "1.1"), m.historyInfo.map { it.index })
        assertEquals(408.toUShort(), m.historyInfo[1].reasonCause)
        assertEquals("A", m.attest)
        val (shaken, div) = m.identities
        assertEquals("A", shaken.passport?.attest)
        assertEquals("31207654321", shaken.passport?.orig?.tn)
        // 2026-12-05T12:00:00Z: 20792 days and 12 hours after 1970.
        assertEquals(20792L * 86400 + 12 * 3600, shaken.passport?.iat)
        assertEquals(listOf("31201234567"), div.passport?.div?.map { it.tn })
        assertEquals("carrier-a.example-1796472000-41", m.chargingVector?.icid)
        // A PASSporT that does not decode says why.
        val bad = String(sample).replaceFirst("Identity: eyJ", "Identity: e+J")
        val first = sipParse(bad.toByteArray()).identities.first()
        assertEquals(null, first.passport)
        assertEquals("header is not base64url at byte 1", first.passportError)
    }

    @Test
    fun checkFindsAMissingCallId() {
        val text = String(register).replace("Call-ID: 843817637684230@998sdasdh09\r\n", "")
        val verdicts = sipCheckMany(listOf(register, text.toByteArray()))
        assertTrue(verdicts[0].valid)
        assertFalse(verdicts[1].valid)
        assertTrue(verdicts[1].reason!!.contains("Call-ID"))
    }

    @Test
    fun aBadFromTagIsADiagnosticAndTheRestStillReads() {
        // A `^` in the tag (seen from Pingtel phones) is not a token character.
        val text = String(register).replace(";tag=456248", ";tag=7618c7618^")
        val strict = sipParse(text.toByteArray(), lenient = false)
        assertEquals(null, strict.fromAddress)
        assertEquals("843817637684230@998sdasdh09", strict.callId)
        // Read by default as the phone meant it; the diagnostic is what a check reports.
        val m = sipParse(text.toByteArray())
        assertEquals("7618c7618^", m.fromAddress?.tag)
        for (read in listOf(strict, m)) {
            val d = read.diagnostics.single()
            assertEquals("header", d.place)
            assertEquals(3UL, d.headerIndex)
            assertEquals(0UL, read.trailingBytes)
        }
    }

    @Test
    fun aCallerNameInLatin1KeepsTheAddressAndTag() {
        // "Müller" as older phones and PBXes send it: ü is the single byte 0xFC, not UTF-8.
        val text = String(register).replace("From: Bob", "From: \"M\u00fcller\"")
        val latin1 = text.toByteArray(Charsets.ISO_8859_1)
        // Strictly the header is not UTF-8; the default reading is tolerant.
        assertEquals(null, sipParse(latin1, lenient = false).fromAddress)
        val m = sipParse(latin1)
        assertEquals("sip:bob@biloxi.example.com", m.fromAddress?.uri)
        assertEquals("456248", m.fromAddress?.tag)
        assertEquals(null, m.fromAddress?.displayName)
        val d = m.diagnostics.single()
        assertEquals(3UL, d.headerIndex)
        assertEquals(text.indexOf('\u00fc').toULong(), d.offset)
    }

    @Test
    fun parseReadsLikeTheCliAndSplitsStrictlyOnRequest() {
        // A capture saved as a text file: LF line ends. Read by default, as `voipkit sip
        // parse` reads it; refused at the first line end when asked to be strict.
        val lf = String(register).replace("\r\n", "\n").toByteArray()
        assertEquals("843817637684230@998sdasdh09", sipParse(lf).callId)
        val e = assertFailsWith<VoipkitException.Sip> { sipParse(lf, lenient = false) }
        assertEquals(String(lf).indexOf('\n').toULong(), e.offset)
        assertFalse(sipCheck(lf).valid)
    }

    @Test
    fun garbageIsATypedErrorWithAnOffset() {
        val e = assertFailsWith<VoipkitException.Sip> { sipParse("\u0000 not sip\r\n\r\n".toByteArray()) }
        assertEquals(0UL, e.offset)
        assertEquals("syntax", e.kind)
    }

    @Test
    fun urisAreTakenApart() {
        val u = sipUriParse("sip:alice@atlanta.example.com:5060;transport=tcp;lr?subject=x", false)
        assertEquals("alice", u.user)
        assertEquals("atlanta.example.com", u.host)
        assertEquals(5060.toUShort(), u.port)
        assertEquals(listOf(SipUriParam("transport", "tcp"), SipUriParam("lr", null)), u.params)
        assertEquals("+1-201-555-0123", sipUriParse("tel:+1-201-555-0123;ext=1234", false).number)
        assertFailsWith<VoipkitException.Sip> { sipUriParse("sip:alice@my_host.example.com", false) }
    }

    @Test
    fun aRequestIsBuiltAnsweredAndEdited() {
        val headers = listOf(
            SipHeader("Via", "SIP/2.0/UDP pc.example.com;branch=z9hG4bK77"),
            SipHeader("Max-Forwards", "70"),
            SipHeader("From", "<sip:alice@example.com>;tag=88"),
            SipHeader("To", "<sip:bob@example.com>"),
            SipHeader("Call-ID", "a84b4c76e66710"),
            SipHeader("CSeq", "1 OPTIONS"),
        )
        val options = sipBuildRequest("OPTIONS", "sip:bob@example.com", headers)
        assertTrue(sipCheck(options, false).valid)
        // RFC 3261 8.2.6: the To tag is added, Via and CSeq copied.
        val ok = sipParse(sipResponseTo(options, 200u, "OK", "bobtag"), false)
        assertEquals(200.toUShort(), ok.status)
        assertEquals("bobtag", ok.toAddress?.tag)
        val edited = sipSetHeader(options, "Max-Forwards", "69")
        assertEquals(listOf("69"), sipParse(edited, false).headers.filter { it.name == "Max-Forwards" }.map { it.value })
        assertTrue(sipParse(sipRemoveHeader(edited, "v"), false).via.isEmpty())
        assertFailsWith<VoipkitException.Sip> { sipAddHeader(options, "X-Evil", "a\r\nInjected: yes") }
    }

    @Test
    fun captureMessagesGivesEachSipMessageWithWhereItWas() {
        // An INVITE over TCP in three segments, put back together at the last (frame 5),
        // and its 200 in one segment.
        val capture = java.io.File("../../capture/tests/data/tcp/volte-invite-three-segments.pcap").readBytes()
        val messages = sipCaptureMessages(capture)
        assertEquals(listOf(5uL, 6uL), messages.map { it.frame })
        assertEquals(listOf("tcp", "tcp"), messages.map { it.transport })
        assertEquals("192.0.2.1:5060", messages[0].src)
        assertEquals(java.time.Instant.parse("2023-11-14T22:13:20.080Z"), messages[0].time)
        val invite = sipParse(messages[0].message)
        assertEquals("INVITE", invite.method)
        assertEquals("volte1", invite.callId)
        assertTrue(sipCheck(messages[1].message).valid)
        val sample = sipCaptureMessages(java.io.File("../../samples/call.pcap").readBytes())
        assertEquals(listOf(1uL, 2uL, 3uL, 301uL, 302uL), sample.map { it.frame })
        // A WebRTC call over SIP over WebSocket, each message unmasked from its frames.
        val ws = sipCaptureMessages(java.io.File("../../capture/tests/data/tcp/webrtc-sip-over-websocket.pcap").readBytes())
        assertEquals(listOf(4uL to "ws", 6uL to "ws"), ws.map { it.frame to it.transport })
        assertEquals("INVITE", sipParse(ws[0].message).method)
        // On a Homer collector: each message out of its HEP packet, at the agent's
        // addresses and time; a compressed payload inflated.
        val hep = sipCaptureMessages(java.io.File("../../capture/tests/data/hep/call-over-hep3.pcap").readBytes())
        assertEquals(sample.map { Triple(it.time, it.src, it.message.toList()) }, hep.map { Triple(it.time, it.src, it.message.toList()) })
        // Each with the agent that sent it (a message captured itself has none).
        assertEquals(setOf(2001u to "sbc-edge-1"), hep.map { it.agentId to it.agentName }.toSet())
        assertEquals(setOf<Pair<UInt?, String?>>(null to null), sample.map { it.agentId to it.agentName }.toSet())
        val compressed = java.io.File("../../capture/tests/data/hep/captagent-compressed-register.pcapng").readBytes()
        val register = sipCaptureMessages(compressed)[0]
        assertEquals("tcp" to "192.168.137.1:54345", register.transport to register.src)
        assertEquals(228u to null, register.agentId to register.agentName)
        assertEquals("REGISTER", sipParse(register.message).method)
        assertFailsWith<VoipkitException.Rtp> { sipCaptureMessages("not a capture".toByteArray()) }
    }

    private fun signedInvite(date: String, token: String): ByteArray = (
        "INVITE sip:+12155551213@example.com SIP/2.0\r\n" +
            "Call-ID: stir-kt\r\n" +
            "Date: $date\r\n" +
            "Identity: $token;info=<https://cert.example.org/passport.pem>\r\n\r\n"
        ).toByteArray()

    @Test
    fun identityHeadersVerifyWithTheSigningCertificate() {
        val stir = java.io.File("../../sip-core/tests/data/stir")
        val cert = SipSigningCertificate.fromPem(java.io.File(stir, "cert.pem").readText())
        assertTrue(cert.subject().contains("CN=SHAKEN 1234"))
        assertTrue(cert.notBefore() < cert.notAfter())
        // Signed by PyJWT at 17:59:34 (sign.py); the message is dated 30 s later.
        val token = java.io.File(stir, "shaken-a.token").readText().trim()
        val v = cert.verify(signedInvite("Sun, 06 Dec 2026 18:00:04 GMT", token), 60u)
        assertTrue(v.verified)
        assertEquals(java.time.Instant.parse("2026-12-06T18:00:04Z"), v.date)
        val check = v.identities.single()
        assertEquals(Triple(true, 30L, true), Triple(check.verified, check.ageSeconds, check.fresh))
        assertEquals("A", check.passport?.attest)
        // The message names no calling or called number: nothing to compare.
        assertEquals(null to null, check.origMatches to check.destMatches)
        // Thirty seconds is too old for a limit of ten; a signature of other bytes fails.
        assertFalse(cert.verify(signedInvite("Sun, 06 Dec 2026 18:00:04 GMT", token), 10u).verified)
        val (head, claims, signature) = token.split(".")
        val other = java.io.File(stir, "div.token").readText().trim().split(".")[2]
        val swapped = cert.verify(signedInvite("Sun, 06 Dec 2026 18:00:04 GMT", "$head.$claims.$other"), 60u)
        assertEquals("signature", swapped.identities.single().errorKind)
        assertFalse(swapped.verified)
        assertTrue(signature != other)
        val e = assertFailsWith<VoipkitException.Sip> {
            SipSigningCertificate.fromPem(java.io.File(stir, "rsa-cert.pem").readText())
        }
        assertEquals("certificate", e.kind)
    }
}
