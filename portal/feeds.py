"""The Atom feed of published festival reports (/feed/)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from events.enums import FestivalStatus
from events.models import Festival

FEED_SIZE = 30


class PublishedReportsFeed(Feed):
    feed_type = Atom1Feed
    title = _("All-People National Security Protection Day: festival reports")
    subtitle = _("Reports of festivals published by the communes and their supervising staff.")

    def link(self):
        return reverse("public:festival.list") + "?status=published"

    def items(self):
        return list(
            Festival.objects.filter(
                status=FestivalStatus.PUBLISHED, report__published_at__isnull=False
            )
            .select_related("report", "host_unit__parent__parent")
            .order_by("-report__published_at", "-pk")[:FEED_SIZE]
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
