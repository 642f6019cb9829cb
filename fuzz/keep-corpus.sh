#!/usr/bin/env bash
# Keeps what a fuzz campaign found: the committed corpus of each target is replaced by a
# set-cover minimisation (libFuzzer -set_cover_merge) of itself and the campaign's
# corpus, without inputs above a size cap (so the repository stays small; a few large
# captures are the price). The test command's fuzz smoke then starts from this coverage.
#
#   WORK=/work/fuzzwork fuzz/keep-corpus.sh invoice capture_pipeline
#   MAX_BYTES=4096 fuzz/keep-corpus.sh sip_message
#
# Needs the release fuzz build: (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz build -O).
set -euo pipefail
cd "$(dirname "$0")"
work=${WORK:-$(pwd)/../target/fuzz-campaign}
max=${MAX_BYTES:-8192}
bin=$(pwd)/target/x86_64-unknown-linux-gnu/release
for t in "$@"; do
  [ -x "$bin/$t" ] || { echo "$t: no build at $bin/$t" >&2; exit 2; }
  [ -d "$work/$t/corpus" ] || { echo "$t: no campaign corpus at $work/$t/corpus" >&2; exit 2; }
  out=$(mktemp -d)
  "$bin/$t" -set_cover_merge=1 -rss_limit_mb=2048 -timeout=10 "$out" "corpus/$t" "$work/$t/corpus" \
    >"$out.log" 2>&1 || { tail -5 "$out.log" >&2; exit 1; }
  before=$(find "corpus/$t" -type f | wc -l)
  # Seeds named by hand (not by their hash) stay whatever their size.
  find "corpus/$t" -type f -regextype posix-extended ! -regex '.*/[0-9a-f]{40}' -exec cp -n {} "$out/" \;
  find "$out" -type f -size +"$max"c -regextype posix-extended -regex '.*/[0-9a-f]{40}' -delete
  rm -rf "corpus/$t"
  mkdir -p "corpus/$t"
  cp "$out"/* "corpus/$t/"
  printf '%s\tbefore=%s\tafter=%s\tbytes=%s\n' "$t" "$before" "$(find "corpus/$t" -type f | wc -l)" \
    "$(cat "corpus/$t"/* | wc -c)"
  rm -rf "$out" "$out.log"
done
