from django.urls import path

from vsoko.support import views

app_name = "support"
urlpatterns = [
    path("", views.index, name="index"),
    path("open/", views.open_case, name="open"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/delete/", views.case_delete, name="delete"),
    path("<int:case_pk>/measures/new/", views.measure_edit, name="measure_new"),
    path("measures/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path("measures/<int:pk>/done/", views.measure_done, name="measure_done"),
    path("measures/<int:pk>/delete/", views.measure_delete, name="measure_delete"),
]
