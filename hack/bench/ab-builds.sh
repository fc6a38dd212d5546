#!/usr/bin/env bash
# Issue 9 part 5: the Store's HTTP GET and PUT paths before (8f851a1, own gRPC framing) and after
# (Grpc.AspNetCore) the move, interleaved on one machine in one session. Each run is one
# store-passes.sh (fresh XFS, 20,000-photo PUT load, then 4 GET passes); the order alternates
# A B / B A per round so drift in the machine's load falls on both builds alike.
# Both builds are published once (lib/store.sh's store_publish) and put in place before each run,
# so the runs do not rebuild. Usage: sudo ab-builds.sh OUT ROUNDS BEFORE AFTER [MODES] (OUT: a results folder; MODES: "warm cold" by default)
set -euo pipefail
mkdir -p "$1"
OUT=$(cd "$1" && pwd)
BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$BENCH/../.." && pwd)
rounds=$2 modes=${5:-warm cold}
before=$(git -C "$REPO" rev-parse "$3^{commit}") after=$(git -C "$REPO" rev-parse "$4^{commit}")
source "$BENCH/lib/log.sh"
source "$BENCH/lib/store.sh"
for rev in "$before" "$after"; do store_publish "$REPO" "$rev" "/var/tmp/haystack-ab-bin-$rev"; done

# Other engineers run store-passes.sh too (same port and work folder): wait until none is running.
wait_turn() {
  while pgrep -f 'hack/bench/store-passes.sh' >/dev/null || [[ -n $(ss -ltnH 'sport = :47290') ]]; do sleep 10; done
}

run() { # run LABEL REV MODE
  local label=$1 rev=$2 mode=$3 dir attempt
  wait_turn
  dir="$OUT/raw/$(printf '%02d' "$n")-$mode-$label"
  mkdir -p "$dir"
  rm -rf /var/tmp/haystack-passes/haystack-bin
  mkdir -p /var/tmp/haystack-passes
  cp -a "/var/tmp/haystack-ab-bin-$rev" /var/tmp/haystack-passes/haystack-bin
  { date -u +%FT%TZ; cat /proc/loadavg; } >"$dir/load-before.txt"
  local flags=()
  [[ $mode == cold ]] && flags=(--cold)
  for attempt in 1 2 3; do
    bash "$BENCH/store-passes.sh" --rev "$rev" "${flags[@]}" >"$dir/passes.txt" 2>"$dir/passes.log" && break
    log "run $n ($label $mode) failed (attempt $attempt): $(tail -1 "$dir/passes.log")"
    wait_turn
  done
  { date -u +%FT%TZ; cat /proc/loadavg; } >"$dir/load-after.txt"
  cp -a /var/tmp/haystack-passes/raw/. "$dir/"
  sed "s/^/$label $mode: /" "$dir/passes.txt" | tee -a "$OUT/passes.txt"
  n=$((n + 1))
}

n=1
for ((round = 1; round <= rounds; round++)); do
  if ((round % 2)); then first=(before "$before") second=(after "$after"); else first=(after "$after") second=(before "$before"); fi
  for mode in $modes; do
    run "${first[@]}" "$mode"
    run "${second[@]}" "$mode"
  done
done
