"""Reads of decisions, awards and tributes, with scope and joins in one place."""

from dataclasses import dataclass
from itertools import groupby

from django.db.models import (
    BigIntegerField,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.shortcuts import get_object_or_404

from accounts.selectors import units_for_user, user_scope
from awards.models import Award, AwardForm, Decision, IssuingAuthority
from core.search import SearchMatch, SearchWords


def _award_scope_q(user, prefix=""):
    units = units_for_user(user)
    authorities = IssuingAuthority.objects.filter(unit__in=units).values("pk")
    return Q(**{f"{prefix}decision__authority_id__in": authorities}) | Q(
        **{f"{prefix}festival__host_unit__in": units}
    )


def decisions_for_staff(user, *, q="", year=None, authority=None, form=None, festival=None):
    decisions = Decision.objects.for_user(user)
    if year:
        decisions = decisions.filter(date__year=year)
    if authority is not None:
        decisions = decisions.filter(authority=authority)
    # Filters on awards look only at the awards the user may see: a search must not reveal, by
    # the decisions it lists, the recipients of another commune's awards.
    award_filter = _award_scope_q(user)
    if form is not None:
        award_filter &= Q(form=form)
    if festival is not None:
        award_filter &= Q(festival=festival)
    words = SearchWords.of(q)
    if words:
        # Decisions by their number and signer, or by a visible award's recipient: one union.
        by_number = Decision.objects.filter(SearchMatch("search_text", words)).order_by()
        by_award = Award.objects.filter(award_filter, SearchMatch("search_text", words)).order_by()
        decisions = decisions.filter(
            pk__in=by_number.values("pk").union(by_award.values("decision_id"))
        )
    elif form is not None or festival is not None:
        decisions = decisions.filter(
            pk__in=Award.objects.filter(award_filter).values("decision_id")
        )
    return decisions.order_by("-date", "-pk")


def _awards_of_outer_decision(user, aggregate):
    """`aggregate` over the awards of the outer decision that `user` may see: a per-row subquery,
    so that a page of 25 decisions counts the awards of those 25 only."""
    return Subquery(
        Award.objects.filter(_award_scope_q(user), decision=OuterRef("pk"))
        .order_by()
        .annotate(value=aggregate)
        .values("value")
    )


def decisions_staff_rows(user, ids):
    """The decisions `ids` as the decision list shows them: the authority, and the number and
    total amount of the awards `user` may see (another commune's awards are never counted)."""
    return (
        Decision.objects.filter(pk__in=ids)
        .select_related("authority__unit")
        .annotate(
            award_count=_awards_of_outer_decision(
                user, Func(F("pk"), function="COUNT", output_field=IntegerField())
            ),
            amount_total=_awards_of_outer_decision(
                user, Func(F("amount"), function="SUM", output_field=BigIntegerField())
            ),
        )
    )


def decision_for_staff(user, pk):
    return get_object_or_404(
        Decision.objects.for_user(user).select_related("authority__unit", "created_by"), pk=pk
    )


def decision_awards_for(user, decision):
    """The decision's awards that `user` may see: all of them for those who record the decision,
    otherwise only those presented at festivals in the user's scope."""
    awards = decision.awards.select_related("form", "festival__host_unit").order_by("order", "pk")
    if not user.has_perm("awards.change_decision", decision):
        awards = awards.filter(festival__host_unit__in=units_for_user(user))
    return awards


def decision_award_totals(user, decision):
    """How many of the decision's awards `user` may see, and the sum of their amounts (None when
    no award has an amount), in one query."""
    totals = decision_awards_for(user, decision).aggregate(count=Count("pk"), amount=Sum("amount"))
    return totals["count"], totals["amount"]


@dataclass(frozen=True)
class AwardListSummary:
    """What a printed award list states once: how many, the total amount (None when no award has
    one) and, when every award was presented at the same festival (`one_festival`), that
    festival (None when none names one)."""

    count: int
    amount_total: int | None
    one_festival: bool
    festival: object = None


def awards_summary(awards):
    """The summary of `awards` (a list already read, with their festivals): no query."""
    amounts = [award.amount for award in awards if award.amount is not None]
    festival_ids = {award.festival_id for award in awards}
    one_festival = len(festival_ids) == 1
    return AwardListSummary(
        count=len(awards),
        amount_total=sum(amounts) if amounts else None,
        one_festival=one_festival,
        festival=awards[0].festival if one_festival else None,
    )


# What the export writes of an award (awards.spreadsheets reads them in this order), then the
# columns of its order (the order of a union is by columns it selects).
EXPORT_COLUMNS = (
    "form__name",
    "recipient_kind",
    "recipient_name",
    "position",
    "organisation",
    "citation",
    "amount",
    "festival__year",
    "festival__slug",
)
_EXPORT_ORDER = ("decision__date", "decision_id", "order", "pk")


def _scope_paths(user, awards):
    """`awards` in the user's scope as querysets whose union is that scope: the awards whose
    decision's authority is at a unit in it, then those presented at a festival hosted in it
    (without the first ones again). Each is read through its own indexes (units → authorities →
    decisions → awards; units → festivals → awards), where an OR of the two conditions reads
    every award of the country."""
    if user_scope(user).everything:
        return [awards]
    units = units_for_user(user)
    by_authority = awards.filter(decision__authority__unit__in=units)
    by_festival = awards.filter(festival__host_unit__in=units).exclude(
        decision__authority__unit__in=units
    )
    return [by_authority, by_festival]


def awards_export_rows(
    user, *, decision=None, q="", year=None, authority=None, form=None, festival=None
):
    """The awards in the user's scope matching the filters (objects or their ids), in list
    order, as lean rows: named tuples of EXPORT_COLUMNS then the order's columns, never model
    instances with their festivals' wide rows. The scope is a UNION ALL (see _scope_paths)."""
    awards = Award.objects.order_by()
    if decision is not None:
        awards = awards.filter(decision=decision)
    if year:
        awards = awards.filter(decision__date__year=year)
    if authority is not None:
        awards = awards.filter(decision__authority=authority)
    if form is not None:
        awards = awards.filter(form=form)
    if festival is not None:
        awards = awards.filter(festival=festival)
    if q:
        awards = awards.search(q)
    first, *others = (
        path.values_list(*EXPORT_COLUMNS, *_EXPORT_ORDER, named=True)
        for path in _scope_paths(user, awards)
    )
    rows = first.union(*others, all=True) if others else first
    return rows.order_by(*_EXPORT_ORDER)


def awards_for_export(user, **filters):
    """The rows of awards_export_rows, streamed from the database."""
    return awards_export_rows(user, **filters).iterator(chunk_size=2000)


def awards_export_exceeds(user, limit, **filters):
    """True when more than `limit` awards match: counted up to `limit` + 1 only."""
    return awards_export_rows(user, **filters).order_by()[: limit + 1].count() > limit


def festival_awards_public(festival):
    """The awards presented at `festival`, grouped by authority then form (one query)."""
    awards = (
        Award.objects.filter(festival=festival)
        .select_related("decision__authority", "form")
        .order_by(
            "decision__authority__position",
            "form__order",
            "form__name",
            "decision__date",
            "order",
            "pk",
        )
    )
    groups = []
    for authority, by_authority in groupby(awards, key=lambda a: a.decision.authority):
        forms = [(form, list(items)) for form, items in groupby(by_authority, key=lambda a: a.form)]
        groups.append((authority, forms))
    return groups


def active_forms():
    return list(AwardForm.objects.filter(is_active=True))
