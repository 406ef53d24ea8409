#!/usr/bin/python3
"""The driver of bench/compare.sh: DataScrub against the Python check a user would write.

Run it through bench/compare.sh (which installs the packages and builds DataScrub); directly:

    DATASCRUB="dotnet src/DataScrub.Cli/bin/Release/net10.0/datascrub.dll" \
        /usr/bin/python3 bench/compare.py [--quick] [--only NAME,...] [--load] [--repeats N]
                                          [--data DIR] [--table FILE]

For each row: generate its dataset once (cached in --data DIR, see bench/datasets/generate.py), read
every file of it once (warm page cache), then run the two commands alternately --repeats times (the
order swaps every repeat: A B, B A, A B, ...), each under `/usr/bin/time -f '%e %M'` for its peak RSS.
Wall time is measured here around the whole command (time.perf_counter, so to the microsecond rather
than /usr/bin/time's 10 ms), start-up and imports included. Medians are reported; ratio = A / B, the
baseline's median over DataScrub's, so above 1 DataScrub is faster.

DataScrub's exit code 1 (findings) is success; 2, 3, 4 (or anything else) stop the run with its stderr,
as does a baseline that fails. After the timed runs, the counts of the last runs are compared: records
(DataScrub's `samples`), bad records (distinct samples with an error-severity finding, against the
baseline's failures) and the label histogram; a difference is marked in the table's `counts` column.
"""
import argparse
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(HERE, "datasets"))
import generate  # noqa: E402

PY = "/usr/bin/python3"
BASELINES = os.path.join(HERE, "baselines")
FIXTURE = os.path.join(REPO, "fixtures", "lmdb", "caffe_mixed")

MAIN_ROWS = ["lmdb_raw", "lmdb_float", "leveldb_raw", "lmdb_encoded",
             "hdf5_contiguous", "hdf5_gzip", "images_small", "images_photo"]
EXTRA_ROWS = ["fixed_cost", "hdf5_cat", "threads", "rebuild", "analyses"]
ALL_ROWS = ["fixed_cost"] + MAIN_ROWS + EXTRA_ROWS[1:]


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class Failure(Exception):
    pass


# --------------------------------------------------------------------------- datasets
def dataset_path(data_dir, name):
    return os.path.join(data_dir, name + (".h5" if name.startswith("hdf5") else ""))


def ensure_dataset(data_dir, name, scale):
    """The dataset's path, generated unless its stamp says this generator version and scale made it."""
    path = dataset_path(data_dir, name)
    stamp = os.path.join(data_dir, ".stamps", name)
    want = "generator %d scale %g\n" % (generate.VERSION, scale)
    if os.path.exists(path) and os.path.exists(stamp) and open(stamp).read() == want:
        return path
    os.makedirs(os.path.dirname(stamp), exist_ok=True)
    for old in (stamp, path, path + ".tmp"):
        if os.path.isdir(old):
            shutil.rmtree(old)
        elif os.path.exists(old):
            os.remove(old)
    log("generating %s (scale %g) ..." % (path, scale))
    clock = time.perf_counter()
    n = generate.generate(name, path + ".tmp", scale)
    os.rename(path + ".tmp", path)
    with open(stamp, "w") as f:
        f.write(want)
    log("  %d records, %.1f MB, %.0f s" % (n, size_of(path) / 1e6, time.perf_counter() - clock))
    return path


def files_of(path):
    if os.path.isfile(path):
        return [path]
    out = []
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames.sort()
        out += [os.path.join(dirpath, f) for f in sorted(filenames)]
    return out


def size_of(path):
    return sum(os.path.getsize(f) for f in files_of(path))


def warm(path):
    """Read every file once, so the timed runs read from the page cache."""
    for f in files_of(path):
        with open(f, "rb") as fh:
            while fh.read(1 << 23):
                pass


# --------------------------------------------------------------------------- running
class Cmd:
    """One side of a row: argv, the exit codes that are success, an optional step before each run."""

    def __init__(self, label, argv, ok=(0,), before=None, json_out=None, stdout_json=False):
        self.label, self.argv, self.ok, self.before = label, argv, ok, before
        self.json_out, self.stdout_json = json_out, stdout_json
        self.times, self.rss, self.result = [], [], None

    def run(self):
        if self.before:
            self.before()
        with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
            argv = ["/usr/bin/time", "-f", "%e %M", "-o", tf.name] + self.argv
            clock = time.perf_counter()
            p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            wall = time.perf_counter() - clock
            fields = tf.read().split()
        if p.returncode not in self.ok:
            raise Failure("%s exited %d: %s\n%s" % (self.label, p.returncode, " ".join(map(shlex.quote, self.argv)),
                                                    p.stderr.decode(errors="replace").strip()))
        self.times.append(wall)
        self.rss.append(int(fields[-1]) / 1024 if fields else float("nan"))  # KiB -> MiB
        if self.stdout_json:
            self.result = json.loads(p.stdout.decode().strip().splitlines()[-1])
        elif self.json_out:
            with open(self.json_out) as f:
                self.result = json.load(f)["datasets"][0]

    def median(self):
        return statistics.median(self.times)

    def peak(self):
        return max(self.rss)


def alternate(a, b, repeats):
    for r in range(repeats):
        for cmd in ((a, b) if r % 2 == 0 else (b, a)):
            cmd.run()


# --------------------------------------------------------------------------- count checks
def scrub_counts(ds):
    bad = {f["sample"] for f in ds["findings"] if f.get("sample") is not None and f["severity"] == "error"}
    hist = {str(k): v for k, v in ds.get("labels", {}).get("histogram", {}).items()}
    return ds["samples"], len(bad), hist


def compare_counts(baseline, ds):
    """'same', or what differs between a baseline's JSON line and DataScrub's dataset report."""
    records, bad, hist = scrub_counts(ds)
    diffs = []
    if baseline["records"] != records:
        diffs.append("records %d vs %d" % (baseline["records"], records))
    if baseline["bad"] != bad:
        diffs.append("bad %d vs %d" % (baseline["bad"], bad))
    if baseline["labels"] != hist:
        keys = set(baseline["labels"]) | set(hist)
        n = sum(1 for k in keys if baseline["labels"].get(k) != hist.get(k))
        diffs.append("labels differ in %d classes" % n)
    return ("same: %d records, %d bad" % (records, bad)) if not diffs else "**DIFFER** (python vs DataScrub): " + ", ".join(diffs)


# --------------------------------------------------------------------------- rows
class Row:
    def __init__(self, name, what, a, b, dataset=None, target=None, target_text="", check=None):
        self.name, self.what, self.a, self.b = name, what, a, b
        self.dataset, self.target, self.target_text, self.check = dataset, target, target_text, check
        self.counts = ""


def build_row(name, ctx):
    """The Row for NAME: A is the baseline, B DataScrub (for the extra rows, see `what`)."""
    ds, tmp = ctx["datascrub"], ctx["tmp"]

    def scan(tag, path, *extra):
        out = os.path.join(tmp, "%s.%s.json" % (name, tag))
        return Cmd("DataScrub " + tag, ds + ["scan", path, "--json", out] + list(extra), ok=(0, 1), json_out=out)

    if name in MAIN_ROWS:
        path = ctx["dataset"](name)
        if name.startswith("lmdb") or name.startswith("leveldb"):
            script = [os.path.join(BASELINES, "datum_db.py"), name.split("_")[0], path]
        elif name.startswith("hdf5"):
            script = [os.path.join(BASELINES, "hdf5_rows.py"), path]
        else:
            script = [os.path.join(BASELINES, "image_folder.py"), path]
        a = Cmd("python baseline", [PY] + script, stdout_json=True)
        # Issue 14's targets: every row >= 2x the Python; LMDB raw and float_data >= 4x; contiguous HDF5 >= 3x.
        target = {"lmdb_raw": 4.0, "lmdb_float": 4.0, "hdf5_contiguous": 3.0}.get(name, 2.0)
        row = Row(name, "python `%s` vs `datascrub scan`" % os.path.basename(script[0]), a, scan("scan", path),
                  dataset=path, target=target, target_text="≥ %.2f" % target)
        row.check = lambda: compare_counts(a.result, row.b.result)
        return row
    if name == "fixed_cost":
        a = Cmd("python import", [PY, "-c", "import lmdb, numpy, google.protobuf"])
        return Row(name, "`python3 -c 'import lmdb, numpy, google.protobuf'` vs `datascrub scan` of the 40-record fixture",
                   a, scan("scan", FIXTURE), dataset=FIXTURE, target=0.5, target_text="≥ 0.50 (DataScrub ≤ 2× python)")
    if name == "hdf5_cat":
        path = ctx["dataset"]("hdf5_contiguous")
        a = Cmd("cat", ["sh", "-c", 'cat "$1" > /dev/null', "sh", path])
        return Row(name, "`cat FILE > /dev/null` vs `datascrub scan` of hdf5_contiguous", a, scan("scan", path),
                   dataset=path, target=1 / 1.5, target_text="≥ 0.67 (DataScrub ≤ 1.5× cat)")
    if name == "threads":
        path = ctx["dataset"]("images_photo")
        return Row(name, "images_photo: `datascrub scan --threads 1` vs `--threads 2`",
                   scan("j1", path, "--threads", "1"), scan("j2", path, "--threads", "2"),
                   dataset=path, target=1.8, target_text="≥ 1.80")
    if name == "rebuild":
        path = ctx["dataset"]("lmdb_raw")
        out = os.path.join(tmp, "rebuild-out")
        manifest = os.path.join(out, "datascrub-rebuild.json")

        def clear():
            shutil.rmtree(out, ignore_errors=True)
        b = Cmd("DataScrub rebuild", ds + ["rebuild", path, "--out", out, "--drop-bad"], before=clear)
        row = Row(name, "lmdb_raw: `datascrub scan` vs `datascrub rebuild --out DIR --drop-bad` (DIR removed before each run)",
                  scan("scan", path), b, dataset=path, target=0.5, target_text="≥ 0.50 (rebuild ≤ 2× scan)")
        row.check = lambda: rebuild_check(row.a.result, manifest, clear)
        return row
    if name == "analyses":
        path = ctx["dataset"]("lmdb_raw")
        return Row(name, "lmdb_raw: `datascrub scan --no-duplicates` vs `datascrub scan --batch-size 32,64,256` "
                   "(the CLI cannot turn the label/statistics analyses off; only duplicates and extra batch sizes)",
                   scan("without", path, "--no-duplicates"), scan("with", path, "--batch-size", "32,64,256"),
                   dataset=path, target=1 / 1.1, target_text="≥ 0.91 (with ≤ 1.1× without)")
    raise SystemExit("unknown row %r; rows: %s" % (name, ", ".join(ALL_ROWS)))


def rebuild_check(scan_report, manifest, clear):
    try:
        with open(manifest) as f:
            text = f.read()
    except OSError as e:
        return "**no manifest**: %s" % e
    finally:
        clear()
    _, bad, _ = scrub_counts(scan_report)
    m = json.loads(text)
    dropped = m.get("counts", {}).get("dropped", m.get("dropped"))
    if isinstance(dropped, list):
        dropped = len(dropped)
    return ("dropped %s of %d bad" % (dropped, bad)) if dropped == bad else "**DIFFER**: dropped %s, scan had %d bad" % (dropped, bad)


# --------------------------------------------------------------------------- output
def machine_info(ds):
    def out(argv):
        try:
            return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()
        except OSError:
            return "?"
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    versions = out([PY, "-c", "import sys, numpy, PIL, h5py, lmdb, plyvel, google.protobuf as pb;"
                    "from google.protobuf.internal import api_implementation as ai;"
                    "print('python %s, numpy %s, PIL %s, h5py %s, py-lmdb %s, plyvel %s, protobuf %s (%s)' % ("
                    "sys.version.split()[0], numpy.__version__, PIL.__version__, h5py.__version__, lmdb.__version__,"
                    "plyvel.__version__, pb.__version__, ai.Type()))"])
    commit = out(["git", "-C", REPO, "rev-parse", "--short", "HEAD"])
    return ["- machine: %d cores (nproc %s), %s, %s, kernel %s, %s" % (
                os.cpu_count(), out(["nproc"]), cpu, out(["sh", "-c", ". /etc/os-release; echo $PRETTY_NAME"]),
                platform.release(), "%.1f GB RAM" % (os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9)),
            "- dotnet %s; DataScrub `%s` at commit %s" % (out(["dotnet", "--version"]), " ".join(ds), commit),
            "- %s" % versions,
            "- load average before the run: %s" % " ".join(open("/proc/loadavg").read().split()[:3])]


def fmt_s(x):
    return "%.3f" % x if x < 10 else "%.2f" % x


def table(rows, args):
    lines = ["| row | dataset size | baseline (A) | A median s | DataScrub (B) median s | ratio A/B | target | met? "
             "| A peak RSS MB | B peak RSS MB | counts |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        ratio = r.a.median() / r.b.median()
        met = "—" if r.target is None else ("yes" if ratio >= r.target else "**no**")
        size = "%.1f MB" % (size_of(r.dataset) / 1e6) if r.dataset else "—"
        lines.append("| %s | %s | %s | %s | %s | %.2f | %s | %s | %.0f | %.0f | %s |" % (
            r.name, size, r.a.label, fmt_s(r.a.median()), fmt_s(r.b.median()), ratio, r.target_text, met,
            r.a.peak(), r.b.peak(), r.counts or "—"))
    lines.append("")
    lines += ["- %s: %s" % (r.name, r.what) for r in rows]
    lines.append("- medians of %d alternating runs each, warm page cache, whole-command wall time (start-up "
                 "included), peak RSS from `/usr/bin/time -f %%M` (MiB)%s" % (
                     args.repeats, "; --quick: datasets at 1/10 size" if args.quick else ""))
    return lines


def load_table(pairs):
    lines = ["| row | A plain s | A loaded s | A slow-down | B plain s | B loaded s | B slow-down |",
             "|---|---|---|---|---|---|---|"]
    for idle, loaded in pairs:
        lines.append("| %s | %s | %s | %.2f× | %s | %s | %.2f× |" % (
            idle.name, fmt_s(idle.a.median()), fmt_s(loaded.a.median()), loaded.a.median() / idle.a.median(),
            fmt_s(idle.b.median()), fmt_s(loaded.b.median()), loaded.b.median() / idle.b.median()))
    lines.append("")
    lines.append("- loaded: the same runs while one CPU-bound process (`python3 -c 'while True: pass'`, not pinned) "
                 "runs beside them; A is the Python baseline, B DataScrub")
    return lines


# --------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description="DataScrub vs the Python checks a user would write (issue 14)")
    ap.add_argument("--quick", action="store_true", help="datasets at 1/10 size (a smoke run of the harness)")
    ap.add_argument("--only", help="comma-separated rows: " + ",".join(ALL_ROWS))
    ap.add_argument("--load", action="store_true", help="repeat the dataset rows beside a CPU-bound process")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--data", default="/tmp/datascrub-compare", help="dataset cache (default %(default)s)")
    ap.add_argument("--table", help="also write the markdown table to this file")
    args = ap.parse_args()
    if args.repeats < 1:
        ap.error("--repeats must be >= 1")
    names = ALL_ROWS if not args.only else [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = [n for n in names if n not in ALL_ROWS]
    if unknown:
        ap.error("unknown row(s) %s; rows: %s" % (", ".join(unknown), ", ".join(ALL_ROWS)))
    if "DATASCRUB" not in os.environ:
        ap.error("set DATASCRUB to the DataScrub command prefix (bench/compare.sh does)")
    datascrub = shlex.split(os.environ["DATASCRUB"])

    scale = 0.1 if args.quick else 1.0
    data_dir = os.path.join(args.data, "quick") if args.quick else args.data
    os.makedirs(data_dir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="datascrub-compare-", dir=os.environ.get("TMPDIR", "/tmp"))
    ctx = {"datascrub": datascrub, "tmp": tmp, "dataset": lambda n: ensure_dataset(data_dir, n, scale)}
    info = machine_info(datascrub)
    done, loaded_pairs = [], []
    try:
        for name in names:
            row = build_row(name, ctx)
            log("%s: warming the page cache, then %d alternating runs ..." % (name, args.repeats))
            warm(row.dataset)
            alternate(row.a, row.b, args.repeats)
            if row.check:
                row.counts = row.check()
            log("  A %s s, B %s s, ratio %.2f%s" % (fmt_s(row.a.median()), fmt_s(row.b.median()),
                                                     row.a.median() / row.b.median(), "; " + row.counts if row.counts else ""))
            done.append(row)
        if args.load:
            hog = subprocess.Popen([PY, "-c", "while True: pass"])
            try:
                time.sleep(0.5)
                for row in done:
                    if row.name not in MAIN_ROWS:
                        continue
                    again = build_row(row.name, ctx)
                    log("%s under load: %d alternating runs ..." % (row.name, args.repeats))
                    warm(again.dataset)
                    alternate(again.a, again.b, args.repeats)
                    loaded_pairs.append((row, again))
            finally:
                hog.kill()
                hog.wait()
    except Failure as e:
        log("FAILED: %s" % e)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    out = ["## DataScrub vs Python (bench/compare.sh%s)" % (" --quick" if args.quick else ""), ""] + info + [""]
    out += table(done, args)
    if loaded_pairs:
        out += ["", "### Under load (one CPU-bound process beside the runs)", ""] + load_table(loaded_pairs)
    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    if args.table:
        with open(args.table, "w") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
