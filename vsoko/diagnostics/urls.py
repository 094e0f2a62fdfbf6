from django.urls import path

from vsoko.diagnostics import views

app_name = "diagnostics"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("procedure/<slug:code>/", views.procedure, name="procedure"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/template.xlsx", views.template, name="template"),
    path("<int:pk>/upload/", views.upload, name="upload"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
