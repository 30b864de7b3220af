"""Movement models kept by the communes (old and new), and the ones a festival showcases."""

import datetime

from demo.national import names as words
from demo.national.search import fields_text
from movements.catalogue import categories_ensure_defaults
from movements.models import ModelCategory, MovementModel

MODEL_COLUMNS = [
    "id", "unit_id", "name", "category_id", "lead_organisation", "partner_organisations",
    "started_on", "status", "status_changed_on", "description", "results", "cover_photo",
    "created_by_id", "created_at", "updated_at", "search_text",
]  # fmt: skip
SHOWCASE_COLUMNS = ["id", "movementmodel_id", "festival_id"]


def model_search_text(*, name, category_name, unit_names, lead_organisation):
    """What `MovementModel.save()` stores in `search_text` (MovementModel.build_search_text)."""
    return fields_text(" ".join([name, category_name, *unit_names, lead_organisation]))


def model_categories(alias):
    """code → (id, name) of the model categories (the defaults made when missing)."""
    if alias == "default":
        categories_ensure_defaults()
    return {
        code: (pk, name)
        for pk, code, name in ModelCategory.objects.using(alias).values_list("id", "code", "name")
    }


def models_add(gen, unit, places):
    """Write the models of one commune; returns [(id, status)]."""
    rng, table = gen.rng, gen.tables[MovementModel]
    old = unit.valid_to is not None
    count = rng.randint(1, 3) if old else rng.randint(1, 5)
    unit_names = [u.name for u in gen.tree.chain(unit)]
    made, seen = [], set()
    for _ in range(count):
        code, pattern = gen.names.pick(words.MODEL_NAMES)
        name = pattern.format_map(places.with_hamlet(gen.names.hamlet()))
        if name in seen:
            continue
        seen.add(name)
        category_id, category_name = gen.categories.get(code) or gen.categories["khac"]
        lead = gen.names.pick(words.MODEL_LEADS).format_map(places)
        partners = "\n".join(rng.sample(words.MODEL_LEADS, 2)).format_map(places)
        started = datetime.date(rng.randint(2012, 2024), rng.randint(1, 12), 1)
        roll = rng.random()
        if old:
            status = "active" if roll < 0.6 else "paused" if roll < 0.7 else "ended"
        else:
            status = "active" if roll < 0.85 else "paused" if roll < 0.95 else "ended"
        changed = None if status == "active" else started + datetime.timedelta(days=700)
        model_id = gen.ids.next(MovementModel)
        table.add(
            model_id,
            unit.id,
            name,
            category_id,
            lead,
            partners,
            started,
            status,
            changed,
            f"Mô hình do {lead} chủ trì, duy trì từ năm {started.year}.",
            "Góp phần giữ vững an ninh trật tự trên địa bàn, không để xảy ra điểm nóng.",
            "",
            gen.user_id,
            gen.stamp(started),
            gen.stamp(started),
            model_search_text(
                name=name,
                category_name=category_name,
                unit_names=unit_names,
                lead_organisation=lead,
            ),
        )
        made.append((model_id, status))
    return made


def showcase_add(gen, festival, models):
    """Link the festival to one or two of its commune's active models."""
    active = [model_id for model_id, status in models if status == "active"]
    for model_id in gen.rng.sample(active, min(len(active), gen.rng.randint(1, 2))):
        gen.tables["showcase"].add(gen.ids.next("showcase"), model_id, festival.id)
