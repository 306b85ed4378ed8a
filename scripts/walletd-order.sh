#!/usr/bin/env bash
# Makes scripts/walletd.order: the functions walletd runs to start, sit idle and serve a learner's
# usual calls, in the order lld's --symbol-ordering-file takes them (scripts/release-flags.sh).
# A release walletd runs under valgrind's callgrind (which lists every function that ran); the
# calls are made with curl over the socket: health, learners, a learner created and logged in,
# statements posted and read, progress, courses, metrics; and the wallet page's first page (the
# listener is on by default, so its start-up is part of every idle walletd). Run it again when walletd's start-up
# or these routes change much, then rebuild; docs/MEMORY.md says what the order is worth.
#
#   scripts/walletd-order.sh            # needs valgrind (apt-get install valgrind) and a release walletd
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "needs valgrind: apt-get install valgrind" >&2; exit 1; }
WALLETD="${WALLETD:-.build-release/release/walletd}"
[ -x "$WALLETD" ] || { echo "no $WALLETD: build it first (scripts/release-flags.sh)" >&2; exit 1; }
WORK=$(mktemp -d /tmp/walletd-order.XXXXXX)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# valgrind cannot read this toolchain's DWARF: a copy without it (symbols stay).
objcopy --strip-debug "$WALLETD" "$WORK/walletd"
sock="$WORK/run/walletd.sock"
valgrind --tool=callgrind --demangle=no --callgrind-out-file="$WORK/callgrind.out" \
  "$WORK/walletd" --data-dir "$WORK/pc" --socket "$sock" --scrypt-log-n 10 --http 127.0.0.1:0 --sync-interval 86400 \
  --sync-debounce-ms 600000 >"$WORK/walletd.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do [ -S "$sock" ] && break; sleep 0.1; done
[ -S "$sock" ] || { cat "$WORK/walletd.log" >&2; exit 1; }
sleep 3  # idle: the timers that run every second
call() { curl -s --unix-socket "$sock" -H 'Content-Type: application/json' "$@"; }
call http://localhost/v1/health >/dev/null
call http://localhost/v1/learners >/dev/null
id=$(call -X POST http://localhost/v1/learners -d '{"name":"Order Profile","pin":"482913"}' | jq -r .id)
token=$(call -X POST http://localhost/v1/sessions -d "{\"learner\":\"$id\",\"pin\":\"482913\"}" | jq -r .token)
auth=(-H "Authorization: Bearer $token" -H 'X-Experience-API-Version: 2.0.0')
for i in 1 2 3; do
  call "${auth[@]}" -X POST http://localhost/xapi/statements -d "{\"actor\":{\"mbox\":\"mailto:a@example.org\"},\"verb\":{\"id\":\"http://adlnet.gov/expapi/verbs/completed\"},\"object\":{\"id\":\"https://example.org/activity/$i\"},\"result\":{\"score\":{\"scaled\":0.8}}}" >/dev/null
done
call "${auth[@]}" "http://localhost/xapi/statements?limit=50" >/dev/null
call "${auth[@]}" "http://localhost/v1/learners/$id/progress" >/dev/null
call "${auth[@]}" "http://localhost/v1/learners/$id/courses" >/dev/null
call http://localhost/v1/metrics >/dev/null
for _ in $(seq 1 100); do [ -s "$WORK/pc/web-address" ] && break; sleep 0.1; done
page=$(cat "$WORK/pc/web-address")
curl -s "$page" >/dev/null
curl -s "${page}static/wallet.css" >/dev/null
sleep 2
kill -INT "$pid"; wait "$pid" || true; pid=""

# Every function of walletd's own image that ran (callgrind names them once, then by number).
python3 - "$WORK/callgrind.out" >scripts/walletd.order <<'PY'
import re, sys
names = {"ob": {}, "fn": {}}
current_object, seen = None, []
for line in open(sys.argv[1], errors="replace"):
    m = re.match(r"^(ob|cob|fn|cfn)=\((\d+)\)(?: (.*))?$", line.rstrip("\n"))
    if not m:
        continue
    kind, number, name = m.groups()
    table = names["ob" if kind in ("ob", "cob") else "fn"]
    if name:
        table[number] = name
    if kind == "ob":
        current_object = table[number]
    elif kind == "fn" and current_object and current_object.endswith("/walletd"):
        symbol = re.sub(r"'\d+$", "", table[number])  # callgrind's recursion suffix
        if not symbol.startswith("0x") and symbol not in seen:
            seen.append(symbol)
print("\n".join(seen))
PY
echo "scripts/walletd.order: $(wc -l <scripts/walletd.order) functions" >&2
