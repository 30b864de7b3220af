"""What an editor answers when it refuses a save: the error summary at the top of the form (links
to the fields at fault, the rows' and the formsets' own errors included), the page messages in
their always-present container, and for an edit conflict a link to load the saved version."""

import re

from django.urls import reverse
from django.utils.html import escape

from awards import services as award_services
from tests.conftest import in_vietnamese
from tests.staff.test_awards import STALE as DECISION_STALE
from tests.staff.test_awards import header_data, tribute_data
from tests.staff.test_festivals import edit_data, local, plan


def summary_links(page):
    """[(href, text)] of the error summary's links, in order."""
    block = re.search(r"<div [^>]*data-error-summary[^>]*>(.*?)</div>", page, re.S)
    assert block, "no error summary on the page"
    return [
        (href, re.sub(r"\s+", " ", text).strip())
        for href, text in re.findall(r'<a class="alert-link" href="([^"]+)">(.*?)</a>', block[1])
    ]


def messages_block(page):
    # The container's own closing tag is the first at the start of a line, or right after it opens.
    block = re.search(r'<div id="messages"[^>]*>(?:.*?\n)??</div>\n', page, re.S)
    assert block, "no #messages container on the page"
    return block[0]


def test_festival_editor_end_before_start_lists_the_field_and_the_row_in_the_summary(
    client, area, commune_official
):
    festival = plan(commune_official, area.dong_son_ward, starts_at=local(2027, 8, 19))
    client.force_login(commune_official)
    data = edit_data(festival, ends_at="2027-08-19T06:00")
    data["programme-0-title"] = ""

    response = client.post(reverse("events:festival.edit", args=[festival.pk]), data)

    assert response.status_code == 400
    assert summary_links(response.content.decode()) == [
        (
            "#id_ends_at",
            escape(
                f"{in_vietnamese('Ends at')}: {in_vietnamese('The festival must end after it starts.')}"
            ),
        ),
        (
            "#id_programme-0-title",
            escape(
                in_vietnamese(
                    "%(section)s, row %(number)s",
                    section=in_vietnamese("Programme"),
                    number=1,
                )
                + f", {in_vietnamese('Item')}: {in_vietnamese('This field is required.')}"
            ),
        ),
    ]
    festival.refresh_from_db()
    assert festival.version == 1


def test_festival_editor_answers_without_summary_when_nothing_is_wrong(
    client, area, commune_official
):
    festival = plan(commune_official, area.dong_son_ward, starts_at=local(2027, 8, 19))
    client.force_login(commune_official)

    page = client.get(reverse("events:festival.edit", args=[festival.pk])).content.decode()

    assert "data-error-summary" not in page
    assert messages_block(page).startswith('<div id="messages" class="messages" role="status"')
    assert 'hx-select-oob="#messages"' in page
    assert "data-unsaved-warning=" in page


def test_festival_editor_conflict_message_links_to_the_saved_version(
    client, area, commune_official
):
    festival = plan(commune_official, area.dong_son_ward, starts_at=local(2027, 8, 19))
    client.force_login(commune_official)
    stale = edit_data(festival, title="Bản cũ")
    client.post(reverse("events:festival.edit", args=[festival.pk]), edit_data(festival))
    client.get(reverse("events:festival.detail", args=[festival.pk]))  # reads "saved"

    response = client.post(reverse("events:festival.edit", args=[festival.pk]), stale)

    assert response.status_code == 409
    block = messages_block(response.content.decode())
    edit_url = reverse("events:festival.edit", args=[festival.pk])
    assert "data-stale" in block
    assert (
        f'<a class="alert-link ms-1" href="{edit_url}" data-unsaved-ok data-testid="load-saved">'
        f"{in_vietnamese('Load the saved version')}</a>"
    ) in block
    assert [m.extra_tags for m in response.context["messages"]] == ["stale"]


def test_decision_form_conflict_answers_409_with_the_link(client, district_staff, decision):
    client.force_login(district_staff)
    url = reverse("awards:decision.edit", args=[decision.pk])
    stale = header_data(decision, signer_name="Bản cũ")
    award_services.decision_update(
        decision=decision,
        user=district_staff,
        version=decision.version,
        data={**header_data(decision), "authority": decision.authority, "date": decision.date},
    )

    response = client.post(url, stale)

    assert response.status_code == 409
    assert [(str(m), m.extra_tags) for m in response.context["messages"]] == [
        (in_vietnamese(DECISION_STALE), "stale")
    ]
    assert 'data-testid="load-saved"' in response.content.decode()


def test_decision_form_missing_number_is_in_the_summary(client, district_staff, decision):
    client.force_login(district_staff)

    response = client.post(
        reverse("awards:decision.edit", args=[decision.pk]), header_data(decision, number="")
    )

    assert response.status_code == 400
    assert [href for href, _text in summary_links(response.content.decode())] == ["#id_number"]


def test_tribute_editor_lists_the_row_at_fault(client, dong_son_festival, district_staff):
    client.force_login(district_staff)
    row = {"giver": "", "recipient": "Công an phường", "kind": "flower_basket", "quantity": "1"}

    response = client.post(
        reverse("awards:festival.tributes", args=[dong_son_festival.pk]), tribute_data(row)
    )

    assert response.status_code == 400
    links = summary_links(response.content.decode())
    assert [href for href, _text in links] == ["#id_tributes-0-giver"]
    assert links[0][1].startswith(escape(in_vietnamese("Row %(number)s", number=1)))


def test_messages_container_is_on_every_page_even_empty(client, db):
    page = client.get(reverse("home")).content.decode()

    assert messages_block(page) == (
        '<div id="messages" class="messages" role="status" tabindex="-1" '
        'data-testid="messages"></div>\n'
    )
