# The device's random-read limit, measured with fio on the benchmark's own file system (sourced).

# fio_sweep FILE SIZE RUNTIME_S OUT_DIR DEPTH...: 64 KiB O_DIRECT random reads through libaio at
# each queue depth; writes OUT_DIR/fio-qdN.json. The file is laid down first with large writes.
fio_sweep() {
  local file=$1 size=$2 runtime=$3 raw_dir=$4 depth
  shift 4
  fio --name=lay --filename="$file" --size="$size" --rw=write --bs=1M --direct=1 --ioengine=libaio \
    --iodepth=8 --output-format=json --output="$raw_dir/fio-lay.json" >/dev/null
  for depth in "$@"; do
    fio --name="randread-qd$depth" --filename="$file" --size="$size" --rw=randread --bs=64k --direct=1 \
      --ioengine=libaio --iodepth="$depth" --runtime="$runtime" --time_based --randrepeat=0 \
      --output-format=json --output="$raw_dir/fio-qd$depth.json" >/dev/null
  done
  rm -f "$file"
}
