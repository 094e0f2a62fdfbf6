from django.urls import path

from vsoko.siteaudit import views

app_name = "siteaudit"
urlpatterns = [
    path("", views.index, name="index"),
    path("schools/", views.municipality, name="municipality"),
    path("new/", views.edit, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/act.<str:fmt>", views.act, name="act"),
    path("check/<uuid:token>/", views.check, name="check"),
    path("check/<uuid:token>/progress.json", views.check_progress, name="check_progress"),
]
