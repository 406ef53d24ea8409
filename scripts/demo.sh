#!/usr/bin/env bash
# Scans the bundled Caffe LMDB fixture (40 records, 9 planted defects). Extra arguments go to
# 'datascrub scan', e.g. ./scripts/demo.sh --json -
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
dotnet build src/DataScrub.Cli -c Release -nologo -v quiet -clp:ErrorsOnly >&2
exec dotnet src/DataScrub.Cli/bin/Release/net10.0/datascrub.dll scan fixtures/lmdb/caffe_mixed "$@"
