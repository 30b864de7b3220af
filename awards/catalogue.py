"""The default award-form catalogue (also loaded by migration 0002 on a new database)."""

from awards.models import AwardForm

# name, code, individual, collective, household
DEFAULT_FORMS = [
    ("Bằng khen", "bang-khen", True, True, True),
    ("Giấy khen", "giay-khen", True, True, True),
    ("Kỷ niệm chương", "ky-niem-chuong", True, False, False),
    ("Huy chương", "huy-chuong", True, False, False),
    ("Cờ thi đua", "co-thi-dua", False, True, False),
    ("Chiến sĩ thi đua", "chien-si-thi-dua", True, False, False),
    ("Tập thể lao động xuất sắc", "tap-the-lao-dong-xuat-sac", False, True, False),
    ("Lao động tiên tiến", "lao-dong-tien-tien", True, False, False),
]


def award_forms_ensure_defaults():
    """Create the default forms that are missing (an administrator's edits are kept)."""
    for order, (name, code, individual, collective, household) in enumerate(DEFAULT_FORMS, start=1):
        AwardForm.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "allows_individual": individual,
                "allows_collective": collective,
                "allows_household": household,
                "order": order,
            },
        )
