#!/usr/bin/env bash
# Makes the sample cmi5 course package (content/sample-cmi5, docs/CONTENT.md) into a zip:
#   scripts/make-sample-cmi5.sh [OUT.zip]      (default: build/sample-cmi5.zip)
# The package is kept in the repository as its source files; the zip is made when needed (the
# demo, the tests), deflated, with fixed timestamps and sorted names, so the same sources always
# give the same bytes. Python's zipfile, which the test tools already need.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${1:-build/sample-cmi5.zip}"
mkdir -p "$(dirname "$OUT")"
python3 - content/sample-cmi5 "$OUT" <<'PY'
import os, sys, zipfile
source, out = sys.argv[1], sys.argv[2]
names = sorted(
    os.path.relpath(os.path.join(folder, name), source)
    for folder, _, files in os.walk(source) for name in files if not name.startswith('.')
)
with zipfile.ZipFile(out + '.tmp', 'w', zipfile.ZIP_DEFLATED) as archive:
    for name in names:
        info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o100644 << 16
        info.create_system = 3
        with open(os.path.join(source, name), 'rb') as f:
            archive.writestr(info, f.read())
os.replace(out + '.tmp', out)
print(out)
PY
