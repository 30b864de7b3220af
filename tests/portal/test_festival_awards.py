"""The awards and tributes on the public festival page."""

from django.utils.text import capfirst

from awards.enums import RecipientKind, TributeKind
from tests.conftest import in_vietnamese
from tests.factories.awards import (
    AwardFactory,
    DecisionFactory,
    IssuingAuthorityFactory,
    TributeFactory,
)

INDIVIDUAL, COLLECTIVE, HOUSEHOLD = (
    RecipientKind.INDIVIDUAL,
    RecipientKind.COLLECTIVE,
    RecipientKind.HOUSEHOLD,
)


def test_public_festival_page_shows_awards_by_authority_and_form_and_tributes(
    client, area, recorded, district_staff, dong_son_festival
):
    police_director = IssuingAuthorityFactory(
        position="Giám đốc Công an tỉnh Thanh Hóa", unit=area.thanh_hoa, forms=["giay-khen"]
    )
    police = DecisionFactory(authority=police_director, number="88/QĐ-CAT")
    AwardFactory(
        decision=police,
        form=police_director.forms.get(),
        recipient_name="Đỗ Minh Quân",
        position="Trưởng Công an phường",
        organisation="",
        festival=dong_son_festival,
    )
    TributeFactory(
        festival=dong_son_festival,
        giver="Tỉnh ủy Thanh Hóa",
        recipient="Nhân dân phường Đông Sơn",
        kind=TributeKind.FLOWER_BASKET,
        quantity=2,
    )
    TributeFactory(
        festival=dong_son_festival,
        giver="Công an tỉnh Thanh Hóa",
        recipient="Ban Chỉ đạo ngày hội",
        kind=TributeKind.CASH,
        value=10_000_000,
    )

    response = client.get(dong_son_festival.get_public_url())

    assert response.status_code == 200
    assert [
        (
            authority.position,
            [(form.name, [a.recipient_name for a in awards]) for form, awards in by_form],
        )
        for authority, by_form in response.context["award_groups"]
    ] == [
        (
            "Chủ tịch UBND tỉnh Thanh Hóa",
            [("Bằng khen", ["Lê Thị Hoa"]), ("Cờ thi đua", ["Công an phường Đông Sơn"])],
        ),
        ("Giám đốc Công an tỉnh Thanh Hóa", [("Giấy khen", ["Đỗ Minh Quân"])]),
    ]
    page = response.content.decode()
    assert (
        page.index("Chủ tịch UBND tỉnh Thanh Hóa")
        < page.index("<strong>Bằng khen</strong>")
        < page.index("<li>Lê Thị Hoa, Tổ trưởng tổ ANTT — Khu phố 3, phường Đông Sơn</li>")
        < page.index("<strong>Cờ thi đua</strong>")
        < page.index("<li>Công an phường Đông Sơn</li>")
        < page.index("Giám đốc Công an tỉnh Thanh Hóa")
        < page.index("<li>Đỗ Minh Quân, Trưởng Công an phường</li>")
    )
    assert "Trần Văn Nam" not in page
    assert "Hộ ông Nguyễn Văn Bình" not in page
    basket = capfirst(in_vietnamese("flower basket"))
    cash = capfirst(in_vietnamese("cash"))
    assert (
        f"<li>{basket} ×2: Tỉnh ủy Thanh Hóa → Nhân dân phường Đông Sơn</li>"
        f"<li>{cash}: Công an tỉnh Thanh Hóa → Ban Chỉ đạo ngày hội</li>"
    ) in page


def test_public_festival_page_without_awards_has_no_awards_section(client, dong_son_festival):
    response = client.get(dong_son_festival.get_public_url())

    assert response.status_code == 200
    assert (response.context["award_groups"], response.context["tributes"]) == ([], [])
    assert 'id="awards-heading"' not in response.content.decode()
