#!/usr/bin/python3
"""Write a large Caffe-style HDF5 file for benchmarks (not a test fixture).

    /usr/bin/python3 bench/make_big_hdf5.py OUT.h5 --gigabytes G [--gzip]
                                             [--seed S] [--force]

Datasets (root):
  data   float32 (N, 3, 64, 64), N = round(G * 1e9 / 49152), at least 1
         (G is decimal gigabytes of float32 payload, 1 GB = 1e9 bytes)
  label  int64 (N,), classes 0..9

Layout: contiguous without --gzip; with --gzip, chunks (64, 3, 64, 64)
(3 MiB each) and gzip level 1 (label: chunks (65536,), gzip 1).

Values are uniform floats in [0, 1). A few non-finite values are planted at
rows chosen from the seed: one NaN in each of up to 5 rows, one +Inf row and
one -Inf row (each at one random index). They are printed and also stored as
root attributes (planted_nan_rows, planted_posinf_rows, planted_neginf_rows;
int64 arrays) so a benchmark can check its result.

Writing streams 1024 rows (48 MiB of float32) at a time, so memory stays
bounded whatever G is. A multiple of the 64-row chunk: every slab write
fills whole chunks. The script refuses to overwrite OUT.h5 unless --force,
and refuses to start when the file system lacks G * 1.05 GB of free space.

Prints the planted rows, then one line:
  wrote OUT.h5: N rows, B bytes of data (F bytes on disk), S s (X MB/s)

Use Debian's /usr/bin/python3 (apt: python3-h5py python3-numpy).
"""

import argparse
import os
import shutil
import sys
import time

import h5py
import numpy as np

ROW_SHAPE = (3, 64, 64)
ROW_FLOATS = 3 * 64 * 64
ROW_BYTES = ROW_FLOATS * 4
SLAB = 1024
GZIP_CHUNK_ROWS = 64


def parse(argv):
    ap = argparse.ArgumentParser(
        description="Write a big Caffe-style HDF5 file for benchmarks.")
    ap.add_argument("out", metavar="OUT.h5")
    ap.add_argument("--gigabytes", type=float, required=True,
                    help="float32 payload in GB (1e9 bytes)")
    ap.add_argument("--gzip", action="store_true",
                    help="chunks (64,3,64,64), gzip level 1")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--force", action="store_true",
                    help="overwrite OUT.h5 if it exists")
    a = ap.parse_args(argv)
    if not a.gigabytes > 0:
        ap.error("--gigabytes must be > 0")
    return a


def main(argv):
    a = parse(argv)
    out = os.path.abspath(a.out)
    if os.path.exists(out) and not a.force:
        sys.exit("make_big_hdf5: %s exists (use --force to overwrite)" % out)
    if os.path.isdir(out):
        sys.exit("make_big_hdf5: %s is a directory" % out)
    n = max(1, int(round(a.gigabytes * 1e9 / ROW_BYTES)))
    payload = n * ROW_BYTES
    free = shutil.disk_usage(os.path.dirname(out)).free
    if free < payload * 1.05:
        sys.exit("make_big_hdf5: needs ~%d bytes, only %d free on %s"
                 % (payload * 1.05, free, os.path.dirname(out)))

    rng = np.random.default_rng(a.seed)
    rows = rng.choice(n, size=min(n, 7), replace=False)
    nan_rows = sorted(int(r) for r in rows[:5])
    pos_rows = sorted(int(r) for r in rows[5:6])
    neg_rows = sorted(int(r) for r in rows[6:7])
    plants = {}   # row -> list of (index, value)
    for rr, val in ((nan_rows, np.nan), (pos_rows, np.inf),
                    (neg_rows, -np.inf)):
        for r in rr:
            plants.setdefault(r, []).append(
                (int(rng.integers(ROW_FLOATS)), val))

    opts = {}
    lopts = {}
    if a.gzip:
        opts = dict(chunks=(min(GZIP_CHUNK_ROWS, n),) + ROW_SHAPE,
                    compression="gzip", compression_opts=1)
        lopts = dict(chunks=(min(65536, n),), compression="gzip",
                     compression_opts=1)

    t0 = time.perf_counter()
    with h5py.File(out, "w", libver="earliest") as f:
        ds = f.create_dataset("data", shape=(n,) + ROW_SHAPE,
                              dtype="<f4", **opts)
        lab = f.create_dataset("label", shape=(n,), dtype="<i8", **lopts)
        for start in range(0, n, SLAB):
            stop = min(n, start + SLAB)
            slab = rng.random((stop - start,) + ROW_SHAPE, dtype=np.float32)
            for r in range(start, stop):
                for idx, val in plants.get(r, ()):
                    slab[r - start].reshape(-1)[idx] = val
            ds[start:stop] = slab
            lab[start:stop] = rng.integers(0, 10, size=stop - start,
                                           dtype=np.int64)
        f.attrs["planted_nan_rows"] = np.array(nan_rows, dtype="<i8")
        f.attrs["planted_posinf_rows"] = np.array(pos_rows, dtype="<i8")
        f.attrs["planted_neginf_rows"] = np.array(neg_rows, dtype="<i8")
        f.attrs["seed"] = a.seed
    secs = time.perf_counter() - t0

    print("planted NaN rows: %s" % nan_rows)
    print("planted +Inf rows: %s" % pos_rows)
    print("planted -Inf rows: %s" % neg_rows)
    for r in sorted(plants):
        print("  row %d: %s" % (r, ", ".join(
            "%s at %d" % (repr(float(v)), i) for i, v in plants[r])))
    print("wrote %s: %d rows, %d bytes of data (%d bytes on disk), %.2f s "
          "(%.0f MB/s)%s" % (out, n, payload, os.path.getsize(out), secs,
                             payload / 1e6 / secs,
                             ", gzip 1, chunks (%d,3,64,64)"
                             % opts["chunks"][0] if a.gzip else
                             ", contiguous"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
