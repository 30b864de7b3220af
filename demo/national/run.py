"""`generate_national`: the whole data set, in one transaction.

A run records itself in the table `demo_national_run` (scale, seed, version, the row counts). A
second run with the same scale finds the counts still there and does nothing; with another scale
(or after an interrupted run, which left nothing behind) it empties the generated tables and
writes them again. It refuses a database holding festivals, decisions or models it did not make.
"""

import datetime
import json
import random
import time
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections, transaction
from django.utils import timezone

from attendees.models import Delegate
from awards.models import Award, AwardForm, Decision, StagedImport, Tribute
from demo.national import awards, decisions, delegates, festivals, models, photos, tributes
from demo.national.load import CopyTable, Loader, analyze
from demo.national.names import Names
from demo.national.units import LAST_YEAR, UnitTree, plan_hosts
from events.models import (
    Direction,
    Festival,
    FestivalDocument,
    FestivalPhoto,
    FestivalReport,
    FestivalTransition,
    Organiser,
    ProgrammeItem,
)
from movements.models import MovementModel
from stats.services import summaries_refresh

# Bump when the generated data changes shape: a run of an older version is replaced.
VERSION = 1
GENERATOR_USERNAME = "national-generator"
RUN_TABLE = "demo_national_run"
BATCH = 2000  # festivals written per round of COPY

SHOWCASE = MovementModel.festivals.through

# (key, model, columns); the order is the order of the COPY rounds.
TABLES = [
    (MovementModel, MovementModel, models.MODEL_COLUMNS),
    (Festival, Festival, festivals.FESTIVAL_COLUMNS),
    (Organiser, Organiser, festivals.ORGANISER_COLUMNS),
    (ProgrammeItem, ProgrammeItem, festivals.PROGRAMME_COLUMNS),
    (FestivalTransition, FestivalTransition, festivals.TRANSITION_COLUMNS),
    (FestivalReport, FestivalReport, festivals.REPORT_COLUMNS),
    (Direction, Direction, festivals.DIRECTION_COLUMNS),
    (Delegate, Delegate, delegates.DELEGATE_COLUMNS),
    (Decision, Decision, decisions.DECISION_COLUMNS),
    (Award, Award, awards.AWARD_COLUMNS),
    (FestivalPhoto, FestivalPhoto, photos.PHOTO_COLUMNS),
    (Tribute, Tribute, tributes.TRIBUTE_COLUMNS),
    ("showcase", SHOWCASE, models.SHOWCASE_COLUMNS),
]
# Emptied with them (they point at generated rows).
OTHER_TABLES = [FestivalDocument, StagedImport]

COUNTED = {
    "festivals": Festival,
    "delegates": Delegate,
    "awards": Award,
    "photos": FestivalPhoto,
    "decisions": Decision,
    "models": MovementModel,
    "tributes": Tribute,
    "programme_items": ProgrammeItem,
    "transitions": FestivalTransition,
    "reports": FestivalReport,
}


class Refused(Exception):
    pass


class Ids:
    def __init__(self):
        self.last = {}

    def next(self, key):
        value = self.last.get(key, 0) + 1
        self.last[key] = value
        return value


@dataclass
class Generation:
    """What every module writes into: the random generator, the tables, ids and catalogues."""

    alias: str
    rng: random.Random
    tree: UnitTree
    user_id: int
    forms: dict
    categories: dict
    authorities: decisions.Authorities
    shared_photos: list
    tables: dict = field(default_factory=dict)
    ids: Ids = field(default_factory=Ids)
    slugs: dict = field(default_factory=dict)
    last_year: int = LAST_YEAR
    tz: datetime.tzinfo = field(default_factory=lambda: zoneinfo.ZoneInfo(settings.TIME_ZONE))

    def __post_init__(self):
        self.names = Names(self.rng)
        self.now = timezone.now()
        self.today = timezone.localdate()

    def stamp(self, day):
        return datetime.datetime(day.year, day.month, day.day, 9, 0, tzinfo=self.tz)

    def slug(self, year, base):
        """The slug `events.services.festival_slug` gives: the base, then base-2, base-3…, the
        first one not taken that year (a commune may be called "Xã Xuân Thọ 2")."""
        taken = self.slugs.setdefault(year, set())
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        return slug


def _cursor(alias):
    return connections[alias].cursor()


def _run_table_ensure(alias):
    with _cursor(alias) as cursor:
        cursor.execute(
            f"""CREATE TABLE IF NOT EXISTS {RUN_TABLE} (
                id serial PRIMARY KEY, scale double precision NOT NULL, seed integer NOT NULL,
                version integer NOT NULL, counts jsonb NOT NULL,
                started_at timestamptz NOT NULL, finished_at timestamptz NOT NULL)"""
        )


def counts_now(alias):
    return {name: model.objects.using(alias).count() for name, model in COUNTED.items()}


def completed_run(alias, *, scale, seed):
    """The counts of the last complete run with this scale, seed and version, if the tables
    still hold exactly them; None otherwise."""
    _run_table_ensure(alias)
    with _cursor(alias) as cursor:
        cursor.execute(
            f"SELECT scale, seed, version, counts FROM {RUN_TABLE} ORDER BY id DESC LIMIT 1"
        )
        row = cursor.fetchone()
    if row is None or (row[0], row[1], row[2]) != (scale, seed, VERSION):
        return None
    counts = row[3] if isinstance(row[3], dict) else json.loads(row[3])
    return counts if counts_now(alias) == counts else None


def _generator_user(alias):
    user, _created = (
        get_user_model()
        .objects.using(alias)
        .get_or_create(
            username=GENERATOR_USERNAME,
            defaults={"full_name": "Dữ liệu quốc gia (tạo tự động)", "is_active": False},
        )
    )
    return user.pk


def _refuse_foreign_rows(alias, user_id):
    for model in (Festival, Decision, MovementModel):
        foreign = model.objects.using(alias).exclude(created_by_id=user_id)
        if foreign.exists():
            raise Refused(
                f"The database holds {foreign.count()} {model._meta.verbose_name_plural} the "
                "generator did not make; generate into a database of its own."
            )


def generate_national(*, scale, seed=2026, alias="default", log=print):
    """Fill the database `alias` with the national data set at `scale`; returns the counts.
    Does nothing when a complete run of the same scale is there."""
    started = time.monotonic()
    done = completed_run(alias, scale=scale, seed=seed)
    if done is not None:
        log(f"The national data set at scale {scale} is already complete; nothing to do.")
        return done
    tree = UnitTree.load(alias)
    hosts = plan_hosts(tree, scale=scale, seed=seed)
    if not hosts:
        raise Refused("No communes found: run `manage.py import_units` first.")
    log(f"  units and plan read in {time.monotonic() - started:.1f} s")
    log(
        f"Generating {len(hosts):,} festivals at scale {scale} "
        f"({sum(h.year < 2025 for h in hosts):,} at communes of the old tree)…"
    )
    freeze = not connections[alias].in_atomic_block
    with transaction.atomic(using=alias):
        user_id = _generator_user(alias)
        _refuse_foreign_rows(alias, user_id)
        authorities = decisions.Authorities(alias)
        made = authorities.ensure(tree, hosts)
        gen = Generation(
            alias=alias,
            rng=random.Random(seed),
            tree=tree,
            user_id=user_id,
            forms=dict(AwardForm.objects.using(alias).values_list("code", "id")),
            categories=models.model_categories(alias),
            authorities=authorities,
            shared_photos=photos.shared_photos_ensure(),
        )
        log(f"  {made} issuing authorities added; {len(gen.shared_photos)} shared photos")
        for key, model, columns in TABLES:
            gen.tables[key] = CopyTable(model, columns)
        copied = [m._meta.db_table for _k, m, _c in TABLES]
        loader = Loader(
            alias,
            copied + [m._meta.db_table for m in OTHER_TABLES],
            copied=copied,
            freeze=freeze,
            log=log,
        )
        log(f"  catalogues ready, {time.monotonic() - started:.1f} s")
        loader.begin()
        log(f"  tables emptied, {time.monotonic() - started:.1f} s")
        copy_tables = list(gen.tables.values())

        # The models of every commune that holds a festival, first: festivals showcase them.
        unit_models = {}
        for host in hosts:
            if host.unit.id not in unit_models:
                unit_models[host.unit.id] = models.models_add(
                    gen, host.unit, festivals._places(gen, host)
                )
        loader.flush(*copy_tables)
        year_index = {}
        statuses = {}
        for number, host in enumerate(hosts, start=1):
            index = year_index[host.year] = year_index.get(host.year, -1) + 1
            status = festivals.festival_add(gen, host, index, unit_models[host.unit.id])
            statuses[status] = statuses.get(status, 0) + 1
            if number % BATCH == 0:
                loader.flush(*copy_tables)
                if number % (BATCH * 10) == 0:
                    log(f"  {number:,} festivals written, {time.monotonic() - started:.0f} s")
        loader.flush(*copy_tables)
        loader.wait()
        written = time.monotonic()
        log(f"  all rows written in {written - started:.0f} s")
        loader.finish()
        counts = counts_now(alias)
        with _cursor(alias) as cursor:
            cursor.execute(f"DELETE FROM {RUN_TABLE}")
            cursor.execute(
                f"INSERT INTO {RUN_TABLE} (scale, seed, version, counts, started_at, finished_at)"
                " VALUES (%s, %s, %s, %s, now(), now())",
                [scale, seed, VERSION, json.dumps(counts)],
            )
        _after_load(alias)
    if not connections[alias].in_atomic_block:
        analyze(alias, loader.tables)
    log(
        "  "
        + ", ".join(f"{name.replace('_', ' ')} {n:,}" for name, n in counts.items())
        + f"\n  statuses: {', '.join(f'{s} {n:,}' for s, n in sorted(statuses.items()))}"
        + f"\nDone in {time.monotonic() - started:.0f} s."
    )
    return counts


def _after_load(alias):
    """Derived data the app keeps: the statistics' summary tables (COPY passes no signal)."""
    summaries_refresh(using=alias)
