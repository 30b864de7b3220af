"""Whole-word search: the generated search vector and its GIN index (PostgreSQL; core.search)."""

from django.db import migrations

from core.search import SearchVectorIndex


class Migration(migrations.Migration):
    dependencies = [("units", "0002_succession_default_and_continue")]

    operations = [
        SearchVectorIndex(table="units_administrativeunit"),
    ]
