"""The benchmark's HTTP side: one client with a cookie jar, sequential requests, percentiles."""

import http.client
import http.cookiejar
import math
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A browser-like client of `base_url`: keeps cookies, signs in through the login form."""

    def __init__(self, base_url, headers=None):
        self.base_url = base_url.rstrip("/")
        self.headers = dict(headers or {})
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect()
        )

    def get(self, path):
        """(status, headers, body) of GET `path`, redirects not followed."""
        request = urllib.request.Request(self.base_url + path, headers=self.headers)
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def login(self, username, password):
        status, _headers, body = self.get("/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or not token:
            raise RuntimeError(f"No login form at /accounts/login/ (HTTP {status}).")
        data = urllib.parse.urlencode(
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": token.group(1).decode(),
            }
        ).encode()
        request = urllib.request.Request(
            self.base_url + "/accounts/login/",
            data=data,
            headers={"Referer": self.base_url + "/accounts/login/"},
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 302:
            raise RuntimeError(f"Signing in as {username} failed (HTTP {status}).")


def percentile(values, share):
    """The nearest-rank percentile of `values` (share in 0–1)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class PageResult:
    name: str
    path: str
    status: int
    p50: float
    p95: float
    queries: str
    kib: float


def measure(client, name, path, *, requests=30, warmup=3):
    """Time `requests` sequential GETs of `path` after `warmup` untimed ones (milliseconds)."""
    for _ in range(warmup):
        client.get(path)
    timings, status, headers, body = [], None, None, b""
    for _ in range(requests):
        started = time.perf_counter()
        status, headers, body = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    return PageResult(
        name=name,
        path=path,
        status=status,
        p50=percentile(timings, 0.5),
        p95=percentile(timings, 0.95),
        queries=headers.get("X-Bench-Queries", "?") if headers else "?",
        kib=len(body) / 1024,
    )


def table(results, *, hello_p50):
    """The results as a Markdown table, then the line naming the worst page."""
    lines = [
        "| page | path | status | p50 ms | p95 ms | queries | KiB |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | `{r.path}` | {r.status} | {r.p50:,.1f} | {r.p95:,.1f} | {r.queries} "
            f"| {r.kib:,.0f} |"
        )
    lines.append(f"\nbare hello view: p50 {hello_p50:.1f} ms (same server, same run)")
    return "\n".join(lines)


def worst(results):
    page = max(results, key=lambda r: r.p95)
    return (
        f"worst page: {page.name} (`{page.path}`), p95 {page.p95:,.1f} ms, {page.queries} queries"
    )


def wait_for(base_url, path="/bench/hello/", seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(
                urllib.parse.urlsplit(base_url).netloc, timeout=5
            )
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"The server at {base_url} did not answer {path} in {seconds} s.")
