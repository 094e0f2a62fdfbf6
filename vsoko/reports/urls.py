from django.urls import path

from vsoko.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("self-exam/texts/", views.self_exam_texts, name="self_exam_texts"),
    path("<str:kind>.<str:fmt>", views.download, name="download"),
]
