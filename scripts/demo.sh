#!/usr/bin/env bash
# The walking-skeleton story, end to end on a temporary folder:
# walletd starts, a learner is added and logs in, records a short course's progress over several
# learning outcomes, looks at it; walletd is killed with kill -9, restarted, and nothing is lost.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-$(swift build --show-bin-path)}"
WALLETD="$BIN/walletd"
CLI="$BIN/wallet-cli"
[ -x "$WALLETD" ] && [ -x "$CLI" ] || { echo "Build first: swift build" >&2; exit 1; }

DEMO=$(mktemp -d /tmp/wallet-demo.XXXXXX)
export WALLET_SOCKET="$DEMO/run/walletd.sock"
export WALLET_SESSION="$DEMO/session.json"
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$DEMO"; }
trap cleanup EXIT

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

start_walletd() {
  "$WALLETD" --data-dir "$DEMO/data" --socket "$WALLET_SOCKET" >>"$DEMO/walletd.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 100); do
    [ -S "$WALLET_SOCKET" ] && "$CLI" status >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "walletd did not start; its log:" >&2; cat "$DEMO/walletd.log" >&2; exit 1
}

step "Start walletd on $DEMO"
start_walletd
"$CLI" status

step "The health route, straight over the socket with curl"
curl -s --unix-socket "$WALLET_SOCKET" http://localhost/v1/health; echo

step "A learner joins and unlocks their wallet"
echo "2468-ana" | "$CLI" learner add --name "Ana Horvat" --pin-stdin
echo "2468-ana" | "$CLI" login "Ana Horvat" --pin-stdin
"$CLI" learner list

COURSE="https://vet.example.eu/courses/electrical-safety-basics"
step "Ana studies 'Electrical safety basics' (four learning outcomes)"
"$CLI" record --activity "$COURSE" --verb attempted --name "Electrical safety basics"
"$CLI" record --activity "$COURSE/lo/1-hazards" --verb completed --name "Identify electrical hazards"
"$CLI" record --activity "$COURSE/lo/2-isolation" --verb failed --score 0.45 --name "Safe isolation procedure"
"$CLI" record --activity "$COURSE/lo/2-isolation" --verb passed --score 0.9 --name "Safe isolation procedure"
"$CLI" record --activity "$COURSE/lo/3-ppe" --verb passed --score 0.8 --name "Select and check PPE"
"$CLI" record --activity "$COURSE/lo/4-first-aid" --verb progressed --name "First response to electric shock"

step "Her progress"
"$CLI" progress
"$CLI" statements --limit 3

BEFORE=$("$CLI" statements --json --limit 500 | grep -o '"id" *: *"[0-9a-f-]\{36\}"' | sort | md5sum)
COUNT=$("$CLI" status --json | sed -n 's/.*"statements" *: *\([0-9]*\).*/\1/p')

step "kill -9 walletd (pid $PID), the way a power button or a crash would"
kill -9 "$PID"; wait "$PID" 2>/dev/null || true; PID=""
"$CLI" status || true

step "Restart walletd"
start_walletd
AFTER=$("$CLI" statements --json --limit 500 | grep -o '"id" *: *"[0-9a-f-]\{36\}"' | sort | md5sum)
COUNT_AFTER=$("$CLI" status --json | sed -n 's/.*"statements" *: *\([0-9]*\).*/\1/p')
"$CLI" progress
if [ "$BEFORE" = "$AFTER" ] && [ "$COUNT" = "$COUNT_AFTER" ]; then
  echo; echo "Nothing lost: the same $COUNT_AFTER statements before the kill -9 and after the restart."
else
  echo "LOST DATA: $COUNT statements before, $COUNT_AFTER after" >&2; exit 1
fi

step "A second walletd on the same folder refuses to start"
if "$WALLETD" --data-dir "$DEMO/data" --socket "$DEMO/other.sock"; then
  echo "second walletd started: this is a bug" >&2; exit 1
fi

step "Ana logs out"
"$CLI" logout
echo; echo "Demo finished."
