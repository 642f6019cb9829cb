#!/usr/bin/env bash
# Runs every check of voipkit: formatting, lints, docs, all tests of every crate, the
# differential tests against real peers (tshark, Python `holidays`, headless chromium,
# sipcapture's hep-js from npm), the Python and Kotlin bindings, and a short fuzz smoke
# of every fuzz target. It installs what it needs.
#
#   ./test.sh              everything
#   FUZZ_SECONDS=60 ./test.sh   a longer fuzz smoke (default 15 s per target)
#   SKIP_FUZZ=1 ./test.sh       no fuzz smoke
#   FUZZ_SEED=0 ./test.sh       a fresh random fuzz seed (default 1: repeatable runs)
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
fuzz_seconds=${FUZZ_SECONDS:-15}
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
# A run builds every crate once: incremental caches would only take disk (gigabytes of it).
export CARGO_INCREMENTAL=0
# Peers (tshark, python holidays) must be present: their tests fail instead of skipping.
export VOIPKIT_REQUIRE_PEERS=1

step() { printf '\n==> %s\n' "$*"; }
# Test output is also kept in a log, to add up the counts of every runner at the end.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
logged() { "$@" 2>&1 | tee -a "$log"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

step "system packages (tshark, sipp, chromium, firefox-esr)"
need=()
command -v tshark >/dev/null 2>&1 || need+=(tshark)
command -v sipp >/dev/null 2>&1 || need+=(sip-tester)
# Headless chromium renders the HTML report in its browser test.
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# Headless Firefox makes WebRTC offers beside Chromium in the offer/answer test.
command -v firefox-esr >/dev/null 2>&1 || need+=(firefox-esr)
if [ ${#need[@]} -gt 0 ]; then
  as_root apt-get update -qq
  echo "wireshark-common wireshark-common/install-setuid boolean false" | as_root debconf-set-selections
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need[@]}" >/dev/null
fi
tshark --version | head -n 1

step "python environment (.venv)"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r tests/requirements.txt
export VOIPKIT_PYTHON="$root/.venv/bin/python"

step "cargo fmt"
cargo fmt --all --check

step "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "cargo doc"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked

step "cargo test"
cargo build --locked -p voipkit-cli
export VOIPKIT_BIN="$root/target/debug/voipkit"
logged cargo test --workspace --locked
# The FFI's panic guard, through its test hook (not part of the API).
logged cargo test --locked -p voipkit-ffi --features _internal_test_exports --test panic_guard

if [ -f bindings/python/pyproject.toml ]; then
  step "python bindings (maturin + pytest)"
  (cd bindings/python && VIRTUAL_ENV="$root/.venv" "$root/.venv/bin/maturin" develop -q --locked \
    --features _internal_test_exports)
  logged "$root/.venv/bin/python" -m pytest -q bindings/python/tests
  # The hand-written .pyi stubs checked against the built module, and the tests, which
  # read as user code, type-checked strictly against them.
  "$root/.venv/bin/python" -m mypy.stubtest voipkit
  "$root/.venv/bin/python" -m mypy --strict bindings/python/tests bindings/python/examples bindings/python/bench
fi

if [ -f bindings/kotlin/pom.xml ]; then
  step "kotlin bindings (uniffi + maven + junit)"
  logged bash bindings/kotlin/build.sh
fi

if [ -z "${SKIP_FUZZ:-}" ] && grep -q '^\[\[bin\]\]' fuzz/Cargo.toml; then
  step "fuzz smoke (${fuzz_seconds}s per target)"
  command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked --version '^0.13'
  export RUSTC_BOOTSTRAP=1
  (cd fuzz && cargo fuzz build -O)
  fuzz_log=$(mktemp)
  for target in $(cd fuzz && cargo fuzz list); do
    mkdir -p "fuzz/corpus/$target"
    # Run on a scratch copy so the smoke run does not grow the committed corpus; the
    # committed corpus (seeds and every past crash input) is replayed first.
    scratch=$(mktemp -d)
    cp -r "fuzz/corpus/$target/." "$scratch/"
    status=0
    dict=()
    [ -f "fuzz/dicts/$target.dict" ] && dict=(-dict="dicts/$target.dict")
    (cd fuzz && cargo fuzz run -O "$target" "$scratch" -- \
        -seed="${FUZZ_SEED:-1}" -max_total_time="$fuzz_seconds" -rss_limit_mb=2048 \
        -timeout=10 "${dict[@]}" -print_final_stats=1) \
        >"$fuzz_log" 2>&1 || status=$?
    rm -rf "$scratch"
    echo "$target: $(grep -E '^stat::number_of_executed_units' "$fuzz_log" | tail -n 1)"
    if [ "$status" != 0 ]; then
      tail -n 60 "$fuzz_log"
      echo "fuzz target $target failed (exit $status)"
      exit 1
    fi
  done
  rm -f "$fuzz_log"
fi

step "all checks passed"
# One closing line with the tests of every runner: cargo test, pytest, JUnit (Surefire).
awk '
  /^test result: / { for (i = 1; i <= NF; i++) { if ($i ~ /^passed;?$/) p += $(i-1); if ($i ~ /^failed;?$/) f += $(i-1) } }
  /^[0-9]+ passed/ && / in [0-9.]+s/ { p += $1; if (match($0, /[0-9]+ failed/)) f += substr($0, RSTART, RLENGTH) + 0 }
  /^Tests run: [0-9]+, Failures/ { gsub(/,/, ""); p += $3 - $5 - $7 - $9; f += $5 + $7 }
  END { printf "tests: %d passed, %d failed\n", p, f }
' "$log"
