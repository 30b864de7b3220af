"""Whole-word search: a delegate's search text is the name only (the public festival search
reaches festivals through it), with the generated search vector and its GIN index (PostgreSQL;
core.search)."""

from django.db import migrations

from core.search import SearchVectorIndex, normalize_search_text

BATCH = 5000


def names_only(apps, schema_editor):
    Delegate = apps.get_model("attendees", "Delegate")
    last = 0
    while True:
        delegates = list(
            Delegate.objects.filter(pk__gt=last)
            .only("pk", "full_name", "search_text")
            .order_by("pk")[:BATCH]
        )
        if not delegates:
            return
        changed = []
        for delegate in delegates:
            text = normalize_search_text(delegate.full_name)
            if text != delegate.search_text:
                delegate.search_text = text
                changed.append(delegate)
        Delegate.objects.bulk_update(changed, ["search_text"], batch_size=1000)
        last = delegates[-1].pk


class Migration(migrations.Migration):
    dependencies = [("attendees", "0002_initial")]

    operations = [
        migrations.RunPython(names_only, migrations.RunPython.noop, elidable=True),
        SearchVectorIndex(table="attendees_delegate"),
    ]
