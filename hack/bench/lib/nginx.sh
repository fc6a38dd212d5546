# nginx as a WebDAV photo server (sourced): PUT creates xx/yy/name.jpg, GET serves it.
# Tuned for the fair fight: one worker per concurrent connection (open() and read() of a cold
# file block a worker, so fewer workers would cap nginx's disk concurrency), reuseport to spread
# connections evenly, sendfile, no access log. Each location keeps its upload temp files on its
# own file system so a finished PUT is a rename, not a copy.

# nginx_start RUN_DIR PORT WORKERS DATA_ROOT SYNC_ROOT: DATA_ROOT serves /data/, SYNC_ROOT /sync/.
nginx_start() {
  local run=$1 port=$2 workers=$3 data=$4 sync=$5 root
  mkdir -p "$run"
  # Not recursive: a root may already hold millions of photos (memory-bound.sh), which only need to
  # be readable; PUTs create their folders below the root as www-data.
  for root in "$data" "$sync"; do
    mkdir -p "$root/.tmp"
    chown www-data: "$root" "$root/.tmp"
  done
  cat >"$run/nginx.conf" <<CONF
user www-data;
worker_processes $workers;
pid $run/nginx.pid;
error_log $run/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 600s;
  keepalive_requests 10000000;
  client_max_body_size 16m;
  client_body_buffer_size 256k;  # a photo's body reaches its file in one write (one O_SYNC flush on the sync mount)
  types { image/jpeg jpg; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$port reuseport;
    location /data/ {
      root $data;
      client_body_temp_path $data/.tmp;
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
    }
    location /sync/ {
      root $sync;
      client_body_temp_path $sync/.tmp;
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
    }
    location = /healthz { return 200 "ok\n"; }
  }
}
CONF
  nginx -t -q -c "$run/nginx.conf" -p "$run" || die "nginx rejected $run/nginx.conf"
  nginx -c "$run/nginx.conf" -p "$run"
  wait_for_http "http://127.0.0.1:$port/healthz" 10
}

nginx_pid() { cat "$1/nginx.pid" 2>/dev/null; }

# nginx_stop RUN_DIR: graceful stop, bounded; safe when nginx never started.
nginx_stop() {
  local run=$1 pid i
  pid=$(nginx_pid "$run") || return 0
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill -QUIT "$pid"
  for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}
