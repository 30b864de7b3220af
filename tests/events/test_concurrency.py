"""Concurrent requests on a real PostgreSQL: each in its own thread and connection."""

import datetime
import threading
import uuid

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
def test_concurrent_copies_from_separate_forms_make_each_draft_with_its_own_slug(
    area, commune_official
):
    last_year = datetime.date.today().year - 1
    source = make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        day=datetime.date(last_year, 8, 19),
    )

    def copy(token):
        user = User.objects.get(pk=commune_official.pk)
        return services.festival_copy(
            source=source, user=user, year=last_year + 2, token=token
        ).slug

    slugs = _in_threads(3, lambda: copy(str(uuid.uuid4())))

    assert all(isinstance(slug, str) for slug in slugs), slugs
    assert sorted(slugs) == ["phuong-dong-son", "phuong-dong-son-2", "phuong-dong-son-3"]
    assert Festival.objects.filter(year=last_year + 2).count() == 3


@pytest.mark.django_db(transaction=True)
def test_concurrent_posts_of_one_copy_form_make_one_draft(area, commune_official):
    last_year = datetime.date.today().year - 1
    source = make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        day=datetime.date(last_year, 8, 19),
    )
    token = str(uuid.uuid4())

    def copy():
        user = User.objects.get(pk=commune_official.pk)
        return services.festival_copy(source=source, user=user, year=last_year + 2, token=token).pk

    pks = _in_threads(3, copy)

    draft = Festival.objects.get(year=last_year + 2)
    assert pks == [draft.pk, draft.pk, draft.pk]
    assert draft.transitions.get().details == {"copied_from": source.pk, "copy_token": token}
