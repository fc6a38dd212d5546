#!/usr/bin/env bash
# Store server vs nginx on one fresh XFS file system (issue 3; method of Backpack's benchmark).
#
# The same photo set goes into nginx (WebDAV PUT, files under xx/yy/name.jpg) and into our Store
# (its HTTP API), both on one XFS file system on a loop device with direct I/O. Then, per system:
# drop the page cache, GET every photo once in a shuffled order (cold), GET them all again (warm),
# counting the device's reads. fio measures the device's 64 KiB random-read limit first, and its
# useful queue depth sets the number of connections. Last, 64 KiB PUTs: the Store (fsyncs by
# design), nginx on the same file system (no fsync), and nginx on a second, identical file system
# mounted sync,wsync (every write and rename durable before the reply) for the durable comparison.
# Results: OUT/results.md (the table) and OUT/raw/ (every wrk, fio and counter output).
set -euo pipefail

usage() {
  cat <<USAGE
usage: sudo hack/bench/store-vs-nginx.sh [options]
  --photos N        photos in the set (default 200000; sizes 4-128 KiB, random bytes)
  --puts N          64 KiB PUTs per system in the PUT phase (default 20000)
  --sync-puts N     of those, how many nginx makes on the sync mount (default 2000: ~50/s, a steady rate)
  --out DIR         results folder (default ./bench-out/store-vs-nginx-<UTC time>)
  --work DIR        scratch: photo set, file system images, store build (default /var/tmp/haystack-bench)
  --connections N   skip the fio choice of concurrency and use N
  --systems LIST    nginx,store (default) or one of them, to check one side alone
  --fio-runtime S   seconds per fio queue depth (default 10)
  --seed N          photo-set seed (default 20101004)
  --rev REV         git commit of the store to build and measure (default HEAD)
USAGE
}

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
# shellcheck disable=SC1090  # the libraries are checked one by one
for lib in log xfs diskstat cpu fio nginx store phase; do source "$BENCH_DIR/lib/$lib.sh"; done

invocation="$0 $*"
photos=200000 puts=20000 sync_puts=2000 out="" work=/var/tmp/haystack-bench connections="" systems=nginx,store
fio_runtime=10 seed=20101004 rev=HEAD
while (($#)); do
  case $1 in
    --photos) photos=$2; shift 2 ;;
    --puts) puts=$2; shift 2 ;;
    --sync-puts) sync_puts=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --systems) systems=$2; shift 2 ;;
    --fio-runtime) fio_runtime=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --rev) rev=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
[[ "$systems" =~ ^(nginx,store|store,nginx|nginx|store)$ ]] || die "--systems takes nginx,store, nginx or store"
has() { [[ ",$systems," == *",$1,"* ]]; }
rev=$(git -C "$REPO" rev-parse --verify "$rev^{commit}") || die "--rev $rev is not a commit"  # pinned: HEAD moves during a run

require_root
bash "$BENCH_DIR/deps.sh"
require_tools nginx wrk fio mkfs.xfs losetup curl python3
has store && require_tools dotnet

out=${out:-$PWD/bench-out/store-vs-nginx-$(date -u +%Y%m%dT%H%M%SZ)}
RAW=$out/raw
mkdir -p "$RAW" "$work"
out=$(cd "$out" && pwd) RAW=$out/raw work=$(cd "$work" && pwd)

NGINX_PORT=47080 STORE_PORT=47090 VOLUMES=8
for port in "$NGINX_PORT" "$STORE_PORT" "$((STORE_PORT + 1))"; do require_free_port "$port"; done
MNT=$work/mnt/main SYNC_MNT=$work/mnt/sync
IMAGE=$work/main.img SYNC_IMAGE=$work/sync.img
DEV="" SYNC_DEV="" STORE_PID=""
FIO_SIZE=4G

cleanup() {
  local rc=$?
  set +e
  trap '' PIPE  # a killed reader of our log (| tail) must not stop the clean-up half-way
  store_stop "$STORE_PID"
  nginx_stop "$work/nginx"
  xfs_destroy "$SYNC_IMAGE" "$SYNC_MNT" "$SYNC_DEV"
  xfs_destroy "$IMAGE" "$MNT" "$DEV"
  ((rc == 0)) || log "failed (exit $rc); partial outputs in $out"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Space: both systems hold the set, plus the 64 KiB PUTs and the fio file; the images are sparse,
# so only what is written takes room on the host disk.
set_kib=$((photos * 66))
main_kib=$(((set_kib * 2 + puts * 64 * 2) * 5 / 4 + 6 * 1024 * 1024))
sync_kib=$((puts * 64 * 3 / 2 + 1024 * 1024))
avail_kib=$(df -Pk "$work" | awk 'NR == 2 { print $4 }')
((avail_kib > main_kib + sync_kib)) ||
  die "need $(((main_kib + sync_kib) >> 20)) GiB free under $work, have $((avail_kib >> 20)) GiB"

{
  print_environment "$invocation" "$REPO" "$rev"
  echo "fio: $(fio --version)"
  has store && echo "dotnet: $(dotnet --version)"
  echo "--- busiest processes at start"
  top -b -n 1 -w 200 | sed -n '7,17p'
} >"$RAW/machine.txt"
echo "$0 --photos $photos --puts $puts --sync-puts $sync_puts --systems $systems --seed $seed --rev $rev${connections:+ --connections $connections}" >"$RAW/command.txt"

if has store; then
  log "building the store at ${rev:0:12} into $work/haystack-bin"
  store_publish "$REPO" "$rev" "$work/haystack-bin"
fi

log "generating $photos photos (seed $seed)"
python3 "$BENCH_DIR/photoset.py" --out "$work/photos" --photos "$photos" --puts "$puts" \
  --volumes "$VOLUMES" --seed "$seed" 2>>"$RAW/photoset.txt"
cp "$work/photos/photos.tsv" "$RAW/photos.tsv"

DEV=$(xfs_create "$IMAGE" "${main_kib}K" "$MNT" noatime)
SYNC_DEV=$(xfs_create "$SYNC_IMAGE" "${sync_kib}K" "$SYNC_MNT" noatime,sync,wsync)
[[ $(xfs_direct_io "$DEV") == 1 && $(xfs_direct_io "$SYNC_DEV") == 1 ]] || die "the loop devices refused direct I/O"
log "file systems: $DEV on $MNT, $SYNC_DEV on $SYNC_MNT (sync,wsync)"
{ echo "main: $DEV $(mount | grep " $MNT ")"; echo "sync: $SYNC_DEV $(mount | grep " $SYNC_MNT ")"; } >>"$RAW/machine.txt"

log "fio: 64 KiB random reads, ${fio_runtime}s per queue depth"
fio_sweep "$MNT/fio.dat" "$FIO_SIZE" "$fio_runtime" "$RAW" 1 2 4 8 16 32
fstrim "$MNT" || true  # hand the fio file's blocks back to the sparse image
read -r fio_depth fio_iops < <(python3 "$BENCH_DIR/fiopick.py" "$RAW")
connections=${connections:-$fio_depth}
log "fio: useful queue depth $fio_depth ($fio_iops IOPS); $connections connections"
echo "$connections" >"$RAW/connections.txt"

if has nginx; then
  nginx_start "$work/nginx" "$NGINX_PORT" "$connections" "$MNT/nginx" "$SYNC_MNT/nginx"
  nginx_pid=$(nginx_pid "$work/nginx")
  phase_run load-nginx "http://127.0.0.1:$NGINX_PORT" "$connections" "$DEV" "$nginx_pid" put \
    "$work/photos/put-nginx.tsv" "$work/photos/pool.bin"
fi
if has store; then
  store_start "$work/haystack-bin" "$MNT/store" "$STORE_PORT" "$VOLUMES" "$RAW/store.log"
  phase_run load-store "http://127.0.0.1:$STORE_PORT" "$connections" "$DEV" "$STORE_PID" put \
    "$work/photos/put-store.tsv" "$work/photos/pool.bin"
fi
sync
# Allocated and apparent KiB: the store preallocates volume extents, nginx rounds files up to blocks.
space_kib() { echo "$1 $(du -sk "$2" | cut -f1) $(du -sk --apparent-size "$2" | cut -f1)"; }
{
  has nginx && space_kib nginx "$MNT/nginx/data"
  has store && space_kib store "$MNT/store"
} >"$RAW/space-kib.txt"

# Cold then warm, one system at a time: the page cache holds one system's photos, not both.
for system in nginx store; do
  has "$system" || continue
  if [[ $system == nginx ]]; then port=$NGINX_PORT pid=$nginx_pid; else port=$STORE_PORT pid=$STORE_PID; fi
  drop_caches
  phase_run "cold-get-$system" "http://127.0.0.1:$port" "$connections" "$DEV" "$pid" get "$work/photos/get-$system.txt"
  phase_run "warm-get-$system" "http://127.0.0.1:$port" "$connections" "$DEV" "$pid" get "$work/photos/get-$system.txt"
done

for system in nginx store; do
  has "$system" || continue
  if [[ $system == nginx ]]; then port=$NGINX_PORT pid=$nginx_pid; else port=$STORE_PORT pid=$STORE_PID; fi
  python3 "$BENCH_DIR/verify.py" --url "http://127.0.0.1:$port" --list "$work/photos/put-$system.tsv" \
    --pool "$work/photos/pool.bin" --sample 500 --seed "$seed" >"$RAW/verify-$system.txt" ||
    log "verify: $system returned wrong or missing photos (see $RAW/verify-$system.txt)"
done

if has nginx; then
  phase_run put64-nginx "http://127.0.0.1:$NGINX_PORT" "$connections" "$DEV" "$nginx_pid" put \
    "$work/photos/put64-nginx.tsv" "$work/photos/pool.bin"
  head -n "$sync_puts" "$work/photos/put64-nginxsync.tsv" >"$work/photos/put64-nginxsync-head.tsv"
  phase_run put64-nginxsync "http://127.0.0.1:$NGINX_PORT" "$connections" "$SYNC_DEV" "$nginx_pid" put \
    "$work/photos/put64-nginxsync-head.tsv" "$work/photos/pool.bin"
fi
if has store; then
  phase_run put64-store "http://127.0.0.1:$STORE_PORT" "$connections" "$DEV" "$STORE_PID" put \
    "$work/photos/put64-store.tsv" "$work/photos/pool.bin"
fi
{ echo "finished: $(date -u +%FT%TZ)"; echo "loadavg at end: $(cut -d' ' -f1-3 /proc/loadavg)"; } >>"$RAW/machine.txt"

python3 "$BENCH_DIR/report.py" "$out" >"$out/results.md"
cat "$out/results.md"
log "results in $out/results.md, raw outputs in $RAW"
