#!/usr/bin/env bash
# DataScrub against the Python check a user would write (issue 14): one command on a fresh Debian/Ubuntu
# machine with the .NET 10 SDK.
#
#   bench/compare.sh [--quick] [--only NAME,...] [--load] [--repeats N] [--data DIR] [--table FILE]
#
#   --quick        datasets at 1/10 size, cached apart (DIR/quick): a smoke run of the harness itself
#   --only ROWS    comma-separated rows (default all): fixed_cost, lmdb_raw, lmdb_float, leveldb_raw,
#                  lmdb_encoded, hdf5_contiguous, hdf5_gzip, images_small, images_photo, hdf5_cat,
#                  threads, rebuild, analyses
#   --load         repeat the dataset rows beside one CPU-bound process; prints both slow-down factors
#   --repeats N    alternating runs per side (default 3); medians are reported
#   --data DIR     where the generated datasets are cached (default /tmp/datascrub-compare; about 3.7 GB,
#                  and the rebuild row writes an 800 MB copy under $TMPDIR or /tmp)
#   --table FILE   also write the markdown table (and machine info) to FILE
#
# What it does:
#   1. installs what is missing with apt-get (as root) or password-less sudo: DataScrub's libraries
#      (scripts/ensure-deps.sh, sourced), python3-lmdb python3-plyvel python3-h5py python3-numpy
#      python3-protobuf python3-pil, and `time` (/usr/bin/time, for the peak RSS);
#   2. builds DataScrub: datascrub_build below is the one place that says how (set DATASCRUB_CMD to a
#      command prefix to use another binary, e.g. the JIT build 'dotnet .../datascrub.dll', without building);
#   3. generates each dataset once with fixed seeds (bench/datasets/generate.py; regenerated when its
#      stamp, DIR/.stamps/NAME, does not name the generator's version);
#   4. per row, warms the page cache and runs the two sides alternately (bench/compare.py), then prints a
#      markdown table: medians, ratio, target, peak RSS, and whether both sides counted the same
#      records, bad records and labels.
#
# The datasets are clean but for a handful of planted defects, errors for both sides, so both go through
# their reporting paths: 2 short raw Datums (lmdb_raw, leveldb_raw), 3 NaN Datums (lmdb_float), 2 truncated
# images (lmdb_encoded, images_small, images_photo), 3 NaN rows (both HDF5 files). DataScrub therefore
# exits 1 on every dataset row; that is success here (exit 2, 3, 4 stop the run with its stderr).
# The Python baselines are bench/baselines/*.py, each the ~20-line loop a user would write.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")

# How DataScrub is obtained: the one thing to change when the way it ships changes. Sets $DATASCRUB,
# a command prefix (words split by the shell rules; `scan ...` is appended).
datascrub_build() {
  if [ -n "${DATASCRUB_CMD:-}" ]; then
    DATASCRUB=$DATASCRUB_CMD
    return
  fi
  echo "building DataScrub as it ships (scripts/build.sh: the Native AOT binary publish/datascrub) ..." >&2
  "$REPO/scripts/build.sh"
  DATASCRUB="$REPO/publish/datascrub"
}

for arg in "$@"; do
  case $arg in
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
  esac
done

# 1. packages: DataScrub's own (and the .NET SDK check), then the baselines' and /usr/bin/time.
# shellcheck source=ensure-bench-deps.sh
source "$HERE/ensure-bench-deps.sh"

# 2. DataScrub
datascrub_build
export DATASCRUB

# 3-6. datasets, timed runs, table
exec /usr/bin/python3 "$HERE/compare.py" "$@"
