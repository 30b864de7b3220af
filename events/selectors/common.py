"""What the staff and the public reads of festivals share: the list's order and joins, row counts."""

from django.db.models import (
    F,
    Func,
    IntegerField,
    OuterRef,
    Subquery,
)

LIST_RELATED = ["host_unit__parent__parent"]


def festivals_filter_status(festivals, status):
    return festivals.in_status(status)


def row_count(model, field="festival"):
    """The number of `model` rows pointing at the outer row: a per-row subquery, so that a page of
    25 counts for those 25 only, not a grouped join over every row of the list."""
    return Subquery(
        model.objects.filter(**{field: OuterRef("pk")})
        .order_by()
        .annotate(count=Func(F("pk"), function="COUNT"))
        .values("count"),
        output_field=IntegerField(),
    )


LIST_ORDER = ["-starts_at", "-pk"]
