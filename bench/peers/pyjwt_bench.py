"""Tokens/s of PyJWT (Debian python3-jwt) on the benchmark's fixtures.

One JSON line per algorithm. The key is loaded once into a cryptography key
object, as a server holding its issuer's keys would; all claims are checked.
Run with Debian's /usr/bin/python3:

    /usr/bin/python3 pyjwt_bench.py FIXTURES_DIR [--warmup-s 1] [--measure-s 2]
"""
import argparse
import json
import pathlib
import time

import jwt
from cryptography.hazmat.primitives.serialization import load_pem_public_key


def rate(verify, warmup_s, measure_s):
    """Verifications per CPU second (like the C++ benchmark), measured for
    measure_s of wall time after warmup_s of warm-up."""
    stop = time.perf_counter() + warmup_s
    while time.perf_counter() < stop:
        verify()
    count = 0
    start = time.perf_counter()
    start_cpu = time.process_time()
    while time.perf_counter() - start < measure_s:
        for _ in range(16):
            verify()
        count += 16
    return count / (time.process_time() - start_cpu)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("fixtures_dir", type=pathlib.Path)
    parser.add_argument("--warmup-s", type=float, default=1.0)
    parser.add_argument("--measure-s", type=float, default=2.0)
    args = parser.parse_args()
    fixtures = json.loads((args.fixtures_dir / "fixtures.json").read_text())

    for t in fixtures["tokens"]:
        line = {"impl": "PyJWT", "alg": t["alg"]}
        key = load_pem_public_key(t["public_pem"].encode())

        def verify(t=t, key=key):
            jwt.decode(
                t["token"],
                key,
                algorithms=[t["alg"]],
                audience=fixtures["audience"],
                issuer=fixtures["issuer"],
                options={"require": ["iss", "sub", "aud", "exp"]},
            )

        try:
            verify()  # must verify before it is timed
            line["tokens_per_s"] = rate(verify, args.warmup_s, args.measure_s)
        except Exception as error:  # reported as n/a with the reason
            line["error"] = str(error)
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
