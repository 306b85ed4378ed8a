#!/usr/bin/env bash
# Views benchmark (issue 14): release builds, a fresh repositoryd (for the catalog and to issue
# credentials) and a fresh walletd. The timed learners first earn a credential (the sample
# catalog's self-assessed course: a pass per outcome, two syncs). One learner's statements are
# recorded up to each size, and at each size the calls a learner's page makes are timed (median
# of 5): progress, courses, a statements page of 50, one POST, an export of the credential; then
# walletd's peak resident memory (VmHWM). Then the PC is filled to PC statements over
# PC_LEARNERS learners (the first one included) and the same calls are timed for another of them.
#
#   scripts/bench-views.sh                     # 1,000, 10,000 and 100,000; a PC of 1,000,000 over 30 learners
#   SIZES=1000,10000 PC=100000 scripts/bench-views.sh   # other sizes (comma-separated, growing)
#   PC=0 scripts/bench-views.sh                # no whole-PC row
#   SKIP_BUILD=1 scripts/bench-views.sh        # reuse the last release build
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
# BIN=.build/debug SKIP_BUILD=1 tries the script with a debug build (its figures mean nothing).
BIN="${BIN:-$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)}"

WORK=$(mktemp -d /tmp/wallet-views-bench.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

"$BIN/repositoryd" serve --data-dir "$WORK/repo" --port 0 --catalog catalog/sample-catalog.json >"$WORK/repo.log" 2>&1 &
PIDS+=("$!")
port=""
for _ in $(seq 1 100); do port=$(sed -n 's/.*repositoryd ready port=\([0-9]*\).*/\1/p' "$WORK/repo.log"); [ -n "$port" ] && break; sleep 0.1; done
[ -n "$port" ] || { cat "$WORK/repo.log" >&2; exit 1; }
sock="$WORK/run/walletd.sock"
"$BIN/walletd" --data-dir "$WORK/pc" --socket "$sock" --scrypt-log-n 10 --http off --sync-interval 86400 --sync-debounce-ms 600000 >"$WORK/pc.log" 2>&1 &
pc=$!; PIDS+=("$pc")
for _ in $(seq 1 100); do [ -S "$sock" ] && break; sleep 0.1; done
code=$("$BIN/repositoryd" enrolment-code --data-dir "$WORK/repo" | head -1 | cut -d' ' -f1)
WALLET_SOCKET="$sock" WALLETD_ADMIN_TOKEN_FILE="$WORK/pc/admin.token" "$BIN/wallet-cli" device enrol --repository "http://127.0.0.1:$port" --code "$code" >/dev/null
# The catalog arrives with the first sync.
WALLET_SOCKET="$sock" "$BIN/wallet-cli" sync >/dev/null
echo "walletd views, release build, --synchronous full; walletd idle RSS before: $(awk '/VmRSS/ { printf "%.1f MB", $2 / 1024 }' "/proc/$pc/status")"
PC_ARGS=()
if [ "${PC:-1000000}" != 0 ]; then PC_ARGS=(--pc "${PC:-1000000}" --pc-learners "${PC_LEARNERS:-30}"); fi
"$BIN/wallet-bench" views --socket "$sock" --sizes "${SIZES:-1000,10000,100000}" "${PC_ARGS[@]}" --pid "$pc"
