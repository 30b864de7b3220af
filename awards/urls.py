from django.urls import path

from awards import views

app_name = "awards"

urlpatterns = [
    path("", views.decision_list, name="decision.list"),
    path("new/", views.decision_edit, name="decision.create"),
    path("export.<str:fmt>", views.export_awards, name="award.export"),
    path("festival/<int:festival_pk>/tributes/", views.festival_tributes, name="festival.tributes"),
    path("<int:pk>/", views.decision_detail, name="decision.detail"),
    path("<int:pk>/edit/", views.decision_edit, name="decision.edit"),
    path("<int:pk>/delete/", views.decision_delete, name="decision.delete"),
    path("<int:pk>/print/", views.decision_print, name="decision.print"),
    path("<int:pk>/import/", views.import_awards, name="decision.import"),
    path("<int:pk>/import/template.xlsx", views.import_template, name="decision.import_template"),
]
