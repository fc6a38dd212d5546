#!/usr/bin/env python3
"""Writes a photo set straight into nginx's document root, one file per photo, without HTTP.

Reads photoset.py's put-nginx.tsv ("/data/xx/yy/name.jpg<TAB>pool offset<TAB>size") and pool.bin and
creates ROOT/data/xx/yy/name.jpg with exactly the bytes nginx would have stored for that PUT. Files
are world-readable, so nginx's workers (www-data) serve them. One process, plain open/write/close:
the quickest way to lay down millions of small files.

usage: photofiles.py --list put-nginx.tsv --pool pool.bin --root ROOT
"""
import argparse
import os
import sys


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--list", required=True)
    p.add_argument("--pool", required=True)
    p.add_argument("--root", required=True)
    a = p.parse_args()

    with open(a.pool, "rb") as f:
        pool = memoryview(f.read())
    made = set()
    count = total = 0
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    with open(a.list) as lines:
        for line in lines:
            path, off, size = line.rstrip("\n").split("\t")
            off, size = int(off), int(size)
            full = a.root + path
            folder = os.path.dirname(full)
            if folder not in made:
                os.makedirs(folder, mode=0o755, exist_ok=True)
                made.add(folder)
            fd = os.open(full, flags, 0o644)
            try:
                os.write(fd, pool[off:off + size])
            finally:
                os.close(fd)
            count += 1
            total += size
    print(f"photofiles: {count} files, {total / 2**30:.2f} GiB, {len(made)} folders under {a.root}", file=sys.stderr)


if __name__ == "__main__":
    main()
