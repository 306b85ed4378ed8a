#!/usr/bin/env bash
# The whole story, on temporary folders: a central repository and two centre PCs (two walletd).
# A learner starts on PC 1 and is fetched onto PC 2; the repository goes down; she studies on
# PC 1, then on PC 2, and edits her email on both; the repository comes back; both PCs sync; her
# history is complete on both PCs and on the repository, and the email conflict is shown and
# resolved. Then walletd is killed with kill -9 and restarted: nothing is lost. An assessor signs
# off her supervised course, the credential is exported, verified offline and revoked; she takes
# a lesson (the sample cmi5 package) on the wallet page, and the demo ends with the page's address.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${BIN:-$(swift build --show-bin-path)}"
WALLETD="$BIN/walletd"; CLI="$BIN/wallet-cli"; REPOD="$BIN/repositoryd"
for tool in "$WALLETD" "$CLI" "$REPOD"; do [ -x "$tool" ] || { echo "Build first: swift build" >&2; exit 1; }; done

DEMO=$(mktemp -d /tmp/wallet-demo.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$DEMO"; }
trap cleanup EXIT
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

REPO_PID=""; REPO_PORT=0
start_repository() {
  "$REPOD" serve --data-dir "$DEMO/repository" --host 127.0.0.1 --port "$REPO_PORT" --catalog catalog/sample-catalog.json \
    >>"$DEMO/repositoryd.log" 2>&1 &
  REPO_PID=$!; PIDS+=("$REPO_PID")
  for _ in $(seq 1 200); do
    line=$(grep "repositoryd ready" "$DEMO/repositoryd.log" | tail -1 || true)
    if [ -n "$line" ] && [ "$(grep -c "repositoryd ready" "$DEMO/repositoryd.log")" -ge "${1:-1}" ]; then
      REPO_PORT=$(sed -n 's/.*port=\([0-9]*\).*/\1/p' <<<"$line"); return 0
    fi
    sleep 0.1
  done
  echo "repositoryd did not start:" >&2; cat "$DEMO/repositoryd.log" >&2; exit 1
}

# pc N -> runs wallet-cli against PC N's walletd, with PC N's session file and admin token.
pc() { local n=$1; shift
  WALLET_SOCKET="$DEMO/pc$n/run/walletd.sock" WALLET_SESSION="$DEMO/pc$n/session.json" \
  WALLETD_ADMIN_TOKEN_FILE="$DEMO/pc$n/data/admin.token" "$CLI" "$@"; }
declare -A WPID
start_pc() { local n=$1
  "$WALLETD" --data-dir "$DEMO/pc$n/data" --socket "$DEMO/pc$n/run/walletd.sock" --sync-interval 3600 --http 127.0.0.1:0 \
    >>"$DEMO/pc$n.log" 2>&1 &
  WPID[$n]=$!; PIDS+=("${WPID[$n]}")
  for _ in $(seq 1 100); do pc "$n" status >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "walletd $n did not start:" >&2; cat "$DEMO/pc$n.log" >&2; exit 1
}

step "The centre's repository starts, with the sample course catalog"
start_repository
echo "repositoryd on http://127.0.0.1:$REPO_PORT (loopback; production runs it with --tls-cert/--tls-key)"
REPO="http://127.0.0.1:$REPO_PORT"

step "Two centre PCs start walletd; the admin registers each with a one-time code"
start_pc 1; start_pc 2
for n in 1 2; do
  CODE=$("$REPOD" enrolment-code --data-dir "$DEMO/repository" | grep -o '[0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}' | head -1)
  pc "$n" device enrol --repository "$REPO" --code "$CODE" --name "pc-lab-$n"
done

step "Ana joins on PC 1; the first sync brings the course catalog"
echo "2468-ana" | pc 1 learner add --name "Ana Horvat" --pin-stdin
ANA=$(pc 1 learner list --json | grep -o '"id" *: *"[0-9a-f-]\{36\}"' | head -1 | grep -o '[0-9a-f-]\{36\}')
echo "2468-ana" | pc 1 login "$ANA" --pin-stdin
pc 1 profile set email ana.horvat@home.example
pc 1 sync
pc 1 courses

step "On PC 2 she fetches her wallet with her PIN (the repository is still up)"
echo "2468-ana" | pc 2 learner fetch "$ANA" --pin-stdin
pc 2 sync
echo "2468-ana" | pc 2 login "$ANA" --pin-stdin

step "The link to the repository goes down"
kill "$REPO_PID"; wait "$REPO_PID" 2>/dev/null || true

FORKLIFT="https://catalog.vet-centre.example/courses/forklift-safety"
step "Offline on PC 1: Ana works through learning outcomes and changes her email"
LO=$(pc 1 courses --json | grep -o '"id" *: *"https://catalog.vet-centre.example/[^"]*/outcomes/[^"]*"' | grep -o 'https://[^"]*' | head -4)
set -- $LO
pc 1 record --activity "$1" --verb passed --score 0.85
pc 1 record --activity "$2" --verb completed
pc 1 profile set email ana@work.example
pc 1 sync || echo "(expected: the repository is down; the changes wait on PC 1)"
pc 1 sync status

step "Offline on PC 2, the next day: more outcomes, and another email"
pc 2 record --activity "$3" --verb failed --score 0.4
pc 2 record --activity "$3" --verb passed --score 0.9
pc 2 profile set email ana.h@school.example
pc 2 sync || echo "(expected: still down)"

step "The repository is back"
start_repository 2

step "Both PCs sync (PC 1 twice, to receive PC 2's work)"
pc 1 sync; pc 2 sync; pc 1 sync

step "Her history is complete everywhere"
C1=$(pc 1 statements --json --limit 500 | grep -o '"id" *: *"[0-9a-f-]\{36\}"' | sort | md5sum)
C2=$(pc 2 statements --json --limit 500 | grep -o '"id" *: *"[0-9a-f-]\{36\}"' | sort | md5sum)
N1=$(pc 1 statements --json --limit 500 | grep -c '"stored"' || true)
"$REPOD" stats --data-dir "$DEMO/repository"
pc 2 courses
[ "$C1" = "$C2" ] && echo "PC 1 and PC 2 hold the same statements." || { echo "PCs differ: this is a bug" >&2; exit 1; }

step "The email was changed on both PCs while offline: both values are kept"
pc 1 conflicts
pc 1 resolve profile/email --pick 1
pc 1 sync; pc 2 sync
pc 2 profile

step "kill -9 PC 1's walletd, restart it: nothing lost"
kill -9 "${WPID[1]}"; wait "${WPID[1]}" 2>/dev/null || true
start_pc 1
C1B=$(pc 1 statements --json --limit 500 | grep -o '"id" *: *"[0-9a-f-]\{36\}"' | sort | md5sum)
[ "$C1" = "$C1B" ] && echo "Nothing lost." || { echo "LOST DATA" >&2; exit 1; }

step "A sync with nothing to do"
pc 1 sync

step "An assessor account on PC 1; the repository admin registers it with the awarding body"
BO_ADDED=$(echo "1357-bo" | pc 1 learner add --name "Bo Berger (assessor)" --pin-stdin); echo "$BO_ADDED"
BO=$(sed -n 's/^id: //p' <<<"$BO_ADDED"); BO_DID=$(sed -n 's/^holder DID: //p' <<<"$BO_ADDED")
"$REPOD" assessor add --data-dir "$DEMO/repository" --id bo --name "Bo Berger" \
  --awarding-body "Berufsbildungszentrum Logistik Steiermark" --did "$BO_DID"
pc 1 sync

step "Bo checks Ana's photo ID and signs off each learning outcome of her supervised forklift course on PC 1"
echo "1357-bo" | pc 1 login "$BO" --pin-stdin
for lo in pre-use-check load-stability stacking pedestrian-safety; do
  pc 1 assess --learner "$ANA" --outcome "$FORKLIFT/outcomes/$lo" --result passed --score 0.9 --note "observed at the training yard" \
    --verified-name "Ana Horvat" --identity-checked "photo ID"
done
pc 1 sync
"$REPOD" credential list --data-dir "$DEMO/repository"

step "The credential reaches Ana's wallet on PC 2"
pc 2 sync
pc 2 credentials
CID=$(pc 2 credentials --json | grep -o '"id" *: *"urn:uuid:[^"]*"' | grep -o 'urn:uuid:[^"]*' | head -1)
pc 2 credentials show "$CID"

step "Ana exports it for an employer (JSON, and a printable page with a QR code)"
pc 2 export --credential "$CID" --challenge job-4711 --domain hr.example.com --format json --out "$DEMO/ana-forklift.json"
pc 2 export --credential "$CID" --challenge job-4711 --domain hr.example.com --format html --out "$DEMO/ana-forklift.html"
ANCHOR=$("$REPOD" trust-anchor --data-dir "$DEMO/repository")

step "The employer verifies it offline: valid"
"$CLI" verify "$DEMO/ana-forklift.json" --challenge job-4711 --domain hr.example.com --trust-anchor "$ANCHOR"

step "One byte changed in the file: not valid, and why"
sed 's/"name":"Ana Horvat"/"name":"Ana Horvbt"/' "$DEMO/ana-forklift.json" > "$DEMO/tampered.json"
{ cmp -l "$DEMO/ana-forklift.json" "$DEMO/tampered.json" || true; } | wc -l | xargs echo "bytes changed:"
if "$CLI" verify "$DEMO/tampered.json" --challenge job-4711 --domain hr.example.com --trust-anchor "$ANCHOR"; then
  echo "a tampered export verified: this is a bug" >&2; exit 1; fi

step "The awarding body revokes the credential; after a sync, the verifier says revoked"
"$REPOD" credential revoke "$CID" --data-dir "$DEMO/repository"
pc 2 sync
pc 2 export --credential "$CID" --format json --out "$DEMO/ana-forklift.json"
set +e
"$CLI" verify "$DEMO/ana-forklift.json" --trust-anchor "$ANCHOR"; status=$?
set -e
[ "$status" -eq 2 ] || { echo "expected verdict revoked (exit 2), got $status" >&2; exit 1; }

step "The centre admin imports the food hygiene course's lessons (the sample cmi5 package) on PC 2"
./scripts/make-sample-cmi5.sh "$DEMO/sample-cmi5.zip" >/dev/null
pc 2 content import "$DEMO/sample-cmi5.zip"

step "Ana takes a lesson on PC 2's wallet page; the unit reports to walletd over cmi5"
PAGE=$(cat "$DEMO/pc2/data/web-address")
echo "(scripts/demo-lesson.py does what the browser and the lesson's JavaScript do)"
python3 scripts/demo-lesson.py "$PAGE" "$ANA" "2468-ana" "Personal hygiene"
pc 2 courses | grep -A1 "Food hygiene" || true
pc 2 sync
pc 2 sync status
"$REPOD" stats --data-dir "$DEMO/repository"

pc 1 logout; pc 2 logout

step "Learners who never open a terminal use the wallet page in a browser"
echo "PC 2's wallet page (Ana's profile, her courses and lessons, her credential): $PAGE"
echo "A centre makes it the PCs' browser start page: README.md, \"The learners' wallet page\"."
if [ -t 0 ] && [ -z "${CI:-}" ]; then
  read -r -p "Open it in a browser on this machine; press Enter to stop the demo. " _ || true
fi
echo; echo "Demo finished."
