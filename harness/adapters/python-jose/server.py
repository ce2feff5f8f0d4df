"""jwtconf adapter: an RFC 6750 resource server that verifies bearer JWTs
with python-jose (Debian python3-jose) the way its documentation shows:
jose.jwt.decode(token, jwks, algorithms=..., audience=..., issuer=...) with
the JWK Set as a dict. python-jose fetches nothing, so the adapter discovers
jwks_uri and fetches and caches the JWK Set itself (../python-common).

    /usr/bin/python3 -I -B server.py --issuer URL --audience AUD --port PORT
        [--leeway 60] [--ca-file PATH] [--host 127.0.0.1] [--duration 3600]
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                os.pardir, "python-common"))

from adapter_cli import (PROFILE_ALGORITHMS, missing_library,
                         parse_options, serve, version_line)
from issuer_fetch import IssuerMetadata, JwksCache, issuer_opener

try:
    from jose import JWTError, jwt
except ImportError as error:
    missing_library("python-jose", error, "python3-jose")


def names_unknown_kid(token):
    """Whether the token's kid is missing from the set: python-jose tries
    every key and reports only that no signature matched."""

    def check(error, keys):
        if not isinstance(error, JWTError):
            return False
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except JWTError:
            return False
        listed = keys.get("keys") if isinstance(keys, dict) else None
        return isinstance(listed, list) and not any(
            isinstance(key, dict) and key.get("kid") == kid for key in listed)

    return check


class PythonJoseVerifier:
    def __init__(self, options):
        opener = issuer_opener(options.ca_file)
        # The JWK Set as a dict, as python-jose takes it.
        self.keys = JwksCache(IssuerMetadata(options.issuer, opener), opener,
                              json.loads)
        self.options = options

    def decode(self, token, keys):
        # algorithms: python-jose allows any algorithm without it.
        return jwt.decode(token, keys, algorithms=PROFILE_ALGORITHMS,
                          audience=self.options.audience,
                          issuer=self.options.issuer,
                          options={"leeway": self.options.leeway})

    def verify(self, token):
        return self.keys.verify(lambda keys: self.decode(token, keys),
                                names_unknown_kid(token))


def main():
    options = parse_options("python-jose",
                            version_line(["python-jose", "cryptography"]))
    serve(options, PythonJoseVerifier(options).verify)


if __name__ == "__main__":
    main()
