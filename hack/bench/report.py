#!/usr/bin/env python3
"""Writes the markdown results of hack/bench/store-vs-nginx.sh from its raw outputs (OUT/raw):
every number in the table is computed here from wrk, fio, /sys/block and /proc readings.

usage: report.py OUT_DIR > OUT_DIR/results.md
"""
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fiopick  # noqa: E402  (same folder; chooses the fio depth the run used)

SECTOR = 512
COLD_VS_FIO = 0.85
PUT_VS_NGINX = 1.5


class Phase:
    def __init__(self, raw, name):
        self.name = name
        with open(os.path.join(raw, f"{name}.wrk.json")) as f:
            self.wrk = json.load(f)
        with open(os.path.join(raw, f"{name}.meta.json")) as f:
            self.meta = json.load(f)

    @property
    def requests(self):
        return self.wrk["requests"]

    @property
    def rps(self):
        return self.requests / (self.wrk["duration_us"] / 1e6)

    def latency_ms(self, pct):
        return self.wrk["latency_us"][pct] / 1000

    def per_request(self, disk_field):
        return self.meta["disk"][disk_field] / self.requests

    @property
    def kib_read_per_request(self):
        return self.per_request("read_sectors") * SECTOR / 1024

    @property
    def server_cpu_ms_per_request(self):
        return self.meta["cpu"]["server_ticks"] / self.meta["cpu"]["hz"] * 1000 / self.requests

    @property
    def server_cores(self):
        return self.meta["cpu"]["server_ticks"] / self.meta["cpu"]["hz"] / (self.wrk["duration_us"] / 1e6)

    @property
    def other_cpu_ms_per_request(self):
        c = self.meta["cpu"]
        return (c["machine_busy_ticks"] - c["server_ticks"]) / c["hz"] * 1000 / self.requests

    @property
    def machine_busy(self):
        c = self.meta["cpu"]
        return c["machine_busy_ticks"] / max(1, c["machine_busy_ticks"] + c["machine_idle_ticks"])

    def problems(self):
        w = self.wrk
        found = []
        if w["requests"] != w["planned"]:
            found.append(f"{w['requests']} of {w['planned']} requests answered")
        if w["non_2xx"]:
            found.append(f"{w['non_2xx']} non-2xx answers")
        if w["socket_errors"] or w["timeouts"]:
            found.append(f"{w['socket_errors']} socket errors, {w['timeouts']} timeouts")
        return found


def read_kv(path):
    out = {}
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                if ": " in line and not line.startswith("---"):
                    k, v = line.rstrip("\n").split(": ", 1)
                    out[k] = v
    return out


def fmt(v, digits=0):
    return "—" if v is None else f"{v:,.{digits}f}"


def ratio_verdict(value, base, factor, base_name):
    """The verdict on a target of factor x base, stated as value / base."""
    if value is None or base is None:
        return "not measured"
    ratio = value / base
    if ratio >= factor:
        return f"**met**: {ratio:.2f} x {base_name}"
    return f"**missed** by {100 * (1 - ratio / factor):.0f}%: {ratio:.2f} x {base_name}"


def main(out):
    raw = os.path.join(out, "raw")
    phases = {}
    for path in glob.glob(os.path.join(raw, "*.wrk.json")):
        name = os.path.basename(path)[: -len(".wrk.json")]
        phases[name] = Phase(raw, name)
    get = phases.get

    def both(fn, name_fmt, digits=0):
        return [fmt(fn(get(name_fmt.format(s))) if get(name_fmt.format(s)) else None, digits) for s in ("nginx", "store")]

    machine = read_kv(os.path.join(raw, "machine.txt"))
    with open(os.path.join(raw, "command.txt")) as f:
        command = f.read().strip()
    connections = open(os.path.join(raw, "connections.txt")).read().strip()
    points = fiopick.sweep(raw)
    depth, fio_iops = fiopick.pick(points)
    sizes = [int(line.split("\t")[2]) for line in open(os.path.join(raw, "photos.tsv"))]
    mean_kib = sum(sizes) / len(sizes) / 1024
    space = {name: kib for name, *kib in (line.split() for line in open(os.path.join(raw, "space-kib.txt")))}

    cold_n, cold_s = get("cold-get-nginx"), get("cold-get-store")
    warm_n, warm_s = get("warm-get-nginx"), get("warm-get-store")
    put_n, put_sync, put_s = get("put64-nginx"), get("put64-nginxsync"), get("put64-store")

    rows = []

    def row(label, values, target="", verdict=""):
        rows.append(f"| {label} | {values[0]} | {values[1]} | {target} | {verdict} |")

    cold_target = COLD_VS_FIO * fio_iops
    row("cold GET rps", both(lambda p: p.rps, "cold-get-{}"),
        f"≥ {COLD_VS_FIO} x fio {fio_iops:,.0f} = {cold_target:,.0f}",
        ratio_verdict(cold_s.rps if cold_s else None, fio_iops, COLD_VS_FIO, "fio"))
    row("cold GET latency p50 / p99 (ms)",
        [f"{p.latency_ms('p50'):.1f} / {p.latency_ms('p99'):.1f}" if p else "—" for p in (cold_n, cold_s)])
    reads_s = cold_s.per_request("reads") if cold_s else None
    row("disk reads per cold GET", both(lambda p: p.per_request("reads"), "cold-get-{}", 2), "1.00",
        "not measured" if reads_s is None else ("**met**" if reads_s <= 1.005 else f"**missed** ({reads_s:.2f})"))
    row("cold GET: server cores the target rps would need, at this CPU per GET",
        [fmt(p.server_cpu_ms_per_request * cold_target / 1000 if p else None, 2) for p in (cold_n, cold_s)],
        f"≤ {machine.get('cpus', '?')} cores, shared with wrk")
    row(f"disk KiB read per cold GET (photo mean {mean_kib:.1f} KiB)",
        both(lambda p: p.kib_read_per_request, "cold-get-{}", 1))
    row("warm GET rps (same GETs again, page-cached)", both(lambda p: p.rps, "warm-get-{}"), "≥ nginx",
        ratio_verdict(warm_s.rps if warm_s else None, warm_n.rps if warm_n else None, 1, "nginx"))
    row("warm GET latency p50 / p99 (ms)",
        [f"{p.latency_ms('p50'):.2f} / {p.latency_ms('p99'):.2f}" if p else "—" for p in (warm_n, warm_s)])
    row("disk reads per warm GET", both(lambda p: p.per_request("reads"), "warm-get-{}", 3))
    row("PUT 64 KiB rps, durable (nginx: file system mounted sync,wsync)",
        [fmt(put_sync.rps if put_sync else None), fmt(put_s.rps if put_s else None)],
        f"≥ {PUT_VS_NGINX} x nginx",
        ratio_verdict(put_s.rps if put_s else None, put_sync.rps if put_sync else None, PUT_VS_NGINX, "nginx"))
    row("PUT 64 KiB latency p50 / p99 (ms), durable",
        [f"{p.latency_ms('p50'):.1f} / {p.latency_ms('p99'):.1f}" if p else "—" for p in (put_sync, put_s)])
    row("device flushes per durable PUT",
        [fmt(p.per_request("flushes") if p else None, 2) for p in (put_sync, put_s)])
    row("PUT 64 KiB rps, nginx without fsync (same file system as the Store)",
        [fmt(put_n.rps if put_n else None), "—"])
    row(f"load: {len(sizes):,} photos, PUT rps (MiB/s)",
        [f"{p.rps:,.0f} ({p.rps * mean_kib / 1024:,.0f})" if p else "—"
         for p in (get("load-nginx"), get("load-store"))])
    row("space on disk after the load, allocated / apparent (GiB)",
        [f"{int(space[s][0]) / 2**20:.2f} / {int(space[s][1]) / 2**20:.2f}" if s in space else "—" for s in ("nginx", "store")])
    for label, fmt_name in (("cold GET", "cold-get-{}"), ("warm GET", "warm-get-{}"), ("load PUT", "load-{}")):
        row(f"{label}: server CPU ms per request", both(lambda p: p.server_cpu_ms_per_request, fmt_name, 3))
        row(f"{label}: CPU ms per request outside the server (wrk, kernel threads, anything else)",
            both(lambda p: p.other_cpu_ms_per_request, fmt_name, 3))
        row(f"{label}: cores the server used / machine busy %",
            [f"{p.server_cores:.2f} / {100 * p.machine_busy:.0f}" if p else "—" for p in (get(fmt_name.format("nginx")), get(fmt_name.format("store")))])

    print(f"Run of {machine.get('started', '?')} to {machine.get('finished', '?')}, "
          f"{len(sizes):,} photos ({sum(sizes) / 2**30:.2f} GiB), {connections} connections "
          + (f"(wrk, {connections} = fio's useful queue depth).\n" if str(depth) == connections else
             f"(wrk, set with --connections; fio's useful queue depth was {depth}).\n"))
    print(f"Command: `{command}` (git {machine.get('git', '?')})\n")
    print(f"Machine: {machine.get('cpus', '?')} cores, {machine.get('memory', '?')}, kernel {machine.get('kernel', '?')}, "
          f"load average at start {machine.get('loadavg at start', '?')}, at end {machine.get('loadavg at end', '?')}; nginx {machine.get('nginx', '?')}, "
          f"{machine.get('wrk', '?')}, {machine.get('fio', '?')}"
          + (f", .NET {machine['dotnet']}" if "dotnet" in machine else "") + ".\n")
    print("| | nginx | Store | target | result |")
    print("|---|---:|---:|---|---|")
    print("\n".join(rows))

    print("\nfio, 64 KiB random reads (O_DIRECT, libaio) on a file of the same file system:\n")
    print("| queue depth | IOPS | MiB/s | p50 ms | p99 ms |")
    print("|---:|---:|---:|---:|---:|")
    for d in points:
        with open(os.path.join(raw, f"fio-qd{d}.json")) as f:
            r = json.load(f)["jobs"][0]["read"]
        pct = r["clat_ns"]["percentile"]
        mark = " (chosen)" if d == depth else ""
        print(f"| {d}{mark} | {r['iops']:,.0f} | {r['bw'] / 1024:,.0f} | "
              f"{pct['50.000000'] / 1e6:.2f} | {pct['99.000000'] / 1e6:.2f} |")

    print("\nEvery phase (wrk's own counts; one connection per fio queue slot):\n")
    print("| phase | requests | seconds | rps | disk reads | disk writes | device flushes |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, p in sorted(phases.items(), key=lambda kv: os.path.getmtime(os.path.join(raw, f"{kv[0]}.wrk.json"))):
        d = p.meta["disk"]
        print(f"| {name} | {p.requests:,} | {p.wrk['duration_us'] / 1e6:,.1f} | {p.rps:,.0f} | "
              f"{d['reads']:,} | {d['writes']:,} | {d['flushes']:,} |")

    print_checks(phases, raw)


def print_checks(phases, raw):
    """The phases' own problems and the verify-*.txt results, as one closing line."""
    checks = []
    for name, p in sorted(phases.items()):
        checks += [f"{name}: {problem}" for problem in p.problems()]
    for path in sorted(glob.glob(os.path.join(raw, "verify-*.txt"))):
        checks.append(open(path).read().strip())
    print("\nChecks: " + ("; ".join(checks) if checks else "none run") + ".")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
