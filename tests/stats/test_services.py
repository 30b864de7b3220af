"""The summary tables follow the writes: a report published or unpublished, awards and tributes
of published festivals changed, one refresh per transaction after it commits."""

import pytest
from django.core.management import call_command
from django.db import transaction

from awards import services as award_services
from awards.models import Award, AwardForm
from events.enums import FestivalStatus
from events.models import Festival
from stats import selectors
from stats.models import AwardSummary, FestivalSummary, TributeSummary
from stats.selectors import StatsFilters
from stats.services import _summaries_refresh_queue
from tests.factories.awards import AwardFactory, DecisionFactory, IssuingAuthorityFactory
from tests.factories.events import publish_report
from tests.fixtures.celery import wait_for


def refreshes(callbacks):
    """How many of a transaction's on-commit callbacks refresh the summaries."""
    return sum(getattr(c, "callback", None) is _summaries_refresh_queue for c in callbacks)


def published_count():
    return selectors.headline_figures()["festival_count"]


def test_publishing_a_report_counts_it_once_the_transaction_commits(
    held, commune_official, district_staff, django_capture_on_commit_callbacks
):
    assert published_count() == 0
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        publish_report(held, commune_official, district_staff)
        assert published_count() == 0  # not before the commit
    # Every save of the step asked for it; one refresh ran (besides the notifications' mail).
    assert refreshes(callbacks) == 1
    assert published_count() == 1
    assert selectors.attendance_by_year(StatsFilters(year=held.year))[0]["total_attendance"] == (
        420
    )


def test_unpublishing_takes_the_festival_out_of_the_figures(
    held, commune_official, district_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish_report(held, commune_official, district_staff)
    with django_capture_on_commit_callbacks(execute=True):
        festival = Festival.objects.get(pk=held.pk)
        festival.status = FestivalStatus.REPORT_SUBMITTED
        festival.save()
    assert published_count() == 0


def test_awards_written_in_bulk_on_a_published_festival_are_counted(
    area, held, commune_official, district_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish_report(held, commune_official, district_staff)
    authority = IssuingAuthorityFactory(unit=area.thanh_hoa)
    form = AwardForm.objects.get(code="bang-khen")
    authority.forms.add(form)
    decision = DecisionFactory(authority=authority)
    rows = [
        {
            "form": form,
            "recipient_kind": "individual",
            "recipient_name": f"Nguyễn Văn {n}",
            "festival": held,
        }
        for n in range(3)
    ]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        award_services.awards_import(decision=decision, user=district_staff, rows=rows)
    assert len(callbacks) == 1
    assert selectors.awards_by_form(StatsFilters()) == [
        {"form_name": "Bằng khen", "award_count": 3}
    ]


def test_awards_of_a_festival_not_published_refresh_nothing(
    area, held, django_capture_on_commit_callbacks
):
    decision = DecisionFactory(authority=IssuingAuthorityFactory(unit=area.thanh_hoa))
    with django_capture_on_commit_callbacks(execute=True):
        AwardFactory(decision=decision, festival=held)
    assert AwardSummary.objects.count() == 0
    assert FestivalSummary.objects.count() == 0


def test_a_rolled_back_transaction_refreshes_nothing(
    held, commune_official, district_staff, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        publish_report(held, commune_official, district_staff)
        raise RuntimeError
    assert callbacks == []
    assert published_count() == 0


def test_stats_rebuild_counts_data_loaded_without_the_application(area, held, capsys):
    Festival.objects.filter(pk=held.pk).update(status=FestivalStatus.PUBLISHED)
    assert published_count() == 0
    call_command("stats_rebuild")
    assert published_count() == 1
    assert "rebuilt" in capsys.readouterr().out
    assert TributeSummary.objects.count() == 0
    assert Award.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_worker_rebuilds_the_summaries_after_a_publication(
    celery_worker, held, commune_official, district_staff
):
    """With a broker the rebuild leaves the request: the page's transaction commits, a worker
    counts the published report."""
    publish_report(held, commune_official, district_staff)

    wait_for(lambda: FestivalSummary.objects.exists(), what="the summaries' rebuild")
    assert published_count() == 1
