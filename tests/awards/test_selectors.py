"""The filters of the decision list and of the award export (awards/selectors.py)."""

import datetime

import pytest

from awards import selectors
from awards.selectors import decisions_for_staff
from tests.factories.awards import AwardFactory, DecisionFactory


@pytest.fixture
def older(district_chairman, forms):
    """Decision 9/QĐ-UBND of the former district chairman, of 2024, with one award presented at no
    festival."""
    decision = DecisionFactory(
        authority=district_chairman, number="9/QĐ-UBND", date=datetime.date(2024, 5, 10)
    )
    AwardFactory(decision=decision, form=forms["giay-khen"], recipient_name="Phạm Văn Cũ")
    return decision


def numbers(decisions):
    return [d.number for d in decisions]


def names(awards):
    return [a.recipient_name for a in awards]


def test_decisions_for_staff_narrow_by_year_authority_form_and_festival(
    district_staff, forms, recorded, older, district_chairman, hac_thanh_festival
):
    def listed(**filters):
        return numbers(selectors.decisions_for_staff(district_staff, **filters))

    assert listed() == ["125/QĐ-UBND", "9/QĐ-UBND"]
    assert listed(year=2024) == ["9/QĐ-UBND"]
    assert listed(authority=district_chairman) == ["9/QĐ-UBND"]
    assert listed(form=forms["co-thi-dua"]) == ["125/QĐ-UBND"]
    assert listed(festival=hac_thanh_festival) == ["125/QĐ-UBND"]
    assert listed(form=forms["giay-khen"], festival=hac_thanh_festival) == []


def test_awards_for_export_narrow_by_decision_year_authority_form_festival_and_search(
    district_staff, forms, recorded, older, province_chairman, hac_thanh_festival
):
    def exported(**filters):
        return names(selectors.awards_for_export(district_staff, **filters))

    assert exported() == [
        "Phạm Văn Cũ",
        "Lê Thị Hoa",
        "Công an phường Đông Sơn",
        "Trần Văn Nam",
        "Hộ ông Nguyễn Văn Bình",
    ]
    assert exported(decision=older) == ["Phạm Văn Cũ"]
    assert exported(year=2024) == ["Phạm Văn Cũ"]
    assert exported(authority=province_chairman) == [
        "Lê Thị Hoa",
        "Công an phường Đông Sơn",
        "Trần Văn Nam",
        "Hộ ông Nguyễn Văn Bình",
    ]
    assert exported(form=forms["co-thi-dua"]) == ["Công an phường Đông Sơn"]
    assert exported(festival=hac_thanh_festival) == ["Trần Văn Nam"]
    assert exported(q="tran van nam") == ["Trần Văn Nam"]


def test_decision_search_of_a_commune_official_looks_only_at_awards_they_may_see(
    recorded, commune_official, other_commune_official, district_staff
):
    # "Trần Văn Nam" was awarded at the Hạc Thành festival: not Đông Sơn's to see or find.
    assert list(decisions_for_staff(commune_official, q="tran van nam")) == []
    assert list(decisions_for_staff(other_commune_official, q="tran van nam")) == [recorded]
    assert list(decisions_for_staff(commune_official, q="le thi hoa")) == [recorded]
    assert list(decisions_for_staff(district_staff, q="tran van nam")) == [recorded]


@pytest.fixture
def nghe_an_award_at_dong_son(nghe_an_chairman, forms, dong_son_festival):
    """Decision 77/QĐ-UBND of Nghệ An's chairman (a day before 125/QĐ-UBND) with an award
    presented at the Đông Sơn festival of Thanh Hóa, and one at no festival."""
    decision = DecisionFactory(
        authority=nghe_an_chairman,
        number="77/QĐ-UBND",
        date=datetime.date(2026, 8, 1),
    )
    AwardFactory(decision=decision, recipient_name="Hồ Văn Nghệ", festival=dong_son_festival)
    AwardFactory(decision=decision, recipient_name="Lê Văn Vinh")
    return decision


def test_awards_for_export_unites_both_scope_paths_once_each_in_list_order(
    district_staff, commune_official, nghe_an_staff, recorded, nghe_an_award_at_dong_son
):
    def exported(user):
        return names(selectors.awards_for_export(user))

    # By the festival's host unit (Hồ Văn Nghệ), by the authority's unit, or both (Lê Thị Hoa):
    # each award once, in the order of the decisions' dates.
    assert exported(district_staff) == [
        "Hồ Văn Nghệ",
        "Lê Thị Hoa",
        "Công an phường Đông Sơn",
        "Trần Văn Nam",
        "Hộ ông Nguyễn Văn Bình",
    ]
    assert exported(commune_official) == ["Hồ Văn Nghệ", "Lê Thị Hoa", "Công an phường Đông Sơn"]
    assert exported(nghe_an_staff) == ["Hồ Văn Nghệ", "Lê Văn Vinh"]


def test_awards_for_export_rows_hold_the_written_columns_only(
    district_staff, recorded, dong_son_festival
):
    first = next(selectors.awards_for_export(district_staff))

    assert first[: len(selectors.EXPORT_COLUMNS)] == (
        "Bằng khen",
        "individual",
        "Lê Thị Hoa",
        "Tổ trưởng tổ ANTT",
        "Khu phố 3, phường Đông Sơn",
        "",
        1_500_000,
        dong_son_festival.year,
        "phuong-dong-son",
    )


@pytest.mark.parametrize("count", [1, 3, 20])
def test_awards_for_export_reads_in_one_query_however_many_awards(
    district_staff, decision, dong_son_festival, count, django_assert_num_queries
):
    AwardFactory.create_batch(count, decision=decision, festival=dong_son_festival)
    district_staff = type(district_staff).objects.get(pk=district_staff.pk)

    # The user's roles, then the awards (their scope is a subquery of the same statement).
    with django_assert_num_queries(2):
        rows = list(selectors.awards_for_export(district_staff))

    assert len(rows) == count


def test_awards_export_exceeds_counts_up_to_one_more_than_the_limit(
    district_staff, commune_official, recorded, nghe_an_award_at_dong_son
):
    assert selectors.awards_export_exceeds(district_staff, 4) is True
    assert selectors.awards_export_exceeds(district_staff, 5) is False
    assert selectors.awards_export_exceeds(commune_official, 2) is True
    assert selectors.awards_export_exceeds(commune_official, 3) is False
    assert selectors.awards_export_exceeds(district_staff, 0, q="tran van nam") is True
    assert selectors.awards_export_exceeds(district_staff, 1, q="tran van nam") is False
