# One measured phase (sourced): wrk walks a list against a server while the disk counters, the
# server's CPU time and the machine's CPU time are read before and after. Needs RAW (raw output
# folder) and BENCH_DIR (this folder) set, and lib/{log,diskstat,cpu}.sh sourced.

WRK_THREADS=2  # one per core: more threads would only take CPU from the server under test

# phase_run NAME URL CONNECTIONS DEVICE SERVER_PID get|put LIST [POOL]
# Writes RAW/NAME.wrk.txt (wrk's report), RAW/NAME.wrk.json (walk.lua) and RAW/NAME.meta.json.
# With PHASE_CPUACCT set to a cpuacct group the server runs in, its CPU time comes from there.
phase_run() {
  local name=$1 url=$2 conns=$3 dev=$4 pid=$5 mode=$6 list=$7 pool=${8:-}
  local threads=$((conns < WRK_THREADS ? conns : WRK_THREADS))
  local items seconds disk0 disk1 cpu0 cpu1 mach0 mach1 rc=0 extra=()
  [[ -n "$pool" ]] && extra=("$pool")
  items=$(wc -l <"$list")
  ((items >= threads)) || die "phase $name: $list has $items lines, fewer than the $threads wrk threads"
  # A bound, not a pace: a healthy phase stops itself when the list is walked; this only ends
  # a stuck one (the report then shows fewer requests than planned).
  seconds=$((120 + items / 50))
  log "phase $name: $items requests, $conns connections"
  rm -f "$RAW/$name.wrk.json".done.*
  read -r -a disk0 < <(diskstat "$dev")
  cpu0=$(server_ticks "$pid")
  read -r -a mach0 < <(cpu_machine)
  WRK_JSON="$RAW/$name.wrk.json" wrk -t"$threads" -c"$conns" -d"${seconds}s" --timeout 30s --latency \
    -s "$BENCH_DIR/walk.lua" "$url" -- "$mode" "$list" "$threads" "${extra[@]}" >"$RAW/$name.wrk.txt" 2>&1 || rc=$?
  read -r -a disk1 < <(diskstat "$dev")
  cpu1=$(server_ticks "$pid")
  read -r -a mach1 < <(cpu_machine)
  rm -f "$RAW/$name.wrk.json".done.*
  ((rc == 0)) || die "wrk failed in phase $name (exit $rc): see $RAW/$name.wrk.txt"
  cat >"$RAW/$name.meta.json" <<JSON
{"phase": "$name", "connections": $conns, "device": "$dev",
 "disk": {"reads": $((disk1[0] - disk0[0])), "read_sectors": $((disk1[1] - disk0[1])),
          "writes": $((disk1[2] - disk0[2])), "write_sectors": $((disk1[3] - disk0[3])),
          "flushes": $((disk1[4] - disk0[4]))},
 "cpu": {"hz": $(cpu_hz), "server_ticks": $((cpu1 - cpu0)),
         "machine_busy_ticks": $((mach1[0] - mach0[0])), "machine_idle_ticks": $((mach1[1] - mach0[1]))}}
JSON
  log "phase $name: $(tr -d '\n' <"$RAW/$name.wrk.json" | cut -c1-160)"
}

server_ticks() { if [[ -n "${PHASE_CPUACCT:-}" ]]; then cpu_ticks_group "$PHASE_CPUACCT"; else cpu_ticks_tree "$1"; fi; }

# drop_caches: write back dirty pages, then empty the page cache, dentries and inodes, so the next
# phase starts cold (nginx loses its directory and inode caches too, as after a reboot).
drop_caches() {
  sync
  echo 3 >/proc/sys/vm/drop_caches
}
