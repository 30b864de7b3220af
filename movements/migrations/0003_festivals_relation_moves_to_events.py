from django.db import migrations


class Migration(migrations.Migration):
    """The showcase relation is declared on the festival now (events comes above movements);
    the table stays where it is."""

    dependencies = [
        ("movements", "0002_seed_categories"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.RemoveField(model_name="movementmodel", name="festivals")],
            database_operations=[],
        ),
    ]
