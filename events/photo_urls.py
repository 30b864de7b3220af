"""A festival's photos and documents, mounted at /manage/festivals/<int:festival_pk>/photos/."""

from django.urls import path

from events.views import photos

app_name = "photos"

urlpatterns = [
    path("", photos.photo_list, name="photo.list"),
    path("upload/", photos.photo_upload, name="photo.upload"),
    path("reorder/", photos.photo_reorder, name="photo.reorder"),
    path("<int:pk>/", photos.photo_update, name="photo.update"),
    path("<int:pk>/delete/", photos.photo_delete, name="photo.delete"),
    path("documents/", photos.document_upload, name="document.upload"),
    path("documents/<int:pk>/delete/", photos.document_delete, name="document.delete"),
]
