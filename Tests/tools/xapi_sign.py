#!/usr/bin/env python3
"""Signs an xAPI statement as a JWS (compact serialization), written without any of the wallet's
own code: the independent side of walletd's signed-statement tests (xAPI Data 2.6).

Command line (kept stable: the integration tests call it):

    xapi_sign.py MODE < statement.json

MODE:
    rs256-x5c   RS256 with a fresh 2048-bit RSA key and a self-signed X.509 certificate in "x5c"
    rs512-x5c   the same with RS512
    rs256       RS256 without "x5c" (nothing to verify against: the LRS checks the form only)
    wrong-x5c   RS256 whose "x5c" is the certificate of another key (does not verify)
    hs256       HMAC-SHA256 (not an algorithm xAPI allows)
    none        alg "none" and an empty signature piece

Prints the JWS on one line. Needs: cryptography (scripts/install-test-tools.sh puts it in .build-py).
"""

import base64
import datetime
import hashlib
import hmac
import json
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def certificate(key) -> str:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "xAPI test signer")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now)
            .not_valid_after(now + datetime.timedelta(days=1)).sign(key, hashes.SHA256()))
    return base64.b64encode(cert.public_bytes(serialization.Encoding.DER)).decode("ascii")


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    mode = sys.argv[1]
    payload = json.dumps(json.load(sys.stdin), separators=(",", ":")).encode("utf-8")
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    header = {"rs256-x5c": {"alg": "RS256", "x5c": [certificate(key)]},
              "rs512-x5c": {"alg": "RS512", "x5c": [certificate(key)]},
              "rs256": {"alg": "RS256"},
              "wrong-x5c": {"alg": "RS256", "x5c": [certificate(rsa.generate_private_key(public_exponent=65537, key_size=2048))]},
              "hs256": {"alg": "HS256"},
              "none": {"alg": "none"}}.get(mode)
    if header is None:
        print(f"unknown mode {mode}", file=sys.stderr)
        return 2
    signing_input = (b64url(json.dumps(header).encode("utf-8")) + "." + b64url(payload)).encode("ascii")
    if mode == "hs256":
        signature = hmac.new(b"shared secret", signing_input, hashlib.sha256).digest()
    elif mode == "none":
        signature = b""
    else:
        digest = hashes.SHA512() if mode == "rs512-x5c" else hashes.SHA256()
        signature = key.sign(signing_input, padding.PKCS1v15(), digest)
    print(signing_input.decode("ascii") + "." + b64url(signature))
    return 0


if __name__ == "__main__":
    sys.exit(main())
