"""The staff award pages (staff/views/awards.py), through the test client.

Pages are served in Vietnamese; messages are compared with what gettext gives for Vietnamese."""

import csv
import io
import re

import pytest
from auditlog.models import LogEntry
from django.contrib import messages
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from openpyxl import load_workbook

from accounts.enums import Role
from awards import services
from awards.enums import RecipientKind
from awards.models import Award, Decision, StagedImport, Tribute
from tests.conftest import in_vietnamese
from tests.factories.accounts import RoleFactory
from tests.factories.awards import (
    DECISION_DAY,
    AwardFactory,
    DecisionFactory,
    TributeFactory,
    award_row,
    csv_upload,
    kind_label,
    saved_awards,
    sheet_row,
    xlsx_upload,
)
from tests.factories.events import make_festival

INDIVIDUAL, COLLECTIVE, HOUSEHOLD = (
    RecipientKind.INDIVIDUAL,
    RecipientKind.COLLECTIVE,
    RecipientKind.HOUSEHOLD,
)
STALE = (
    "Someone else saved this decision while you were editing it. Nothing was saved: open it "
    "again and repeat your change."
)
EXPIRED = "This import has expired. Upload the file again."


@pytest.fixture
def nghe_an_decision(nghe_an_staff, nghe_an_chairman, forms, nghe_an_festival):
    decision = services.decision_create(
        user=nghe_an_staff,
        data={"number": "77/QĐ-UBND", "date": DECISION_DAY, "authority": nghe_an_chairman},
    )
    return services.awards_replace(
        decision=decision,
        user=nghe_an_staff,
        version=decision.version,
        rows=[
            award_row(
                forms["bang-khen"],
                INDIVIDUAL,
                "Hồ Văn Nghệ",
                amount=9_000_000,
                festival=nghe_an_festival,
            )
        ],
    )


def message_list(response):
    return [(m.level, str(m)) for m in response.context["messages"]]


def awards_of(decision):
    return list(Award.objects.filter(decision=decision).order_by("order", "pk"))


def everything():
    """What the pages could change: decisions, their awards and tributes."""
    return (
        list(Decision.objects.order_by("pk").values("pk", "number", "signer_name", "version")),
        list(Award.objects.order_by("pk").values_list("pk", "recipient_name", "amount", "order")),
        list(Tribute.objects.order_by("pk").values_list("pk", "giver", "value")),
    )


def header_data(decision=None, **fields):
    authority = decision.authority if decision else None
    return {
        "number": decision.number if decision else "126/QĐ-UBND",
        "date": DECISION_DAY.isoformat(),
        "authority": str(authority.pk) if authority else "",
        "signer_name": "Nguyễn Văn Thi",
        "signer_title": "Phó Chủ tịch UBND tỉnh",
        "version": str(decision.version) if decision else "",
        **fields,
    }


def editor_data(decision, rows, *, action="save", version=None):
    """What the award editor sends; rows with an `id` come first."""
    data = {
        "version": str(decision.version if version is None else version),
        "_action": action,
        "awards-TOTAL_FORMS": str(len(rows)),
        "awards-INITIAL_FORMS": str(sum(1 for row in rows if row.get("id"))),
        "awards-MIN_NUM_FORMS": "0",
        "awards-MAX_NUM_FORMS": "300",
    }
    for index, row in enumerate(rows):
        data[f"awards-{index}-order"] = str(index + 1)
        for name, value in row.items():
            data[f"awards-{index}-{name}"] = (
                "" if value is None else str(getattr(value, "pk", value))
            )
    return data


def editor_rows(decision):
    """The saved awards as the editor sends them back unchanged."""
    return [
        {
            "id": award.pk,
            "form": award.form,
            "recipient_kind": award.recipient_kind,
            "recipient_name": award.recipient_name,
            "position": award.position,
            "organisation": award.organisation,
            "citation": award.citation,
            "amount": award.amount,
            "festival": award.festival,
        }
        for award in awards_of(decision)
    ]


def tribute_data(*rows, action="save"):
    data = {
        "_action": action,
        "tributes-TOTAL_FORMS": str(len(rows)),
        "tributes-INITIAL_FORMS": "0",
        "tributes-MIN_NUM_FORMS": "0",
        "tributes-MAX_NUM_FORMS": "200",
    }
    for index, row in enumerate(rows):
        data[f"tributes-{index}-order"] = str(index + 1)
        for name, value in row.items():
            data[f"tributes-{index}-{name}"] = "" if value is None else str(value)
    return data


def good_import_file(festival=None):
    return xlsx_upload(
        [
            sheet_row(
                1, "Bằng khen", "Cá nhân", "Phạm Thị Thu", amount="1.500.000", festival=festival
            ),
            sheet_row(2, "Cờ thi đua", "Tập thể", "Công an phường Hạc Thành", amount=3_000_000),
            sheet_row(3, "Bằng khen", "Hộ gia đình", "Hộ bà Lê Thị Lan", amount=""),
        ]
    )


# --- every URL: sign-in, roles and scope ---------------------------------------------------


def decision_urls(decision):
    """(method, url, data) of every page of one decision."""
    detail = reverse("awards:decision.detail", args=[decision.pk])
    edit = reverse("awards:decision.edit", args=[decision.pk])
    new_row = {
        "form": decision.authority.forms.get(code="bang-khen"),
        "recipient_kind": "individual",
        "recipient_name": "Người lạ",
    }
    return [
        ("get", detail, None),
        ("post", detail, lambda: editor_data(decision, [new_row])),
        ("get", edit, None),
        ("post", edit, lambda: header_data(decision, number="999/QĐ-UBND")),
        ("get", reverse("awards:decision.delete", args=[decision.pk]), None),
        ("post", reverse("awards:decision.delete", args=[decision.pk]), None),
        ("get", reverse("awards:decision.print", args=[decision.pk]), None),
        ("get", reverse("awards:decision.import", args=[decision.pk]), None),
        (
            "post",
            reverse("awards:decision.import", args=[decision.pk]),
            lambda: {"file": good_import_file()},
        ),
        ("get", reverse("awards:decision.import_template", args=[decision.pk]), None),
    ]


def festival_urls(festival):
    url = reverse("awards:festival.tributes", args=[festival.pk])
    tribute = {
        "giver": "Người lạ",
        "recipient": "Nhân dân",
        "kind": "gift",
        "quantity": "1",
        "value": "",
    }
    return [("get", url, None), ("post", url, lambda: tribute_data(tribute))]


def staff_urls(decision, festival):
    return [
        ("get", reverse("awards:decision.list"), None),
        ("get", reverse("awards:decision.create"), None),
        ("post", reverse("awards:decision.create"), lambda: header_data()),
        ("get", reverse("awards:award.export", args=["csv"]), None),
        ("get", reverse("awards:award.export", args=["xlsx"]), None),
        *festival_urls(festival),
        *decision_urls(decision),
    ]


def send(client, method, url, data):
    return getattr(client, method)(url, data() if data else None)


def test_every_url_sends_anonymous_visitors_to_sign_in(client, recorded, dong_son_festival):
    before = everything()

    for method, url, data in staff_urls(recorded, dong_son_festival):
        response = send(client, method, url, data)
        assert (method, url, response.status_code) == (method, url, 302)
        assert response["Location"] == f"{reverse('login')}?next={url}"

    assert everything() == before


def test_every_url_refuses_users_without_role(
    client, recorded, dong_son_festival, user_without_role
):
    before = everything()
    client.force_login(user_without_role)

    for method, url, data in staff_urls(recorded, dong_son_festival):
        response = send(client, method, url, data)
        assert (method, url, response.status_code) == (method, url, 403)
        assert in_vietnamese("Not allowed") in response.content.decode()

    assert everything() == before


def test_decision_and_festival_urls_of_another_province_are_404(
    client, recorded, dong_son_festival, nghe_an_staff
):
    before = everything()
    client.force_login(nghe_an_staff)
    urls = [
        *decision_urls(recorded),
        *festival_urls(dong_son_festival),
        ("get", reverse("awards:award.export", args=["csv"]) + f"?decision={recorded.pk}", None),
        ("get", reverse("awards:award.export", args=["xlsx"]) + f"?decision={recorded.pk}", None),
    ]

    for method, url, data in urls:
        response = send(client, method, url, data)
        assert (method, url, response.status_code) == (method, url, 404)

    assert everything() == before


def test_decision_and_festival_urls_outside_commune_are_404_for_commune_official(
    client, district_staff, forms, province_chairman, dong_son_festival, other_commune_official
):
    only_dong_son = services.decision_create(
        user=district_staff,
        data={"number": "130/QĐ-UBND", "date": DECISION_DAY, "authority": province_chairman},
    )
    services.awards_replace(
        decision=only_dong_son,
        user=district_staff,
        version=1,
        rows=[award_row(forms["bang-khen"], INDIVIDUAL, "Lê Thị Hoa", festival=dong_son_festival)],
    )
    only_dong_son.refresh_from_db()
    before = everything()
    client.force_login(other_commune_official)

    for method, url, data in [*decision_urls(only_dong_son), *festival_urls(dong_son_festival)]:
        response = send(client, method, url, data)
        assert (method, url, response.status_code) == (method, url, 404)

    assert everything() == before


def test_decision_create_is_404_for_commune_official(client, province_chairman, commune_official):
    client.force_login(commune_official)

    assert client.get(reverse("awards:decision.create")).status_code == 404
    assert client.post(reverse("awards:decision.create"), header_data()).status_code == 404
    assert Decision.objects.count() == 0


# --- the list of decisions -------------------------------------------------------------------


def listed(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("awards:decision.list"), params)
    page = response.context["page"]
    return (
        len(page.object_list),  # every test lists fewer than a page
        [(d.number, d.award_count, d.amount_total) for d in page.object_list],
        response.content.decode(),
    )


def test_decision_list_never_lists_or_counts_another_province_decisions(
    client, recorded, nghe_an_decision, district_staff, nghe_an_staff
):
    count, rows, page = listed(client, district_staff)
    assert (count, rows) == (1, [("125/QĐ-UBND", 4, 4_000_000)])
    assert "77/QĐ-UBND" not in page
    assert "Chủ tịch UBND tỉnh Nghệ An" not in page
    assert "4.000.000" in page

    assert listed(client, district_staff, q="ho van nghe")[:2] == (0, [])
    assert listed(client, district_staff, q="77")[:2] == (0, [])

    count, rows, page = listed(client, nghe_an_staff)
    assert (count, rows) == (1, [("77/QĐ-UBND", 1, 9_000_000)])
    assert "125/QĐ-UBND" not in page


def test_decision_list_counts_only_commune_own_awards(
    client, recorded, nghe_an_decision, commune_official, other_commune_official
):
    assert listed(client, commune_official)[:2] == (1, [("125/QĐ-UBND", 2, 1_500_000)])
    assert listed(client, other_commune_official)[:2] == (1, [("125/QĐ-UBND", 1, 2_000_000)])


def test_decision_list_search_finds_decision_by_recipient_or_number(
    client, recorded, district_staff
):
    for query in ["LE THI HOA", "lê thị hoa", "125/qđ"]:
        count, rows, _page = listed(client, district_staff, q=query)
        assert (query, count, [number for number, _count, _total in rows]) == (
            query,
            1,
            ["125/QĐ-UBND"],
        )
    assert listed(client, district_staff, q="nguyen thi khong co")[:2] == (0, [])


# --- commune officials read their own awards -----------------------------------------------


def test_decision_detail_for_commune_official_shows_only_its_awards_read_only(
    client, recorded, commune_official
):
    client.force_login(commune_official)

    response = client.get(recorded.get_absolute_url())

    assert response.status_code == 200
    assert (response.context["formset"], response.context["can_change"]) == (None, False)
    assert [a.recipient_name for a in response.context["awards"]] == [
        "Lê Thị Hoa",
        "Công an phường Đông Sơn",
    ]
    page = response.content.decode()
    assert "Lê Thị Hoa" in page
    assert "Công an phường Đông Sơn" in page
    assert "1.500.000" in page
    assert "Trần Văn Nam" not in page
    assert "Hộ ông Nguyễn Văn Bình" not in page
    assert 'data-testid="award-form"' not in page
    assert reverse("awards:decision.edit", args=[recorded.pk]) not in page
    assert reverse("awards:decision.import", args=[recorded.pk]) not in page


def test_decision_detail_for_commune_official_counts_only_its_awards(
    client, recorded, commune_official
):
    client.force_login(commune_official)

    response = client.get(recorded.get_absolute_url())

    assert response.context["award_count"] == 2


def test_decision_detail_for_other_commune_official_shows_only_its_awards(
    client, recorded, other_commune_official
):
    client.force_login(other_commune_official)

    response = client.get(recorded.get_absolute_url())

    assert [a.recipient_name for a in response.context["awards"]] == ["Trần Văn Nam"]
    page = response.content.decode()
    assert "Lê Thị Hoa" not in page
    assert "Công an phường Đông Sơn" not in page


def test_decision_print_for_commune_official_lists_only_its_awards(
    client, recorded, commune_official
):
    client.force_login(commune_official)

    response = client.get(reverse("awards:decision.print", args=[recorded.pk]))

    assert response.status_code == 200
    assert [a.recipient_name for a in response.context["awards"]] == [
        "Lê Thị Hoa",
        "Công an phường Đông Sơn",
    ]
    page = response.content.decode()
    assert "Trần Văn Nam" not in page
    assert "Hộ ông Nguyễn Văn Bình" not in page


def exported_names(response):
    if response["Content-Type"].startswith("text/csv"):
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return [row[3] for row in csv.reader(io.StringIO(text))][1:]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [row[3] for row in workbook.active.iter_rows(min_row=2, values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_for_commune_official_holds_only_its_awards(
    client, recorded, nghe_an_decision, commune_official, fmt
):
    client.force_login(commune_official)

    by_decision = client.get(reverse("awards:award.export", args=[fmt]), {"decision": recorded.pk})
    everything_visible = client.get(reverse("awards:award.export", args=[fmt]))

    assert by_decision.status_code == 200
    assert by_decision["Content-Disposition"].startswith(
        f'attachment; filename="khen-thuong-{recorded.pk}-'
    )
    assert exported_names(by_decision) == ["Lê Thị Hoa", "Công an phường Đông Sơn"]
    assert exported_names(everything_visible) == ["Lê Thị Hoa", "Công an phường Đông Sơn"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_for_district_staff_holds_every_award_of_the_province(
    client, recorded, nghe_an_decision, district_staff, fmt
):
    client.force_login(district_staff)

    response = client.get(reverse("awards:award.export", args=[fmt]))

    assert exported_names(response) == [
        "Lê Thị Hoa",
        "Công an phường Đông Sơn",
        "Trần Văn Nam",
        "Hộ ông Nguyễn Văn Bình",
    ]


def test_export_with_malformed_decision_is_404(client, recorded, district_staff):
    client.force_login(district_staff)

    response = client.get(reverse("awards:award.export", args=["csv"]), {"decision": "abc"})

    assert response.status_code == 404


def test_export_in_unknown_format_is_404(client, recorded, district_staff):
    client.force_login(district_staff)

    assert client.get(reverse("awards:award.export", args=["pdf"])).status_code == 404


def test_decision_detail_over_300_awards_shows_table_instead_of_editor(
    client, decision, district_staff
):
    AwardFactory.create_batch(301, decision=decision)
    client.force_login(district_staff)

    response = client.get(decision.get_absolute_url())
    posted = client.post(
        decision.get_absolute_url(), editor_data(decision, [], action="add-awards")
    )

    assert (response.context["formset"], response.context["award_count"]) == (None, 301)
    assert len(response.context["awards"]) == 301
    page = response.content.decode()
    assert (
        escape(
            in_vietnamese(
                "This decision has more than %(editor_limit)s awards: change them by export, edit in "
                "Excel and import into a new decision.",
                editor_limit=300,
            )
        )
        in page
    )
    assert 'data-testid="award-form"' not in page
    assert posted.status_code == 404


def test_decision_changes_are_404_for_commune_official(client, recorded, commune_official):
    before = everything()
    client.force_login(commune_official)
    rows = editor_rows(recorded)
    rows[0]["recipient_name"] = "Đã sửa"

    responses = [
        client.post(recorded.get_absolute_url(), editor_data(recorded, rows)),
        client.get(reverse("awards:decision.edit", args=[recorded.pk])),
        client.post(
            reverse("awards:decision.edit", args=[recorded.pk]),
            header_data(recorded, number="999/QĐ-UBND"),
        ),
        client.get(reverse("awards:decision.delete", args=[recorded.pk])),
        client.post(reverse("awards:decision.delete", args=[recorded.pk])),
        client.get(reverse("awards:decision.import", args=[recorded.pk])),
        client.post(
            reverse("awards:decision.import", args=[recorded.pk]), {"file": good_import_file()}
        ),
        client.get(reverse("awards:decision.import_template", args=[recorded.pk])),
    ]

    assert [r.status_code for r in responses] == [404] * 8
    assert everything() == before


def test_festival_tributes_for_commune_official_are_read_only(
    client, dong_son_festival, commune_official
):
    TributeFactory(festival=dong_son_festival, quantity=2)
    before = everything()
    client.force_login(commune_official)

    response = client.get(reverse("awards:festival.tributes", args=[dong_son_festival.pk]))
    posted = client.post(
        reverse("awards:festival.tributes", args=[dong_son_festival.pk]),
        tribute_data(
            {
                "giver": "Người lạ",
                "recipient": "Nhân dân",
                "kind": "gift",
                "quantity": "1",
                "value": "",
            }
        ),
    )

    assert (response.status_code, response.context["can_change"]) == (200, False)
    page = response.content.decode()
    assert "Tỉnh ủy Thanh Hóa" in page
    assert "Ban Chỉ đạo ngày hội" in page
    assert 'name="tributes-TOTAL_FORMS"' not in page
    assert posted.status_code == 404
    assert everything() == before


# --- district staff record decisions and awards --------------------------------------------


def test_decision_create_through_page_saves_and_is_audited(
    client, province_chairman, district_staff
):
    client.force_login(district_staff)

    response = client.post(
        reverse("awards:decision.create"), header_data(authority=str(province_chairman.pk))
    )

    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == decision.get_absolute_url()
    assert (
        decision.number,
        decision.date,
        decision.authority,
        decision.signer_name,
        decision.signer_title,
        decision.created_by,
    ) == (
        "126/QĐ-UBND",
        DECISION_DAY,
        province_chairman,
        "Nguyễn Văn Thi",
        "Phó Chủ tịch UBND tỉnh",
        district_staff,
    )
    entry = LogEntry.objects.get_for_object(decision).get()
    assert (entry.action, entry.actor) == (LogEntry.Action.CREATE, district_staff)
    shown = client.get(response["Location"])
    assert message_list(shown) == [
        (messages.SUCCESS, in_vietnamese("The decision was recorded. Now add its awards."))
    ]


def test_decision_create_through_page_after_authority_term_shows_why(
    client, district_chairman, district_staff
):
    client.force_login(district_staff)

    response = client.post(
        reverse("awards:decision.create"),
        header_data(authority=str(district_chairman.pk), date="2025-07-01"),
    )

    assert response.status_code == 400
    expected = in_vietnamese(
        "%(authority)s could not sign decisions on %(date)s (valid %(start)s – %(end)s).",
        authority="Chủ tịch UBND huyện Đông Sơn",
        date="01/07/2025",
        start="…",
        end="30/06/2025",
    )
    assert response.context["form"].non_field_errors() == [expected]
    assert escape(expected) in response.content.decode()
    assert Decision.objects.count() == 0


def test_decision_edit_through_page_saves_and_bumps_version(client, recorded, district_staff):
    client.force_login(district_staff)

    response = client.post(
        reverse("awards:decision.edit", args=[recorded.pk]),
        header_data(recorded, signer_name="Lại Thế Nguyên"),
    )

    assert response.status_code == 302
    assert response["Location"] == recorded.get_absolute_url()
    saved = Decision.objects.get(pk=recorded.pk)
    assert (saved.signer_name, saved.version) == ("Lại Thế Nguyên", recorded.version + 1)


def test_decision_detail_for_district_staff_shows_editor_with_every_award(
    client, recorded, district_staff
):
    client.force_login(district_staff)

    response = client.get(recorded.get_absolute_url())

    assert response.status_code == 200
    formset = response.context["formset"]
    assert response.context["can_change"] is True
    # The same rows, read once, print as a list in the editor's place.
    assert [award.recipient_name for award in response.context["awards"]] == [
        form["recipient_name"].value() for form in formset.forms
    ]
    assert [form["recipient_name"].value() for form in formset.forms] == [
        "Lê Thị Hoa",
        "Công an phường Đông Sơn",
        "Trần Văn Nam",
        "Hộ ông Nguyễn Văn Bình",
    ]
    page = response.content.decode()
    assert page.count('data-testid="awards-row"') == 4
    assert f'name="version" value="{recorded.version}"' in page


def test_decision_editor_save_adds_changes_and_removes_awards(
    client, recorded, district_staff, forms, hac_thanh_festival
):
    client.force_login(district_staff)
    rows = editor_rows(recorded)
    rows[0]["amount"] = 2_500_000
    rows[1]["festival"] = hac_thanh_festival
    del rows[3]
    rows.append(
        {
            "form": forms["bang-khen"],
            "recipient_kind": "collective",
            "recipient_name": "Tổ ANTT khu phố 5",
            "position": "",
            "organisation": "Phường Đông Sơn",
            "citation": "",
            "amount": 1_000_000,
            "festival": None,
        }
    )

    response = client.post(recorded.get_absolute_url(), editor_data(recorded, rows))

    assert response.status_code == 302
    assert response["Location"] == recorded.get_absolute_url()
    assert [(a[0], a[1], a[2], a[6], a[7]) for a in saved_awards(recorded)] == [
        ("Bằng khen", "individual", "Lê Thị Hoa", 2_500_000, rows[0]["festival"]),
        ("Cờ thi đua", "collective", "Công an phường Đông Sơn", None, hac_thanh_festival),
        ("Bằng khen", "individual", "Trần Văn Nam", 2_000_000, hac_thanh_festival),
        ("Bằng khen", "collective", "Tổ ANTT khu phố 5", 1_000_000, None),
    ]
    assert Decision.objects.get(pk=recorded.pk).version == recorded.version + 1
    shown = client.get(response["Location"])
    assert message_list(shown) == [(messages.SUCCESS, in_vietnamese("The awards were saved."))]


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("3.000.000", 3_000_000),
        ("3,000,000", 3_000_000),
        ("3000000", 3_000_000),
        ("3.000.000 đ", 3_000_000),
        ("3.000.000đ", 3_000_000),
        ("3 000 000", 3_000_000),
    ],
)
def test_decision_editor_saves_an_amount_however_it_is_written(
    client, recorded, district_staff, typed, saved
):
    client.force_login(district_staff)
    data = editor_data(recorded, editor_rows(recorded))
    data["awards-0-amount"] = typed

    response = client.post(recorded.get_absolute_url(), data)

    assert response.status_code == 302
    assert [a.amount for a in awards_of(recorded)] == [saved, None, 2_000_000, 500_000]


def test_decision_editor_refuses_an_amount_with_decimals_and_saves_nothing(
    client, recorded, district_staff
):
    client.force_login(district_staff)
    data = editor_data(recorded, editor_rows(recorded))
    data["awards-0-amount"] = "3.000000"
    before = everything()

    response = client.post(recorded.get_absolute_url(), data)

    assert response.status_code == 400
    expected = in_vietnamese(
        "“%(value)s” has a decimal part, but the đồng has no smaller unit: write the whole "
        "amount, e.g. 1.500.000.",
        value="3.000000",
    )
    with translation.override("vi"):
        assert [str(e) for e in response.context["formset"].forms[0].errors["amount"]] == [expected]
    page = response.content.decode()
    assert escape(expected) in page
    assert 'value="3.000000"' in page
    assert everything() == before


def test_decision_page_shows_amounts_formatted_and_the_decisions_total(
    client, recorded, district_staff
):
    client.force_login(district_staff)

    page = client.get(recorded.get_absolute_url()).content.decode()

    assert 'name="awards-0-amount" value="1.500.000"' in page
    assert 'name="awards-2-amount" value="2.000.000"' in page
    total = re.search(r'data-testid="amount-total">(.*?)</p>', page, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", total).split() == [
        *in_vietnamese("Total amount (VND):").split(),
        "4.000.000",
    ]


def test_decision_page_in_english_shows_amounts_with_commas(english, recorded, commune_official):
    english.force_login(commune_official)

    page = english.get(recorded.get_absolute_url()).content.decode()

    assert "1,500,000" in page
    assert "Total amount (VND): <strong>1,500,000</strong>" in page


def test_decision_editor_save_through_htmx_answers_with_redirect_header(
    client, recorded, district_staff
):
    client.force_login(district_staff)
    rows = editor_rows(recorded)
    rows[0]["recipient_name"] = "Lê Thị Hoà"

    response = client.post(
        recorded.get_absolute_url(), editor_data(recorded, rows), headers={"HX-Request": "true"}
    )

    assert (response.status_code, response["HX-Redirect"]) == (204, recorded.get_absolute_url())
    assert awards_of(recorded)[0].recipient_name == "Lê Thị Hoà"


def test_decision_editor_add_row_rerenders_and_saves_nothing(client, recorded, district_staff):
    before = everything()
    client.force_login(district_staff)

    response = client.post(
        recorded.get_absolute_url(),
        editor_data(recorded, editor_rows(recorded), action="add-awards"),
    )

    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.total_form_count() == 5
    assert [form["recipient_name"].value() for form in formset.forms][-2:] == [
        "Hộ ông Nguyễn Văn Bình",
        None,
    ]
    page = response.content.decode()
    assert page.count('data-testid="awards-row"') == 5
    assert 'name="awards-TOTAL_FORMS" value="5"' in page
    assert "invalid-feedback" not in page
    assert everything() == before


def test_decision_editor_from_stale_version_returns_409_and_saves_nothing(
    client, recorded, district_staff
):
    client.force_login(district_staff)
    stale = editor_data(recorded, editor_rows(recorded), version=recorded.version - 1)
    stale["awards-0-recipient_name"] = "Bản cũ"
    before = everything()

    response = client.post(recorded.get_absolute_url(), stale)

    assert response.status_code == 409
    assert message_list(response) == [(messages.ERROR, in_vietnamese(STALE))]
    assert response.context["formset"].forms[0]["recipient_name"].value() == "Bản cũ"
    assert everything() == before


def test_decision_editor_with_row_the_form_refuses_returns_400_and_saves_nothing(
    client, recorded, district_staff, forms
):
    client.force_login(district_staff)
    rows = editor_rows(recorded)
    rows[1]["recipient_kind"] = "individual"  # Cờ thi đua is for collectives
    before = everything()

    response = client.post(recorded.get_absolute_url(), editor_data(recorded, rows))

    assert response.status_code == 400
    expected = in_vietnamese(
        "Row %(row)s: %(problem)s",
        row=2,
        problem=in_vietnamese(
            "%(form)s cannot be given to this recipient kind (%(kind)s).",
            form="Cờ thi đua",
            kind=kind_label(INDIVIDUAL, "vi"),
        ),
    )
    assert message_list(response) == [(messages.ERROR, expected)]
    assert escape(expected) in response.content.decode()
    assert everything() == before


def test_decision_delete_asks_on_get_and_deletes_on_post(client, recorded, district_staff):
    client.force_login(district_staff)
    url = reverse("awards:decision.delete", args=[recorded.pk])

    asked = client.get(url)

    assert asked.status_code == 200
    assert escape(in_vietnamese("Delete decision %(number)s?", number="125/QĐ-UBND")) in (
        asked.content.decode()
    )
    assert asked.context["award_count"] == 4
    assert (Decision.objects.count(), Award.objects.count()) == (1, 4)

    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == reverse("awards:decision.list")
    assert (Decision.objects.count(), Award.objects.count()) == (0, 0)
    shown = client.get(response["Location"])
    assert message_list(shown) == [
        (
            messages.SUCCESS,
            in_vietnamese(
                "The decision %(number)s and its awards were deleted.", number="125/QĐ-UBND"
            ),
        )
    ]


def test_import_template_downloads_workbook_for_the_authority(client, decision, district_staff):
    client.force_login(district_staff)

    response = client.get(reverse("awards:decision.import_template", args=[decision.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="mau-danh-sach-khen-thuong.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert [row[0] for row in workbook["Danh mục"].iter_rows(values_only=True)] == [
        "Bằng khen",
        "Cờ thi đua",
        None,
    ]


# --- import: upload, preview, confirm -------------------------------------------------------


def upload(client, decision, file):
    return client.post(reverse("awards:decision.import", args=[decision.pk]), {"file": file})


def confirm(client, decision, token):
    return client.post(reverse("awards:decision.import", args=[decision.pk]), {"token": token})


def test_import_template_names_the_festival_of_each_code(
    client, decision, district_staff, dong_son_festival
):
    client.force_login(district_staff)

    response = client.get(reverse("awards:decision.import_template", args=[decision.pk]))

    rows = list(
        load_workbook(io.BytesIO(response.content))["Mã ngày hội"].iter_rows(values_only=True)
    )
    assert rows == [
        ("Mã ngày hội", "Tên ngày hội", "Đơn vị tổ chức", "Ngày"),
        (
            f"{dong_son_festival.year}/{dong_son_festival.slug}",
            dong_son_festival.title,
            "Phường Đông Sơn",
            f"{dong_son_festival.starts_at:%d/%m/%Y}",
        ),
    ]


def test_import_preview_shows_the_amounts_read_and_their_total(client, decision, district_staff):
    client.force_login(district_staff)

    preview = upload(client, decision, good_import_file())

    page = preview.content.decode()
    amounts = re.findall(r'<td class="text-end">([^<]*)</td>', page)
    assert amounts == ["1.500.000", "3.000.000", "—"]
    assert '<strong data-testid="import-total">4.500.000</strong>' in page
    assert preview.context["parsed"].duplicates == {}


def test_import_preview_flags_rows_the_decision_already_has(client, recorded, district_staff):
    client.force_login(district_staff)
    file = xlsx_upload(
        [
            sheet_row(1, "Bằng khen", "Cá nhân", "LÊ THỊ HOA", amount="1.500.000"),
            sheet_row(2, "Cờ thi đua", "Tập thể", "Công an phường Đông Sơn"),
            sheet_row(3, "Bằng khen", "Cá nhân", "Đỗ Thị Mai", amount="500.000"),
        ]
    )

    preview = upload(client, recorded, file)

    assert preview.status_code == 200
    assert sorted(preview.context["parsed"].duplicates) == [2, 3]
    page = preview.content.decode()
    assert page.count('data-testid="duplicate-row"') == 2
    assert 'data-testid="import-duplicates"' in page
    assert (
        escape(
            in_vietnamese(
                "the decision already has a %(form)s for %(name)s: importing adds a second one",
                form="Bằng khen",
                name="LÊ THỊ HOA",
            )
        )
        in page
    )
    assert preview.context["token"] is not None


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_import_preview_then_confirm_saves_awards(
    client, decision, district_staff, dong_son_festival, kind, django_capture_on_commit_callbacks
):
    client.force_login(district_staff)
    rows = [
        sheet_row(
            1,
            "Bằng khen",
            "Cá nhân",
            "Phạm Thị Thu",
            amount="1.500.000",
            festival=dong_son_festival,
        ),
        sheet_row(2, "Cờ thi đua", "Tập thể", "Công an phường Hạc Thành", amount="3000000"),
        sheet_row(3, "Bằng khen", "Hộ gia đình", "Hộ bà Lê Thị Lan", amount=""),
    ]
    file = xlsx_upload(rows) if kind == "xlsx" else csv_upload(rows)

    preview = upload(client, decision, file)

    assert preview.status_code == 200
    token = str(preview.context["token"])
    assert re.fullmatch(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", token)
    page = preview.content.decode()
    assert 'data-testid="import-ready"' in page
    assert f'name="token" value="{token}"' in page
    assert page.count("<tr>") == 4  # the preview's header and its three rows
    assert Award.objects.count() == 0
    staged = StagedImport.objects.get(pk=token)
    assert (staged.owner, staged.decision, staged.row_count, staged.status) == (
        district_staff,
        decision,
        3,
        "staged",
    )
    stored = staged.file.name
    assert default_storage.exists(stored)

    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(client, decision, token)

    assert response.status_code == 302
    assert response["Location"] == decision.get_absolute_url()
    assert saved_awards(decision) == [
        ("Bằng khen", "individual", "Phạm Thị Thu", "", "", "", 1_500_000, dong_son_festival),
        ("Cờ thi đua", "collective", "Công an phường Hạc Thành", "", "", "", 3_000_000, None),
        ("Bằng khen", "household", "Hộ bà Lê Thị Lan", "", "", "", None, None),
    ]
    staged.refresh_from_db()
    assert (staged.status, staged.imported_count, staged.file.name) == ("imported", 3, "")
    assert not default_storage.exists(stored)
    shown = client.get(response["Location"])
    assert message_list(shown) == [
        (messages.SUCCESS, in_vietnamese("%(count)s awards were imported.", count=3))
    ]


def test_import_with_bad_rows_returns_400_shows_each_problem_and_saves_nothing(
    client, decision, district_staff
):
    client.force_login(district_staff)
    file = xlsx_upload(
        [
            sheet_row(1, "Bằng khen", "Cá nhân", "Phạm Thị Thu"),
            sheet_row(2, "Huân chương Lao động", "Cá nhân", "Trần Văn Nam"),
            sheet_row(3, "Cờ thi đua", "Cá nhân", "Lê Văn Tám"),
            sheet_row(4, "Bằng khen", "Tập thể", "Tổ ANTT khu phố 5", amount="-200.000"),
        ]
    )

    response = upload(client, decision, file)

    assert response.status_code == 400
    problems = {
        3: [in_vietnamese("unknown award form “%(value)s”", value="Huân chương Lao động")],
        4: [
            in_vietnamese(
                "%(form)s cannot be given to this recipient kind (%(kind)s).",
                form="Cờ thi đua",
                kind=kind_label(INDIVIDUAL, "vi"),
            )
        ],
        5: [in_vietnamese("The amount cannot be negative.")],
    }
    assert response.context["parsed"].errors == problems
    assert response.context["token"] is None
    page = response.content.decode()
    assert page.count('data-testid="error-row"') == 3
    for row_problems in problems.values():
        assert escape(row_problems[0]) in page
    assert 'name="token"' not in page
    assert StagedImport.objects.count() == 0
    assert Award.objects.count() == 0


def test_import_of_file_with_wrong_headers_returns_400_with_reason(
    client, decision, district_staff
):
    client.force_login(district_staff)

    response = upload(
        client, decision, xlsx_upload([["1", "Bằng khen"]], headers=["No.", "Form", "Name"])
    )

    assert response.status_code == 400
    expected = in_vietnamese(
        "The first row must be the template's headers: %(headers)s. Download the template and "
        "copy your rows into it.",
        headers=", ".join(
            [
                "STT",
                "Hình thức khen thưởng",
                "Đối tượng",
                "Tên cá nhân, tập thể, hộ gia đình",
                "Chức vụ",
                "Cơ quan, đơn vị",
                "Thành tích",
                "Tiền thưởng (đồng)",
                "Ngày hội (mã)",
            ]
        ),
    )
    assert response.context["form"].errors == {"file": [expected]}
    assert escape(expected) in response.content.decode()
    assert Award.objects.count() == 0


def test_import_of_file_without_rows_returns_400_with_reason(client, decision, district_staff):
    client.force_login(district_staff)

    response = upload(client, decision, xlsx_upload([]))

    assert response.status_code == 400
    assert response.context["parsed"].file_errors == [
        in_vietnamese("The file has no award rows under the headers.")
    ]
    assert escape(in_vietnamese("The file has no award rows under the headers.")) in (
        response.content.decode()
    )
    assert response.context["token"] is None
    assert Award.objects.count() == 0


@pytest.mark.parametrize(
    "token", ["0" * 32, "x", "../../etc/passwd"], ids=["forged", "short", "path"]
)
def test_import_confirm_with_forged_token_saves_nothing(client, decision, district_staff, token):
    client.force_login(district_staff)

    response = confirm(client, decision, token)

    assert response.status_code == 302
    assert response["Location"] == reverse("awards:decision.import", args=[decision.pk])
    assert Award.objects.count() == 0
    shown = client.get(response["Location"])
    assert message_list(shown) == [(messages.ERROR, in_vietnamese(EXPIRED))]


def test_import_confirm_twice_saves_once_and_says_it_was_imported(client, decision, district_staff):
    client.force_login(district_staff)
    token = upload(client, decision, good_import_file()).context["token"]
    client.get(confirm(client, decision, token)["Location"])

    response = confirm(client, decision, token)

    assert response["Location"] == decision.get_absolute_url()
    assert Award.objects.filter(decision=decision).count() == 3
    shown = client.get(response["Location"])
    assert message_list(shown) == [
        (
            messages.INFO,
            in_vietnamese(
                "This list was imported already (%(count)s awards); nothing was imported again.",
                count=3,
            ),
        )
    ]


def test_import_token_of_another_decision_saves_nothing_there(
    client, decision, province_chairman, district_staff
):
    other = services.decision_create(
        user=district_staff,
        data={"number": "126/QĐ-UBND", "date": DECISION_DAY, "authority": province_chairman},
    )
    client.force_login(district_staff)
    token = upload(client, decision, good_import_file()).context["token"]

    response = confirm(client, other, token)

    assert response["Location"] == reverse("awards:decision.import", args=[other.pk])
    assert Award.objects.count() == 0
    # The upload still belongs to its own decision.
    assert confirm(client, decision, token)["Location"] == decision.get_absolute_url()
    assert (Award.objects.filter(decision=decision).count(), other.awards.count()) == (3, 0)


def test_import_token_of_another_user_saves_nothing(client, decision, district_staff, area):
    colleague = RoleFactory(role=Role.DISTRICT_STAFF, unit=area.thanh_hoa).user
    client.force_login(district_staff)
    token = upload(client, decision, good_import_file()).context["token"]
    client.force_login(colleague)

    response = confirm(client, decision, token)

    assert response["Location"] == reverse("awards:decision.import", args=[decision.pk])
    assert Award.objects.count() == 0
    assert StagedImport.objects.get(pk=token).status == "staged"


# --- tributes ------------------------------------------------------------------------------


def test_festival_tributes_save_through_page(client, dong_son_festival, district_staff):
    client.force_login(district_staff)

    response = client.post(
        reverse("awards:festival.tributes", args=[dong_son_festival.pk]),
        tribute_data(
            {
                "giver": "Tỉnh ủy Thanh Hóa",
                "recipient": "Nhân dân phường Đông Sơn",
                "kind": "flower_basket",
                "quantity": "2",
                "value": "",
            },
            {
                "giver": "Công an tỉnh Thanh Hóa",
                "recipient": "Ban Chỉ đạo ngày hội",
                "kind": "cash",
                "quantity": "1",
                "value": "10000000",
            },
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == dong_son_festival.get_absolute_url()
    assert list(
        Tribute.objects.order_by("order").values_list(
            "giver", "recipient", "kind", "quantity", "value"
        )
    ) == [
        ("Tỉnh ủy Thanh Hóa", "Nhân dân phường Đông Sơn", "flower_basket", 2, None),
        ("Công an tỉnh Thanh Hóa", "Ban Chỉ đạo ngày hội", "cash", 1, 10_000_000),
    ]


def test_festival_tributes_with_negative_value_saves_nothing(
    client, dong_son_festival, district_staff
):
    client.force_login(district_staff)

    response = client.post(
        reverse("awards:festival.tributes", args=[dong_son_festival.pk]),
        tribute_data(
            {
                "giver": "Công an tỉnh",
                "recipient": "Ban Chỉ đạo",
                "kind": "cash",
                "quantity": "1",
                "value": "-1",
            }
        ),
    )

    assert response.status_code == 400
    expected = in_vietnamese("The amount cannot be negative.")
    with translation.override("vi"):
        assert [
            {name: [str(e) for e in errors] for name, errors in form_errors.items()}
            for form_errors in response.context["formset"].errors
        ] == [{"value": [expected]}]
    assert escape(expected) in response.content.decode()
    assert Tribute.objects.count() == 0


# --- query counts --------------------------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_decision_list_query_count_is_fixed(
    client,
    district_staff,
    province_chairman,
    dong_son_festival,
    hac_thanh_festival,
    django_assert_num_queries,
    rows,
):
    for _n in range(rows):
        decision = DecisionFactory(authority=province_chairman)
        AwardFactory(decision=decision, festival=dong_son_festival)
        AwardFactory(decision=decision, festival=hac_thanh_festival, amount=500_000)
    client.force_login(district_staff)
    client.get(reverse("awards:decision.list"))
    # session, user, savepoint, roles, the page's ids, its rows with their counts and sums,
    # authorities, forms, release (no festival listed: the picker searches them)
    with django_assert_num_queries(9):
        response = client.get(reverse("awards:decision.list"))
    page = response.context["page"]
    assert len(page.object_list) == rows
    assert {(d.award_count, d.amount_total) for d in page.object_list} == {(2, 2_000_000)}
    # Filtered by a festival: that festival is read once, to validate and to show it.
    with django_assert_num_queries(10):
        response = client.get(reverse("awards:decision.list"), {"festival": dong_son_festival.pk})
    assert len(response.context["page"].object_list) == rows
    picker = response.content.decode().split('id="id_festival"')[1].split("</select>")[0]
    assert picker.count("<option") == 2  # "all festivals" and the chosen one
    assert f'<option value="{dong_son_festival.pk}" selected>' in picker


@pytest.fixture
def decision_with_awards(area, commune_official, district_staff, province_chairman):
    """A decision of `rows` awards, each presented at its own festival of Phường Đông Sơn."""

    def build(rows):
        decision = DecisionFactory(authority=province_chairman, created_by=district_staff)
        for n in range(rows):
            festival = make_festival(
                user=commune_official,
                host_unit=area.dong_son_ward,
                programme=0,
                delegates=0,
                title=f"Ngày hội khu phố {n}",
            )
            AwardFactory(decision=decision, festival=festival)
        return decision

    return build


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_decision_editor_page_query_count_is_fixed(
    client, district_staff, decision_with_awards, django_assert_num_queries, rows
):
    decision = decision_with_awards(rows)
    client.force_login(district_staff)
    client.get(decision.get_absolute_url())
    # session, user, savepoint, roles, decision, scope check, award count, festivals, forms,
    # awards, audit entries of the decision and its rows (with their content type), the
    # authority, award forms and festivals they name (one query each), release
    with django_assert_num_queries(15):
        response = client.get(decision.get_absolute_url())
    assert response.context["formset"].total_form_count() == rows


@pytest.mark.parametrize("rows", [1, 3, 20])
def test_decision_read_only_page_query_count_is_fixed(
    client, commune_official, decision_with_awards, django_assert_num_queries, rows
):
    decision = decision_with_awards(rows)
    client.force_login(commune_official)
    client.get(decision.get_absolute_url())
    # session, user, savepoint, roles, decision, award count, audit entries (with their content
    # type), the authority they name, awards, release
    with django_assert_num_queries(10):
        response = client.get(decision.get_absolute_url())
    assert len(response.context["awards"]) == rows


def page_queries(client, url):
    """The queries of a page seen a second time (caches warm), and the response."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), response


@pytest.mark.parametrize("edits", [1, 3, 20])
def test_decision_page_query_count_does_not_grow_with_its_history(
    client, district_staff, province_chairman, decision, edits
):
    untouched = services.decision_create(
        user=district_staff,
        data={"number": "126/QĐ-UBND", "date": DECISION_DAY, "authority": province_chairman},
    )
    for n in range(edits):
        decision = services.decision_update(
            decision=decision,
            user=district_staff,
            version=decision.version,
            data={
                "number": decision.number,
                "date": decision.date,
                "authority": decision.authority,
                "signer_name": f"Người ký {n}",
            },
        )
    client.force_login(district_staff)

    baseline, _response = page_queries(client, untouched.get_absolute_url())
    queries, response = page_queries(client, decision.get_absolute_url())

    assert len(response.context["audit_entries"]) == edits + 1
    assert queries == baseline


def test_decision_editor_normalises_control_characters_in_award_texts(
    client, recorded, district_staff
):
    # A vertical tab in an award name broke every export that held it.
    client.force_login(district_staff)
    rows = editor_rows(recorded)
    rows[0]["recipient_name"] = "Lê Thị\x0bHoa\x00"
    rows[0]["citation"] = "Thành tích\x0cxuất sắc\x1f"

    response = client.post(recorded.get_absolute_url(), editor_data(recorded, rows))

    assert response.status_code == 302
    first = awards_of(recorded)[0]
    assert (first.recipient_name, first.citation) == ("Lê Thị Hoa", "Thành tích xuất sắc")


def test_decision_form_normalises_control_characters(client, recorded, district_staff):
    client.force_login(district_staff)
    data = {
        "number": recorded.number,
        "date": recorded.date.isoformat(),
        "authority": recorded.authority_id,
        "signer_name": "Đầu\x0bThanh Tùng\x07",
        "signer_title": recorded.signer_title,
        "version": recorded.version,
    }

    response = client.post(reverse("awards:decision.edit", args=[recorded.pk]), data)

    assert response.status_code == 302
    assert Decision.objects.get(pk=recorded.pk).signer_name == "Đầu Thanh Tùng"
