from django.urls import path

from vsoko.schedule import views

app_name = "schedule"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.edit, name="new"),
    path("grade/", views.grade, name="grade"),
    path("hours/", views.hours, name="hours"),
    path("export/<str:fmt>/", views.export, name="export"),
    path("<int:pk>/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
