#!/usr/bin/python3
"""Baseline: the check a user writes for a Caffe LMDB or LevelDB of Datums (py-lmdb / plyvel + protobuf).

    /usr/bin/python3 bench/baselines/datum_db.py lmdb|leveldb PATH

Per record: ParseFromString; encoded -> PIL Image.open(BytesIO).load(); float_data -> finite and
c*h*w values; else data holds c*h*w bytes. Prints one JSON line: records, bad (records failing any
check), labels (histogram of parsed records).
"""
import collections, io, json, sys
import numpy as np
from PIL import Image
from caffe_pb2 import Datum

kind, path = sys.argv[1], sys.argv[2]
if kind == "lmdb":
    import lmdb
    cursor = lmdb.open(path, readonly=True, lock=False).begin().cursor()
else:
    import plyvel
    cursor = plyvel.DB(path).iterator()

records = bad = 0
labels = collections.Counter()
datum = Datum()
for key, value in cursor:
    records += 1
    try:
        datum.ParseFromString(value)
    except Exception:
        bad += 1
        continue
    labels[datum.label] += 1
    size = datum.channels * datum.height * datum.width
    if datum.encoded:
        try:
            Image.open(io.BytesIO(datum.data)).load()
        except Exception:
            bad += 1
    elif len(datum.float_data):
        values = np.array(datum.float_data, dtype=np.float32)
        if len(values) != size or not np.isfinite(values).all():
            bad += 1
    elif len(np.frombuffer(datum.data, np.uint8)) != size:
        bad += 1
print(json.dumps({"records": records, "bad": bad, "labels": {str(k): v for k, v in sorted(labels.items())}}))
