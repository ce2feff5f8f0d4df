"""jwtconf adapter: an RFC 6750 resource server that verifies bearer JWTs
with Authlib (Debian python3-authlib) the way its documentation shows:
authlib.jose.jwt.decode with a JsonWebKey.import_key_set key set and
claims_options for iss and aud, then claims.validate(leeway=...). Authlib's
JOSE module fetches nothing, so the adapter discovers jwks_uri and fetches and
caches the JWK Set itself (../python-common).

    /usr/bin/python3 -I -B server.py --issuer URL --audience AUD --port PORT
        [--leeway 60] [--ca-file PATH] [--host 127.0.0.1] [--duration 3600]
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                os.pardir, "python-common"))

from adapter_cli import missing_library, parse_options, serve, version_line
from issuer_fetch import IssuerMetadata, JwksCache, issuer_opener

try:
    from authlib.jose import JsonWebKey, jwt
except ImportError as error:
    missing_library("authlib", error, "python3-authlib")

# What KeySet.find_by_kid raises for a kid the set lacks (Authlib 1.2).
UNKNOWN_KID_MESSAGE = "Invalid JSON Web Key Set"


def names_unknown_kid(error, _keys):
    return isinstance(error, ValueError) and str(error) == UNKNOWN_KID_MESSAGE


class AuthlibVerifier:
    def __init__(self, options):
        opener = issuer_opener(options.ca_file)
        self.keys = JwksCache(IssuerMetadata(options.issuer, opener), opener,
                              JsonWebKey.import_key_set)
        self.claims_options = {
            "iss": {"essential": True, "value": options.issuer},
            "aud": {"essential": True, "value": options.audience},
        }
        self.leeway = options.leeway

    def decode(self, token, keys):
        # The shared `jwt` instance: Authlib's default algorithm list.
        claims = jwt.decode(token, keys, claims_options=self.claims_options)
        claims.validate(leeway=self.leeway)
        return claims

    def verify(self, token):
        return self.keys.verify(lambda keys: self.decode(token, keys),
                                names_unknown_kid)


def main():
    options = parse_options("authlib",
                            version_line(["Authlib", "cryptography"]))
    serve(options, AuthlibVerifier(options).verify)


if __name__ == "__main__":
    main()
