# Logging and small guards shared by the benchmark scripts (sourced, not run).

log() { printf '%s bench: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

require_root() { ((EUID == 0)) || die "run as root: it needs losetup, mount and /proc/sys/vm/drop_caches"; }

require_tools() {
  local tool
  for tool in "$@"; do command -v "$tool" >/dev/null 2>&1 || die "missing $tool: run hack/bench/deps.sh"; done
}

# wait_for_http URL SECONDS [PID]: polls until the URL answers, so a server that never comes up
# (or whose process PID exits) fails the run instead of hanging it.
wait_for_http() {
  local url=$1 seconds=$2 pid=${3:-} i
  for ((i = 0; i < seconds * 10; i++)); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    [[ -z "$pid" ]] || kill -0 "$pid" 2>/dev/null || die "the server behind $url exited during start-up"
    sleep 0.1
  done
  die "no answer from $url after ${seconds}s"
}

# require_free_port PORT: other engineers' servers and tests share this machine's ports.
require_free_port() {
  [[ -z $(ss -ltnH "sport = :$1") ]] || die "port $1 is in use; free it or change the port in $0"
}

# print_environment INVOCATION REPO REV: the machine and tools a run's figures depend on, for its env.txt.
print_environment() {
  echo "command: $1"
  echo "started: $(date -u +%FT%TZ)"
  echo "git: $(git -C "$2" rev-parse --short "$3")"
  echo "kernel: $(uname -r)"
  echo "cpus: $(nproc)"
  echo "memory: $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
  echo "loadavg at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "nginx: $(nginx -v 2>&1 | sed 's/.*: //')"
  echo "wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
}
