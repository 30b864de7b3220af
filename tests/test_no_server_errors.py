"""Every page, for every kind of visitor, with odd query strings and empty or junk posts, answers
with a page or a clear refusal — never a server error."""

import pytest
from django.urls import reverse

from awards.models import Decision
from demo.festivals import DEMO_PASSWORD, seed_demo
from events.models import Festival
from movements.models import MovementModel

ODD = [
    "",
    "?q=%00",
    "?q=" + "x" * 300,
    "?year=abc",
    "?year=-1",
    "?province=zz",
    "?commune=%27",
    "?status=nope",
    "?page=999999",
    "?page=abc",
    "?month=2026-13",
    "?unit=abc",
    "?decision=abc",
    "?history=1&level=9",
]


@pytest.fixture
def demo(db):
    seed_demo()
    festival = Festival.objects.get(year=2023)
    return {
        "festival": festival,
        "decision": Decision.objects.first(),
        "model": MovementModel.objects.first(),
    }


def urls(demo):
    f, d, m = demo["festival"], demo["decision"], demo["model"]
    return [
        "/",
        "/healthz",
        "/feed/",
        "/calendar.ics",
        reverse("public:festival.list"),
        f.get_public_url(),
        reverse("models:model.list"),
        reverse("models:model.detail", args=[m.pk]),
        reverse("stats:index"),
        reverse("stats:download", kwargs={"table": "festivals-by-year", "fmt": "csv"}),
        reverse("manage:dashboard"),
        reverse("units:unit.list"),
        reverse("units:unit.picker"),
        reverse("events:festival.list"),
        reverse("events:festival.calendar"),
        reverse("events:festival.create"),
        f.get_absolute_url(),
        reverse("events:festival.edit", args=[f.pk]),
        reverse("events:festival.print", args=[f.pk]),
        reverse("events:report.edit", args=[f.pk]),
        reverse("photos:photo.list", args=[f.pk]),
        reverse("awards:decision.list"),
        reverse("awards:decision.create"),
        d.get_absolute_url(),
        reverse("awards:decision.import", args=[d.pk]),
        reverse("awards:decision.print", args=[d.pk]),
        reverse("awards:award.export", args=["csv"]),
        reverse("awards:festival.tributes", args=[f.pk]),
        reverse("movements:model.list"),
        reverse("movements:model.create"),
        reverse("movements:model.detail", args=[m.pk]),
    ]


@pytest.mark.parametrize(
    "username", [None, "demo-admin", "demo-district", "demo-commune", "demo-commune-other"]
)
def test_no_page_gives_a_server_error(client, demo, username):
    if username:
        client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    for url in urls(demo):
        for odd in ODD:
            response = client.get(url + odd)
            assert response.status_code < 500, (username, url + odd)
        response = client.post(
            url, {"version": "abc", "_action": "add-nothing", "reason": "", "year": "x"}
        )
        assert response.status_code < 500, (username, "POST", url)
