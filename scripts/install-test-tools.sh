#!/usr/bin/env bash
# The tests check exported credentials with an implementation that is not ours: Python's
# `cryptography` (Ed25519), `rfc8785` (JCS) and `jsonschema` (the OB 3.0 schema); and both
# daemons' OpenAPI documents with `openapi-spec-validator`. They live in a
# virtual environment inside the checkout (.build-py, ignored by git) so nothing system-wide changes.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build-py
if [ -x "$venv/bin/python3" ] && "$venv/bin/python3" -c "import cryptography, rfc8785, jsonschema, openapi_spec_validator, selenium" 2>/dev/null; then exit 0; fi
echo "Installing the Python test tools into $venv (cryptography, rfc8785, jsonschema, openapi-spec-validator, selenium)"
python3 -m venv "$venv"
# selenium drives Debian's chromium through Debian's chromedriver for the wallet page's journeys
# (it is given both paths, so it never downloads a browser or a driver).
"$venv/bin/python3" -m pip install -q --disable-pip-version-check \
  "cryptography==48.0.0" "rfc8785==0.1.4" "jsonschema==4.26.0" "openapi-spec-validator==0.9.0" "selenium==4.27.1"
