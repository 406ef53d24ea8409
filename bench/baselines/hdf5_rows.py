#!/usr/bin/python3
"""Baseline: the check a user writes for a Caffe HDF5Data file (h5py + numpy).

    /usr/bin/python3 bench/baselines/hdf5_rows.py FILE.h5

Reads `data` 1,024 rows at a time (a multiple of the bench's 64-row chunks), finds rows holding
NaN/Inf with np.isfinite(block).all(axis=1), and counts `label`. Prints one JSON line: records
(rows), bad (rows with a non-finite value), labels (histogram).
"""
import collections, json, sys
import h5py
import numpy as np

with h5py.File(sys.argv[1], "r") as f:
    data = f["data"]
    rows, bad = data.shape[0], 0
    for start in range(0, rows, 1024):
        block = data[start:start + 1024].reshape(-1, int(np.prod(data.shape[1:])))
        bad += int(np.count_nonzero(~np.isfinite(block).all(axis=1)))
    labels = collections.Counter(f["label"][:].astype(np.int64).ravel().tolist())
print(json.dumps({"records": rows, "bad": bad, "labels": {str(k): v for k, v in sorted(labels.items())}}))
