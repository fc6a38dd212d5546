#!/usr/bin/env bash
# Where the Store's CPU goes under the benchmark's GET load: perf samples of `haystack store`
# (with .NET's perf map, so JIT-compiled methods have names) during a cold and a warm GET pass,
# on the same kind of XFS file system as store-vs-nginx.sh. Writes OUT/perf-<phase>.txt (top
# symbols) next to the usual raw phase outputs.
set -euo pipefail

usage() {
  cat <<USAGE
usage: sudo hack/bench/profile-store.sh [--photos N] [--connections N] [--out DIR] [--rev REV]
  --photos N        photos loaded, then read cold and warm (default 20000)
  --connections N   wrk connections (default 8)
  --out DIR         results folder (default ./bench-out/profile-store-<UTC time>)
  --rev REV         git commit of the store to build (default HEAD)
USAGE
}

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
# shellcheck disable=SC1090  # the libraries are checked one by one
for lib in log xfs diskstat cpu store phase; do source "$BENCH_DIR/lib/$lib.sh"; done

photos=20000 connections=8 out="" rev=HEAD work=/var/tmp/haystack-profile
while (($#)); do
  case $1 in
    --photos) photos=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --rev) rev=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
require_root
bash "$BENCH_DIR/deps.sh"
command -v perf >/dev/null 2>&1 || apt-get install -y -qq --no-install-recommends linux-perf >/dev/null
require_tools perf wrk dotnet python3
rev=$(git -C "$REPO" rev-parse --verify "$rev^{commit}") || die "--rev $rev is not a commit"

out=${out:-$PWD/bench-out/profile-store-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out/raw" "$work"
out=$(cd "$out" && pwd) RAW=$out/raw
STORE_PORT=61190 VOLUMES=8 MNT=$work/mnt IMAGE=$work/profile.img DEV="" STORE_PID=""
for port in "$STORE_PORT" "$((STORE_PORT + 1))"; do require_free_port "$port"; done

cleanup() {
  set +e
  trap '' PIPE
  store_stop "$STORE_PID"
  xfs_destroy "$IMAGE" "$MNT" "$DEV"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

store_publish "$REPO" "$rev" "$work/haystack-bin"
python3 "$BENCH_DIR/photoset.py" --out "$work/photos" --photos "$photos" --puts 0 --volumes "$VOLUMES" 2>/dev/null
DEV=$(xfs_create "$IMAGE" "$((photos * 66 * 2 + 4 * 1024 * 1024))K" "$MNT" noatime)

# The perf map lets perf name JIT-compiled .NET methods (/tmp/perf-PID.map); W^X double mapping
# would put the code at addresses the map does not cover.
export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
store_start "$work/haystack-bin" "$MNT/store" "$STORE_PORT" "$VOLUMES" "$RAW/store.log"
phase_run load-store "http://127.0.0.1:$STORE_PORT" "$connections" "$DEV" "$STORE_PID" put \
  "$work/photos/put-store.tsv" "$work/photos/pool.bin"

for pass in cold warm; do
  [[ $pass == cold ]] && drop_caches
  perf record -F 499 -g -p "$STORE_PID" -o "$RAW/perf-$pass.data" 2>/dev/null &
  perf_pid=$!
  phase_run "$pass-get-store" "http://127.0.0.1:$STORE_PORT" "$connections" "$DEV" "$STORE_PID" get \
    "$work/photos/get-store.txt"
  kill -INT "$perf_pid"
  wait "$perf_pid" || true
  # Flat profile by symbol (self time) and by shared object: what to make cheaper first.
  perf report -i "$RAW/perf-$pass.data" --no-children -g none --sort dso,sym --stdio 2>/dev/null |
    awk '/^ +[0-9]/ && n++ < 40' >"$out/perf-$pass.txt"
  perf report -i "$RAW/perf-$pass.data" --no-children -g none --sort dso --stdio 2>/dev/null |
    awk '/^ +[0-9]/ && n++ < 15' >"$out/perf-$pass-dso.txt"
  log "$pass: $(tr -d '\n' <"$RAW/$pass-get-store.wrk.json" | cut -c1-120)"
done
log "profiles in $out/perf-{cold,warm}{,-dso}.txt"
