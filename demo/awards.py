"""Demo awards: the catalogue of Thanh Hóa's authorities and the awards and tributes of the 2023
Rừng Thông festival (names of individuals and decision numbers are invented)."""

import datetime

from accounts.models import User
from awards.catalogue import award_forms_ensure_defaults
from awards.models import AwardForm, Decision, IssuingAuthority
from awards.services import awards_replace, decision_create, tributes_replace
from demo.festivals import REFERENCE_FESTIVAL_TITLE
from events.models import Festival
from units.enums import UnitLevel
from units.models import AdministrativeUnit

COLLECTIVE = "collective"
INDIVIDUAL = "individual"
HOUSEHOLD = "household"
RUNG_THONG = "Cán bộ và Nhân dân thị trấn Rừng Thông"


def _authorities():
    award_forms_ensure_defaults()
    province = AdministrativeUnit.objects.current().get(code="38", level=UnitLevel.PROVINCE)
    district = AdministrativeUnit.objects.get(code="405", level=UnitLevel.DISTRICT)
    forms = {form.code: form for form in AwardForm.objects.all()}
    specs = [
        (
            "Chủ tịch UBND tỉnh Thanh Hóa",
            province,
            None,
            ["bang-khen", "co-thi-dua", "chien-si-thi-dua", "tap-the-lao-dong-xuat-sac"],
        ),
        ("Giám đốc Công an tỉnh Thanh Hóa", province, None, ["giay-khen"]),
        (
            "Chủ tịch UBND huyện Đông Sơn",
            district,
            datetime.date(2025, 6, 30),
            ["giay-khen", "lao-dong-tien-tien"],
        ),
    ]
    authorities = {}
    for position, unit, valid_to, codes in specs:
        authority, created = IssuingAuthority.objects.get_or_create(
            position=position, unit=unit, defaults={"valid_to": valid_to}
        )
        if created:
            authority.forms.set([forms[code] for code in codes])
        authorities[position] = authority
    return authorities


def _decision(*, user, authority, number, date, signer, title, awards):
    decision = Decision.objects.filter(authority=authority, number=number).first()
    if decision is not None:
        return decision
    decision = decision_create(
        user=user,
        data={
            "number": number,
            "date": date,
            "authority": authority,
            "signer_name": signer,
            "signer_title": title,
        },
    )
    return awards_replace(decision=decision, user=user, version=decision.version, rows=awards)


def seed_demo_awards(summary):
    """The authorities and their forms, the three decisions of 2023 and the festival's tributes."""
    authorities = _authorities()
    festival = Festival.objects.get(title=REFERENCE_FESTIVAL_TITLE)
    staff = User.objects.get(username="demo-district")
    forms = {form.code: form for form in AwardForm.objects.all()}

    def award(code, kind, name, position="", organisation="", citation="", amount=None):
        return {
            "form": forms[code],
            "recipient_kind": kind,
            "recipient_name": name,
            "position": position,
            "organisation": organisation,
            "citation": citation,
            "amount": amount,
            "festival": festival,
        }

    movement = "Có thành tích xuất sắc trong phong trào Toàn dân bảo vệ an ninh Tổ quốc"
    _decision(
        user=staff,
        authority=authorities["Chủ tịch UBND tỉnh Thanh Hóa"],
        number="2745/QĐ-UBND",
        date=datetime.date(2023, 7, 28),
        signer="Hoàng Minh Đức",
        title="Phó Chủ tịch UBND tỉnh",
        awards=[
            award(
                "bang-khen",
                COLLECTIVE,
                "Nhân dân và cán bộ thị trấn Rừng Thông",
                citation=movement,
                amount=3_000_000,
            )
        ],
    )
    _decision(
        user=staff,
        authority=authorities["Giám đốc Công an tỉnh Thanh Hóa"],
        number="1532/QĐ-CAT-PV01",
        date=datetime.date(2023, 7, 25),
        signer="Lê Quang Vinh",
        title="Phó Giám đốc Công an tỉnh",
        awards=[
            award(
                "giay-khen",
                COLLECTIVE,
                "Tổ bảo vệ ANTT khu phố 4",
                organisation="Thị trấn Rừng Thông",
                citation=movement,
                amount=1_000_000,
            ),
            award(
                "giay-khen",
                INDIVIDUAL,
                "Lê Văn Thắng",
                "Trưởng Công an thị trấn",
                "Công an thị trấn Rừng Thông",
                movement,
                500_000,
            ),
            award(
                "giay-khen",
                INDIVIDUAL,
                "Trịnh Thị Hằng",
                "Tổ trưởng tổ an ninh xã hội",
                "Khu phố 2",
                movement,
                500_000,
            ),
        ],
    )
    _decision(
        user=staff,
        authority=authorities["Chủ tịch UBND huyện Đông Sơn"],
        number="3120/QĐ-UBND",
        date=datetime.date(2023, 7, 27),
        signer="Lê Trọng Thụ",
        title="Chủ tịch UBND huyện",
        awards=[
            award(
                "giay-khen",
                COLLECTIVE,
                "Hội Cựu chiến binh thị trấn Rừng Thông",
                citation=movement,
                amount=800_000,
            ),
            award(
                "giay-khen",
                INDIVIDUAL,
                "Nguyễn Thị Mai",
                "Bí thư Đoàn thanh niên",
                "Thị trấn Rừng Thông",
                movement,
                400_000,
            ),
            award(
                "giay-khen",
                HOUSEHOLD,
                "Hộ ông Phạm Văn Lực",
                organisation="Khu phố 1",
                citation="Gương điển hình tiên tiến",
                amount=400_000,
            ),
        ],
    )
    if not festival.tributes.exists():
        flowers = [
            ("Tỉnh ủy Thanh Hóa", "flower_basket"),
            ("HĐND tỉnh Thanh Hóa", "flower_basket"),
            ("UBND tỉnh Thanh Hóa", "flower_basket"),
            ("Ủy ban MTTQ tỉnh Thanh Hóa", "flower_basket"),
        ]
        gifts = ["Đỗ Văn Hùng", "Lê Thị Nga", "Hoàng Văn Sơn", "Vũ Thị Thu", "Nguyễn Văn Khải"]
        tributes_replace(
            festival=festival,
            user=staff,
            rows=[
                {
                    "giver": giver,
                    "recipient": RUNG_THONG,
                    "kind": kind,
                    "quantity": 1,
                    "value": None,
                }
                for giver, kind in flowers
            ]
            + [
                {
                    "giver": "Chủ tịch UBND tỉnh Thanh Hóa",
                    "recipient": name,
                    "kind": "gift",
                    "quantity": 1,
                    "value": 1_000_000,
                }
                for name in gifts
            ],
        )
    summary.append("Awards and tributes of the 2023 festival ready.")
