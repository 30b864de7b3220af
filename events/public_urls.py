from django.urls import path

from events.views import public

app_name = "public"

urlpatterns = [
    path("festivals/", public.festival_list, name="festival.list"),
    path("festivals/<int:year>/<slug:slug>/", public.festival_detail, name="festival.detail"),
    path("calendar.ics", public.calendar_ics, name="calendar"),
]
