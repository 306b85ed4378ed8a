#!/usr/bin/env bash
# Makes this folder's fixture: a PC database written by a walletd from before kept progress
# (issue 14; made with the release binaries of d3f1519), and the progress and courses views that
# walletd answered on it. `KeptProgressUpgradeTests` opens the database with today's walletd
# and expects the same answers.
#
#   BIN=/path/to/old/release/bin Tests/IntegrationTests/Fixtures/pre-kept-progress/make.sh
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../../.." && pwd)"
BIN=${BIN:?the folder of the old walletd, wallet-cli and repositoryd}
W=$(mktemp -d /tmp/pre-kept-progress.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$W"; }
trap cleanup EXIT

"$BIN/repositoryd" serve --data-dir "$W/repo" --port 0 --catalog "$ROOT/catalog/sample-catalog.json" >"$W/repo.log" 2>&1 &
PIDS+=("$!")
port=""
for _ in $(seq 1 100); do port=$(sed -n 's/.*repositoryd ready port=\([0-9]*\).*/\1/p' "$W/repo.log"); [ -n "$port" ] && break; sleep 0.1; done
sock="$W/run/walletd.sock"
"$BIN/walletd" --data-dir "$W/pc" --socket "$sock" --scrypt-log-n 10 --sync-interval 86400 >"$W/pc.log" 2>&1 &
PC=$!; PIDS+=("$PC")
for _ in $(seq 1 100); do [ -S "$sock" ] && break; sleep 0.1; done
cli() { WALLET_SOCKET="$sock" WALLET_SESSION="$W/session.json" WALLETD_ADMIN_TOKEN_FILE="$W/pc/admin.token" "$BIN/wallet-cli" "$@"; }
code=$("$BIN/repositoryd" enrolment-code --data-dir "$W/repo" | head -1 | cut -d' ' -f1)
cli device enrol --repository "http://127.0.0.1:$port" --code "$code" >/dev/null

ANA=$(echo "2468-ana" | cli learner add --name "Ana Horvat" --pin-stdin | sed -n 's/^id: //p')
CEM=$(echo "1122-cem" | cli learner add --name "Cem Kaya" --pin-stdin | sed -n 's/^id: //p')
BO_ADDED=$(echo "1357-bo" | cli learner add --name "Bo Berger (assessor)" --pin-stdin)
BO=$(sed -n 's/^id: //p' <<<"$BO_ADDED"); BO_DID=$(sed -n 's/^holder DID: //p' <<<"$BO_ADDED")
"$BIN/repositoryd" assessor add --data-dir "$W/repo" --id bo --name "Bo Berger" \
  --awarding-body "Berufsbildungszentrum Logistik Steiermark" --did "$BO_DID" >/dev/null
cli sync >/dev/null

token() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["token"])' "$W/session.json"; }
post() { curl -sf --unix-socket "$sock" -H "Authorization: Bearer $(token)" -H "X-Experience-API-Version: 2.0.0" \
  -H "Content-Type: application/json" --data-binary @- http://walletd/xapi/statements >/dev/null; }
get() { curl -sf --unix-socket "$sock" -H "Authorization: Bearer $(token)" "http://walletd$1"; }

C=https://catalog.vet-centre.example/courses
# statements LEARNER < lines of "id|verb|activity|timestamp|result-json|name": an xAPI array.
read -r -d '' MAKE_STATEMENTS <<'PY' || true
import json, sys
learner = sys.argv[1]
C = "https://catalog.vet-centre.example/courses"
out = []
for line in sys.stdin.read().strip().splitlines():
    parts = line.split("|")
    sid, verb, activity, ts = parts[:4]
    result = json.loads(parts[4]) if len(parts) > 4 and parts[4] else None
    name = parts[5] if len(parts) > 5 else None
    obj = {"objectType": "Activity", "id": activity.replace("$C", C)}
    if name: obj["definition"] = {"name": {"en-US": name}}
    s = {"id": sid, "actor": {"objectType": "Agent", "account": {"homePage": "https://learner-wallet.invalid/learners", "name": learner}},
         "verb": {"id": "http://adlnet.gov/expapi/verbs/" + verb}, "object": obj}
    if verb == "voided": s["object"] = {"objectType": "StatementRef", "id": activity}
    if ts: s["timestamp"] = ts
    if result is not None: s["result"] = result
    out.append(s)
print(json.dumps(out))
PY
statements() { python3 -c "$MAKE_STATEMENTS" "$1"; }

echo "2468-ana" | cli login "$ANA" --pin-stdin >/dev/null
statements "$ANA" <<'EOF2' | post
00000000-0000-4000-8000-00000000a001|attempted|$C/food-hygiene-haccp/outcomes/personal-hygiene|2026-11-02T09:00:00Z||Personal hygiene
00000000-0000-4000-8000-00000000a002|passed|$C/food-hygiene-haccp/outcomes/personal-hygiene|2026-11-02T09:30:00Z|{"success":true,"score":{"scaled":0.82}}|Personal hygiene at work
00000000-0000-4000-8000-00000000a003|failed|$C/food-hygiene-haccp/outcomes/temperature-control|2026-11-03T10:00:00+01:00|{"success":false,"score":{"raw":11,"min":0,"max":20}}
00000000-0000-4000-8000-00000000a004|passed|$C/food-hygiene-haccp/outcomes/temperature-control|2026-11-04T10:00:00Z|{"success":true,"score":{"raw":17,"min":0,"max":20}}
00000000-0000-4000-8000-00000000a005|completed|$C/food-hygiene-haccp/outcomes/allergens|2026-11-05T08:00:00Z
00000000-0000-4000-8000-00000000a006|passed|$C/forklift-safety/outcomes/pre-use-check|2026-11-06T08:00:00Z|{"success":true,"score":{"scaled":0.9}}
00000000-0000-4000-8000-00000000a007|experienced|https://content.example/videos/stacking-101||
00000000-0000-4000-8000-00000000a008|answered|https://content.example/quiz/q1|2026-11-07T08:00:00Z|{"success":true,"completion":true}|Question 1
00000000-0000-4000-8000-00000000a009|passed|$C/food-hygiene-haccp/outcomes/haccp-records|2026-11-08T08:00:00Z|{"success":true}
EOF2
# A mistake voided: the HACCP records pass goes away.
statements "$ANA" <<'EOF2' | post
00000000-0000-4000-8000-00000000a010|voided|00000000-0000-4000-8000-00000000a009|2026-11-09T08:00:00Z
EOF2

echo "1122-cem" | cli login "$CEM" --pin-stdin >/dev/null
statements "$CEM" <<'EOF2' | post
00000000-0000-4000-8000-00000000c001|passed|$C/food-hygiene-haccp/outcomes/allergens|2026-11-10T08:00:00Z|{"success":true,"score":{"scaled":0.7}}
00000000-0000-4000-8000-00000000c002|attempted|$C/pv-installation-basics/outcomes/mounting|2026-11-10T09:00:00Z
EOF2

echo "1357-bo" | cli login "$BO" --pin-stdin >/dev/null
for lo in pre-use-check load-stability; do
  cli assess --learner "$ANA" --outcome "$C/forklift-safety/outcomes/$lo" --result passed --score 0.9 --note "observed at the training yard" \
    --verified-name "Ana Horvat" --identity-checked "photo ID" >/dev/null
done
cli sync >/dev/null

for who in ana cem; do
  case $who in ana) id=$ANA; pin=2468-ana;; cem) id=$CEM; pin=1122-cem;; esac
  echo "$pin" | cli login "$id" --pin-stdin >/dev/null
  get "/v1/learners/$id/progress" | python3 -m json.tool --sort-keys > "$HERE/$who-progress.json"
  get "/v1/learners/$id/courses" | python3 -m json.tool --sort-keys > "$HERE/$who-courses.json"
done
cli logout >/dev/null
kill "$PC"; wait "$PC" 2>/dev/null || true
[ ! -s "$W/pc/wallet.sqlite-wal" ] || { echo "the WAL was not checkpointed at stop" >&2; exit 1; }
cp "$W/pc/wallet.sqlite" "$HERE/wallet.sqlite"
printf 'ana %s\ncem %s\n' "$ANA" "$CEM" > "$HERE/learners.txt"
echo "made $HERE: ana=$ANA cem=$CEM"
