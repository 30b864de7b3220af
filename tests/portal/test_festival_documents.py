"""The public documents of a festival, as the public festival page lists them."""

import datetime

from django.template.loader import render_to_string
from django.utils import translation

from events import photos
from events.enums import DocumentKind
from events.models import Festival
from tests.conftest import in_vietnamese
from tests.factories.events import add_document as add


def test_public_documents_show_kind_number_date_issuer_and_link(
    held, commune_official, django_assert_num_queries
):
    later = add(
        held,
        commune_official,
        kind=DocumentKind.DECISION,
        title="Quyết định khen thưởng",
        number="1234/QĐ-UBND",
        date=datetime.date(2025, 8, 10),
        issuer="UBND tỉnh Thanh Hóa",
    )
    earlier = add(held, commune_official)
    add(held, commune_official, title="Biên bản họp nội bộ", is_public=False)

    festival = Festival.objects.prefetch_related(photos.public_documents_prefetch()).get(pk=held.pk)
    with django_assert_num_queries(0), translation.override("vi"):
        html = render_to_string("includes/festivals/_documents.html", {"festival": festival})

    assert [d.pk for d in festival.public_documents] == [earlier.pk, later.pk]
    assert f'<a href="{later.file.url}" type="application/pdf">Quyết định khen thưởng</a>' in html
    assert in_vietnamese("no. %(number)s", number="1234/QĐ-UBND") in html
    assert '<time datetime="2025-08-10">10/08/2025</time>' in html
    assert "UBND tỉnh Thanh Hóa" in html
    assert in_vietnamese("decision").capitalize() in html
    assert "Biên bản họp nội bộ" not in html
    assert html.index("Kế hoạch tổ chức Ngày hội") < html.index("Quyết định khen thưởng")


def test_public_documents_include_is_empty_without_documents(held):
    festival = Festival.objects.prefetch_related(photos.public_documents_prefetch()).get(pk=held.pk)

    assert (
        render_to_string("includes/festivals/_documents.html", {"festival": festival}).strip() == ""
    )
