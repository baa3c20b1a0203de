#!/usr/bin/env bash
# Prints the HAProxy configuration of a Liwater cluster: the one definition used by scale/run.sh and by the failover
# test (Liwater.Dashboard.Tests/Cluster/FailoverTests), so the test checks the front door that is shipped.
#   scale/haproxy-config.sh <front port> <node port> [<node port>...]
# Blazor Server keeps a circuit on one node: a cookie pins each browser to its node; when that node fails its health
# check, the browser is sent to a live node and its pages reconnect there and read the change log.
set -euo pipefail
front=${1:?front port}
shift
[ $# -gt 0 ] || { echo "usage: $0 <front port> <node port>..." >&2; exit 2; }

cat <<CFG
global
    maxconn 8000
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # WebSockets (Blazor circuits, /hubs/live) stay open for hours.
    timeout tunnel 8h
    timeout client-fin 10s
    option redispatch
    retries 2
frontend liwater
    bind 127.0.0.1:$front
    default_backend nodes
backend nodes
    balance roundrobin
    cookie LIWATER_NODE insert indirect nocache
    option httpchk GET /healthz
    http-check expect status 200
    default-server inter 1s fall 2 rise 2
CFG
i=0
for port in "$@"; do
  i=$((i + 1))
  echo "    server node$i 127.0.0.1:$port check cookie node$i"
done
