#!/usr/bin/env bash
# `make bench`: every benchmark, one after another, then ONE summary table of each figure, its
# target (issues 12 and 14) and whether it is met (by how much when not), with the commit and date:
#
#   scripts/bench.sh             statement writes over walletd's socket, then verifying credentials
#   scripts/bench-sync.sh        a full push of 10,000 and 100,000 statements and a no-op sync, SQLite
#   REPOSITORY=postgres scripts/bench-sync.sh   the same against PostgreSQL (100,000 only)
#   scripts/bench-repository.sh  100 PCs × 1,000 statements at once: SQLite, PostgreSQL 1 and 2 instances
#   scripts/bench-views.sh       a learner's views and an export at 1,000, 10,000 and 100,000 statements,
#                                and on a PC of 1,000,000 over 30 learners (issue 14)
#
# Each script also runs alone. SKIP_BUILD=1 reuses the last release build; BIG=1 adds the
# 1,000,000-statement sync case (several minutes). The logs are kept in the folder printed at the end.
set -uo pipefail
cd "$(dirname "$0")/.."
LOGS=$(mktemp -d /tmp/wallet-bench-all.XXXXXX)

if [ -z "${SKIP_BUILD:-}" ]; then
  ./scripts/install-system-deps.sh
  echo "Building release (the first release build takes 10-15 minutes on 2 cores)…" >&2
  . scripts/release-flags.sh  # SCRATCH and RELEASE_FLAGS: how every release binary is built
  # One --product per call: SwiftPM builds only the last one it is given.
  for product in walletd repositoryd wallet-cli wallet-bench; do
    swift build -c release --scratch-path "$SCRATCH" "${RELEASE_FLAGS[@]}" --product "$product" || exit 1
  done
fi
export SKIP_BUILD=1

# run NAME COMMAND…: the command's output on the terminal and in LOGS/NAME.log; a failure is
# noted and the next benchmark still runs (its figures then show as not measured).
FAILED=()
run() {
  local name=$1; shift
  echo "=== $name: $*"
  "$@" 2>&1 | tee "$LOGS/$name.log"
  local status=${PIPESTATUS[0]}
  [ "$status" -eq 0 ] || FAILED+=("$name (exit $status)")
}

run socket ./scripts/bench.sh
if [ -n "${BIG:-}" ]; then
  run sync-sqlite env BIG=1 ./scripts/bench-sync.sh
else
  run sync-sqlite ./scripts/bench-sync.sh
fi
run sync-postgres env REPOSITORY=postgres CASES=100000 ./scripts/bench-sync.sh
run repository env TABLE_OUT="$LOGS/repository.tsv" ./scripts/bench-repository.sh
run views ./scripts/bench-views.sh

python3 scripts/bench-summary.py "$LOGS" "$(git rev-parse --short HEAD 2>/dev/null || echo '?')" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$LOGS/summary.md"
echo "the same table in Markdown (for the README): $LOGS/summary.md"
if [ "${#FAILED[@]}" -gt 0 ]; then echo "benchmarks that failed: ${FAILED[*]}"; fi
echo "logs: $LOGS"
[ "${#FAILED[@]}" -eq 0 ]
