#!/usr/bin/env bash
# The Liwater cluster on one machine, on loopback: PostgreSQL, two app nodes and HAProxy in front (docs/cluster.md).
#   scale/run.sh        installs what is missing (postgresql, haproxy from apt), starts everything with the demo data,
#                       prints the front URL and each node's own URL
#   scale/run.sh down   stops what it started
# State lives in scale/.run/ (PostgreSQL's data folder, logs, pids); delete it to start from an empty database.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
run="$root/scale/.run"
front=${LIWATER_FRONT_PORT:-8080}
nodes=(${LIWATER_NODE_PORTS:-5081 5082})
pgport=${LIWATER_PG_PORT:-55433}

stop_all() {
  for pidfile in "$run"/node-*.pid "$run"/haproxy.pid; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null || true
    rm -f "$pidfile"
  done
  tools/pgserver.sh stop "$run/pg" || true
}

if [ "${1:-up}" = "down" ]; then
  stop_all
  echo "Stopped the Liwater cluster."
  exit 0
fi

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
if ! command -v haproxy >/dev/null 2>&1; then
  echo "Installing haproxy..."
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq haproxy >/dev/null
fi

mkdir -p "$run"
chmod 755 "$run"
server=$(tools/pgserver.sh start "$run/pg" "$pgport")
connection="${server%;Database=postgres};Database=liwater"
psql "host=127.0.0.1 port=$pgport user=postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = 'liwater'" | grep -q 1 \
  || psql -q "host=127.0.0.1 port=$pgport user=postgres" -c "CREATE DATABASE liwater"

echo "Publishing the app (Release, ReadyToRun: precompiled, as a deployment is; decision 0129)..."
dotnet publish Liwater.Dashboard -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -v quiet -nologo -o "$run/app" | grep -E " error |rror\(s\)" || true

i=0
for port in "${nodes[@]}"; do
  i=$((i + 1))
  if [ -f "$run/node-$i.pid" ] && kill -0 "$(cat "$run/node-$i.pid")" 2>/dev/null; then continue; fi
  (
    cd "$run/app"
    ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_CONTENTROOT="$run/app" DOTNET_USE_POLLING_FILE_WATCHER=1 \
    Liwater__Database__Provider=PostgreSql \
    Liwater__Database__ConnectionString="$connection" \
    Liwater__LoadDemoData=true \
    Liwater__Backup__Folder="$run/backups" \
    nohup dotnet "$run/app/Liwater.Dashboard.dll" --urls "http://127.0.0.1:$port" >"$run/node-$i.log" 2>&1 &
    echo $! >"$run/node-$i.pid"
  )
done

scale/haproxy-config.sh "$front" "${nodes[@]}" >"$run/haproxy.cfg"
if [ -f "$run/haproxy.pid" ] && kill -0 "$(cat "$run/haproxy.pid")" 2>/dev/null; then kill "$(cat "$run/haproxy.pid")"; fi
haproxy -D -f "$run/haproxy.cfg" -p "$run/haproxy.pid"

echo "Waiting for the nodes (the first start loads the demo data)..."
for port in "${nodes[@]}"; do
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && break
    sleep 1
  done
done

echo
echo "Liwater cluster is running:"
echo "  front (HAProxy):  http://127.0.0.1:$front/   screen: http://127.0.0.1:$front/screen?key=demo-screen-key"
i=0
for port in "${nodes[@]}"; do
  i=$((i + 1))
  echo "  node $i:           http://127.0.0.1:$port/   (health: /healthz, log: scale/.run/node-$i.log)"
done
echo "  PostgreSQL:       $connection"
echo "Stop with: scale/run.sh down"
