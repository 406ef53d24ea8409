# Sourced by bench/compare.sh and bench/shard-bench.sh: DataScrub's own packages (scripts/ensure-deps.sh), then the
# Python baselines' and /usr/bin/time (for peak RSS), installed with apt-get when missing (as root, or with sudo).
# Expects REPO; names the calling script in its messages.

# shellcheck source=../scripts/ensure-deps.sh
source "$REPO/scripts/ensure-deps.sh"
bench_missing=()
for package in python3-lmdb python3-plyvel python3-h5py python3-numpy python3-protobuf python3-pil time; do
  # (no `| grep -q` under pipefail: grep's early exit can fail the pipeline with SIGPIPE)
  [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" = 'install ok installed' ] || bench_missing+=("$package")
done
if [ ${#bench_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    sudo_=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo_=(sudo)
  else
    echo "bench/$(basename "$0") needs ${bench_missing[*]}; run: sudo apt-get install -y ${bench_missing[*]}" >&2
    exit 1
  fi
  echo "installing ${bench_missing[*]} with ${sudo_[*]:+sudo }apt-get ..." >&2
  "${sudo_[@]}" apt-get update -qq
  "${sudo_[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${bench_missing[@]}" >/dev/null
fi
