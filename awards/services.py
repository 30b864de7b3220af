"""Every write to award decisions, awards and tributes."""

from auditlog.models import LogEntry
from django.db import transaction
from django.utils.translation import gettext as _

from awards.enums import RecipientKind
from awards.models import Award, Decision, Tribute
from core.audit import AuditChange, audit_log_bulk
from core.errors import ServiceError, Stale, require
from core.pagecache import public_pages_changed
from core.rows import rows_sync
from events.models import Festival

DECISION_FIELDS = ["number", "date", "authority", "signer_name", "signer_title"]
AWARD_FIELDS = [
    "form",
    "recipient_kind",
    "recipient_name",
    "position",
    "organisation",
    "citation",
    "amount",
    "festival",
]
TRIBUTE_FIELDS = ["giver", "recipient", "kind", "quantity", "value"]
TEXT_FIELDS = {"signer_name", "signer_title", "position", "organisation", "citation"}


def decision_problems(*, authority, date, number, exclude_pk=None):
    """What is wrong with a decision's header (empty when it is fine)."""
    problems = []
    if authority is not None and date is not None and not authority.is_valid_on(date):
        problems.append(
            _("%(authority)s could not sign decisions on %(date)s (valid %(start)s – %(end)s).")
            % {
                "authority": authority.position,
                "date": date.strftime("%d/%m/%Y"),
                "start": authority.valid_from.strftime("%d/%m/%Y") if authority.valid_from else "…",
                "end": authority.valid_to.strftime("%d/%m/%Y") if authority.valid_to else "…",
            }
        )
    if (
        authority is not None
        and number
        and date is not None
        and Decision.objects.filter(
            authority=authority, number=number.strip(), date__year=date.year
        )
        .exclude(pk=exclude_pk)
        .exists()
    ):
        # Numbering restarts every year (Decree 30/2020): the same number in another year is fine.
        problems.append(
            _("%(authority)s already has a decision numbered %(number)s in %(year)s.")
            % {"authority": authority.position, "number": number, "year": date.year}
        )
    return problems


def award_problems(*, authority, row, festivals_in_scope):
    """What is wrong with one award row (dict of cleaned values); empty when it is fine.

    `festivals_in_scope` is a set of festival ids the user may attach awards to."""
    problems = []
    form, kind = row.get("form"), row.get("recipient_kind")
    if not hasattr(authority, "_form_ids"):
        _prepare_authority(authority)
    if form is not None and form.pk not in authority._form_ids:
        problems.append(
            _("%(authority)s may not issue %(form)s.")
            % {"authority": authority.position, "form": form.name}
        )
    if form is not None and kind and not form.allows(kind):
        problems.append(
            _("%(form)s cannot be given to this recipient kind (%(kind)s).")
            % {"form": form.name, "kind": _kind_label(kind)}
        )
    festival = row.get("festival")
    if festival is not None and festival.pk not in festivals_in_scope:
        problems.append(_("The festival is not in your scope."))
    amount = row.get("amount")
    if amount is not None and amount < 0:
        problems.append(_("The amount cannot be negative."))
    return problems


def _kind_label(kind):
    return RecipientKind(kind).label


def _prepare_authority(authority):
    authority._form_ids = set(authority.forms.values_list("pk", flat=True))
    return authority


def _cleaned(row, fields):
    """`row` with its text fields as text ("" for nothing), ready for `rows_sync`."""
    return {
        **row,
        **{field: (row.get(field) or "") for field in fields if field in TEXT_FIELDS},
    }


def _set_fields(obj, fields, data):
    for field in fields:
        value = data.get(field)
        setattr(obj, field, (value or "") if field in TEXT_FIELDS else value)


@transaction.atomic
def decision_create(*, user, data, file=None):
    """Record a decision (without awards yet)."""
    decision = Decision(created_by=user)
    _set_fields(decision, DECISION_FIELDS, data)
    decision.number = (decision.number or "").strip()
    require(
        user,
        "awards.change_decision",
        decision,
        _("You may only record decisions of authorities in your scope."),
    )
    problems = decision_problems(
        authority=decision.authority, date=decision.date, number=decision.number
    )
    if problems:
        raise ServiceError(*problems)
    if file:
        decision.file = file
    decision.save()
    return decision


@transaction.atomic
def decision_update(*, decision, user, version, data, file=None):
    current = Decision.objects.select_for_update().select_related("authority").get(pk=decision.pk)
    require(user, "awards.change_decision", current, _("You may not change this decision."))
    if current.version != version:
        raise Stale(
            _(
                "Someone else saved this decision while you were editing it. Nothing was saved: open it again and repeat your change."
            )
        )
    _set_fields(current, DECISION_FIELDS, data)
    current.number = current.number.strip()
    require(
        user,
        "awards.change_decision",
        current,
        _("You may only record decisions of authorities in your scope."),
    )
    problems = decision_problems(
        authority=current.authority, date=current.date, number=current.number, exclude_pk=current.pk
    )
    if problems:
        raise ServiceError(*problems)
    if file:
        current.file = file
    current.version += 1
    current.save()
    return current


@transaction.atomic
def decision_delete(*, decision, user):
    require(user, "awards.change_decision", decision, _("You may not delete this decision."))
    decision.delete()


def _check_rows(*, decision, user, rows):
    authority = _prepare_authority(decision.authority)
    festival_ids = {row["festival"].pk for row in rows if row.get("festival") is not None}
    in_scope = set(
        Festival.objects.for_user(user).filter(pk__in=festival_ids).values_list("pk", flat=True)
    )
    errors = []
    for number, row in enumerate(rows, start=1):
        for problem in award_problems(authority=authority, row=row, festivals_in_scope=in_scope):
            errors.append(
                _("Row %(row)s: %(problem)s") % {"row": row.get("_row", number), "problem": problem}
            )
    return errors


@transaction.atomic
def awards_replace(*, decision, user, version, rows):
    """Make the decision's awards equal to `rows` (dicts with an optional `id`), all or nothing."""
    current = Decision.objects.select_for_update().select_related("authority").get(pk=decision.pk)
    require(user, "awards.change_decision", current, _("You may not change this decision."))
    if current.version != version:
        raise Stale(
            _(
                "Someone else saved this decision while you were editing it. Nothing was saved: open it again and repeat your change."
            )
        )
    errors = _check_rows(decision=current, user=user, rows=rows)
    if errors:
        raise ServiceError(*errors)
    existing = list(current.awards.all())
    rows_sync(
        existing=existing,
        model=Award,
        rows=[_cleaned(row, AWARD_FIELDS) for row in rows],
        fields=AWARD_FIELDS,
        new=lambda: Award(decision=current),
        order_field="order",
        actor=user,
    )
    current.version += 1
    current.save(update_fields=["version"])
    return current


@transaction.atomic
def awards_import(*, decision, user, rows):
    """Append imported rows (already parsed and checked) to the decision, all or nothing.

    Rows are written in bulk with one audit entry each; returns the number of awards created."""
    current = Decision.objects.select_for_update().select_related("authority").get(pk=decision.pk)
    require(user, "awards.change_decision", current, _("You may not change this decision."))
    errors = _check_rows(decision=current, user=user, rows=rows)
    if errors:
        raise ServiceError(*errors)
    start = (current.awards.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    awards = []
    for offset, row in enumerate(rows):
        award = Award(decision=current, order=start + offset)
        _set_fields(award, AWARD_FIELDS, row)
        award.refresh_search_text()
        awards.append(award)
    Award.objects.bulk_create(awards, batch_size=1000)
    public_pages_changed()
    audit_log_bulk(
        [
            AuditChange(
                obj=award,
                action=LogEntry.Action.CREATE,
                changes={
                    "recipient_name": ["None", award.recipient_name],
                    "form": ["None", str(award.form_id)],
                },
            )
            for award in awards
        ],
        actor=user,
        additional_data={"source": "import", "decision": current.pk},
    )
    current.version += 1
    current.save(update_fields=["version"])
    return len(awards)


@transaction.atomic
def tributes_replace(*, festival, user, rows):
    """Make the festival's tributes equal to `rows`, all or nothing."""
    require(
        user,
        "awards.record_tributes",
        festival,
        _("Only supervising staff record tributes for this festival."),
    )
    errors = []
    for number, row in enumerate(rows, start=1):
        if row.get("value") is not None and row["value"] < 0:
            errors.append(
                _("Row %(row)s: %(problem)s")
                % {"row": number, "problem": _("The amount cannot be negative.")}
            )
    if errors:
        raise ServiceError(*errors)
    rows_sync(
        existing=festival.tributes.all(),
        rows=[
            {**_cleaned(row, TRIBUTE_FIELDS), "quantity": row.get("quantity") or 1} for row in rows
        ],
        fields=TRIBUTE_FIELDS,
        new=lambda: Tribute(festival=festival),
        order_field="order",
        actor=user,
    )
