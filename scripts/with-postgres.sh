#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL cluster (scripts/pg-cluster.sh) and removes the
# cluster afterwards, whether the command passes, fails or is interrupted:
#
#   scripts/with-postgres.sh swift test --skip-build --filter PostgresTestDatabaseTests
#
# The command finds the cluster in WALLET_TEST_POSTGRES_URL
# (postgres://wallet_test@127.0.0.1:PORT/wallet_test). Exits with the command's status.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 COMMAND [ARGUMENTS…]" >&2; exit 2; }

dir=$(mktemp -d "${TMPDIR:-/tmp}/wallet-pg.XXXXXX")
child=""
cleanup() {
  "$here/pg-cluster.sh" stop "$dir" || echo "with-postgres.sh: the cluster in $dir was not removed: run scripts/pg-cluster.sh stop $dir" >&2
}
trap cleanup EXIT
# On a signal, end the command first (TERM: a background command ignores INT), then clean up.
on_signal() {
  trap - INT TERM
  if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null || true; wait "$child" 2>/dev/null || true; fi
  exit "$1"
}
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

url=$("$here/pg-cluster.sh" start "$dir")
export WALLET_TEST_POSTGRES_URL="$url"
echo "with-postgres.sh: PostgreSQL test cluster at $url"

# In the background so that a signal reaches the trap at once rather than after the command;
# stdin is passed on explicitly (a background command would otherwise read /dev/null).
set +e
"$@" <&0 &
child=$!
wait "$child"
status=$?
set -e
exit "$status"
