"""Root URLs: the public site, the staff area under /manage/, the admin."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("manage/", include("staff.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("portal.urls")),
]

handler400 = "portal.views.site.error_400"
handler403 = "portal.views.site.error_403"
handler404 = "portal.views.site.error_404"
handler500 = "portal.views.site.error_500"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
