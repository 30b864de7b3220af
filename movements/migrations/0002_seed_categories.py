from django.db import migrations

# The common kinds of models; administrators add, rename and reorder them in the admin site.
CATEGORIES = [
    ("camera-an-ninh", "Camera an ninh trật tự", 10),
    ("cong-truong-an-toan", "Cổng trường an toàn giao thông", 20),
    ("tai-hoa-nhap-cong-dong", "Giúp đỡ người lầm lỗi tái hòa nhập cộng đồng", 30),
    ("to-dan-pho-tu-quan", "Tổ dân phố tự quản về ANTT", 40),
    ("lien-gia-an-toan-pccc", "Tổ liên gia an toàn phòng cháy, chữa cháy", 50),
    ("phong-chong-ma-tuy", "Khu dân cư không có ma túy", 60),
    ("hoa-giai-co-so", "Tổ hòa giải ở cơ sở", 70),
    ("ton-giao-dong-ho", "Chức sắc tôn giáo, dòng họ tham gia giữ gìn ANTT", 80),
    ("doanh-nghiep-an-toan", "Doanh nghiệp, cơ sở kinh doanh an toàn về ANTT", 90),
    ("khac", "Mô hình khác", 999),
]


def seed(apps, schema_editor):
    ModelCategory = apps.get_model("movements", "ModelCategory")
    for code, name, order in CATEGORIES:
        ModelCategory.objects.get_or_create(code=code, defaults={"name": name, "order": order})


def unseed(apps, schema_editor):
    ModelCategory = apps.get_model("movements", "ModelCategory")
    ModelCategory.objects.filter(
        code__in=[code for code, _name, _order in CATEGORIES], movement_models__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("movements", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
