#!/usr/bin/env bash
# Scans the bundled Caffe LMDB fixture (40 records, 9 planted defects). Extra arguments go to
# 'datascrub scan', e.g. ./scripts/demo.sh --json -
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
log=$(mktemp)
if ! dotnet build src/DataScrub.Cli -c Release -nologo >"$log" 2>&1; then
  cat "$log" >&2; rm -f "$log"; exit 2
fi
rm -f "$log"
exec dotnet src/DataScrub.Cli/bin/Release/net10.0/datascrub.dll scan fixtures/lmdb/caffe_mixed "$@"
