"""A round-robin TCP balancer for the resilience suites: what a region puts in front of several
repositoryd instances, small enough to read in a minute.

It listens on 127.0.0.1 and hands each new client connection to the next upstream in turn. An
upstream whose connect is refused (the instance was killed and is not back yet) is skipped for the
next one; when every upstream refuses, the client's connection is closed. A connection already open
to an instance that is then killed just breaks, as with a real L4 balancer: the balancer never
replays bytes, so a request in flight is lost and the client must retry. It looks at no bytes, so a
kept-alive connection (walletd's repository client keeps its connection) stays on one instance until
that instance or the client closes it.

Python stdlib only (threads and sockets), like the rest of scripts/resilience.

    balancer = Balancer(lambda: [("127.0.0.1", 8081), ("127.0.0.1", 8082)])
    balancer.start()
    url = balancer.url()          # enrol the PCs with this
    ...
    print(balancer.connections)   # {8081: 12, 8082: 11}: connections handed to each upstream
    balancer.stop()
"""
import socket
import threading

CONNECT_TIMEOUT = 5.0
CHUNK = 65536


class Balancer:
    def __init__(self, upstreams, host="127.0.0.1", port=0):
        """`upstreams`: a function answering the current [(host, port)] list, asked at every new
        connection (an instance restarted after a kill keeps its port, but the list may change)."""
        self.upstreams = upstreams
        self.host, self.port = host, port
        self.lock = threading.Lock()
        self.next = 0
        self.open = set()          # every socket of a live pair, closed by stop()
        self.connections = {}      # upstream port -> connections handed to it
        self.refused = 0           # connects skipped because the upstream refused
        self.dropped = 0           # clients closed because every upstream refused
        self.listener = None
        self.stopping = threading.Event()

    def url(self):
        return f"http://{self.host}:{self.port}"

    def start(self):
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind((self.host, self.port))
        self.listener.listen(128)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept_loop, name="balancer-accept", daemon=True).start()
        return self

    def stop(self):
        self.stopping.set()
        if self.listener:
            _close(self.listener)
        with self.lock:
            pairs = list(self.open)
            self.open.clear()
        for s in pairs:
            _close(s)

    def _accept_loop(self):
        while not self.stopping.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # the listener was closed by stop()
            threading.Thread(target=self._serve, args=(client,), name="balancer-conn", daemon=True).start()

    def _connect_upstream(self):
        """The next upstream that accepts, starting after the last one used; None when all refuse."""
        targets = list(self.upstreams())
        if not targets:
            return None
        with self.lock:
            start = self.next % len(targets)
            self.next = start + 1
        for k in range(len(targets)):
            index = (start + k) % len(targets)
            host, port = targets[index]
            try:
                upstream = socket.create_connection((host, port), timeout=CONNECT_TIMEOUT)
            except OSError:
                with self.lock:
                    self.refused += 1
                continue
            upstream.settimeout(None)
            with self.lock:
                self.connections[port] = self.connections.get(port, 0) + 1
                if k:  # a refused one was skipped: the turn passes to the one after this
                    self.next = index + 1
            return upstream
        return None

    def _serve(self, client):
        upstream = self._connect_upstream()
        if upstream is None:
            with self.lock:
                self.dropped += 1
            _close(client)
            return
        for s in (client, upstream):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self.lock:
            if self.stopping.is_set():
                _close(client)
                _close(upstream)
                return
            self.open.update((client, upstream))
        done = threading.Event()
        back = threading.Thread(target=self._pipe, args=(upstream, client, done), name="balancer-back", daemon=True)
        back.start()
        self._pipe(client, upstream, done)
        back.join()
        with self.lock:
            self.open.discard(client)
            self.open.discard(upstream)
        _close(client)
        _close(upstream)

    def _pipe(self, source, sink, done):
        """Copies source to sink. A clean end (EOF) is passed on as a half-close, so an HTTP
        exchange finishes normally; an error (the instance was killed: reset) breaks both ways."""
        try:
            while True:
                data = source.recv(CHUNK)
                if not data:
                    try:
                        sink.shutdown(socket.SHUT_WR)
                    except OSError:
                        pass
                    return
                sink.sendall(data)
        except OSError:
            # Broken: end the other direction too, so the client sees the break at once.
            for s in (source, sink):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        finally:
            done.set()


def _close(s):
    try:
        s.close()
    except OSError:
        pass
