from django.urls import path

from vsoko.reports import mo_year_views, oo1_views, procedure_views, views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("self-exam/texts/", views.self_exam_texts, name="self_exam_texts"),
    path("public/texts/", views.public_texts, name="public_texts"),
    path("procedure/<int:pk>.docx", procedure_views.procedure_docx, name="procedure_docx"),
    path("procedure/<int:pk>/conclusions/", procedure_views.conclusions, name="procedure_conclusions"),
    path("mo/year.docx", mo_year_views.mo_year_docx, name="mo_year"),
    path("oo1/", oo1_views.page, name="oo1"),
    path("oo1/draft.xlsx", oo1_views.download, name="oo1_xlsx"),
    path("<str:kind>.<str:fmt>", views.download, name="download"),
]
