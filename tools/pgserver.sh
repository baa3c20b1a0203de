#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback in its own data folder, for the test run (.ci/run, test.sh) and the
# cluster (scale/run.sh). Installs Debian's postgresql when missing. Runs the server as the `postgres` system user
# when started by root (initdb refuses root), trusts local connections only.
#   tools/pgserver.sh start <folder> [port]   prints the connection string of the server's superuser
#   tools/pgserver.sh stop <folder>
# LIWATER_PG_DURABLE=1 keeps PostgreSQL's default durability (fsync, synchronous_commit, full_page_writes on): the
# benchmark's cluster scenario measures writes as production runs them, beside SQLite at synchronous = FULL.
set -euo pipefail
action=${1:?start|stop}
folder=${2:?data folder}
port=${3:-55432}

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
      echo "Installing postgresql..." >&2
      $SUDO apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
      bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    fi
    mkdir -p "$folder"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$folder"
    if [ ! -f "$folder/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$folder" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$folder" status >/dev/null 2>&1; then
      # fsync off: a test and demo server whose data is rebuilt at will, never production.
      speed="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
      [ "${LIWATER_PG_DURABLE:-0}" = "1" ] && speed=""
      as_owner "$bin/pg_ctl" -D "$folder" -l "$folder/server.log" -w -t 60 start \
        -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c max_connections=300 $speed -c shared_buffers=128MB" >/dev/null
    fi
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    if [ -n "$bin" ] && [ -f "$folder/postmaster.pid" ]; then
      as_owner "$bin/pg_ctl" -D "$folder" -m fast -w stop >/dev/null || true
    fi
    ;;
  *) echo "usage: $0 start|stop <folder> [port]" >&2; exit 2 ;;
esac
