#!/usr/bin/env bash
# Installs the tools only the benchmarks need (idempotent): nginx (WebDAV PUT is compiled into
# Debian's nginx), wrk (load + Lua path lists), fio (device read limit), xfsprogs (mkfs.xfs),
# sysstat (pidstat for CPU per phase), python3 (photo-set generator, report).
# Kept apart from hack/deps/apt.txt so the test suite does not pull in a web server.
set -euo pipefail

packages=(nginx wrk fio xfsprogs sysstat python3)
missing=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "bench deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Debian starts the packaged nginx on port 80 at install; the benchmark runs its own instance.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nginx 2>/dev/null; then
  systemctl stop nginx
fi
