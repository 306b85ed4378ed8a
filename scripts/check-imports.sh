#!/usr/bin/env bash
# The module graph is a line (docs/ARCHITECTURE.md). This check fails when a target imports a
# module of this package or a package product it does not declare in Package.swift, or declares
# one it never imports, so the graph in Package.swift is always the graph of the code.
set -euo pipefail
cd "$(dirname "$0")/.."
PACKAGE_JSON=$(mktemp)
trap 'rm -f "$PACKAGE_JSON"' EXIT
swift package dump-package > "$PACKAGE_JSON"
PACKAGE_JSON="$PACKAGE_JSON" python3 - <<'PY'
import json, os, re, sys
pkg = json.load(open(os.environ['PACKAGE_JSON']))
system = {'Foundation', 'FoundationEssentials', 'Glibc', 'Darwin', 'Dispatch', 'Synchronization', 'XCTest', 'Testing', 'os', 'FoundationXML', 'FoundationNetworking'}
problems = []
for t in pkg['targets']:
    if t['type'] == 'system':
        continue
    name = t['name']
    root = t.get('path') or ('Tests/' + name if t['type'] == 'test' else 'Sources/' + name)
    declared = set()
    for d in t['dependencies']:
        kind, value = next(iter(d.items()))
        declared.add(value[0])
    imported = set()
    for dirpath, _, files in os.walk(root):
        for f in files:
            if f.endswith('.swift'):
                for m in re.findall(r'^(?:@testable |@_spi\(\w+\) )?import (\w+)', open(os.path.join(dirpath, f)).read(), re.M):
                    imported.add(m)
    imported -= system
    for m in sorted(imported - declared):
        problems.append(f'{name} imports {m} but does not declare it')
    for m in sorted(declared - imported):
        problems.append(f'{name} declares {m} but never imports it')
# The lines the module graph must never cross (docs/ARCHITECTURE.md), over every path, not only
# direct imports: the repository never links the PC's store or socket API, and SyncEngine stays
# free of daemons, databases, Dispatch and Foundation networking.
targets = {t['name']: t for t in pkg['targets']}
def closure(name, seen=None):
    seen = set() if seen is None else seen
    for d in targets.get(name, {}).get('dependencies', []):
        kind, value = next(iter(d.items()))
        dep = value[0]
        if dep not in seen:
            seen.add(dep)
            closure(dep, seen)
    return seen
never = {
    'SyncEngine': {'WalletCore', 'WalletAPI', 'RepositoryCore', 'DaemonKit', 'WalletDaemon', 'RepositoryDaemon', 'GRDB', 'Hummingbird', 'CurlClient'},
    'RepositoryCore': {'WalletCore', 'WalletAPI'},
    'RepositoryDaemon': {'WalletCore', 'WalletAPI'},
    'repositoryd': {'WalletCore', 'WalletAPI'},
    'Credentials': {'WalletCore', 'RepositoryCore', 'GRDB', 'CurlClient'},
}
for name, forbidden in never.items():
    for dep in sorted(closure(name) & forbidden):
        problems.append(f'{name} reaches {dep}, which the module graph forbids')
for dirpath, _, files in os.walk('Sources/SyncEngine'):
    for f in files:
        text = open(os.path.join(dirpath, f)).read()
        for m in re.findall(r'^import (Dispatch|FoundationNetworking)$', text, re.M):
            problems.append(f'{os.path.join(dirpath, f)} imports {m}: SyncEngine has its time and transport handed in')
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
