#!/usr/bin/env bash
# Makes the Kamailio HEP captures beside this script from real traffic: Kamailio 5.6
# (Debian's package) as a stateless SIP server on loopback whose siptrace module sends a
# HEP copy of every message to a collector, sipp sending it OPTIONS and an INVITE (three
# times), and dumpcap capturing the collector's port and the SIP port apart. Needs
# kamailio, sipp (Debian: sip-tester), dumpcap (wireshark-common) and the right to
# capture on lo.
#
# For each run NAME, NAME.pcap holds the HEP packets (what a capture on the collector
# sees) and NAME-sip.pcap the SIP traffic itself:
#   hep3-udp      HEP version 3 over UDP, SIP over UDP
#   hep2-udp      HEP version 2 over UDP, SIP over UDP
#   hep3-sip-tcp  HEP version 3 over UDP, SIP over TCP
#   hep3-over-tcp HEP version 3 over TCP (the collector accepts a connection), SIP over UDP
#
#   capture/tests/data/hep/kamailio/make.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; pkill -f "kamailio -f $work" || true; rm -rf "$work"' EXIT

run() { # NAME HEP_VERSION COLLECTOR_URI SIPP_TRANSPORT
  local name=$1
  sed -e "s/@HEP_VERSION@/$2/" -e "s|@COLLECTOR@|$3|" "$here/kamailio.cfg.in" > "$work/$name.cfg"
  if [[ $3 == *transport=tcp* ]]; then
    # A collector that accepts HEP over TCP and keeps nothing.
    python3 -c 'import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 9060)); s.listen()
while True:
    c, _ = s.accept()
    while c.recv(65536): pass' &
  fi
  dumpcap -q -i lo -f "port 9060" -P -w "$work/$name.pcap" > /dev/null 2>&1 &
  local hep=$!
  dumpcap -q -i lo -f "port 5070 and not port 9060" -P -w "$work/$name-sip.pcap" > /dev/null 2>&1 &
  local sip=$!
  kamailio -f "$work/$name.cfg" -P "$work/$name.pid" -w "$work" -DD -E > "$work/$name.log" 2>&1 &
  local kam=$!
  sleep 2
  kill -0 "$kam" || { tail -20 "$work/$name.log" >&2; exit 1; }
  sipp -sf "$here/uac.xml" -t "$4" -m 3 -r 10 -i 127.0.0.1 -p 5099 127.0.0.1:5070 -nostdin \
    > "$work/$name-sipp.log" 2>&1 || { tail -20 "$work/$name-sipp.log" >&2; exit 1; }
  sleep 1
  kill "$kam"; wait "$kam" || true
  kill -INT "$hep" "$sip"; wait "$hep" "$sip" || true
  kill $(jobs -p) 2>/dev/null || true
  cp "$work/$name.pcap" "$work/$name-sip.pcap" "$here/"
}

run hep3-udp 3 "sip:127.0.0.1:9060" u1
run hep2-udp 2 "sip:127.0.0.1:9060" u1
run hep3-sip-tcp 3 "sip:127.0.0.1:9060" t1
run hep3-over-tcp 3 "sip:127.0.0.1:9060;transport=tcp" u1
