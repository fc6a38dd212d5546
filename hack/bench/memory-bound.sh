#!/usr/bin/env bash
# Store vs nginx when the file system's metadata does not fit in memory (issue 14): the seed's
# benchmark where it matters. Millions of thumbnails on one fresh XFS file system; nginx and the
# Store each run inside a memory cgroup (v1) with the same limit, far below what nginx's dentries,
# inodes and page cache for the set would need, so its cold reads pay for metadata as Backpack's
# nginx did. Per system: drop caches, start the server in its group, GET a random sample of the set
# once (cold: rps, disk reads per GET, latency, CPU per GET, the group's memory counters), then lift
# the limit and measure warm GETs of a small subset at 8, 32 and 128 connections.
# The photo set goes in without HTTP: photofiles.py writes nginx's files directly, and
# `haystack bench import` writes the Store's volumes through the engine's own write path.
# Results: OUT/results.md (memory-report.py) and OUT/raw/.
set -euo pipefail

usage() {
  cat <<USAGE
usage: sudo hack/bench/memory-bound.sh [options]
  --photos N            photos in the set (default 1000000; 2-16 KiB each, random bytes)
  --cold-gets N         cold GETs per system and connection count: a random sample of the set, each photo once
                        (default 100000; each cold phase reads photos no other phase read)
  --limit-mib N         memory cgroup limit for each server (default 256)
  --cold-connections L  connection counts (and nginx workers) of the cold phases (default "4 16")
  --warm-photos N       photos in the warm subset; each warm phase reads it 3 times (default 20000)
  --warm-connections L  connection counts of the warm phases (default "8 32 128")
  --out DIR             results folder (default ./bench-out/memory-bound-<UTC time>)
  --work DIR            scratch (default /var/tmp/haystack-membench)
  --seed N              photo-set seed (default 20101004)
  --rev REV             git commit of the store to build (default HEAD)
USAGE
}

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
# shellcheck disable=SC1090  # the libraries are checked one by one
for lib in log xfs diskstat cpu nginx store phase memcg; do source "$BENCH_DIR/lib/$lib.sh"; done

invocation="$0 $*"
photos=1000000 cold_gets=100000 limit_mib=256 cold_connections="4 16" warm_photos=20000 warm_connections="8 32 128"
out="" work=/var/tmp/haystack-membench seed=20101004 rev=HEAD
while (($#)); do
  case $1 in
    --photos) photos=$2; shift 2 ;;
    --cold-gets) cold_gets=$2; shift 2 ;;
    --limit-mib) limit_mib=$2; shift 2 ;;
    --cold-connections) cold_connections=$2; shift 2 ;;
    --warm-photos) warm_photos=$2; shift 2 ;;
    --warm-connections) warm_connections=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --rev) rev=$2; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done
read -r -a cold_list <<<"$cold_connections"
((cold_gets * ${#cold_list[@]} + warm_photos <= photos)) || die "the cold phases and the warm subset need more photos than --photos"
rev=$(git -C "$REPO" rev-parse --verify "$rev^{commit}") || die "--rev $rev is not a commit"

require_root
bash "$BENCH_DIR/deps.sh"
require_tools nginx wrk mkfs.xfs losetup curl python3 dotnet

out=${out:-$PWD/bench-out/memory-bound-$(date -u +%Y%m%dT%H%M%SZ)}
RAW=$out/raw
mkdir -p "$RAW" "$work"
out=$(cd "$out" && pwd) RAW=$out/raw work=$(cd "$work" && pwd)

# Above the ephemeral range and the tests' ports (10000-32767).
NGINX_PORT=61280 STORE_PORT=61290 VOLUMES=8
for port in "$NGINX_PORT" "$STORE_PORT" "$((STORE_PORT + 1))"; do require_free_port "$port"; done
MNT=$work/mnt IMAGE=$work/main.img DEV="" STORE_PID=""
LIMIT=$((limit_mib * 1024 * 1024))

cleanup() {
  local rc=$?
  set +e
  trap '' PIPE
  memcg_leave
  store_stop "$STORE_PID"
  nginx_stop "$work/nginx"
  memcg_destroy haystack-bench-nginx
  memcg_destroy haystack-bench-store
  xfs_destroy "$IMAGE" "$MNT" "$DEV"
  ((rc == 0)) || log "failed (exit $rc); partial outputs in $out"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Mean photo 9 KiB; both copies, XFS's per-file rounding to 4 KiB blocks, and room to spare.
main_kib=$((photos * 12 * 2 * 5 / 4 + 2 * 1024 * 1024))
avail_kib=$(df -Pk "$work" | awk 'NR == 2 { print $4 }')
((avail_kib > main_kib)) || die "need $((main_kib >> 20)) GiB free under $work, have $((avail_kib >> 20)) GiB"

{
  print_environment "$invocation" "$REPO" "$rev"
  echo "dotnet: $(dotnet --version)"
  echo "limit: $LIMIT"
  echo "cold connections: $cold_connections"
  echo "warm connections: $warm_connections"
  echo "--- busiest processes at start"
  top -b -n 1 -w 200 | sed -n '7,17p'
} >"$RAW/machine.txt"

log "building the store at ${rev:0:12} into $work/haystack-bin"
store_publish "$REPO" "$rev" "$work/haystack-bin"

log "generating $photos photos of 2-16 KiB (seed $seed)"
python3 "$BENCH_DIR/photoset.py" --out "$work/photos" --photos "$photos" --puts 0 --min-kib 2 --max-kib 16 \
  --volumes "$VOLUMES" --seed "$seed" 2>>"$RAW/photoset.txt"
cut -f3 "$work/photos/photos.tsv" >"$work/photos/sizes.txt"
for system in nginx store; do
  # get-*.txt is one shuffle of the whole set, the same order for both systems.
  for i in "${!cold_list[@]}"; do
    sed -n "$((i * cold_gets + 1)),$(((i + 1) * cold_gets))p" "$work/photos/get-$system.txt" >"$work/photos/cold$i-$system.txt"
  done
  tail -n "$warm_photos" "$work/photos/get-$system.txt" >"$work/photos/warm1-$system.txt"
  cat "$work/photos/warm1-$system.txt"{,,} >"$work/photos/warm-$system.txt"
  head -n 2000 "$work/photos/warm1-$system.txt" >"$work/photos/startup-$system.txt"
done

DEV=$(xfs_create "$IMAGE" "${main_kib}K" "$MNT" noatime)
[[ $(xfs_direct_io "$DEV") == 1 ]] || die "the loop device refused direct I/O"
echo "main: $DEV $(mount | grep " $MNT ")" >>"$RAW/machine.txt"

log "writing nginx's files directly into $MNT/nginx"
start=$(date +%s%N)
python3 "$BENCH_DIR/photofiles.py" --list "$work/photos/put-nginx.tsv" --pool "$work/photos/pool.bin" \
  --root "$MNT/nginx" 2>>"$RAW/photoset.txt"
sync
echo "nginx files: $((($(date +%s%N) - start) / 1000000)) ms (one process writing them directly, then sync)" >>"$RAW/load.txt"
log "importing the Store's volumes with haystack bench import"
dotnet "$work/haystack-bin/haystack.dll" bench import --data "$MNT/store" --list "$work/photos/put-store.tsv" \
  --pool "$work/photos/pool.bin" --writers 64 >>"$RAW/load.txt"
sync
space_kib() { echo "$1 $(du -sk "$2" | cut -f1) $(du -sk --apparent-size "$2" | cut -f1)"; }
{ space_kib nginx "$MNT/nginx/data"; space_kib store "$MNT/store"; } >"$RAW/space-kib.txt"
df -i "$MNT" >>"$RAW/machine.txt"

memcg_create haystack-bench-nginx "$LIMIT"
memcg_create haystack-bench-store "$LIMIT"

start_server() { # start_server SYSTEM WORKERS: inside the system's memory cgroup
  memcg_enter "haystack-bench-$1"
  if [[ $1 == nginx ]]; then
    nginx_start "$work/nginx" "$NGINX_PORT" "$2" "$MNT/nginx" "$MNT/nginx-sync"
  else
    store_start "$work/haystack-bin" "$MNT/store" "$STORE_PORT" "$VOLUMES" "$RAW/store.log"
  fi
  memcg_leave
}
server_pid() { if [[ $1 == nginx ]]; then nginx_pid "$work/nginx"; else echo "$STORE_PID"; fi; }
server_url() { if [[ $1 == nginx ]]; then echo "http://127.0.0.1:$NGINX_PORT"; else echo "http://127.0.0.1:$STORE_PORT"; fi; }

for system in nginx store; do
  PHASE_CPUACCT=$CPUACCT_ROOT/haystack-bench-$system
  [[ -d "$PHASE_CPUACCT" ]] || PHASE_CPUACCT=""
  for i in "${!cold_list[@]}"; do
    conns=${cold_list[$i]}
    if [[ $system == nginx || $i == 0 ]]; then
      [[ $system != nginx ]] || nginx_stop "$work/nginx"
      start_server "$system" "$conns"
      # A short pass first, so that the measured phase starts with JIT-compiled code, then cold caches.
      phase_run "startup-get-$system-c$conns" "$(server_url "$system")" "$conns" "$DEV" "$(server_pid "$system")" get \
        "$work/photos/startup-$system.txt"
    fi
    drop_caches
    memcg_stats "haystack-bench-$system" >"$RAW/memcg-$system-started-c$conns.json"
    phase_run "cold-get-$system-c$conns" "$(server_url "$system")" "$conns" "$DEV" "$(server_pid "$system")" get \
      "$work/photos/cold$i-$system.txt"
    memcg_stats "haystack-bench-$system" >"$RAW/memcg-$system-cold-c$conns.json"
  done

  # Warm: CPU per GET with the page cache holding the subset, so the limit is lifted.
  memcg_limit "haystack-bench-$system" -1
  for conns in $warm_connections; do
    if [[ $system == nginx ]]; then
      nginx_stop "$work/nginx"
      start_server nginx "$conns"  # one worker per connection, as in store-vs-nginx.sh
    fi
    phase_run "warmup-get-$system-c$conns" "$(server_url "$system")" "$conns" "$DEV" "$(server_pid "$system")" get \
      "$work/photos/warm1-$system.txt"
    phase_run "warm-get-$system-c$conns" "$(server_url "$system")" "$conns" "$DEV" "$(server_pid "$system")" get \
      "$work/photos/warm-$system.txt"
  done
  python3 "$BENCH_DIR/verify.py" --url "$(server_url "$system")" --list "$work/photos/put-$system.tsv" \
    --pool "$work/photos/pool.bin" --sample 500 --seed "$seed" >"$RAW/verify-$system.txt" ||
    log "verify: $system returned wrong or missing photos (see $RAW/verify-$system.txt)"
  memcg_stats "haystack-bench-$system" >"$RAW/memcg-$system-end.json"
  if [[ $system == nginx ]]; then nginx_stop "$work/nginx"; else store_stop "$STORE_PID"; STORE_PID=""; fi
done
{ echo "finished: $(date -u +%FT%TZ)"; echo "loadavg at end: $(cut -d' ' -f1-3 /proc/loadavg)"; } >>"$RAW/machine.txt"
echo "$invocation" >"$RAW/command.txt"

python3 "$BENCH_DIR/memory-report.py" "$out" "$work/photos/sizes.txt" >"$out/results.md"
cat "$out/results.md"
log "results in $out/results.md, raw outputs in $RAW"
