"""Request ids and the JSON log format (core.logs)."""

import io
import json
import logging

import pytest

from core.logs import JsonFormatter, RequestIdFilter


@pytest.fixture
def request_log():
    """What django.request writes while a request is answered, formatted as JSON."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)


def test_a_well_formed_request_id_from_the_proxy_is_echoed_and_logged(client, db, request_log):
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="3f2a9c1e5b7d4e6f8a0b1c2d3e4f5a6b")

    assert response.status_code == 404
    assert response["X-Request-ID"] == "3f2a9c1e5b7d4e6f8a0b1c2d3e4f5a6b"
    entry = json.loads(request_log.getvalue().splitlines()[-1])
    assert entry["request_id"] == "3f2a9c1e5b7d4e6f8a0b1c2d3e4f5a6b"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "django.request"
    assert entry["message"] == "Not Found: /no-such-page/"


@pytest.mark.parametrize("given", ["", "short", "bad id with spaces", "x\nforged line", "a" * 65])
def test_a_missing_or_odd_request_id_is_replaced_by_a_new_one(client, db, request_log, given):
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID=given)

    request_id = response["X-Request-ID"]
    assert request_id != given
    assert len(request_id) == 32 and int(request_id, 16) >= 0
    assert json.loads(request_log.getvalue().splitlines()[-1])["request_id"] == request_id


def test_each_request_gets_its_own_id(client, db):
    assert client.get("/healthz")["X-Request-ID"] != client.get("/healthz")["X-Request-ID"]


def test_outside_a_request_the_id_is_a_dash():
    record = logging.LogRecord("antq", logging.ERROR, __file__, 1, "boom %s", ("x",), None)
    RequestIdFilter().filter(record)
    assert json.loads(JsonFormatter().format(record))["request_id"] == "-"
    assert json.loads(JsonFormatter().format(record))["message"] == "boom x"


def test_the_text_format_of_the_settings_carries_the_request_id(settings):
    text = settings.LOGGING["formatters"]["text"]["format"]
    record = logging.LogRecord("antq", logging.INFO, __file__, 1, "hello", (), None)
    RequestIdFilter().filter(record)
    assert logging.Formatter(text).format(record).endswith("antq [-] hello")
