#!/usr/bin/env bash
# Many PCs syncing at once (issue 12): DEVICES simulated PCs, each enrolled with its own code and
# holding its own learner, push PER_DEVICE statements each concurrently (batches of 1,000, as
# walletd), then pull them back, against three repositories:
#
#   sqlite  one repositoryd on a data folder, --synchronous full
#   pg1     one repositoryd on PostgreSQL
#   pg2     two repositoryd on the same database and keys folder, the PCs shared round-robin
#
# PostgreSQL is a throw-away cluster of its own (scripts/pg-cluster.sh, removed on exit) started
# with PG_DURABLE=1: fsync, synchronous_commit and full_page_writes on, as a real deployment has
# them (the test cluster has them off). Release build; prints one table.
#
#   scripts/bench-repository.sh                       # 100 PCs × 1,000 statements, all three cases
#   DEVICES=20 PER_DEVICE=500 scripts/bench-repository.sh
#   CASES=sqlite,pg1 scripts/bench-repository.sh
#   SKIP_BUILD=1 scripts/bench-repository.sh          # reuse the last release build
#   TABLE_OUT=FILE scripts/bench-repository.sh        # also write the table's rows (TSV) to FILE
set -euo pipefail
cd "$(dirname "$0")/.."

DEVICES="${DEVICES:-100}"
PER_DEVICE="${PER_DEVICE:-1000}"
CASES="${CASES:-sqlite,pg1,pg2}"
. scripts/release-flags.sh  # SCRATCH and RELEASE_FLAGS: how every release binary is built
if [ -z "${SKIP_BUILD:-}" ]; then
  ./scripts/install-system-deps.sh
  echo "Building release (the first release build takes 10-15 minutes on 2 cores)…" >&2
  # One --product per call: SwiftPM builds only the last one it is given.
  for product in repositoryd wallet-bench; do
    swift build -c release --scratch-path "$SCRATCH" "${RELEASE_FLAGS[@]}" --product "$product"
  done
fi
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"
for tool in repositoryd wallet-bench; do
  [ -x "$BIN/$tool" ] || { echo "missing $BIN/$tool: run without SKIP_BUILD" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/wallet-repo-bench.XXXXXX)
# Its own folder: the cluster's owner (postgres, when this runs as root) must reach it, and
# WORK is closed to other users.
PG_DIR=$(mktemp -d /tmp/wallet-repo-bench-pg.XXXXXX)
PIDS=()
stop_daemons() {
  local p
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  PIDS=()
}
cleanup() {
  stop_daemons
  ./scripts/pg-cluster.sh stop "$PG_DIR" >/dev/null 2>&1 || echo "bench-repository.sh: run scripts/pg-cluster.sh stop $PG_DIR" >&2
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

PG_URL=""
pg_url() {  # the cluster's URL with another database name
  echo "${PG_URL%/*}/$1"
}
start_cluster() {
  [ -n "$PG_URL" ] && return 0
  PG_URL=$(PG_DURABLE=1 ./scripts/pg-cluster.sh start "$PG_DIR")
  PSQL="$(./scripts/pg-cluster.sh bindir)/psql"
}
pg_setting() { "$PSQL" -X -A -t -d "$PG_URL" -c "SHOW $1"; }

# start_repositoryd LOG ARGS…: starts one instance on a free port; sets REPO_PID and REPO_PORT.
start_repositoryd() {
  local log=$1; shift
  "$BIN/repositoryd" serve "$@" --port 0 >"$log" 2>&1 &
  REPO_PID=$!
  PIDS+=("$REPO_PID")
  REPO_PORT=""
  for _ in $(seq 1 300); do
    REPO_PORT=$(sed -n 's/.*repositoryd ready port=\([0-9]*\).*/\1/p' "$log")
    [ -n "$REPO_PORT" ] && return 0
    kill -0 "$REPO_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "repositoryd did not start; its log ($log):" >&2
  cat "$log" >&2
  exit 1
}

# make_codes FILE STORE_ARGS…: DEVICES enrolment codes, one a line.
make_codes() {
  local file=$1; shift
  : >"$file"
  for _ in $(seq 1 "$DEVICES"); do
    "$BIN/repositoryd" enrolment-code "$@" --name bench | head -1 | cut -d' ' -f1 >>"$file"
  done
}

ROWS=()
run_case() {
  local name=$1 dir="$WORK/$1" store durability urls pids instances=1
  mkdir -p "$dir"
  case "$name" in
    sqlite)
      store=(--data-dir "$dir/data")
      durability="SQLite WAL, synchronous=FULL"
      start_repositoryd "$dir/repositoryd.log" "${store[@]}" --synchronous full
      urls="http://127.0.0.1:$REPO_PORT"; pids="$REPO_PID" ;;
    pg1|pg2)
      start_cluster
      "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$PG_URL" -c "CREATE DATABASE bench_$name" >/dev/null
      store=(--database "$(pg_url "bench_$name")" --keys-dir "$dir/keys")
      durability="PostgreSQL fsync=$(pg_setting fsync), synchronous_commit=$(pg_setting synchronous_commit)"
      start_repositoryd "$dir/repositoryd-1.log" "${store[@]}"
      urls="http://127.0.0.1:$REPO_PORT"; pids="$REPO_PID"
      if [ "$name" = pg2 ]; then
        # The second instance after the first made the keys: afterwards they are only read.
        start_repositoryd "$dir/repositoryd-2.log" "${store[@]}"
        urls="$urls,http://127.0.0.1:$REPO_PORT"; pids="$pids,$REPO_PID"; instances=2
      fi ;;
    *) echo "unknown case $name (sqlite, pg1, pg2)" >&2; exit 64 ;;
  esac
  make_codes "$dir/codes" "${store[@]}"
  echo "== $name: $instances repositoryd, $durability" >&2
  local out status=0
  out=$("$BIN/wallet-bench" repository --url "$urls" --codes "$dir/codes" --devices "$DEVICES" \
          --per-device "$PER_DEVICE" --pids "$pids" 2>&1) || status=$?
  echo "$out" >&2
  local result; result=$(echo "$out" | sed -n 's/^RESULT //p')
  if [ -z "$result" ]; then
    echo "wallet-bench repository failed (exit $status); the repositoryd logs:" >&2
    tail -n 30 "$dir"/repositoryd*.log >&2
    ROWS+=("$name|$instances|$durability|-|-|-|-|-|-|failed|-")
  else
    field() { echo "$result" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
    ROWS+=("$name|$instances|$durability|$(field push_rate)|$(field push_p50_ms)|$(field push_p99_ms)|$(field pull_rate)|$(field pull_p50_ms)|$(field pull_p99_ms)|$(field errors)|$(field rss_mb)")
    if [ "$(field errors)" != 0 ]; then
      echo "errors in $name; the end of the repositoryd logs:" >&2
      tail -n 30 "$dir"/repositoryd*.log >&2
    fi
  fi
  stop_daemons
}

for c in $(echo "$CASES" | tr ',' ' '); do run_case "$c"; done

echo
echo "repository under load: $DEVICES PCs × $PER_DEVICE statements, concurrent push then pull (release, commit $(git rev-parse --short HEAD 2>/dev/null || echo ?), $(date -u +%Y-%m-%d))"
{
  echo "case|instances|durability|push st/s|push p50 ms|push p99 ms|pull st/s|pull p50 ms|pull p99 ms|errors|peak RSS MB"
  for row in "${ROWS[@]}"; do echo "$row"; done
} | column -t -s '|'
if [ -n "${TABLE_OUT:-}" ]; then
  for row in "${ROWS[@]}"; do echo "$row"; done | tr '|' '\t' >"$TABLE_OUT"
fi
