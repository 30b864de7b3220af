"""The gallery of public photos on the public festival page."""

from django.template.loader import render_to_string

from events import photos
from events.models import Festival
from tests.factories.events import add_photo as add
from tests.images import (
    image_bytes,
)


def test_gallery_shows_public_described_photos_with_links_to_the_large_size(
    held, commune_official, django_assert_num_queries
):
    shown = add(
        held,
        commune_official,
        image_bytes("JPEG", size=(800, 600)),
        caption="Lễ chào cờ",
        alt_text="Hàng trăm người dân đứng chào cờ",
        credit="Công an phường",
    )
    portrait = add(
        held, commune_official, image_bytes("JPEG", size=(300, 600)), alt_text="Tiết mục múa"
    )
    add(held, commune_official, caption="Chưa mô tả")
    hidden = add(held, commune_official, caption="Ảnh nội bộ", alt_text="Họp ban tổ chức")
    photos.festival_photo_update(photo=hidden, user=commune_official, is_public=False)

    festival = Festival.objects.prefetch_related(photos.public_photos_prefetch()).get(pk=held.pk)
    with django_assert_num_queries(0):
        html = render_to_string("includes/festivals/_gallery.html", {"festival": festival})

    assert [p.pk for p in festival.public_photos] == [shown.pk, portrait.pk]
    assert f'<a class="gallery-link" href="{shown.large.url}" data-gallery-item' in html
    assert (
        f'<img src="{shown.thumbnail.url}" alt="Hàng trăm người dân đứng chào cờ" '
        'width="400" height="300"'
    ) in html
    assert 'alt="Tiết mục múa" width="200" height="400"' in html
    assert "Lễ chào cờ" in html
    assert "Công an phường" in html
    assert "Chưa mô tả" not in html
    assert "Ảnh nội bộ" not in html
    assert "<script" not in html and "style=" not in html


def test_gallery_is_empty_without_public_photos(held):
    festival = Festival.objects.prefetch_related(photos.public_photos_prefetch()).get(pk=held.pk)

    assert (
        render_to_string("includes/festivals/_gallery.html", {"festival": festival}).strip() == ""
    )
