#!/usr/bin/env bash
# Installs the HEP peer (sipcapture's hep-js, pinned by package-lock.json beside this
# script) into a cache directory outside git and prints that directory's node_modules as
# the last line of standard output.
#
# It is installed again only when package.json or package-lock.json change (a stamp file
# keeps their hash); npm's own cache (~/.npm) keeps the downloads.
#
# The cache directory is $HEP_PEER_DIR, else $CARGO_TARGET_DIR/hep-peer, else
# target/hep-peer under the checkout root (ignored by git).
# Exit status 77 (and a message on standard error) when node or npm is not installed,
# so that a caller can tell "cannot run here" from a failed install.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "hep-peer: node and npm are not installed" >&2
  exit 77
fi

out_dir=${HEP_PEER_DIR:-${CARGO_TARGET_DIR:-$root/target}/hep-peer}
case "$out_dir" in /*) ;; *) out_dir="$root/$out_dir" ;; esac
mkdir -p "$out_dir"
hash=$(cd "$here" && sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1)

# One install at a time (test binaries may start this script in parallel).
exec 9>"$out_dir/hep-peer.lock"
flock 9

if [ -d "$out_dir/node_modules/hep-js" ] && [ "$(cat "$out_dir/stamp" 2>/dev/null)" = "$hash" ]; then
  echo "$out_dir/node_modules"
  exit 0
fi
cp "$here/package.json" "$here/package-lock.json" "$out_dir/"
(cd "$out_dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
echo "$hash" >"$out_dir/stamp"
echo "$out_dir/node_modules"
