"""«Объединить предметы» (/data/subjects/merge/), ahead of the «Данные» section's own paths (vsoko/urls.py)."""

from django.urls import path

from vsoko.records import views

app_name = "subject_merge"
urlpatterns = [
    path("", views.merge_subjects, name="page"),
    path("progress/", views.merge_progress, name="progress"),
]
