#!/usr/bin/python3
"""Baseline: the NaN/Inf scan a user would write with h5py + numpy.

    /usr/bin/python3 bench/hdf5_numpy_baseline.py FILE [--dataset data]
                                                  [--rows 1000]

Opens FILE with h5py, reads the dataset `rows` rows at a time
(ds[i:i+rows]), runs np.isfinite on each slab, counts NaN and +-Inf values
and remembers the first row holding a non-finite value. Only the scan is
timed (from h5py.File() to the end), not the interpreter start-up or the
imports. Prints ONE JSON line:

  {"seconds": s, "bytes": b, "rows": n, "nan": k, "inf": m,
   "first_nonfinite_row": r or null, "mb_per_s": x}

bytes = rows * row size in bytes of the dataset's dtype (the decoded
payload, not the size on disk); mb_per_s = bytes / 1e6 / seconds. nan and
inf count values, not rows.

Notes: a second run reads from the page cache (drop caches for a cold-read
number). With a chunked dataset, a `rows` that is not a multiple of the chunk
rows makes some chunks be read and inflated twice, because their size
exceeds h5py's default 1 MiB chunk cache (that is what a naive user gets;
pass --rows 1024 for 64-row chunks to avoid it).
"""

import argparse
import json
import sys
import time

import h5py
import numpy as np


def main(argv):
    ap = argparse.ArgumentParser(
        description="h5py + numpy NaN/Inf scan baseline")
    ap.add_argument("file")
    ap.add_argument("--dataset", default="data")
    ap.add_argument("--rows", type=int, default=1000)
    a = ap.parse_args(argv)
    if a.rows < 1:
        ap.error("--rows must be >= 1")

    t0 = time.perf_counter()
    with h5py.File(a.file, "r") as f:
        ds = f[a.dataset]
        if not ds.shape:
            sys.exit("hdf5_numpy_baseline: %s is a scalar dataset"
                     % a.dataset)
        n = ds.shape[0]
        row_bytes = ds.dtype.itemsize * int(np.prod(ds.shape[1:]))
        nan = inf = 0
        first = None
        for i in range(0, n, a.rows):
            slab = ds[i:i + a.rows]
            fin = np.isfinite(slab)
            if fin.all():
                continue
            nan += int(np.count_nonzero(np.isnan(slab)))
            inf += int(np.count_nonzero(np.isinf(slab)))
            if first is None:
                bad_rows = ~fin.reshape(fin.shape[0], -1).all(axis=1)
                first = i + int(np.argmax(bad_rows))
    secs = time.perf_counter() - t0
    total = n * row_bytes
    print(json.dumps({"seconds": round(secs, 6), "bytes": total, "rows": n,
                      "nan": nan, "inf": inf, "first_nonfinite_row": first,
                      "mb_per_s": round(total / 1e6 / secs, 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
