"""An index for the history of a festival or a decision with its rows: audit entries whose
`additional_data` names the parent (core.audit.AuditParentMixin). PostgreSQL only; the embedded
SQLite demo does without."""

from django.db import migrations

INDEX = "auditlog_logentry_parent_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON auditlog_logentry ((additional_data -> 'parent'))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("auditlog", "0017_add_actor_email")]

    operations = [migrations.RunPython(create, drop)]
