#!/usr/bin/env bash
# Runs the full storage engine benchmark (haystack bench) reproducibly, for docs/benchmarks.md.
# As root it makes a real XFS file system on a loop device backed by a preallocated file
# (losetup --direct-io=on, so the loop device itself adds no second page cache) and also measures
# cold-cache reads; otherwise it falls back to a temporary directory on whatever file system holds it.
# Extra arguments go to `haystack bench` (e.g. --quick).
set -euo pipefail
cd "$(dirname "$0")/../.."

image_size=${HAYSTACK_BENCH_IMAGE_SIZE:-12G}
dotnet build -c Release -v quiet -nologo src/Haystack
haystack=(dotnet src/Haystack/bin/Release/net10.0/haystack.dll)

work=$(mktemp -d /var/tmp/haystack-bench.XXXXXX)
loop=""
cleanup() {
  if mountpoint -q "$work/mnt" 2>/dev/null; then umount "$work/mnt"; fi
  if [[ -n "$loop" ]]; then losetup -d "$loop"; fi
  rm -rf "$work"
}
trap cleanup EXIT

extra=()
if [[ $EUID -eq 0 ]] && command -v mkfs.xfs >/dev/null && command -v losetup >/dev/null; then
  fallocate -l "$image_size" "$work/xfs.img"
  loop=$(losetup --find --show --direct-io=on "$work/xfs.img")
  mkfs.xfs -q -f "$loop"
  mkdir -p "$work/mnt"
  mount "$loop" "$work/mnt"
  dir="$work/mnt/bench"
  extra+=(--drop-caches)
  echo "bench: XFS on $loop (backed by $work/xfs.img, $image_size, direct I/O)"
else
  dir="$work/bench"
  echo "bench: not root or no xfsprogs: using $dir on the existing file system"
fi

echo "bench: machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB RAM, kernel $(uname -r)"
"${haystack[@]}" bench --dir "$dir" "${extra[@]}" "$@"
