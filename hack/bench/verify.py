#!/usr/bin/env python3
"""Checks that a server gives back the exact bytes it was sent: GETs a seeded sample of a PUT list
("path<TAB>pool offset<TAB>size") and compares each body with its slice of the pool. Prints one
summary line; exits 1 when any photo is missing or differs, so a fast but wrong server fails the run."""
import argparse
import random
import sys
import urllib.error
import urllib.request


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--url", required=True)
    p.add_argument("--list", required=True)
    p.add_argument("--pool", required=True)
    p.add_argument("--sample", type=int, default=500)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()

    with open(a.pool, "rb") as f:
        pool = f.read()
    with open(a.list) as f:
        rows = [line.rstrip("\n").split("\t") for line in f]
    sample = random.Random(a.seed).sample(rows, min(a.sample, len(rows)))

    bad = []
    for path, off, size in sample:
        want = pool[int(off): int(off) + int(size)]
        try:
            with urllib.request.urlopen(a.url + path, timeout=30) as r:
                got = r.read()
        except urllib.error.HTTPError as e:
            bad.append(f"{path}: HTTP {e.code}")
            continue
        if got != want:
            bad.append(f"{path}: {len(got)} bytes differ from the {len(want)} sent")

    print(f"verify {a.url}: {len(sample) - len(bad)}/{len(sample)} photos byte-identical")
    for line in bad[:10]:
        print("  " + line)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
