"""The WSGI and ASGI applications the servers load (antq/wsgi.py, antq/asgi.py)."""

import contextlib
import json
from wsgiref.util import setup_testing_defaults

import pytest
from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator
from django.core.signals import request_finished, request_started
from django.db import close_old_connections


@pytest.fixture
def keep_test_connection():
    """Requests leave the test's database connection open, as the test client arranges: the
    handlers close "old" connections at each request, and the test's transaction is one."""
    with contextlib.ExitStack() as stack:
        for signal in (request_started, request_finished):
            signal.disconnect(close_old_connections)
            stack.callback(signal.connect, close_old_connections)
        yield


def test_wsgi_application_answers_the_health_check(db, keep_test_connection):
    from antq.wsgi import application

    environ = {"PATH_INFO": "/healthz/ready", "REQUEST_METHOD": "GET"}
    setup_testing_defaults(environ)
    started = []

    body = b"".join(application(environ, lambda status, headers: started.append(status)))

    assert started == ["200 OK"]
    assert json.loads(body)["checks"]["database"] == "ok"


def test_asgi_application_answers_a_missing_page_with_404(db, keep_test_connection):
    from antq.asgi import application

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/khong-co-trang-nay/",
        "raw_path": b"/khong-co-trang-nay/",
        "query_string": b"",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }

    async def request():
        communicator = ApplicationCommunicator(application, scope)
        await communicator.send_input({"type": "http.request", "body": b""})
        start = await communicator.receive_output(timeout=10)
        await communicator.wait(timeout=10)
        return start

    assert async_to_sync(request)()["status"] == 404
