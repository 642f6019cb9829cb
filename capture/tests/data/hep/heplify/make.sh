#!/usr/bin/env bash
# Makes the heplify HEP captures beside this script: heplify (sipcapture's capture agent)
# replays a capture of SIP traffic and sends a HEP copy of each SIP packet it sees to a
# collector on loopback, where dumpcap captures them. Needs heplify (HEPLIFY=path to the
# binary; built from github.com/sipcapture/heplify with `go build ./src/cmd/heplify`,
# which needs libpcap-dev), dumpcap (wireshark-common), python3 and the right to capture
# on lo.
#
# For each run NAME, NAME.pcap holds the HEP packets (what a capture on the collector
# sees); the capture replayed is named below:
#   segments-volte-invite  ../../tcp/volte-invite-three-segments.pcap, TCP reassembly
#                          off (-disable-tcp-reasm): one HEP packet a TCP segment, the
#                          retransmitted segment included
#   reassembled-volte-invite  the same with heplify's TCP reassembly (its default)
#   segments-vowifi        ../../real/vowifi-amr-sip-tcp.pcap, TCP reassembly off
#   call                   ../../../../../samples/call.pcap (SIP over UDP)
#
#   HEPLIFY=/path/to/heplify capture/tests/data/hep/heplify/make.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=$(cd "$here/../.." && pwd)
heplify=${HEPLIFY:?set HEPLIFY to the heplify binary}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# A collector that keeps nothing (heplify's UDP socket is connected: without a listener
# the first ICMP port unreachable fails the sends after it).
python3 -c 'import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 9060))
while True: s.recv(65536)' &

# heplify reads the capture as fast as it can and exits at its end, before its sender
# and its TCP reassembly have handed on what they hold: it reads from a pipe that stays
# open 3 s after the capture's last byte.

run() { # NAME INPUT [HEPLIFY OPTIONS...]
  local name=$1 input=$2
  shift 2
  mkfifo "$work/$name-input.pcap"
  { cat "$input"; sleep 3; } > "$work/$name-input.pcap" &
  dumpcap -q -i lo -f "udp port 9060" -P -w "$work/$name.pcap" > /dev/null 2>&1 &
  local cap=$!
  sleep 2
  "$heplify" -no-config -t pcap -rf "$work/$name-input.pcap" -hs 127.0.0.1:9060 -m SIP \
    -hi 2002 -hn heplify-test "$@" > "$work/$name.log" 2>&1 \
    || { tail -20 "$work/$name.log" >&2; exit 1; }
  sleep 1
  kill -INT "$cap"; wait "$cap" || true
  cp "$work/$name.pcap" "$here/"
}

run segments-volte-invite "$data/tcp/volte-invite-three-segments.pcap" -disable-tcp-reasm
run reassembled-volte-invite "$data/tcp/volte-invite-three-segments.pcap"
run segments-vowifi "$data/real/vowifi-amr-sip-tcp.pcap" -disable-tcp-reasm
run call "$here/../../../../../samples/call.pcap"
