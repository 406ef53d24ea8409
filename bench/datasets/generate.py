#!/usr/bin/python3
"""The datasets of bench/compare.sh, generated with fixed seeds (Debian's python3-lmdb, python3-plyvel,
python3-h5py, python3-numpy, python3-protobuf, python3-pil).

    /usr/bin/python3 bench/datasets/generate.py NAME OUT [--scale 0.1]

NAME is one of DATASETS below; OUT is the LMDB/LevelDB directory, the image folder or the .h5 file to
create (it must not exist). --scale multiplies every record count (compare.sh --quick uses 0.1).

Every dataset is clean but for a handful of planted defects, so that DataScrub and the Python
baselines both go through their reporting paths (PLANTED says which; they are errors for both):

  lmdb_raw        200,000 raw uint8 3x32x32 Datums, labels 0..9             2 records with a byte too few
  lmdb_float       50,000 float_data Datums of 150x1x1, labels 0..999       3 records holding a NaN
  leveldb_raw      40,000 raw uint8 3x32x32 Datums, labels 0..9             2 records with a byte too few
  lmdb_encoded      5,000 encoded Datums (JPEG/PNG ~64x64), labels 0..9     2 truncated images
  hdf5_contiguous 160,000 x 3072 float32 `data` (1.97 GB), float32 `label`  3 rows holding a NaN
  hdf5_gzip        40,000 x 3072 float32 `data`, gzip chunks of 64 rows     3 rows holding a NaN
  images_small      5,000 images ~64x64 in 10 class folders, JPEG and PNG,  2 truncated files
                    30% grayscale
  images_photo      1,000 JPEGs ~500x375 (quality 90, a third progressive)  2 truncated files
                    in 5 class folders

The stores are written as Caffe writes them: keys "%08d_<listfile path>" as convert_imageset makes
them, LMDB with a 1 TB map size and a commit every 1,000 records, LevelDB with db_leveldb.cpp's
options (block_size 64 KiB, write_buffer_size 256 MiB, default snappy compression), in batches of
1,000; the LevelDB is then opened and closed once more, as Caffe's first training run does, so its
records sit in a sorted table rather than only in the log. Raw pixels are CHW, smooth blocks plus noise
(photo-like, so snappy and JPEG do what they do on real data); images are smooth gradients plus noise.
"""
import io
import os
import sys

import numpy as np
from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "baselines"))
from caffe_pb2 import Datum  # noqa: E402  (the runtime-built caffe.Datum the baselines use too)

VERSION = 1  # bump when any dataset's bytes change: compare.py regenerates on a stamp mismatch

COUNTS = {"lmdb_raw": 200_000, "lmdb_float": 50_000, "leveldb_raw": 40_000, "lmdb_encoded": 5_000,
          "hdf5_contiguous": 160_000, "hdf5_gzip": 40_000, "images_small": 5_000, "images_photo": 1_000}
PLANTED = {"lmdb_raw": 2, "lmdb_float": 3, "leveldb_raw": 2, "lmdb_encoded": 2,
           "hdf5_contiguous": 3, "hdf5_gzip": 3, "images_small": 2, "images_photo": 2}
SEEDS = {name: 1400 + i for i, name in enumerate(COUNTS)}  # fixed, one per dataset
HDF5_ROW = 3 * 32 * 32


def planted_indices(n, k):
    """k fixed, spread-out record indices (the same ones on every run)."""
    return [int(n * (i + 1) / (k + 1)) + 7 for i in range(k)]


def raw_pixels(rng, count):
    """count photo-like 3x32x32 uint8 CHW images: 4x4 blocks upsampled 8x, plus noise."""
    blocks = rng.integers(0, 256, (count, 3, 4, 4), dtype=np.int16)
    pixels = blocks.repeat(8, axis=2).repeat(8, axis=3)
    pixels += rng.integers(-12, 13, pixels.shape, dtype=np.int16)
    return np.clip(pixels, 0, 255).astype(np.uint8)


def photo(rng, width, height, gray=False, noise=8.0):
    """A smooth gradient (bicubic upsampling of a tiny random image) plus Gaussian noise."""
    channels = 1 if gray else 3
    small = rng.integers(0, 256, (6, 8, channels), dtype=np.uint8)
    base = Image.fromarray(small.squeeze(axis=2) if gray else small).resize((width, height), Image.BICUBIC)
    pixels = np.asarray(base, dtype=np.float32) + rng.normal(0, noise, (height, width) + (() if gray else (3,)))
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def encode(image, fmt, progressive=False):
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=90, progressive=progressive)
    else:
        image.save(out, "PNG")
    return out.getvalue()


def key(i, label, ext="jpg"):
    return ("%08d_class%d/%06d.%s" % (i, label, i, ext)).encode()


# --------------------------------------------------------------------------- Datum stores
def raw_datums(n, rng, planted):
    """(key, value) of n raw 3x32x32 Datums; the planted ones lose their last byte."""
    bad = set(planted_indices(n, planted))
    datum = Datum(channels=3, height=32, width=32)
    for start in range(0, n, 1000):
        count = min(1000, n - start)
        pixels = raw_pixels(rng, count)
        labels = rng.integers(0, 10, count)
        for j in range(count):
            i = start + j
            data = pixels[j].tobytes()
            datum.data = data[:-1] if i in bad else data
            datum.label = int(labels[j])
            yield key(i, datum.label), datum.SerializeToString()


def float_datums(n, rng):
    """n Datums of 150 float_data values (150x1x1); the planted ones hold one NaN."""
    bad = set(planted_indices(n, PLANTED["lmdb_float"]))
    for start in range(0, n, 1000):
        count = min(1000, n - start)
        values = rng.standard_normal((count, 150), dtype=np.float32)
        labels = rng.integers(0, 1000, count)
        for j in range(count):
            i = start + j
            if i in bad:
                values[j, 40 + j % 100] = np.nan
            datum = Datum(channels=150, height=1, width=1, label=int(labels[j]))
            datum.float_data.extend(values[j].tolist())
            yield key(i, datum.label, "bin"), datum.SerializeToString()


def encoded_datums(n, rng):
    """n encoded Datums, JPEG or PNG of ~64x64 (C/H/W set, as convert_imageset --encoded does when it
    stores the file as it is); the planted ones are cut to 60% of their bytes."""
    bad = set(planted_indices(n, PLANTED["lmdb_encoded"]))
    for i in range(n):
        width, height = int(rng.integers(56, 73)), int(rng.integers(56, 73))
        fmt = "JPEG" if rng.random() < 0.5 else "PNG"
        data = encode(photo(rng, width, height, noise=6.0), fmt)
        if i in bad:
            data = data[: len(data) * 6 // 10]
        label = int(rng.integers(0, 10))
        datum = Datum(channels=3, height=height, width=width, data=data, label=label, encoded=True)
        yield key(i, label, "jpg" if fmt == "JPEG" else "png"), datum.SerializeToString()


def write_lmdb(path, records):
    import lmdb
    env = lmdb.open(path, map_size=1 << 40, subdir=True)  # convert_imageset's LMDB_MAP_SIZE
    txn = env.begin(write=True)
    for count, (k, v) in enumerate(records, 1):
        txn.put(k, v)
        if count % 1000 == 0:
            txn.commit()
            txn = env.begin(write=True)
    txn.commit()
    env.close()


def write_leveldb(path, records):
    import plyvel
    options = dict(block_size=65536, write_buffer_size=268435456, max_open_files=100)  # db_leveldb.cpp
    db = plyvel.DB(path, create_if_missing=True, error_if_exists=True, **options)
    batch = db.write_batch()
    for count, (k, v) in enumerate(records, 1):
        batch.put(k, v)
        if count % 1000 == 0:
            batch.write()
            batch = db.write_batch()
    batch.write()
    db.close()
    plyvel.DB(path, **options).close()  # a reader's first open: the log becomes a table


# --------------------------------------------------------------------------- HDF5
def write_hdf5(path, n, rng, chunked):
    import h5py
    bad = set(planted_indices(n, PLANTED["hdf5_gzip" if chunked else "hdf5_contiguous"]))
    with h5py.File(path, "w") as f:
        if chunked:
            data = f.create_dataset("data", (n, HDF5_ROW), dtype="f4", chunks=(64, HDF5_ROW), compression="gzip")
        else:
            data = f.create_dataset("data", (n, HDF5_ROW), dtype="f4")
        label = f.create_dataset("label", (n,), dtype="f4")
        for start in range(0, n, 4096):
            count = min(4096, n - start)
            block = raw_pixels(rng, count).reshape(count, HDF5_ROW).astype(np.float32) / np.float32(255)
            for i in bad:
                if start <= i < start + count:
                    block[i - start, 100 + i % 1000] = np.nan
            data[start:start + count] = block
            label[start:start + count] = rng.integers(0, 10, count).astype(np.float32)


# --------------------------------------------------------------------------- image folders
def write_images(path, n, rng, classes, size, photo_like):
    bad = set(planted_indices(n, PLANTED["images_photo" if photo_like else "images_small"]))
    for c in range(classes):
        os.makedirs(os.path.join(path, "class%02d" % c))
    for i in range(n):
        if photo_like:  # ~500x375, a tenth portrait; JPEG q90, every third progressive
            width, height = size if rng.random() >= 0.1 else size[::-1]
            fmt, gray, progressive, noise = "JPEG", False, i % 3 == 0, 9.0
        else:  # ~64x64, JPEG or PNG, 30% grayscale
            width, height = int(rng.integers(56, 73)), int(rng.integers(56, 73))
            fmt, gray, progressive, noise = ("JPEG" if rng.random() < 0.5 else "PNG"), rng.random() < 0.3, False, 6.0
        data = encode(photo(rng, width, height, gray, noise), fmt, progressive)
        if i in bad:
            data = data[: len(data) * 6 // 10]
        name = os.path.join(path, "class%02d" % (i % classes), "%06d.%s" % (i, "jpg" if fmt == "JPEG" else "png"))
        with open(name, "wb") as f:
            f.write(data)


# --------------------------------------------------------------------------- entry point
def generate(name, out, scale=1.0):
    n = max(20, int(COUNTS[name] * scale))
    rng = np.random.default_rng(SEEDS[name])
    if name == "lmdb_raw":
        write_lmdb(out, raw_datums(n, rng, PLANTED[name]))
    elif name == "lmdb_float":
        write_lmdb(out, float_datums(n, rng))
    elif name == "leveldb_raw":
        write_leveldb(out, raw_datums(n, rng, PLANTED[name]))
    elif name == "lmdb_encoded":
        write_lmdb(out, encoded_datums(n, rng))
    elif name in ("hdf5_contiguous", "hdf5_gzip"):
        write_hdf5(out, n, rng, chunked=name == "hdf5_gzip")
    elif name == "images_small":
        write_images(out, n, rng, classes=10, size=None, photo_like=False)
    elif name == "images_photo":
        write_images(out, n, rng, classes=5, size=(500, 375), photo_like=True)
    else:
        raise SystemExit("unknown dataset %r (one of %s)" % (name, ", ".join(COUNTS)))
    return n


DATASETS = list(COUNTS)

if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser(description="generate one bench/compare.sh dataset")
    ap.add_argument("name", choices=DATASETS)
    ap.add_argument("out")
    ap.add_argument("--scale", type=float, default=1.0)
    a = ap.parse_args()
    if os.path.exists(a.out):
        ap.error("%s exists" % a.out)
    print("%s: %d records" % (a.out, generate(a.name, a.out, a.scale)))
