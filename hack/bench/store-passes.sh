#!/usr/bin/env bash
# Repeated GET passes against one server, to compare builds and settings of the Store (or nginx)
# under the same load: the quick loop behind the tuning notes in docs/benchmarks.md. Loads a photo
# set into a fresh XFS file system, then runs PASSES walks of the whole set, each after
# drop_caches with --cold, and prints one line per pass: rps, server CPU per GET, machine busy,
# disk reads per GET, p50. The first passes include JIT warm-up; compare the later ones.
#
#   sudo hack/bench/store-passes.sh --passes 4                    # warm GETs, HEAD's store
#   sudo hack/bench/store-passes.sh --cold --connections 4 --rev 078ca21
#   sudo hack/bench/store-passes.sh --cold DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=0
#   sudo hack/bench/store-passes.sh --system nginx --cold
set -euo pipefail

usage() {
  cat <<USAGE
usage: sudo hack/bench/store-passes.sh [options] [NAME=VALUE ...]
  --system S        store (default) or nginx
  --photos N        photos in the set (default 20000; sizes 4-128 KiB)
  --connections N   wrk connections (default 8)
  --passes N        GET passes (default 4)
  --cold            drop the page cache before each pass
  --rev REV         git commit of the store to build (default HEAD)
  NAME=VALUE        environment of the store process (runtime or Kestrel settings to compare)
USAGE
}

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
# shellcheck disable=SC1090  # the libraries are checked one by one
for lib in log xfs diskstat cpu nginx store phase; do source "$BENCH_DIR/lib/$lib.sh"; done

system=store photos=20000 connections=8 passes=4 cold=0 rev=HEAD environment=()
while (($#)); do
  case $1 in
    --system) system=$2; shift 2 ;;
    --photos) photos=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --passes) passes=$2; shift 2 ;;
    --cold) cold=1; shift ;;
    --rev) rev=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *=*) environment+=("$1"); shift ;;
    *) usage >&2; exit 2 ;;
  esac
done
[[ $system == store || $system == nginx ]] || die "--system takes store or nginx"
require_root
bash "$BENCH_DIR/deps.sh"
require_tools nginx wrk mkfs.xfs losetup curl python3
rev=$(git -C "$REPO" rev-parse --verify "$rev^{commit}") || die "--rev $rev is not a commit"

work=/var/tmp/haystack-passes RAW=$work/raw PORT=61390 MNT=$work/mnt IMAGE=$work/passes.img DEV="" STORE_PID=""
mkdir -p "$RAW"
require_free_port "$PORT"
require_free_port "$((PORT + 1))"
cleanup() {
  set +e
  trap '' PIPE
  store_stop "$STORE_PID"
  nginx_stop "$work/nginx"
  xfs_destroy "$IMAGE" "$MNT" "$DEV"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

python3 "$BENCH_DIR/photoset.py" --out "$work/photos" --photos "$photos" --puts 0 --volumes 8 2>/dev/null
DEV=$(xfs_create "$IMAGE" "$((photos * 66 * 2 + 4 * 1024 * 1024))K" "$MNT" noatime)
if [[ $system == store ]]; then
  store_publish "$REPO" "$rev" "$work/haystack-bin"
  [[ ${#environment[@]} -gt 0 ]] && export "${environment[@]}"
  store_start "$work/haystack-bin" "$MNT/store" "$PORT" 8 "$RAW/store.log"
  pid=$STORE_PID
else
  mkdir -p "$work/sync"
  nginx_start "$work/nginx" "$PORT" "$connections" "$MNT/nginx" "$work/sync"
  pid=$(nginx_pid "$work/nginx")
fi
phase_run load "http://127.0.0.1:$PORT" "$connections" "$DEV" "$pid" put "$work/photos/put-$system.tsv" "$work/photos/pool.bin" 2>/dev/null

for ((pass = 1; pass <= passes; pass++)); do
  ((cold)) && drop_caches
  phase_run get "http://127.0.0.1:$PORT" "$connections" "$DEV" "$pid" get "$work/photos/get-$system.txt" 2>/dev/null
  python3 - "$RAW/get.wrk.json" "$RAW/get.meta.json" "$pass" "$system" <<'PY'
import json, sys
wrk, meta = (json.load(open(path)) for path in sys.argv[1:3])
cpu, requests = meta["cpu"], wrk["requests"]
busy = cpu["machine_busy_ticks"] / max(1, cpu["machine_busy_ticks"] + cpu["machine_idle_ticks"])
print(f"{sys.argv[4]} pass {sys.argv[3]}: {requests / wrk['duration_us'] * 1e6:,.0f} rps, "
      f"server {cpu['server_ticks'] * 1000 / cpu['hz'] / requests:.3f} ms CPU/GET, machine {busy:.0%} busy, "
      f"{meta['disk']['reads'] / requests:.3f} disk reads/GET, p50 {wrk['latency_us']['p50'] / 1000:.2f} ms")
PY
done
