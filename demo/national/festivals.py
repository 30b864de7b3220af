"""One festival and what it holds: the plan (organisers, programme), its history, the report with
directions, and — through the other modules — delegates, decisions and awards, photos, tributes
and showcased models.

Statuses: most festivals of past years are published; some stayed held or with their report
waiting, some were cancelled or postponed. The last year cycles through every status, with the
announcements dated in the coming weeks so that the public site has upcoming festivals.
"""

import datetime

from django.utils.text import slugify

from demo.national import names as words
from demo.national.awards import awards_add
from demo.national.delegates import delegates_add
from demo.national.models import showcase_add
from demo.national.photos import photos_add
from demo.national.search import normalized, unique_names_text
from demo.national.tributes import tributes_add
from events.models import (
    Direction,
    Festival,
    FestivalReport,
    FestivalTransition,
    Organiser,
    ProgrammeItem,
)

FESTIVAL_COLUMNS = [
    "id", "host_unit_id", "year", "slug", "title", "starts_at", "ends_at", "venue", "address",
    "pilot_level", "plan_number", "expected_attendance", "description", "status", "version",
    "created_by_id", "created_at", "updated_at", "search_text",
]  # fmt: skip
ORGANISER_COLUMNS = ["id", "festival_id", "name", "role", "order"]
PROGRAMME_COLUMNS = [
    "id", "festival_id", "order", "part", "time", "kind", "title", "speaker_name", "speaker_id",
]  # fmt: skip
TRANSITION_COLUMNS = [
    "id", "festival_id", "action", "from_status", "to_status", "user_id", "at", "reason", "details",
]  # fmt: skip
REPORT_COLUMNS = [
    "id", "festival_id", "summary", "results", "attendance", "organisations_present",
    "highlights", "author_credit", "review_notes", "submitted_at", "published_at", "updated_at",
]  # fmt: skip
DIRECTION_COLUMNS = ["id", "festival_id", "text", "owner", "due_on", "order"]

HELD_OR_LATER = ("held", "report_submitted", "published")
# Past years: (status, cumulative share).
PAST_STATUSES = [
    ("published", 0.81),
    ("report_submitted", 0.86),
    ("held", 0.91),
    ("cancelled", 0.955),
    ("postponed", 1.0),
]
# The last year, in turn; "upcoming" is an approved festival still to come, "scheduled" one whose
# date has passed without a report (the public sees it as held).
LAST_YEAR_STATUSES = [
    "published", "upcoming", "held", "report_submitted", "draft", "submitted", "cancelled",
    "postponed", "scheduled", "published", "published", "report_submitted", "published", "held",
    "published", "draft", "published", "upcoming", "published", "submitted",
]  # fmt: skip


def festival_search_text(*, title, venue, unit_names, delegate_names, recipient_names):
    """What `Festival.save()` stores in `search_text` (Festival.build_search_text): title, venue,
    the host unit's chain as it was and as it is now. Delegates and award recipients are searched
    through their own rows, so `delegate_names` and `recipient_names` are not part of it."""
    return unique_names_text([title, venue, *unit_names])


class Places(dict):
    """The names a festival's texts use: {commune}, {district_short}, {hamlet}…"""

    def with_hamlet(self, hamlet):
        self["hamlet"] = hamlet
        return self


class Plan:
    """A festival being written: what its parts need to know about it."""

    __slots__ = ("ends_at", "held", "host", "id", "reported_at", "starts_at", "status", "year")

    def __init__(self, **values):
        for key, value in values.items():
            setattr(self, key, value)


def _places(gen, host):
    unit, district, province = host.unit, host.district, host.province
    above = district or province
    return Places(
        commune=unit.in_sentence,
        commune_short=unit.short,
        district=above.in_sentence,
        district_short=above.short,
        province=province.in_sentence,
        province_short=province.short,
        hamlet="",
    )


def _status(gen, host, index_in_year):
    if host.year < gen.last_year:
        roll = gen.rng.random()
        return next(status for status, share in PAST_STATUSES if roll < share)
    return LAST_YEAR_STATUSES[index_in_year % len(LAST_YEAR_STATUSES)]


def _dates(gen, host, status):
    rng = gen.rng
    if status in ("upcoming", "draft", "submitted"):
        day = gen.today + datetime.timedelta(days=rng.randint(3, 40))
    else:
        day = datetime.date(host.year, 8, 1) + datetime.timedelta(days=rng.randint(0, 45))
        if host.year == gen.last_year and day >= gen.today:
            day = gen.today - datetime.timedelta(days=rng.randint(20, 90))
    hour = gen.names.pick((7, 7, 8, 14))
    starts = datetime.datetime(day.year, day.month, day.day, hour, 30, tzinfo=gen.tz)
    return starts, starts + datetime.timedelta(hours=gen.names.pick((3, 4, 4, 5)))


class Transitions:
    def __init__(self, gen, festival):
        self.gen, self.festival, self.status = gen, festival, ""

    def add(self, action, to_status, at, *, user=True, reason=""):
        gen = self.gen
        gen.tables[FestivalTransition].add(
            gen.ids.next(FestivalTransition),
            self.festival.id,
            action,
            self.status,
            to_status,
            gen.user_id if user else None,
            at,
            reason,
            "{}",
        )
        self.status = to_status
        return at


def _history(gen, festival, status):
    """The lifecycle steps that led to `status`; returns the time of the last one."""
    rng, starts, ends = gen.rng, festival.starts_at, festival.ends_at
    steps = Transitions(gen, festival)
    day = datetime.timedelta(days=1)
    at = steps.add("create", "draft", starts - rng.randint(35, 60) * day)
    if status == "draft":
        return at
    at = steps.add("submit", "submitted", starts - rng.randint(25, 34) * day)
    if rng.random() < 0.1:
        at = steps.add(
            "return",
            "draft",
            at + day,
            reason="Đề nghị bổ sung chương trình và danh sách khách mời.",
        )
        at = steps.add("submit", "submitted", at + day)
    if status == "submitted":
        return at
    if status == "postponed":
        return steps.add(
            "postpone",
            "postponed",
            at + 2 * day,
            reason="Trùng lịch với kỳ họp HĐND, lùi thời gian.",
        )
    at = steps.add("approve", "scheduled", at + rng.randint(2, 6) * day)
    if status == "cancelled":
        return steps.add(
            "cancel", "cancelled", starts - 2 * day, reason="Ảnh hưởng của mưa bão, không tổ chức."
        )
    if status in ("upcoming", "scheduled"):
        return at
    at = steps.add("held", "held", ends, user=False)
    if status == "held":
        return at
    at = steps.add("submit_report", "report_submitted", ends + rng.randint(1, 5) * day)
    if status == "report_submitted":
        return at
    if rng.random() < 0.08:
        at = steps.add("return_report", "held", at + day, reason="Bổ sung số người tham dự và ảnh.")
        at = steps.add("submit_report", "report_submitted", at + day)
    return steps.add("publish", "published", at + rng.randint(1, 4) * day)


def _programme(gen, festival, delegates):
    rng = gen.rng
    leaders = [d for d in delegates if d[2] == "leader"] or delegates
    commune = [d for d in delegates if d[2] == "delegate"] or delegates
    items = words.PROGRAMME if festival.status != "draft" else words.PROGRAMME[: rng.randint(3, 10)]
    for order, (part, kind, time, title) in enumerate(items, start=1):
        speaker = None
        if kind in ("speech", "awards"):
            speaker = leaders[0]
        elif kind in ("report", "delegates"):
            speaker = gen.names.pick(commune)
        gen.tables[ProgrammeItem].add(
            gen.ids.next(ProgrammeItem),
            festival.id,
            order,
            part,
            time,
            kind,
            title,
            speaker[1] if speaker else "",
            speaker[0] if speaker else None,
        )


def _report(gen, festival, places, attendance, published_at):
    rng = gen.rng
    submitted_at = festival.reported_at
    gen.tables[FestivalReport].add(
        gen.ids.next(FestivalReport),
        festival.id,
        f"Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm {festival.year} của {places['commune']} "
        f"diễn ra trang trọng, thu hút đông đảo cán bộ và Nhân dân tham gia.",
        f"Trong năm, Nhân dân đã cung cấp {rng.randint(5, 60)} nguồn tin về tội phạm; "
        f"{rng.randint(1, 12)} mô hình tự quản được duy trì hiệu quả.",
        attendance,
        "\n".join(
            t.format_map(places)
            for t in ("Ủy ban MTTQ {commune}", "Công an {commune}", "Hội Cựu chiến binh {commune}")
        ),
        "Trao khen thưởng cho các tập thể, cá nhân tiêu biểu; ký cam kết giữ gìn an ninh trật tự.",
        f"Ban Chỉ đạo ANTT {places['commune']}",
        "",
        submitted_at,
        published_at,
        published_at or submitted_at,
    )
    for order, text in enumerate(rng.sample(words.DIRECTIONS, rng.randint(2, 4)), start=1):
        gen.tables[Direction].add(
            gen.ids.next(Direction),
            festival.id,
            text,
            f"Công an {places['commune']}",
            festival.ends_at.date() + datetime.timedelta(days=gen.names.pick((90, 180, 365))),
            order,
        )


def festival_add(gen, host, index_in_year, models):
    """Write one festival with everything it holds."""
    rng = gen.rng
    status = _status(gen, host, index_in_year)
    starts, ends = _dates(gen, host, status)
    stored = "scheduled" if status == "upcoming" else status
    festival = Plan(
        id=gen.ids.next(Festival),
        host=host,
        year=host.year,
        status=stored,
        starts_at=starts,
        ends_at=ends,
        reported_at=ends + datetime.timedelta(days=2),
        held=stored in HELD_OR_LATER or (stored == "scheduled" and ends < gen.now),
    )
    places = _places(gen, host)
    last_step = _history(gen, festival, status)
    delegates = delegates_add(gen, festival, places)
    _programme(gen, festival, delegates)
    organisers = [
        (f"Ban Chỉ đạo ANTT {places['district']}", "directing"),
        (f"Ban Chỉ đạo ANTT {places['commune']}", "lead"),
        (f"Ủy ban MTTQ {places['commune']}", "co_organiser"),
    ]
    for order, (name, role) in enumerate(organisers, start=1):
        gen.tables[Organiser].add(gen.ids.next(Organiser), festival.id, name, role, order)
    recipients = []
    expected = rng.randrange(300, 1500, 50)
    if stored in HELD_OR_LATER:
        recipients = awards_add(gen, festival, places)
        photos_add(gen, festival, places)
        tributes_add(gen, festival, places)
        showcase_add(gen, festival, models)
        if stored != "held":
            published = last_step if stored == "published" else None
            _report(gen, festival, places, int(expected * rng.uniform(0.8, 1.2)), published)
    elif rng.random() < 0.5:
        showcase_add(gen, festival, models)

    unit = host.unit
    title = f"Ngày hội toàn dân bảo vệ an ninh Tổ quốc {places['commune']} năm {host.year}"
    venue = gen.names.pick(words.VENUES).format_map(places.with_hamlet(gen.names.hamlet()))
    unit_names = [u.name for u in gen.tree.chain(unit)]
    if not unit.is_valid_on(gen.today):
        for successor in gen.tree.current_successors(unit):
            unit_names += [u.name for u in gen.tree.chain(successor)]
    slug = gen.slug(host.year, slugify(normalized(unit.name)) or "ngay-hoi")
    pilot_roll = rng.random()
    pilot = (
        "province"
        if pilot_roll < 0.03
        else "district"
        if pilot_roll < 0.1
        else "commune"
        if pilot_roll < 0.2
        else ""
    )
    gen.tables[Festival].add(
        festival.id,
        unit.id,
        host.year,
        slug,
        title,
        starts,
        ends,
        venue,
        ", ".join(u.name for u in gen.tree.chain(unit)),
        pilot,
        f"{rng.randint(10, 250)}/KH-UBND",
        expected,
        f"Ngày hội của {places['commune']} với phần lễ trang trọng và phần hội sôi nổi.",
        stored,
        1,
        gen.user_id,
        starts - datetime.timedelta(days=60),
        last_step,
        festival_search_text(
            title=title,
            venue=venue,
            unit_names=unit_names,
            delegate_names=[d[1] for d in delegates],
            recipient_names=recipients,
        ),
    )
    return stored
