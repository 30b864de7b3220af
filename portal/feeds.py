"""The Atom feed of published festival reports (/feed/).

The summary is the report's own text, so it is sent as plain text (`type="text"`): a feed reader
shows "<script>" typed in a summary as those characters, never as markup. Control characters that
XML cannot hold (a vertical tab from Word) are taken out of every text first, so one report never
breaks the feed for everyone."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core.text import text_printable
from events.enums import FestivalStatus
from events.models import Festival

FEED_SIZE = 30


def _printable(value):
    return None if value is None else text_printable(str(value))


def published_reports():
    """The feed's festivals, newest report first."""
    return Festival.objects.filter(
        status=FestivalStatus.PUBLISHED, report__published_at__isnull=False
    ).order_by("-report__published_at", "-pk")


def feed_versions(request):
    """What the feed shows, as (festival id, its change time, its report's change time) rows,
    for its ETag and Last-Modified (core.conditional): one narrow query."""
    rows = published_reports().values_list("pk", "updated_at", "report__updated_at")[:FEED_SIZE]
    return [(pk, max(festival, report)) for pk, festival, report in rows]


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose entries carry plain text only: the summary as `type="text"` (Django writes it
    as `type="html"`, which feed readers render as markup), every text cleaned of the control
    characters XML refuses."""

    def __init__(self, title, link, description, **kwargs):
        texts = ("author_name", "subtitle", "feed_copyright")
        kwargs = {k: _printable(v) if k in texts else v for k, v in kwargs.items()}
        if kwargs.get("categories"):
            kwargs["categories"] = [_printable(c) for c in kwargs["categories"]]
        super().__init__(_printable(title), link, _printable(description), **kwargs)

    def add_item(self, title, link, description, **kwargs):
        texts = ("author_name", "comments", "item_copyright")
        kwargs = {k: _printable(v) if k in texts else v for k, v in kwargs.items()}
        if kwargs.get("categories"):
            kwargs["categories"] = [_printable(c) for c in kwargs["categories"]]
        super().add_item(_printable(title), link, _printable(description), **kwargs)

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class PublishedReportsFeed(Feed):
    feed_type = PlainTextAtomFeed
    title = _("All-People National Security Protection Day: festival reports")
    subtitle = _("Reports of festivals published by the communes and their supervising staff.")

    def link(self):
        return reverse("public:festival.list") + "?status=published"

    def items(self):
        return list(
            published_reports()
            .select_related("report", "host_unit__parent__parent")
            .defer("search_text")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.report.summary or item.host_unit.full_name

    def item_link(self, item):
        return item.get_public_url()

    def item_pubdate(self, item):
        return item.report.published_at

    def item_updateddate(self, item):
        return item.report.updated_at

    def item_author_name(self, item):
        return item.report.author_credit or item.host_unit.name

    def item_categories(self, item):
        return [item.host_unit.full_name, str(item.year)]
