#!/usr/bin/env bash
# Installs what the tests and benchmarks need on a fresh Debian machine (idempotent).
# Debian packages: listed in hack/deps/apt.txt. npm tools: installed under .tools/ (helm, kubernetes-models).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
while read -r pkg; do
  [[ -z "$pkg" || "$pkg" == \#* ]] && continue
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done < hack/deps/apt.txt
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ -f hack/deps/npm.sh ]]; then bash hack/deps/npm.sh; fi
