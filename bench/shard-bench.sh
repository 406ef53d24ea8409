#!/usr/bin/env bash
# Scale-out (issue 16, docs/scale-out.md) measured on one machine: a bench dataset scanned as N shards and
# merged, against one unsharded scan of it.
#
#   bench/shard-bench.sh [--shards N] [--parallel P] [--only NAME,...] [--quick] [--data DIR]
#
#   --shards N     shards per dataset (default 4)
#   --parallel P   shards run at once (default 1: one after another, so that each shard's wall time is its own
#                  on a machine of 2 cores; 2 runs them two at a time, each still with its default --threads)
#   --only NAMES   comma-separated bench datasets (default lmdb_raw,images_small; any of bench/datasets/generate.py)
#   --quick        the datasets at 1/10 size (cached apart, DIR/quick), a smoke run of this script
#   --data DIR     the dataset cache, shared with bench/compare.sh (default /tmp/datascrub-compare)
#
# Per dataset it prints, for each shard: its samples and the bytes its report counts (`bytes`: the samples'
# payloads); the bytes the process read(2) (`rchar` of /proc/PID/io, read after the process exited and before
# it was reaped; it misses what is read through a mapping, so LMDB, which liblmdb maps, shows next to
# nothing); the bytes of the dataset it reads from a cold cache (an untimed second run after this script
# dropped the dataset's files, and only those, from the page cache: the pages resident afterwards, by
# mincore(2), read-ahead included); its wall time, peak RSS and the size of its .state file. Then the merge's
# wall time and peak RSS, the unsharded scan's, and whether the merged JSON report equals the unsharded one
# with the `seconds` fields removed. "N machines" is the slowest shard plus the merge: the wall time with one
# machine per shard, dataset reads not contending (on this machine they do when --parallel is above 1).
#
# Like compare.sh it installs what is missing (DataScrub's libraries, the generator's python3-lmdb,
# python3-plyvel, python3-h5py, python3-numpy, python3-protobuf, python3-pil, and `time` for the peak RSS),
# builds the binary that ships (scripts/build.sh; or set DATASCRUB_CMD to a command prefix) and generates the
# datasets once with fixed seeds (bench/compare.py's cache and stamps). The page cache is warmed first: these
# are timings of a dataset in memory, as compare.sh's are.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")

for arg in "$@"; do
  case $arg in
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
  esac
done

# shellcheck source=ensure-bench-deps.sh
source "$HERE/ensure-bench-deps.sh"

if [ -n "${DATASCRUB_CMD:-}" ]; then
  DATASCRUB=$DATASCRUB_CMD
else
  echo "building DataScrub as it ships (scripts/build.sh: the Native AOT binary publish/datascrub) ..." >&2
  "$REPO/scripts/build.sh"
  DATASCRUB="$REPO/publish/datascrub"
fi
export DATASCRUB

# The driver is Python for one thing the shell cannot do: wait for a process to exit without reaping it
# (os.waitid with WNOWAIT), so that its /proc/PID/io can still be read. bash reaps its children as soon as
# they exit.
exec /usr/bin/python3 - "$HERE" "$@" <<'PY'
import argparse
import ctypes
import json
import mmap
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

here = sys.argv[1]
sys.path.insert(0, here)
import compare  # noqa: E402  (its dataset cache: ensure_dataset, warm, size_of)

ap = argparse.ArgumentParser(prog="bench/shard-bench.sh")
ap.add_argument("--shards", type=int, default=4)
ap.add_argument("--parallel", type=int, default=1)
ap.add_argument("--only", default="lmdb_raw,images_small")
ap.add_argument("--quick", action="store_true")
ap.add_argument("--data", default="/tmp/datascrub-compare")
args = ap.parse_args(sys.argv[2:])
if args.shards < 1 or args.parallel < 1:
    sys.exit("bench/shard-bench.sh: --shards and --parallel are at least 1")
datascrub = shlex.split(os.environ["DATASCRUB"])
data_dir = os.path.join(args.data, "quick") if args.quick else args.data
scale = 0.1 if args.quick else 1.0


class Run:
    """One datascrub process under /usr/bin/time: exit code, wall seconds, rchar (bytes), peak RSS (MiB). Its output
    goes to files, which cannot fill up and block it while another process is waited for.

    Peak RSS is GNU time's (%M, the command's own): the rusage of a child of this Python would count the Python
    process it was forked from. rchar is read from time's /proc/PID/io after it exited and before it is reaped: a
    process's counts include those of the children it reaped, so they are datascrub's plus time's own few kB."""

    def __init__(self, argv):
        self.argv = argv
        self.stdout, self.stderr = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        self.rss_file = tempfile.NamedTemporaryFile("r", suffix=".time")
        self.start = time.perf_counter()
        self.process = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", self.rss_file.name] + argv,
                                        stdout=self.stdout, stderr=self.stderr)
        self.exit = None

    def finish(self):
        """Once the process has exited (os.waitid with WNOWAIT said so), reads its /proc/PID/io and reaps it."""
        pid = self.process.pid
        self.seconds = time.perf_counter() - self.start
        with open("/proc/%d/io" % pid) as f:
            self.rchar = int(re.search(r"^rchar: (\d+)$", f.read(), re.M).group(1))
        _, status = os.waitpid(pid, 0)
        self.process.returncode = self.exit = os.waitstatus_to_exitcode(status)
        self.rss = int(self.rss_file.read().split()[-1]) / 1024
        self.rss_file.close()
        self.stderr.seek(0)
        self.err = self.stderr.read().decode(errors="replace")
        return self

    def check(self, ok):
        if self.exit not in ok:
            sys.exit("bench/shard-bench.sh: %s exited %s\n%s" % (shlex.join(self.argv), self.exit, self.err))
        return self


def wait_any(runs):
    """The first of runs to exit, finished: os.waitid with WNOWAIT says which without reaping it."""
    pid = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOWAIT).si_pid
    run = next(r for r in runs if r.process.pid == pid)
    runs.remove(run)
    return run.finish()


def one(argv):
    return wait_any([Run(argv)])


PAGE = os.sysconf("SC_PAGE_SIZE")
libc = ctypes.CDLL(None, use_errno=True)
libc.mmap.restype = ctypes.c_void_p
libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_long]
libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
libc.mincore.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p]


def resident(path):
    """How many bytes of the file are in the page cache (mincore(2) of a mapping of it)."""
    size = os.path.getsize(path)
    if size == 0:
        return 0
    fd = os.open(path, os.O_RDONLY)
    try:
        address = libc.mmap(None, size, mmap.PROT_READ, mmap.MAP_SHARED, fd, 0)
        if address in (None, ctypes.c_void_p(-1).value):
            raise OSError(ctypes.get_errno(), "mmap " + path)
        try:
            pages = ctypes.create_string_buffer((size + PAGE - 1) // PAGE)
            if libc.mincore(address, size, pages) != 0:
                raise OSError(ctypes.get_errno(), "mincore " + path)
            return sum(b & 1 for b in pages.raw) * PAGE
        finally:
            libc.munmap(address, size)
    finally:
        os.close(fd)


def evict(path):
    """Drops the file's pages from the page cache (only this file's: the machine is shared)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fdatasync(fd)  # a dirty page is not dropped
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def brought_in(argv, files):
    """The bytes of the dataset's files a run brings into the page cache from a cold start: what it read of
    them, kernel read-ahead included. rchar cannot tell this for LMDB, which maps its file instead of reading it."""
    for f in files:
        evict(f)
    if sum(resident(f) for f in files) > 0.01 * sum(os.path.getsize(f) for f in files):
        return None  # the pages would not go (mapped or locked by another process): no measure
    one(argv).check((0, 1))
    return sum(resident(f) for f in files)


def without_timings(path):
    with open(path) as f:
        return re.sub(r'"seconds": [0-9.eE+-]+', '"seconds": 0', f.read())


def mb(n):
    return "%.1f" % (n / 1e6)


def cold_mb(n):
    return "n/a" if n is None else mb(n)


print("# bench/shard-bench.sh: %d shards, %s" % (
    args.shards, "one after another" if args.parallel == 1 else "%d at a time" % args.parallel))
print("machine: %d cores, %s; datascrub: %s" % (os.cpu_count(), os.uname().release, shlex.join(datascrub)))
for name in args.only.split(","):
    dataset = compare.ensure_dataset(data_dir, name, scale)
    compare.warm(dataset)
    out = tempfile.mkdtemp(prefix="datascrub-shard-bench-")
    try:
        # Shards first, then the unsharded scan: both from a warm page cache.
        reports = [os.path.join(out, "shard-%d.json" % i) for i in range(args.shards)]
        pending = list(range(args.shards))
        running, shards = [], {}
        while pending or running:
            while pending and len(running) < args.parallel:
                i = pending.pop(0)
                run = Run(datascrub + ["scan", dataset, "--shard", "%d/%d" % (i, args.shards), "--json", reports[i]])
                run.shard = i
                running.append(run)
            run = wait_any(running).check((0,))  # a shard exits 0 whatever it found
            shards[run.shard] = run
        merged = os.path.join(out, "report.json")
        # The shard reports in reverse order: the merge takes them in any order.
        merge = one(datascrub + ["merge"] + reports[::-1] + ["--json", merged]).check((0, 1))
        single_report = os.path.join(out, "single.json")
        single = one(datascrub + ["scan", dataset, "--json", single_report]).check((0, 1))
        # Then, untimed, each shard and the unsharded scan again from a cold cache (of this dataset's files only), to
        # see how much of the dataset each one reads.
        files = compare.files_of(dataset)
        scratch = os.path.join(out, "cold.json")
        cold = [brought_in(datascrub + ["scan", dataset, "--shard", "%d/%d" % (i, args.shards), "--json", scratch], files)
                for i in range(args.shards)]
        cold_single = brought_in(datascrub + ["scan", dataset, "--json", scratch], files)
        compare.warm(dataset)

        print()
        print("## %s: %s MB, %s" % (name, mb(compare.size_of(dataset)), dataset))
        print()
        print("| shard | samples | report bytes MB | rchar MB | dataset read cold MB | wall s | peak RSS MB | .state MB |")
        print("|---|---|---|---|---|---|---|---|")
        total_samples = total_bytes = total_rchar = 0
        for i in range(args.shards):
            with open(reports[i]) as f:
                ds = json.load(f)["datasets"][0]
            state = os.path.getsize(reports[i] + ".state")
            run = shards[i]
            total_samples += ds["samples"]
            total_bytes += ds["bytes"]
            total_rchar += run.rchar
            print("| %d/%d | %d | %s | %s | %s | %.2f | %.0f | %s |" % (
                i, args.shards, ds["samples"], mb(ds["bytes"]), mb(run.rchar), cold_mb(cold[i]), run.seconds, run.rss, mb(state)))
        with open(single_report) as f:
            whole = json.load(f)["datasets"][0]
        print("| all shards | %d | %s | %s | %s | %.2f (sum) | | |" % (
            total_samples, mb(total_bytes), mb(total_rchar), cold_mb(None if None in cold else sum(cold)),
            sum(r.seconds for r in shards.values())))
        print("| unsharded scan | %d | %s | %s | %s | %.2f | %.0f | |" % (
            whole["samples"], mb(whole["bytes"]), mb(single.rchar), cold_mb(cold_single), single.seconds, single.rss))
        print("| merge | | | %s | | %.2f | %.0f | |" % (mb(merge.rchar), merge.seconds, merge.rss))
        slowest = max(r.seconds for r in shards.values())
        print()
        print("- N machines (slowest shard + merge): %.2f s against %.2f s unsharded (%.2fx)" % (
            slowest + merge.seconds, single.seconds, single.seconds / (slowest + merge.seconds)))
        print("- merge exit %d, unsharded scan exit %d" % (merge.exit, single.exit))
        same = without_timings(merged) == without_timings(single_report)
        print("- merged JSON equals the unsharded JSON (seconds removed): %s" % ("yes" if same else "**NO**"))
        if not same:
            keep = tempfile.mkdtemp(prefix="datascrub-shard-bench-diff-")
            shutil.copy(merged, keep)
            shutil.copy(single_report, keep)
            print("  (both kept in %s)" % keep)
    finally:
        shutil.rmtree(out, ignore_errors=True)
PY
