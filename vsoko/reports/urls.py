from django.urls import path

from vsoko.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:kind>.<str:fmt>", views.download, name="download"),
]
