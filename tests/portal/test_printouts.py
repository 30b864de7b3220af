"""The public pages on paper carry their issuer, the day printed and their address."""

from django.urls import reverse
from django.utils import timezone

from tests.printing import print_header_text


def test_public_festival_page_prints_host_day_and_address(client, dong_son_festival):
    response = client.get(dong_son_festival.get_public_url())

    assert print_header_text(response.content.decode()) == (
        "Phường Đông Sơn, Tỉnh Thanh Hóa "
        f"In ngày {timezone.localdate():%d/%m/%Y} · "
        f"http://testserver{dong_son_festival.get_public_url()}"
    )


def test_stats_page_prints_the_site_day_and_address(client, db):
    response = client.get(reverse("stats:index"), {"year": "2023"})

    page = response.content.decode()
    assert print_header_text(page) == (
        f"Ngày hội ANTQ In ngày {timezone.localdate():%d/%m/%Y} · "
        "http://testserver/stats/?year=2023"
    )
    assert 'class="row g-2 align-items-end mb-3 no-print"' in page
