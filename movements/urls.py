from django.urls import path

from movements.views import manage

app_name = "movements"

urlpatterns = [
    path("", manage.model_list, name="model.list"),
    path("new/", manage.model_edit, name="model.create"),
    path("<int:pk>/", manage.model_detail, name="model.detail"),
    path("<int:pk>/edit/", manage.model_edit, name="model.edit"),
    path("<int:pk>/status/", manage.model_status, name="model.status"),
    path("<int:pk>/delete/", manage.model_delete, name="model.delete"),
]
