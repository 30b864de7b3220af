import os
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from demo.national import Refused, generate_national


class Command(BaseCommand):
    help = (
        "Fill a PostgreSQL database with the national data set (festivals 2016–2026 at every "
        "commune, old and new, with delegates, awards, photos, decisions, models and tributes): "
        "about 97,000 festivals at --scale 1.0. Idempotent: a complete data set of the same "
        "scale is left as it is; another scale replaces it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0: the national size.")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--database", default="default", help="The database alias to fill (default)."
        )
        parser.add_argument(
            "--database-url",
            help="Fill this database instead (postgres://…): migrated and given its units first.",
        )

    def handle(self, *args, scale, seed, database, database_url, **options):
        if scale <= 0:
            raise CommandError("--scale must be above 0.")
        if database_url:
            # The project's settings read DATABASE_URL once: run again with it as the default.
            command = [sys.executable, sys.argv[0], "generate_national", f"--scale={scale}"]
            command.append(f"--seed={seed}")
            env = {**os.environ, "DATABASE_URL": database_url}
            result = subprocess.run(command, env=env, check=False)
            if result.returncode:
                raise CommandError("The generation failed (see above).")
            return
        from django.db import connections

        if connections[database].vendor != "postgresql":
            raise CommandError("The national data set needs PostgreSQL (it is written with COPY).")
        if database == "default":
            call_command("migrate", "--noinput", verbosity=0)
            call_command("import_units", "--skip-if-loaded", stdout=self.stdout)
        try:
            generate_national(
                scale=scale, seed=seed, alias=database, log=lambda line: self.stdout.write(line)
            )
        except Refused as error:
            raise CommandError(str(error)) from error
