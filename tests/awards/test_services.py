"""The award services (awards/services.py): every rule, every refusal, all or nothing.

Messages are built outside a request, so they are compared in English."""

import datetime

import pytest
from auditlog.models import LogEntry

from awards import services
from awards.enums import RecipientKind, TributeKind
from awards.models import Award, Decision, Tribute
from core.errors import NotAllowed, ServiceError, Stale
from tests.factories.awards import DECISION_DAY, IssuingAuthorityFactory, award_row, saved_awards

STALE = (
    "Someone else saved this decision while you were editing it. Nothing was saved: open it "
    "again and repeat your change."
)
INDIVIDUAL, COLLECTIVE, HOUSEHOLD = (
    RecipientKind.INDIVIDUAL,
    RecipientKind.COLLECTIVE,
    RecipientKind.HOUSEHOLD,
)


def header(authority, number="125/QĐ-UBND", date=DECISION_DAY, **fields):
    return {
        "number": number,
        "date": date,
        "authority": authority,
        "signer_name": "Đầu Thanh Tùng",
        "signer_title": "Chủ tịch UBND tỉnh",
        **fields,
    }


def decision_state(decision):
    row = Decision.objects.values("number", "date", "authority", "version").get(pk=decision.pk)
    return row, saved_awards(decision)


def replace(decision, user, rows):
    return services.awards_replace(
        decision=decision, user=user, version=decision.version, rows=rows
    )


# --- decision header -------------------------------------------------------------------------


def test_decision_create_saves_header_with_trimmed_number(district_staff, province_chairman):
    decision = services.decision_create(
        user=district_staff, data=header(province_chairman, number="  125/QĐ-UBND ")
    )

    saved = Decision.objects.get()
    assert saved == decision
    assert (
        saved.number,
        saved.date,
        saved.authority,
        saved.signer_name,
        saved.signer_title,
        saved.created_by,
        saved.version,
    ) == (
        "125/QĐ-UBND",
        DECISION_DAY,
        province_chairman,
        "Đầu Thanh Tùng",
        "Chủ tịch UBND tỉnh",
        district_staff,
        1,
    )


def test_decision_create_by_administrator_is_accepted(administrator, nghe_an_chairman):
    decision = services.decision_create(user=administrator, data=header(nghe_an_chairman))

    assert (decision.authority, decision.created_by) == (nghe_an_chairman, administrator)


@pytest.mark.parametrize(
    "day",
    [datetime.date(2024, 3, 1), datetime.date(2025, 6, 30)],
    ids=["during_term", "last_day"],
)
def test_decision_create_inside_authority_validity_is_accepted(
    district_staff, district_chairman, day
):
    decision = services.decision_create(
        user=district_staff, data=header(district_chairman, number="40/QĐ-UBND", date=day)
    )

    assert Decision.objects.get().date == day == decision.date


def test_decision_create_after_authority_validity_is_refused(district_staff, district_chairman):
    with pytest.raises(ServiceError) as refused:
        services.decision_create(
            user=district_staff,
            data=header(district_chairman, number="40/QĐ-UBND", date=datetime.date(2025, 7, 1)),
        )

    assert refused.value.messages == [
        "Chủ tịch UBND huyện Đông Sơn could not sign decisions on 01/07/2025 "
        "(valid … – 30/06/2025)."
    ]
    assert Decision.objects.count() == 0


def test_decision_create_before_authority_validity_is_refused(district_staff, area):
    ward_chairman = IssuingAuthorityFactory(
        position="Chủ tịch UBND phường Đông Sơn",
        unit=area.dong_son_ward,
        valid_from=datetime.date(2025, 7, 1),
        forms=["giay-khen"],
    )

    with pytest.raises(ServiceError) as refused:
        services.decision_create(
            user=district_staff,
            data=header(ward_chairman, number="7/QĐ-UBND", date=datetime.date(2025, 6, 30)),
        )

    assert refused.value.messages == [
        "Chủ tịch UBND phường Đông Sơn could not sign decisions on 30/06/2025 "
        "(valid 01/07/2025 – …)."
    ]
    assert Decision.objects.count() == 0


def test_decision_create_with_number_taken_by_same_authority_is_refused(
    district_staff, province_chairman, decision
):
    with pytest.raises(ServiceError) as refused:
        services.decision_create(
            user=district_staff, data=header(province_chairman, number=" 125/QĐ-UBND")
        )

    assert refused.value.messages == [
        "Chủ tịch UBND tỉnh Thanh Hóa already has a decision numbered 125/QĐ-UBND "
        f"in {DECISION_DAY.year}."
    ]
    assert list(Decision.objects.all()) == [decision]


def test_decision_create_with_number_of_another_year_is_accepted(
    district_staff, province_chairman, decision
):
    last_year = DECISION_DAY.replace(year=DECISION_DAY.year - 1, day=1)

    other = services.decision_create(
        user=district_staff, data=header(province_chairman, date=last_year)
    )

    assert sorted(Decision.objects.values_list("number", "date")) == [
        ("125/QĐ-UBND", last_year),
        ("125/QĐ-UBND", DECISION_DAY),
    ]
    assert other.number == decision.number


def test_decision_number_is_unique_per_authority_and_year_in_the_database(
    province_chairman, decision
):
    from django.db import IntegrityError, transaction

    same_year = Decision(
        number=decision.number, date=DECISION_DAY.replace(day=1), authority=province_chairman
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        same_year.save()


def test_decision_create_with_number_of_another_authority_is_accepted(
    administrator, nghe_an_chairman, decision
):
    other = services.decision_create(user=administrator, data=header(nghe_an_chairman))

    assert sorted(Decision.objects.values_list("number", "authority__position")) == [
        ("125/QĐ-UBND", "Chủ tịch UBND tỉnh Nghệ An"),
        ("125/QĐ-UBND", "Chủ tịch UBND tỉnh Thanh Hóa"),
    ]
    assert other.number == decision.number


def test_decision_update_keeping_its_own_number_saves_and_bumps_version(
    district_staff, province_chairman, decision
):
    updated = services.decision_update(
        decision=decision,
        user=district_staff,
        version=1,
        data=header(province_chairman, signer_name="Nguyễn Văn Thi"),
    )

    decision.refresh_from_db()
    assert (decision.number, decision.signer_name, decision.version) == (
        "125/QĐ-UBND",
        "Nguyễn Văn Thi",
        2,
    )
    assert updated.version == 2


def test_decision_update_to_number_of_another_decision_is_refused(
    district_staff, province_chairman, decision
):
    other = services.decision_create(
        user=district_staff, data=header(province_chairman, number="126/QĐ-UBND")
    )

    with pytest.raises(ServiceError) as refused:
        services.decision_update(
            decision=other, user=district_staff, version=1, data=header(province_chairman)
        )

    assert refused.value.messages == [
        "Chủ tịch UBND tỉnh Thanh Hóa already has a decision numbered 125/QĐ-UBND "
        f"in {DECISION_DAY.year}."
    ]
    other.refresh_from_db()
    assert (other.number, other.version) == ("126/QĐ-UBND", 1)


def test_decision_update_from_stale_version_is_refused(district_staff, province_chairman, decision):
    services.decision_update(
        decision=decision,
        user=district_staff,
        version=1,
        data=header(province_chairman, signer_name="Nguyễn Văn Thi"),
    )

    with pytest.raises(Stale) as refused:
        services.decision_update(
            decision=decision,
            user=district_staff,
            version=1,
            data=header(province_chairman, number="999/QĐ-UBND"),
        )

    assert refused.value.messages == [STALE]
    decision.refresh_from_db()
    assert (decision.number, decision.signer_name, decision.version) == (
        "125/QĐ-UBND",
        "Nguyễn Văn Thi",
        2,
    )


# --- who may record decisions ----------------------------------------------------------------

OUTSIDERS = ["commune_official", "other_commune_official", "user_without_role", "nghe_an_staff"]


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_decision_create_by_user_without_district_role_in_scope_is_refused(
    request, province_chairman, outsider
):
    user = request.getfixturevalue(outsider)

    with pytest.raises(NotAllowed) as refused:
        services.decision_create(user=user, data=header(province_chairman))

    assert refused.value.messages == ["You may only record decisions of authorities in your scope."]
    assert Decision.objects.count() == 0


def test_decision_create_for_authority_of_another_province_is_refused(
    district_staff, nghe_an_chairman
):
    with pytest.raises(NotAllowed) as refused:
        services.decision_create(user=district_staff, data=header(nghe_an_chairman))

    assert refused.value.messages == ["You may only record decisions of authorities in your scope."]
    assert Decision.objects.count() == 0


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_decision_update_by_user_without_district_role_in_scope_is_refused(
    request, province_chairman, decision, outsider
):
    user = request.getfixturevalue(outsider)
    before = decision_state(decision)

    with pytest.raises(NotAllowed) as refused:
        services.decision_update(
            decision=decision,
            user=user,
            version=1,
            data=header(province_chairman, number="999/QĐ-UBND"),
        )

    assert refused.value.messages == ["You may not change this decision."]
    assert decision_state(decision) == before


def test_decision_update_moving_it_to_authority_out_of_scope_is_refused(
    district_staff, nghe_an_chairman, decision
):
    before = decision_state(decision)

    with pytest.raises(NotAllowed) as refused:
        services.decision_update(
            decision=decision, user=district_staff, version=1, data=header(nghe_an_chairman)
        )

    assert refused.value.messages == ["You may only record decisions of authorities in your scope."]
    assert decision_state(decision) == before


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_decision_delete_by_user_without_district_role_in_scope_is_refused(
    request, decision, outsider
):
    user = request.getfixturevalue(outsider)

    with pytest.raises(NotAllowed) as refused:
        services.decision_delete(decision=decision, user=user)

    assert refused.value.messages == ["You may not delete this decision."]
    assert list(Decision.objects.all()) == [decision]


def test_decision_delete_removes_decision_and_its_awards(district_staff, forms, decision):
    replace(decision, district_staff, [award_row(forms["bang-khen"], INDIVIDUAL, "Lê Thị Hoa")])

    services.decision_delete(decision=decision, user=district_staff)

    assert (Decision.objects.count(), Award.objects.count()) == (0, 0)


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_awards_replace_by_user_without_district_role_in_scope_is_refused(
    request, forms, decision, outsider
):
    user = request.getfixturevalue(outsider)

    with pytest.raises(NotAllowed) as refused:
        replace(decision, user, [award_row(forms["bang-khen"], INDIVIDUAL, "Lê Thị Hoa")])

    assert refused.value.messages == ["You may not change this decision."]
    assert decision_state(decision) == (
        {
            "number": "125/QĐ-UBND",
            "date": DECISION_DAY,
            "authority": decision.authority_id,
            "version": 1,
        },
        [],
    )


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_awards_import_by_user_without_district_role_in_scope_is_refused(
    request, forms, decision, outsider
):
    user = request.getfixturevalue(outsider)

    with pytest.raises(NotAllowed) as refused:
        services.awards_import(
            decision=decision,
            user=user,
            rows=[award_row(forms["bang-khen"], INDIVIDUAL, "Lê Thị Hoa")],
        )

    assert refused.value.messages == ["You may not change this decision."]
    assert (Award.objects.count(), Decision.objects.get().version) == (0, 1)


# --- the awards of a decision ----------------------------------------------------------------


def test_awards_replace_adds_changes_and_removes_rows(
    district_staff, forms, decision, dong_son_festival, hac_thanh_festival
):
    decision = replace(
        decision,
        district_staff,
        [
            award_row(
                forms["bang-khen"],
                INDIVIDUAL,
                "Lê Thị Hoa",
                position="Tổ trưởng tổ ANTT",
                organisation="Khu phố 3, phường Đông Sơn",
                citation="Có thành tích xuất sắc trong phong trào toàn dân bảo vệ ANTQ",
                amount=1_500_000,
                festival=dong_son_festival,
            ),
            award_row(forms["co-thi-dua"], COLLECTIVE, "Nhân dân và cán bộ phường Đông Sơn"),
            award_row(forms["bang-khen"], HOUSEHOLD, "Hộ ông Nguyễn Văn Bình", amount=500_000),
        ],
    )
    hoa, flag, household = Award.objects.filter(decision=decision).order_by("order")
    assert decision.version == 2
    assert [(a.order, a.search_text) for a in (hoa, flag, household)] == [
        (1, "le thi hoa"),
        (2, "nhan dan va can bo phuong dong son"),
        (3, "ho ong nguyen van binh"),
    ]

    decision = replace(
        decision,
        district_staff,
        [
            award_row(
                forms["bang-khen"],
                INDIVIDUAL,
                "Lê Thị Hoa",
                position="Tổ trưởng tổ ANTT",
                organisation="Khu phố 3, phường Đông Sơn",
                citation="Có thành tích xuất sắc trong phong trào toàn dân bảo vệ ANTQ",
                amount=2_000_000,
                festival=hac_thanh_festival,
                id=hoa.pk,
            ),
            award_row(
                forms["co-thi-dua"], COLLECTIVE, "Nhân dân và cán bộ phường Đông Sơn", id=flag.pk
            ),
            award_row(forms["bang-khen"], COLLECTIVE, "Công an phường Hạc Thành", amount=3_000_000),
        ],
    )

    assert decision.version == 3
    assert saved_awards(decision) == [
        (
            "Bằng khen",
            "individual",
            "Lê Thị Hoa",
            "Tổ trưởng tổ ANTT",
            "Khu phố 3, phường Đông Sơn",
            "Có thành tích xuất sắc trong phong trào toàn dân bảo vệ ANTQ",
            2_000_000,
            hac_thanh_festival,
        ),
        ("Cờ thi đua", "collective", "Nhân dân và cán bộ phường Đông Sơn", "", "", "", None, None),
        ("Bằng khen", "collective", "Công an phường Hạc Thành", "", "", "", 3_000_000, None),
    ]
    kept = list(
        Award.objects.filter(decision=decision).order_by("order").values_list("pk", flat=True)
    )
    assert kept[:2] == [hoa.pk, flag.pk]
    assert not Award.objects.filter(pk=household.pk).exists()


def test_awards_replace_saves_new_order_of_unchanged_rows(district_staff, forms, decision):
    decision = replace(
        decision,
        district_staff,
        [
            award_row(forms["bang-khen"], INDIVIDUAL, "Lê Thị Hoa"),
            award_row(forms["bang-khen"], INDIVIDUAL, "Trần Văn Nam"),
        ],
    )
    hoa, nam = Award.objects.filter(decision=decision).order_by("order")

    replace(
        decision,
        district_staff,
        [
            award_row(forms["bang-khen"], INDIVIDUAL, "Trần Văn Nam", id=nam.pk),
            award_row(forms["bang-khen"], INDIVIDUAL, "Lê Thị Hoa", id=hoa.pk),
        ],
    )

    assert list(
        Award.objects.filter(decision=decision).order_by("order").values_list("pk", "order")
    ) == [(nam.pk, 1), (hoa.pk, 2)]


def test_awards_replace_never_takes_over_award_of_another_decision(
    district_staff, province_chairman, forms, decision
):
    other = services.decision_create(
        user=district_staff, data=header(province_chairman, number="126/QĐ-UBND")
    )
    other = replace(
        other, district_staff, [award_row(forms["bang-khen"], INDIVIDUAL, "Lê Thị Hoa")]
    )
    foreign = Award.objects.get(decision=other)

    replace(
        decision,
        district_staff,
        [award_row(forms["bang-khen"], INDIVIDUAL, "Trần Văn Nam", id=foreign.pk)],
    )

    foreign.refresh_from_db()
    assert (foreign.decision, foreign.recipient_name) == (other, "Lê Thị Hoa")
    assert [a[2] for a in saved_awards(decision)] == ["Trần Văn Nam"]


def test_awards_replace_from_stale_version_changes_nothing(district_staff, forms, decision):
    decision = replace(
        decision, district_staff, [award_row(forms["bang-khen"], INDIVIDUAL, "Lê Thị Hoa")]
    )
    before = decision_state(decision)

    with pytest.raises(Stale) as refused:
        services.awards_replace(
            decision=decision,
            user=district_staff,
            version=1,
            rows=[award_row(forms["bang-khen"], INDIVIDUAL, "Trần Văn Nam")],
        )

    assert refused.value.messages == [STALE]
    assert decision_state(decision) == before
    assert before[0]["version"] == 2


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        (
            {"form": "giay-khen", "recipient_kind": INDIVIDUAL},
            "Chủ tịch UBND tỉnh Thanh Hóa may not issue Giấy khen.",
        ),
        (
            {"form": "co-thi-dua", "recipient_kind": INDIVIDUAL},
            "Cờ thi đua cannot be given to this recipient kind (individual).",
        ),
        (
            {"form": "co-thi-dua", "recipient_kind": HOUSEHOLD},
            "Cờ thi đua cannot be given to this recipient kind (household).",
        ),
        (
            {"form": "bang-khen", "recipient_kind": INDIVIDUAL, "festival": "nghe_an_festival"},
            "The festival is not in your scope.",
        ),
        (
            {"form": "bang-khen", "recipient_kind": INDIVIDUAL, "amount": -1},
            "The amount cannot be negative.",
        ),
    ],
    ids=[
        "form_not_issued",
        "flag_to_individual",
        "flag_to_household",
        "festival_out_of_scope",
        "negative_amount",
    ],
)
def test_awards_replace_with_one_bad_row_saves_no_row(
    request, district_staff, forms, decision, dong_son_festival, bad, problem
):
    decision = replace(
        decision, district_staff, [award_row(forms["bang-khen"], INDIVIDUAL, "Lê Thị Hoa")]
    )
    before = decision_state(decision)
    fields = {**bad, "form": forms[bad["form"]]}
    if "festival" in fields:
        fields["festival"] = request.getfixturevalue(fields["festival"])
    rows = [
        award_row(
            forms["bang-khen"],
            INDIVIDUAL,
            "Lê Thị Hoa",
            amount=1_000_000,
            id=Award.objects.get().pk,
        ),
        award_row(forms["bang-khen"], INDIVIDUAL, "Trần Văn Nam", festival=dong_son_festival),
        {**award_row(None, None, "Nguyễn Thị Mai"), **fields},
    ]

    with pytest.raises(ServiceError) as refused:
        replace(decision, district_staff, rows)

    assert refused.value.messages == [f"Row 3: {problem}"]
    assert decision_state(decision) == before


def test_awards_replace_reports_every_problem_of_every_row(
    district_staff, forms, decision, nghe_an_festival
):
    rows = [
        award_row(forms["giay-khen"], INDIVIDUAL, "Lê Thị Hoa", amount=-5),
        award_row(forms["bang-khen"], INDIVIDUAL, "Trần Văn Nam"),
        award_row(forms["co-thi-dua"], INDIVIDUAL, "Nguyễn Thị Mai", festival=nghe_an_festival),
    ]

    with pytest.raises(ServiceError) as refused:
        replace(decision, district_staff, rows)

    assert refused.value.messages == [
        "Row 1: Chủ tịch UBND tỉnh Thanh Hóa may not issue Giấy khen.",
        "Row 1: The amount cannot be negative.",
        "Row 3: Cờ thi đua cannot be given to this recipient kind (individual).",
        "Row 3: The festival is not in your scope.",
    ]
    assert (Award.objects.count(), Decision.objects.get().version) == (0, 1)


def test_awards_replace_accepts_festival_of_commune_in_scope(
    district_staff, forms, decision, hac_thanh_festival
):
    replace(
        decision,
        district_staff,
        [
            award_row(
                forms["bang-khen"],
                COLLECTIVE,
                "Công an phường Hạc Thành",
                festival=hac_thanh_festival,
            )
        ],
    )

    assert Award.objects.get().festival == hac_thanh_festival


def test_awards_import_appends_after_existing_awards(district_staff, forms, decision):
    decision = replace(
        decision, district_staff, [award_row(forms["bang-khen"], INDIVIDUAL, "Lê Thị Hoa")]
    )

    created = services.awards_import(
        decision=decision,
        user=district_staff,
        rows=[
            {**award_row(forms["co-thi-dua"], COLLECTIVE, "Công an phường Đông Sơn"), "_row": 2},
            {
                **award_row(forms["bang-khen"], HOUSEHOLD, "Hộ bà Lê Thị Lan", amount=500_000),
                "_row": 3,
            },
        ],
    )

    assert created == 2
    assert list(
        Award.objects.filter(decision=decision)
        .order_by("order")
        .values_list("order", "recipient_name", "amount", "search_text")
    ) == [
        (1, "Lê Thị Hoa", None, "le thi hoa"),
        (2, "Công an phường Đông Sơn", None, "cong an phuong dong son"),
        (3, "Hộ bà Lê Thị Lan", 500_000, "ho ba le thi lan"),
    ]
    assert Decision.objects.get().version == 3


def test_awards_import_with_one_bad_row_saves_no_row(district_staff, forms, decision):
    with pytest.raises(ServiceError) as refused:
        services.awards_import(
            decision=decision,
            user=district_staff,
            rows=[
                {**award_row(forms["bang-khen"], INDIVIDUAL, "Lê Thị Hoa"), "_row": 2},
                {**award_row(forms["co-thi-dua"], INDIVIDUAL, "Trần Văn Nam"), "_row": 3},
            ],
        )

    assert refused.value.messages == [
        "Row 3: Cờ thi đua cannot be given to this recipient kind (individual)."
    ]
    assert (Award.objects.count(), Decision.objects.get().version) == (0, 1)


# --- audit trail -----------------------------------------------------------------------------


def test_decision_create_is_in_audit_trail(district_staff, province_chairman, decision):
    entry = LogEntry.objects.get_for_object(decision).get()

    assert entry.action == LogEntry.Action.CREATE
    assert {field: entry.changes[field][1] for field in ("number", "signer_name", "authority")} == {
        "number": "125/QĐ-UBND",
        "signer_name": "Đầu Thanh Tùng",
        "authority": str(province_chairman.pk),
    }


def test_awards_replace_changes_are_in_audit_trail(district_staff, forms, decision):
    decision = replace(
        decision, district_staff, [award_row(forms["bang-khen"], INDIVIDUAL, "Lê Thị Hoa")]
    )
    award = Award.objects.get()
    replace(
        decision,
        district_staff,
        [award_row(forms["bang-khen"], INDIVIDUAL, "Lê Thị Hoa", amount=1_000_000, id=award.pk)],
    )

    entries = LogEntry.objects.get_for_object(award).order_by("timestamp", "pk")
    assert [(e.action, e.changes.get("amount")) for e in entries] == [
        (LogEntry.Action.CREATE, None),
        (LogEntry.Action.UPDATE, ["None", "1000000"]),
    ]


def test_awards_import_writes_one_audit_entry_per_award(district_staff, forms, decision):
    services.awards_import(
        decision=decision,
        user=district_staff,
        rows=[
            {**award_row(forms["bang-khen"], INDIVIDUAL, "Lê Thị Hoa"), "_row": 2},
            {**award_row(forms["co-thi-dua"], COLLECTIVE, "Công an phường Đông Sơn"), "_row": 3},
        ],
    )

    for award in Award.objects.order_by("order"):
        entry = LogEntry.objects.get_for_object(award).get()
        assert (
            entry.action,
            entry.actor,
            entry.object_repr,
            entry.changes,
            entry.additional_data,
        ) == (
            LogEntry.Action.CREATE,
            district_staff,
            str(award),
            {
                "recipient_name": ["None", award.recipient_name],
                "form": ["None", str(award.form_id)],
            },
            {
                "source": "import",
                "decision": decision.pk,
                "parent": f"awards.decision:{decision.pk}",
                "parent_repr": str(decision),
            },
        )


# --- tributes --------------------------------------------------------------------------------


def test_tributes_replace_saves_changes_and_removes_rows(district_staff, dong_son_festival):
    services.tributes_replace(
        festival=dong_son_festival,
        user=district_staff,
        rows=[
            {
                "giver": "Tỉnh ủy Thanh Hóa",
                "recipient": "Nhân dân phường Đông Sơn",
                "kind": TributeKind.FLOWER_BASKET,
                "quantity": 2,
                "value": None,
            },
            {
                "giver": "Công an tỉnh Thanh Hóa",
                "recipient": "Ban Chỉ đạo ngày hội",
                "kind": TributeKind.CASH,
                "quantity": None,
                "value": 10_000_000,
            },
        ],
    )
    basket, cash = Tribute.objects.order_by("order")

    services.tributes_replace(
        festival=dong_son_festival,
        user=district_staff,
        rows=[
            {
                "id": cash.pk,
                "giver": "Công an tỉnh Thanh Hóa",
                "recipient": "Ban Chỉ đạo ngày hội",
                "kind": TributeKind.CASH,
                "quantity": 1,
                "value": 15_000_000,
            },
            {
                "giver": "Mặt trận Tổ quốc tỉnh",
                "recipient": "Khu phố 3",
                "kind": TributeKind.GIFT,
                "quantity": 50,
                "value": 200_000,
            },
        ],
    )

    assert list(
        Tribute.objects.filter(festival=dong_son_festival)
        .order_by("order")
        .values_list("pk", "order", "giver", "recipient", "kind", "quantity", "value")
    ) == [
        (cash.pk, 1, "Công an tỉnh Thanh Hóa", "Ban Chỉ đạo ngày hội", "cash", 1, 15_000_000),
        (
            Tribute.objects.get(kind="gift").pk,
            2,
            "Mặt trận Tổ quốc tỉnh",
            "Khu phố 3",
            "gift",
            50,
            200_000,
        ),
    ]
    assert not Tribute.objects.filter(pk=basket.pk).exists()


def test_tributes_replace_with_negative_value_saves_nothing(district_staff, dong_son_festival):
    with pytest.raises(ServiceError) as refused:
        services.tributes_replace(
            festival=dong_son_festival,
            user=district_staff,
            rows=[
                {
                    "giver": "Tỉnh ủy Thanh Hóa",
                    "recipient": "Nhân dân phường Đông Sơn",
                    "kind": TributeKind.FLOWER_BASKET,
                    "quantity": 1,
                    "value": None,
                },
                {
                    "giver": "Công an tỉnh",
                    "recipient": "Ban Chỉ đạo",
                    "kind": TributeKind.CASH,
                    "quantity": 1,
                    "value": -10_000,
                },
            ],
        )

    assert refused.value.messages == ["Row 2: The amount cannot be negative."]
    assert Tribute.objects.count() == 0


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_tributes_replace_by_user_without_district_role_in_scope_is_refused(
    request, dong_son_festival, outsider
):
    user = request.getfixturevalue(outsider)

    with pytest.raises(NotAllowed) as refused:
        services.tributes_replace(
            festival=dong_son_festival,
            user=user,
            rows=[
                {
                    "giver": "Tỉnh ủy",
                    "recipient": "Nhân dân",
                    "kind": TributeKind.GIFT,
                    "quantity": 1,
                    "value": None,
                }
            ],
        )

    assert refused.value.messages == ["Only supervising staff record tributes for this festival."]
    assert Tribute.objects.count() == 0


def test_tributes_replace_is_in_audit_trail(district_staff, dong_son_festival):
    services.tributes_replace(
        festival=dong_son_festival,
        user=district_staff,
        rows=[
            {
                "giver": "Tỉnh ủy Thanh Hóa",
                "recipient": "Nhân dân phường Đông Sơn",
                "kind": TributeKind.FLOWER_BASKET,
                "quantity": 2,
                "value": None,
            }
        ],
    )

    entry = LogEntry.objects.get_for_object(Tribute.objects.get()).get()
    assert (entry.action, entry.changes["giver"]) == (
        LogEntry.Action.CREATE,
        ["None", "Tỉnh ủy Thanh Hóa"],
    )
