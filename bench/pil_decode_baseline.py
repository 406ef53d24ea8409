#!/usr/bin/python3
"""Baseline: how fast does a typical Python loader check decode a folder?
(a benchmark helper, not a test)

    /usr/bin/python3 bench/pil_decode_baseline.py DIR [--no-warm]

Walks DIR recursively (sorted, hidden files and folders skipped), takes
every file with an image extension (.jpg .jpeg .png .gif .bmp .webp .ppm
.pgm .pbm .pnm .tif .tiff, any case), and for each does
`Image.open(path).load()` in this one process, sequentially -- what a
"verify my dataset with PIL" script does.  A file counts as failed if either
call raises.  Only that loop is timed (time.perf_counter); listing the
folder and summing sizes are not.  By default every file is read once
before timing so the page cache is warm (--no-warm skips that), which makes
the number comparable with an in-cache scan.

Prints ONE JSON line:
  {"files": n, "failed": k, "seconds": s, "files_per_s": x, "bytes": b}
"""

import json
import os
import sys
import time
import warnings

from PIL import Image

EXTS = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".ppm", ".pgm",
        ".pbm", ".pnm", ".tif", ".tiff"}


def list_images(root):
    out = []
    for dirpath, dirnames, names in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for n in sorted(names):
            if not n.startswith(".") and os.path.splitext(n)[1].lower() in EXTS:
                out.append(os.path.join(dirpath, n))
    return out


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 1 or any(a not in ("--no-warm",) for a in argv
                              if a.startswith("--")):
        print(__doc__, file=sys.stderr)
        return 2
    files = list_images(args[0])
    nbytes = sum(os.path.getsize(f) for f in files)
    if "--no-warm" not in argv:
        for f in files:
            with open(f, "rb") as fh:
                while fh.read(1 << 20):
                    pass
    failed = 0
    warnings.simplefilter("ignore")  # DecompressionBombWarning etc.
    t0 = time.perf_counter()
    for f in files:
        try:
            with Image.open(f) as im:
                im.load()
        except Exception:  # noqa: BLE001 -- any failure counts
            failed += 1
    secs = time.perf_counter() - t0
    print(json.dumps({"files": len(files), "failed": failed,
                      "seconds": round(secs, 4),
                      "files_per_s": round(len(files) / secs, 1)
                      if secs > 0 else None,
                      "bytes": nbytes}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
