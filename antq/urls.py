from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from antq import views
from events.feeds import PublishedReportsFeed

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("feed/", PublishedReportsFeed(), name="feed"),
    path("accounts/", include("accounts.urls")),
    path("manage/", include("accounts.manage_urls")),
    path("manage/units/", include("units.urls")),
    # Before events.urls, whose "<pk>/<action>/" would otherwise take ".../photos/".
    path("manage/festivals/<int:festival_pk>/photos/", include("events.photo_urls")),
    path("manage/festivals/", include("events.urls")),
    path("stats/", include("stats.urls")),
    path("manage/models/", include("movements.urls")),
    path("manage/awards/", include("awards.urls")),
    path("", include("events.public_urls")),
    path("models/", include("movements.public_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "antq.views.error_400"
handler403 = "antq.views.error_403"
handler404 = "antq.views.error_404"
handler500 = "antq.views.error_500"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
