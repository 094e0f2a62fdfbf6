from django.urls import path

from vsoko.observations import views

app_name = "observations"
urlpatterns = [
    path("", views.index, name="index"),
    path("summary/", views.summary_page, name="summary"),
    path("export/", views.export, name="export"),
    path("new/", views.edit, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
