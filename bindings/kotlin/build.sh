#!/usr/bin/env bash
# Builds the voipkit_kotlin native library, generates the Kotlin bindings from it with the
# crate's own uniffi-bindgen, then compiles and tests them on the JVM (Maven + JUnit + JNA).
# Then builds the artifact an application depends on: the release library without the
# test hooks, bindings generated from it, and a JAR carrying the library under JNA's
# resource layout, installed as dev.voipkit:voipkit into the local Maven repository;
# and runs the consumer project (consumer/), which depends on it with no system
# property.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
# The tests' build carries the test hooks (`debugPanic`), which the library API does not.
cargo build --locked -p voipkit-kotlin --features _internal_test_exports
target_dir=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
lib="$target_dir/debug/libvoipkit_kotlin.so"
rm -rf "$here/generated" "$here/generated-test"
"$target_dir/debug/uniffi-bindgen" generate --no-format --language kotlin \
  --out-dir "$here/generated" "$lib"
# The README's Kotlin example becomes a JUnit test, so it is compiled and run as written.
readme_test="$here/generated-test/dev/voipkit/ReadmeExampleTest.kt"
mkdir -p "$(dirname "$readme_test")"
{
  sed -n '/^```kotlin$/,/^```$/p' "$root/README.md" | sed '1d;$d' | grep '^import '
  echo 'import kotlin.test.Test'
  echo 'class ReadmeExampleTest {'
  echo '    @Test'
  echo '    fun readmeExampleRuns() {'
  sed -n '/^```kotlin$/,/^```$/p' "$root/README.md" | sed '1d;$d' | grep -v '^import ' | sed 's/^/        /'
  echo '    }'
  echo '}'
} > "$readme_test"
grep -q 'check(' "$readme_test" || { echo "README has no Kotlin example"; exit 1; }
cd "$here"
mvn -B -q -Dvoipkit.native.dir="$target_dir/debug" clean test
echo
cat target/surefire-reports/*.txt | grep "Tests run"

# The artifact.
cd "$root"
cargo build --locked --release -p voipkit-kotlin
release_lib="$target_dir/release/libvoipkit_kotlin.so"
rm -rf "$here/generated-release"
"$target_dir/debug/uniffi-bindgen" generate --no-format --language kotlin \
  --out-dir "$here/generated-release" "$release_lib"
# The library without its debug information (the release profile keeps it for
# profiling): a few MB in the JAR instead of sixty.
rm -rf "$here/native" && mkdir -p "$here/native"
strip --strip-debug -o "$here/native/libvoipkit_kotlin.so" "$release_lib"
cd "$here"
mvn -B -q -Dmaven.test.skip=true -Dvoipkit.generated.dir="$here/generated-release" \
  -Dvoipkit.artifact.native.dir="$here/native" clean install
listing=$(unzip -l target/voipkit-0.1.0.jar)
grep -q "linux-x86-64/libvoipkit_kotlin.so" <<<"$listing" \
  || { echo "the JAR does not carry the native library"; exit 1; }
cd "$here/consumer"
mvn -B -q clean test
cat target/surefire-reports/*.txt | grep "Tests run"
