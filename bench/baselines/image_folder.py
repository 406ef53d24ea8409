#!/usr/bin/python3
"""Baseline: the check a user writes for an image folder (PIL).

    /usr/bin/python3 bench/baselines/image_folder.py DIR

Walks DIR in sorted order and does Image.open(path).load() on every file, in this one process.
The label of a file is the sorted index of its class folder (the first folder under DIR). Prints one
JSON line: records (files), bad (files PIL cannot load), labels (histogram).
"""
import collections, json, os, sys
from PIL import Image

root = sys.argv[1]
classes = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
records = bad = 0
labels = collections.Counter()
for dirpath, dirnames, filenames in os.walk(root):
    dirnames.sort()
    for name in sorted(filenames):
        records += 1
        top = os.path.relpath(dirpath, root).split(os.sep)[0]
        if top in classes:
            labels[classes.index(top)] += 1
        try:
            with Image.open(os.path.join(dirpath, name)) as image:
                image.load()
        except Exception:
            bad += 1
print(json.dumps({"records": records, "bad": bad, "labels": {str(k): v for k, v in sorted(labels.items())}}))
