"""jwtconf adapter: an RFC 6750 resource server that verifies bearer JWTs
with PyJWT (Debian python3-jwt) the way its documentation shows: PyJWKClient
on jwks_uri, get_signing_key_from_jwt, then jwt.decode. PyJWT does no
discovery, so the adapter finds jwks_uri itself (../python-common).

    /usr/bin/python3 -I -B server.py --issuer URL --audience AUD --port PORT
        [--leeway 60] [--ca-file PATH] [--host 127.0.0.1] [--duration 3600]
"""

import os
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                os.pardir, "python-common"))

from adapter_cli import (PROFILE_ALGORITHMS, missing_library,
                         parse_options, serve, version_line)
from issuer_fetch import IssuerMetadata, issuer_opener, use_for_urlopen

try:
    import jwt
except ImportError as error:
    missing_library("pyjwt", error, "python3-jwt")


class PyJwtVerifier:
    def __init__(self, options):
        opener = issuer_opener(options.ca_file)
        # PyJWT 2.6's PyJWKClient fetches with plain urlopen() and takes no
        # SSL context or timeout; these are Python's own defaults for it.
        use_for_urlopen(opener)
        self.metadata = IssuerMetadata(options.issuer, opener)
        self.options = options
        self.lock = threading.Lock()
        self.jwks_client = None

    def client(self):
        jwks_uri = self.metadata.jwks_uri()
        with self.lock:
            if self.jwks_client is None:
                # PyJWT's defaults: the JWK Set cached 300 s, refetched on
                # an unknown kid.
                self.jwks_client = jwt.PyJWKClient(jwks_uri)
            return self.jwks_client

    def verify(self, token):
        signing_key = self.client().get_signing_key_from_jwt(token)
        # PyJWT demands the allowed algorithms.
        return jwt.decode(token, signing_key.key,
                          algorithms=PROFILE_ALGORITHMS,
                          audience=self.options.audience,
                          issuer=self.options.issuer,
                          leeway=self.options.leeway)


def main():
    options = parse_options("pyjwt", version_line(["PyJWT", "cryptography"]))
    serve(options, PyJwtVerifier(options).verify)


if __name__ == "__main__":
    main()
