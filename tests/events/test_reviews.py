"""Photos and documents the commune adds to or changes on a published report wait for the
district (events.photos, events.reviews): the public page changes only on approval; every step
is in the audit trail."""

import json

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry

from core.errors import NotAllowed, ServiceError
from core.storage import is_private_name
from events import photos, reviews
from events.enums import ReviewState
from events.models import Festival, FestivalDocument, FestivalPhoto
from events.selectors import festival_public, festivals_awaiting_media_review
from tests.factories.events import add_document, publish_report
from tests.factories.events import add_photo as add


@pytest.fixture
def published(held, commune_official, district_staff):
    publish_report(held, commune_official, district_staff)
    return Festival.objects.get(pk=held.pk)


def public_page(festival):
    return festival_public(year=festival.year, slug=festival.slug)


def files_private(photo):
    return [is_private_name(f.name) for f in (photo.image, photo.large, photo.thumbnail)]


# Before publication nothing waits ----------------------------------------------------------------


def test_before_publication_the_communes_photos_are_approved_at_once(held, commune_official):
    photo = add(held, commune_official, alt_text="Chào cờ")

    assert photo.review_state == ReviewState.APPROVED
    assert files_private(photo) == [False, False, False]


def test_supervising_staff_adding_to_a_published_report_need_no_review(published, district_staff):
    photo = add(published, district_staff, alt_text="Chào cờ")
    document = add_document(published, district_staff)

    assert (photo.review_state, document.review_state) == ("approved", "approved")
    assert list(public_page(published).public_photos) == [photo]
    assert list(public_page(published).public_documents) == [document]


# Additions -----------------------------------------------------------------------------------


def test_a_photo_added_after_publication_waits_and_its_files_stay_private(
    published, commune_official
):
    photo = add(published, commune_official, alt_text="Văn nghệ")

    assert photo.review_state == ReviewState.PENDING
    assert files_private(photo) == [True, True, True]
    assert public_page(published).public_photos == []


def test_approving_a_new_photo_makes_it_public(published, commune_official, district_staff):
    photo = add(published, commune_official, alt_text="Văn nghệ")

    reviews.festival_media_approve(item=photo, user=district_staff)

    photo.refresh_from_db()
    assert photo.review_state == ReviewState.APPROVED
    assert files_private(photo) == [False, False, False]
    assert public_page(published).public_photos == [photo]


def test_a_new_photo_without_alternative_text_is_not_approved(
    published, commune_official, district_staff
):
    photo = add(published, commune_official)

    with pytest.raises(ServiceError, match="no alternative text yet"):
        reviews.festival_media_approve(item=photo, user=district_staff)
    photo.refresh_from_db()
    assert photo.review_state == ReviewState.PENDING


def test_turning_down_a_new_photo_keeps_it_off_the_public_page_with_the_reason(
    published, commune_official, district_staff
):
    photo = add(published, commune_official, alt_text="Ảnh mờ")

    reviews.festival_media_reject(item=photo, user=district_staff, reason="Ảnh bị mờ.")

    photo.refresh_from_db()
    assert (photo.review_state, photo.review_reason) == ("rejected", "Ảnh bị mờ.")
    assert files_private(photo) == [True, True, True]
    assert public_page(published).public_photos == []
    assert reviews.festival_media_review(published).turned_down == [photo]


def test_changing_a_turned_down_photo_sends_it_back_for_review(
    published, commune_official, district_staff
):
    photo = add(published, commune_official, alt_text="Ảnh mờ")
    reviews.festival_media_reject(item=photo, user=district_staff, reason="Ảnh bị mờ.")

    photos.festival_photo_update(photo=photo, user=commune_official, caption="Ảnh rõ hơn")

    photo.refresh_from_db()
    assert (photo.review_state, photo.review_reason, photo.caption) == (
        "pending",
        "",
        "Ảnh rõ hơn",
    )
    assert reviews.festival_media_review(published).waiting == [photo]


def test_turning_down_needs_a_reason(published, commune_official, district_staff):
    photo = add(published, commune_official, alt_text="Văn nghệ")

    with pytest.raises(ServiceError, match="Give the reason"):
        reviews.festival_media_reject(item=photo, user=district_staff, reason="  ")


def test_a_document_added_after_publication_waits(published, commune_official, district_staff):
    document = add_document(published, commune_official)
    assert document.review_state == ReviewState.PENDING
    assert public_page(published).public_documents == []
    assert not _anonymous_may_download(document)

    reviews.festival_media_approve(item=document, user=district_staff)

    document.refresh_from_db()
    assert document.review_state == ReviewState.APPROVED
    assert public_page(published).public_documents == [document]
    assert _anonymous_may_download(document)


def _anonymous_may_download(document):
    from django.contrib.auth.models import AnonymousUser

    document = FestivalDocument.objects.select_related("festival__host_unit").get(pk=document.pk)
    return AnonymousUser().has_perm("events.download_document", document)


# Changes to an approved photo --------------------------------------------------------------------


@pytest.fixture
def approved_photo(published, district_staff):
    return add(published, district_staff, caption="Chào cờ", alt_text="Hàng người chào cờ")


def test_the_communes_changes_to_an_approved_photo_wait(
    published, commune_official, approved_photo
):
    photos.festival_photo_update(
        photo=approved_photo,
        user=commune_official,
        caption="Lễ chào cờ",
        alt_text="Hàng người chào cờ",
        credit="",
    )

    approved_photo.refresh_from_db()
    assert approved_photo.caption == "Chào cờ"
    assert approved_photo.pending_changes == {"caption": "Lễ chào cờ"}
    assert [p.caption for p in public_page(published).public_photos] == ["Chào cờ"]
    review = reviews.festival_media_review(published)
    assert review.waiting == [approved_photo]
    assert review.waiting[0].change_rows == [("Caption", "Chào cờ", "Lễ chào cờ")]


def test_approving_the_changes_puts_them_on_the_public_page(
    published, commune_official, district_staff, approved_photo
):
    photos.festival_photo_update(photo=approved_photo, user=commune_official, caption="Lễ chào cờ")

    reviews.festival_media_approve(item=approved_photo, user=district_staff)

    approved_photo.refresh_from_db()
    assert (approved_photo.caption, approved_photo.pending_changes) == ("Lễ chào cờ", {})
    assert [p.caption for p in public_page(published).public_photos] == ["Lễ chào cờ"]
    assert reviews.festival_media_review(published).waiting == []


def test_turning_down_the_changes_keeps_what_the_public_saw(
    published, commune_official, district_staff, approved_photo
):
    photos.festival_photo_update(photo=approved_photo, user=commune_official, caption="Sai")

    reviews.festival_media_reject(item=approved_photo, user=district_staff, reason="Sai tên.")

    approved_photo.refresh_from_db()
    assert (approved_photo.caption, approved_photo.pending_changes) == ("Chào cờ", {})
    assert (approved_photo.review_state, approved_photo.review_reason) == ("approved", "Sai tên.")
    assert [p.caption for p in public_page(published).public_photos] == ["Chào cờ"]


def test_making_a_hidden_photo_public_waits_but_hiding_applies_at_once(
    published, commune_official, district_staff, approved_photo
):
    photos.festival_photo_update(photo=approved_photo, user=commune_official, is_public=False)
    approved_photo.refresh_from_db()
    assert (approved_photo.is_public, approved_photo.pending_changes) == (False, {})
    assert files_private(approved_photo) == [True, True, True]
    assert public_page(published).public_photos == []

    photos.festival_photo_update(photo=approved_photo, user=commune_official, is_public=True)
    approved_photo.refresh_from_db()
    assert (approved_photo.is_public, approved_photo.pending_changes) == (
        False,
        {"is_public": True},
    )
    assert public_page(published).public_photos == []

    reviews.festival_media_approve(item=approved_photo, user=district_staff)
    approved_photo.refresh_from_db()
    assert approved_photo.is_public is True
    assert files_private(approved_photo) == [False, False, False]
    assert public_page(published).public_photos == [approved_photo]


def test_saving_the_same_values_again_changes_nothing(
    published, commune_official, approved_photo, audited
):
    before = LogEntry.objects.count()
    photos.festival_photo_update(
        photo=approved_photo,
        user=commune_official,
        caption="Chào cờ",
        alt_text="Hàng người chào cờ",
        credit="",
        is_public=True,
    )

    approved_photo.refresh_from_db()
    assert approved_photo.pending_changes == {}
    assert LogEntry.objects.count() == before


# Who may review ----------------------------------------------------------------------------------


def test_the_commune_may_not_review_its_own_additions(published, commune_official):
    photo = add(published, commune_official, alt_text="Văn nghệ")

    assert not commune_official.has_perm("events.review_media", published)
    with pytest.raises(NotAllowed):
        reviews.festival_media_approve(item=photo, user=commune_official)
    with pytest.raises(NotAllowed):
        reviews.festival_media_reject(item=photo, user=commune_official, reason="Không")


def test_review_permission(published, district_staff, administrator, other_commune_official):
    assert district_staff.has_perm("events.review_media", published)
    assert administrator.has_perm("events.review_media", published)
    assert not other_commune_official.has_perm("events.review_media", published)


def test_approving_twice_says_the_page_was_out_of_date(published, commune_official, district_staff):
    photo = add(published, commune_official, alt_text="Văn nghệ")
    reviews.festival_media_approve(item=photo, user=district_staff)

    with pytest.raises(ServiceError, match="out of date"):
        reviews.festival_media_approve(item=photo, user=district_staff)


# Audit ---------------------------------------------------------------------------------------


@pytest.fixture
def audited():
    """The review fields are registered by events/apps.py: nothing to add here."""
    from auditlog.registry import auditlog

    assert auditlog.contains(FestivalPhoto) and auditlog.contains(FestivalDocument)


def test_the_review_steps_are_in_the_audit_trail(
    published, commune_official, district_staff, approved_photo, audited
):
    photos.festival_photo_update(photo=approved_photo, user=commune_official, caption="Lễ chào cờ")
    with set_actor(district_staff):
        reviews.festival_media_approve(item=approved_photo, user=district_staff)
    document = add_document(published, commune_official)
    with set_actor(district_staff):
        reviews.festival_media_reject(item=document, user=district_staff, reason="Thiếu chữ ký.")

    photo_entries = LogEntry.objects.filter(
        content_type__model="festivalphoto", object_pk=str(approved_photo.pk)
    ).order_by("timestamp", "pk")
    asked, approved = list(photo_entries)[1:]
    assert json.loads(asked.changes_dict["pending_changes"][1]) == {"caption": "Lễ chào cờ"}
    assert approved.changes_dict["caption"] == ["Chào cờ", "Lễ chào cờ"]
    assert approved.actor == district_staff
    document_entry = LogEntry.objects.filter(
        content_type__model="festivaldocument", object_pk=str(document.pk)
    ).latest("timestamp")
    assert document_entry.changes_dict["review_state"] == ["pending", "rejected"]
    assert document_entry.changes_dict["review_reason"] == ["", "Thiếu chữ ký."]
    assert document_entry.actor == district_staff


# The dashboard's list ---------------------------------------------------------------------------


def test_the_dashboard_selector_lists_festivals_with_something_waiting(
    published, commune_official, district_staff, approved_photo, django_assert_num_queries
):
    add(published, commune_official, alt_text="Văn nghệ")
    add_document(published, commune_official)
    photos.festival_photo_update(photo=approved_photo, user=commune_official, caption="Mới")

    district_staff.has_perm("events.review_media", published)  # roles read once per user
    with django_assert_num_queries(1):
        waiting = festivals_awaiting_media_review(district_staff)
    assert [(f.pk, f.photos_waiting, f.documents_waiting) for f in waiting] == [
        (published.pk, 2, 1)
    ]
    assert festivals_awaiting_media_review(commune_official) == []
