#!/usr/bin/env bash
# walletd's memory, mapping by mapping (issue 14): what an idle walletd holds, read from
# /proc/PID/smaps and summed per file (Rss, Pss, Anonymous, in KiB), with the anonymous
# mappings as [heap], [stack], [anon]; then the thread count, VmRSS and VmHWM, and the load
# average the figure was taken at (other builds on the machine move it).
#
#   scripts/walletd-memory.sh                    # start the release walletd, measure it idle, stop it
#   BIN=.build/debug scripts/walletd-memory.sh   # another build's walletd
#   WALLETD=/tmp/walletd-x scripts/walletd-memory.sh   # any walletd binary
#   IDLE_SECONDS=10 scripts/walletd-memory.sh    # wait longer before measuring (default 3)
#   scripts/walletd-memory.sh --pid 1234         # a walletd that is already running
#
# It never builds: build first with (docs/MEMORY.md has the figures and what each flag is worth)
#   . scripts/release-flags.sh
#   swift build -c release --scratch-path "$SCRATCH" "${RELEASE_FLAGS[@]}" --product walletd
set -euo pipefail
cd "$(dirname "$0")/.."

# One process's breakdown: per file, largest Rss first, then the totals.
breakdown() {
  local pid=$1
  awk '
    /^[0-9a-f]+-[0-9a-f]+ / {
      name = (NF >= 6) ? $6 : "[anon]"
      if (name ~ /^\//) { n = split(name, parts, "/"); name = parts[n] }
      next
    }
    $1 == "Rss:"       { rss[name] += $2; trss += $2 }
    $1 == "Pss:"       { pss[name] += $2; tpss += $2 }
    $1 == "Anonymous:" { anon[name] += $2; tanon += $2 }
    END {
      for (n in rss) if (rss[n] > 0) printf "%8d %8d %8d  %s\n", rss[n], pss[n], anon[n], n | "sort -rn"
      close("sort -rn")
      printf "%8d %8d %8d  %s\n", trss, tpss, tanon, "total (KiB)"
    }' "/proc/$pid/smaps"
}

measure() {
  local pid=$1
  echo "walletd pid $pid, $(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  printf "%8s %8s %8s  %s\n" "Rss" "Pss" "Anon" "mapping (KiB)"
  breakdown "$pid"
  awk '/^(Threads|VmRSS|VmHWM|RssAnon|RssFile):/ { printf "%s %s %s  ", $1, $2, $3 } END { print "" }' "/proc/$pid/status"
}

if [ "${1:-}" = "--pid" ]; then
  measure "${2:?--pid needs a process id}"
  exit 0
fi

WALLETD="${WALLETD:-${BIN:-.build-release/release}/walletd}"
[ -x "$WALLETD" ] || { echo "no $WALLETD: build it first (see the top of this script)" >&2; exit 1; }
WORK=$(mktemp -d /tmp/walletd-memory.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

sock="$WORK/run/walletd.sock"
start=$(date +%s%N)
"$WALLETD" --data-dir "$WORK/pc" --socket "$sock" --scrypt-log-n 10 --sync-interval 86400 --sync-debounce-ms 600000 --http "${HTTP:-off}" \
  >"$WORK/walletd.log" 2>&1 &
pid=$!
for _ in $(seq 1 200); do [ -S "$sock" ] && break; sleep 0.02; done
[ -S "$sock" ] || { cat "$WORK/walletd.log" >&2; exit 1; }
echo "$WALLETD ($(du -h "$WALLETD" | cut -f1) on disk): socket ready after $(( ($(date +%s%N) - start) / 1000000 )) ms"
sleep "${IDLE_SECONDS:-3}"
measure "$pid"
