# bench-common.sh — sourced by the benchmark scripts that run the engine
# against the local bench target: build what they need, start the target
# (an HTTP server on loopback; its port in $port), start the engine on a
# configuration ($engine, its HTTP address in $address), and clean all of it
# up at exit. Expects $build_dir; makes $scratch.

# bench_build TARGET...: the Debian packages, then the targets, quietly.
bench_build() {
  bash scripts/install-deps.sh >/dev/null
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build_dir" --target "$@" >/dev/null
}

# bench_start_target: $scratch, the bench target on loopback, and $port.
bench_start_target() {
  scratch=$(mktemp -d)
  engine=""
  exec 3> >("$build_dir/bench/engine_bench_target" > "$scratch/port")
  trap 'exec 3>&-; [ -z "$engine" ] || kill "$engine" 2>/dev/null || true; rm -rf "$scratch"' EXIT
  for _ in $(seq 50); do [ -s "$scratch/port" ] && break; sleep 0.1; done
  port=$(cat "$scratch/port")
}

# free_port: a TCP port free on loopback now.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# bench_nginx_config DIR HTTP_PORT [HTTPS_PORT CERT KEY]: writes DIR/nginx.conf
# for nginx on loopback, one worker, no access log, a 3-byte answer over
# HTTP (and HTTPS with that certificate when given).
bench_nginx_config() {
  local dir=$1 http_port=$2 https_port=${3:-} certificate=${4:-} key=${5:-} tls=""
  if [ -n "$https_port" ]; then
    tls="ssl_certificate $certificate; ssl_certificate_key $key;
  server { listen 127.0.0.1:$https_port ssl backlog=8192; location / { return 200 \"ok\\n\"; } }"
  fi
  cat >"$dir/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
error_log $dir/nginx.error crit;
pid $dir/nginx.pid;
events { worker_connections 8192; }
http {
  access_log off;
  keepalive_timeout 0;
  client_body_temp_path $dir;
  server { listen 127.0.0.1:$http_port backlog=8192; location / { return 200 "ok\n"; } }
  $tls
}
NGINX
}

# bench_start_nginx: $scratch, nginx (bench_nginx_config) instead of the
# bench target, and $port.
bench_start_nginx() {
  scratch=$(mktemp -d)
  engine=""
  port=$(free_port)
  bench_nginx_config "$scratch" "$port"
  nginx -c "$scratch/nginx.conf" -e "$scratch/nginx.error" &
  nginx_pid=$!
  trap 'kill "$nginx_pid" 2>/dev/null || true; [ -z "$engine" ] || kill "$engine" 2>/dev/null || true; rm -rf "$scratch"' EXIT
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.1; done
}

# bench_start_engine CONFIG: nyxmon run on it (log in $scratch/log), once it
# listens: $engine (its pid) and $address.
bench_start_engine() {
  "$build_dir/tools/nyxmon" run --config "$1" --data "$scratch/data" \
    --listen 127.0.0.1:0 2>"$scratch/log" &
  engine=$!
  for _ in $(seq 100); do [ -s "$scratch/data/nyxmon.http" ] && break; sleep 0.1; done
  address=$(cat "$scratch/data/nyxmon.http")
}
