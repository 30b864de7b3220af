"""Concurrent requests on a real PostgreSQL: each in its own thread and connection."""

import datetime
import threading

import pytest
from django.db import connection

from accounts.models import User
from events import services
from events.models import Festival
from tests.factories.events import make_festival


def _in_threads(count, work):
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(index):
        try:
            barrier.wait()
            results[index] = work()
        except Exception as error:  # the outcome is what the test looks at
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_start_from_last_year_makes_each_draft_with_its_own_slug(area, commune_official):
    last_year = datetime.date.today().year - 1
    make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        day=datetime.date(last_year, 8, 19),
    )

    def copy():
        user = User.objects.get(pk=commune_official.pk)
        return services.festival_copy_previous(
            host_unit=area.dong_son_ward, user=user, year=last_year + 1
        ).slug

    slugs = _in_threads(3, copy)

    assert all(isinstance(slug, str) for slug in slugs), slugs
    assert sorted(slugs) == ["phuong-dong-son", "phuong-dong-son-2", "phuong-dong-son-3"]
    assert Festival.objects.filter(year=last_year + 1).count() == 3
