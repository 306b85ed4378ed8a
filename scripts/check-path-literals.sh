#!/usr/bin/env bash
# Every socket API route is declared once, in Sources/WalletAPI/Endpoints (docs/ARCHITECTURE.md).
# This check fails when a string literal in the code that calls walletd (wallet-cli, wallet-bench,
# the WalletClient library, the integration tests) spells a walletd path itself — "/v1/…" or
# "/xapi/…" — instead of naming its endpoint, and prints the file and line of each. Comments may
# name paths; code may not.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - Sources/wallet-cli Sources/wallet-bench Sources/WalletClient Tests/IntegrationTests <<'PY'
import os, re, sys

# A path of walletd's socket API: /v1 or /xapi as a whole segment (the repository's /sync/v1/…
# is another server's and is not matched).
ROUTE = re.compile(r'(?<!/sync)/(v1|xapi)(?=[/?#"\\]|$)')
OPENING = re.compile(r'(#*)("""|")')


def literals(text):
    """(line, text) of the literal parts of every string literal in Swift source. Comments are
    skipped; interpolations are read as code, so strings inside them count too."""
    found = []
    open_interpolations = []  # [hashes, multiline, parentheses open inside]
    i, line, n = 0, 1, len(text)

    def read_string(i, line, hashes, multiline):
        close = ('"""' if multiline else '"') + '#' * hashes
        escape = '\\' + '#' * hashes
        start, start_line = i, line
        while i < n:
            if text.startswith(close, i):
                found.append((start_line, text[start:i]))
                return i + len(close), line
            if text.startswith(escape, i):
                after = i + len(escape)
                if after < n and text[after] == '(':
                    found.append((start_line, text[start:i]))
                    open_interpolations.append([hashes, multiline, 0])
                    return after + 1, line
                i = after + 1
                continue
            if text[i] == '\n':
                line += 1
            i += 1
        found.append((start_line, text[start:i]))
        return i, line

    while i < n:
        c = text[i]
        if c == '\n':
            line += 1
            i += 1
        elif text.startswith('//', i):
            end = text.find('\n', i)
            i = n if end < 0 else end
        elif text.startswith('/*', i):
            end = text.find('*/', i + 2)
            end = n if end < 0 else end + 2
            line += text.count('\n', i, end)
            i = end
        elif open_interpolations and c == '(':
            open_interpolations[-1][2] += 1
            i += 1
        elif open_interpolations and c == ')':
            if open_interpolations[-1][2] == 0:
                hashes, multiline, _ = open_interpolations.pop()
                i, line = read_string(i + 1, line, hashes, multiline)
            else:
                open_interpolations[-1][2] -= 1
                i += 1
        elif (m := OPENING.match(text, i)):
            i, line = read_string(m.end(), line, len(m.group(1)), m.group(2) == '"""')
        else:
            i += 1
    return found


problems = 0
for root in sys.argv[1:]:
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            if not name.endswith('.swift'):
                continue
            path = os.path.join(folder, name)
            for line, literal in literals(open(path, encoding='utf-8').read()):
                for match in ROUTE.finditer(literal):
                    before = literal[:match.start()]
                    text = literal.split('\n')[before.count('\n')].strip()
                    print(f'{path}:{line + before.count(chr(10))}: "{text[:60]}" spells a socket API path (/v1/…, /xapi/…); '
                          'call its endpoint (Sources/WalletAPI/Endpoints/Endpoints.swift) instead')
                    problems += 1
                    break
sys.exit(1 if problems else 0)
PY
