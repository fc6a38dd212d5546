# Memory cgroups (cgroup v1, /sys/fs/cgroup/memory) for the memory-bound benchmark (sourced).
# A process started while the shell is in a group stays in it, with its children; the pages it
# brings into the page cache and the kernel objects it allocates (dentries, inodes: kmem) are
# charged to that group and reclaimed when the group reaches its limit.

MEMCG_ROOT=/sys/fs/cgroup/memory
# A cpuacct group of the same name counts the CPU time of every thread and child process in the
# group in nanoseconds (phase.sh reads it when PHASE_CPUACCT is set): exact where per-process
# clock ticks round each of nginx's many workers.
CPUACCT_ROOT=/sys/fs/cgroup/cpuacct

# memcg_create NAME LIMIT_BYTES
memcg_create() {
  [[ -w "$MEMCG_ROOT/cgroup.procs" ]] || die "no writable cgroup v1 memory controller at $MEMCG_ROOT"
  rmdir "$MEMCG_ROOT/$1" 2>/dev/null || true
  mkdir -p "$MEMCG_ROOT/$1"
  memcg_limit "$1" "$2"
  if [[ -w "$CPUACCT_ROOT/cgroup.procs" ]]; then
    rmdir "$CPUACCT_ROOT/$1" 2>/dev/null || true
    mkdir -p "$CPUACCT_ROOT/$1"
  fi
}

# memcg_limit NAME LIMIT_BYTES (-1: none)
memcg_limit() { echo "$2" >"$MEMCG_ROOT/$1/memory.limit_in_bytes"; }

# memcg_enter NAME / memcg_leave: move this shell (and what it starts from now on) in and out.
memcg_enter() {
  echo $$ >"$MEMCG_ROOT/$1/cgroup.procs"
  [[ ! -d "$CPUACCT_ROOT/$1" ]] || echo $$ >"$CPUACCT_ROOT/$1/cgroup.procs"
}
memcg_leave() {
  echo $$ >"$MEMCG_ROOT/cgroup.procs"
  [[ ! -w "$CPUACCT_ROOT/cgroup.procs" ]] || echo $$ >"$CPUACCT_ROOT/cgroup.procs"
}

# memcg_stats NAME: one JSON object of the group's counters (bytes; failcnt = times the limit was hit).
memcg_stats() {
  local g=$MEMCG_ROOT/$1
  python3 - "$g" <<'PY'
import json, sys
g = sys.argv[1]
read = lambda name: int(open(f"{g}/{name}").read().split()[0])
stat = dict(line.split() for line in open(f"{g}/memory.stat"))
print(json.dumps({
    "limit": read("memory.limit_in_bytes"), "usage": read("memory.usage_in_bytes"),
    "max_usage": read("memory.max_usage_in_bytes"), "failcnt": read("memory.failcnt"),
    "kmem_usage": read("memory.kmem.usage_in_bytes"), "kmem_max_usage": read("memory.kmem.max_usage_in_bytes"),
    "cache": int(stat["cache"]), "rss": int(stat["rss"]), "mapped_file": int(stat["mapped_file"]),
    "pgmajfault": int(stat["pgmajfault"]),
    "hierarchical_limit": int(stat["hierarchical_memory_limit"]),
}))
PY
}

# memcg_destroy NAME: moves any leftover tasks out first (rmdir refuses a group with tasks).
memcg_destroy() {
  local root g pid
  for root in "$MEMCG_ROOT" "$CPUACCT_ROOT"; do
    g=$root/$1
    [[ -d "$g" ]] || continue
    while read -r pid; do echo "$pid" >"$root/cgroup.procs" 2>/dev/null || true; done <"$g/cgroup.procs"
    rmdir "$g" 2>/dev/null || true
  done
}
