"""Summarises ab.sh's runs: per build and pass type, the medians of GET rps, server CPU per GET and p50 over
passes 2-4 of every run (pass 1 includes JIT warm-up), and of the PUT load phase (20,000 durable PUTs,
4-128 KiB) that opens every run. Also the 1-minute load average at each run's start. Prints markdown."""
import json
import pathlib
import sys
import re
import statistics

HERE = pathlib.Path(sys.argv[1])  # the results folder ab-builds.sh wrote
PASS = re.compile(r"pass (\d+): ([\d,]+) rps, server ([\d.]+) ms CPU/GET, machine (\d+)% busy, [\d.]+ disk reads/GET, p50 ([\d.]+) ms")

runs = {}
for run in sorted((HERE / "raw").iterdir()):
    if not (run / "load.wrk.json").exists():
        continue
    _, mode, build = run.name.split("-")
    passes = [PASS.search(line) for line in (run / "passes.txt").read_text().splitlines()]
    passes = [p for p in passes if p and int(p.group(1)) > 1]
    wrk = json.loads((run / "load.wrk.json").read_text())
    meta = json.loads((run / "load.meta.json").read_text())
    cpu = meta["cpu"]
    runs.setdefault((mode, build), []).append({
        "get_rps": [float(p.group(2).replace(",", "")) for p in passes],
        "get_cpu": [float(p.group(3)) for p in passes],
        "get_p50": [float(p.group(5)) for p in passes],
        "put_rps": wrk["requests"] / wrk["duration_us"] * 1e6,
        "put_cpu": cpu["server_ticks"] * 1000 / cpu["hz"] / wrk["requests"],
        "put_p50": wrk["latency_us"]["p50"] / 1000,
        # Each round runs each build once per pass type, so the k-th runs of the two builds are one round.
        "round": len(runs.get((mode, build), [])),
        "load": float((run / "load-before.txt").read_text().split("\n")[1].split()[0]),
    })


def med(values):
    return statistics.median(values) if values else float("nan")


print("| build | GETs | runs | GET rps | server ms CPU/GET | GET p50 ms | PUT rps | server ms CPU/PUT | PUT p50 ms | load avg at start |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
for mode in ("warm", "cold"):
    for build in ("before", "after"):
        rs = runs.get((mode, build), [])
        flat = lambda key: [v for r in rs for v in r[key]]
        print(f"| {build} | {mode} | {len(rs)} | {med(flat('get_rps')):,.0f} | {med(flat('get_cpu')):.3f} | {med(flat('get_p50')):.2f} | "
              f"{med([r['put_rps'] for r in rs]):,.0f} | {med([r['put_cpu'] for r in rs]):.3f} | {med([r['put_p50'] for r in rs]):.1f} | "
              f"{', '.join(format(r['load'], '.0f') for r in rs)} |")


print()
print("Paired within each round (after / before, the two runs back to back):")
print()
print("| GETs | round | GET rps | server CPU/GET | PUT rps | server CPU/PUT |")
print("|---|---:|---:|---:|---:|---:|")
for mode in ("warm", "cold"):
    before = {r["round"]: r for r in runs.get((mode, "before"), [])}
    after = {r["round"]: r for r in runs.get((mode, "after"), [])}
    for number in sorted(before.keys() & after.keys()):
        b, a = before[number], after[number]
        print(f"| {mode} | {number + 1} | {med(a['get_rps']) / med(b['get_rps']):.2f} | {med(a['get_cpu']) / med(b['get_cpu']):.2f} | "
              f"{a['put_rps'] / b['put_rps']:.2f} | {a['put_cpu'] / b['put_cpu']:.2f} |")
