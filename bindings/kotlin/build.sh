#!/usr/bin/env bash
# Builds the voipkit_kotlin native library, generates the Kotlin bindings from it with the
# crate's own uniffi-bindgen, then compiles and tests them on the JVM (Maven + JUnit + JNA).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
cargo build --locked -p voipkit-kotlin
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
lib="$target_dir/debug/libvoipkit_kotlin.so"
rm -rf "$here/generated"
"$target_dir/debug/uniffi-bindgen" generate --no-format --language kotlin \
  --out-dir "$here/generated" "$lib"
cd "$here"
mvn -B -q -Dvoipkit.native.dir="$target_dir/debug" clean test
cat target/surefire-reports/*.txt | grep "Tests run"
