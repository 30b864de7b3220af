"""The national data generator (demo/national) at a tiny scale: what it writes, the old tree
before 2025, the search columns as the app fills them, and a second run doing nothing.

The units (today's and the tree of 30 June 2025) and one generation are made once for the
module, inside a transaction rolled back at the end; each test runs in a savepoint of it."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from attendees.models import Delegate
from awards.models import Award, Decision, Tribute
from demo.national import Refused, generate_national
from demo.national.run import GENERATOR_USERNAME
from demo.national.search import normalized
from events.enums import FestivalStatus
from events.models import Festival, FestivalPhoto, FestivalReport, ProgrammeItem
from movements.models import MovementModel
from stats.selectors import headline_figures
from tests.factories.events import FestivalFactory
from units.services import LAST_THREE_TIER_DAY, units_import_current, units_import_national

SCALE = 0.003


@pytest.fixture(scope="module")
def national(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        units_import_current()
        units_import_national()
        connection.check_constraints()
        lines = []
        counts = generate_national(scale=SCALE, log=lines.append)
        yield counts, lines
        transaction.set_rollback(True)


@pytest.fixture
def generated(national, db):
    return national


def test_generate_national_writes_every_table_in_national_proportions(generated):
    counts, lines = generated
    festivals = Festival.objects.count()
    assert counts["festivals"] == festivals
    assert 250 < festivals < 350
    # The table per festival: 31 delegates, 21 awards, 11 photos, 1.1 decisions, 6 tributes.
    assert 25 < Delegate.objects.count() / festivals < 37
    assert 17 < Award.objects.count() / festivals < 25
    assert 8 < FestivalPhoto.objects.count() / festivals < 13
    assert 1.0 < Decision.objects.count() / festivals < 1.3
    assert 4.5 < Tribute.objects.count() / festivals < 7.5
    assert MovementModel.objects.exists() and ProgrammeItem.objects.exists()
    assert FestivalReport.objects.filter(festival__status=FestivalStatus.PUBLISHED).count() == (
        Festival.objects.filter(status=FestivalStatus.PUBLISHED).count()
    )
    assert lines[-1].splitlines()[-1].startswith("Done in")


def test_generate_national_has_every_status_and_upcoming_announcements(generated):
    statuses = set(Festival.objects.values_list("status", flat=True))
    assert statuses == set(FestivalStatus.values)
    assert Festival.objects.announced().exists()
    # A scheduled festival whose date passed without a report: the public sees it held.
    assert Festival.objects.in_status(FestivalStatus.HELD).filter(status="scheduled").exists()
    assert Festival.objects.filter(status=FestivalStatus.PUBLISHED).count() > (
        0.7 * Festival.objects.count()
    )


def test_generate_national_fills_the_statistics_summaries(generated):
    published = Festival.objects.filter(status=FestivalStatus.PUBLISHED).count()
    assert headline_figures()["festival_count"] == published > 0


def test_generate_national_records_years_before_2025_at_the_old_communes(generated):
    before = Festival.objects.filter(year__lt=2025).select_related("host_unit__parent")
    assert before.exists()
    assert {f.host_unit.valid_to for f in before} == {LAST_THREE_TIER_DAY}
    # Three tiers then: the commune's parent is a district.
    assert {f.host_unit.parent.level for f in before} == {2}
    since = Festival.objects.filter(year__gte=2025).select_related("host_unit__parent")
    assert since.exists()
    assert {f.host_unit.valid_to for f in since} == {None}
    assert {f.host_unit.parent.level for f in since} == {1}
    festival = before.first()
    assert festival.title == (
        f"Ngày hội toàn dân bảo vệ an ninh Tổ quốc {festival.host_unit.name[0].lower()}"
        f"{festival.host_unit.name[1:]} năm {festival.year}"
    )
    assert festival.starts_at.year == festival.year


def test_generate_national_fills_search_columns_as_the_models_do(generated):
    for festival in Festival.objects.select_related("host_unit__parent__parent").order_by("pk")[
        :20
    ]:
        assert festival.search_text == festival.build_search_text()
    old = Festival.objects.filter(year__lt=2025, status="published").first()
    assert old.search_text == old.build_search_text()
    for model in (Delegate, Award, Decision):
        for row in model.objects.order_by("pk")[:200]:
            assert row.search_text == row.build_search_text(), row
    for row in MovementModel.objects.select_related("unit__parent__parent", "category")[:50]:
        assert row.search_text == row.build_search_text()


def test_generate_national_names_people_with_diacritics(generated):
    names = list(Delegate.objects.values_list("full_name", flat=True)[:500])
    assert all(len(name.split()) == 3 for name in names)
    assert sum(name != normalized(name) for name in names) > 400
    assert Delegate.objects.filter(full_name__startswith="Nguyễn ").exists()


def test_generate_national_second_run_does_nothing(generated):
    counts, _lines = generated
    last_festival = Festival.objects.order_by("-pk").values_list("pk", "search_text").first()
    lines = []
    assert generate_national(scale=SCALE, log=lines.append) == counts
    assert lines == [f"The national data set at scale {SCALE} is already complete; nothing to do."]
    assert Festival.objects.order_by("-pk").values_list("pk", "search_text").first() == (
        last_festival
    )


def test_generate_national_another_scale_replaces_the_data(generated):
    counts = generate_national(scale=0.001, log=lambda line: None)
    assert counts["festivals"] == Festival.objects.count() < generated[0]["festivals"]
    assert Festival.objects.values("year", "slug").distinct().count() == counts["festivals"]
    assert not Delegate.objects.exclude(festival__in=Festival.objects.all()).exists()


def test_generate_national_refuses_a_database_with_other_festivals(generated):
    FestivalFactory(host_unit=Festival.objects.first().host_unit, year=2027)
    with pytest.raises(Refused, match="1 festivals the generator did not make"):
        generate_national(scale=0.002, log=lambda line: None)


def test_generate_national_command_needs_a_positive_scale(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--scale must be above 0"):
        call_command("generate_national", "--scale", "0", stdout=io.StringIO())


def test_generated_slugs_skip_those_taken_by_a_commune_named_with_a_number():
    from demo.national.run import Generation

    gen = Generation.__new__(Generation)
    gen.slugs = {}
    slugs = [gen.slug(2021, base) for base in ["xa-xuan-tho", "xa-xuan-tho-2", "xa-xuan-tho"]]
    assert slugs == ["xa-xuan-tho", "xa-xuan-tho-2", "xa-xuan-tho-3"]


def test_generator_user_cannot_sign_in(generated):
    from accounts.models import User

    user = User.objects.get(username=GENERATOR_USERNAME)
    assert not user.is_active
    assert Festival.objects.exclude(created_by=user).count() == 0
    assert datetime.date(2016, 1, 1) <= Festival.objects.earliest("starts_at").starts_at.date()
