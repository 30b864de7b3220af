"""One normalisation for search text, used by every search in the project.

Stored columns and queries go through the same function, so "rung thong", "RỪNG THÔNG" and
"Rừng Thông" (composed or decomposed Unicode) all meet on "rung thong".
"""

import unicodedata

from django.db import models

_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})


def normalize_search_text(text):
    """Drop diacritics (including đ/Đ), casefold and collapse whitespace."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_EXTRA))
    # Marks go; control characters (NUL among them, which PostgreSQL refuses) become spaces.
    stripped = "".join(
        " " if unicodedata.category(ch).startswith("C") else ch
        for ch in decomposed
        if not unicodedata.combining(ch)
    )
    return " ".join(stripped.casefold().split())


class SearchTextModel(models.Model):
    """A model with a `search_text` column derived from the fields in `search_text_fields`.

    The column is refreshed on every save; code that bulk-creates or bulk-updates rows calls
    `refresh_search_text()` itself.
    """

    search_text_fields: tuple[str, ...] = ()

    search_text = models.TextField(blank=True, default="", editable=False, db_index=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.refresh_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_text"]
        super().save(*args, **kwargs)

    def build_search_text(self):
        return normalize_search_text(
            " ".join(str(getattr(self, f) or "") for f in self.search_text_fields)
        )

    def refresh_search_text(self):
        self.search_text = self.build_search_text()


def search_filter(queryset, query, field="search_text"):
    """Narrow `queryset` to rows whose search column holds every word of `query`."""
    for word in normalize_search_text(query).split():
        queryset = queryset.filter(**{f"{field}__contains": word})
    return queryset
