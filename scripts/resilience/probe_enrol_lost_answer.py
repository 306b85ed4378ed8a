#!/usr/bin/env python3
"""Repro of a defect the faulty link found (not part of make test: it fails while the defect is
there). A PC whose enrolment answer is lost (the repository made the device, the answer never
arrived: dropped, cut short, a reset, a timeout) cannot enrol again:
  - the same code: 401 invalid_enrolment_code (codes are single-use and it was spent);
  - a new code: 409 replica_in_use (the orphan device is live with this PC's replica, and this PC
    never got its token, so it cannot prove it).
Only the admin can repair it (`repositoryd device replace DEVICE`, or revoke the orphan first).
Exit 0 when a retry with the same code, or a new code, enrols the PC; 1 otherwise.

  python3 scripts/resilience/probe_enrol_lost_answer.py --bin .build/debug [--kind drop-answer|truncate]
"""
import argparse
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness as h  # noqa: E402
from faulty_proxy import FaultyProxy  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(h.ROOT, ".build", "debug"))
    ap.add_argument("--kind", default="drop-answer", choices=["drop-answer", "truncate"])
    args = ap.parse_args()
    root = tempfile.mkdtemp(prefix="enrol-probe.")
    repo = h.Repository(args.bin, root, None)
    pc = h.Walletd(args.bin, root, 0, ["--scrypt-log-n", "10"])
    try:
        repo.start()
        pc.start()
        # Every answer lost (truncate at rate 1 still forwards the request first, coin permitting).
        proxy = FaultyProxy(f"127.0.0.1:{repo.port}", rate=1.0, kinds=[args.kind], seed=1).serve_in_background()
        url = f"http://127.0.0.1:{proxy.port}"
        admin = {h.ADMIN_HEADER: pc.admin_token()}
        code = repo.enrolment_code()
        print("enrol, answer lost:  ", pc.call("POST", "/v1/device", {"repository": url, "code": code, "name": "pc0"}, admin))
        proxy.rate = 0.0
        same = pc.call("POST", "/v1/device", {"repository": url, "code": code, "name": "pc0"}, admin)
        print("again, same code:    ", same)
        fresh = (None, None)
        if same[0] != 201:
            fresh = pc.call("POST", "/v1/device", {"repository": url, "code": repo.enrolment_code(), "name": "pc0"}, admin)
            print("again, a new code:   ", fresh)
        print(repo.cli("device", "list").strip())
        ok = same[0] == 201 or fresh[0] == 201
        print("enrolment after a lost answer: " + ("recovers" if ok else "STUCK (needs the admin: repositoryd device replace)"))
        return 0 if ok else 1
    finally:
        repo.kill9()
        pc.kill9()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
