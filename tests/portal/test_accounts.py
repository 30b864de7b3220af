"""Signing in and out, throttling, changing and resetting the password (portal/views/accounts.py)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from tests.conftest import in_vietnamese
from tests.factories.accounts import PASSWORD


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_sign_in_leads_to_the_staff_area_with_the_users_name(client, district_staff):
    response = sign_in(client, district_staff.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("manage:dashboard")
    page = client.get(reverse("manage:dashboard")).content.decode()
    assert district_staff.full_name in page


def test_wrong_password_shows_a_clear_message(client, district_staff):
    response = sign_in(client, district_staff.username, "wrong")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_login_is_throttled_after_five_failures_even_with_the_right_password(
    client, district_staff
):
    for _attempt in range(5):
        sign_in(client, district_staff.username, "wrong")
    response = sign_in(client, district_staff.username, PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Đăng nhập sai quá nhiều lần" in page
    assert "_auth_user_id" not in client.session


def test_throttling_is_per_account(client, district_staff, commune_official):
    for _attempt in range(5):
        sign_in(client, district_staff.username, "wrong")
    response = sign_in(client, commune_official.username, PASSWORD)
    assert response.status_code == 302


def test_sign_out_needs_post_and_ends_the_session(client, district_staff):
    client.force_login(district_staff)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_change_keeps_the_user_signed_in(client, district_staff):
    client.force_login(district_staff)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-new-Passphrase-2026",
            "new_password2": "a-new-Passphrase-2026",
        },
    )
    assert response["Location"] == reverse("password_change_done")
    district_staff.refresh_from_db()
    assert district_staff.check_password("a-new-Passphrase-2026")


def test_password_reset_sends_a_link(client, district_staff):
    response = client.post(reverse("password_reset"), {"email": district_staff.email})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [district_staff.email]
    assert "/accounts/password/reset/" in mail.outbox[0].body


@pytest.mark.parametrize("language", ["vi", "en"])
def test_login_page_renders_in_both_languages(client, db, language):
    client.cookies["django_language"] = language
    page = client.get(reverse("login")).content.decode()
    assert {"vi": "Đăng nhập", "en": "Sign in"}[language] in page
    assert f'<html lang="{language}">' in page


ADDRESS_LOCKED = (
    "Too many failed sign-in attempts from your network address. For your security, sign-in "
    "from it is paused: try again in 15 minutes."
)


def test_one_address_trying_many_usernames_is_paused_even_for_a_right_password(
    client, settings, district_staff
):
    # Two tries for each of four usernames: under the five of any one account, eight in all.
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8
    tries = ["nguyen.van.a", "tran.thi.b", "le.van.c", "pham.thi.d"] * 2
    statuses = [sign_in(client, username, "doan-thu").status_code for username in tries]

    response = sign_in(client, district_staff.username, PASSWORD)

    assert statuses == [200] * 7 + [429]  # the eighth failure pauses the address
    assert response.status_code == 429
    assert escape(in_vietnamese(ADDRESS_LOCKED)) in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_address_limit_leaves_other_addresses_alone(client, settings, district_staff):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 4
    for username in ["a1", "a2", "a3", "a4"]:
        sign_in(client, username, "doan-thu")

    response = client.post(
        reverse("login"),
        {"username": district_staff.username, "password": PASSWORD},
        REMOTE_ADDR="10.20.30.40",
    )

    assert response.status_code == 302


def test_a_successful_sign_in_does_not_forgive_the_addresss_other_failures(
    client, settings, district_staff, commune_official
):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6
    for username in ["a1", "a1", "a2", "a2", "a3"]:
        sign_in(client, username, "doan-thu")
    assert sign_in(client, district_staff.username, PASSWORD).status_code == 302
    client.post(reverse("logout"))

    sign_in(client, "a4", "doan-thu")
    response = sign_in(client, commune_official.username, PASSWORD)

    assert response.status_code == 429
    assert escape(in_vietnamese(ADDRESS_LOCKED)) in response.content.decode()
