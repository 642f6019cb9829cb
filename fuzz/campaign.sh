#!/usr/bin/env bash
# A fuzz campaign: each target in turn for a number of CPU seconds (not wall seconds,
# so a busy machine does not shorten it), with a random seed and the target's
# dictionary, on a working copy of its committed corpus. Prints per target the CPU
# seconds, executions, corpus size and any crash inputs (kept under the work folder
# for review and, when real, for committing to fuzz/corpus/TARGET as regressions).
#
#   fuzz/campaign.sh 1800 sdp sip_message     30 CPU-minutes for each of two targets
#   WORK=/tmp/fuzz fuzz/campaign.sh 600       every target, 10 CPU-minutes each
#
# Needs the release fuzz build: (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz build -O).
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:?CPU seconds per target}
shift
work=${WORK:-$(pwd)/../target/fuzz-campaign}
bin=$(pwd)/target/x86_64-unknown-linux-gnu/release
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(RUSTC_BOOTSTRAP=1 cargo fuzz list)
tick=$(getconf CLK_TCK)
for t in "${targets[@]}"; do
  [ -x "$bin/$t" ] || { echo "$t: no build at $bin/$t" >&2; exit 2; }
  mkdir -p "$work/$t/corpus" "$work/$t/artifacts"
  cp -rn "corpus/$t/." "$work/$t/corpus/" 2>/dev/null || true
  dict=()
  [ -f "dicts/$t.dict" ] && dict=(-dict="dicts/$t.dict")
  log="$work/$t/log.$(date +%s)"
  "$bin/$t" "$work/$t/corpus" -seed=0 -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$work/$t/artifacts/" "${dict[@]}" -print_final_stats=1 \
    -ignore_crashes=1 -fork=1 >"$log" 2>&1 &
  pid=$!
  cpu=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 5
    # CPU time of the fork supervisor (its reaped jobs included) and of the running job.
    now=0
    for p in $pid $(pgrep -P "$pid" || true) $(pgrep -P "$(pgrep -P "$pid" | tr '\n' ',' | sed 's/,$//')" 2>/dev/null || true); do
      { read -r -a f < "/proc/$p/stat"; } 2>/dev/null || continue
      now=$((now + (f[13] + f[14] + f[15] + f[16]) / tick))
    done
    [ "$now" -gt "$cpu" ] && cpu=$now
    if [ "$cpu" -ge "$seconds" ]; then
      # The supervisor stops when its running job does: interrupt both.
      pkill -INT -f -- "^$bin/$t -seed" 2>/dev/null || true
      kill -INT "$pid" 2>/dev/null || true
    fi
  done
  wait "$pid" || true
  execs=$(grep -oE 'exec/s: [0-9]+|#[0-9]+' "$log" | grep -oE '^#[0-9]+' | tail -n 1 | tr -d '#')
  crashes=$(find "$work/$t/artifacts" -type f | wc -l)
  printf '%s\tcpu_s=%s\texecs=%s\tcorpus=%s\tcrash_files=%s\tlog=%s\n' "$t" "$cpu" "${execs:-?}" \
    "$(find "$work/$t/corpus" -type f | wc -l)" "$crashes" "$log"
done
