"""The navigation of the site: what the menu offers visitors, staff and administrators."""

from django.urls import reverse


def test_public_navigation_offers_sign_in_only(client, db):
    page = client.get("/").content.decode()
    assert reverse("login") in page
    assert reverse("manage:dashboard") not in page
    assert reverse("admin:index") not in page


def test_commune_official_navigation_has_staff_area_but_no_administration(client, commune_official):
    client.force_login(commune_official)
    page = client.get("/").content.decode()
    assert reverse("manage:dashboard") in page
    assert reverse("units:unit.list") in page
    assert reverse("admin:index") not in page
    assert commune_official.full_name in page


def test_administrator_navigation_has_administration(client, administrator):
    client.force_login(administrator)
    page = client.get("/").content.decode()
    assert reverse("admin:index") in page
