"""Fetching an issuer's metadata and JWK Set, for jwtconf's Python adapters.

None of the wrapped libraries does OpenID Connect discovery, so the adapters
do it here, the way their users do: read <issuer>/.well-known/
openid-configuration, check its issuer, take jwks_uri. Libraries that fetch
nothing at all also get their JWK Set from JwksCache. Every fetch trusts only
the run's CA file, is bounded in time and size, and speaks only http(s).
"""

import concurrent.futures
import http.client
import json
import math
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from bearer_server import AdapterError

FETCH_TIMEOUT_SECONDS = 5
MAX_DOCUMENT_BYTES = 512 * 1024  # as the reference's fetcher
READ_CHUNK_BYTES = 64 * 1024
JWKS_LIFESPAN_SECONDS = 300  # as PyJWKClient's default lifespan
REFETCH_COOLDOWN_SECONDS = 30  # as npm jose's createRemoteJWKSet


def issuer_opener(ca_file):
    """An opener for http and https only, with no proxy, whose https trusts
    only ca_file (the system's CAs when the run gives none)."""
    context = ssl.create_default_context(cafile=ca_file or None)
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler({}),
                    urllib.request.HTTPHandler(),
                    urllib.request.HTTPSHandler(context=context),
                    urllib.request.HTTPRedirectHandler(),
                    urllib.request.HTTPDefaultErrorHandler(),
                    urllib.request.HTTPErrorProcessor(),
                    urllib.request.UnknownHandler()):
        opener.add_handler(handler)
    return opener


def use_for_urlopen(opener):
    """Makes urllib.request.urlopen, which libraries call without a context
    or a timeout, use this opener and FETCH_TIMEOUT_SECONDS per socket
    operation (Python's documented global defaults)."""
    urllib.request.install_opener(opener)
    socket.setdefaulttimeout(FETCH_TIMEOUT_SECONDS)


def fetch_text(opener, url, reason):
    """The UTF-8 document at url; AdapterError(reason) when it cannot be had,
    AdapterError("too_large") when it exceeds MAX_DOCUMENT_BYTES (ROB-1)."""
    request = urllib.request.Request(url,
                                     headers={"Accept": "application/json"})
    # ROB-2: a whole-fetch deadline, checked between bounded reads.
    deadline = time.monotonic() + FETCH_TIMEOUT_SECONDS
    body = b""
    try:
        with opener.open(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
            # DISC-7: a redirect to another origin is not taken.
            if origin(response.geturl()) != origin(url):
                raise AdapterError(reason, "redirected to another origin")
            while chunk := response.read(READ_CHUNK_BYTES):
                body += chunk
                if len(body) > MAX_DOCUMENT_BYTES:
                    raise AdapterError("too_large")
                if time.monotonic() > deadline:
                    raise AdapterError(reason, "fetch deadline passed")
        return body.decode("utf-8")
    except (OSError, ValueError, http.client.HTTPException) as error:
        # DISC-5: non-2xx answers (HTTPError), TLS and socket failures, and
        # bodies that are not UTF-8.
        if isinstance(error, urllib.error.HTTPError):
            error.close()
        raise AdapterError(reason, type(error).__name__) from error


def origin(url):
    parts = urlsplit(url)
    return (parts.scheme, parts.netloc.lower())


def fetch_json(opener, url, reason):
    """The JSON document at url, as fetch_text() fetches it."""
    try:
        return json.loads(fetch_text(opener, url, reason))
    except (ValueError, RecursionError) as error:
        raise AdapterError(reason, "not JSON") from error


class SharedAttempt:
    """One call at a time; callers arriving while it runs wait for it and
    share its outcome, a failure included, so a hanging issuer costs the
    requests waiting on it one timeout, not one each (ROB-2)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.running = None

    def run(self, call):
        with self.lock:
            leading = self.running is None
            if leading:
                self.running = concurrent.futures.Future()
            outcome = self.running
        if leading:
            try:
                outcome.set_result(call())
            except Exception as error:
                outcome.set_exception(error)
            finally:
                with self.lock:
                    self.running = None
        return outcome.result()


class IssuerMetadata:
    """The issuer's jwks_uri, discovered on first use; a failure is not
    cached, so the next request tries again."""

    def __init__(self, issuer, opener):
        self.issuer = issuer
        self.opener = opener
        self.attempt = SharedAttempt()
        self.discovered = None

    def jwks_uri(self):
        return self.discovered or self.attempt.run(self.discover)

    def discover(self):
        # DISC-2: one trailing slash removed, then the well-known path.
        base = self.issuer[:-1] if self.issuer.endswith("/") else self.issuer
        metadata = fetch_json(self.opener,
                              f"{base}/.well-known/openid-configuration",
                              "discovery_failed")
        # DISC-3: the metadata names exactly the configured issuer.
        if (not isinstance(metadata, dict)
                or metadata.get("issuer") != self.issuer):
            raise AdapterError("discovery_issuer_mismatch")
        jwks_uri = metadata.get("jwks_uri")
        if not isinstance(jwks_uri, str) or not urlsplit(jwks_uri).netloc:
            raise AdapterError("discovery_failed", "no usable jwks_uri")
        # DISC-4: https only, unless the run itself is plain http.
        if (urlsplit(jwks_uri).scheme != "https"
                and urlsplit(self.issuer).scheme == "https"):
            raise AdapterError("discovery_failed", "jwks_uri is not https")
        self.discovered = jwks_uri
        return jwks_uri


class JwksCache:
    """The JWK Set for libraries that fetch none, as the library's
    parse(text) makes it: kept JWKS_LIFESPAN_SECONDS, refetched when the
    library reports an unknown key, at most once per
    REFETCH_COOLDOWN_SECONDS (JWKS-10)."""

    def __init__(self, metadata, opener, parse):
        self.metadata = metadata
        self.opener = opener
        self.parse = parse
        self.attempt = SharedAttempt()
        self.cached = None  # (keys, time.monotonic() of the fetch)

    def verify(self, decode, names_unknown_key):
        """decode(keys) with the cached keys; when names_unknown_key(error,
        keys) says the failure was an unknown key, once more with a fresh
        set if the cooldown allows a fetch."""
        keys = self.current()
        try:
            return decode(keys)
        except Exception as error:
            if not names_unknown_key(error, keys):
                raise
            fresh = self.refreshed()
            if fresh is None:
                raise
            return decode(fresh)

    def current(self):
        if self.age() >= JWKS_LIFESPAN_SECONDS:
            return self.attempt.run(self.fetch)
        return self.cached[0]

    def refreshed(self):
        """A newly fetched set, or None while the cooldown lasts."""
        if self.age() < REFETCH_COOLDOWN_SECONDS:
            return None
        return self.attempt.run(self.fetch)

    def age(self):
        cached = self.cached
        return math.inf if cached is None else time.monotonic() - cached[1]

    def fetch(self):
        text = fetch_text(self.opener, self.metadata.jwks_uri(),
                          "jwks_fetch_failed")
        # A set the library refuses raises its own error and is not kept.
        keys = self.parse(text)
        self.cached = (keys, time.monotonic())
        return keys
