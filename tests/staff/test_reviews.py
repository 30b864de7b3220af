"""The district reviews, on the festival page, what the commune added to or changed on a
published report (staff/views/reviews.py); the commune reads what waits and why something was
turned down."""

import datetime

import pytest
from django.contrib import messages
from django.urls import reverse
from django.utils.html import escape

from events import photos
from events.models import Festival, FestivalDocument, FestivalPhoto
from tests.conftest import in_vietnamese
from tests.factories.events import add_document, make_festival, publish_report
from tests.factories.events import add_photo as add


@pytest.fixture
def published(held, commune_official, district_staff):
    publish_report(held, commune_official, district_staff)
    return Festival.objects.get(pk=held.pk)


@pytest.fixture
def waiting_photo(published, commune_official):
    return add(published, commune_official, caption="Văn nghệ", alt_text="Đội văn nghệ biểu diễn")


def approve_url(photo, kind="photo"):
    return reverse("photos:media.approve", args=[photo.festival_id, kind, photo.pk])


def reject_url(photo, kind="photo"):
    return reverse("photos:media.reject", args=[photo.festival_id, kind, photo.pk])


def detail(client, festival):
    return client.get(reverse("events:festival.detail", args=[festival.pk]))


def page_messages(response):
    return [str(m) for m in messages.get_messages(response.wsgi_request)]


def test_district_staff_see_what_waits_and_approve_it(
    client, published, waiting_photo, district_staff
):
    client.force_login(district_staff)

    content = detail(client, published).content.decode()
    assert content.count('data-testid="media-waiting-item"') == 1
    assert f'action="{approve_url(waiting_photo)}"' in content
    assert f'action="{reject_url(waiting_photo)}"' in content

    response = client.post(approve_url(waiting_photo))

    assert response.status_code == 302
    assert response.url.endswith("#media-review")
    waiting_photo.refresh_from_db()
    assert waiting_photo.review_state == "approved"
    public = client.get(published.get_public_url()).content.decode()
    assert 'alt="Đội văn nghệ biểu diễn"' in public
    assert 'data-testid="media-review"' not in detail(client, published).content.decode()


def test_the_public_page_does_not_show_a_photo_waiting_for_review(client, published, waiting_photo):
    response = client.get(published.get_public_url())

    assert 'alt="Đội văn nghệ biểu diễn"' not in response.content.decode()
    assert client.get(waiting_photo.large.url).status_code == 404


def test_turning_down_with_a_reason_tells_the_commune(
    client, published, waiting_photo, district_staff, commune_official
):
    client.force_login(district_staff)
    client.post(reject_url(waiting_photo), {"reason": "Ảnh không liên quan đến Ngày hội."})
    waiting_photo.refresh_from_db()
    assert waiting_photo.review_state == "rejected"

    client.force_login(commune_official)
    content = detail(client, published).content.decode()
    assert 'data-testid="media-turned-down-item"' in content
    assert escape("Ảnh không liên quan đến Ngày hội.") in content
    assert 'data-testid="media-waiting-item"' not in content


def test_turning_down_without_a_reason_changes_nothing_and_says_why(
    client, published, waiting_photo, district_staff
):
    client.force_login(district_staff)

    response = client.post(reject_url(waiting_photo), {"reason": "  "})

    assert response.status_code == 302
    waiting_photo.refresh_from_db()
    assert waiting_photo.review_state == "pending"
    assert len(page_messages(response)) == 1


def test_the_commune_is_told_what_waits_and_has_no_buttons(
    client, published, waiting_photo, commune_official
):
    add_document(published, commune_official)
    client.force_login(commune_official)

    content = detail(client, published).content.decode()

    assert 'data-testid="media-waiting-notice"' in content
    assert content.count('data-testid="media-waiting-item"') == 2
    assert approve_url(waiting_photo) not in content
    assert client.post(approve_url(waiting_photo)).status_code == 403
    assert client.post(reject_url(waiting_photo), {"reason": "x"}).status_code == 403
    waiting_photo.refresh_from_db()
    assert waiting_photo.review_state == "pending"


def test_the_photo_page_says_that_changes_now_wait(
    client, published, waiting_photo, commune_official, district_staff
):
    approved = add(published, district_staff, caption="Chào cờ", alt_text="Chào cờ")
    photos.festival_photo_update(photo=approved, user=commune_official, caption="Lễ chào cờ")
    client.force_login(commune_official)

    response = client.get(reverse("photos:photo.list", args=[published.pk]))

    content = response.content.decode()
    assert 'data-testid="review-notice"' in content
    assert content.count('data-testid="review-state"') == 2
    assert in_vietnamese("Changes wait for the district's approval") in content
    # The form shows what the commune asked for, to edit on.
    rows = dict(response.context["rows"])
    assert rows[approved].initial["caption"] == "Lễ chào cờ"


def test_a_held_festival_without_anything_waiting_has_no_review_section(
    client, held, commune_official
):
    add(held, commune_official, alt_text="Chào cờ")
    client.force_login(commune_official)

    assert 'data-testid="media-review"' not in detail(client, held).content.decode()


# Scope and permissions --------------------------------------------------------------------------


def review_urls(item, kind):
    return [approve_url(item, kind), reject_url(item, kind)]


def test_review_urls_are_404_outside_the_users_scope(
    client, published, waiting_photo, commune_official, other_commune_official
):
    document = add_document(published, commune_official)
    client.force_login(other_commune_official)

    for url in [*review_urls(waiting_photo, "photo"), *review_urls(document, "document")]:
        assert client.post(url, {"reason": "x"}).status_code == 404, url
    assert set(FestivalPhoto.objects.values_list("review_state", flat=True)) == {"pending"}
    assert set(FestivalDocument.objects.values_list("review_state", flat=True)) == {"pending"}


def test_review_urls_are_404_for_an_unknown_kind_or_another_festivals_row(
    client, published, waiting_photo, commune_official, district_staff, area
):
    other = make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        day=datetime.date.today() - datetime.timedelta(days=40),
        approver=district_staff,
    )
    client.force_login(district_staff)

    assert client.post(approve_url(waiting_photo, "delegate")).status_code == 404
    wrong = reverse("photos:media.approve", args=[other.pk, "photo", waiting_photo.pk])
    assert client.post(wrong).status_code == 404
    assert client.post(approve_url(waiting_photo, "document")).status_code == 404


def test_review_urls_take_only_post(client, published, waiting_photo, district_staff):
    client.force_login(district_staff)

    for url in review_urls(waiting_photo, "photo"):
        assert client.get(url).status_code == 405, url


def test_review_urls_send_visitors_to_sign_in_and_refuse_users_without_a_role(
    client, published, waiting_photo, user_without_role
):
    for url in review_urls(waiting_photo, "photo"):
        response = client.post(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login") + "?next="), url
    client.force_login(user_without_role)
    for url in review_urls(waiting_photo, "photo"):
        assert client.post(url).status_code == 403, url


def test_staff_festival_page_reads_the_media_review_only_when_there_is_one(
    client, published, district_staff, commune_official, django_assert_max_num_queries
):
    """Without anything waiting the page does not read the photos and documents for review (the
    festival's own query says there is none); with a photo waiting, two queries list them."""
    client.force_login(district_staff)
    detail(client, published)
    with django_assert_max_num_queries(14):
        assert detail(client, published).context["media_review"] is None
    add(published, commune_official, caption="Văn nghệ", alt_text="Đội văn nghệ biểu diễn")
    with django_assert_max_num_queries(16):
        review = detail(client, published).context["media_review"]
    assert [photo.caption for photo in review.waiting] == ["Văn nghệ"]
