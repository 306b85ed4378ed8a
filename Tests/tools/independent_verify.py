#!/usr/bin/env python3
"""Independent check of a learner wallet export, written without any of the wallet's own code.

It re-implements, from the specifications, what the Swift verifier does, so that a bug shared by
our signer and our verifier cannot hide: Data Integrity `eddsa-jcs-2022` (W3C vc-di-eddsa) with
`cryptography` (Ed25519) and `rfc8785` (JCS), did:key and base58btc decoding written out below,
the Open Badges 3.0 AchievementCredential JSON Schema with `jsonschema`, the eleven EU
micro-credential elements (docs/CREDENTIALS.md), and the 2-bit Bitstring Status List entry
(GZIP + base64url, index 0 in the most significant bits of byte 0).

Command line (kept stable: the integration tests call it):

    independent_verify.py FILE [--challenge C] [--domain D] [--status-list LIST.json]...
                               [--trust-anchor DID] [--now 2026-11-22T10:00:00Z] [--schema SCHEMA.json]
    independent_verify.py --vector DIR

FILE is an export (`{"type": "LearnerWalletExport", ...}`), a bare signed VerifiablePresentation,
or an export page (HTML with the export embedded). --challenge/--domain: the presentation proof
must carry exactly these (unchecked when not given). --status-list: a signed status list to use
for its URL instead of the export's copy. --trust-anchor: the DID the trust list must be signed by
(without it the trust list's proof is still checked). --vector DIR: check the W3C eddsa-jcs-2022
test vector files (keyPair.json, unsigned.json, eddsa-jcs-2022_*) in DIR.

Prints one line per check ("PASS name: detail" / "FAIL name: detail") and exits 0 only if every
check passed, 1 otherwise, 2 on wrong usage or an unreadable file.

Needs: cryptography, rfc8785, jsonschema (scripts/install-test-tools.sh puts them in .build-py).
"""

import argparse
import base64
import copy
import gzip
import hashlib
import json
import os
import re
import sys
from datetime import datetime, timezone

import jsonschema
import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCHEMA = os.path.join(HERE, "..", "CredentialsTests", "Fixtures", "schemas",
                              "ob_v3p0_achievementcredential_schema.json")
# The address OB 3.0's examples give the AchievementCredential schema; the pinned file is it.
OB_SCHEMA_URL = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
OB_SCHEMA_VALIDATOR = "1EdTechJsonSchemaValidator2019"
BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
ED25519_PUB_MULTICODEC = b"\xed\x01"
STATUS_WORDS = {0: "valid", 1: "suspended", 2: "revoked", 3: "revoked"}


class Report:
    def __init__(self):
        self.failed = False

    def check(self, name, ok, detail):
        print(("PASS " if ok else "FAIL ") + name + ": " + detail)
        if not ok:
            self.failed = True
        return ok


# --- encodings -------------------------------------------------------------------------------

def base58_decode(text):
    number = 0
    for char in text:
        index = BASE58_ALPHABET.find(char)
        if index < 0:
            raise ValueError("'%s' is not a base58btc character" % char)
        number = number * 58 + index
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    zeros = len(text) - len(text.lstrip("1"))
    return b"\x00" * zeros + body


def did_key_public_key(did):
    """The 32-byte Ed25519 key of `did:key:z6Mk...`."""
    if not did.startswith("did:key:z"):
        raise ValueError("%r is not a base58btc did:key" % did)
    raw = base58_decode(did[len("did:key:z"):])
    if len(raw) != 34 or raw[:2] != ED25519_PUB_MULTICODEC:
        raise ValueError("%r is not an Ed25519 did:key (multicodec 0xed01 + 32 bytes)" % did)
    return raw[2:]


def did_of_verification_method(method):
    did, _, fragment = method.partition("#")
    if not fragment or did != "did:key:" + fragment:
        raise ValueError("verification method %r is not did:key:X#X" % method)
    return did


def base64url_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# --- eddsa-jcs-2022 ---------------------------------------------------------------------------

def verify_proof(document, purpose, challenge=None, domain=None):
    """Returns (signer DID, None) or (None, why). vc-di-eddsa §3.3.2 (verify) with JCS."""
    if not isinstance(document, dict):
        return None, "not a JSON object"
    proofs = document.get("proof")
    if isinstance(proofs, list):
        if len(proofs) != 1:
            return None, "expected exactly one proof, found %d" % len(proofs)
        proofs = proofs[0]
    if not isinstance(proofs, dict):
        return None, "no proof object"
    proof = proofs
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != "eddsa-jcs-2022":
        return None, "not a DataIntegrityProof with cryptosuite eddsa-jcs-2022"
    if proof.get("proofPurpose") != purpose:
        return None, "proof purpose %r, expected %r" % (proof.get("proofPurpose"), purpose)
    if challenge is not None and proof.get("challenge") != challenge:
        return None, "challenge %r, expected %r" % (proof.get("challenge"), challenge)
    if domain is not None and proof.get("domain") != domain:
        return None, "domain %r, expected %r" % (proof.get("domain"), domain)
    value = proof.get("proofValue", "")
    if not isinstance(value, str) or not value.startswith("z"):
        return None, "proofValue is not multibase base58btc"
    try:
        signature = base58_decode(value[1:])
        signer = did_of_verification_method(proof.get("verificationMethod", ""))
        public_key = did_key_public_key(signer)
    except ValueError as error:
        return None, str(error)
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    if "@context" in config:
        doc_context = unsecured.get("@context")
        doc_context = doc_context if isinstance(doc_context, list) else [doc_context]
        proof_context = config["@context"] if isinstance(config["@context"], list) else [config["@context"]]
        if doc_context[:len(proof_context)] != proof_context:
            return None, "the proof's @context is not the start of the document's"
        unsecured["@context"] = config["@context"]
    hash_data = hashlib.sha256(rfc8785.dumps(config)).digest() + hashlib.sha256(rfc8785.dumps(unsecured)).digest()
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, hash_data)
    except (InvalidSignature, ValueError):
        return None, "the Ed25519 signature does not match"
    return signer, None


# --- key rotation -----------------------------------------------------------------------------

def proof_created(document):
    proof = document.get("proof") if isinstance(document, dict) else None
    proof = proof[0] if isinstance(proof, list) and len(proof) == 1 else proof
    return parse_date(proof.get("created")) if isinstance(proof, dict) else None


def key_signs_at(body, did, when):
    """A body whose keys rotated lists each with validFrom / validUntil: `did` may sign at `when`."""
    if when is None:
        return False
    for key in body.get("keys") or []:
        if not isinstance(key, dict) or key.get("id") != did:
            continue
        start, end = parse_date(key.get("validFrom")), parse_date(key.get("validUntil"))
        if (start is None or when >= start) and (end is None or when < end):
            return True
    return False


def follows_successions(pinned, signer, statements, limit=16):
    """An unbroken chain of TrustAnchorSuccession statements, each signed by its `previous`."""
    if not isinstance(statements, list) or len(statements) > limit:
        return False
    steps = {}
    for statement in statements:
        if not isinstance(statement, dict) or statement.get("type") != "TrustAnchorSuccession":
            continue
        by, _ = verify_proof(statement, "assertionMethod")
        if by is not None and by == statement.get("previous"):
            steps.setdefault(by, []).append(statement.get("next"))
    seen, frontier = {pinned}, [pinned]
    for _ in range(limit):
        frontier = [n for key in frontier for n in steps.get(key, []) if n not in seen]
        if signer in frontier:
            return True
        seen.update(frontier)
    return False


# --- the export -------------------------------------------------------------------------------

def issuer_id(credential):
    issuer = credential.get("issuer")
    return issuer.get("id") if isinstance(issuer, dict) else issuer


def check_learner_name(credential):
    """The optional EU element "supervision and identity verification" (docs/CREDENTIALS.md, "The
    learner's name"): returns (ok, detail). A checked name is `name`, an IdentityObject of type
    `name` and `identityVerification.verifiedName` alike, with the did:key of who checked it; a
    name the learner gave themselves is only in `selfDeclaredName`, never in `name`."""
    subject = credential.get("credentialSubject") or {}
    check = subject.get("identityVerification")
    if check is None:
        if "name" in subject and "selfDeclaredName" in subject:
            return False, "an unchecked name must not be stated as `name`"
        own = subject.get("selfDeclaredName", subject.get("name"))
        return True, ("none; %r is self-declared, not checked" % own) if own is not None else "none; the learner is not named"
    if not isinstance(check, dict) or check.get("type") != "IdentityVerification":
        return False, "identityVerification is not an IdentityVerification object"
    name, by = check.get("verifiedName"), check.get("verifiedBy")
    names = [i.get("identityHash") for i in subject.get("identifier") or [] if isinstance(i, dict) and i.get("identityType") == "name"]
    if not isinstance(name, str) or not name or subject.get("name") != name or names != [name]:
        return False, "name %r, IdentityObject names %r and verifiedName %r differ" % (subject.get("name"), names, name)
    if not isinstance(by, str) or not by.startswith("did:key:z6Mk") or not check.get("identityCheck"):
        return False, "no did:key of who checked, or no word on how"
    return True, "%s checked by %s (%s, %s)" % (name, check.get("verifierName") or by, by, check.get("identityCheck"))


def check_credential_schema(credential, schema):
    """OB 3.0 verification step 1: each `credentialSchema` of type 1EdTechJsonSchemaValidator2019
    is a schema the credential must pass. This check runs offline, so it knows only the pinned
    AchievementCredential schema (validated against above, named by its published address or its
    own `$id`); another one it cannot check fails. None named (credentials issued before the
    field) passes: the pinned schema is checked anyway. Returns (ok, detail)."""
    named = credential.get("credentialSchema")
    if named is None:
        return True, "none named (an older credential); checked against the pinned OB 3.0 schema anyway"
    entries = named if isinstance(named, list) else [named]
    known = {OB_SCHEMA_URL, schema.get("$id")}
    ids = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not isinstance(entry.get("type"), str):
            return False, "credentialSchema entries need a string id and type"
        if entry["type"] == OB_SCHEMA_VALIDATOR and entry["id"] not in known:
            return False, "names %s, which this offline check does not hold" % entry["id"]
        ids.append(entry["id"])
    if OB_SCHEMA_URL not in ids:
        return True, "names %s; not the OB 3.0 schema, checked against the pinned one anyway" % ", ".join(ids)
    return True, "names the OB 3.0 AchievementCredential schema (%s)" % OB_SCHEMA_VALIDATOR


def check_eu_elements(credential):
    """The eleven elements of Annex I of the Council Recommendation, where docs/CREDENTIALS.md puts them."""
    subject = credential.get("credentialSubject") or {}
    achievement = subject.get("achievement") or {}
    issuer = credential.get("issuer") if isinstance(credential.get("issuer"), dict) else {}
    alignment = achievement.get("alignment") or []
    missing = []
    checks = [
        ("learner", bool(subject.get("id")) and (bool(subject.get("name")) or bool(subject.get("identifier")))),
        ("title", bool(achievement.get("name"))),
        ("country", bool((issuer.get("address") or {}).get("addressCountryCode"))),
        ("awarding body", bool(issuer.get("name"))),
        ("date of issuing", bool(credential.get("validFrom"))),
        ("learning outcomes", any(a.get("targetType") == "ext:LearningOutcome" and a.get("targetName") for a in alignment)),
        ("workload", isinstance(achievement.get("ectsCredits"), (int, float)) and not isinstance(achievement.get("ectsCredits"), bool)),
        ("EQF level", any(str(a.get("targetUrl", "")).startswith("http://data.europa.eu/snb/eqf/") for a in alignment)),
        ("type of assessment", bool(achievement.get("assessmentType"))),
        ("form of participation", bool(achievement.get("participationForm"))),
        ("quality assurance", bool(achievement.get("qualityAssurance"))),
    ]
    for name, present in checks:
        if not present:
            missing.append(name)
    return missing


def read_status(list_credential, index):
    subject = list_credential.get("credentialSubject") or {}
    encoded = subject.get("encodedList", "")
    if not encoded.startswith("u"):
        raise ValueError("encodedList is not multibase base64url")
    bits = gzip.decompress(base64url_decode(encoded[1:]))
    if len(bits) * 8 < 131072:
        raise ValueError("the list has %d bits, fewer than 131,072" % (len(bits) * 8))
    size = 2
    position = index * size
    if position + size > len(bits) * 8:
        raise ValueError("index %d lies beyond the list" % index)
    byte = bits[position // 8]
    shift = 8 - size - position % 8   # most significant bits first
    return (byte >> shift) & ((1 << size) - 1)


def parse_date(text):
    if not isinstance(text, str) or not re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", text):
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def load(path):
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8")
    if text.lstrip().startswith("<"):
        match = re.search(r'<script type="application/json" id="wallet-export">(.*?)</script>', text, re.S)
        if not match:
            raise ValueError("the page carries no embedded wallet export")
        text = match.group(1)
    return json.loads(text)


def verify_export(args, report):
    try:
        document = load(args.file)
        given_lists = [load(path) for path in args.status_list]
        schema = load(args.schema)
    except (OSError, ValueError) as error:
        print("wallet export check: cannot read input: %s" % error, file=sys.stderr)
        return 2
    now = parse_date(args.now) if args.now else datetime.now(timezone.utc)
    if now is None:
        print("--now must look like 2026-11-22T10:00:00Z", file=sys.stderr)
        return 2

    if "VerifiablePresentation" in (document.get("type") or []):
        presentation, bundled_lists, trust = document, [], None
    else:
        report.check("export", document.get("type") == "LearnerWalletExport" and document.get("version") == 1,
                     "type %r version %r" % (document.get("type"), document.get("version")))
        presentation = document.get("presentation") or {}
        bundled_lists = [entry.get("credential") or {} for entry in document.get("statusLists") or []]
        trust = (document.get("trustList") or {}).get("credential")

    holder = presentation.get("holder")
    holder = holder.get("id") if isinstance(holder, dict) else holder
    signer, why = verify_proof(presentation, "authentication", args.challenge, args.domain)
    report.check("presentation proof", signer is not None and signer == holder,
                 why or ("signed by the holder %s" % holder if signer == holder else "signed by %s, holder is %s" % (signer, holder)))

    trusted_issuers = None
    if trust is not None:
        trust_signer, why = verify_proof(trust, "assertionMethod")
        chained = trust_signer is not None and args.trust_anchor is not None and trust_signer != args.trust_anchor \
            and follows_successions(args.trust_anchor, trust_signer, (trust.get("credentialSubject") or {}).get("trustAnchorSuccession") or [])
        ok = trust_signer is not None and (args.trust_anchor is None or trust_signer == args.trust_anchor or chained)
        report.check("trust list proof", ok, why or "signed by %s%s" % (trust_signer, "" if args.trust_anchor is None or ok else ", not by the anchor %s" % args.trust_anchor)
                     + (", successor of the anchor through signed hand-overs" if chained else ""))
        if ok:
            # Every key of a body (its current `id` and, after rotations, each entry of `keys`).
            trusted_issuers = {}
            for body in (trust.get("credentialSubject") or {}).get("awardingBodies") or []:
                for key in [body.get("id")] + [k.get("id") for k in body.get("keys") or [] if isinstance(k, dict)]:
                    trusted_issuers[key] = body

    lists = {}
    for candidate in bundled_lists + given_lists:   # a list given on the command line replaces the export's copy
        if isinstance(candidate, dict) and candidate.get("id"):
            lists[candidate["id"]] = candidate

    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema)
    credentials = presentation.get("verifiableCredential") or []
    report.check("presentation credentials", isinstance(credentials, list) and 0 < len(credentials) <= 100,
                 "%d credential(s)" % (len(credentials) if isinstance(credentials, list) else 0))
    for number, credential in enumerate(credentials if isinstance(credentials, list) else [], start=1):
        label = "credential %d" % number
        issuer = issuer_id(credential)
        signer, why = verify_proof(credential, "assertionMethod")
        report.check(label + " proof", signer is not None and signer == issuer,
                     why or ("signed by its issuer %s" % issuer if signer == issuer else "signed by %s, issuer is %s" % (signer, issuer)))
        types = credential.get("type") or []
        types = types if isinstance(types, list) else [types]
        report.check(label + " type", "VerifiableCredential" in types and ("OpenBadgeCredential" in types or "AchievementCredential" in types),
                     ", ".join(map(str, types)))
        errors = sorted(validator.iter_errors(credential), key=lambda e: list(e.absolute_path))
        report.check(label + " OB 3.0 schema", not errors,
                     "valid against %s" % schema.get("$id", "the schema") if not errors
                     else "; ".join("%s: %s" % ("/".join(map(str, e.absolute_path)) or "(root)", e.message) for e in errors[:3]))
        named_ok, named_detail = check_credential_schema(credential, schema)
        report.check(label + " credential schema", named_ok, named_detail)
        missing = check_eu_elements(credential)
        report.check(label + " EU elements", not missing, "all eleven present" if not missing else "missing: " + ", ".join(missing))
        named, detail = check_learner_name(credential)
        report.check(label + " identity verification", named, detail)
        subject = (credential.get("credentialSubject") or {}).get("id")
        report.check(label + " holder is subject", subject == holder, "subject %s, holder %s" % (subject, holder))
        valid_from, valid_until = parse_date(credential.get("validFrom")), credential.get("validUntil")
        dates_ok = valid_from is not None and valid_from <= now and (valid_until is None or (parse_date(valid_until) or now) > now)
        report.check(label + " dates", dates_ok, "validFrom %s, validUntil %s" % (credential.get("validFrom"), valid_until))
        body = None
        if trusted_issuers is not None:
            body = trusted_issuers.get(issuer)
            report.check(label + " issuer on trust list", body is not None,
                         "%s (%s)" % (body.get("name"), body.get("country")) if body else "%s is not listed" % issuer)
            if body is not None and body.get("keys"):
                created = proof_created(credential)
                report.check(label + " issuer key window", key_signs_at(body, issuer, created),
                             "%s signed at %s" % (issuer, created))

        status = credential.get("credentialStatus") or {}
        url = status.get("statusListCredential")
        status_list = lists.get(url)
        if status_list is None:
            report.check(label + " status", False, "no status list for %r" % url)
            continue
        list_signer, why = verify_proof(status_list, "assertionMethod")
        # After a key rotation the body's list is signed by its current key: any key of the
        # same body, inside its window, speaks for it.
        same_body = body is not None and body.get("keys") and key_signs_at(body, list_signer, proof_created(status_list))
        report.check(label + " status list proof", list_signer is not None and (list_signer == issuer or same_body),
                     why or ("signed by the issuer" if list_signer == issuer else "signed by %s, %s the issuer %s" % (list_signer, "another key of" if same_body else "not", issuer)))
        try:
            if status.get("statusPurpose") != "message" or status.get("statusSize") != 2:
                raise ValueError("entry is not statusPurpose message with statusSize 2")
            value = read_status(status_list, int(status.get("statusListIndex")))
        except (ValueError, TypeError, OSError) as error:
            report.check(label + " status", False, str(error))
            continue
        report.check(label + " status", value == 0, "%s (entry %s = %d)" % (STATUS_WORDS[value], status.get("statusListIndex"), value))
    return 1 if report.failed else 0


def verify_vector(directory, report):
    def read(name):
        with open(os.path.join(directory, name), "rb") as handle:
            return handle.read().decode("utf-8").strip()
    try:
        pair = json.loads(read("keyPair.json"))
        unsigned = json.loads(read("unsigned.json"))
        signed = json.loads(read("eddsa-jcs-2022_signedJCS.json"))
        config = json.loads(read("eddsa-jcs-2022_proofConfigJCS.json"))
    except (OSError, ValueError) as error:
        print("cannot read the vector: %s" % error, file=sys.stderr)
        return 2
    did = "did:key:" + pair["publicKeyMultibase"]
    report.check("vector key", len(did_key_public_key(did)) == 32, did)
    report.check("vector canonical document", rfc8785.dumps(unsigned).decode() == read("eddsa-jcs-2022_canonDocJCS.txt"), "JCS of unsigned.json")
    report.check("vector canonical proof config", rfc8785.dumps(config).decode() == read("eddsa-jcs-2022_proofCanonJCS.txt"), "JCS of the proof config")
    combined = hashlib.sha256(rfc8785.dumps(config)).digest() + hashlib.sha256(rfc8785.dumps(unsigned)).digest()
    report.check("vector combined hash", combined.hex() == read("eddsa-jcs-2022_combinedHashJCS.txt"), combined.hex()[:16] + "…")
    proof = signed["proof"][0] if isinstance(signed["proof"], list) else signed["proof"]
    report.check("vector signature", base58_decode(proof["proofValue"][1:]).hex() == read("eddsa-jcs-2022_sigHexJCS.txt"), "proofValue = sigHex")
    signer, why = verify_proof(signed, "assertionMethod")
    report.check("vector proof", signer == did, why or "signed by %s" % signer)
    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"] = dict(tampered.get("credentialSubject") or {}, changed=True)
    report.check("vector tampered", verify_proof(tampered, "assertionMethod")[0] is None, "a changed document does not verify")
    return 1 if report.failed else 0


def main():
    parser = argparse.ArgumentParser(description="Independent eddsa-jcs-2022 / OB 3.0 / status list check of a wallet export.")
    parser.add_argument("file", nargs="?", help="export JSON, bare presentation, or export page")
    parser.add_argument("--challenge")
    parser.add_argument("--domain")
    parser.add_argument("--status-list", action="append", default=[], metavar="FILE")
    parser.add_argument("--trust-anchor", metavar="DID")
    parser.add_argument("--now", metavar="DATETIME")
    parser.add_argument("--schema", default=DEFAULT_SCHEMA)
    parser.add_argument("--vector", metavar="DIR")
    args = parser.parse_args()
    report = Report()
    if args.vector:
        return verify_vector(args.vector, report)
    if not args.file:
        parser.print_usage(sys.stderr)
        return 2
    return verify_export(args, report)


if __name__ == "__main__":
    sys.exit(main())
