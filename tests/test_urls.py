"""Every named URL of the project and the path it answers at: a moved view keeps its address."""

from django.urls import URLPattern, URLResolver, get_resolver

# (name, route) — the addresses the project published before the house was rearranged, and
# those added since (the permission-checked private files).
NAMED_ROUTES = [
    ("awards:award.export", "manage/awards/export.<str:fmt>"),
    ("awards:decision.create", "manage/awards/new/"),
    ("awards:decision.delete", "manage/awards/<int:pk>/delete/"),
    ("awards:decision.detail", "manage/awards/<int:pk>/"),
    ("awards:decision.edit", "manage/awards/<int:pk>/edit/"),
    ("awards:decision.import", "manage/awards/<int:pk>/import/"),
    ("awards:decision.import_template", "manage/awards/<int:pk>/import/template.xlsx"),
    ("awards:decision.list", "manage/awards/"),
    ("awards:decision.print", "manage/awards/<int:pk>/print/"),
    ("awards:festival.tributes", "manage/awards/festival/<int:festival_pk>/tributes/"),
    ("events:festival.calendar", "manage/festivals/calendar/"),
    ("events:festival.copy_previous", "manage/festivals/new/from-last-year/"),
    ("events:festival.create", "manage/festivals/new/"),
    ("events:festival.delete", "manage/festivals/<int:pk>/delete/"),
    ("events:festival.detail", "manage/festivals/<int:pk>/"),
    ("events:festival.edit", "manage/festivals/<int:pk>/edit/"),
    ("events:festival.list", "manage/festivals/"),
    ("events:festival.picker", "manage/festivals/picker/"),
    ("events:festival.print", "manage/festivals/<int:pk>/print/"),
    ("events:festival.showcase", "manage/festivals/<int:pk>/models/"),
    ("events:festival.transition", "manage/festivals/<int:pk>/<slug:action>/"),
    ("events:report.edit", "manage/festivals/<int:pk>/report/"),
    ("events:report.transition", "manage/festivals/<int:pk>/report/<slug:action>/"),
    ("feed", "feed/"),
    ("healthz", "healthz"),
    ("healthz.ready", "healthz/ready"),
    ("metrics", "metrics"),
    ("home", ""),
    ("jobs:job.detail", "manage/jobs/<uuid:pk>/"),
    ("jobs:job.download", "manage/jobs/<uuid:pk>/download/"),
    ("jobs:job.status", "manage/jobs/<uuid:pk>/status/"),
    ("login", "accounts/login/"),
    ("logout", "accounts/logout/"),
    ("manage:dashboard", "manage/"),
    ("models:model.detail", "models/<int:pk>/"),
    ("models:model.list", "models/"),
    ("movements:model.create", "manage/models/new/"),
    ("movements:model.delete", "manage/models/<int:pk>/delete/"),
    ("movements:model.detail", "manage/models/<int:pk>/"),
    ("movements:model.edit", "manage/models/<int:pk>/edit/"),
    ("movements:model.list", "manage/models/"),
    ("movements:model.status", "manage/models/<int:pk>/status/"),
    ("password_change", "accounts/password/change/"),
    ("password_change_done", "accounts/password/change/done/"),
    ("password_reset", "accounts/password/reset/"),
    ("password_reset_complete", "accounts/password/reset/done/"),
    ("password_reset_confirm", "accounts/password/reset/<uidb64>/<token>/"),
    ("password_reset_done", "accounts/password/reset/sent/"),
    (
        "photos:document.delete",
        "manage/festivals/<int:festival_pk>/photos/documents/<int:pk>/delete/",
    ),
    ("photos:document.upload", "manage/festivals/<int:festival_pk>/photos/documents/"),
    (
        "photos:media.approve",
        "manage/festivals/<int:festival_pk>/photos/review/<str:kind>/<int:pk>/approve/",
    ),
    (
        "photos:media.reject",
        "manage/festivals/<int:festival_pk>/photos/review/<str:kind>/<int:pk>/reject/",
    ),
    ("photos:photo.delete", "manage/festivals/<int:festival_pk>/photos/<int:pk>/delete/"),
    ("photos:photo.list", "manage/festivals/<int:festival_pk>/photos/"),
    ("photos:photo.reorder", "manage/festivals/<int:festival_pk>/photos/reorder/"),
    ("photos:photo.state", "manage/festivals/<int:festival_pk>/photos/<int:pk>/"),
    ("photos:photo.upload", "manage/festivals/<int:festival_pk>/photos/upload/"),
    ("photos:photos.save", "manage/festivals/<int:festival_pk>/photos/save/"),
    ("notifications:notification.list", "manage/notifications/"),
    ("notifications:notification.open", "manage/notifications/<int:pk>/"),
    ("notifications:notification.preferences", "manage/notifications/mail/"),
    ("notifications:notification.read_all", "manage/notifications/read/"),
    ("private-file", "files/<path:name>"),
    ("public:calendar", "calendar.ics"),
    ("public:festival.detail", "festivals/<int:year>/<slug:slug>/"),
    ("public:festival.list", "festivals/"),
    ("set_language", "i18n/setlang/"),
    ("stats:download", "stats/^(?P<table>[a-z0-9-]+)\\.(?P<fmt>csv|xlsx)$"),
    ("stats:index", "stats/"),
    ("units:unit.detail", "manage/units/<int:pk>/"),
    ("units:unit.list", "manage/units/"),
    ("units:unit.picker", "manage/units/picker/"),
]


def _named_routes(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _named_routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (
                (f"{namespace}:{pattern.name}" if namespace else pattern.name),
                prefix + str(pattern.pattern),
            )


def test_named_urls_answer_at_the_published_paths():
    routes = {
        (name, route)
        for name, route in _named_routes(get_resolver().url_patterns)
        if not name.startswith("admin:")
    }
    assert sorted(routes) == sorted(NAMED_ROUTES)
