"""The database going away and coming back (antq/settings.py DATABASES; issue 10, item 16).

A real server process (wsgiref, as gunicorn's sync worker: connections go back to the pool after
each request) talks to the test database through a TCP proxy that the test takes down and brings
back, cutting every open connection as a restarting server would."""

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

ROOT = Path(__file__).resolve().parents[2]
SERVER = """
import django
django.setup()
from wsgiref.simple_server import WSGIRequestHandler, make_server
from django.core.wsgi import get_wsgi_application

class Quiet(WSGIRequestHandler):
    def log_message(self, *args):
        pass

server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=Quiet)
print(server.server_port, flush=True)
server.serve_forever()
"""


class DatabaseProxy:
    """Forwards a local port to PostgreSQL; `down()` refuses new connections and cuts the open
    ones, `up()` listens again on the same port."""

    def __init__(self, host, port):
        self.target = (host, port)
        self.port = 0
        self.listener = None
        self.open = []
        self.lock = threading.Lock()

    def up(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.port = self.listener.getsockname()[1]
        self.listener.listen(20)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def down(self):
        for sock in [self.listener, *self._take_open()]:
            self._close(sock)

    def _take_open(self):
        with self.lock:
            sockets, self.open = self.open, []
        return sockets

    def _accept(self, listener):
        while True:
            try:
                client, _address = listener.accept()
                server = socket.create_connection(self.target)
            except OSError:
                return
            with self.lock:
                self.open += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    def _pipe(self, source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            self._close(target)

    @staticmethod
    def _close(sock):
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()


@pytest.fixture
def server(django_db_setup):
    """A server process on the test database through a DatabaseProxy, with the settings'
    defaults for the pool; yields (proxy, get), get(path) → (status, seconds, body)."""
    database = settings.DATABASES["default"]
    proxy = DatabaseProxy(database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432))
    proxy.up()
    user = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    env = {key: value for key, value in os.environ.items() if not key.startswith("DATABASE_POOL")}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.settings",
        DATABASE_URL=f"postgres://{user}@127.0.0.1:{proxy.port}/{database['NAME']}",
    )
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    port = int(process.stdout.readline())

    def get(path):
        start = time.monotonic()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as answer:
                status, body = answer.status, answer.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        return status, time.monotonic() - start, body.decode()

    try:
        yield proxy, get
    finally:
        process.kill()
        process.wait()
        process.stdout.close()
        proxy.down()


def error_page_heading():
    with translation.override("vi"):
        return gettext("Something went wrong on our side")


def test_requests_fail_fast_with_the_error_page_while_the_database_is_down(server):
    proxy, get = server
    assert get("/")[0] == 200
    proxy.down()

    page, page_seconds, body = get("/")
    health, health_seconds, health_body = get("/healthz")

    # It waited 10 s for the pool before; now the pool and connection timeouts are 2 s.
    assert (page, health) == (500, 503)
    assert page_seconds < 4 and health_seconds < 4, (page_seconds, health_seconds)
    assert error_page_heading() in body
    assert json.loads(health_body) == {"status": "error", "database": "unavailable"}


def test_the_first_request_after_an_outage_succeeds(server):
    proxy, get = server
    assert get("/")[0] == 200
    proxy.down()
    assert get("/")[0] == 500  # the pool starts retrying, further and further apart
    time.sleep(2.5)
    proxy.up()

    statuses = [get("/")[0] for _request in range(3)]

    assert statuses == [200, 200, 200]
