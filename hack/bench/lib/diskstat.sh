# Disk counters of one block device (sourced). In /sys/block/DEV/stat field 1 is reads completed,
# 3 sectors read, 5 writes completed, 7 sectors written (sectors are 512 bytes whatever the
# device's block size) and 16 flushes completed (fsync reaching the device; absent on old kernels).

# diskstat DEVICE: prints "READS READ_SECTORS WRITES WRITE_SECTORS FLUSHES".
diskstat() {
  local stat
  read -r -a stat <"/sys/block/$(basename "$1")/stat"
  echo "${stat[0]} ${stat[2]} ${stat[4]} ${stat[6]} ${stat[15]:-0}"
}
