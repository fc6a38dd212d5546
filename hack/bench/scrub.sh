#!/usr/bin/env bash
# Scrub figures for docs/benchmarks.md ("Scrub"), on 127.0.0.1 only:
#   1. throughput: one unthrottled pass over a volume (the scrub's own ceiling on this disk and CPU);
#   2. cost to GET latency at the default rate: wrk runs with the scrub paused (A) and running at its default
#      rate (B), interleaved A B A B ... so the machine's drift hits both alike; p50/p99 of each run;
#   3. time from corruption to repair: 3 stores, a directory, one byte flipped under a running store, the
#      default scrub rate and probe interval; the clock stops when the directory reports the needle repaired.
# Usage: hack/bench/scrub.sh [--photos N] [--size BYTES] [--pairs N] [--seconds S] [--pace-ms MS] [--out DIR]
#   --pace-ms MS: each of wrk's 16 connections waits MS between requests (0, the default, saturates the store)
set -euo pipefail
cd "$(dirname "$0")/../.."
PHOTOS=4000 SIZE=65536 PAIRS=5 SECONDS_PER_RUN=10 PACE_MS=0 OUT=/tmp/haystack-scrub-bench
while [[ $# -gt 0 ]]; do
  case "$1" in
    --photos) PHOTOS=$2; shift 2 ;;
    --size) SIZE=$2; shift 2 ;;
    --pairs) PAIRS=$2; shift 2 ;;
    --seconds) SECONDS_PER_RUN=$2; shift 2 ;;
    --pace-ms) PACE_MS=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
rm -rf "$OUT"; mkdir -p "$OUT/raw"
dotnet build src/Haystack/Haystack.csproj -c Release -v quiet -nologo >/dev/null
HAYSTACK=src/Haystack/bin/Release/net10.0/haystack
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_ready() { for _ in $(seq 600); do curl -sf "$1/readyz" >/dev/null && return 0; sleep 0.1; done; echo "$1 not ready" >&2; exit 1; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {}, {'d': d}))" "$1"; }
wait_pass() { # store volume passes-before
  while [[ "$(curl -s "$1/volumes/$2/scrub" | json "d['scrub']['passes'] > $3 and d['scrub']['pass_started'] is None")" != True ]]; do sleep 0.05; done
}

echo "## machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, $(uname -r), data in $OUT ($(df -T "$OUT" | awk 'NR==2{print $2}'))" | tee "$OUT/results.md"

# --- one store for 1 and 2 ----------------------------------------------------------------------------------------
"$HAYSTACK" store --data "$OUT/store" --port 17301 --grpc-port 17302 --create-volume 1 >"$OUT/raw/store.log" 2>&1 &
PIDS+=($!)
STORE=http://127.0.0.1:17301
wait_ready "$STORE"
python3 - "$STORE" "$PHOTOS" "$SIZE" "$OUT/paths.txt" <<'PY'
import os, sys, urllib.request
store, photos, size, listing = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
pool = os.urandom(size * 4)
with open(listing, "w") as out:
    for i in range(photos):
        path = f"/1,{i + 1:x}{0x1234abcd:08x}"
        start = (i * 7919) % (len(pool) - size)
        urllib.request.urlopen(urllib.request.Request(store + path, data=pool[start:start + size], method="PUT")).read()
        out.write(path + "\n")
PY
BYTES=$(curl -s "$STORE/volumes/1" | json "d['size_bytes']")
echo "volume: $PHOTOS photos of $SIZE bytes, $BYTES bytes" | tee -a "$OUT/results.md"
DEFAULT_RATE=$(curl -s "$STORE/scrub" | json "d['rate_limit_bytes_per_second']")

# 1. throughput
curl -s -XPOST "$STORE/scrub/rate?bytes_per_second=100000000000" >/dev/null
PASSES=$(curl -s "$STORE/volumes/1/scrub" | json "d['scrub']['passes']")
START=$(date +%s.%N); curl -s -XPOST "$STORE/volumes/1/scrub" >/dev/null; wait_pass "$STORE" 1 "$PASSES"; END=$(date +%s.%N)
python3 -c "print(f'1. unthrottled pass: {$BYTES / ($END - $START) / 2**20:.0f} MiB/s ({$BYTES} bytes in {$END - $START:.2f} s, page cache warm)')" | tee -a "$OUT/results.md"

# 2. GET latency, scrub paused (A) vs at the default rate (B)
curl -s -XPOST "$STORE/scrub/rate?bytes_per_second=$DEFAULT_RATE" >/dev/null
echo "2. GET latency, wrk -t2 -c16 ${SECONDS_PER_RUN}s runs, pace ${PACE_MS} ms per connection, random photos; A = scrub paused, B = scrub at the default $DEFAULT_RATE B/s" | tee -a "$OUT/results.md"
for pair in $(seq "$PAIRS"); do
  for side in A B; do
    if [[ $side == A ]]; then curl -s -XPOST "$STORE/scrub/pause" >/dev/null
    else curl -s -XPOST "$STORE/scrub/resume" >/dev/null; curl -s -XPOST "$STORE/volumes/1/scrub" >/dev/null; fi
    wrk -t2 -c16 -d"${SECONDS_PER_RUN}s" --latency -s hack/bench/scrub-random.lua "$STORE" -- "$OUT/paths.txt" "$PACE_MS" >"$OUT/raw/wrk-$pair-$side.txt"
    MEASURED=$(curl -s "$STORE/scrub" | json "d['measured_bytes_per_second']")
    echo "$pair $side $(awk '/^ +50%/{p50=$2} /^ +99%/{p99=$2} /Requests\/sec/{rps=$2} END{print p50, p99, rps}' "$OUT/raw/wrk-$pair-$side.txt") $MEASURED" >>"$OUT/raw/latency.txt"
  done
done
python3 - "$OUT/raw/latency.txt" <<'PY' | tee -a "$OUT/results.md"
import sys, statistics
def ms(text):
    return float(text[:-2]) if text.endswith("ms") else float(text[:-2]) / 1000 if text.endswith("us") else float(text[:-1]) * 1000
rows = [line.split() for line in open(sys.argv[1])]
print("| pair | A p50 ms | A p99 ms | A req/s | B p50 ms | B p99 ms | B req/s | B scrub MiB/s | p99 B/A |")
print("|---|---|---|---|---|---|---|---|---|")
ratios = []
pairs = sorted({r[0] for r in rows}, key=int)
for p in pairs:
    a = next(r for r in rows if r[0] == p and r[1] == "A"); b = next(r for r in rows if r[0] == p and r[1] == "B")
    ratio = ms(b[3]) / ms(a[3]); ratios.append(ratio)
    print(f"| {p} | {ms(a[2]):.3f} | {ms(a[3]):.3f} | {a[4]} | {ms(b[2]):.3f} | {ms(b[3]):.3f} | {b[4]} | {float(b[5]) / 2**20:.1f} | {ratio:.3f} |")
print(f"\nmedian p99 ratio B/A over {len(ratios)} pairs: {statistics.median(ratios):.3f} (min {min(ratios):.3f}, max {max(ratios):.3f}: the spread is the machine's noise)")
PY
kill "${PIDS[0]}"; wait "${PIDS[0]}" 2>/dev/null || true; PIDS=()

# 3. corruption -> repair, 3 stores and a directory at their defaults
STORES=()
for i in 1 2 3; do
  "$HAYSTACK" store --data "$OUT/r$i" --port $((17310 + i * 2)) --grpc-port $((17311 + i * 2)) >"$OUT/raw/r$i.log" 2>&1 &
  PIDS+=($!); STORES+=(--store "http://127.0.0.1:$((17310 + i * 2))")
done
for i in 1 2 3; do wait_ready "http://127.0.0.1:$((17310 + i * 2))"; done
"$HAYSTACK" directory --state "$OUT/dir/volumes.json" --port 17320 --grpc-port 17321 --replication 3 "${STORES[@]}" >"$OUT/raw/directory.log" 2>&1 &
PIDS+=($!)
wait_ready http://127.0.0.1:17320
python3 - <<'PY' >"$OUT/raw/uploads.txt"
import os, urllib.request
for i in range(200):
    print(urllib.request.urlopen(urllib.request.Request("http://127.0.0.1:17320/upload", data=os.urandom(50_000), headers={"Content-Type": "image/jpeg"})).read().decode())
PY
VOLUME=$(head -1 "$OUT/raw/uploads.txt" | json "d['volume']")
sleep 6 # one probe round: the directory sees every replica's scrub status
VICTIM=http://127.0.0.1:17312
FILE="$OUT/r1/$VOLUME.dat"
python3 - "$FILE" <<'PY'
import os, sys
fd = os.open(sys.argv[1], os.O_RDWR)
size = os.fstat(fd).st_size
at = size // 2
byte = os.pread(fd, 1, at)
os.pwrite(fd, bytes([byte[0] ^ 0x10]), at)
os.close(fd)
PY
START=$(date +%s.%N)
curl -s -XPOST "$VICTIM/volumes/$VOLUME/scrub" >/dev/null
until [[ "$(curl -s http://127.0.0.1:17320/volumes | json "[v for v in d['volumes'] if v['id'] == $VOLUME][0].get('repairs') is not None and not [v for v in d['volumes'] if v['id'] == $VOLUME][0]['needs_repair']")" == True ]]; do sleep 0.05; done
END=$(date +%s.%N)
VOLBYTES=$(curl -s "$VICTIM/volumes/$VOLUME" | json "d['size_bytes']")
python3 -c "print(f'3. corruption -> repaired: {$END - $START:.2f} s for a pass over {$VOLBYTES} bytes at the default rate, probe interval 5 s (pass asked for at the flip)')" | tee -a "$OUT/results.md"
"$HAYSTACK" verify "$FILE" >"$OUT/raw/verify.txt" && echo "   haystack verify on the repaired file: ok" | tee -a "$OUT/results.md"
