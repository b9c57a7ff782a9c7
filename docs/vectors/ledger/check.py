#!/usr/bin/env python3
"""Independent check of the Lexecon ledger vectors, written from docs/ledger-format.md alone.

Uses only the Python standard library (the Ed25519 signatures are checked too when the
`cryptography` package is installed). Run from this directory: python3 check.py
"""
import base64
import hashlib
import json
import sys


def jcs(value):
    # RFC 8785 for the values in these vectors: sorted keys, no white space, UTF-8, and
    # numbers that Python's repr already prints the ECMAScript way (integers, 0.1).
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def leaf(entry_hash_hex):
    return hashlib.sha256(b"\x00" + bytes.fromhex(entry_hash_hex)).digest()


def node(left, right):
    return hashlib.sha256(b"\x01" + left + right).digest()


def mth(leaves):
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node(mth(leaves[:k]), mth(leaves[k:]))


def check_export(name):
    lines = open(name, encoding="utf-8").read().splitlines()
    header = json.loads(lines[0])
    previous = "0" * 64
    hashes = []
    for seq, line in enumerate(lines[1:]):
        record = json.loads(line)
        entry = record["entry"]
        digest = hashlib.sha256(jcs(entry)).hexdigest()
        assert digest == record["entry_hash"], (name, seq, "entry_hash")
        assert entry["seq"] == seq and entry["entry_id"] == "entry_%d" % seq, (name, seq)
        assert entry["previous_hash"] == previous, (name, seq, "previous_hash")
        for pointer, field in record.get("side_record", {"fields": {}})["fields"].items():
            node_ = entry
            for token in pointer.split("/")[1:]:
                node_ = node_[token.replace("~1", "/").replace("~0", "~")]
            opened = hashlib.sha256(bytes.fromhex(field["salt"]) + jcs(field["value"])).hexdigest()
            assert node_ == {"commitment": "sha256:" + opened}, (name, seq, pointer)
        if entry["event_type"] == "checkpoint":
            body = entry["payload"]["note"].split("\n\n")[0].split("\n")
            assert int(body[1]) == seq, (name, seq, "checkpoint size")
            assert base64.b64decode(body[2]) == mth([leaf(h) for h in hashes]), (name, seq, "root")
        hashes.append(digest)
        previous = digest
    assert len(hashes) == header["tree_size"], (name, "tree size")
    assert mth([leaf(h) for h in hashes]).hex() == header["root_hash"], (name, "root")
    return hashes


def check_signature(note_text, verifier_key):
    try:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    except ImportError:
        return "skipped (no cryptography package)"
    name, key_hash, key = verifier_key.split("+", 2)
    key = base64.b64decode(key)
    text, signatures = note_text.rsplit("\n\n", 1)
    for line in signatures.strip("\n").split("\n"):
        _, signer, sig = line.split(" ")
        raw = base64.b64decode(sig)
        if signer == name and raw[:4].hex() == key_hash:
            Ed25519PublicKey.from_public_bytes(key[1:]).verify(raw[4:], (text + "\n").encode())
            return "ok"
    raise AssertionError("no signature by " + name)


def main():
    hashes = check_export("ledger.jsonl")
    assert check_export("ledger-erased.jsonl") == hashes, "erasure changed an entry"
    proofs = json.load(open("proofs.json"))
    leaves = [leaf(h) for h in hashes]
    for root in proofs["roots"]:
        assert mth(leaves[: root["tree_size"]]).hex() == root["root_hash"], root
    for p in proofs["inclusion"]:
        assert leaf(p["entry_hash"]).hex() == p["leaf_hash"], p["seq"]
    signer = open("signer.txt").read().splitlines()[2]
    header = json.loads(open("ledger.jsonl", encoding="utf-8").readline())
    print("entries, links, commitments, checkpoints and roots: ok")
    print("export checkpoint signature:", check_signature(header["checkpoint"], signer))
    print("checkpoint.txt signature:", check_signature(open("checkpoint.txt").read(), signer))


if __name__ == "__main__":
    sys.exit(main())
