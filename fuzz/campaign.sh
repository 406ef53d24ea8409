#!/usr/bin/env bash
# Runs every harness (or those named) for SECONDS each, LANES at a time, and prints each one's figures:
#   fuzz/campaign.sh SECONDS LANES [HARNESS...]
# The figures in fuzz/README.md come from 'fuzz/campaign.sh 600 2' on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=$1 lanes=$2
shift 2
if [ $# -gt 0 ]; then harnesses=("$@"); else mapfile -t harnesses < <(fuzz/run.sh list | awk '{print $1}'); fi
printf '%s\n' "${harnesses[@]}" | xargs -P "$lanes" -I{} sh -c 'fuzz/run.sh "$1" "$2" > "fuzz/.build/$1.log" 2>&1; echo "$(date -u +%H:%M) $(grep -E "^$1: [0-9]" "fuzz/.build/$1.log" || echo "$1: failed, see fuzz/.build/$1.log")"' _ {} "$seconds"
