#!/usr/bin/env bash
# The main job: the `voipkit` CLI on the bundled sample data in samples/.
set -euo pipefail
cd "$(dirname "$0")"
cargo build --release --locked -q -p voipkit-cli
v=target/release/voipkit
show() { printf '\n$ voipkit %s\n' "$*"; "$v" "$@"; }
show contracts holidays --country NL --year 2025
show contracts add-working-days --country NL --from 2026-12-24 --days 2
