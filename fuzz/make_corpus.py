#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, derived from the test vectors.

Reads a `jwtconf vectors export` file (tokens and JWK Sets, keys fresh per
export) and the vector YAML (discovery responses), and writes one folder per
fuzz target under OUT, one file per distinct seed, plus OUT/verify_token.jwks.json:
the JWK Set that signed the export's main group, for the verify_token target.

usage: make_corpus.py --export EXPORT.json --vectors VECTORS_DIR --out OUT
"""
import argparse
import base64
import binascii
import hashlib
import json
import pathlib
import sys

import yaml

# The issuer the fuzz targets configure (fuzz/*_fuzzer.cc).
FUZZ_ISSUER = "https://issuer.jwtconf.test/suite"
PLACEHOLDERS = {
    "${issuer}": FUZZ_ISSUER,
    "${jwks_uri}": FUZZ_ISSUER + "/jwks",
    "${origin}": "https://issuer.jwtconf.test",
    "${other_origin}": "https://other.jwtconf.test",
    "${issuer_path}": "/suite",
}


class Corpus:
    """One folder per target; file names are content hashes, so reruns and
    duplicates collapse."""

    def __init__(self, out):
        self.out = pathlib.Path(out)
        self.counts = {}

    def add(self, target, data):
        if isinstance(data, str):
            data = data.encode()
        folder = self.out / target
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / hashlib.sha1(data).hexdigest()
        if not path.exists():
            path.write_bytes(data)
            self.counts[target] = self.counts.get(target, 0) + 1


def b64url_decode(part):
    try:
        return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (binascii.Error, ValueError):
        return None


def add_token(corpus, token):
    corpus.add("compact_jws", token)
    corpus.add("verify_token", token)
    parts = token.split(".")
    for part in parts:
        corpus.add("base64url", part)
    if len(parts) >= 2:
        payload = b64url_decode(parts[1])
        if payload is not None:
            corpus.add("claims", payload)


def add_export(corpus, export):
    for group in export["testGroups"]:
        jwks = group["jwks"]
        corpus.add("jwk_set", json.dumps(jwks))
        for key in jwks.get("keys", []):
            corpus.add("jwk_set", json.dumps(key))
        for test in group["tests"]:
            if isinstance(test.get("token"), str):
                add_token(corpus, test["token"])


def substitute(value):
    if isinstance(value, str):
        for name, text in PLACEHOLDERS.items():
            value = value.replace(name, text)
        return value
    if isinstance(value, list):
        return [substitute(v) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v) for k, v in value.items()}
    return value


def metadata_seed(discovery):
    """Content-Type line, Cache-Control line, body (discovery_fuzzer.cc)."""
    discovery = substitute(discovery or {})
    document = {
        "issuer": FUZZ_ISSUER,
        "jwks_uri": FUZZ_ISSUER + "/jwks",
        "id_token_signing_alg_values_supported": ["RS256", "ES256"],
    }
    document.update(discovery.get("set", {}))
    for member in discovery.get("remove", []):
        document.pop(member, None)
    body = discovery.get("body", json.dumps(document))
    content_type = discovery.get("content_type", "application/json")
    cache_control = discovery.get("headers", {}).get("Cache-Control", "")
    return f"{content_type}\n{cache_control}\n{body}"


def add_discovery(corpus, vectors_dir):
    corpus.add("discovery", metadata_seed({}))
    for path in sorted(pathlib.Path(vectors_dir).rglob("*.yaml")):
        document = yaml.safe_load(path.read_text())
        if not isinstance(document, dict):
            continue
        for vector in document.get("vectors") or []:
            issuer = vector.get("issuer") or {}
            for key in ("discovery", "oauth_metadata"):
                if isinstance(issuer.get(key), dict):
                    corpus.add("discovery", metadata_seed(issuer[key]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--export", required=True)
    parser.add_argument("--vectors", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    export = json.loads(pathlib.Path(args.export).read_text())
    corpus = Corpus(args.out)
    add_export(corpus, export)
    add_discovery(corpus, args.vectors)

    suite = next(
        (g for g in export["testGroups"] if g["issuer"] == FUZZ_ISSUER), None)
    if suite is None:
        print(f"make_corpus.py: no test group for {FUZZ_ISSUER} in the export",
              file=sys.stderr)
        return 1
    (pathlib.Path(args.out) / "verify_token.jwks.json").write_text(
        json.dumps(suite["jwks"]))

    for target, count in sorted(corpus.counts.items()):
        print(f"corpus {target}: {count} new seeds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
