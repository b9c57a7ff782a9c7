#!/usr/bin/env python3
"""Independent check of the token and decision-signature vectors, outside the JVM.

Needs Python 3.9+ and the `cryptography` package. Run from the repository root:

    python3 docs/vectors/check_token_vectors.py

The canonical JSON here is json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False),
which equals RFC 8785 for these vectors (BMP member names, numbers Python prints like ECMAScript).
It is not a general JCS implementation.
"""
import base64
import hashlib
import hmac
import json
import sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key


def b64d(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))


def b64e(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def canon(o):
    return json.dumps(o, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def main():
    doc = json.load(open("docs/vectors/tokens/capability-tokens.json", encoding="utf-8"))
    for v in doc["vectors"]:
        e, k = v["expected"], v["key"]
        h, p, s = e["token"][len("cap_"):].split(".")
        assert e["token"].startswith("cap_")
        assert b64d(h).decode() == e["header_json"] == canon(json.loads(e["header_json"]))
        assert b64d(p).decode() == e["payload_json"] == canon(json.loads(e["payload_json"]))
        assert h + "." + p == e["signing_input"]
        sig = b64d(s)
        assert sig.hex() == e["signature_hex"] and b64e(sig) == s
        data = e["signing_input"].encode("ascii")
        if k["alg"] == "EdDSA":
            sk = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(k["ed25519_seed_hex"]))
            assert sk.sign(data) == sig
            x = b64e(sk.public_key().public_bytes_raw())
            thumb = b64e(hashlib.sha256(canon({"crv": "Ed25519", "kty": "OKP", "x": x}).encode()).digest())
            assert thumb == e["kid"]  # RFC 7638
        else:
            assert hmac.new(bytes.fromhex(k["hmac_secret_hex"]), data, hashlib.sha256).digest() == sig
        c = canon(v["request"]["arguments"])
        assert c == e["arguments_canonical_json"]
        assert hashlib.sha256(c.encode()).hexdigest() == e["arguments_digest"] == json.loads(e["payload_json"])["arg"]
        print("ok token", v["name"])
    for v in json.load(open("docs/vectors/tokens/arguments-digest.json", encoding="utf-8"))["vectors"]:
        assert hashlib.sha256(v["canonical_json"].encode()).hexdigest() == v["digest"]
        print("ok digest", v["name"])
    for v in json.load(open("docs/vectors/decision-signatures/ed25519.json", encoding="utf-8"))["vectors"]:
        e = v["expected"]
        assert canon(v["decision"]) == e["canonical_json"]
        pem = e["public_key_pem"].encode()
        load_pem_public_key(pem).verify(b64d(e["signature"]["sig"]), e["canonical_json"].encode())
        der = base64.b64decode("".join(e["public_key_pem"].splitlines()[1:-1]))
        assert hashlib.sha256(der).hexdigest() == e["public_key_fingerprint"]
        print("ok decision signature", v["name"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
