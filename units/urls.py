from django.urls import path

from units import views

app_name = "units"

urlpatterns = [
    path("", views.unit_list, name="unit.list"),
    path("picker/", views.unit_picker, name="unit.picker"),
    path("<int:pk>/", views.unit_detail, name="unit.detail"),
]
