"""Command line and lifecycle shared by jwtconf's Python adapters.

    server.py --issuer URL --audience AUD --port N [--leeway S]
              [--ca-file PATH] [--host 127.0.0.1] [--duration 3600]
    server.py --version
"""

import argparse
import importlib.metadata
import ipaddress
import platform
import signal
import sys
import threading
from urllib.parse import urlsplit

from bearer_server import LoopbackServer

# JWS-11: the asymmetric algorithms of the profile, for libraries that
# demand an allow-list.
PROFILE_ALGORITHMS = [
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
    "ES256", "ES384", "ES512", "EdDSA",
]


def missing_library(adapter, error, package):
    """Exits 3 (the matrix then reports the adapter as unavailable)."""
    print(f"{adapter} adapter: {error}; apt-get install {package}",
          file=sys.stderr)
    sys.exit(3)


def version_line(distributions):
    """'<dist> <version>[, <dist> <version>...] (python <version>)' for the
    installed distributions named, as `--version` prints it."""
    parts = [f"{name} {importlib.metadata.version(name)}"
             for name in distributions]
    return f"{', '.join(parts)} (python {platform.python_version()})"


def is_loopback(host):
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_options(adapter, version):
    parser = argparse.ArgumentParser(
        prog=f"{adapter} adapter",
        description="jwtconf adapter: a loopback RFC 6750 resource server")
    parser.add_argument("--version", action="version", version=version)
    parser.add_argument("--issuer", required=True)
    parser.add_argument("--audience", required=True)
    parser.add_argument("--port", required=True, type=int)
    parser.add_argument("--leeway", type=int, default=60)
    # Empty (or given without a value) when the run serves plain http.
    parser.add_argument("--ca-file", nargs="?", default="", const="")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--duration", type=float, default=3600)
    options = parser.parse_args()

    if not 0 <= options.port <= 65535:
        parser.error("bad --port")
    if options.leeway < 0:
        parser.error("bad --leeway")
    if not 0 < options.duration <= 7 * 24 * 3600:
        parser.error("bad --duration")
    if not is_loopback(options.host):
        parser.error(f"refusing non-loopback --host {options.host}")
    issuer = urlsplit(options.issuer)
    if issuer.scheme not in ("http", "https") or not issuer.netloc:
        parser.error(f"--issuer is not an http(s) URL: {options.issuer}")
    return options


def serve(options, verify):
    """Serves verify(token) until SIGTERM/SIGINT or --duration has passed."""
    try:
        server = LoopbackServer(options.host, options.port, verify)
    except OSError as error:
        sys.exit(f"cannot listen on {options.host}:{options.port}: {error}")

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    threading.Thread(target=server.serve_forever, daemon=True).start()

    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in host else host
    print(f"listening on http://{shown}:{port}", flush=True)
    stop.wait(options.duration)
    server.shutdown()
    server.server_close()
