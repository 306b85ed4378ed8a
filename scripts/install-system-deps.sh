#!/usr/bin/env bash
# Installs the Debian packages the build needs, only when one is missing.
# Used by `make demo`, `make test` and CI so that a fresh machine needs nothing done by hand.
set -euo pipefail
needed=(libsqlite3-dev libcurl4-openssl-dev libssl-dev zlib1g-dev libqrencode-dev pkg-config openssl)
missing=()
# python3 runs the independent credential checks in the tests; any python3 on PATH will do.
needed+=(python3 python3-venv)
# PostgreSQL: make test starts a throw-away cluster for the PostgreSQL store's tests
# (scripts/pg-cluster.sh; initdb, pg_ctl and psql).
needed+=(postgresql postgresql-client)
# --browser (make test): the wallet page's journeys run in Debian's chromium, driven through
# Debian's chromedriver (Tests/browser/wallet_journeys.py). Browsers are never downloaded.
if [ "${1:-}" = "--browser" ]; then needed+=(chromium chromium-driver); fi
for p in "${needed[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -ne 0 ]; then
echo "Installing system packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}"
fi
