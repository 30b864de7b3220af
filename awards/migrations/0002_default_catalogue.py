from django.db import migrations

# name, code, individual, collective, household
FORMS = [
    ("Bằng khen", "bang-khen", True, True, True),
    ("Giấy khen", "giay-khen", True, True, True),
    ("Kỷ niệm chương", "ky-niem-chuong", True, False, False),
    ("Huy chương", "huy-chuong", True, False, False),
    ("Cờ thi đua", "co-thi-dua", False, True, False),
    ("Chiến sĩ thi đua", "chien-si-thi-dua", True, False, False),
    ("Tập thể lao động xuất sắc", "tap-the-lao-dong-xuat-sac", False, True, False),
    ("Lao động tiên tiến", "lao-dong-tien-tien", True, False, False),
]


def add_forms(apps, schema_editor):
    AwardForm = apps.get_model("awards", "AwardForm")
    for order, (name, code, individual, collective, household) in enumerate(FORMS, start=1):
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


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(add_forms, migrations.RunPython.noop)]
