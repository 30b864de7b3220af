from django.urls import path, re_path

from stats import views

app_name = "stats"

urlpatterns = [
    path("", views.index, name="index"),
    re_path(r"^(?P<table>[a-z0-9-]+)\.(?P<fmt>csv|xlsx)$", views.download, name="download"),
]
