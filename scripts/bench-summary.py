#!/usr/bin/env python3
"""The one table `make bench` ends with (scripts/bench-all.sh): every figure the benchmarks
printed, its target from issues 12 and 14, and whether it is met, by how much when not.

    python3 scripts/bench-summary.py LOGDIR COMMIT DATE [MARKDOWN_FILE]

LOGDIR holds the outputs scripts/bench-all.sh saved: socket.log (scripts/bench.sh, which ends
with the verify benchmark), sync-sqlite.log and sync-postgres.log (scripts/bench-sync.sh),
repository.tsv (scripts/bench-repository.sh's TABLE_OUT), views.log (scripts/bench-views.sh). A figure whose log is missing or
failed is printed as "not measured" and counts as not met.
"""
import os
import re
import sys


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def sync_figures(text):
    """{case: {...}} from bench-sync.sh's output: push wall seconds, no-op ms, RSS."""
    cases, current = {}, None
    for line in text.splitlines():
        m = re.match(r"== (\S+)", line)
        if m:
            current = cases.setdefault(m.group(1), {})
            continue
        if current is None:
            continue
        m = re.search(r"push of\s+(\d+) statements:.*?([\d.]+) ms wall", line)
        if m:
            current["push_s"] = float(m.group(2)) / 1000
        m = re.search(r"no-op sync: ([\d.]+) ms", line)
        if m:
            current["noop_ms"] = float(m.group(1))
        m = re.search(r"(\d+) new statements into a repository holding (\d+):.*?([\d.]+) ms wall", line)
        if m:
            current["small_ms"] = float(m.group(3))
        m = re.search(r"repositoryd ([\d.]+) MB", line)
        if m:
            current["repo_rss"] = float(m.group(1))
    return cases


def main():
    logs, commit, date = sys.argv[1], sys.argv[2], sys.argv[3]
    socket = read(os.path.join(logs, "socket.log"))
    sqlite = sync_figures(read(os.path.join(logs, "sync-sqlite.log")))
    postgres = sync_figures(read(os.path.join(logs, "sync-postgres.log")))
    repository = {}
    for line in read(os.path.join(logs, "repository.tsv")).splitlines():
        cells = line.split("\t")
        if len(cells) >= 11:
            repository[cells[0]] = cells

    def num(value):
        try:
            return float(str(value).replace(",", ""))
        except (TypeError, ValueError):
            return None

    rows = []  # (figure, value text, target text, verdict)

    def add(figure, value, target, at_most, unit, fmt="{:.2f}", stretch=None):
        if value is None:
            rows.append((figure, "not measured", target_text(target, at_most, unit, stretch), "NOT met: not measured"))
            return
        text = fmt.format(value) + unit
        if target is None:
            rows.append((figure, text, "(reported)", "-"))
            return
        ok = value <= target if at_most else value >= target
        if ok:
            verdict = "met"
            if stretch is not None:
                verdict += " (stretch met too)" if (value <= stretch if at_most else value >= stretch) else " (stretch not)"
        else:
            gap = value - target if at_most else target - value
            verdict = f"NOT met: {'over' if at_most else 'short'} by {fmt.format(gap)}{unit}"
            if target:
                ratio = value / target
                verdict += f" ({ratio:.1f}× the target)" if at_most else f" ({ratio * 100:.0f}% of the target)"
        rows.append((figure, text, target_text(target, at_most, unit, stretch), verdict))

    def target_text(target, at_most, unit, stretch):
        if target is None:
            return "(reported)"
        if target == 0 and at_most:
            return "0"
        t = ("≤ " if at_most else "≥ ") + f"{target:,g}{unit}"
        return t + (f" (stretch {stretch:g}{unit})" if stretch is not None else "")

    add("full push, 10,000 statements, SQLite", sqlite.get("10000", {}).get("push_s"), 0.3, True, " s")
    add("full push, 100,000 statements, SQLite", sqlite.get("100000", {}).get("push_s"), 3, True, " s", stretch=1.5)
    add("full push, 100,000 statements, PostgreSQL", postgres.get("100000", {}).get("push_s"), 6, True, " s")
    big = sqlite.get("1M", {}).get("small_ms")
    if big is None:
        rows.append(("100 new statements into 1,000,000, SQLite", "not run (BIG=1 make bench)", "≤ 30 ms", "not measured"))
    else:
        add("100 new statements into 1,000,000, SQLite", big, 30, True, " ms", "{:.1f}")
    noop_sqlite = [c.get("noop_ms") for c in sqlite.values() if c.get("noop_ms") is not None]
    noop_pg = [c.get("noop_ms") for c in postgres.values() if c.get("noop_ms") is not None]
    add("no-op sync, SQLite (worst case)", max(noop_sqlite) if noop_sqlite else None, 20, True, " ms")
    add("no-op sync, PostgreSQL (worst case)", max(noop_pg) if noop_pg else None, 20, True, " ms")

    m = re.search(r"verify 1000 credentials.*?: ([\d.]+) ms", socket)
    add("verify 1,000 credentials", float(m.group(1)) if m else None, 150, True, " ms", "{:.1f}", stretch=100)
    m = re.search(r"1 client (\d+) st/s \(p99 ([\d.]+) ms\)", socket)
    add("single-statement POSTs, 1 client, full", float(m.group(1)) if m else None, 5000, False, "/s", "{:,.0f}")
    add("  p99 of those", float(m.group(2)) if m else None, 2, True, " ms")

    for name, label, target in (("sqlite", "SQLite", 25000), ("pg1", "PostgreSQL, 1 instance", 25000), ("pg2", "PostgreSQL, 2 instances", None)):
        cells = repository.get(name)
        add(f"100 PCs × 1,000 concurrently, {label}: push", num(cells[3]) if cells else None, target, False, " st/s", "{:,.0f}")
        add("  p99 push latency", num(cells[5]) if cells else None, 1000 if target else None, True, " ms", "{:.0f}")
        add("  errors", num(cells[9]) if cells else None, 0, True, "", "{:.0f}")
        rss = [num(x) for x in cells[10].split(",")] if cells else []
        add("  repositoryd peak RSS", max(rss) if rss and None not in rss else None, 150, True, " MB", "{:.1f}")

    for source, cases, label in ((sqlite, sqlite, "SQLite"), (postgres, postgres, "PostgreSQL")):
        for case, figures in cases.items():
            add(f"repositoryd peak RSS, sync of {case}, {label}", figures.get("repo_rss"), 150, True, " MB", "{:.1f}")

    # Issue 14: each view (and an export) at most 10 ms at every size and on the whole PC, the
    # largest learner within 1.5× of the smallest, walletd's peak RSS at most 64 MB throughout.
    # A row: the size (or PC-N for the PC of N statements), a figure per call, then "RSS MB".
    views, pc_rows = {}, {}
    for line in read(os.path.join(logs, "views.log")).splitlines():
        cells = line.split()
        m = re.fullmatch(r"(PC-)?(\d+)", cells[0]) if len(cells) >= 7 else None
        if m:
            (pc_rows if m.group(1) else views)[int(m.group(2))] = cells
    pc_learners = re.search(r"over (\d+) learners; the views of one", read(os.path.join(logs, "views.log")))
    names = ("progress", "courses", "statements page of 50", "one statement POST", "export of a credential")

    def view_rows(cells, where, rss_label):
        # Logs from before the export column have four figures.
        for i, name in enumerate(names[:len(cells) - 3]):
            add(f"{name}, {where}", num(cells[1 + i]), 10, True, " ms")
        add(f"  walletd peak RSS {rss_label}", num(cells[-2]), 64, True, " MB", "{:.1f}")

    for size in sorted(views):
        view_rows(views[size], f"learner with {size:,} statements", f"at {size:,}")
    for size in sorted(pc_rows):
        who = f"{pc_learners.group(1)} learners" if pc_learners else "several learners"
        view_rows(pc_rows[size], f"PC with {size:,} statements ({who})", f"on the PC with {size:,}")
    if len(views) >= 2:
        small, large = views[min(views)], views[max(views)]
        for i, name in enumerate(names[:min(len(small), len(large)) - 3]):
            a, b = num(small[1 + i]), num(large[1 + i])
            ratio = b / a if a and b is not None else None
            add(f"{name}: {max(views):,} vs {min(views):,} statements", ratio, 1.5, True, "×", "{:.1f}")
    if not views:
        rows.append(("views (issue 14)", "not measured", "≤ 10 ms", "NOT met: not measured"))

    print()
    print(f"make bench summary — commit {commit}, {date}, release build, this machine")
    widths = [max(len(r[i]) for r in rows + [("figure", "measured", "target", "verdict")]) for i in range(4)]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
    print(line(("figure", "measured", "target", "verdict")))
    print(line(tuple("-" * w for w in widths)))
    for r in rows:
        print(line(r))
    missed = sum(1 for r in rows if r[3].startswith("NOT"))
    print(f"{missed} of {sum(1 for r in rows if r[2] != '(reported)')} targets not met")
    # The same table as Markdown, for the README (its figures are this table, with the commit).
    if len(sys.argv) > 4:
        with open(sys.argv[4], "w", encoding="utf-8") as f:
            f.write(f"At **{commit}**, {date}, release build, this machine:\n\n")
            f.write("| figure | measured | target | verdict |\n|---|---|---|---|\n")
            for r in rows:
                # An indented figure belongs to the row above it: Markdown would drop the indent.
                cells = [("↳ " + c.strip()) if i == 0 and c.startswith("  ") else c.strip() for i, c in enumerate(r)]
                f.write("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |\n")


if __name__ == "__main__":
    main()
