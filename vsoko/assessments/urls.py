"""/assessments/import/… and /assessments/scales/…; the section's own front page stays with its owner."""

from django.urls import path

from vsoko.assessments import views

app_name = "assessments"
urlpatterns = [
    path("import/", views.import_start, name="import_start"),
    path("import/codes/", views.import_codes, name="import_codes"),
    path("import/<int:pk>/", views.import_review, name="import_review"),
    path("import/<int:pk>/details/", views.import_details, name="import_details"),
    path("import/<int:pk>/columns/", views.import_columns, name="import_columns"),
    path("import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("import/<int:pk>/run/", views.import_run, name="import_run"),
    path("scales/", views.scale_list, name="scale_list"),
    path("scales/<int:pk>/", views.scale_edit, name="scale_edit"),
]
