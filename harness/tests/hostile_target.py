#!/usr/bin/python3
"""A deliberately broken resource server, for testing that `jwtconf run`
survives the implementations it tests.

Usage: hostile_target.py MODE --port PORT [--lifetime SECONDS]

Modes (every answer that is given is a 401 refusal, so reject vectors pass):
  hang            reads each request and never answers
  close           reads each request and closes the connection
  garbage         answers bytes that are not an HTTP response
  non-http        answers an SSH banner, as another protocol would
  drip            answers a valid 401 one byte every 200 ms
  die-after=N     answers N requests, then exits (status 3) on reading the
                  next one, without answering it
  crash-on-first  is killed by SIGKILL on reading its first request
  never-listen    runs without ever listening
  good-then-die   stops listening, answers its first request and exits
                  (status 0): the next request finds the port closed

Listens on 127.0.0.1 only, bounds each request, and exits by itself after
--lifetime seconds. Prints one line per start, for tests counting launches.
"""

import argparse
import os
import signal
import socket
import sys
import threading
import time

REFUSAL = (b"HTTP/1.1 401 Unauthorized\r\n"
           b"WWW-Authenticate: Bearer error=\"invalid_token\"\r\n"
           b"Content-Length: 0\r\nConnection: close\r\n\r\n")
MAX_REQUEST = 64 * 1024
READ_TIMEOUT_S = 5


def read_request(conn):
    """The request head and body, or None when the peer sent none (the
    harness's port probe connects and closes)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(4096)
        if not chunk or len(data) > MAX_REQUEST:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = min(int(value.strip() or 0), MAX_REQUEST)
    while len(body) < length:
        chunk = conn.recv(4096)
        if not chunk:
            break
        body += chunk
    return data


class Target:
    def __init__(self, mode, server):
        self.server = server
        self.mode, _, count = mode.partition("=")
        self.die_after = int(count) if count else 0
        self.served = 0
        self.lock = threading.Lock()
        self.held = []  # connections of `hang`, kept open until exit

    def handle(self, conn):
        conn.settimeout(READ_TIMEOUT_S)
        try:
            if read_request(conn) is None:
                conn.close()
                return
            with self.lock:
                self.served += 1
                number = self.served
            self.answer(conn, number)
        except OSError:
            conn.close()

    def answer(self, conn, number):
        mode = self.mode
        if mode == "hang":
            self.held.append(conn)
            return
        if mode == "close":
            conn.close()
        elif mode == "garbage":
            conn.sendall(b"\x00\xff\xfe garbage \x01\x02\r\n\r\n")
            conn.close()
        elif mode == "non-http":
            conn.sendall(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
            conn.close()
        elif mode == "drip":
            for byte in REFUSAL:
                conn.sendall(bytes([byte]))
                time.sleep(0.2)
            conn.close()
        elif mode == "die-after":
            if number > self.die_after:
                os._exit(3)
            conn.sendall(REFUSAL)
            conn.close()
        elif mode == "crash-on-first":
            os.kill(os.getpid(), signal.SIGKILL)
        elif mode == "good-then-die":
            # Refuse new connections before answering, so no later request
            # can be accepted by a process on its way out.
            self.server.shutdown(socket.SHUT_RDWR)
            conn.sendall(REFUSAL)
            conn.close()
            os._exit(0)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--lifetime", type=float, default=60)
    args = parser.parse_args()
    modes = ("hang", "close", "garbage", "non-http", "drip", "die-after",
             "crash-on-first", "never-listen", "good-then-die")
    if args.mode.partition("=")[0] not in modes:
        parser.error("unknown mode " + args.mode)
    print("hostile_target: start mode=%s port=%d pid=%d pgid=%d"
          % (args.mode, args.port, os.getpid(), os.getpgid(0)), flush=True)
    # Never outlive the test, whatever happens to the harness.
    threading.Timer(args.lifetime, lambda: os._exit(0)).start()
    if args.mode == "never-listen":
        time.sleep(args.lifetime)
        return
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", args.port))
    server.listen(16)
    target = Target(args.mode, server)
    while True:
        try:
            conn, _ = server.accept()
        except OSError:  # shut down by good-then-die, which exits next
            time.sleep(args.lifetime)
            return
        threading.Thread(target=target.handle, args=(conn,),
                         daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
