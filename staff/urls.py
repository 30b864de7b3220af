"""Everything under /manage/: the dashboard, festivals and their reports, photos and
documents, awards and tributes, movement models, units."""

from django.urls import include, path

from staff.views import (
    awards,
    dashboard,
    festivals,
    jobs,
    models,
    notifications,
    photos,
    reports,
    reviews,
    units,
)

festival_patterns = [
    path("", festivals.festival_list, name="festival.list"),
    path("calendar/", festivals.festival_calendar, name="festival.calendar"),
    path("picker/", festivals.festival_picker, name="festival.picker"),
    path("new/", festivals.festival_edit, name="festival.create"),
    path("new/from-last-year/", festivals.festival_copy_previous, name="festival.copy_previous"),
    path("<int:pk>/", festivals.festival_detail, name="festival.detail"),
    path("<int:pk>/edit/", festivals.festival_edit, name="festival.edit"),
    path("<int:pk>/print/", festivals.festival_print, name="festival.print"),
    path("<int:pk>/models/", festivals.festival_showcase, name="festival.showcase"),
    path("<int:pk>/delete/", festivals.festival_delete, name="festival.delete"),
    path("<int:pk>/report/", reports.report_edit, name="report.edit"),
    path("<int:pk>/report/<slug:action>/", reports.report_transition, name="report.transition"),
    path("<int:pk>/<slug:action>/", festivals.festival_transition, name="festival.transition"),
]

photo_patterns = [
    path("", photos.photo_list, name="photo.list"),
    path("upload/", photos.photo_upload, name="photo.upload"),
    path("reorder/", photos.photo_reorder, name="photo.reorder"),
    path("save/", photos.photos_save, name="photos.save"),
    path("<int:pk>/", photos.photo_state, name="photo.state"),
    path("<int:pk>/delete/", photos.photo_delete, name="photo.delete"),
    path("documents/", photos.document_upload, name="document.upload"),
    path("documents/<int:pk>/delete/", photos.document_delete, name="document.delete"),
    path("review/<str:kind>/<int:pk>/approve/", reviews.media_approve, name="media.approve"),
    path("review/<str:kind>/<int:pk>/reject/", reviews.media_reject, name="media.reject"),
]

model_patterns = [
    path("", models.model_list, name="model.list"),
    path("new/", models.model_edit, name="model.create"),
    path("<int:pk>/", models.model_detail, name="model.detail"),
    path("<int:pk>/edit/", models.model_edit, name="model.edit"),
    path("<int:pk>/status/", models.model_status, name="model.status"),
    path("<int:pk>/delete/", models.model_delete, name="model.delete"),
]

award_patterns = [
    path("", awards.decision_list, name="decision.list"),
    path("new/", awards.decision_edit, name="decision.create"),
    path("export.<str:fmt>", awards.export_awards, name="award.export"),
    path(
        "festival/<int:festival_pk>/tributes/", awards.festival_tributes, name="festival.tributes"
    ),
    path("<int:pk>/", awards.decision_detail, name="decision.detail"),
    path("<int:pk>/edit/", awards.decision_edit, name="decision.edit"),
    path("<int:pk>/delete/", awards.decision_delete, name="decision.delete"),
    path("<int:pk>/print/", awards.decision_print, name="decision.print"),
    path("<int:pk>/import/", awards.import_awards, name="decision.import"),
    path("<int:pk>/import/template.xlsx", awards.import_template, name="decision.import_template"),
]

job_patterns = [
    path("<uuid:pk>/", jobs.job_detail, name="job.detail"),
    path("<uuid:pk>/status/", jobs.job_status, name="job.status"),
    path("<uuid:pk>/download/", jobs.job_download, name="job.download"),
]

unit_patterns = [
    path("", units.unit_list, name="unit.list"),
    path("picker/", units.unit_picker, name="unit.picker"),
    path("<int:pk>/", units.unit_detail, name="unit.detail"),
]

notification_patterns = [
    path("", notifications.notification_list, name="notification.list"),
    path("read/", notifications.notifications_read_all, name="notification.read_all"),
    path("mail/", notifications.notification_preferences, name="notification.preferences"),
    path("<int:pk>/", notifications.notification_open, name="notification.open"),
]

urlpatterns = [
    path("", include(([path("", dashboard.dashboard, name="dashboard")], "manage"))),
    path("units/", include((unit_patterns, "units"))),
    # Before the festival patterns, whose "<pk>/<action>/" would otherwise take ".../photos/".
    path("festivals/<int:festival_pk>/photos/", include((photo_patterns, "photos"))),
    path("festivals/", include((festival_patterns, "events"))),
    path("models/", include((model_patterns, "movements"))),
    path("awards/", include((award_patterns, "awards"))),
    path("notifications/", include((notification_patterns, "notifications"))),
    path("jobs/", include((job_patterns, "jobs"))),
]
