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
from events.tasks import photo_renditions_task
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
                "state": "ready",
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


def save_url(festival):
    return reverse("photos:photos.save", args=[festival.pk])


def photo_values(photo, order, **values):
    prefix = f"photo-{photo.pk}"
    data = {f"{prefix}-order": str(order)}
    data.update({f"{prefix}-{name}": value for name, value in values.items()})
    return data


def test_one_form_saves_the_texts_of_every_photo(client, held, commune_official):
    first = add(held, commune_official)
    second = add(held, commune_official, caption="Cũ")
    client.force_login(commune_official)
    page = client.get(list_url(held)).content.decode()
    assert page.count('data-testid="photos-form"') == 1
    assert f'action="{save_url(held)}"' in page

    response = client.post(
        save_url(held),
        {
            **photo_values(
                first,
                1,
                caption="Trao Bằng khen",
                alt_text="Lãnh đạo huyện trao Bằng khen cho khu phố",
                credit="Nguyễn Văn An",
            ),
            **photo_values(second, 2, caption="Văn nghệ", alt_text="Đội văn nghệ", is_public="on"),
        },
    )

    assert response.status_code == 302
    assert response.url == list_url(held) + "#photo-list"
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.caption, first.alt_text, first.credit, first.is_public) == (
        "Trao Bằng khen",
        "Lãnh đạo huyện trao Bằng khen cho khu phố",
        "Nguyễn Văn An",
        False,
    )
    assert (second.caption, second.alt_text, second.is_public) == ("Văn nghệ", "Đội văn nghệ", True)


def test_one_refused_photo_saves_nothing_and_keeps_every_photos_typing_and_message(
    client, held, commune_official
):
    first = add(held, commune_official, caption="Cũ")
    second = add(held, commune_official, caption="Cũ nữa")
    client.force_login(commune_official)

    response = client.post(
        save_url(held),
        {
            **photo_values(first, 1, caption="Mới", alt_text="Mô tả mới", is_public="on"),
            **photo_values(second, 0, caption="Mới nữa", is_public="on"),
        },
    )

    assert response.status_code == 400
    forms = {p.pk: f for p, f in response.context["rows"]}
    assert list(forms[second.pk].errors) == ["order"]
    assert forms[first.pk].errors == {}
    content = response.content.decode()
    assert 'value="Mới"' in content and 'value="Mới nữa"' in content
    assert "Mô tả mới" in content
    assert 'data-testid="photo-errors"' in content
    assert f'href="#photo-{second.pk}"' in content
    assert page_messages(response) == [
        in_vietnamese(
            "Nothing was saved: %(count)d photo needs correcting; see the message next to it.",
            count=1,
        )
    ]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.caption, second.caption) == ("Cũ", "Cũ nữa")


def test_the_positions_typed_in_reorder_the_photos(client, held, commune_official):
    a, b, c = (add(held, commune_official, caption=n) for n in "abc")
    client.force_login(commune_official)

    client.post(
        save_url(held),
        {
            **photo_values(a, 3, caption="a"),
            **photo_values(b, 1, caption="b"),
            **photo_values(c, 2, caption="c"),
        },
    )

    assert [p.caption for p in photos.festival_photos(held)] == ["b", "c", "a"]


def test_a_move_button_saves_the_typing_too(client, held, commune_official):
    a, b = (add(held, commune_official, caption=n) for n in "ab")
    client.force_login(commune_official)

    response = client.post(
        save_url(held),
        {
            **photo_values(a, 1, caption="a", alt_text="Mô tả a"),
            **photo_values(b, 2, caption="b", alt_text="Mô tả b"),
            "move": f"{b.pk}:up",
        },
    )

    assert response.url == list_url(held) + f"#photo-{b.pk}"
    assert [(p.caption, p.alt_text) for p in photos.festival_photos(held)] == [
        ("b", "Mô tả b"),
        ("a", "Mô tả a"),
    ]


def test_a_photo_added_meanwhile_stays_as_it_is_and_last(client, held, commune_official):
    a = add(held, commune_official, caption="a")
    client.force_login(commune_official)
    add(held, commune_official, caption="added in another tab")

    client.post(save_url(held), photo_values(a, 5, caption="a2"))

    assert [p.caption for p in photos.festival_photos(held)] == ["a2", "added in another tab"]


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


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_photo_page_query_count_is_fixed_while_photos_are_processing(
    tasks_held, client, held, commune_official, django_assert_num_queries, rows
):
    for _n in range(rows):
        add(held, commune_official, image_bytes("JPEG", size=(40, 30)))
    client.force_login(commune_official)
    client.get(list_url(held))

    with django_assert_num_queries(9):
        response = client.get(list_url(held))
    assert response.content.decode().count('data-state="processing"') == rows


# Renditions made in the background (events.tasks) ---------------------------------------------

PROCESSING = (
    "Processing: the sizes of this photo are being made. This takes a few seconds; the page "
    "shows the photo when they are ready."
)


def state_url(festival, photo):
    return reverse("photos:photo.state", args=[festival.pk, photo.pk])


def test_an_upload_answers_at_once_while_the_renditions_are_queued(
    tasks_held, client, held, commune_official
):
    client.force_login(commune_official)

    response = client.post(
        upload_url(held),
        {"photos": upload(image_bytes("JPEG"), name="chao-co.jpg")},
        headers={"Accept": "application/json"},
    )

    photo = FestivalPhoto.objects.get()
    assert response.status_code == 201
    assert response.json()["results"] == [
        {
            "name": "chao-co.jpg",
            "ok": True,
            "message": in_vietnamese(
                "“%(name)s” was received; its sizes are being made.", name="chao-co.jpg"
            ),
            "id": photo.pk,
            "state": "processing",
            "thumbnail": None,
        }
    ]


def test_a_processing_photo_polls_for_its_picture_until_it_is_made(
    tasks_held, client, held, commune_official
):
    photo = add(held, commune_official, alt_text="Chào cờ")
    client.force_login(commune_official)

    page = client.get(list_url(held)).content.decode()
    figure = client.get(state_url(held, photo)).content.decode()

    for html in (page, figure):
        assert escape(in_vietnamese(PROCESSING)) in html
        assert (
            f'hx-get="{state_url(held, photo)}" hx-trigger="every 3s" hx-swap="outerHTML"' in html
        )
        assert "<img" not in html.split('data-testid="photo-figure"')[1].split("</figure>")[0]

    photo_renditions_task.apply(
        kwargs={"job_id": str(photo.renditions_job_id), "language": "en", "photo_id": photo.pk}
    )
    photo.refresh_from_db()

    figure = client.get(state_url(held, photo)).content.decode()
    assert 'data-state="ready"' in figure
    assert "hx-get" not in figure
    assert f'<a href="{photo.large.url}"><img src="{photo.thumbnail.url}" alt="Chào cờ"' in figure
    assert in_vietnamese("Photo %(position)s, larger size", position=1) in figure
    assert "400×200" in figure


def test_a_failed_photo_tells_why_and_stops_polling(client, held, commune_official):
    whole = image_bytes("JPEG", size=(800, 600))
    client.force_login(commune_official)

    response = client.post(
        upload_url(held),
        {"photos": upload(whole[: len(whole) // 2], name="hong.jpg")},
        headers={"Accept": "application/json"},
    )

    damaged = (
        "The photo could not be read completely; the file may be damaged. Save it again or "
        "choose another."
    )
    photo = FestivalPhoto.objects.get()
    [result] = response.json()["results"]
    # The job's message is written in the uploader's language (Vietnamese on the site).
    reason = in_vietnamese(damaged)
    assert (result["ok"], result["state"], result["thumbnail"]) == (False, "failed", None)
    assert result["message"] == in_vietnamese(
        "“%(name)s” was received, but its sizes could not be made: %(reason)s",
        name="hong.jpg",
        reason=reason,
    )
    page = client.get(list_url(held)).content.decode()
    failed = in_vietnamese(
        "This photo could not be processed: %(reason)s Delete it and upload the photo again.",
        reason=reason,
    )
    assert escape(failed) in page
    assert 'data-state="failed"' in page
    assert "hx-trigger" not in page.split(f'id="photo-{photo.pk}-figure"')[1].split("</figure>")[0]
    assert client.get(reverse("photos:photo.delete", args=[held.pk, photo.pk])).status_code == 200


def test_the_picture_of_a_photo_of_another_festival_is_404(
    client, held, commune_official, district_staff, area
):
    other = make_festival(
        user=commune_official,
        host_unit=area.dong_son_ward,
        day=datetime.date.today() - datetime.timedelta(days=40),
        approver=district_staff,
    )
    photo = add(other, commune_official)
    client.force_login(commune_official)

    assert client.get(state_url(held, photo)).status_code == 404
    assert client.get(state_url(other, photo)).status_code == 200


# Scope and permissions on every URL ------------------------------------------------------------


def photo_urls(festival, photo):
    return [
        ("get", reverse("photos:photo.list", args=[festival.pk])),
        ("post", reverse("photos:photo.upload", args=[festival.pk])),
        ("post", reverse("photos:photo.reorder", args=[festival.pk])),
        ("post", reverse("photos:photos.save", args=[festival.pk])),
        ("get", reverse("photos:photo.state", args=[festival.pk, photo.pk])),
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
    # Its values posted with this festival's photos are not taken.
    client.post(save_url(held), photo_values(photo, 1, caption="Đổi"))
    photo.refresh_from_db()
    assert photo.caption == ""


def test_district_staff_may_use_the_photo_page(client, held, district_staff):
    client.force_login(district_staff)

    response = client.post(upload_url(held), {"photos": upload(image_bytes("JPEG"))})

    assert response.status_code == 302
    assert FestivalPhoto.objects.get().uploaded_by == district_staff
