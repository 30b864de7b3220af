from django import template

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


@register.filter
def vnd(amount):
    """1500000 → "1.500.000" (Vietnamese thousands separator); empty → "—"."""
    if amount in (None, ""):
        return "—"
    return f"{int(amount):,}".replace(",", ".")


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
