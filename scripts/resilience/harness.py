"""Starts the real repositoryd and walletd on temporary folders, ports and sockets, and talks to
them: walletd over its Unix socket, repositoryd over plain HTTP on 127.0.0.1.

Python stdlib only, so the suites need nothing installed beyond python3 (already a build
dependency). Every process started here is recorded and killed by `Cluster.close()`, which the
suites call from `finally` and from a SIGTERM/SIGINT handler.
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the checkout
ADMIN_HEADER = "X-Walletd-Admin"
XAPI_VERSION = {"X-Experience-API-Version": "2.0.0"}
HOME_PAGE = "https://learner-wallet.invalid/learners"


class UnixHTTPConnection(http.client.HTTPConnection):
    """http.client over a Unix socket (walletd's socket API)."""

    def __init__(self, path, timeout=15):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = path

    def connect(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(self.timeout)
        s.connect(self.socket_path)
        self.sock = s


def request(sock_path, method, path, body=None, headers=None, timeout=15):
    """One request on a fresh connection; returns (status, parsed JSON or raw text or None).
    Raises OSError / http.client errors when walletd is down (the callers count those as
    'not acknowledged')."""
    conn = UnixHTTPConnection(sock_path, timeout=timeout)
    try:
        data = None if body is None else json.dumps(body).encode()
        h = {"Content-Type": "application/json"} if data is not None else {}
        h.update(headers or {})
        conn.request(method, path, body=data, headers=h)
        resp = conn.getresponse()
        raw = resp.read()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode(errors="replace")
        return resp.status, parsed
    finally:
        conn.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def integrity_check(db_path):
    """PRAGMA integrity_check through a read-only connection, so the check itself never
    checkpoints the WAL (it sees the files exactly as the crash left them)."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)
    try:
        rows = con.execute("PRAGMA integrity_check").fetchall()
        return [r[0] for r in rows]
    finally:
        con.close()


def statement(learner_id, name, sid=None, pad=0):
    extra = {"result": {"response": "x" * pad}} if pad else {}
    return {**extra,
        "id": sid or str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "name": name, "account": {"homePage": HOME_PAGE, "name": learner_id}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/progressed", "display": {"en-US": "progressed"}},
        "object": {"objectType": "Activity", "id": "https://resilience.example/activities/" + str(uuid.uuid4())[:8]},
    }


class DaemonProcess:
    """What both daemons' handles share: the process in `self.proc`, killed, stopped, asked."""

    def kill9(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill9()

    def running(self):
        return self.proc is not None and self.proc.poll() is None

    def integrity_check(self):
        """integrity_check of the daemon's SQLite database (`self.db`)."""
        return integrity_check(self.db)


class Repository(DaemonProcess):
    """One repositoryd. On its data folder's SQLite by default; with `database=URL, keys_dir=DIR`
    on that PostgreSQL database and keys folder instead (`serve --database URL --keys-dir DIR`),
    which several instances share: give each its own `name` (its log file) and they each take
    their own port."""

    def __init__(self, bin_dir, root, catalog, extra_args=(), database=None, keys_dir=None, name="repositoryd"):
        if (database is None) != (keys_dir is None):
            raise ValueError("database and keys_dir go together")
        self.bin = os.path.join(bin_dir, "repositoryd")
        self.name = name
        self.data = os.path.join(root, "repository")
        self.database = database
        self.keys_dir = keys_dir
        self.log = os.path.join(root, name + ".log")
        self.catalog = catalog
        self.extra = list(extra_args)
        self.port = 0
        self.proc = None
        self.starts = 0

    @property
    def db(self):
        return os.path.join(self.data, "repository.sqlite")

    @property
    def postgres(self):
        return self.database is not None

    def store_args(self):
        """Where the data is, as every repositoryd command takes it."""
        if self.postgres:
            return ["--database", self.database, "--keys-dir", self.keys_dir]
        return ["--data-dir", self.data]

    def start(self):
        """Starts on port 0 the first time, then on the same port (the PCs were enrolled with
        that URL, or a balancer sends to it)."""
        before = self._ready_lines()
        args = [self.bin, "serve", *self.store_args(), "--host", "127.0.0.1", "--port", str(self.port)]
        if self.catalog:
            args += ["--catalog", self.catalog]
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(args + self.extra, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            lines = self._ready_lines()
            if len(lines) > len(before):
                self.port = int(re.search(r"port=(\d+)", lines[-1]).group(1))
                self.starts += 1
                return
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}; see {self.log}")
            time.sleep(0.05)
        raise RuntimeError(f"{self.name} did not start; see {self.log}")

    def _ready_lines(self):
        try:
            with open(self.log, errors="replace") as f:
                return [l for l in f if "repositoryd ready" in l]
        except FileNotFoundError:
            return []

    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def cli(self, *args):
        out = subprocess.run([self.bin, *args, *self.store_args()], capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"repositoryd {' '.join(args)}: {out.stderr.strip()}")
        return out.stdout

    def enrolment_code(self):
        m = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", self.cli("enrolment-code"))
        return m.group(0)

    def stats(self):
        return json.loads(self.cli("stats", "--json"))

    def integrity_check(self):
        """SQLite's integrity_check of the data folder's database; None on PostgreSQL, which has
        no such check (a killed client cannot damage the server's files: its transaction is
        rolled back), so the suites skip it there."""
        return None if self.postgres else integrity_check(self.db)

    def query(self, sql):
        """Rows of a read-only query, as tuples of text (None for NULL): sqlite3 on the data
        folder's database, or psql on PostgreSQL."""
        if self.postgres:
            return psql_rows(self.database, sql)
        con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=30)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()

    def statement_ids(self):
        """(learner, id) rows the repository holds, read from its database (read-only)."""
        return self.query("SELECT learner_id, id FROM hub_statement")

    def records(self):
        """{(learner, key): (sorted values as text, context dict)} as the repository holds them."""
        out = {}
        for learner, key, state in self.query("SELECT learner_id, key, state_json FROM hub_record"):
            st = json.loads(state)
            out[(learner, key)] = (sorted(str(sib["value"]) for sib in st["siblings"]), dict(st["context"]))
        return out


def psql_command():
    """psql: on PATH (Debian's postgresql-client), else beside the server programs
    scripts/pg-cluster.sh uses."""
    found = shutil.which("psql")
    if found:
        return found
    out = subprocess.run([os.path.join(ROOT, "scripts", "pg-cluster.sh"), "bindir"], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError("psql not found: install postgresql-client (scripts/install-system-deps.sh)")
    return os.path.join(out.stdout.strip(), "psql")


def psql(url, sql, timeout=120):
    """Runs SQL on the database at `url` with psql; its output (unaligned, tuples only)."""
    out = subprocess.run([psql_command(), url, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql],
                         capture_output=True, text=True, timeout=timeout)
    if out.returncode != 0:
        raise RuntimeError(f"psql {sql[:60]}: {out.stderr.strip()}")
    return out.stdout


def psql_rows(url, sql):
    """The query's rows as tuples of text (None for NULL), through COPY's text format: one line
    a row, tab between values, backslash escapes, \\N for NULL. Values may hold any character,
    so psql's own aligned output would not do."""
    text = psql(url, f"COPY ({sql}) TO STDOUT")
    return [tuple(None if field == "\\N" else _unescape_copy(field) for field in line.split("\t"))
            for line in text.split("\n") if line]


_COPY_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}


def _unescape_copy(field):
    if "\\" not in field:
        return field
    return re.sub(r"\\(.)", lambda m: _COPY_ESCAPES.get(m.group(1), m.group(1)), field)


class ThrowAwayDatabase:
    """An empty PostgreSQL database for one run, removed by `close()` (call it from `finally`):
    a new database on the cluster WALLET_TEST_POSTGRES_URL names when it is set (make test's,
    scripts/with-postgres.sh), else a cluster of its own (scripts/pg-cluster.sh) in a new folder
    under the temporary folder, stopped and removed at the end.

        db = ThrowAwayDatabase("crash_loop").open()
        try: ... db.url ...
        finally: db.close()
    """

    def __init__(self, prefix, keep=False):
        self.prefix = prefix
        self.keep = keep          # leave it (and its cluster) for a look afterwards
        self.url = None
        self.cluster_dir = None   # our own cluster's folder
        self.admin_url = None     # where CREATE/DROP DATABASE run

    def open(self):
        shared = os.environ.get("WALLET_TEST_POSTGRES_URL")
        if shared:
            self.admin_url = shared
        else:
            # Directly under the temporary folder: as root the cluster belongs to the postgres
            # user, who cannot enter a root-only mkdtemp folder.
            self.cluster_dir = tempfile.mkdtemp(prefix=self.prefix.replace("_", "-") + "-pg.")
            out = subprocess.run([os.path.join(ROOT, "scripts", "pg-cluster.sh"), "start", self.cluster_dir],
                                 capture_output=True, text=True, timeout=180)
            if out.returncode != 0:
                raise RuntimeError(f"scripts/pg-cluster.sh start: {out.stderr.strip()}")
            self.admin_url = out.stdout.strip().splitlines()[-1]
        name = f"{self.prefix}_{uuid.uuid4().hex[:10]}"
        psql(self.admin_url, f"CREATE DATABASE {name}")
        self.url = re.sub(r"/[^/?]*(\?.*)?$", lambda m: "/" + name + (m.group(1) or ""), self.admin_url)
        return self

    def close(self):
        if self.keep:
            where = f"; stop its cluster with scripts/pg-cluster.sh stop {self.cluster_dir}" if self.cluster_dir else ""
            print(f"PostgreSQL database kept: {self.url}{where}")
            return
        if self.cluster_dir:
            subprocess.run([os.path.join(ROOT, "scripts", "pg-cluster.sh"), "stop", self.cluster_dir],
                           capture_output=True, text=True, timeout=120)
            self.cluster_dir = None
        elif self.url:
            name = self.url.rsplit("/", 1)[1].split("?")[0]
            try:
                psql(self.admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                print(f"could not drop the test database {name}: {error}")
        self.url = None


def record_view(record):
    """A records-API record as (sorted values as text, context dict), comparable with
    Repository.records()."""
    return (sorted(str(v) for v in record["values"]), decode_context(record["context"]))


class Walletd(DaemonProcess):
    def __init__(self, bin_dir, root, n, extra_args=()):
        self.bin = os.path.join(bin_dir, "walletd")
        self.n = n
        self.name = f"pc{n}"
        self.data = os.path.join(root, self.name, "data")
        run = os.path.join(root, self.name, "run")
        os.makedirs(run, mode=0o700, exist_ok=True)
        self.sock = os.path.join(run, "walletd.sock")
        self.log = os.path.join(root, self.name + ".log")
        self.extra = list(extra_args)
        self.proc = None

    @property
    def db(self):
        return os.path.join(self.data, "wallet.sqlite")

    def start(self):
        args = [self.bin, "--data-dir", self.data, "--socket", self.sock, "--http", "off"] + self.extra
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"walletd {self.name} exited with {self.proc.returncode}; see {self.log}")
            try:
                if self.call("GET", "/v1/health")[0] == 200:
                    return
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.05)
        raise RuntimeError(f"walletd {self.name} did not start; see {self.log}")

    def call(self, method, path, body=None, headers=None, timeout=15):
        return request(self.sock, method, path, body, headers, timeout)

    def admin_token(self):
        with open(os.path.join(self.data, "admin.token")) as f:
            return f.read().strip()

    def enrol(self, repository_url, code):
        status, body = self.call("POST", "/v1/device", {"repository": repository_url, "code": code, "name": self.name},
                                 {ADMIN_HEADER: self.admin_token()})
        if status != 201:
            raise RuntimeError(f"{self.name} enrol: {status} {body}")

    def sync(self, timeout=120):
        """Runs one sync and waits for it; returns (status, result)."""
        return self.call("POST", "/v1/sync?wait=true", timeout=timeout)

    # Learner-scoped helpers -------------------------------------------------------------

    def login(self, learner, pin):
        status, body = self.call("POST", "/v1/sessions", {"learner": learner, "pin": pin})
        if status != 201:
            raise RuntimeError(f"{self.name} login {learner}: {status} {body}")
        return body["token"]

    def statement_ids(self, learner, token):
        """Every statement id walletd answers for the learner, following `more` pages."""
        ids = []
        path = "/xapi/statements?limit=500"
        auth = {"Authorization": "Bearer " + token, **XAPI_VERSION}
        while path:
            status, body = self.call("GET", path, headers=auth, timeout=60)
            if status != 200:
                raise RuntimeError(f"{self.name} statements: {status} {body}")
            ids += [s["id"] for s in body["statements"]]
            path = body.get("more") or ""
        return ids

    def records(self, learner, token):
        status, body = self.call("GET", f"/v1/learners/{learner}/records", headers={"Authorization": "Bearer " + token})
        if status != 200:
            raise RuntimeError(f"{self.name} records: {status} {body}")
        return {r["key"]: r for r in body["records"]}


def decode_context(token):
    """The record API's context token: base64url of the version vector's JSON."""
    import base64
    pad = "=" * (-len(token) % 4)
    return {k: int(v) for k, v in json.loads(base64.urlsafe_b64decode(token + pad)).items()}
