from django import template
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext as _

from core import search
from core.amounts import amount_format

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **changes):
    """The current query string with `changes` applied (for pagination and filter links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def absolute_url(context, url):
    """`url` with the site's scheme and host when it is a path ("/media/…"); an address that
    has them already (a photo on object storage) as it is."""
    return context["request"].build_absolute_uri(url)


@register.filter
def vnd(amount):
    """1500000 → "1.500.000" in Vietnamese, "1,500,000" in English; empty → "—"."""
    if amount in (None, ""):
        return "—"
    return amount_format(amount)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.inclusion_tag("includes/error_summary.html")
def error_summary(form=None, formsets=None, label=""):
    """The errors of `form` and of `formsets` as one list of links to the fields at fault, for the
    top of an editor. `formsets` is a formset, or a list of formsets or of (prefix, label, formset)
    triples (the festival editor's); `label` names a lone formset's rows ("Awards")."""
    return {"problems": error_problems(form, formsets, label=label)}


def error_problems(form=None, formsets=None, *, label=""):
    """[(anchor or "", text)] for every error of `form` and `formsets`, in page order."""
    problems = []
    if form is not None and form.is_bound:
        problems.extend(_form_problems(form, heading=""))
    for section, formset in _labelled_formsets(formsets, label):
        if not formset.is_bound:
            continue
        for message in formset.non_form_errors():
            problems.append(
                (f"{formset.prefix}-table", f"{section}: {message}" if section else message)
            )
        for index, row in enumerate(formset.forms):
            if formset.can_delete and formset._should_delete_form(row):
                continue
            if section:
                heading = _("%(section)s, row %(number)s") % {
                    "section": section,
                    "number": index + 1,
                }
            else:
                heading = _("Row %(number)s") % {"number": index + 1}
            problems.extend(_form_problems(row, heading=heading))
    return problems


def _labelled_formsets(formsets, label):
    if formsets is None or formsets == "":
        return []
    if hasattr(formsets, "forms"):
        return [(label, formsets)]
    pairs = []
    for item in formsets:
        if hasattr(item, "forms"):
            pairs.append((label, item))
        else:
            *_prefix, section, formset = item
            pairs.append((section, formset))
    return pairs


def _form_problems(form, *, heading):
    """The form's own errors first, then each field's in the order the fields are shown."""
    problems = list(_unlinked(form, heading))
    for field in form:
        if field.is_hidden or not field.errors:
            continue
        what = f"{heading}, {field.label}" if heading else str(field.label)
        problems.extend((field.id_for_label, f"{what}: {message}") for message in field.errors)
    return problems


def _unlinked(form, heading):
    """Errors with no visible field to point at: the form's own and its hidden fields'."""
    hidden = [field.name for field in form if field.is_hidden]
    for name in [NON_FIELD_ERRORS, *hidden]:
        for message in form.errors.get(name, []):
            yield "", f"{heading}: {message}" if heading else str(message)


@register.filter
def over_count_cap(count):
    """True when a list of search results counted past core.search.COUNT_CAP ("1,000+")."""
    return search.over_count_cap(count)


@register.simple_tag
def count_cap():
    return search.COUNT_CAP
