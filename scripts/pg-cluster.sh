#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests (issue 12): never for data anyone keeps.
#
#   scripts/pg-cluster.sh start DIR   # makes (or restarts) a cluster in DIR, prints its URL, writes DIR/url
#   scripts/pg-cluster.sh stop DIR    # stops it and removes DIR
#   scripts/pg-cluster.sh bindir      # prints the folder of initdb/pg_ctl/psql it uses
#
# The cluster listens on 127.0.0.1 on a free random port and on a Unix socket in DIR. PostgreSQL
# refuses to run as root, so when this runs as root the cluster belongs to the `postgres` system
# user (Debian's `postgresql` package makes it) and DIR is handed to that user; otherwise it
# belongs to the current user. Authentication is `trust`: anyone on this machine can connect, which
# is why the cluster only ever holds test data.
#
# The URL is postgres://wallet_test@127.0.0.1:PORT/wallet_test. `wallet_test` is a superuser role
# (the tests make and drop databases) and a database to connect to for that; `wallet_template` is
# an empty template database the tests copy theirs from (Sources/TestSupport/PostgresTestDatabase).
#
# Settings for tests: fsync, synchronous_commit and full_page_writes are off — a crash of the
# machine may lose or corrupt the cluster, which is fine for data that is thrown away after the
# run and makes the tests several times faster. max_connections is 200: several repositoryd
# processes, each with a connection pool, plus the tests' own psql calls.
# PG_DURABLE=1 keeps fsync, synchronous_commit and full_page_writes at PostgreSQL's defaults (on),
# as a real deployment has them: the benchmarks (scripts/bench-repository.sh) start their cluster
# so, to measure what a centre would get. It applies when the cluster is made (initdb).
# PG_BINDIR=/path/to/bin picks another PostgreSQL installation.
set -euo pipefail

ROLE=wallet_test
DATABASE=wallet_test
TEMPLATE=wallet_template
MARKER=.wallet-pg-cluster   # DIR holds this file: `stop` removes only folders this script made

fail() { echo "pg-cluster.sh: $*" >&2; exit 1; }

# The folder of the server binaries: PG_BINDIR, else pg_config's, else the newest of Debian's
# /usr/lib/postgresql/*/bin, else wherever initdb is on PATH. pg_config alone is not enough: it
# comes with libpq-dev, which may be installed without (or at another version than) the server.
find_bindir() {
  local candidates=()
  if [ -n "${PG_BINDIR:-}" ]; then candidates+=("$PG_BINDIR"); fi
  if command -v pg_config >/dev/null 2>&1; then candidates+=("$(pg_config --bindir 2>/dev/null || true)"); fi
  local d
  while IFS= read -r d; do candidates+=("$d"); done < <(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV)
  if command -v initdb >/dev/null 2>&1; then candidates+=("$(dirname "$(command -v initdb)")"); fi
  for d in "${candidates[@]}"; do
    if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/psql" ]; then
      echo "$d"; return 0
    fi
  done
  fail "PostgreSQL's server programs (initdb, pg_ctl, psql) were not found${PG_BINDIR:+ in PG_BINDIR=$PG_BINDIR}.
Install them with scripts/install-system-deps.sh (Debian's postgresql and postgresql-client), or set PG_BINDIR."
}

# Runs a PostgreSQL program as the cluster's owner, from DIR: the owner may not be allowed into
# the caller's working directory, and initdb and pg_ctl refuse to run as root.
as_owner() {
  local owner=$1; shift
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$DIR" && runuser -u "$owner" -- "$@")
  else
    (cd "$DIR" && "$@")
  fi
}

# A port no one listens on now. Another program may take it before the server binds it, so
# `start` tries a few times.
free_port() {
  python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# The owner of a cluster made before (the data folder's owner), or the one a new cluster gets.
owner_of() {
  if [ -d "$DIR/data" ]; then stat -c %U "$DIR/data"
  elif [ "$(id -u)" -eq 0 ]; then echo postgres
  else id -un
  fi
}

is_running() { as_owner "$1" "$BINDIR/pg_ctl" status -D "$DIR/data" >/dev/null 2>&1; }

psql_on() {  # psql_on PORT DATABASE SQL
  "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U "$ROLE" -d "$2" -c "$3" >/dev/null
}

start() {
  local owner port url tries fd
  # The server outlives this script: it must not keep its caller's pipes and files open (a
  # caller reading this script's output to its end would wait for the server to stop). 255 is
  # the script bash is reading.
  for fd in $(ls /proc/$$/fd); do
    if [ "$fd" -gt 2 ] && [ "$fd" -lt 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
  BINDIR=$(find_bindir)
  owner=$(owner_of)
  if [ "$(id -u)" -eq 0 ] && ! id -u "$owner" >/dev/null 2>&1; then
    fail "running as root, the cluster must belong to the user '$owner', which does not exist.
Debian's postgresql package makes it: run scripts/install-system-deps.sh."
  fi
  if [ -e "$DIR" ] && [ ! -f "$DIR/$MARKER" ] && [ -n "$(ls -A "$DIR")" ]; then
    fail "$DIR is not empty and was not made by pg-cluster.sh: give an empty or new folder."
  fi
  mkdir -p "$DIR"
  touch "$DIR/$MARKER"
  if [ "$(id -u)" -eq 0 ]; then
    # mktemp folders are 0700 root: the server's user must own DIR (and reach it).
    chown "$owner" "$DIR"
    chmod 0700 "$DIR"
    runuser -u "$owner" -- test -x "$DIR" \
      || fail "the user '$owner' cannot reach $DIR (a parent folder is closed to it): choose a folder under /tmp."
  fi

  if is_running "$owner"; then
    if [ -f "$DIR/url" ]; then
      cat "$DIR/url"; echo; return 0   # already running: starting again is a no-op
    fi
    # Running without a URL: a start that was interrupted. Start it again from the top.
    as_owner "$owner" "$BINDIR/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -f "$DIR/url"

  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    rm -rf "$DIR/data"
    as_owner "$owner" "$BINDIR/initdb" -D "$DIR/data" -A trust -U "$ROLE" -E UTF8 --locale=C \
      --no-sync >"$DIR/initdb.log" 2>&1 \
      || fail "initdb failed; its output is in $DIR/initdb.log:
$(tail -n 20 "$DIR/initdb.log")"
    cat >>"$DIR/data/postgresql.conf" <<CONF

# scripts/pg-cluster.sh: a throw-away cluster for the tests (its data is never kept).
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
max_connections = 200
CONF
    if [ -z "${PG_DURABLE:-}" ]; then
      cat >>"$DIR/data/postgresql.conf" <<CONF
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
    else
      echo "# PG_DURABLE=1: fsync, synchronous_commit and full_page_writes at their defaults (on)." >>"$DIR/data/postgresql.conf"
    fi
  fi

  tries=0
  while :; do
    port=$(free_port)
    if as_owner "$owner" "$BINDIR/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -o "-p $port" -w -t 60 start >/dev/null 2>&1; then
      break
    fi
    tries=$((tries + 1))
    [ "$tries" -lt 5 ] || fail "the server did not start; the end of $DIR/server.log:
$(tail -n 20 "$DIR/server.log" 2>/dev/null)"
  done

  # The template and the database to connect to, made once per cluster.
  if [ "$(psql_q "$port" "select count(*) from pg_database where datname = '$TEMPLATE'")" = 0 ]; then
    psql_on "$port" postgres "CREATE DATABASE $TEMPLATE IS_TEMPLATE true"
  fi
  if [ "$(psql_q "$port" "select count(*) from pg_database where datname = '$DATABASE'")" = 0 ]; then
    psql_on "$port" postgres "CREATE DATABASE $DATABASE"
  fi

  url="postgres://$ROLE@127.0.0.1:$port/$DATABASE"
  printf '%s' "$url" >"$DIR/url.new" && mv "$DIR/url.new" "$DIR/url"
  echo "$url"
}

psql_q() {  # psql_q PORT SQL: one value
  "$BINDIR/psql" -X -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U "$ROLE" -d postgres -c "$2"
}

stop() {
  local owner pid
  [ -e "$DIR" ] || return 0           # already gone: stopping again is a no-op
  if [ ! -f "$DIR/$MARKER" ]; then
    [ -z "$(ls -A "$DIR")" ] || fail "$DIR was not made by pg-cluster.sh; not removing it."
    rmdir "$DIR"; return 0
  fi
  if [ -f "$DIR/data/postmaster.pid" ]; then
    BINDIR=$(find_bindir)
    owner=$(owner_of)
    if is_running "$owner"; then
      # immediate: no checkpoint, nothing to keep.
      as_owner "$owner" "$BINDIR/pg_ctl" -D "$DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    fi
    # If the server did not go, end that one server (its pid is in its own pid file).
    pid=$(head -n 1 "$DIR/data/postmaster.pid" 2>/dev/null || true)
    if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = postgres ]; then
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
    fi
  fi
  rm -rf "$DIR"
}

command=${1:-}
case "$command" in
  start|stop)
    [ $# -eq 2 ] || fail "usage: $0 $command DIR"
    DIR=$(realpath -m "$2")
    "$command" ;;
  bindir)
    find_bindir ;;
  *)
    fail "usage: $0 start DIR | stop DIR | bindir" ;;
esac
