"""The RFC 6750 resource server shared by jwtconf's Python adapters.

An adapter hands serve() a verify(token) callable that returns the verified
claims or raises. Everything HTTP is here, once: where the token is carried
(the node-jose adapter's classify() is the behaviour mirrored), the 400/401
answers with their challenges, bounded requests and a bounded thread pool.
HTTP-* results of a Python adapter therefore measure this module, not the
library it wraps.
"""

import json
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

MAX_BODY_BYTES = 64 * 1024
SOCKET_TIMEOUT_SECONDS = 10
MAX_CONNECTIONS = 32

# RFC 6750 §2.1: b64token after "Bearer" and one or more spaces.
BEARER = re.compile(r"bearer +([A-Za-z0-9\-._~+/]+=*)", re.IGNORECASE)


class AdapterError(Exception):
    """A failure of adapter code (not of the library), with a reason code
    from the requirements catalogue."""

    def __init__(self, reason, detail=""):
        super().__init__(detail or reason)
        self.reason = reason


def reason_of(error):
    """The reason a refusal reports: the adapter's code, else the class name
    of the library's exception (never its message, which may quote input)."""
    if isinstance(error, AdapterError):
        return error.reason
    return type(error).__name__


def has_access_token(text):
    return "access_token" in parse_qs(text, keep_blank_values=True)


def classify(authorization, target, content_type, body):
    """Where the request carries a token (RFC 6750 §2).

    Returns ("invalid_request", None), ("missing", None) or ("token", token).
    authorization is the list of Authorization header values.
    """
    query = has_access_token(urlsplit(target).query)
    form = content_type.lower().startswith(
        "application/x-www-form-urlencoded") and has_access_token(body)

    value = authorization[0] if authorization else None
    # HTTP-4: more than one Authorization header, an empty one, or a token in
    # both the query and the body.
    if len(authorization) > 1 or value == "" or (query and form):
        return "invalid_request", None
    # HTTP-2, HTTP-5: no bearer header (a query or body token alone is not
    # accepted); the scheme matches case-insensitively (HTTP-1).
    scheme = "" if value is None else re.split(r"[ \t]", value, maxsplit=1)[0]
    if scheme.lower() != "bearer":
        return "missing", None
    # HTTP-4: a bearer header together with another method, or malformed.
    if query or form:
        return "invalid_request", None
    match = BEARER.fullmatch(value)
    if not match:
        return "invalid_request", None
    return "token", match.group(1)


class BearerHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = SOCKET_TIMEOUT_SECONDS

    def version_string(self):
        return "jwtconf-python-adapter"

    def do_GET(self):
        self.handle_bearer_request()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    def log_message(self, format, *args):
        """One line per request would be noise in the harness's log."""

    def handle_bearer_request(self):
        body = self.read_body()
        if body is None:
            return
        # RFC 9110 §5.5: surrounding whitespace is not part of the value.
        values = self.headers.get_all("Authorization", [])
        authorization = [value.strip(" \t") for value in values]
        kind, token = classify(authorization, self.path,
                               self.headers.get("Content-Type", ""), body)
        if kind == "invalid_request":
            self.answer(400, "invalid_request", "invalid_request",
                        'Bearer error="invalid_request"')
            return
        if kind == "missing":
            self.answer(401, "missing_credentials", "missing_credentials",
                        "Bearer")
            return

        try:
            claims = self.server.verify(token)
        except Exception as error:  # every refusal of the library is a 401
            # HTTP-3, HTTP-8: the reason only, never the token or a message.
            self.answer(401, "invalid_token", reason_of(error),
                        'Bearer error="invalid_token"')
            return
        subject = claims.get("sub") if isinstance(claims, dict) else None
        self.send_json(200, {"sub": subject if isinstance(subject, str)
                             else None})

    def read_body(self):
        """The request body as text, or None after answering a bad one."""
        if "Transfer-Encoding" in self.headers:
            # Chunked bodies are not needed by any client of this server.
            self.close_connection = True
            self.answer(400, "invalid_request", "invalid_request",
                        'Bearer error="invalid_request"')
            return None
        length = self.headers.get("Content-Length", "0")
        if not length.isdigit():
            self.close_connection = True
            self.answer(400, "invalid_request", "invalid_request",
                        'Bearer error="invalid_request"')
            return None
        if int(length) > MAX_BODY_BYTES:
            # ROB-1: refused before reading it.
            self.close_connection = True
            self.send_json(413, {"error": "too_large", "reason": "too_large"})
            return None
        return self.rfile.read(int(length)).decode("latin-1")

    def answer(self, status, error, reason, challenge):
        self.send_json(status, {"error": error, "reason": reason}, challenge)

    def send_json(self, status, body, challenge=None):
        text = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(text)))
        self.send_header("Cache-Control", "no-store")
        if challenge:
            self.send_header("WWW-Authenticate", challenge)
        self.end_headers()
        self.wfile.write(text)


class LoopbackServer(ThreadingHTTPServer):
    """A thread per connection, at most MAX_CONNECTIONS at once."""

    daemon_threads = True

    def __init__(self, host, port, verify):
        if ":" in host:
            self.address_family = socket.AF_INET6
        self.verify = verify
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__((host, port), BearerHandler)

    def process_request(self, request, client_address):
        # Blocks accepting more connections while every slot is busy.
        self.slots.acquire()
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()
