from django.urls import path

from vsoko.progress import attestation_views, views

app_name = "progress"
urlpatterns = [
    path("", views.index, name="index"),
    path("attestation/", attestation_views.index, name="attestation"),
    path("classes/<int:pk>/", views.school_class, name="class"),
    path("classes/<int:pk>/sheets.docx", views.pupil_sheets, name="pupil_sheets"),
    path("classes/<int:pk>/parents.docx", views.parents_sheet, name="parents"),
]
