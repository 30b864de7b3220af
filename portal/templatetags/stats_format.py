from django import template

from stats.tables import format_number

register = template.Library()


@register.filter
def stats_number(value):
    """1234 → "1.234" in Vietnamese, "1,234" in English."""
    return format_number(value)
