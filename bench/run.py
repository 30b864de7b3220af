"""`make bench`: generate the national data set into its own database (when missing), serve the
app with gunicorn and the production settings (bench.settings), and print how long every page
takes for the public, a district-staff user of Thanh Hóa and a commune official, beside a bare
hello view measured in the same run; then the awards export and a 5,000-row import. Timings are
printed, never asserted: this is a measurement, not a test.

Environment: BENCH_SCALE (1.0), BENCH_DATABASE_URL (postgres://postgres@127.0.0.1:5432/antq_bench),
BENCH_REQUESTS (30), BENCH_PORT (8765), BENCH_REDIS_URL (redis://127.0.0.1:6379/7 when Redis
answers; "" for the local-memory cache).
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from bench.client import Client, measure, table, wait_for, worst

ROOT = Path(__file__).resolve().parent.parent
LOG_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable

PUBLIC_PAGES = [
    ("home", "/"),
    ("festival list", "/festivals/"),
    ("festival list, 2024", "/festivals/?year=2024"),
    ("search ?q=rung+thong", "/festivals/?q=rung+thong"),
    ("search ?q=nguyen+van+an", "/festivals/?q=nguyen+van+an"),
    ("report page", "{report}"),
    ("models", "/models/"),
    ("models ?q=camera", "/models/?q=camera"),
    ("stats", "/stats/"),
    ("stats ?year=2024", "/stats/?year=2024"),
    ("calendar.ics", "/calendar.ics"),
    ("feed", "/feed/"),
    ("healthz", "/healthz"),
]
# The public pages kept for visitors (core.pagecache), measured again as made.
CACHED_PAGES = [
    page
    for page in PUBLIC_PAGES
    if page[1].split("?")[0] in {"/", "/festivals/", "{report}", "/models/", "/stats/"}
]
DISTRICT_PAGES = [
    ("staff dashboard", "/manage/"),
    ("staff festival list", "/manage/festivals/"),
    ("staff award decisions", "/manage/awards/"),
    ("decision page ({decision_awards} awards)", "/manage/awards/{decision_id}/"),
    ("staff festival page", "/manage/festivals/{report_id}/"),
    ("staff models", "/manage/models/"),
]
COMMUNE_PAGES = [
    ("commune: dashboard", "/manage/"),
    ("commune: festival list", "/manage/festivals/"),
    ("commune: festival page", "/manage/festivals/{commune_festival_id}/"),
]


def run_pages(base_url, groups, *, requests, warmup=3, log=print):
    """Measure every page of `groups` ([(client, [(name, path)])]); returns the results."""
    results = []
    for client, pages in groups:
        for name, path in pages:
            result = measure(client, name, path, requests=requests, warmup=warmup)
            log(f"  {name}: p95 {result.p95:,.1f} ms")
            results.append(result)
    return results


def _env(database_url, redis_url):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DEBUG", None)
    return env


def _manage(env, *args, capture=False):
    command = [PYTHON, str(ROOT / "manage.py"), *args]
    if capture:
        return subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
    subprocess.run(command, env=env, check=True)
    return None


def _database_ensure(database_url):
    import psycopg

    parts = urllib.parse.urlsplit(database_url)
    name = parts.path.lstrip("/")
    server = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')
            print(f"Created the database {name}.")


def _redis_url():
    url = os.environ.get("BENCH_REDIS_URL")
    if url is not None:
        return url
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return ""
    return "redis://127.0.0.1:6379/7"


def _wrk(base_url, report_path):
    if not shutil.which("wrk"):
        print("wrk is not installed: the throughput ratio (report page ÷ hello) is skipped.")
        return
    rates = {}
    for name, path in (("hello", "/bench/hello/"), ("report page", report_path)):
        output = subprocess.run(
            ["wrk", "-t2", "-c8", "-d10s", base_url + path],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        line = next((x for x in output.splitlines() if x.startswith("Requests/sec")), "")
        rates[name] = float(line.split()[-1]) if line else 0.0
        print(f"wrk {name}: {rates[name]:,.0f} requests/s")
    if rates["hello"]:
        print(f"report page ÷ hello throughput: {rates['report page'] / rates['hello']:.2f}")


def main():
    scale = os.environ.get("BENCH_SCALE", "1.0")
    database_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/antq_bench"
    )
    requests = int(os.environ.get("BENCH_REQUESTS", "30"))
    port = int(os.environ.get("BENCH_PORT", "8765"))
    env = _env(database_url, _redis_url())
    LOG_DIR.mkdir(parents=True, exist_ok=True)

    _database_ensure(database_url)
    started = time.monotonic()
    _manage(env, "generate_national", f"--scale={scale}")
    print(f"Data set ready in {time.monotonic() - started:.0f} s.")
    _manage(env, "collectstatic", "--noinput", "--verbosity=0")
    targets = json.loads(_manage(env, "bench_prepare", capture=True))
    print(
        f"District staff of Thanh Hóa: {targets['province_festivals']:,} festivals in scope; "
        f"commune official of {targets['commune_name']}: {targets['commune_festivals']:,}."
    )

    base_url = f"http://127.0.0.1:{port}"
    log_file = open(LOG_DIR / "gunicorn.log", "w")  # noqa: SIM115 (open while the server runs)
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "-c",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "antq.wsgi",
        ],
        env={
            **env,
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "GUNICORN_WORKERS": os.environ.get("BENCH_WORKERS", "2"),
            "GUNICORN_THREADS": os.environ.get("BENCH_THREADS", "4"),
        },
        cwd=ROOT,
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(base_url)
        public = Client(base_url)
        # The same pages as made for a visitor the cache has not seen (bench.settings).
        uncached = Client(base_url, headers={"X-Bench-Page-Cache-Bypass": "1"})
        district = Client(base_url)
        district.login(targets["district"], targets["password"])
        commune = Client(base_url)
        commune.login(targets["commune"], targets["password"])
        hello = measure(public, "hello", "/bench/hello/", requests=requests)

        def pages(spec):
            return [(name.format(**targets), path.format(**targets)) for name, path in spec]

        print(f"\nMeasuring ({requests} sequential requests per page after 3 warm-up ones)…")
        results = run_pages(
            base_url,
            [
                (public, pages(PUBLIC_PAGES)),
                (uncached, [(f"{name}, uncached", path) for name, path in pages(CACHED_PAGES)]),
                (district, pages(DISTRICT_PAGES)),
                (commune, pages(COMMUNE_PAGES)),
            ],
            requests=requests,
        )
        hello_after = measure(public, "hello", "/bench/hello/", requests=requests)
        print(
            f"\nScale {scale}; gunicorn gthread {env.get('BENCH_WORKERS', '2')}×"
            f"{env.get('BENCH_THREADS', '4')}, production settings, one sequential client.\n"
        )
        print(table(results, hello_p50=min(hello.p50, hello_after.p50)))
        _wrk(base_url, targets["report"])
    finally:
        server.terminate()
        server.wait(timeout=60)
        log_file.close()

    files = json.loads(
        _manage(env, "bench_files", f"--authority={targets['authority_id']}", capture=True)
    )
    export, imported = files.get("export"), files["import"]
    if export:
        print(
            f"export of the district user's awards (.xlsx, {export['bytes'] / 2**20:,.1f} MiB): "
            f"{export['seconds']:.1f} s, peak memory {export['peak_mib']:,.0f} MiB "
            f"(process before: {export['peak_before_mib']:,.0f} MiB), HTTP {export['status']}, "
            f"made by the {export.get('via', 'page')}"
        )
    print(
        f"import of a {imported['rows']:,}-row file: {imported['seconds']:.1f} s "
        f"(preview {imported['preview_seconds']:.1f} s), {imported['imported']:,} awards, "
        f"HTTP {imported['preview_status']}/{imported['confirm_status']}"
    )
    print(worst(results))


if __name__ == "__main__":
    main()
