#!/usr/bin/env bash
# Makes samples/field.pcap from real traffic: sipp as caller and callee on loopback,
# three calls (answered with PCMA both ways and a hold/resume re-INVITE; cancelled while
# ringing; refused with 486 Busy Here), captured with dumpcap, then impaired by
# `capture/examples/impair.rs` (loss, jitter, a delay spike, silence from the held
# party). Needs sipp (Debian: sip-tester), dumpcap (wireshark-common) and the right to
# capture on lo.
#
#   samples/field/make.sh            writes samples/field.pcap
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
cd "$work"

dumpcap -q -i lo -f "udp and (port 5060 or port 5070 or port 5071 or port 5072 or portrange 6000-7030)" \
  -P -w "$work/raw.pcap" &
cap=$!
sleep 2

# Each callee on its own SIP and media port; only the answered call's (7000) carries RTP.
uas() { sipp -sf "$here/$1" -i 127.0.0.1 -mi 127.0.0.1 -mp "$3" -p "$2" -m 1 -nostdin -trace_err > "$work/$1.log" 2>&1 & }
uac() { sipp -sf "$here/$1" -i 127.0.0.1 -mi 127.0.0.1 -mp 6000 -p 5060 -m 1 -nostdin -trace_err \
  127.0.0.1:"$2" > "$work/$1.log" 2>&1 || { tail -40 "$work/$1.log" >&2; exit 1; }; }

uas uas_answer.xml 5070 7000
uas uas_ring.xml 5071 7010
uas uas_busy.xml 5072 7020
sleep 1
uac uac_hold.xml 5070
sleep 1
uac uac_cancel.xml 5071
sleep 1
uac uac_busy.xml 5072
sleep 2
kill -INT "$cap"
wait "$cap" || true

(cd "$root" && cargo run -q --release -p capture --example impair -- "$work/raw.pcap" "$root/samples/field.pcap")
