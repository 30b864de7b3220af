"""Every page, for every kind of visitor, with odd query strings and empty or junk posts, answers
with a page or a clear refusal — never a server error."""

import io
from xml.etree import ElementTree

import pytest
from django.apps import apps
from django.db import models, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Left
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar
from openpyxl import load_workbook

from awards.models import Decision
from demo.seed import seed_demo
from demo.units import DEMO_PASSWORD
from events.models import Festival
from movements.models import MovementModel
from notifications.models import Notification
from stats.tables import TABLES
from tests.conftest import in_vietnamese
from tests.factories.awards import csv_upload, sheet_row

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
    # Issue 10, item 14: a superscript two (a digit to str.isdigit, not to int), NUL, bigint+1.
    "?decision=%C2%B2",
    "?unit=%00",
    "?commune=%00&province=%00",
    "?host_unit=%C2%B2&version=%C2%B2",
    "?decision=99999999999999999999&festival=%C2%B2&authority=%00",
]
# Posted to every page besides the junk post: ids and counts a hand-written parser let through.
ODD_POST = {
    "version": "²",
    "host_unit": "²",
    "models": "99999999999999999999",
    "programme-TOTAL_FORMS": "abc",
    "awards-TOTAL_FORMS": "²",
    "_action": "add-programme",
    "photo": "²",
    "title": "\x00",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data, seeded once for the whole module (it takes seconds) inside a transaction that
    is rolled back at the end. Each test runs in a savepoint of that transaction (the `db`
    fixture), so what one test writes — a sign-in, a junk post — is gone before the next."""
    media = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        seed_demo()
        yield {
            "festival": Festival.objects.get(year=2023),
            "decision": Decision.objects.first(),
            "model": MovementModel.objects.first(),
            "notification": Notification.objects.filter(
                recipient__username="demo-district"
            ).first(),
            "media": media,
        }
        transaction.set_rollback(True)


@pytest.fixture
def media_root(demo, settings):
    """The demo's photos, where the demo stored them (instead of each test's empty folder)."""
    settings.MEDIA_ROOT = demo["media"]
    return settings.MEDIA_ROOT


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
        reverse("events:festival.picker") + "?q=ngay+hoi",
        reverse("events:festival.list"),
        reverse("events:festival.calendar"),
        reverse("events:festival.create"),
        reverse("events:festival.copy_previous"),
        f.get_absolute_url(),
        reverse("events:festival.delete", args=[f.pk]),
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
        reverse("notifications:notification.list"),
        reverse("notifications:notification.read_all"),
        reverse("notifications:notification.preferences"),
        reverse("notifications:notification.open", args=[demo["notification"].pk]),
    ]


@pytest.mark.parametrize(
    "username", [None, "demo-admin", "demo-district", "demo-commune", "demo-commune-other"]
)
def test_no_page_gives_a_server_error(client, db, demo, username):
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
        response = client.post(url, ODD_POST)
        assert response.status_code < 500, (username, "odd POST", url)


# --- odd ids and numbers that gave a server error (issue 10, item 14) ---------------------------

# What a hand-written id parser let through: a superscript two (a digit to str.isdigit, not to
# int), a decimal, NUL, 5,000 digits (past int()'s limit), a number past bigint.
ODD_IDS = ["²", "abc", "1.5", "\x00", "9" * 5000, "99999999999999999999"]


def signed_in(client, username):
    client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    return client


def shown_messages(response):
    with translation.override("vi"):
        return [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize("value", ["%C2%B2", "%00", "1.5", "9" * 5000])
def test_odd_decision_on_the_export_is_not_found(client, db, demo, value):
    signed_in(client, "demo-admin")

    response = client.get(reverse("awards:award.export", args=["csv"]) + f"?decision={value}")

    assert response.status_code == 404
    assert "text/csv" not in response["Content-Type"]


@pytest.mark.parametrize("value", ["%00", "%C2%B2", "x" * 5000])
def test_odd_unit_on_the_calendar_says_no_unit_has_this_code(client, db, demo, value):
    response = client.get(f"/calendar.ics?unit={value}")

    assert response.status_code == 404
    assert response.content.decode() == in_vietnamese("No current unit has this code.")


@pytest.mark.parametrize("value", ODD_IDS)
def test_start_from_an_earlier_festival_with_an_odd_festival_asks_to_choose_one(
    client, db, demo, value
):
    signed_in(client, "demo-commune")
    before = Festival.objects.count()

    response = client.post(
        reverse("events:festival.copy_previous"),
        {"source": value, "year": str(timezone.localdate().year + 1)},
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["source"]
    assert Festival.objects.count() == before


@pytest.mark.parametrize("value", ODD_IDS)
def test_new_festival_with_an_odd_commune_says_choose_a_valid_one(client, db, demo, value):
    signed_in(client, "demo-commune")
    before = Festival.objects.count()

    response = client.post(
        reverse("events:festival.create"),
        {"host_unit": value, "year": "2026", "title": "Ngày hội", "version": "²"},
    )

    assert response.status_code == 400
    with translation.override("vi"):
        errors = [str(e) for e in response.context["form"].errors["host_unit"]]
    assert errors == [
        in_vietnamese("Select a valid choice. That choice is not one of the available choices.")
    ]
    assert Festival.objects.count() == before


def test_odd_programme_count_in_the_festival_editor_says_the_form_was_tampered_with(
    client, db, demo
):
    signed_in(client, "demo-commune")

    response = client.post(
        reverse("events:festival.create"),
        {"_action": "add-programme", "programme-TOTAL_FORMS": "abc", "title": "Ngày hội"},
    )

    assert response.status_code == 200
    programme = {prefix: fs for prefix, _label, fs in response.context["formsets"]}["programme"]
    assert [e.code for e in programme.non_form_errors().as_data()] == ["missing_management_form"]
    assert "ManagementForm" in programme.non_form_errors()[0] or programme.non_form_errors()[0]


@pytest.mark.parametrize(
    ("value", "message", "params"),
    [
        (
            "99999999999999999999",
            "Select a valid choice. %(value)s is not one of the available choices.",
            {"value": "99999999999999999999"},
        ),
        ("²", "“%(pk)s” is not a valid value.", {"pk": "²"}),
        ("\x00", "Null characters are not allowed.", {}),
    ],
    ids=["past_bigint", "superscript", "nul"],
)
def test_odd_model_on_the_showcase_form_is_refused_with_a_message(
    client, db, demo, value, message, params
):
    festival = demo["festival"]
    showcased = set(festival.showcased_models.values_list("pk", flat=True))
    signed_in(client, "demo-admin")

    response = client.post(
        reverse("events:festival.showcase", args=[festival.pk]), {"models": value}, follow=True
    )

    assert response.status_code == 200
    assert shown_messages(response) == [in_vietnamese(message, **params)]
    assert set(festival.showcased_models.values_list("pk", flat=True)) == showcased


def test_odd_version_on_the_award_editor_is_a_stale_copy(client, db, demo):
    decision = demo["decision"]
    before = list(decision.awards.values_list("pk", "recipient_name"))
    signed_in(client, "demo-admin")

    response = client.post(
        decision.get_absolute_url(),
        {"version": "²", "awards-TOTAL_FORMS": "0", "awards-INITIAL_FORMS": "0"},
    )

    assert response.status_code == 409
    assert len(shown_messages(response)) == 1
    assert list(decision.awards.values_list("pk", "recipient_name")) == before


def _collective_form(decision):
    """The name of an award form the decision's authority may give to a collective."""
    return decision.authority.forms.filter(is_active=True, allows_collective=True).first().name


def _import(client, decision, rows):
    upload = csv_upload(rows)
    return client.post(reverse("awards:decision.import", args=[decision.pk]), {"file": upload})


NO_FESTIVAL = "no festival in your scope has the code “%(value)s”"


@pytest.mark.parametrize(
    ("festival", "amount", "problem", "params"),
    [
        ("²/x", "", NO_FESTIVAL, {"value": "²/x"}),
        pytest.param(
            "1" * 5000 + "/x",
            "",
            NO_FESTIVAL,
            {"value": "1" * 5000 + "/x"},
            id="5000_digit_year",
        ),
        ("99999999999999999999/x", "", NO_FESTIVAL, {"value": "99999999999999999999/x"}),
        (
            "",
            "99999999999999999999999",
            "“%(value)s” is more than the largest amount, %(max)s đồng.",
            {"value": "99999999999999999999999", "max": "1.000.000.000.000"},
        ),
    ],
    ids=["superscript_year", "5000_digit_year", "year_past_bigint", "huge_amount"],
)
def test_import_with_an_odd_code_or_amount_shows_the_row_problem(
    client, db, demo, festival, amount, problem, params
):
    decision = demo["decision"]
    count = decision.awards.count()
    signed_in(client, "demo-admin")
    form_name = _collective_form(decision)
    row = sheet_row(1, form_name, "Tập thể", "Khu phố 3", amount=amount)
    row[8] = festival

    response = _import(client, decision, [row])

    assert response.status_code == 400
    assert response.context["token"] is None
    assert in_vietnamese(problem, **params) in response.context["parsed"].errors[2]
    assert decision.awards.count() == count


def test_import_with_a_nul_in_a_name_imports_the_name_without_it(client, db, demo):
    decision = demo["decision"]
    signed_in(client, "demo-admin")
    form_name = _collective_form(decision)

    preview = _import(
        client, decision, [sheet_row(1, form_name, "Tập thể", "Khu phố\x00 3\x0b phường")]
    )
    assert preview.status_code == 200, preview.context["parsed"].errors
    response = client.post(
        reverse("awards:decision.import", args=[decision.pk]),
        {"token": str(preview.context["token"])},
        follow=True,
    )

    assert response.status_code == 200
    assert shown_messages(response) == [in_vietnamese("%(count)s awards were imported.", count=1)]
    assert decision.awards.filter(recipient_name="Khu phố 3  phường").exists()


# --- control characters stored in every text field (issue 10, item 6) ---------------------------

# Every C0 control character PostgreSQL stores (it refuses NUL in text).
STORED_CONTROLS = "".join(chr(code) for code in range(1, 32))
# Fields that are identifiers or derived, not text people type: left alone.
NOT_TYPED = {"search_text", "password", "username", "email", "code", "slug"}


def text_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and not field.choices
        and not isinstance(field, models.SlugField)
        and field.name not in NOT_TYPED
    ]


def store_controls_everywhere():
    """Append every control character to every text field of every row of the project's models,
    straight in the database (no form, no service): what an old row, the admin site or a script
    may have left."""
    changed = []
    for label in ("units", "accounts", "movements", "attendees", "events", "awards", "stats"):
        for model in apps.get_app_config(label).get_models():
            updates = {}
            for field in text_fields(model):
                kept = F(field.name)
                if field.max_length:
                    kept = Left(kept, field.max_length - len(STORED_CONTROLS) - 1)
                updates[field.name] = Concat(kept, Value(" " + STORED_CONTROLS))
                changed.append(f"{model.__name__}.{field.name}")
            if updates:
                model.objects.update(**updates)
    return changed


@pytest.mark.parametrize("username", [None, "demo-admin", "demo-commune"])
def test_control_characters_in_every_text_field_break_no_page_feed_calendar_or_export(
    client, db, demo, username
):
    changed = store_controls_everywhere()
    assert {"FestivalReport.summary", "Award.recipient_name", "Festival.title"} <= set(changed)
    if username:
        signed_in(client, username)

    for url in urls(demo):
        response = client.get(url)
        assert response.status_code < 500, url

    feed = client.get("/feed/")
    assert feed.status_code == 200
    entries = ElementTree.fromstring(feed.content).findall("{http://www.w3.org/2005/Atom}entry")
    assert entries, "the demo has published reports"
    assert all("\x0b" not in (e.findtext("{*}summary") or "") for e in entries)

    calendar = client.get("/calendar.ics")
    assert calendar.status_code == 200
    events = Calendar.from_ical(calendar.content).walk("VEVENT")
    assert events, "the demo has an upcoming festival"
    assert all("\x0b" not in str(event["summary"]) for event in events)

    for table in TABLES:
        for fmt in ("csv", "xlsx"):
            response = client.get(reverse("stats:download", kwargs={"table": table, "fmt": fmt}))
            assert response.status_code == 200, (table, fmt)
    if username:
        for fmt in ("csv", "xlsx"):
            response = client.get(reverse("awards:award.export", args=[fmt]))
            content = b"".join(response.streaming_content)
            assert response.status_code == 200, fmt
            if fmt == "csv":
                text = content.decode("utf-8-sig")
                assert "\x0b" not in text and " \t\n" in text
            else:
                sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
                names = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
                assert names and all("\t\n" in name for name in names)
