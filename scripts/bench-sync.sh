#!/usr/bin/env bash
# Sync benchmark: release builds, loopback, a fresh repositoryd and a fresh walletd per case.
# Each case records N statements on the PC through the xAPI API, then times the full push
# (`POST /v1/sync?wait=true`), then no-op syncs, and prints the peak resident memory (VmHWM)
# of walletd and repositoryd.
#
#   scripts/bench-sync.sh                 # 10,000 and 100,000 statements
#   BIG=1 scripts/bench-sync.sh           # also 1,000,000, then 100 more into that repository
#   SKIP_BUILD=1 scripts/bench-sync.sh    # reuse the last release build
#   SYNCHRONOUS=normal scripts/bench-sync.sh   # both daemons with --synchronous normal
#   CASES=10000 scripts/bench-sync.sh     # other sizes (comma-separated)
#   REPOSITORY=postgres scripts/bench-sync.sh  # repositoryd on PostgreSQL: a throw-away cluster of
#                                         # its own with fsync on (scripts/pg-cluster.sh, PG_DURABLE=1)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/release-flags.sh  # SCRATCH and RELEASE_FLAGS: how every release binary is built
if [ -z "${SKIP_BUILD:-}" ]; then
  ./scripts/install-system-deps.sh
  echo "Building release (the first release build takes 10-15 minutes on 2 cores)…" >&2
  for product in walletd repositoryd wallet-cli wallet-bench; do
    swift build -c release --scratch-path "$SCRATCH" "${RELEASE_FLAGS[@]}" --product "$product"
  done
fi
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"

WORK=$(mktemp -d /tmp/wallet-sync-bench.XXXXXX)
PIDS=()
PG_DIR=""
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"
  if [ -n "$PG_DIR" ]; then ./scripts/pg-cluster.sh stop "$PG_DIR" >/dev/null 2>&1 || echo "bench-sync.sh: run scripts/pg-cluster.sh stop $PG_DIR" >&2; fi
}
trap cleanup EXIT

REPOSITORY="${REPOSITORY:-sqlite}"
case "$REPOSITORY" in
  sqlite) echo "repository: SQLite, --synchronous ${SYNCHRONOUS:-full}" ;;
  postgres)
    # Its own folder: the cluster's owner (postgres, as root) must reach it; WORK is closed to it.
    PG_DIR=$(mktemp -d /tmp/wallet-sync-bench-pg.XXXXXX)
    PG_URL=$(PG_DURABLE=1 ./scripts/pg-cluster.sh start "$PG_DIR")
    PSQL="$(./scripts/pg-cluster.sh bindir)/psql"
    echo "repository: PostgreSQL, fsync=$("$PSQL" -X -A -t -d "$PG_URL" -c 'SHOW fsync'), synchronous_commit=$("$PSQL" -X -A -t -d "$PG_URL" -c 'SHOW synchronous_commit')" ;;
  *) echo "REPOSITORY must be sqlite or postgres" >&2; exit 64 ;;
esac

hwm() { awk '/VmHWM/ { printf "%.1f MB", $2 / 1024 }' "/proc/$1/status"; }

run_case() {
  local name=$1; shift
  local dir="$WORK/$name"; mkdir -p "$dir"
  local store=(--data-dir "$dir/repo") options=(--synchronous "${SYNCHRONOUS:-full}")
  if [ "$REPOSITORY" = postgres ]; then
    "$PSQL" -X -q -v ON_ERROR_STOP=1 -d "$PG_URL" -c "CREATE DATABASE bench_${name,,}" >/dev/null
    store=(--database "${PG_URL%/*}/bench_${name,,}" --keys-dir "$dir/keys"); options=()
  fi
  "$BIN/repositoryd" serve "${store[@]}" --port 0 "${options[@]}" --catalog catalog/sample-catalog.json >"$dir/repo.log" 2>&1 &
  local repo=$!; PIDS+=("$repo")
  local port=""
  for _ in $(seq 1 100); do port=$(sed -n 's/.*repositoryd ready port=\([0-9]*\).*/\1/p' "$dir/repo.log"); [ -n "$port" ] && break; sleep 0.1; done
  [ -n "$port" ] || { cat "$dir/repo.log" >&2; exit 1; }
  local sock="$dir/run/walletd.sock"
  "$BIN/walletd" --data-dir "$dir/pc" --socket "$sock" --scrypt-log-n 10 --http off --synchronous "${SYNCHRONOUS:-full}" --sync-interval 86400 --sync-debounce-ms 600000 >"$dir/pc.log" 2>&1 &
  local pc=$!; PIDS+=("$pc")
  for _ in $(seq 1 100); do [ -S "$sock" ] && break; sleep 0.1; done
  local code; code=$("$BIN/repositoryd" enrolment-code "${store[@]}" | head -1 | cut -d' ' -f1)
  WALLET_SOCKET="$sock" WALLETD_ADMIN_TOKEN_FILE="$dir/pc/admin.token" "$BIN/wallet-cli" device enrol --repository "http://127.0.0.1:$port" --code "$code" >/dev/null
  # Let the first sync (catalog) finish so that it is not part of the timed push.
  WALLET_SOCKET="$sock" "$BIN/wallet-cli" sync >/dev/null
  echo "== $name"
  "$BIN/wallet-bench" sync --socket "$sock" "$@"
  echo "peak resident memory: walletd $(hwm "$pc"), repositoryd $(hwm "$repo")"
  if [ "$REPOSITORY" = postgres ]; then
    echo "repository database: $("$PSQL" -X -A -t -d "$PG_URL" -c "SELECT pg_database_size('bench_${name,,}') / 1048576") MB"
  else
    local bytes; bytes=$(du -sb "$dir/repo" | cut -f1)
    echo "repository folder: $((bytes / 1024 / 1024)) MB"
  fi
  kill "$pc" "$repo"; wait "$pc" "$repo" 2>/dev/null || true
}

for n in $(echo "${CASES:-10000,100000}" | tr ',' ' '); do
  run_case "$n" --statements "$n"
done
if [ -n "${BIG:-}" ]; then
  run_case "1M" --statements 1000000 --then 100
fi
