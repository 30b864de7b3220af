"""Search in the whole project: one normalisation, whole-word matching, phrase-first ranking.

Stored columns and queries go through the same normalisation, so "rung thong", "RỪNG THÔNG" and
"Rừng Thông" (composed or decomposed Unicode) all meet on "rung thong".

A query matches a row when every word of the query is a whole word of the row's search text, the
last word also as the beginning of a word (people are still typing it) once it has
`PREFIX_MIN_LENGTH` letters: "rung thong" finds "thị trấn Rừng Thông" but not "Trung Thông";
"nguyen van an" finds "Nguyễn Văn An" and "An Nguyễn Văn Bình" (all three words are there) but
not "Nguyễn Văn Anh": a last word shorter than `PREFIX_MIN_LENGTH` is matched whole, while
"nguyen van tua" finds "Nguyễn Văn Tuấn" as one is still typing. Words are runs of letters and digits:
"45/KH-UBND" is the three words "45 kh ubnd".

On PostgreSQL each searched table has a `search_vector` column, generated from `search_text`
(`to_tsvector('simple', …)` over its words) with a GIN index (`SearchVectorIndex`, a migration
operation that does nothing elsewhere); words are ANDed in a `tsquery`, the last one with `:*`.
On SQLite (the embedded demo) the same words are matched with regular expressions.

Ranking (`search_rank`) is computed on the rows that matched, never used to filter: 2 for the
exact phrase, 1 for the phrase with the last word as a prefix, 0 for the words apart.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db import connections, migrations, models
from django.db.models import Case, Expression, F, Value, When
from django.utils.functional import cached_property

_EXTRA = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})
_WORD = re.compile(r"[^\W_]+")

# The last word is a prefix from this many characters. Vietnamese has many two-letter syllables
# (An, Hà, Lê, Vũ…); as prefixes they would match a large part of every list of names ("an"
# matches "anh", "ang"…) and cost the index a scan of them all, so they are matched whole.
PREFIX_MIN_LENGTH = 3
# Lists count search results up to here and then say "1,000+".
COUNT_CAP = 1000
VECTOR_COLUMN = "search_vector"


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


def search_words(text):
    """The words of `text` as search compares them: normalised, letters and digits only."""
    return _WORD.findall(normalize_search_text(text))


def search_text_has(text, query):
    """True when the (stored, normalised) `text` holds every word of `query` as search matches
    them, for code that already has the rows in hand."""
    words = SearchWords.of(query)
    return bool(words) and re.search(words.pattern(), text or "") is not None


@dataclass(frozen=True)
class SearchWords:
    """A query as words; `prefix` when its last word also matches the beginning of a word."""

    words: tuple[str, ...]
    prefix: bool

    @classmethod
    def of(cls, query):
        if isinstance(query, cls):
            return query
        words = tuple(search_words(query))
        return cls(words, bool(words) and len(words[-1]) >= PREFIX_MIN_LENGTH)

    def __bool__(self):
        return bool(self.words)

    def tsquery(self, *, phrase=False, prefix=None):
        """The words as a `tsquery` (they are letters and digits, so quoting is enough)."""
        prefix = self.prefix if prefix is None else prefix
        terms = [f"'{word}'" for word in self.words]
        if prefix:
            terms[-1] += ":*"
        return (" <-> " if phrase else " & ").join(terms)

    def pattern(self, *, phrase=False, prefix=None):
        """The words as one Python regular expression over a normalised text (the SQLite demo,
        and rows already loaded); `phrase` asks for the words next to each other, in order."""
        prefix = self.prefix if prefix is None else prefix
        terms = [rf"(?<![^\W_]){re.escape(word)}(?![^\W_])" for word in self.words]
        if prefix:
            terms[-1] = rf"(?<![^\W_]){re.escape(self.words[-1])}"
        if phrase:
            return r"[\W_]+".join(terms)
        return "^" + "".join(f"(?=.*{term})" for term in terms)


class SearchMatch(Expression):
    """True when the search column `field` (a path such as "unit__search_text") holds `query`
    (see the module's docstring); `phrase` asks for the words next to each other, in order."""

    conditional = True
    output_field = models.BooleanField()

    def __init__(self, field, query, *, phrase=False, prefix=None):
        super().__init__()
        self.source = F(field) if isinstance(field, str) else field
        self.words = SearchWords.of(query)
        self.phrase = phrase
        self.prefix = prefix

    def __repr__(self):
        return f"{self.__class__.__name__}({self.source!r}, {self.words!r}, phrase={self.phrase})"

    def get_source_expressions(self):
        return [self.source]

    def set_source_expressions(self, exprs):
        (self.source,) = exprs

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.source)
        pattern = self.words.pattern(phrase=self.phrase, prefix=self.prefix)
        # Django's SQLite backend provides REGEXP (Python's re).
        return f"({sql} REGEXP %s)", [*params, pattern]

    def as_postgresql(self, compiler, connection):
        # The generated column beside the text column, on the same (possibly joined) table.
        alias = compiler.quote_name_unless_alias(self.source.alias)
        vector = f"{alias}.{connection.ops.quote_name(VECTOR_COLUMN)}"
        query = self.words.tsquery(phrase=self.phrase, prefix=self.prefix)
        return f"({vector} @@ to_tsquery('simple'::regconfig, %s))", [query]


def search_filter(queryset, query, field="search_text"):
    """Narrow `queryset` to rows whose search column holds every word of `query`."""
    words = SearchWords.of(query)
    return queryset.filter(SearchMatch(field, words)) if words else queryset


def search_rank(field, query):
    """2 when `field` holds the exact phrase of `query`, 1 when it holds the phrase with the last
    word as a prefix, 0 otherwise: for ordering rows that already matched, never for filtering."""
    words = SearchWords.of(query)
    if not words:
        return Value(0)
    whens = [When(SearchMatch(field, words, phrase=True, prefix=False), then=Value(2))]
    if words.prefix:
        whens.append(When(SearchMatch(field, words, phrase=True, prefix=True), then=Value(1)))
    return Case(*whens, default=Value(0), output_field=models.IntegerField())


class SearchResults:
    """Search results for a paginator, ranked in the database by ids first.

    One query finds the ids of `rows` (the objects the list may show, already filtered) that a
    match in any of `arms` names, best `match_rank` first, then in the list's `order` (fields of
    `rows`' model, "-" for descending), at most `COUNT_CAP + 1` of them: each arm is a queryset
    of `match_id` (a pk of `rows`' model) and `match_rank` values, and the arms are read once, in
    one UNION ALL, so a phrase found in a delegate's name ranks its festival without a second
    search. Then each page loads its objects from `page_queryset` (with its joins, prefetches
    and annotations) by id. `count()` is the number of ids, `cap + 1` when there are more
    (`over_count_cap`: the list says "more than 1,000").
    """

    def __init__(self, *, rows, arms, order, page_queryset, cap=COUNT_CAP):
        self.cap = cap
        self.rows = rows
        self.arms = arms
        self.order = order
        self.page_queryset = page_queryset

    @cached_property
    def ids(self):
        db = self.rows.db
        connection = connections[db]
        columns = {f"o{i}": F(field.lstrip("-")) for i, field in enumerate(self.order)}
        visible = self.rows.order_by().values(search_pk=F("pk"), **columns)
        sql, params = visible.query.get_compiler(using=db).as_sql()
        arms_sql, arms_params = [], []
        for arm in self.arms:
            arm_sql, arm_params = arm.order_by().query.get_compiler(using=db).as_sql()
            arms_sql.append(arm_sql)
            arms_params.extend(arm_params)
        ordering = ", ".join(
            f"v.o{i} {'DESC' if field.startswith('-') else 'ASC'}"
            for i, field in enumerate(self.order)
        )
        query = (
            f"SELECT v.search_pk FROM ({sql}) v INNER JOIN "
            f"(SELECT a.match_id, MAX(a.match_rank) AS match_rank FROM "
            f"({' UNION ALL '.join(arms_sql)}) a GROUP BY a.match_id) m "
            f"ON m.match_id = v.search_pk ORDER BY m.match_rank DESC, {ordering} LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(query, [*params, *arms_params, self.cap + 1])
            return [row[0] for row in cursor.fetchall()]

    def count(self):
        return len(self.ids)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        ids = self.ids[index] if isinstance(index, slice) else [self.ids[index]]
        found = {obj.pk: obj for obj in self.page_queryset.filter(pk__in=ids).order_by()}
        objects = [found[pk] for pk in ids if pk in found]
        return objects if isinstance(index, slice) else objects[0]

    def __iter__(self):
        return iter(self[:])

    def values_list(self, *fields, flat=False):
        """The ranked ids, as `core.pagination.page_without_count` reads a page of a list's ids
        (its `rows` then loads them): lists without a total page through search results too."""
        if fields != ("pk",) or not flat:
            raise TypeError("SearchResults.values_list gives the ids only: ('pk', flat=True).")
        return self.ids


def search_arm(queryset, query, *, field="search_text", match_id="pk"):
    """`queryset` narrowed to the rows matching `query`, as a `SearchResults` arm: `match_id`
    (a path to the listed object's pk) and their `search_rank`."""
    words = SearchWords.of(query)
    return (
        queryset.filter(SearchMatch(field, words))
        .order_by()
        .values(match_id=F(match_id), match_rank=search_rank(field, words))
    )


def over_count_cap(count):
    return count > COUNT_CAP


class SearchTextModel(models.Model):
    """A model with a `search_text` column derived from the fields in `search_text_fields`.

    The column is refreshed on every save; code that bulk-creates or bulk-updates rows calls
    `refresh_search_text()` itself. On PostgreSQL the table also has the generated
    `search_vector` column and its GIN index (a `SearchVectorIndex` operation in its app's
    migrations), which Django does not know about: it is never read into the model.
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


class SearchVectorIndex(migrations.operations.base.Operation):
    """Add to `table` the generated `search_vector` column (its `search_text`'s words as a
    `tsvector` of the `simple` configuration) and a GIN index on it. PostgreSQL only: elsewhere
    nothing happens, and Django's model state never hears of the column.

    The words are taken apart as `search_words` does (anything but letters and digits separates
    words), so that "45/kh-ubnd" is three words to the index as to the query, whatever the
    PostgreSQL parser would make of a path or a hyphenated word.
    """

    reversible = True
    reduces_to_sql = True

    def __init__(self, table):
        self.table = table

    def deconstruct(self):
        return (self.__class__.__name__, [], {"table": self.table})

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"ALTER TABLE {quote(self.table)} ADD COLUMN {quote(VECTOR_COLUMN)} tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "
            "regexp_replace(search_text, '[^[:alnum:]]+', ' ', 'g'))) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX {quote(self.index_name)} ON {quote(self.table)} "
            f"USING gin ({quote(VECTOR_COLUMN)})"
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        schema_editor.execute(f"ALTER TABLE {quote(self.table)} DROP COLUMN {quote(VECTOR_COLUMN)}")

    @property
    def index_name(self):
        return f"{self.table}_search_vector"[:63]

    def describe(self):
        return f"Add the search vector and its GIN index to {self.table} (PostgreSQL)"

    @property
    def migration_name_fragment(self):
        return f"search_vector_{self.table}"
