"""Award rows for tests that need many of them (query counts, lists); the service tests build
decisions and awards through the services instead."""

import datetime

import factory

from awards.enums import RecipientKind, TributeKind
from awards.models import Award, AwardForm, Decision, IssuingAuthority, Tribute


class IssuingAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssuingAuthority
        skip_postgeneration_save = True

    position = factory.Sequence(lambda n: f"Chủ tịch UBND thử nghiệm {n}")
    valid_from = None
    valid_to = None

    @factory.post_generation
    def forms(self, create, extracted, **kwargs):
        """`forms=["bang-khen", …]`: the codes of the catalogue forms it may issue."""
        if create and extracted:
            self.forms.set(AwardForm.objects.filter(code__in=extracted))


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    number = factory.Sequence(lambda n: f"{n + 100}/QĐ-UBND")
    date = datetime.date(2026, 10, 15)
    signer_name = "Đầu Thanh Tùng"
    signer_title = "Chủ tịch"


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    form = factory.LazyFunction(lambda: AwardForm.objects.get(code="bang-khen"))
    recipient_kind = RecipientKind.INDIVIDUAL
    recipient_name = factory.Sequence(lambda n: f"Lê Thị Hoa {n}")
    position = "Tổ trưởng tổ ANTT"
    organisation = "Khu phố 3"
    citation = "Có thành tích xuất sắc trong phong trào toàn dân bảo vệ ANTQ"
    amount = 1_500_000
    order = factory.Sequence(lambda n: n + 1)


class TributeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tribute

    giver = "Tỉnh ủy Thanh Hóa"
    recipient = "Ban Chỉ đạo ngày hội"
    kind = TributeKind.FLOWER_BASKET
    quantity = 1
    value = None
    order = factory.Sequence(lambda n: n + 1)
