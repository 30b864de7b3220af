from django.urls import path

from events.views import manage, reports

app_name = "events"

urlpatterns = [
    path("", manage.festival_list, name="festival.list"),
    path("calendar/", manage.festival_calendar, name="festival.calendar"),
    path("new/", manage.festival_edit, name="festival.create"),
    path("new/from-last-year/", manage.festival_copy_previous, name="festival.copy_previous"),
    path("<int:pk>/", manage.festival_detail, name="festival.detail"),
    path("<int:pk>/edit/", manage.festival_edit, name="festival.edit"),
    path("<int:pk>/print/", manage.festival_print, name="festival.print"),
    path("<int:pk>/models/", manage.festival_showcase, name="festival.showcase"),
    path("<int:pk>/report/", reports.report_edit, name="report.edit"),
    path("<int:pk>/report/<slug:action>/", reports.report_transition, name="report.transition"),
    path("<int:pk>/<slug:action>/", manage.festival_transition, name="festival.transition"),
]
