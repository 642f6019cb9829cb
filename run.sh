#!/usr/bin/env bash
# The main job: the `voipkit` CLI on the bundled sample data in samples/.
set -euo pipefail
cd "$(dirname "$0")"
cargo build --release --locked -q -p voipkit-cli
v=target/release/voipkit
show() { printf '\n$ voipkit %s\n' "$*"; "$v" "$@"; }
show contracts holidays --country NL --year 2025
show contracts add-working-days --country NL --from 2026-12-24 --days 2
show tariff capacity --rulebook allocloud --users 10
show tariff capacity --rulebook 42com --users 25 --channel-packs 2
show tariff service-work --rulebook nox --minutes 50
show tariff traffic-check --rulebook 42com --calls samples/calls.csv
show tariff late-payment --rulebook jitco --amount 1000.00 --due 2026-01-31 --paid 2026-03-15
show sip parse samples/invite.sip
show sip check samples/*.sip
