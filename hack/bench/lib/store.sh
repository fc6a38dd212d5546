# Our Store server, built once into the benchmark's own folder (sourced): other builds in the
# same tree then cannot swap its binaries mid-run.

# store_publish REPO REV DEST: Release build of the `haystack` exe from commit REV, exported with
# git archive: the shared working tree holds other engineers' unfinished edits, and the numbers
# should belong to one commit. A build of the same commit is reused (DEST/.rev). Retried, as
# parallel builds on this machine sometimes fail.
store_publish() {
  local repo=$1 rev=$2 dest=$3 attempt
  [[ -f "$dest/haystack.dll" && $(cat "$dest/.rev" 2>/dev/null) == "$rev" ]] && return 0
  rm -rf "$dest" "$dest.src"
  mkdir -p "$dest.src"
  git -C "$repo" archive "$rev" | tar -x -C "$dest.src"
  for attempt in 1 2 3; do
    if dotnet publish "$dest.src/src/Haystack" -c Release -o "$dest" --nologo -v quiet >"$dest.publish.log" 2>&1; then
      echo "$rev" >"$dest/.rev"
      return 0
    fi
    log "store build attempt $attempt failed (see $dest.publish.log); retrying"
    sleep 5
  done
  die "could not build the store at $rev: $dest.publish.log"
}

# store_start BIN_DIR DATA_DIR PORT VOLUMES LOG: starts `haystack store` with volumes 1..VOLUMES,
# sets STORE_PID (a global, so the server stays this shell's child) and returns once /healthz answers.
store_start() {
  local bin=$1 data=$2 port=$3 volumes=$4 logfile=$5
  mkdir -p "$data"
  dotnet "$bin/haystack.dll" store --data "$data" --port "$port" --grpc-port "$((port + 1))" \
    --create-volume $(seq 1 "$volumes") >"$logfile" 2>&1 &
  STORE_PID=$!
  wait_for_http "http://127.0.0.1:$port/healthz" 60 "$STORE_PID"
}

# store_stop PID: SIGTERM (graceful shutdown flushes the index files), bounded wait.
store_stop() {
  local pid=$1 i
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid"
  for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}
