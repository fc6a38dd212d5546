# A fresh XFS file system on a sparse file behind a loop device with direct I/O (sourced).
# Direct I/O on the loop device keeps the host's page cache out of the way: after drop_caches
# every read the file system makes reaches the backing disk and shows in /sys/block/loopN/stat.

# xfs_create IMAGE SIZE MOUNTPOINT [MOUNT_OPTIONS]: prints the loop device (e.g. /dev/loop3).
xfs_create() {
  local image=$1 size=$2 mnt=$3 opts=${4:-noatime} dev
  rm -f "$image"
  truncate -s "$size" "$image"
  dev=$(losetup --find --show --direct-io=on "$image")
  mkfs.xfs -q -f "$dev" >/dev/null
  mkdir -p "$mnt"
  mount -o "$opts" "$dev" "$mnt"
  echo "$dev"
}

# xfs_destroy IMAGE MOUNTPOINT DEVICE: tolerant of half-built state, so it is safe in an EXIT trap.
xfs_destroy() {
  local image=$1 mnt=$2 dev=$3 i
  if mountpoint -q "$mnt"; then
    for ((i = 0; i < 20; i++)); do umount "$mnt" 2>/dev/null && break; sleep 0.5; done
    mountpoint -q "$mnt" && umount -l "$mnt"
  fi
  [[ -n "$dev" ]] && losetup "$dev" >/dev/null 2>&1 && losetup -d "$dev"
  rm -f "$image"
}

# xfs_direct_io DEVICE: 1 when the loop device really does direct I/O (the kernel may refuse it).
xfs_direct_io() { cat "/sys/block/$(basename "$1")/loop/dio"; }
