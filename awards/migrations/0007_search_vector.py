"""Whole-word search: an award's search text is the recipient's name only (the decision list
searches recipients, the public festival search reaches festivals through them), with the
generated search vector and its GIN index (PostgreSQL; core.search) on awards, decisions and
issuing authorities."""

from django.db import migrations

from core.search import SearchVectorIndex, normalize_search_text

BATCH = 5000


def recipients_only(apps, schema_editor):
    Award = apps.get_model("awards", "Award")
    last = 0
    while True:
        awards = list(
            Award.objects.filter(pk__gt=last)
            .only("pk", "recipient_name", "search_text")
            .order_by("pk")[:BATCH]
        )
        if not awards:
            return
        changed = []
        for award in awards:
            text = normalize_search_text(award.recipient_name)
            if text != award.search_text:
                award.search_text = text
                changed.append(award)
        Award.objects.bulk_update(changed, ["search_text"], batch_size=1000)
        last = awards[-1].pk


class Migration(migrations.Migration):
    dependencies = [("awards", "0006_list_order_index")]

    operations = [
        migrations.RunPython(recipients_only, migrations.RunPython.noop, elidable=True),
        SearchVectorIndex(table="awards_award"),
        SearchVectorIndex(table="awards_decision"),
        SearchVectorIndex(table="awards_issuingauthority"),
    ]
