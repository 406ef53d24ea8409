#!/usr/bin/env bash
# The two ways a user installs DataScrub, checked as a user would: the .NET tool (dotnet pack, then
# dotnet tool install from the local package into a temporary tool path) and the Native AOT binary
# (scripts/build.sh). Each scans a bundled fixture; their JSON reports must agree, timings aside.
# .ci/run runs this after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' Directory.Build.props)
fixture=fixtures/lmdb/caffe_mixed   # 40 records, 10 findings: exit code 1

# Runs a command that must exit with the given code.
expect_exit() { # CODE COMMAND...
  local want=$1 got=0
  shift
  "$@" || got=$?
  if [ "$got" != "$want" ]; then
    echo "install-check: '$*' exited $got, expected $want" >&2
    exit 1
  fi
}

echo "== the .NET tool: pack, install into $work/tools, scan"
dotnet pack src/DataScrub.Cli -c Release -o "$work/nupkg" -nologo -v q
dotnet tool install DataScrub --version "$version" --tool-path "$work/tools" --add-source "$work/nupkg"
[ "$("$work/tools/datascrub" --version)" = "$version" ] || { echo "install-check: the tool says another version" >&2; exit 1; }
expect_exit 1 "$work/tools/datascrub" scan "$fixture" --quiet --json "$work/tool.json"

echo "== the Native AOT binary: scripts/build.sh, scan"
./scripts/build.sh >/dev/null
[ "$(head -c 4 publish/datascrub | tail -c 3)" = ELF ] || { echo "install-check: publish/datascrub is not a native executable" >&2; exit 1; }
expect_exit 1 publish/datascrub scan "$fixture" --quiet --json "$work/native.json"

# Same findings, counts and sections from both builds (JIT and AOT).
untimed() { sed -E 's/"seconds": [0-9.eE+-]+/"seconds": 0/' "$1"; }
if ! diff <(untimed "$work/tool.json") <(untimed "$work/native.json") >/dev/null; then
  echo "install-check: the tool's and the native binary's reports differ:" >&2
  diff <(untimed "$work/tool.json") <(untimed "$work/native.json") | head -20 >&2
  exit 1
fi
echo "install-check: the tool and the native binary ($(du -h publish/datascrub | cut -f1)) give the same report"
