#!/usr/bin/python3
"""Write a folder of JPEGs for image-scan benchmarks (a benchmark helper,
not a test fixture).

    /usr/bin/python3 bench/make_jpeg_folder.py OUT_DIR [--count 2000]
        [--size 256] [--classes 10] [--quality 90] [--seed 1]

Writes COUNT baseline JPEGs (quality 90 by default) into OUT_DIR/class_K/
(K = 0..CLASSES-1, round robin), named img_NNNNNN.jpg.  Each image is about
SIZE x SIZE: width and height are drawn in [7/8 SIZE, 9/8 SIZE].  Content is
"natural-ish": smooth colour gradients and waves, a few filled discs, and
Gaussian noise (sigma 8), so files compress like photos rather than like
flat colour (about 0.3-0.4 bytes/pixel at q90).  Deterministic for a given
--seed (numpy default_rng per image).  Prints the count and total bytes.
"""

import argparse
import os
import sys

import numpy as np
from PIL import Image


def make_pixels(rng, w, h):
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    x /= w
    y /= h
    img = np.empty((h, w, 3), np.float32)
    for c in range(3):
        a, b, p = rng.uniform(0.5, 3.0), rng.uniform(0.5, 3.0), \
            rng.uniform(0, 6.283)
        img[..., c] = 128 + 60 * np.sin(a * 6.283 * x + p) \
            * np.cos(b * 3.1416 * y) + rng.uniform(-50, 50) * (x - y)
    for _ in range(int(rng.integers(2, 6))):
        cx, cy, r = rng.uniform(0, 1), rng.uniform(0, 1), rng.uniform(0.05, 0.3)
        disk = (x - cx) ** 2 + (y - cy) ** 2 < r * r
        img[disk] = img[disk] * 0.3 + rng.uniform(0, 255, 3) * 0.7
    img += rng.normal(0, 8, img.shape).astype(np.float32)
    return np.clip(img, 0, 255).astype(np.uint8)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--size", type=int, default=256)
    ap.add_argument("--classes", type=int, default=10)
    ap.add_argument("--quality", type=int, default=90)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    if a.count < 1 or a.size < 8 or a.classes < 1:
        ap.error("need --count >= 1, --size >= 8, --classes >= 1")
    lo, hi = a.size * 7 // 8, a.size * 9 // 8
    total = 0
    for k in range(a.classes):
        os.makedirs(os.path.join(a.out_dir, "class_%d" % k), exist_ok=True)
    for i in range(a.count):
        rng = np.random.default_rng([a.seed, i])
        w, h = int(rng.integers(lo, hi + 1)), int(rng.integers(lo, hi + 1))
        path = os.path.join(a.out_dir, "class_%d" % (i % a.classes),
                            "img_%06d.jpg" % i)
        Image.fromarray(make_pixels(rng, w, h), "RGB").save(
            path, "JPEG", quality=a.quality)
        total += os.path.getsize(path)
    print("wrote %d JPEGs (%d bytes, %.1f KB avg) into %s"
          % (a.count, total, total / a.count / 1024, a.out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
