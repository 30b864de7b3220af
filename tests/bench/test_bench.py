"""`make bench`'s moving parts at a tiny size, so that they do not rot between runs: the request
loop against a live server, the printed table, the query-count header and the hello view.
Nothing here asserts a timing."""

import pytest
from django.test import override_settings

from accounts.enums import Role
from accounts.models import User
from bench.client import Client, PageResult, percentile, table, worst
from bench.run import run_pages
from tests.factories.accounts import RoleFactory
from tests.factories.units import ProvinceFactory


def test_percentile_is_the_nearest_rank():
    values = list(range(1, 101))
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.95) == 95
    assert percentile([7.0], 0.95) == 7.0


def test_bench_request_loop_measures_public_and_signed_in_pages_and_prints_the_table(
    live_server, transactional_db
):
    user = User.objects.create_user(username="bench-user", password="bench-pass-2026")
    RoleFactory(user=user, role=Role.DISTRICT_STAFF, unit=ProvinceFactory(code="38"))
    public = Client(live_server.url)
    staff = Client(live_server.url)
    staff.login("bench-user", "bench-pass-2026")
    lines = []
    results = run_pages(
        live_server.url,
        [
            (public, [("home", "/"), ("festival list", "/festivals/")]),
            (staff, [("dash", "/manage/")]),
        ],
        requests=3,
        warmup=1,
        log=lines.append,
    )
    assert [(r.name, r.path, r.status) for r in results] == [
        ("home", "/", 200),
        ("festival list", "/festivals/", 200),
        ("dash", "/manage/", 200),
    ]
    assert all(r.p50 <= r.p95 for r in results)
    assert [line.split(":")[0] for line in lines] == ["  home", "  festival list", "  dash"]
    printed = table(results, hello_p50=0.4)
    assert printed.splitlines()[0] == "| page | path | status | p50 ms | p95 ms | queries | KiB |"
    assert "| home | `/` | 200 |" in printed
    assert printed.splitlines()[-1] == "bare hello view: p50 0.4 ms (same server, same run)"


def test_bench_login_with_a_wrong_password_is_said(live_server, transactional_db):
    User.objects.create_user(username="bench-user", password="bench-pass-2026")
    with pytest.raises(RuntimeError, match="Signing in as bench-user failed"):
        Client(live_server.url).login("bench-user", "wrong")


def test_worst_names_the_page_with_the_highest_p95():
    results = [
        PageResult("home", "/", 200, 10.0, 20.0, "4", 30.0),
        PageResult("stats", "/stats/", 200, 50.0, 90.0, "7", 10.0),
    ]
    assert worst(results) == "worst page: stats (`/stats/`), p95 90.0 ms, 7 queries"


@override_settings(ROOT_URLCONF="bench.urls")
def test_bench_hello_view_and_query_count_header(
    client, settings, django_assert_max_num_queries, db
):
    settings.MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *settings.MIDDLEWARE]
    with django_assert_max_num_queries(50) as captured:
        response = client.get("/bench/hello/")
    assert response.content == b"hello"
    assert response["X-Bench-Queries"] == str(len(captured))
    with django_assert_max_num_queries(50) as captured:
        response = client.get("/festivals/")
    assert len(captured) > 0
    assert response["X-Bench-Queries"] == str(len(captured))
