#!/usr/bin/env python3
"""Writes the markdown results of hack/bench/memory-bound.sh from its raw outputs (OUT/raw): every
number is computed here from wrk, /sys/block, /proc and memory cgroup readings.

usage: memory-report.py OUT_DIR SIZES_FILE > OUT_DIR/results.md   (SIZES_FILE: one photo size a line)
"""
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report import Phase, fmt, print_checks, ratio_verdict, read_kv  # noqa: E402  (same folder)

COLD_VS_NGINX = 1.5
COLD_AIM = 2.0
MIB = 2**20


def mem(raw, system, moment):
    path = os.path.join(raw, f"memcg-{system}-{moment}.json")
    return json.load(open(path)) if os.path.exists(path) else None


def main(out, sizes_file):
    raw = os.path.join(out, "raw")
    phases = {os.path.basename(p)[: -len(".wrk.json")]: None for p in glob.glob(os.path.join(raw, "*.wrk.json"))}
    phases = {name: Phase(raw, name) for name in phases}
    get = phases.get
    machine = read_kv(os.path.join(raw, "machine.txt"))
    command = open(os.path.join(raw, "command.txt")).read().strip()
    sizes = [int(line) for line in open(sizes_file)]
    mean_kib = sum(sizes) / len(sizes) / 1024
    limit = int(machine.get("limit", "0"))
    warm_conns = machine.get("warm connections", "8 32 128").split()
    cold_conns = machine.get("cold connections", "16").split()

    rows = []

    def row(label, values, target="", verdict=""):
        rows.append(f"| {label} | {values[0]} | {values[1]} | {target} | {verdict} |")

    def both(fn, pair, digits=0):
        return [fmt(fn(p) if p else None, digits) for p in pair]

    for conns in cold_conns:
        cold = (get(f"cold-get-nginx-c{conns}"), get(f"cold-get-store-c{conns}"))
        cold_n, cold_s = cold
        at = f"{conns} connections"
        verdict = ratio_verdict(cold_s.rps if cold_s else None, cold_n.rps if cold_n else None, COLD_VS_NGINX, "nginx")
        row(f"**cold GET rps, {at}**", both(lambda p: p.rps, cold), f"Store ≥ {COLD_VS_NGINX} x nginx (aim {COLD_AIM} x)", verdict)
        row(f"cold, {at}: latency p50 / p90 / p99 (ms)",
            [f"{p.latency_ms('p50'):.1f} / {p.latency_ms('p90'):.1f} / {p.latency_ms('p99'):.1f}" if p else "—" for p in cold])
        reads_s = cold_s.per_request("reads") if cold_s else None
        row(f"cold, {at}: disk reads per GET", both(lambda p: p.per_request("reads"), cold, 2), "Store 1.00",
            "not measured" if reads_s is None else ("**met**" if reads_s <= 1.005 else f"**missed** ({reads_s:.2f})"))
        row(f"cold, {at}: disk KiB read per GET (photo mean {mean_kib:.1f} KiB)", both(lambda p: p.kib_read_per_request, cold, 1))
        cpu = [p.server_cpu_ms_per_request if p else None for p in cold]
        row(f"cold, {at}: server CPU ms per GET", [fmt(c, 3) for c in cpu], "Store ≤ nginx",
            "not measured" if None in cpu else (f"**met**: {cpu[1] / cpu[0]:.2f} x nginx" if cpu[1] <= cpu[0]
                                                else f"**missed**: {cpu[1] / cpu[0]:.2f} x nginx"))
        row(f"cold, {at}: CPU ms per GET outside the server (wrk, kernel threads, loop device)",
            both(lambda p: p.other_cpu_ms_per_request, cold, 3))
        row(f"cold, {at}: cores the server used / machine busy %",
            [f"{p.server_cores:.2f} / {100 * p.machine_busy:.0f}" if p else "—" for p in cold])
        started = [mem(raw, s, f"started-c{conns}") for s in ("nginx", "store")]
        after = [mem(raw, s, f"cold-c{conns}") for s in ("nginx", "store")]
        row(f"cold, {at}: cgroup memory before, all / kernel (MiB)",
            [f"{m['usage'] / MIB:.0f} / {m['kmem_usage'] / MIB:.0f}" if m else "—" for m in started])
        row(f"cold, {at}: cgroup memory after, all / page cache / anonymous / kernel (MiB)",
            [f"{m['usage'] / MIB:.0f} / {m['cache'] / MIB:.0f} / {m['rss'] / MIB:.0f} / {m['kmem_usage'] / MIB:.0f}" if m else "—"
             for m in after])
        row(f"cold, {at}: cgroup peak all / kernel (MiB); times the limit was hit (since start)",
            [f"{m['max_usage'] / MIB:.0f} / {m['kmem_max_usage'] / MIB:.0f}; {m['failcnt']:,}" if m else "—" for m in after])
    for conns in warm_conns:
        warm = (get(f"warm-get-nginx-c{conns}"), get(f"warm-get-store-c{conns}"))
        row(f"warm GET rps, {conns} connections", both(lambda p: p.rps, warm), "≥ nginx",
            ratio_verdict(warm[1].rps if warm[1] else None, warm[0].rps if warm[0] else None, 1, "nginx"))
        row(f"warm GET, {conns} connections: latency p50 / p99 (ms); server CPU ms per GET; disk reads per GET",
            [f"{p.latency_ms('p50'):.2f} / {p.latency_ms('p99'):.2f}; {p.server_cpu_ms_per_request:.3f}; {p.per_request('reads'):.3f}"
             if p else "—" for p in warm])
    space = {name: kib for name, *kib in (line.split() for line in open(os.path.join(raw, "space-kib.txt")))}
    row("space on disk, allocated / apparent (GiB)",
        [f"{int(space[s][0]) / 2**20:.2f} / {int(space[s][1]) / 2**20:.2f}" if s in space else "—" for s in ("nginx", "store")])

    print(f"Run of {machine.get('started', '?')} to {machine.get('finished', '?')}: {len(sizes):,} photos "
          f"({sum(sizes) / 2**30:.2f} GiB, {min(sizes) // 1024}-{max(sizes) // 1024} KiB), each server in a memory cgroup "
          f"limited to {limit / MIB:.0f} MiB.\n")
    print(f"Command: `{command}` (git {machine.get('git', '?')})\n")
    print(f"Machine: {machine.get('cpus', '?')} cores, {machine.get('memory', '?')}, kernel {machine.get('kernel', '?')}, "
          f"load average at start {machine.get('loadavg at start', '?')}, at end {machine.get('loadavg at end', '?')}; "
          f"nginx {machine.get('nginx', '?')}, {machine.get('wrk', '?')}, .NET {machine.get('dotnet', '?')}.\n")
    load = os.path.join(raw, "load.txt")
    if os.path.exists(load):
        print("Load: " + "; ".join(line.strip() for line in open(load) if line.strip()) + ".\n")
    print("| | nginx | Store | target | result |")
    print("|---|---:|---:|---|---|")
    print("\n".join(rows))

    print("\nEvery phase (wrk's own counts):\n")
    print("| phase | requests | connections | seconds | rps | disk reads | disk KiB read | server CPU ms/req |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, p in sorted(phases.items(), key=lambda kv: os.path.getmtime(os.path.join(raw, f"{kv[0]}.wrk.json"))):
        d = p.meta["disk"]
        print(f"| {name} | {p.requests:,} | {p.meta['connections']} | {p.wrk['duration_us'] / 1e6:,.1f} | {p.rps:,.0f} | "
              f"{d['reads']:,} | {d['read_sectors'] // 2:,} | {p.server_cpu_ms_per_request:.3f} |")

    print_checks(phases, raw)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
