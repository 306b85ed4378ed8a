#!/usr/bin/env python3
"""Crash loop: repositoryd and 3 walletd syncing every second while writers keep a ledger of what
was acknowledged, and a random process is killed with SIGKILL at a random moment, N times.
After healing, checks that nothing acknowledged was lost or doubled, every database passes
integrity_check, and resends stay within batch size x kills. Exit 1 on any violation.

  python3 scripts/resilience/crash_loop.py --bin .build/debug -n 200 [--seed S] [--keep]

The region case (docs/SYNC.md, "Crash loop"): N repositoryd on one PostgreSQL database and one keys
folder, each on its own port, behind a round-robin TCP balancer (balancer.py) the PCs are enrolled
with; the killer chooses among every repositoryd and walletd. --postgres makes a throw-away database
(on WALLET_TEST_POSTGRES_URL's cluster when set, else on a cluster of its own) and removes it at the
end; --database URL uses an empty database you made.

  python3 scripts/resilience/crash_loop.py --bin .build/debug -n 30 --postgres --instances 2 [--check-credentials]

Written in Python (stdlib only) rather than Swift: it drives the real binaries from outside, the
way an admin's `kill -9` or a power cut does, needs no rebuild to change, and adds no Swift
dependency or test target to the 10-20 minute build.
"""
import argparse
import json
import os
import random
import signal
import sys
import tempfile
import threading
import time
import uuid
import shutil
import http.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402
from balancer import Balancer  # noqa: E402

PIN = "2468-crash"
# How long one healing sync may take before the next PC's starts (it goes on meanwhile): a
# backlog from 200 kills takes minutes to pull from a debug build on a loaded machine.
HEAL_SYNC_SECONDS = 300
RECORD_KEYS = ["profile/email", "profile/phone", "profile/language"]


class Ledger:
    """What the writers were told: acknowledged statements and every record write attempted."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statements = {}      # id -> learner (POST answered 200)
        self.attempted = 0
        self.record_writes = []   # dicts: pc, learner, key, value, shown, answered, dot


class Writer(threading.Thread):
    """Writes statements and record edits to one PC for the learners it holds, until stopped.
    Errors (the PC was just killed) are expected: only answers count."""

    def __init__(self, pc, learners, ledger, rng, stop, outcomes=()):
        super().__init__(daemon=True)
        self.pc, self.learners, self.ledger, self.rng, self.stop_event = pc, learners, ledger, rng, stop
        self.outcomes = list(outcomes)  # self-assessed outcome ids to send "completed" for (issuance)
        self.tokens = {}
        self.counter = 0
        self.unexpected = []

    def token(self, learner):
        if learner not in self.tokens:
            self.tokens[learner] = self.pc.login(learner, PIN)
        return self.tokens[learner]

    def run(self):
        while not self.stop_event.is_set():
            learner = self.rng.choice(self.learners)
            try:
                if self.rng.random() < 0.75:
                    self.write_statements(learner)
                else:
                    self.write_record(learner)
            except (OSError, http.client.HTTPException, RuntimeError):
                # The PC is down or was just restarted (sessions may be gone): log in again.
                self.tokens.pop(learner, None)
                time.sleep(0.05)
            except Exception as error:  # an answer of the wrong shape: worth seeing, not fatal
                self.unexpected.append(repr(error))
                self.tokens.pop(learner, None)
            time.sleep(self.rng.uniform(0.0, 0.03))

    def write_statements(self, learner):
        batch = [h.statement(learner, "Crash Learner") for _ in range(self.rng.randint(1, 3))]
        if self.outcomes and self.rng.random() < 0.3:
            batch.append(achievement(learner, self.rng.choice(self.outcomes)))
        with self.ledger.lock:
            self.ledger.attempted += len(batch)
        status, body = self.pc.call("POST", "/xapi/statements", batch,
                                    {"Authorization": "Bearer " + self.token(learner), **h.XAPI_VERSION})
        if status == 401:
            self.tokens.pop(learner, None)
        elif status == 200:
            with self.ledger.lock:
                for s in batch:
                    self.ledger.statements[s["id"]] = learner

    def write_record(self, learner):
        auth = {"Authorization": "Bearer " + self.token(learner)}
        key = self.rng.choice(RECORD_KEYS)
        records = self.pc.records(learner, self.token(learner))
        shown = records.get(key, {}).get("context")
        self.counter += 1
        value = f"{self.pc.name}-{uuid.uuid4().hex[:10]}"
        if key == "profile/email":
            value += "@crash.example"
        write = {"pc": self.pc.name, "learner": learner, "key": key, "value": value,
                 "shown": h.decode_context(shown) if shown else {}, "answered": False, "dot": None}
        with self.ledger.lock:
            self.ledger.record_writes.append(write)
        body = {"key": key, "value": value}
        if shown:
            body["context"] = shown
        status, answer = self.pc.call("POST", f"/v1/learners/{learner}/records", body, auth)
        if status == 200:
            after = h.decode_context(answer["context"])
            # The new dot is (this PC's replica, its counter in the answer's context): the shown
            # context came from this PC, so no other entry for this replica can be higher.
            replica = self.pc.replica
            with self.ledger.lock:
                write["answered"] = True
                write["dot"] = (replica, after.get(replica, 0))
        elif status == 401:
            self.tokens.pop(learner, None)


class Newcomers(threading.Thread):
    """During the kills, every ~2 s: a new learner on a random PC, then fetched onto another PC
    (retried until it works: the learner reaches the repository at that PC's next sync, and
    either PC may be down). A learner counts as held by a PC only once walletd answered 201/200,
    and only then do that PC's writers start writing for them."""

    def __init__(self, pcs, holders, writers, rng, stop):
        super().__init__(daemon=True)
        self.pcs, self.holders, self.writers, self.rng, self.stop_event = pcs, holders, writers, rng, stop
        self.created = self.fetched = 0

    def run(self):
        pending = []  # (learner, target PC index)
        while not self.stop_event.wait(self.rng.uniform(1.0, 3.0)):
            try:
                i = self.rng.randrange(3)
                status, body = self.pcs[i].call("POST", "/v1/learners", {"name": "Newcomer", "pin": PIN})
                if status == 201:
                    self.holders[body["id"]] = [i]
                    self.writers[i].learners.append(body["id"])
                    self.created += 1
                    pending.append((body["id"], (i + self.rng.randint(1, 2)) % 3))
            except (OSError, http.client.HTTPException):
                pass
            for learner, o in list(pending):
                try:
                    status, _ = self.pcs[o].call("POST", "/v1/learners/fetch", {"learner": learner, "pin": PIN})
                except (OSError, http.client.HTTPException):
                    continue
                if status in (200, 201):
                    pending.remove((learner, o))
                    self.holders[learner].append(o)
                    self.writers[o].learners.append(learner)
                    self.fetched += 1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(h.ROOT, ".build", "debug"))
    ap.add_argument("-n", "--kills", type=int, default=200)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--batch-size", type=int, default=20, help="walletd --sync-batch-size (bounds resends)")
    ap.add_argument("--max-wait", type=float, default=1.0, help="longest wait before a kill, in seconds")
    ap.add_argument("--catalog", default=os.path.join(h.ROOT, "catalog", "sample-catalog.json"))
    ap.add_argument("--synchronous", choices=["full", "normal"], default="full",
                    help="the SQLite fsync policy of walletd (and of repositoryd on SQLite); normal must survive kill -9 too")
    ap.add_argument("--database", metavar="URL", help="repositoryd on this (empty) PostgreSQL database instead of SQLite")
    ap.add_argument("--postgres", action="store_true",
                    help="repositoryd on a throw-away PostgreSQL database (WALLET_TEST_POSTGRES_URL's cluster, else one of its own), removed at the end")
    ap.add_argument("--instances", type=int, default=1,
                    help="repositoryd instances on the one database, behind a round-robin balancer (PostgreSQL only above 1)")
    ap.add_argument("--check-credentials", action="store_true",
                    help="writers also complete the catalog's self-assessed courses; check one credential per learner, course and holder DID")
    ap.add_argument("--inject-loss", action="store_true",
                    help="check the checker: add an acknowledged statement and record write that never happened (the run must fail)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (and the PostgreSQL database)")
    args = ap.parse_args()
    postgres = bool(args.database or args.postgres)
    if args.database and args.postgres:
        ap.error("give --database URL or --postgres, not both")
    if args.instances < 1 or (args.instances > 1 and not postgres):
        ap.error("--instances above 1 needs --postgres or --database (one SQLite data folder takes one repositoryd)")
    outcomes = self_assessed_outcomes(args.catalog) if args.check_credentials else []
    if args.check_credentials and not outcomes:
        ap.error("--check-credentials needs a --catalog with a self-assessed course")
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    store = f"PostgreSQL, {args.instances} repositoryd behind a balancer" if postgres else "SQLite"
    print(f"crash loop: N={args.kills} seed={seed} on {store} (repro: --seed {seed} -n {args.kills})", flush=True)

    root = tempfile.mkdtemp(prefix="crash-loop.")
    database = h.ThrowAwayDatabase("crash_loop", keep=args.keep) if args.postgres else None
    repos = []
    balancer = None
    wallet_args = ["--sync-interval", "1", "--sync-debounce-ms", "200", "--scrypt-log-n", "10",
                   "--sync-batch-size", str(args.batch_size), "--synchronous", args.synchronous]
    pcs = [h.Walletd(args.bin, root, n, wallet_args) for n in range(3)]
    stop = threading.Event()
    failures = []

    def on_signal(signum, _frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    started = time.time()
    try:
        if postgres:
            url = database.open().url if database else args.database
            keys = os.path.join(root, "keys")
            repos = [h.Repository(args.bin, root, args.catalog, ["--database-connections", "8"], database=url, keys_dir=keys,
                                  name=f"repositoryd{i}") for i in range(args.instances)]
        else:
            repos = [h.Repository(args.bin, root, args.catalog, ["--synchronous", args.synchronous])]
        for repo in repos:
            repo.start()
        if postgres:
            balancer = Balancer(lambda: [("127.0.0.1", r.port) for r in repos]).start()
            front = balancer.url()
        else:
            front = repos[0].url()
        for pc in pcs:
            pc.start()
            pc.enrol(front, repos[0].enrolment_code())
            pc.replica = pc.call("GET", "/v1/device")[1]["replica"]

        # Learners: two made on each PC; the first fetched onto one other PC, the second onto both.
        holders = {}
        for i, pc in enumerate(pcs):
            for j in range(2):
                status, body = pc.call("POST", "/v1/learners", {"name": f"Learner {i}-{j}", "pin": PIN})
                assert status == 201, (status, body)
                holders[body["id"]] = [i]
            pc.sync()
        for k, (learner, hs) in enumerate(holders.items()):
            i = hs[0]
            others = [(i + 1) % 3] if k % 2 == 0 else [(i + 1) % 3, (i + 2) % 3]
            for o in others:
                status, body = pcs[o].call("POST", "/v1/learners/fetch", {"learner": learner, "pin": PIN})
                assert status in (200, 201), (status, body)
                hs.append(o)
        ledger = Ledger()
        writers = [h_ for h_ in (Writer(pc, [l for l, hs in holders.items() if pc.n in hs], ledger,
                                        random.Random(rng.random()), stop, outcomes) for pc in pcs)]
        for w in writers:
            w.start()
        newcomers = Newcomers(pcs, holders, writers, random.Random(rng.random()), stop)
        newcomers.start()

        procs = repos + pcs
        kills = {"repositoryd": 0, "walletd": 0}
        checks_ok = checks_run = 0
        for k in range(args.kills):
            time.sleep(rng.uniform(0.05, args.max_wait))
            victim = rng.choice(procs)
            victim.kill9()
            kills["repositoryd" if victim in repos else "walletd"] += 1
            result = victim.integrity_check()
            if result is not None:  # None: repositoryd on PostgreSQL, which has no such check
                checks_run += 1
                if result == ["ok"]:
                    checks_ok += 1
                else:
                    failures.append(f"integrity_check after kill {k + 1} of {victim.db}: {result[:3]}")
            victim.start()
            if victim not in repos:
                replica = victim.call("GET", "/v1/device")[1]["replica"]
                if replica != victim.replica:
                    failures.append(f"{victim.name} took a new replica id after kill {k + 1} (a crash is not a copy)")
                    victim.replica = replica
            if (k + 1) % 20 == 0:
                print(f"  {k + 1} kills, {len(ledger.statements)} statements acknowledged", flush=True)
        stop.set()
        for w in writers + [newcomers]:
            w.join(30)
        loop_seconds = time.time() - started

        # Heal: everything runs; sync every PC in turn until all agree (or give up).
        heal_start = time.time()
        rounds = 0
        converged = False
        slow_syncs = 0
        while rounds < 12 and not converged:
            rounds += 1
            for pc in pcs:
                try:
                    pc.sync(timeout=HEAL_SYNC_SECONDS)
                except TimeoutError:
                    # Not a loss by itself: walletd goes on with the run, and the next round's
                    # sync waits for it. Counted and shown, as a sync this slow is worth a look.
                    slow_syncs += 1
            if rounds >= 2:
                converged = snapshot_agrees(pcs, holders)
        heal_seconds = time.time() - heal_start

        if args.inject_loss:
            learner = next(iter(holders))
            ledger.statements[str(uuid.uuid4())] = learner
            ledger.record_writes.append({"pc": "pc0", "learner": learner, "key": "profile/email", "value": "never@crash.example",
                                         "shown": {}, "answered": True, "dot": (pcs[0].replica, 10**9)})
        report = verify(repos[0], pcs, holders, ledger, failures)
        bound = args.batch_size * args.kills
        resent = report["resent"]
        if resent > bound:
            failures.append(f"resent {resent} statements > batch size x kills = {bound}")
        credentials = check_credentials(repos[0], args.catalog, failures, inject=args.inject_loss) if args.check_credentials else None
        for p in procs:
            p.stop()
        final_ok = final_run = 0
        for p in procs:
            result = p.integrity_check()
            if result is None:
                continue
            final_run += 1
            if result == ["ok"]:
                final_ok += 1
            else:
                failures.append(f"final integrity_check of {p.db}: {result[:3]}")

        total = time.time() - started
        print(f"kills: {args.kills} ({kills['walletd']} walletd, {kills['repositoryd']} repositoryd"
              + (f" across {len(repos)} instances" if len(repos) > 1 else "") + ")")
        if balancer:
            handed = ", ".join(f"{r.name} {balancer.connections.get(r.port, 0)}" for r in repos)
            print(f"balancer: connections handed to {handed}; {balancer.refused} connects refused (instance down) and skipped, "
                  f"{balancer.dropped} clients closed with every instance down")
        print(f"learners: {len(holders)} ({newcomers.created} made during the kills, {newcomers.fetched} of them fetched onto another PC)")
        print(f"statements: {ledger.attempted} sent, {len(ledger.statements)} acknowledged, "
              f"{report['lost']} lost, {report['doubled']} doubled, repository holds {report['repo_count']}")
        print(f"record writes: {report['writes_answered']} acknowledged ({report['writes_present']} present, "
              f"{report['writes_superseded']} superseded by a write that saw them), {report['writes_lost']} lost, "
              f"{report['records_diverged']} records differing between PCs or from the repository")
        if credentials:
            print(f"credentials: {credentials['completed']} learner-course completions in the repository, {credentials['issued']} credentials, "
                  f"{credentials['missing']} missing, {credentials['doubled']} doubled, {credentials['unearned']} without a completion")
        skipped = " (repositoryd on PostgreSQL: no integrity_check, skipped)" if postgres else ""
        print(f"integrity checks ok: {checks_ok} of {checks_run} after kills, {final_ok} of {final_run} at the end{skipped}")
        print(f"resent statements: {resent} (bound: batch size {args.batch_size} x {args.kills} kills = {bound}); "
              f"{report['replayed']} batches answered again from the batch log; quarantined: {report['quarantined']}")
        print(f"time: {total:.0f} s in all ({loop_seconds:.0f} s kill loop, healed in {rounds} sync rounds / {heal_seconds:.1f} s"
              + (f"; {slow_syncs} healing syncs still running after {HEAL_SYNC_SECONDS} s" if slow_syncs else "") + ")")
        if not converged:
            failures.append(f"the PCs did not agree after {rounds} healing sync rounds")
        for f in failures:
            print("VIOLATION: " + f)
        print("crash loop: " + ("FAILED" if failures else "passed") + f" (seed {seed})")
        unexpected = [e for w in writers for e in w.unexpected]
        if unexpected:
            print(f"writers saw {len(unexpected)} unexpected answers, e.g. {unexpected[:3]}")
        return 1 if failures else 0
    except BaseException:
        failures.append("aborted")  # keep the folder for the logs
        raise
    finally:
        stop.set()
        if balancer:
            balancer.stop()
        for p in repos + pcs:
            try:
                p.kill9()
            except Exception:
                pass
        if database:
            database.close()
        if args.keep or (failures and not args.inject_loss):
            print(f"files kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


COMPLETED = "http://adlnet.gov/expapi/verbs/completed"


def self_assessed_outcomes(catalog):
    """The outcome ids of the catalog's self-assessed courses: a learner's own "completed"
    statement on each of a course's outcomes completes it (docs/CREDENTIALS.md, "Issuance rule")."""
    return [o for c in self_assessed_courses(catalog) for o in c[1]]


def self_assessed_courses(catalog):
    """[(course id, [outcome ids])] of the catalog's self-assessed courses."""
    if not catalog:
        return []
    with open(catalog) as f:
        courses = json.load(f)["courses"]
    return [(c["id"], [o["id"] for o in c["learningOutcomes"]]) for c in courses if c.get("assessment") == "self-assessed"]


def achievement(learner_id, outcome):
    """The learner's own statement that they completed the outcome's activity."""
    s = h.statement(learner_id, "Crash Learner")
    s["verb"] = {"id": COMPLETED, "display": {"en-US": "completed"}}
    s["object"] = {"objectType": "Activity", "id": outcome}
    return s


def check_credentials(repo, catalog, failures, inject=False):
    """Issuance under kills and several instances: every learner whose statements in the
    repository complete a self-assessed course holds exactly one credential for it, none is
    issued twice for the same learner, course and holder DID (nor, as no PIN is reset here, for
    the same learner and course), and none is issued without a completion."""
    courses = self_assessed_courses(catalog)
    done = {}  # (learner, course) -> outcomes achieved
    for learner, text in repo.query("SELECT learner_id, json FROM hub_statement WHERE json LIKE '%/verbs/completed%'"):
        st = json.loads(text)
        if st.get("verb", {}).get("id") != COMPLETED or st.get("actor", {}).get("account", {}).get("name") != learner:
            continue
        activity = st.get("object", {}).get("id")
        for course, outcomes in courses:
            if activity in outcomes:
                done.setdefault((learner, course), set()).add(activity)
    completed = {key for key, got in done.items() if got == set(dict(courses)[key[1]])}
    if inject:
        completed.add(("made-up-learner", courses[0][0]))
    rows = repo.query("SELECT learner_id, course_id, holder_did FROM issued_credential")
    by_triple, by_pair = {}, {}
    for learner, course, did in rows:
        by_triple[(learner, course, did)] = by_triple.get((learner, course, did), 0) + 1
        by_pair[(learner, course)] = by_pair.get((learner, course), 0) + 1
    report = {"completed": len(completed), "issued": len(rows), "missing": 0, "doubled": 0, "unearned": 0}
    for key, n in by_triple.items():
        if n > 1:
            report["doubled"] += n - 1
            failures.append(f"{n} credentials for learner {key[0]}, course {key[1]}, holder DID {key[2]}")
    for key, n in by_pair.items():
        if n > 1 and all(by_triple[t] == 1 for t in by_triple if t[:2] == key):
            report["doubled"] += n - 1
            failures.append(f"{n} credentials for learner {key[0]} and course {key[1]} under different holder DIDs (no PIN was reset)")
    for key in completed - set(by_pair):
        report["missing"] += 1
        failures.append(f"learner {key[0]} completed {key[1]} (statements in the repository) but holds no credential for it")
    for key in set(by_pair) - completed:
        report["unearned"] += 1
        failures.append(f"a credential for learner {key[0]} and course {key[1]} without the statements completing it")
    return report


def snapshot_agrees(pcs, holders):
    """True when every holder of every learner answers the same statement ids and records."""
    for learner, hs in holders.items():
        views = set()
        for i in hs:
            tok = pcs[i].login(learner, PIN)
            ids = tuple(sorted(pcs[i].statement_ids(learner, tok)))
            recs = tuple(sorted((k, tuple(sorted(map(str, r["values"]))), r["context"]) for k, r in pcs[i].records(learner, tok).items()))
            views.add((ids, recs))
        if len(views) != 1:
            return False
    return True


def verify(repo, pcs, holders, ledger, failures):
    report = {"lost": 0, "doubled": 0, "writes_lost": 0, "writes_present": 0, "writes_superseded": 0, "records_diverged": 0, "quarantined": 0}
    repo_rows = repo.statement_ids()
    repo_records = repo.records()
    repo_ids = {}
    for learner, sid in repo_rows:
        repo_ids.setdefault(learner, []).append(sid)
    report["repo_count"] = len(repo_rows)
    if len(repo_rows) != len({sid for _, sid in repo_rows}):
        failures.append("the repository holds a statement id twice")
    by_learner = {}
    for sid, learner in ledger.statements.items():
        by_learner.setdefault(learner, set()).add(sid)
    lost = set()
    for learner, hs in holders.items():
        acked = by_learner.get(learner, set())
        missing_repo = acked - set(repo_ids.get(learner, []))
        if missing_repo:
            failures.append(f"repository misses {len(missing_repo)} acknowledged statements of {learner}, e.g. {sorted(missing_repo)[:2]}")
            lost |= missing_repo
        finals = {}
        for i in hs:
            pc = pcs[i]
            tok = pc.login(learner, PIN)
            ids = pc.statement_ids(learner, tok)
            doubled = len(ids) - len(set(ids))
            report["doubled"] += doubled
            if doubled:
                failures.append(f"{pc.name} answers {doubled} statement ids of {learner} twice")
            missing = acked - set(ids)
            if missing:
                failures.append(f"{pc.name} misses {len(missing)} acknowledged statements of {learner}, e.g. {sorted(missing)[:2]}")
                lost |= missing
            if len(ids) != len(repo_ids.get(learner, [])):
                failures.append(f"{pc.name} holds {len(ids)} statements of {learner}, the repository {len(repo_ids.get(learner, []))}")
            finals[pc.name] = pc.records(learner, tok)
        # Records: every holder the same; every acknowledged write present or superseded by a
        # write whose shown context had seen it, and its dot in every holder's context.
        views = {name: {k: (sorted(map(str, r["values"])), r["context"]) for k, r in recs.items()} for name, recs in finals.items()}
        if len({repr(sorted(v.items())) for v in views.values()}) != 1:
            report["records_diverged"] += 1
            failures.append(f"records of {learner} differ between PCs: {views}")
        any_view = next(iter(finals.values()))
        for key, rec in any_view.items():
            if repo_records.get((learner, key)) != h.record_view(rec):
                report["records_diverged"] += 1
                failures.append(f"record {key} of {learner}: the repository holds {repo_records.get((learner, key))}, the PCs {h.record_view(rec)}")
        writes = [w for w in ledger.record_writes if w["learner"] == learner]
        for w in writes:
            if not w["answered"]:
                continue
            rec = any_view.get(w["key"])
            if rec is None:
                report["writes_lost"] += 1
                failures.append(f"record {w['key']} of {learner} is gone (write {w['value']} was acknowledged)")
                continue
            replica, counter = w["dot"]
            if h.decode_context(rec["context"]).get(replica, 0) < counter:
                report["writes_lost"] += 1
                failures.append(f"write {w['value']} ({w['key']} of {learner}) not in the final context")
                continue
            if w["value"] in rec["values"]:
                report["writes_present"] += 1
                continue
            report["writes_superseded"] += 1
            if not any(o is not w and o["key"] == w["key"] and o["shown"].get(replica, 0) >= counter for o in writes):
                report["writes_lost"] += 1
                failures.append(f"write {w['value']} ({w['key']} of {learner}) vanished without a write that saw it")
    report["lost"] = len(lost)
    report["writes_answered"] = sum(1 for w in ledger.record_writes if w["answered"])
    stats = repo.stats()
    # Received minus stored: statements the repository took again (a batch resent after a kill
    # that its batch log did not answer). Batches it answered from the log are counted apart.
    report["resent"] = stats["statementsReceived"] - stats["statementsStored"]
    report["replayed"] = stats.get("batchesReplayed", 0)
    for pc in pcs:
        status, body = pc.call("GET", "/v1/sync", headers={h.ADMIN_HEADER: pc.admin_token()})
        q = body.get("quarantinedTotal", 0) if status == 200 else 0
        report["quarantined"] += q
        if q:
            failures.append(f"{pc.name} quarantined {q} items: {body.get('quarantined')}")
    return report


if __name__ == "__main__":
    sys.exit(main())
