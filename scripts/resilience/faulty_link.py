#!/usr/bin/env python3
"""Faulty link: 3 walletd registered with repositoryd through faulty_proxy.py. At each fault rate
the PCs record statements and edit records (the same fields on several PCs, so siblings appear),
then sync through the proxy until every PC and the repository hold the union and every PC shows
the same records. Prints requests, faults injected and syncs needed per rate; exit 1 if a rate
does not converge within --max-rounds sync rounds.

  python3 scripts/resilience/faulty_link.py --bin .build/debug --rates 0.1,0.3,0.5
"""
import argparse
import os
import random
import shutil
import signal
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402
from faulty_proxy import FaultyProxy  # noqa: E402

PIN = "1357-link"
KEYS = ["profile/email", "profile/phone"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(h.ROOT, ".build", "debug"))
    ap.add_argument("--rates", default="0.1,0.3,0.5")
    ap.add_argument("--statements", type=int, default=30, help="statements per PC and learner per rate")
    ap.add_argument("--batch-size", type=int, default=10, help="walletd --sync-batch-size")
    ap.add_argument("--pad", type=int, default=0, help="bytes of padding per statement (large pushes and pulls)")
    ap.add_argument("--max-rounds", type=int, default=40)
    ap.add_argument("--max-delay", type=float, default=1.0)
    ap.add_argument("--kinds", default=None, help="comma-separated fault kinds (default: all; see faulty_proxy.py)")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--catalog", default=os.path.join(h.ROOT, "catalog", "sample-catalog.json"))
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    print(f"faulty link: rates {args.rates} seed={seed} (repro: --seed {seed})", flush=True)

    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    root = tempfile.mkdtemp(prefix="faulty-link.")
    repo = h.Repository(args.bin, root, args.catalog)
    # Background sync is left on (every 2 s): it races with the explicit syncs, as on a real PC.
    pcs = [h.Walletd(args.bin, root, n, ["--sync-interval", "2", "--scrypt-log-n", "10", "--sync-batch-size", str(args.batch_size)])
           for n in range(3)]
    proxy = None
    failed = False
    try:
        repo.start()
        proxy = FaultyProxy(f"127.0.0.1:{repo.port}", rate=0.0, kinds=args.kinds.split(",") if args.kinds else None, max_delay=args.max_delay, seed=rng.random()).serve_in_background()
        url = f"http://127.0.0.1:{proxy.port}"
        for pc in pcs:
            pc.start()
            pc.enrol(url, repo.enrolment_code())
        # Two learners, made on PC 0 and PC 1, each fetched onto every other PC (set up over a
        # clean link: the suite is about sync, not enrolment).
        learners = []
        for i in (0, 1):
            status, body = pcs[i].call("POST", "/v1/learners", {"name": f"Link Learner {i}", "pin": PIN})
            assert status == 201, (status, body)
            learners.append(body["id"])
            assert pcs[i].sync()[0] == 200
        for i, learner in enumerate(learners):
            for pc in pcs:
                if pc is not pcs[i]:
                    status, body = pc.call("POST", "/v1/learners/fetch", {"learner": learner, "pin": PIN})
                    assert status in (200, 201), (status, body)
        tokens = {(pc.n, l): pc.login(l, PIN) for pc in pcs for l in learners}
        written = {l: set() for l in learners}
        dots = {(l, k): [] for l in learners for k in KEYS}

        print(f"{'rate':>5} {'requests':>8} {'faults':>6} {'syncs':>5} {'rounds':>6} {'seconds':>7}  faults by kind")
        for rate in [float(r) for r in args.rates.split(",")]:
            requests0, faults0 = proxy.requests, dict(proxy.faults)
            proxy.rate = rate
            # Work on every PC for every learner, and the same record keys edited on all PCs.
            for pc in pcs:
                for l in learners:
                    batch = [h.statement(l, "Link Learner", pad=args.pad) for _ in range(args.statements)]
                    status, body = pc.call("POST", "/xapi/statements", batch,
                                           {"Authorization": "Bearer " + tokens[(pc.n, l)], **h.XAPI_VERSION})
                    assert status == 200, (status, body)
                    written[l] |= {s["id"] for s in batch}
                    for key in KEYS:
                        value = f"{pc.name}-{rate}-{rng.randrange(10**6)}"
                        status, body = pc.call("POST", f"/v1/learners/{l}/records", {"key": key, "value": value + ("@link.example" if key == "profile/email" else "")},
                                               {"Authorization": "Bearer " + tokens[(pc.n, l)]})
                        assert status == 200, (status, body)
                        # The write's dot: (this PC's replica, its counter in the answer's context).
                        replica = pc.call("GET", "/v1/device")[1]["replica"]
                        dots[(l, key)].append((replica, h.decode_context(body["context"])[replica]))
            started = time.time()
            syncs = rounds = 0
            converged = False
            while rounds < args.max_rounds and not converged:
                rounds += 1
                for pc in pcs:
                    pc.sync()
                    syncs += 1
                converged = agrees(repo, pcs, learners, tokens, written, dots)
            faults = {k: proxy.faults[k] - faults0[k] for k in proxy.faults}
            print(f"{rate:>5} {proxy.requests - requests0:>8} {sum(faults.values()):>6} {syncs:>5} {rounds:>6} "
                  f"{time.time() - started:>7.1f}  " + " ".join(f"{k}={v}" for k, v in faults.items() if v), flush=True)
            if not converged:
                failed = True
                print(f"VIOLATION: rate {rate} did not converge within {args.max_rounds} sync rounds")
        stats = repo.stats()
        print(f"repository: {stats['statementsStored']} statements stored, {stats['statementsReceived']} received "
              f"({stats['statementsReceived'] - stats['statementsStored']} sent again), {stats['statementConflicts']} conflicting versions")
        if stats["statementConflicts"]:
            failed = True
            print("VIOLATION: conflicting versions of a statement id at the repository")
        print("faulty link: " + ("FAILED" if failed else "passed") + f" (seed {seed})")
        return 1 if failed else 0
    except BaseException:
        failed = True  # keep the folder for the logs
        raise
    finally:
        if proxy:
            proxy.close()
        for p in [repo] + pcs:
            p.kill9()
        if args.keep or failed:
            print(f"files kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def agrees(repo, pcs, learners, tokens, written, dots):
    """Every PC and the repository hold every statement written (and nothing twice), and every
    PC shows the same records."""
    repo_rows = repo.statement_ids()
    repo_records = repo.records()
    if len(repo_rows) != len({sid for _, sid in repo_rows}):
        raise SystemExit("VIOLATION: the repository holds a statement id twice")
    for l in learners:
        on_repo = {sid for learner, sid in repo_rows if learner == l}
        if not written[l] <= on_repo:
            return False
        views = set()
        for pc in pcs:
            ids = pc.statement_ids(l, tokens[(pc.n, l)])
            if len(ids) != len(set(ids)):
                raise SystemExit(f"VIOLATION: {pc.name} answers a statement id twice")
            if set(ids) != on_repo:
                return False
            recs = pc.records(l, tokens[(pc.n, l)])
            if any(repo_records.get((l, k)) != h.record_view(r) for k, r in recs.items()):
                return False
            for key in KEYS:
                seen = h.decode_context(recs[key]["context"]) if key in recs else {}
                if any(seen.get(r, 0) < c for r, c in dots[(l, key)]):
                    return False
            views.add(tuple(sorted((k, tuple(sorted(map(str, r["values"]))), r["context"]) for k, r in recs.items())))
        if len(views) != 1:
            return False
    return True


if __name__ == "__main__":
    sys.exit(main())
