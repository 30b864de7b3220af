from django.db import migrations, models


class Migration(migrations.Migration):
    """Declare the showcase relation on the festival, over the table the movement model made."""

    dependencies = [
        ("events", "0004_festival_status_year_index"),
        ("movements", "0003_festivals_relation_moves_to_events"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="festival",
                    name="showcased_models",
                    field=models.ManyToManyField(
                        blank=True,
                        db_table="movements_movementmodel_festivals",
                        related_name="festivals",
                        to="movements.movementmodel",
                        verbose_name="movement models showcased",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
