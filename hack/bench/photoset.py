#!/usr/bin/env python3
"""Generates the benchmark's photo set: one pool of random bytes and the path lists that wrk walks.

A photo's body is a slice of the pool (distinct offsets, so every photo has its own bytes, and
random bytes are incompressible like JPEG data). Both systems get the same bodies and the same
shuffled read order, so their numbers compare like for like. Everything follows from --seed.

Files written to --out:
  pool.bin               random bytes every body is cut from
  photos.tsv             key, cookie, size, pool offset (the set itself)
  put-<target>.tsv       url, pool offset, size: the load, in key order
  get-<target>.txt       url per line: the read order (a shuffle of every photo, each once)
  put64-<target>.tsv     url, pool offset, 65536: fresh photos for the 64 KiB PUT phase
"""
import argparse
import os
import random
import sys

KIB = 1024
POOL_BYTES = 64 * 1024 * KIB  # big enough for distinct slices, small enough for each wrk thread's LuaJIT heap


def nginx_url(prefix, key, cookie):
    # Backpack's scheme xx/yy/name.jpg: two levels of 256 folders keep directories small.
    return f"{prefix}/{key & 0xFF:02x}/{(key >> 8) & 0xFF:02x}/p{key:016x}_{cookie:08x}.jpg"


def store_url(volumes, key, cookie):
    # Photo id of docs/store-api.md: "<volume>,<key hex><cookie hex 8>".
    volume = 1 + key % volumes
    return f"/{volume},{key:x}{cookie:08x}"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True)
    p.add_argument("--photos", type=int, default=200_000)
    p.add_argument("--puts", type=int, default=20_000, help="photos of the 64 KiB PUT phase")
    p.add_argument("--min-kib", type=int, default=4)
    p.add_argument("--max-kib", type=int, default=128)
    p.add_argument("--volumes", type=int, default=8, help="store volumes the photos spread over")
    p.add_argument("--seed", type=int, default=20101004)
    a = p.parse_args()

    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "pool.bin"), "wb") as f:
        f.write(rng.randbytes(POOL_BYTES))

    total = a.photos + a.puts
    keys = rng.sample(range(1, 2**63), total)  # distinct 64-bit keys, like the paper's
    max_size = a.max_kib * KIB
    offsets = rng.sample(range(POOL_BYTES - max_size), total)
    photos = []
    for i in range(total):
        size = rng.randint(a.min_kib * KIB, max_size) if i < a.photos else 64 * KIB
        photos.append((keys[i], rng.getrandbits(32), size, offsets[i]))

    targets = {
        "nginx": lambda k, c: nginx_url("/data", k, c),
        "store": lambda k, c: store_url(a.volumes, k, c),
    }
    put64_targets = dict(targets, nginxsync=lambda k, c: nginx_url("/sync", k, c))

    with open(os.path.join(a.out, "photos.tsv"), "w") as f:
        for key, cookie, size, off in photos[: a.photos]:
            f.write(f"{key}\t{cookie}\t{size}\t{off}\n")
    order = list(range(a.photos))
    rng.shuffle(order)
    for name, url in targets.items():
        with open(os.path.join(a.out, f"put-{name}.tsv"), "w") as f:
            for key, cookie, size, off in photos[: a.photos]:
                f.write(f"{url(key, cookie)}\t{off}\t{size}\n")
        with open(os.path.join(a.out, f"get-{name}.txt"), "w") as f:
            for i in order:
                key, cookie, _, _ = photos[i]
                f.write(url(key, cookie) + "\n")
    for name, url in put64_targets.items():
        with open(os.path.join(a.out, f"put64-{name}.tsv"), "w") as f:
            for key, cookie, size, off in photos[a.photos :]:
                f.write(f"{url(key, cookie)}\t{off}\t{size}\n")

    total_bytes = sum(s for _, _, s, _ in photos[: a.photos])
    print(f"photoset: {a.photos} photos, {total_bytes / 2**30:.2f} GiB, {a.puts} x 64 KiB PUTs, seed {a.seed}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
