"""The festival search (FestivalQuerySet.search_results, core.search): whole words, the last one
as a prefix from three letters, the exact phrase first, diacritics and case ignored; delegates and
award recipients searched through their own rows."""

import pytest

from attendees.models import Delegate
from events import selectors
from events.models import Festival
from tests.factories.awards import AwardFactory, DecisionFactory, IssuingAuthorityFactory
from tests.factories.events import FestivalFactory


@pytest.fixture
def festival(area):
    """Published festivals of the Nghệ An commune, newest last: `festival("Title", year)`."""

    def make(title, year=2024, unit=None, delegates=()):
        made = FestivalFactory(host_unit=unit or area.other_commune, title=title, year=year)
        for precedence, name in enumerate(delegates):
            Delegate.objects.create(festival=made, full_name=name, precedence=precedence)
        return made

    return make


def found(query, **filters):
    return [f.title for f in selectors.festivals_public(q=query, **filters)]


def test_search_matches_whole_words_not_inside_words(area, festival):
    rung_thong = festival("Ngày hội năm 2023", year=2023, unit=area.rung_thong_township)
    festival("Ngày hội khu phố Trung Thông")
    festival("Ngày hội xóm Trung, thôn Thống Nhất")

    assert found("rung thong") == [rung_thong.title]
    assert found("trung") == ["Ngày hội xóm Trung, thôn Thống Nhất", "Ngày hội khu phố Trung Thông"]


@pytest.mark.parametrize(
    "query", ["rung thong", "Rừng Thông", "RỪNG THÔNG", "rừng thong", "  rung   THONG "]
)
def test_search_ignores_diacritics_case_and_spaces(area, festival, query):
    festival("Ngày hội năm 2023", year=2023, unit=area.rung_thong_township)
    festival("Ngày hội khu phố Trung Thông")

    assert found(query) == ["Ngày hội năm 2023"]


def test_search_last_word_is_a_prefix_from_three_letters(festival):
    festival("Tuấn", delegates=["Nguyễn Văn Tuấn"])
    festival("Anh", delegates=["Nguyễn Văn Anh"])
    festival("An", delegates=["Nguyễn Văn An"])

    # Still typing "Tuấn": three letters are a prefix.
    assert found("nguyen van tua") == ["Tuấn"]
    # Two letters are a whole word: "an" is An, not Anh.
    assert found("nguyen van an") == ["An"]
    assert found("nguyen van anh") == ["Anh"]
    # Other words than the last are never prefixes.
    assert found("nguy van an") == []


def test_search_finds_a_delegate_by_the_whole_name_with_or_without_diacritics(festival):
    festival("Với đại biểu", delegates=["Nguyễn Ngọc Tiến", "Lê Trọng Thụ"])
    festival("Không có", delegates=["Nguyễn Ngọc Tiệp", "Nguyễn Tiến"])

    for query in ["nguyen ngoc tien", "Nguyễn Ngọc Tiến", "NGUYEN NGOC TIEN"]:
        assert (query, found(query)) == (query, ["Với đại biểu"])
    assert found("le trong thu") == ["Với đại biểu"]
    # Every word, in one name: "tien" and "thu" are in two delegates' names.
    assert found("tien thu") == []


def test_search_finds_a_festival_by_an_award_recipient(area, festival):
    presented = festival("Có khen thưởng")
    festival("Không khen thưởng")
    decision = DecisionFactory(authority=IssuingAuthorityFactory(unit=area.other_province))
    AwardFactory(
        decision=decision,
        festival=presented,
        recipient_name="Nhân dân và cán bộ thị trấn Rừng Thông",
        position="Tổ trưởng",
    )
    AwardFactory(decision=decision, festival=None, recipient_name="Trần Văn Nam")

    assert found("nhan dan rung thong") == ["Có khen thưởng"]
    # Position and organisation are not searched, nor awards presented at no festival.
    assert found("to truong") == []
    assert found("tran van nam") == []


def test_search_ranks_the_exact_phrase_first_then_the_newest(festival):
    festival("Cụm từ, cũ", year=2019, delegates=["Nguyễn Văn An"])
    festival("Các từ rời, mới", year=2025, delegates=["Văn An Nguyễn"])
    festival("Cụm từ, mới", year=2022, delegates=["Trần Thị Bình", "Nguyễn Văn An"])
    festival("Không dấu, rời", year=2024, delegates=["An Văn Nguyễn"])

    expected = ["Cụm từ, mới", "Cụm từ, cũ", "Các từ rời, mới", "Không dấu, rời"]
    assert found("nguyen van an") == expected
    assert found("Nguyễn Văn An") == expected


def test_search_ranks_the_phrase_with_a_prefix_after_the_exact_phrase(festival):
    festival("Hoa, rời", year=2025, delegates=["Hoa Nguyễn Văn"])
    festival("Hoàng, cụm", year=2024, delegates=["Nguyễn Văn Hoàng"])
    festival("Hòa, đúng", year=2016, delegates=["Nguyễn Văn Hòa"])

    assert found("nguyen van hoa") == ["Hòa, đúng", "Hoàng, cụm", "Hoa, rời"]


def test_search_keeps_the_other_filters(area, festival):
    festival("Ngày hội 2023", year=2023, unit=area.rung_thong_township)
    festival("Ngày hội 2024", year=2024, unit=area.rung_thong_township)
    FestivalFactory(host_unit=area.rung_thong_township, title="Bản nháp", status="draft")

    assert found("rung thong") == ["Ngày hội 2024", "Ngày hội 2023"]
    assert found("rung thong", year=2023) == ["Ngày hội 2023"]
    assert found("rung thong", province=area.other_province) == []


def test_festival_search_text_holds_no_delegate_or_recipient(area, festival):
    held = festival("Ngày hội", delegates=["Nguyễn Ngọc Tiến"])
    held.save()

    held.refresh_from_db()
    assert held.search_text == "ngay hoi nha van hoa phuong vinh phu tinh nghe an"


def test_search_count_stops_past_the_cap(festival):
    for year in range(2016, 2021):
        festival(f"Ngày hội {year}", year=year)

    results = Festival.objects.public().search_results(
        "ngay hoi", order=["-starts_at", "-pk"], page_queryset=Festival.objects.all(), cap=3
    )

    assert results.count() == 4
    assert [f.title for f in results[:2]] == ["Ngày hội 2020", "Ngày hội 2019"]
    assert [f.title for f in results] == [
        "Ngày hội 2020",
        "Ngày hội 2019",
        "Ngày hội 2018",
        "Ngày hội 2017",
    ]


def test_staff_search_lists_only_festivals_in_scope(area, commune_official, festival):
    festival("Nghệ An", delegates=["Nguyễn Ngọc Tiến"])
    own = FestivalFactory(host_unit=area.dong_son_ward, title="Đông Sơn", year=2025)
    Delegate.objects.create(festival=own, full_name="Nguyễn Ngọc Tiến")

    listed = selectors.festivals_for_staff(commune_official, q="nguyen ngoc tien")

    assert [(f.title, f.delegate_count) for f in listed] == [("Đông Sơn", 1)]
    assert listed.count() == 1
