# CPU time accounting per phase (sourced): no profiler is installed, so the report shows where
# the cycles went from /proc: the server's CPU seconds and how busy the whole machine was.

# cpu_ticks_tree PID: user+system clock ticks of PID and its direct children (nginx workers).
cpu_ticks_tree() {
  local root=$1 pid total=0 stat
  local pids=("$root")
  if [[ -r "/proc/$root/task/$root/children" ]]; then
    read -r -a kids <"/proc/$root/task/$root/children" || true
    pids+=("${kids[@]}")
  fi
  for pid in "${pids[@]}"; do
    [[ -r "/proc/$pid/stat" ]] || continue
    # Fields after the ")" closing the command name: utime is the 12th, stime the 13th.
    stat=$(sed 's/.*) //' "/proc/$pid/stat")
    read -r -a f <<<"$stat"
    total=$((total + f[11] + f[12]))
  done
  echo "$total"
}

# cpu_ticks_group CPUACCT_DIR: CPU time of every task that ever ran in the cpuacct group, in clock
# ticks (from nanoseconds, so only the total is rounded).
cpu_ticks_group() { echo $(($(cat "$1/cpuacct.usage") * $(getconf CLK_TCK) / 1000000000)); }

# cpu_machine: "BUSY IDLE" ticks summed over all cores since boot (idle includes iowait).
cpu_machine() {
  local _ user nice system idle iowait irq softirq steal
  read -r _ user nice system idle iowait irq softirq steal _ </proc/stat
  echo "$((user + nice + system + irq + softirq + steal)) $((idle + iowait))"
}

cpu_hz() { getconf CLK_TCK; }
