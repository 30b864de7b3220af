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

import psycopg
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


APP_NAME = "antq-database-loss-test"
# Well under the 10 s a page used to wait for the pool while the database was away.
GUARD_SECONDS = 8


def _database_url(port, name):
    database = settings.DATABASES["default"]
    user = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return f"postgres://{user}@127.0.0.1:{port}/{name}?application_name={APP_NAME}"


@contextlib.contextmanager
def _server_process(database_url):
    """A server process with the settings' defaults for the pool; yields get(path) →
    (status, body), which gives up after GUARD_SECONDS."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DATABASE_")}
    env.update(DJANGO_SETTINGS_MODULE="tests.settings", DATABASE_URL=database_url)
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
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}{path}", timeout=GUARD_SECONDS
            ) as answer:
                status, body = answer.status, answer.read()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read()
        return status, body.decode()

    try:
        yield get
    finally:
        process.kill()
        process.wait()
        process.stdout.close()


@pytest.fixture
def server(db):
    """A server process on the test database through a DatabaseProxy; yields (proxy, get).
    (`db`, not only `django_db_setup`: only then do the settings name the test database.)"""
    database = settings.DATABASES["default"]
    proxy = DatabaseProxy(database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432))
    proxy.up()
    try:
        with _server_process(_database_url(proxy.port, database["NAME"])) as get:
            yield proxy, get
    finally:
        proxy.down()


def error_page_heading():
    with translation.override("vi"):
        return gettext("Something went wrong on our side")


def _terminate_the_servers_connections():
    """What a database restart does to the pool: every connection of the server process ends,
    closed by PostgreSQL itself (pg_terminate_backend, from a connection of the test's own)."""
    with psycopg.connect(
        host=settings.DATABASES["default"]["HOST"] or "127.0.0.1",
        port=settings.DATABASES["default"]["PORT"] or 5432,
        user=settings.DATABASES["default"]["USER"],
        dbname=settings.DATABASES["default"]["NAME"],
        autocommit=True,
    ) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
            [APP_NAME],
        ).fetchall()
    return len(rows)


def test_requests_fail_fast_with_the_error_page_while_the_database_is_down(server):
    proxy, get = server
    assert get("/")[0] == 200
    proxy.down()

    # It waited 10 s for the pool before (past GUARD_SECONDS); the pool and connection
    # timeouts are 2 s now.
    page, body = get("/")
    ready, ready_body = get("/healthz/ready")
    alive, _alive_body = get("/healthz")

    assert (page, ready, alive) == (500, 503, 200)
    assert error_page_heading() in body
    assert json.loads(ready_body)["failed"] == ["database"]


def test_the_first_request_after_an_outage_succeeds(server):
    proxy, get = server
    assert get("/")[0] == 200
    proxy.down()
    assert get("/")[0] == 500  # the pool starts retrying, further and further apart
    time.sleep(2.5)
    proxy.up()

    statuses = [get("/")[0] for _request in range(3)]

    assert statuses == [200, 200, 200]


def test_the_first_request_after_the_database_ends_every_connection_succeeds(server):
    _proxy, get = server
    assert [get("/")[0], get("/festivals/")[0]] == [200, 200]
    assert _terminate_the_servers_connections() >= 1

    # The pool checks a connection before handing it out and replaces the dead ones.
    statuses = [get(path)[0] for path in ["/", "/festivals/", "/healthz/ready"]]

    assert statuses == [200, 200, 200]


def test_an_unreachable_database_answers_the_error_page_at_once(db):
    # Nothing listens on port 9 (discard): connections are refused.
    with _server_process(_database_url(9, "antq")) as get:
        pages = [get(path) for path in ["/", "/festivals/", "/stats/"]]
        ready, ready_body = get("/healthz/ready")

    assert [status for status, _body in pages] == [500, 500, 500]
    assert all(error_page_heading() in body for _status, body in pages)
    assert ready == 503
    assert json.loads(ready_body)["failed"] == ["database"]
