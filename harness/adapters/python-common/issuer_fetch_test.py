"""Tests of discovery, bounded fetches and the JWK Set cache, against a
plain-http issuer on a loopback port.

    /usr/bin/python3 -I -B -m unittest discover \
        -s harness/adapters/python-common -p '*_test.py'
"""

import json
import threading
import time
import unittest
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bearer_server import AdapterError
from issuer_fetch import (MAX_DOCUMENT_BYTES, IssuerMetadata, JwksCache,
                          issuer_opener)


class FakeIssuer(BaseHTTPRequestHandler):
    """Answers path -> (status, body) from the server's `documents`."""

    def do_GET(self):
        self.server.requests.append(self.path)
        time.sleep(self.server.delay)
        status, body = self.server.documents.get(self.path, (404, b"{}"))
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        """Quiet."""


class IssuerTestCase(unittest.TestCase):
    def setUp(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), FakeIssuer)
        self.server.documents = {}
        self.server.requests = []
        self.server.delay = 0
        self.server.timeout = 5
        threading.Thread(target=self.server.serve_forever, args=(0.05,),
                         daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.issuer = f"{self.base}/tenant"
        self.metadata = IssuerMetadata(self.issuer, issuer_opener(""))

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def publish(self, path, document, status=200):
        body = (document if isinstance(document, bytes)
                else json.dumps(document).encode())
        self.server.documents[path] = (status, body)

    def publish_metadata(self, **members):
        self.publish("/tenant/.well-known/openid-configuration",
                     {"issuer": self.issuer, "jwks_uri": f"{self.base}/jwks",
                      **members})

    def assertReason(self, reason, call):
        with self.assertRaises(AdapterError) as raised:
            call()
        self.assertEqual(raised.exception.reason, reason)


class IssuerMetadataTest(IssuerTestCase):
    def test_jwks_uri_comes_from_metadata(self):
        self.publish_metadata()
        self.assertEqual(self.metadata.jwks_uri(), f"{self.base}/jwks")

    def test_trailing_slash_of_issuer_is_removed(self):
        self.issuer += "/"
        self.metadata = IssuerMetadata(self.issuer, issuer_opener(""))
        self.publish_metadata()
        self.assertEqual(self.metadata.jwks_uri(), f"{self.base}/jwks")

    def test_other_issuer_in_metadata_is_refused(self):
        self.publish_metadata(issuer=f"{self.issuer}/other")
        self.assertReason("discovery_issuer_mismatch", self.metadata.jwks_uri)

    def test_non_200_answer_fails_discovery(self):
        self.publish("/tenant/.well-known/openid-configuration", {}, 500)
        self.assertReason("discovery_failed", self.metadata.jwks_uri)

    def test_non_json_body_fails_discovery(self):
        self.publish("/tenant/.well-known/openid-configuration", b"<html>")
        self.assertReason("discovery_failed", self.metadata.jwks_uri)

    def test_oversized_metadata_is_too_large(self):
        self.publish("/tenant/.well-known/openid-configuration",
                     b" " * (MAX_DOCUMENT_BYTES + 1))
        self.assertReason("too_large", self.metadata.jwks_uri)

    def test_missing_jwks_uri_fails_discovery(self):
        self.publish_metadata(jwks_uri=None)
        self.assertReason("discovery_failed", self.metadata.jwks_uri)

    def test_failure_is_not_cached(self):
        self.assertReason("discovery_failed", self.metadata.jwks_uri)
        self.publish_metadata()
        self.assertEqual(self.metadata.jwks_uri(), f"{self.base}/jwks")


class JwksCacheTest(IssuerTestCase):
    def setUp(self):
        super().setUp()
        self.publish_metadata()
        self.publish("/jwks", {"keys": [{"kid": "one"}]})
        self.cache = JwksCache(self.metadata, issuer_opener(""), json.loads)

    def jwks_fetches(self):
        return self.server.requests.count("/jwks")

    def test_set_is_fetched_once_and_kept(self):
        self.assertEqual(self.cache.current(), {"keys": [{"kid": "one"}]})
        self.cache.current()
        self.assertEqual(self.jwks_fetches(), 1)

    def test_unknown_key_within_cooldown_is_not_refetched(self):
        def decode(keys):
            raise KeyError("kid")

        with self.assertRaises(KeyError):
            self.cache.verify(decode, lambda error, keys: True)
        self.assertEqual(self.jwks_fetches(), 1)

    def age_cache(self, seconds):
        keys, fetched_at = self.cache.cached
        self.cache.cached = (keys, fetched_at - seconds)

    def test_other_failures_do_not_refetch(self):
        self.cache.current()
        self.age_cache(60)

        def decode(keys):
            raise ValueError("bad signature")

        with self.assertRaises(ValueError):
            self.cache.verify(decode, lambda error, keys: False)
        self.assertEqual(self.jwks_fetches(), 1)

    def test_expired_set_is_refetched(self):
        self.cache.current()
        self.age_cache(3600)
        self.cache.current()
        self.assertEqual(self.jwks_fetches(), 2)

    def test_unknown_key_after_cooldown_retries_with_fresh_set(self):
        self.cache.current()
        self.publish("/jwks", {"keys": [{"kid": "two"}]})
        self.age_cache(60)

        def decode(keys):
            if keys["keys"][0]["kid"] != "two":
                raise KeyError("kid")
            return "verified"

        self.assertEqual(self.cache.verify(decode, lambda error, keys: True),
                         "verified")
        self.assertEqual(self.jwks_fetches(), 2)

    def test_concurrent_callers_share_one_fetch(self):
        self.server.delay = 0.3
        results = []
        callers = [threading.Thread(
            target=lambda: results.append(self.cache.current()))
            for _ in range(4)]
        for caller in callers:
            caller.start()
        for caller in callers:
            caller.join(10)
        self.assertEqual(len(results), 4)
        self.assertEqual(self.jwks_fetches(), 1)

    def test_set_the_library_refuses_is_not_kept(self):
        self.publish("/jwks", b"not json")
        with self.assertRaises(ValueError):
            self.cache.current()
        self.publish("/jwks", {"keys": []})
        self.assertEqual(self.cache.current(), {"keys": []})


if __name__ == "__main__":
    unittest.main()
