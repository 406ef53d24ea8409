#!/usr/bin/env bash
# Scans the bundled Caffe LMDB fixture (40 records, 9 planted defects). Extra arguments go to
# 'datascrub scan', e.g. ./scripts/demo.sh --json -
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-deps.sh
./scripts/build.sh
exec publish/datascrub scan fixtures/lmdb/caffe_mixed "$@"
