from django.urls import path

from vsoko.preschool import views

app_name = "preschool"
urlpatterns = [
    path("", views.index, name="index"),
    path("report.docx", views.report, name="report"),
    path("overview.xlsx", views.export, name="export"),
    path("municipality/", views.municipality, name="municipality"),
    path("municipality.xlsx", views.municipality_export, name="municipality_export"),
    path("conclusion/", views.conclusion, name="conclusion"),
    path("groups/new/", views.group_edit, name="group_new"),
    path("groups/copy/", views.group_copy, name="group_copy"),
    path("groups/<int:pk>/", views.group, name="group"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path("groups/<int:pk>/delete/", views.group_delete, name="group_delete"),
]
