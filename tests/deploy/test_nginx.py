"""deploy/nginx.conf, exercised by a real nginx (Debian's) in front of a live server: public
renditions are served from the media folder, private files only after the app's permission
check, by X-Accel-Redirect."""

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from events import photos
from tests.factories.events import add_document, add_photo
from tests.images import pdf_bytes, pdf_upload

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
DEPLOY_CONF = Path(django_settings.BASE_DIR) / "deploy" / "nginx.conf"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url, cookie=None):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def nginx(live_server, settings, tmp_path):
    """nginx with the deployment's server block, in front of the live server; yields its URL."""
    if not Path(NGINX).exists():
        reason = "nginx is not installed (Debian: apt-get install nginx)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; the deployment test must run under CI.")
        pytest.skip(reason)
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    port = _free_port()
    server_block = (
        DEPLOY_CONF.read_text()
        .replace("@LISTEN@", f"127.0.0.1:{port}")
        .replace("@SERVER_NAME@", "localhost")
        .replace("@APP_UPSTREAM@", live_server.url.removeprefix("http://"))
        .replace("@STATIC_ROOT@", str(tmp_path / "static"))
        .replace("@MEDIA_ROOT@", str(settings.MEDIA_ROOT))
        .replace("@PRIVATE_MEDIA_ROOT@", str(settings.PRIVATE_MEDIA_ROOT))
    )
    prefix = tmp_path / "nginx"
    (prefix / "logs").mkdir(parents=True)
    (prefix / "antq.conf").write_text(server_block)
    (prefix / "nginx.conf").write_text(
        f"""
user root;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log;
events {{ worker_connections 64; }}
http {{
    access_log {prefix}/logs/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    default_type application/octet-stream;
    include {prefix}/antq.conf;
}}
"""
    )
    test = subprocess.run(
        [NGINX, "-t", "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert test.returncode == 0, test.stderr
    process = subprocess.Popen(
        [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _attempt in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)


def _session_cookie(client, user):
    client.force_login(user)
    return f"{django_settings.SESSION_COOKIE_NAME}={client.cookies[django_settings.SESSION_COOKIE_NAME].value}"


def test_nginx_serves_public_renditions_and_private_files_only_with_permission(
    nginx, client, held, commune_official, other_commune_official
):
    photo = add_photo(held, commune_official)
    document = add_document(held, commune_official, upload=pdf_upload(pdf_bytes("Kế hoạch")))

    status, headers, body = _get(nginx + photo.thumbnail.url)
    assert (status, headers["Content-Type"]) == (200, "image/jpeg")
    with photo.thumbnail.open("rb") as stored:
        assert body == stored.read()

    private_url = nginx + document.file.url
    assert document.file.url.startswith("/files/private/")
    assert _get(private_url)[0] == 404
    assert _get(private_url, _session_cookie(client, other_commune_official))[0] == 404
    direct = "/_private/" + document.file.name.removeprefix("private/")
    assert _get(nginx + direct)[0] == 404

    status, headers, body = _get(private_url, _session_cookie(client, commune_official))

    assert status == 200
    assert headers["Content-Type"] == "application/pdf"
    assert headers["Content-Disposition"].startswith("attachment;")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "X-Accel-Redirect" not in headers
    with document.file.open("rb") as stored:
        assert body == stored.read()


def test_nginx_no_longer_serves_a_photo_made_private_at_its_public_address(
    nginx, client, held, commune_official
):
    photo = add_photo(held, commune_official)
    public_url = photo.thumbnail.url
    assert _get(nginx + public_url)[0] == 200

    photo = photos.festival_photo_update(photo=photo, user=commune_official, is_public=False)

    assert _get(nginx + public_url)[0] == 404
    assert photo.thumbnail.url.startswith("/files/private/")
    assert _get(nginx + photo.thumbnail.url)[0] == 404
    status, headers, _body = _get(
        nginx + photo.thumbnail.url, _session_cookie(client, commune_official)
    )
    assert (status, headers["Content-Type"]) == (200, "image/jpeg")
    assert headers["Content-Disposition"].startswith("inline;")


def test_nginx_hides_metrics_and_gives_the_app_its_request_id(nginx, db):
    assert _get(nginx + "/metrics")[0] == 404

    status, headers, _body = _get(nginx + "/healthz")

    assert status == 200
    # nginx's $request_id: 32 hexadecimal digits, taken by the app and echoed.
    assert len(headers["X-Request-ID"]) == 32
    assert int(headers["X-Request-ID"], 16) >= 0
