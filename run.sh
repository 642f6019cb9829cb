#!/usr/bin/env bash
# The main job: `voipkit report` on the field sample capture (three calls made with sipp
# and impaired by samples/field/make.sh: their media quality and cost, and an HTML page
# in target/report.html), then the other commands of the `voipkit` CLI on the sample
# data in samples/.
set -euo pipefail
cd "$(dirname "$0")"
cargo build --release --locked -q -p voipkit-cli
v=target/release/voipkit
show() { printf '\n$ voipkit %s\n' "$*"; "$v" "$@"; }
show report samples/field.pcap --plan samples/plan.toml --rulebook 42com --html target/report.html
show contracts holidays --country NL --year 2025
show contracts add-working-days --country NL --from 2026-12-24 --days 2
show tariff capacity --rulebook allocloud --users 10
show tariff capacity --rulebook 42com --users 25 --channel-packs 2
show tariff service-work --rulebook nox --minutes 50
show tariff traffic-check --rulebook 42com --calls samples/calls.csv
show tariff late-payment --rulebook jitco --amount 1000.00 --due 2026-01-31 --paid 2026-03-15
show sip parse samples/invite.sip
show sip parse samples/invite_multipart.sip
show sip check samples/*.sip
show sdp check samples/offer.sdp
show sdp parse samples/phone_offer.sdp
show contracts cancel --rulebook accensys --start 2025-01-01 --requested 2026-12-24
show contracts cancel --rulebook jitco --start 2026-01-01 --requested 2026-11-30
show contracts cancel --rulebook samples/contracts_rulebook.toml --start 2024-03-01 --requested 2026-11-20
show contracts status --rulebook accensys --start 2026-01-01 --on 2027-04-15 --notice-received 2027-03-10
show contracts support --rulebook allocloud --at 2026-11-23T19:00:00+01:00 --severity minor
show contracts user-floor --rulebook allocloud --users 45 --on 2026-05-15
show contracts price-change --rulebook jitco --announced 2026-10-31 --effective 2027-02-27
show contracts complaint-deadline --rulebook jitco --delivered 2026-12-24 --complained 2027-01-04
show contracts dispute-deadline --rulebook jitco --notified 2026-12-20
show contracts deemed-operational --rulebook jitco --delivered 2026-12-31
show contracts validate-config --rulebook allocloud --config samples/service_config.toml
show rtp analyze samples/call.pcap
show rtp analyze samples/call_fragmented.pcap
show tariff rate --plan samples/plan.toml --cdrs samples/cdrs.csv
show rtp playout samples/call.pcap
show tariff invoice --input samples/invoice.toml --rulebook nox --plan samples/plan.toml --cdrs samples/cdrs.csv
show tariff authorize --plan samples/plan.toml --balance 0.12 --destination "+32 2 123 45 67" --at 2026-03-11T10:00:00Z
show tariff import-cgrates --dir tariff/tests/data/cgrates --subject 1001
show tariff rate-cgrates --dir tariff/tests/data/cgrates --calls samples/cgrates_calls.csv
show contracts coverage --rulebook nox --change on_site
