from django.urls import path

from vsoko.imports import views
from vsoko.records import views as records_views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("template.xlsx", views.template, name="template"),
    path("runs/<uuid:token>/", views.run_detail, name="run"),
    path("runs/<uuid:token>/confirm/", views.confirm, name="confirm"),
    path("runs/<uuid:token>/progress.json", views.progress, name="progress"),
    path("runs/<uuid:token>/errors.xlsx", views.errors, name="errors"),
    # «Объединить предметы» lives in vsoko.records (subject_merge); the «Данные» section only gives it its address.
    path("subjects/merge/", records_views.merge_subjects, name="merge_subjects"),
    path("subjects/merge/progress/", records_views.merge_progress, name="merge_subjects_progress"),
]
