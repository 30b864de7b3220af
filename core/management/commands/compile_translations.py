from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the project's .po files into .mo files with polib (no GNU gettext needed)."

    def handle(self, *args, **options):
        try:
            import polib
        except ImportError as exc:  # pragma: no cover - polib comes with the test extra
            raise CommandError("polib is missing: run `make run` or `make test` once.") from exc
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                po = polib.pofile(str(po_path))
                untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
                if untranslated:
                    raise CommandError(
                        f"{po_path}: {len(untranslated)} untranslated: {untranslated[:5]}"
                    )
                po.save_as_mofile(str(po_path.with_suffix(".mo")))
                self.stdout.write(f"compiled {po_path.with_suffix('.mo')} ({len(po)} messages)")
