"""The staff photo page of a festival (staff/views/photos.py), through the test client.
Pages are served in Vietnamese; messages are compared through the Vietnamese catalogue so the
tests hold whether or not a string is translated yet.
"""

import datetime

import pytest
from django.contrib import messages
from django.urls import resolve, reverse
from django.utils.html import escape

from events import photos
from events.models import FestivalPhoto
from tests.conftest import in_vietnamese
from tests.factories.events import add_photo as add
from tests.factories.events import make_festival
from tests.images import (
    TEXT_AS_JPEG,
    image_bytes,
    png_header_only,
    stored_files,
    upload,
)

NOT_A_PHOTO = "This file is not a JPEG, PNG or WebP photo. Choose a photo in one of those formats."
TOO_MANY_PIXELS = (
    "The photo has too many pixels (at most %(limit)s megapixels). Reduce its size and try again."
)
NOT_HELD = (
    "Photos and documents are added once the festival has been held; this festival is %(status)s."
)
NOT_ADDED = "“%(name)s” was not added: %(reason)s"


def page_messages(response):
    return [str(m) for m in messages.get_messages(response.wsgi_request)]


def list_url(festival):
    return reverse("photos:photo.list", args=[festival.pk])


def upload_url(festival):
    return reverse("photos:photo.upload", args=[festival.pk])


# The staff page --------------------------------------------------------------------------------


def test_the_photo_page_address_reaches_the_photo_page():
    # /manage/festivals/<pk>/photos/ must not be taken by the festival routes mounted before it
    # (such as "<pk>/<action>/" for the lifecycle buttons).
    assert resolve("/manage/festivals/7/photos/").view_name == "photos:photo.list"
    assert resolve("/manage/festivals/7/photos/upload/").view_name == "photos:photo.upload"


def test_photo_page_lists_the_photos_with_their_forms(client, held, commune_official):
    add(held, commune_official, caption="Chào cờ", alt_text="Hàng người chào cờ")
    add(held, commune_official, caption="Văn nghệ")
    client.force_login(commune_official)

    response = client.get(list_url(held))

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count('data-testid="photo-row"') == 2
    assert 'multiple accept="image/jpeg,image/png,image/webp"' in content
    rows = response.context["rows"]
    assert [(p.caption, f.initial["order"]) for p, f in rows] == [("Chào cờ", 1), ("Văn nghệ", 2)]
    assert 'alt="Hàng người chào cờ"' in content
    assert response.context["missing_alt_text"] == 1
    assert 'data-testid="missing-alt-text"' in content


def test_photo_page_of_a_festival_not_yet_held_has_no_upload_form(
    client, upcoming, commune_official
):
    client.force_login(commune_official)

    response = client.get(list_url(upcoming))

    content = response.content.decode()
    assert escape(in_vietnamese(NOT_HELD, status=in_vietnamese("scheduled"))) in content
    assert 'data-testid="photo-upload-form"' not in content
    assert 'data-testid="document-form"' not in content


def test_several_photos_at_once_keep_the_good_ones_and_explain_the_bad_one(
    client, held, commune_official
):
    client.force_login(commune_official)

    response = client.post(
        upload_url(held),
        {
            "photos": [
                upload(image_bytes("JPEG"), name="chao-co.jpg"),
                upload(TEXT_AS_JPEG, name="ghi-chu.jpg"),
                upload(image_bytes("PNG", size=(640, 480)), name="van-nghe.png"),
            ],
            "credit": "Công an phường Đông Sơn",
        },
    )

    assert response.status_code == 302
    assert response.url == list_url(held) + "#photo-list"
    stored = list(photos.festival_photos(held))
    assert [(p.order, p.width, p.credit) for p in stored] == [
        (1, 400, "Công an phường Đông Sơn"),
        (2, 640, "Công an phường Đông Sơn"),
    ]
    refusal = in_vietnamese(NOT_ADDED, name="ghi-chu.jpg", reason=in_vietnamese(NOT_A_PHOTO))
    assert refusal in page_messages(response)
    page = client.get(response.url)
    assert escape(refusal) in page.content.decode()
    assert page.content.decode().count('data-testid="photo-row"') == 2


def test_uploading_without_choosing_a_file_says_so(client, held, commune_official):
    client.force_login(commune_official)

    response = client.post(upload_url(held), {"credit": ""})

    assert page_messages(response) == [in_vietnamese("Choose at least one photo.")]
    assert FestivalPhoto.objects.count() == 0


def test_upload_answers_json_per_file(client, held, commune_official):
    client.force_login(commune_official)

    good = client.post(
        upload_url(held),
        {"photos": upload(image_bytes("JPEG"), name="chao-co.jpg")},
        headers={"Accept": "application/json"},
    )
    bad = client.post(
        upload_url(held),
        {"photos": upload(png_header_only(20_000, 20_000), name="bom.png")},
        headers={"Accept": "application/json"},
    )

    photo = FestivalPhoto.objects.get()
    assert good.status_code == 201
    assert good.json() == {
        "results": [
            {
                "name": "chao-co.jpg",
                "ok": True,
                "message": in_vietnamese("“%(name)s” was added.", name="chao-co.jpg"),
                "id": photo.pk,
                "thumbnail": photo.thumbnail.url,
            }
        ],
        "errors": [],
        "missing_alt_text": 1,
    }
    assert bad.status_code == 400
    assert bad.json()["results"] == [
        {
            "name": "bom.png",
            "ok": False,
            "message": in_vietnamese(
                NOT_ADDED,
                name="bom.png",
                reason=in_vietnamese(TOO_MANY_PIXELS) % {"limit": 40},
            ),
        }
    ]
    assert page_messages(bad) == []


def test_json_upload_of_several_files_answers_for_each(client, held, commune_official):
    client.force_login(commune_official)

    response = client.post(
        upload_url(held),
        {
            "photos": [
                upload(image_bytes("JPEG"), name="a.jpg"),
                upload(TEXT_AS_JPEG, name="b.jpg"),
            ]
        },
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 400
    assert [(r["name"], r["ok"]) for r in response.json()["results"]] == [
        ("a.jpg", True),
        ("b.jpg", False),
    ]
    assert FestivalPhoto.objects.count() == 1


def test_json_upload_to_a_festival_not_yet_held_is_refused_per_file(
    client, upcoming, commune_official
):
    client.force_login(commune_official)

    response = client.post(
        upload_url(upcoming),
        {"photos": upload(image_bytes("JPEG"), name="a.jpg")},
        headers={"Accept": "application/json"},
    )

    assert response.status_code == 400
    reason = in_vietnamese(NOT_HELD, status=in_vietnamese("scheduled"))
    assert response.json()["results"][0]["message"] == in_vietnamese(
        NOT_ADDED, name="a.jpg", reason=reason
    )


def test_photo_form_saves_the_texts(client, held, commune_official):
    photo = add(held, commune_official)
    client.force_login(commune_official)
    prefix = f"photo-{photo.pk}"

    response = client.post(
        reverse("photos:photo.update", args=[held.pk, photo.pk]),
        {
            f"{prefix}-caption": "Trao Bằng khen",
            f"{prefix}-alt_text": "Lãnh đạo huyện trao Bằng khen cho khu phố",
            f"{prefix}-credit": "Nguyễn Văn An",
            f"{prefix}-order": "1",
        },
    )

    assert response.status_code == 302
    assert response.url == list_url(held) + f"#photo-{photo.pk}"
    photo.refresh_from_db()
    assert (photo.caption, photo.alt_text, photo.credit, photo.is_public) == (
        "Trao Bằng khen",
        "Lãnh đạo huyện trao Bằng khen cho khu phố",
        "Nguyễn Văn An",
        False,
    )


def test_photo_form_with_a_bad_position_shows_the_page_again(client, held, commune_official):
    photo = add(held, commune_official, caption="Cũ")
    client.force_login(commune_official)
    prefix = f"photo-{photo.pk}"

    response = client.post(
        reverse("photos:photo.update", args=[held.pk, photo.pk]),
        {f"{prefix}-caption": "Mới", f"{prefix}-order": "0", f"{prefix}-is_public": "on"},
    )

    assert response.status_code == 400
    form = {p.pk: f for p, f in response.context["rows"]}[photo.pk]
    assert list(form.errors) == ["order"]
    assert 'value="Mới"' in response.content.decode()
    photo.refresh_from_db()
    assert photo.caption == "Cũ"


def test_move_buttons_reorder_the_photos(client, held, commune_official):
    a, _b, c = (add(held, commune_official, caption=n) for n in "abc")
    client.force_login(commune_official)

    response = client.post(
        reverse("photos:photo.reorder", args=[held.pk]), {"photo": a.pk, "direction": "down"}
    )
    client.post(reverse("photos:photo.reorder", args=[held.pk]), {"photo": c.pk, "direction": "up"})

    assert response.url == list_url(held) + f"#photo-{a.pk}"
    assert list(photos.festival_photos(held).values_list("caption", flat=True)) == ["b", "c", "a"]


def test_delete_asks_first_then_deletes(
    client, held, commune_official, media_root, django_capture_on_commit_callbacks
):
    photo = add(held, commune_official, caption="Bế mạc")
    client.force_login(commune_official)
    url = reverse("photos:photo.delete", args=[held.pk, photo.pk])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Bế mạc" in confirm.content.decode()
    assert FestivalPhoto.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)

    assert response.status_code == 302
    assert page_messages(response) == [in_vietnamese("The photo was deleted.")]
    assert FestivalPhoto.objects.count() == 0
    assert stored_files(media_root) == []


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_photo_page_query_count_is_fixed(
    client, held, commune_official, django_assert_num_queries, rows
):
    for _n in range(rows):
        add(held, commune_official, image_bytes("JPEG", size=(40, 30)))
    client.force_login(commune_official)
    client.get(list_url(held))

    # session, user, savepoint, roles, festival, scope check, photos, documents, release
    with django_assert_num_queries(9):
        response = client.get(list_url(held))
    assert len(response.context["rows"]) == rows


# Scope and permissions on every URL ------------------------------------------------------------


def photo_urls(festival, photo):
    return [
        ("get", reverse("photos:photo.list", args=[festival.pk])),
        ("post", reverse("photos:photo.upload", args=[festival.pk])),
        ("post", reverse("photos:photo.reorder", args=[festival.pk])),
        ("post", reverse("photos:photo.update", args=[festival.pk, photo.pk])),
        ("get", reverse("photos:photo.delete", args=[festival.pk, photo.pk])),
        ("post", reverse("photos:photo.delete", args=[festival.pk, photo.pk])),
    ]


def test_every_photo_url_is_404_outside_the_users_scope(
    client, held, commune_official, other_commune_official
):
    photo = add(held, commune_official)
    client.force_login(other_commune_official)

    for method, url in photo_urls(held, photo):
        assert getattr(client, method)(url).status_code == 404, url
    assert FestivalPhoto.objects.count() == 1


def test_every_photo_url_is_403_without_a_role(client, held, commune_official, user_without_role):
    photo = add(held, commune_official)
    client.force_login(user_without_role)

    for method, url in photo_urls(held, photo):
        assert getattr(client, method)(url).status_code == 403, url


def test_every_photo_url_sends_visitors_to_sign_in(client, held, commune_official):
    photo = add(held, commune_official)

    for method, url in photo_urls(held, photo):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login") + "?next="), url


def test_a_photo_of_another_festival_is_404(client, held, commune_official, district_staff, area):
    other = make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        day=datetime.date.today() - datetime.timedelta(days=40),
        approver=district_staff,
    )
    photo = add(other, commune_official)
    client.force_login(commune_official)

    assert client.get(reverse("photos:photo.delete", args=[held.pk, photo.pk])).status_code == 404
    response = client.post(reverse("photos:photo.update", args=[held.pk, photo.pk]), {})
    assert response.status_code == 404


def test_district_staff_may_use_the_photo_page(client, held, district_staff):
    client.force_login(district_staff)

    response = client.post(upload_url(held), {"photos": upload(image_bytes("JPEG"))})

    assert response.status_code == 302
    assert FestivalPhoto.objects.get().uploaded_by == district_staff
