#!/usr/bin/env bash
# Builds what ships: the Native AOT binary publish/datascrub (one file, no .NET runtime needed to run it; it still
# loads the system's liblmdb0, libturbojpeg0 and codec libraries). Quiet unless the build fails (exit 2 then).
# Extra arguments go to dotnet publish.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
if ! dotnet publish src/DataScrub.Cli -c Release --use-current-runtime -o publish -nologo "$@" >"$log" 2>&1; then
  cat "$log" >&2; rm -f "$log"; exit 2
fi
rm -f "$log"
