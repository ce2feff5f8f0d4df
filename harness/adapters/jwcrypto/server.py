"""jwtconf adapter: an RFC 6750 resource server that verifies bearer JWTs
with jwcrypto (Debian python3-jwcrypto) the way its documentation shows:
jwt.JWT with check_claims, deserialized against a jwk.JWKSet. jwcrypto
fetches nothing, so the adapter discovers jwks_uri and fetches and caches the
JWK Set itself (../python-common).

    /usr/bin/python3 -I -B server.py --issuer URL --audience AUD --port PORT
        [--leeway 60] [--ca-file PATH] [--host 127.0.0.1] [--duration 3600]
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                os.pardir, "python-common"))

from adapter_cli import missing_library, parse_options, serve, version_line
from issuer_fetch import IssuerMetadata, JwksCache, issuer_opener

try:
    from jwcrypto import jwk, jwt
except ImportError as error:
    missing_library("jwcrypto", error, "python3-jwcrypto")


class JwcryptoVerifier:
    def __init__(self, options):
        opener = issuer_opener(options.ca_file)
        self.keys = JwksCache(IssuerMetadata(options.issuer, opener), opener,
                              jwk.JWKSet.from_json)
        # With check_claims given, jwcrypto 1.1 checks exp only when it is
        # listed (its docstring), so exp is listed as every user must.
        self.check_claims = {"iss": options.issuer, "aud": options.audience,
                             "exp": None}
        self.leeway = options.leeway

    def decode(self, token, keys):
        # The two-step form, since leeway is a property set before
        # deserialize(); algorithms are left at jwcrypto's defaults.
        verified = jwt.JWT(check_claims=self.check_claims)
        verified.leeway = self.leeway
        verified.deserialize(token, key=keys)
        return json.loads(verified.claims)

    def verify(self, token):
        return self.keys.verify(
            lambda keys: self.decode(token, keys),
            lambda error, _keys: isinstance(error, jwt.JWTMissingKey))


def main():
    options = parse_options("jwcrypto",
                            version_line(["jwcrypto", "cryptography"]))
    serve(options, JwcryptoVerifier(options).verify)


if __name__ == "__main__":
    main()
