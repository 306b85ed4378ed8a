#!/usr/bin/env bash
# Statement-write benchmark: a release walletd on a throw-away data folder (cheap KDF cost so the
# set-up is quick), wallet-bench with 1 and 8 concurrent clients, then walletd is stopped and
# everything is removed.
#
#   scripts/bench.sh                 # 2000 statements per run, clients 1 and 8
#   STATEMENTS=10000 CLIENTS=1,8,32 scripts/bench.sh
#   SYNCHRONOUS=normal scripts/bench.sh   # walletd --synchronous normal
#   SKIP_BUILD=1 scripts/bench.sh    # reuse the last release build
set -euo pipefail
cd "$(dirname "$0")/.."

STATEMENTS="${STATEMENTS:-2000}"
CLIENTS="${CLIENTS:-1,8}"
SYNCHRONOUS="${SYNCHRONOUS:-full}"

# The same release folder as scripts/bench-sync.sh: one release build serves both.
. scripts/release-flags.sh  # SCRATCH and RELEASE_FLAGS: how every release binary is built
if [ -z "${SKIP_BUILD:-}" ]; then
  echo "Building release (the first release build takes about 13 minutes)…" >&2
  # One --product per call: SwiftPM builds only the last one it is given.
  swift build -c release --scratch-path "$SCRATCH" "${RELEASE_FLAGS[@]}" --product walletd
  swift build -c release --scratch-path "$SCRATCH" "${RELEASE_FLAGS[@]}" --product wallet-bench
fi
BIN="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)"
for tool in walletd wallet-bench; do
  [ -x "$BIN/$tool" ] || { echo "missing $BIN/$tool: run without SKIP_BUILD" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/wallet-bench.XXXXXX)
SOCKET="$WORK/run/walletd.sock"
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID"
    # Give it a few seconds to close the database cleanly, then insist.
    for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$PID" 2>/dev/null && kill -KILL "$PID"
    wait "$PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$BIN/walletd" --data-dir "$WORK/data" --socket "$SOCKET" --scrypt-log-n 10 --http off --synchronous "$SYNCHRONOUS" \
  >"$WORK/walletd.log" 2>&1 &
PID=$!

for _ in $(seq 1 100); do
  [ -S "$SOCKET" ] && break
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.1
done
if [ ! -S "$SOCKET" ]; then
  echo "walletd did not start; its log:" >&2
  cat "$WORK/walletd.log" >&2
  exit 1
fi

"$BIN/wallet-bench" --socket "$SOCKET" --statements "$STATEMENTS" --clients "$CLIENTS"

# Offline verification of micro-credentials (target: 1,000 in at most 200 ms, release).
"$BIN/wallet-bench" verify --credentials 1000
