#!/usr/bin/env bash
# Fuzzes one DataScrub parser with AFL++ and SharpFuzz (fuzz/README.md).
#   fuzz/run.sh HARNESS SECONDS     e.g. fuzz/run.sh lmdb 600
#   fuzz/run.sh list
# Builds and instruments the harness program (once per source state), seeds the corpus from the fixtures plus the
# committed corpus (fuzz/corpus/HARNESS), runs afl-fuzz for SECONDS, then minimises what it found with afl-cmin back
# into fuzz/corpus/HARNESS. Crashes and hangs are copied to fuzz/findings/HARNESS (not committed): replay one with
#   dotnet fuzz/.build/bin/DataScrub.Fuzz.dll replay HARNESS FILE
# and turn it into a regression test (tests/DataScrub.Tests/Hostile/FuzzRegressionTests.cs). Several harnesses may
# run at once (one core each); the build is shared and locked.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

build="$root/fuzz/.build"
bin="$build/bin"
tools="$build/tools"
mkdir -p "$build"

install_tools() {
  if ! command -v afl-fuzz >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
    else
      echo "fuzz/run.sh needs AFL++: sudo apt-get install afl++" >&2; exit 1
    fi
  fi
  if [ ! -x "$tools/sharpfuzz" ]; then
    dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
  fi
}

# Publish, unless the sources are those of the last build. Each harness instruments its own copy (below).
build_harnesses() {
  local stamp
  stamp=$(find src fuzz/DataScrub.Fuzz Directory.Packages.props Directory.Build.props \( -name bin -o -name obj \) -prune -o -type f -print0 \
    | sort -z | xargs -0 sha1sum | sha1sum | cut -d' ' -f1)
  if [ -f "$bin/.stamp" ] && [ "$(cat "$bin/.stamp")" = "$stamp" ]; then return; fi
  rm -rf "$bin"
  dotnet publish fuzz/DataScrub.Fuzz -c Release -o "$bin" -nologo -v q -p:PublishAot=false >/dev/null
  echo "$stamp" >"$bin/.stamp"
}

install_tools
exec 9>"$build/lock"
flock 9
build_harnesses

if [ "${1:-}" = list ]; then dotnet "$bin/DataScrub.Fuzz.dll" list; exit 0; fi
if [ $# -ne 2 ]; then
  echo "usage: fuzz/run.sh HARNESS SECONDS | fuzz/run.sh list" >&2
  dotnet "$bin/DataScrub.Fuzz.dll" list >&2
  exit 2
fi
harness=$1
seconds=$2

work="$build/work/$harness"
rm -rf "$work"
mkdir -p "$work/in"
dotnet "$bin/DataScrub.Fuzz.dll" seeds "$harness" "$work/in"
corpus="$root/fuzz/corpus/$harness"
if [ -d "$corpus" ]; then cp "$corpus"/* "$work/in/" 2>/dev/null || true; fi

# A .NET program under afl-fuzz: the 'dotnet' host is not instrumented (SharpFuzz reports coverage from inside), it
# may use any core, and a crash is an exception SharpFuzz reports, not a core dump. The heap is capped at 4 GiB so an
# allocation sized by the input fails as a crash (OutOfMemoryException) instead of going unnoticed on a 24 GB machine:
# above what DataScrub's own limits let one input ask for (an HDF5 row of up to 1 GiB decoded, read beside its stored
# bytes), below what a size no limit bounds asks for. At 1 GiB, valid 1 GiB rows were "crashes".
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export DOTNET_GCHeapHardLimit=0x100000000 DOTNET_TieredPGO=0
# Its own copy of the build, so that a rebuild for another harness (the sources changed) cannot pull the program from
# under a running afl-fuzz, and instrumented for this harness only: SharpFuzz rewrites the IL of the parser's own
# namespaces (and of the libraries that parse for it: PureHDF, Google.Protobuf, Snappier) to report the branches
# taken to afl-fuzz. Everything else a scan runs stays uninstrumented, so the 64 K coverage map is not flooded.
cp -r "$bin" "$work/bin"
flock -u 9
dotnet "$work/bin/DataScrub.Fuzz.dll" instrumented "$harness" | while read -r assembly prefixes; do
  # shellcheck disable=SC2086 # the prefixes are separate arguments
  "$tools/sharpfuzz" "$work/bin/$assembly.dll" $prefixes >/dev/null
done
target=("$(command -v dotnet)" "$work/bin/DataScrub.Fuzz.dll" run "$harness")

echo "afl-fuzz: $harness for $seconds s ($(ls "$work/in" | wc -l) seeds)"
afl-fuzz -i "$work/in" -o "$work/out" -t 10000 -m none -V "$seconds" -- "${target[@]}" >"$work/afl.log" 2>&1 || {
  echo "afl-fuzz failed; the end of its log:" >&2; tail -30 "$work/afl.log" >&2; exit 1; }

stats="$work/out/default/fuzzer_stats"
stat() { sed -n "s/^$1 *: *//p" "$stats"; }
crashes=$(stat saved_crashes); hangs=$(stat saved_hangs)
echo "$harness: $(stat execs_done) executions in $(stat run_time) s ($(stat execs_per_sec)/s), corpus $(stat corpus_count), coverage $(stat bitmap_cvg), crashes $crashes, hangs $hangs"

findings="$root/fuzz/findings/$harness"
if [ "${crashes:-0}" != 0 ] || [ "${hangs:-0}" != 0 ]; then
  mkdir -p "$findings"
  cp "$work/out/default/crashes/"id* "$work/out/default/hangs/"id* "$findings/" 2>/dev/null || true
  echo "crashes and hangs copied to fuzz/findings/$harness"
fi

# The minimised corpus replaces the committed one: the smallest set of inputs that covers every branch afl-fuzz saw,
# named by content so that re-minimising changes only what changed.
afl-cmin -i "$work/out/default/queue" -o "$work/cmin" -t 10000 -m none -- "${target[@]}" >"$work/cmin.log" 2>&1 || {
  echo "afl-cmin failed; the end of its log:" >&2; tail -20 "$work/cmin.log" >&2; exit 1; }
rm -rf "$corpus"
mkdir -p "$corpus"
for file in "$work/cmin"/*; do
  cp "$file" "$corpus/$(sha1sum "$file" | cut -c1-16)"
done
echo "corpus: $(ls "$corpus" | wc -l) inputs, $(du -sh "$corpus" | cut -f1) in fuzz/corpus/$harness"
