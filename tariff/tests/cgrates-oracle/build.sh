#!/usr/bin/env bash
# Builds the CGRateS oracle (main.go beside this script) into a cache directory outside
# git and prints the binary's path as the last line of standard output.
#
# The binary is rebuilt only when the Go sources, go.mod, go.sum or the Go version
# change: a stamp file beside the binary keeps their hash. Modules come from the Go
# module cache (GOMODCACHE, ~/go/pkg/mod by default) and GOPROXY, compiled packages
# from the Go build cache (GOCACHE), both per-user caches that outlive the checkout.
#
#   tariff/tests/cgrates-oracle/build.sh          build if needed, print the path
#   CGRATES_ORACLE_DIR=/tmp/o build.sh            build into another directory
#   GO=/opt/go/bin/go build.sh                    use another go
#
# The cache directory is $CGRATES_ORACLE_DIR, else $CARGO_TARGET_DIR/cgrates-oracle,
# else target/cgrates-oracle under the checkout root (ignored by git).
# Exit status 77 (and a message on standard error) when no go is installed, so that a
# caller can tell "cannot build here" from a failed build.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)

go=${GO:-}
if [ -z "$go" ]; then
  go=$(command -v go || true)
  [ -z "$go" ] && [ -x /usr/local/go/bin/go ] && go=/usr/local/go/bin/go
fi
if [ -z "$go" ] || ! "$go" version >/dev/null 2>&1; then
  echo "cgrates-oracle: go is not installed (set GO or put go on PATH)" >&2
  exit 77
fi

out_dir=${CGRATES_ORACLE_DIR:-${CARGO_TARGET_DIR:-$root/target}/cgrates-oracle}
case "$out_dir" in /*) ;; *) out_dir="$root/$out_dir" ;; esac
mkdir -p "$out_dir"
bin="$out_dir/cgrates-oracle"
stamp="$out_dir/cgrates-oracle.stamp"

# What the binary depends on: the sources, the module files and the toolchain.
hash=$(
  cd "$here"
  { "$go" version; sha256sum go.mod go.sum ./*.go; } | sha256sum | cut -d' ' -f1
)

# One build at a time (test binaries may start this script in parallel).
exec 9>"$out_dir/cgrates-oracle.lock"
flock 9

if [ -x "$bin" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
  echo "cgrates-oracle: up to date ($bin)" >&2
  echo "$bin"
  exit 0
fi

echo "cgrates-oracle: building with $("$go" version) into $out_dir" >&2
start=$(date +%s)
(
  cd "$here"
  # -mod=mod lets go fill in go.sum for modules it lacks instead of refusing.
  GOFLAGS="${GOFLAGS:-} -mod=mod" GOTOOLCHAIN=local "$go" build -trimpath \
    -o "$bin.tmp" .
)
mv -f "$bin.tmp" "$bin"
echo "$hash" >"$stamp"
echo "cgrates-oracle: built in $(($(date +%s) - start)) s" >&2
echo "$bin"
