from django.urls import path

from movements.views import public

app_name = "models"

urlpatterns = [
    path("", public.model_list, name="model.list"),
    path("<int:pk>/", public.model_detail, name="model.detail"),
]
