#!/usr/bin/env python3
"""A faulty HTTP link on loopback, between walletd and repositoryd.

Per request, with probability `rate`, one fault drawn uniformly from the enabled kinds:
  drop-request   read the request, close without forwarding it
  drop-answer    forward it, let the repository answer, close without answering
  truncate       forward it, send the answer cut at a random byte, close
  delay          wait (up to --max-delay seconds), then forward normally
  reset          forward it (or not), then close with a TCP reset (SO_LINGER 0)
  status         answer 500/502/503/504/429, before or after forwarding
  garbage        answer junk (a 200 with a body that is not JSON, or bytes that are not HTTP),
                 before or after forwarding
  duplicate      send the request to the repository twice, answer with one of the answers
"before or after forwarding" matters: after it, the repository did the work and the PC is told
it did not, which is what retries and idempotent batches must absorb.

Every connection to the repository carries one request (`Connection: close`), and every answer to
walletd says `Connection: close`, so a fault never leaks into the next request.

  python3 scripts/resilience/faulty_proxy.py --upstream 127.0.0.1:8443 --port 0 --rate 0.3
(prints "faulty proxy ready port=N"; SIGTERM or Ctrl-C stops it and prints the counts)
"""
import argparse
import random
import signal
import socket
import struct
import sys
import threading
import time

KINDS = ["drop-request", "drop-answer", "truncate", "delay", "reset", "status", "garbage", "duplicate"]


def read_http_message(sock, is_response=False, limit=256 << 20):
    """Reads one HTTP/1.1 message (head + Content-Length body, or until EOF for a response
    without one). Returns bytes, or None if the peer closed before a full head."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            return None if not buf or not is_response else buf
        buf += chunk
        if len(buf) > 1 << 20:
            return None
    head, _, rest = buf.partition(b"\r\n\r\n")
    length = None
    chunked = False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
        elif name.strip().lower() == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    body = rest
    expects_continue = not is_response and any(
        l.lower().replace(b" ", b"") == b"expect:100-continue" for l in head.split(b"\r\n")[1:])
    if expects_continue and length is not None and len(body) < length:
        # libcurl waits (1 s) for this before sending a large body; the repository never sees
        # the Expect header (it is removed before forwarding).
        sock.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
    if length is not None:
        while len(body) < length:
            chunk = sock.recv(min(1 << 20, length - len(body)))
            if not chunk:
                break
            body += chunk
    elif is_response or chunked:
        # The repository closes after the answer (we asked it to): read to EOF.
        while len(body) < limit:
            chunk = sock.recv(1 << 20)
            if not chunk:
                break
            body += chunk
    return head + b"\r\n\r\n" + body


def set_header(message, name, value):
    """The message with header `name` set to `value` (None: removed)."""
    head, sep, body = message.partition(b"\r\n\r\n")
    lines = [l for l in head.split(b"\r\n") if l.split(b":")[0].strip().lower() != name.lower()]
    if value is not None:
        lines.insert(1, name + b": " + value)
    return b"\r\n".join(lines) + sep + body


class FaultyProxy:
    def __init__(self, upstream, rate=0.0, kinds=None, max_delay=2.0, seed=None, port=0):
        host, _, p = upstream.rpartition(":")
        self.upstream = (host or "127.0.0.1", int(p))
        self.rate = rate
        self.kinds = list(kinds or KINDS)
        self.max_delay = max_delay
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.requests = 0
        self.faults = {k: 0 for k in KINDS}
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port))
        self.listener.listen(128)
        self.port = self.listener.getsockname()[1]
        self.closed = False

    def serve_in_background(self):
        threading.Thread(target=self.serve, daemon=True).start()
        return self

    def serve(self):
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self.handle, args=(client,), daemon=True).start()

    def close(self):
        self.closed = True
        self.listener.close()

    def injected(self):
        with self.lock:
            return sum(self.faults.values())

    def draw(self):
        with self.lock:
            self.requests += 1
            if self.rng.random() >= self.rate:
                return None, self.rng.random()
            kind = self.rng.choice(self.kinds)
            self.faults[kind] += 1
            return kind, self.rng.random()

    def forward(self, request):
        up = socket.create_connection(self.upstream, timeout=150)
        try:
            up.sendall(set_header(set_header(request, b"Connection", b"close"), b"Expect", None))
            answer = read_http_message(up, is_response=True)
            return answer or b""
        finally:
            up.close()

    def handle(self, client):
        client.settimeout(150)
        try:
            request = read_http_message(client)
            if request is None:
                return
            kind, coin = self.draw()
            self.apply(client, request, kind, coin)
        except OSError:
            pass
        finally:
            try:
                client.close()
            except OSError:
                pass

    def apply(self, client, request, kind, coin):
        if kind == "drop-request":
            return
        if kind == "delay":
            time.sleep(coin * self.max_delay)
        if kind == "reset":
            if coin < 0.5:
                self.forward(request)
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return
        if kind in ("status", "garbage") and coin < 0.5:
            self.forward(request)
        if kind == "status":
            status = [b"500 Internal Server Error", b"502 Bad Gateway", b"503 Service Unavailable",
                      b"504 Gateway Timeout", b"429 Too Many Requests"][int(coin * 1000) % 5]
            body = b'{"error":{"code":"proxy_fault","message":"injected by the faulty link"}}'
            client.sendall(b"HTTP/1.1 " + status + b"\r\nContent-Type: application/json\r\nRetry-After: 1\r\nContent-Length: "
                           + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body)
            return
        if kind == "garbage":
            junk = bytes(self.rng.randrange(256) for _ in range(int(coin * 500) + 1))
            if int(coin * 1000) % 2:
                client.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                               + str(len(junk)).encode() + b"\r\nConnection: close\r\n\r\n" + junk)
            else:
                client.sendall(junk)
            return
        answer = self.forward(request)
        if kind == "duplicate":
            second = self.forward(request)
            answer = second if coin < 0.5 else answer
        if kind == "drop-answer":
            return
        answer = set_header(answer, b"Connection", b"close") if answer else answer
        if kind == "truncate" and answer:
            answer = answer[: int(coin * len(answer))]
        client.sendall(answer)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--upstream", required=True, help="HOST:PORT of repositoryd (plain HTTP)")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--rate", type=float, default=0.3)
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--max-delay", type=float, default=2.0)
    ap.add_argument("--seed", type=int)
    args = ap.parse_args()
    proxy = FaultyProxy(args.upstream, args.rate, args.kinds.split(","), args.max_delay, args.seed, args.port)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    print(f"faulty proxy ready port={proxy.port}", flush=True)
    try:
        proxy.serve()
    except KeyboardInterrupt:
        pass
    finally:
        print(f"requests={proxy.requests} faults={proxy.faults}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
