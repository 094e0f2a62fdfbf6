from django.urls import path

from vsoko.preschool import views

app_name = "preschool"
urlpatterns = [
    path("", views.index, name="index"),
    path("report.docx", views.report, name="report"),
    path("conclusion/", views.conclusion, name="conclusion"),
    path("groups/new/", views.group_edit, name="group_new"),
    path("groups/<int:pk>/", views.group, name="group"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
]
