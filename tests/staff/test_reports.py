"""The staff report page of a held festival (staff/views/reports.py), through the test client."""

from django.urls import reverse

from tests.factories.events import REPORT


def test_report_form_saves_through_the_page(client, held, commune_official):
    client.force_login(commune_official)
    url = reverse("events:report.edit", args=[held.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            **dict(REPORT.items()),
            "version": held.version,
            "attended": [str(held.delegates.first().pk)],
            "directions-TOTAL_FORMS": "1",
            "directions-INITIAL_FORMS": "0",
            "directions-MIN_NUM_FORMS": "0",
            "directions-MAX_NUM_FORMS": "100",
            "directions-0-order": "1",
            "directions-0-text": "Rà soát tổ bảo vệ",
            "directions-0-owner": "",
            "directions-0-due_on": "",
            "_action": "save",
        },
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.report.summary == REPORT["summary"]
    assert [d.text for d in held.directions.all()] == ["Rà soát tổ bảo vệ"]


def test_report_pages_are_404_outside_scope(client, held, other_commune_official):
    client.force_login(other_commune_official)
    assert client.get(reverse("events:report.edit", args=[held.pk])).status_code == 404
    assert (
        client.post(reverse("events:report.transition", args=[held.pk, "submit"])).status_code
        == 404
    )


def test_report_form_turns_a_vertical_tab_into_a_newline_and_drops_other_controls(
    client, held, commune_official
):
    # Word puts a vertical tab for a manual line break; a stored one broke /feed/ for everyone.
    client.force_login(commune_official)
    url = reverse("events:report.edit", args=[held.pk])

    response = client.post(
        url,
        {
            **dict(REPORT.items()),
            "summary": "Dòng một\x0bDòng hai\x00\x07\tcuối",
            "author_credit": "Văn phòng\x0bUBND\x00 phường",
            "version": held.version,
            "directions-TOTAL_FORMS": "1",
            "directions-INITIAL_FORMS": "0",
            "directions-0-order": "1",
            "directions-0-text": "Rà soát\x0btổ bảo vệ\x1f",
            "_action": "save",
        },
    )

    assert response.status_code == 302
    held.refresh_from_db()
    assert held.report.summary == "Dòng một\nDòng hai\tcuối"
    assert held.report.author_credit == "Văn phòng UBND phường"
    assert [d.text for d in held.directions.all()] == ["Rà soát tổ bảo vệ"]
