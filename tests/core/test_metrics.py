"""Prometheus metrics at /metrics (core.metrics): counted requests, reachable only from an allowed
network or with the token."""

import pytest

from core.metrics import exposition


@pytest.fixture
def counted(client, db):
    """One answered home page, so that its counter exists."""
    assert client.get("/").status_code == 200


def test_metrics_count_requests_by_view_for_the_local_network(client, counted):
    response = client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert 'antq_http_requests_total{method="GET",status="200",view="home"}' in body
    assert 'antq_http_request_duration_seconds_bucket{le="0.025",view="home"}' in body
    assert "antq_http_requests_in_progress" in body


def test_metrics_are_a_404_for_another_network(client, counted):
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 404
    assert b"antq_http_requests_total" not in response.content


def test_a_forwarded_for_header_does_not_open_metrics_without_a_proxy(client, counted):
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="127.0.0.1")
    assert response.status_code == 404


def test_behind_a_proxy_metrics_follow_the_address_the_proxy_saw(client, counted, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    outside = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "127.0.0.1, 203.0.113.7"}
    inside = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "10.1.2.3"}
    settings.METRICS_ALLOWED_NETWORKS = ["10.0.0.0/8"]

    assert client.get("/metrics", **outside).status_code == 404
    assert client.get("/metrics", **inside).status_code == 200


def test_metrics_open_with_the_token_from_anywhere(client, counted, settings):
    settings.METRICS_TOKEN = "s3cret-token-for-prometheus"
    outside = {"REMOTE_ADDR": "203.0.113.7"}

    assert client.get("/metrics", **outside).status_code == 404
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer guess", **outside)
    assert wrong.status_code == 404
    right = client.get(
        "/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token-for-prometheus", **outside
    )
    assert right.status_code == 200
    assert b"antq_http_requests_total" in right.content


def test_no_token_configured_never_matches_an_empty_bearer(client, counted):
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer ", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 404


def test_with_a_multiprocess_folder_the_figures_come_from_the_workers_files(monkeypatch, tmp_path):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))

    body, content_type = exposition()

    # No worker has written its file yet: nothing of this process's own registry.
    assert b"antq_http_requests_total" not in body
    assert content_type.startswith("text/plain")
