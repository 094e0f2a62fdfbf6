from django.urls import path

from vsoko.schedule import views

app_name = "schedule"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.edit, name="new"),
    path("grade/", views.grade, name="grade"),
    path("hours/", views.hours, name="hours"),
    path("holidays/", views.holidays, name="holidays"),
    path("holidays/typical/", views.holidays_typical, name="holidays_typical"),
    path("holidays/<int:pk>/", views.holiday_edit, name="holiday_edit"),
    path("holidays/<int:pk>/delete/", views.holiday_delete, name="holiday_delete"),
    path("export/<str:fmt>/", views.export, name="export"),
    path("<int:pk>/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
