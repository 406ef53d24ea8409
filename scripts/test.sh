#!/usr/bin/env bash
# Installs what the tests need, then runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
DATASCRUB_TEST_DEPS=1 source scripts/ensure-deps.sh
# ensure-deps installed chromium: the HTML report's browser tests must run, not skip.
export DATASCRUB_REQUIRE_CHROMIUM=1
exec dotnet test DataScrub.sln "$@"
