"""Whole-word search: the generated search vector and its GIN index (PostgreSQL; core.search)."""

from django.db import migrations

from core.search import SearchVectorIndex


class Migration(migrations.Migration):
    dependencies = [("movements", "0004_category_name_en")]

    operations = [
        SearchVectorIndex(table="movements_movementmodel"),
    ]
