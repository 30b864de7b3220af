"""Root URLs: the public site, the staff area under /manage/, the admin."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

urlpatterns = [
    path("manage/", include("staff.urls")),
    # The language switch is a preference, not an action on anyone's data: exempt from the CSRF
    # check, so that the public pages holding its form carry no token and can be kept for every
    # visitor (core.pagecache).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
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
