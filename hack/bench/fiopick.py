#!/usr/bin/env python3
"""Reads the fio sweep (fio-qdN.json) and prints "DEPTH IOPS": the device's useful concurrency,
i.e. the smallest queue depth that reaches 90% of the best IOPS of the sweep (more depth after
that only queues), and the IOPS fio measured at that depth."""
import glob
import json
import os
import re
import sys

USEFUL = 0.90


def sweep(raw_dir):
    points = {}
    for path in glob.glob(os.path.join(raw_dir, "fio-qd*.json")):
        depth = int(re.search(r"fio-qd(\d+)\.json$", path).group(1))
        with open(path) as f:
            points[depth] = json.load(f)["jobs"][0]["read"]["iops"]
    if not points:
        sys.exit(f"fiopick: no fio-qd*.json in {raw_dir}")
    return dict(sorted(points.items()))


def pick(points):
    best = max(points.values())
    return next((d, iops) for d, iops in points.items() if iops >= USEFUL * best)


if __name__ == "__main__":
    depth, iops = pick(sweep(sys.argv[1]))
    print(depth, round(iops))
