from django.urls import path

from vsoko.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.log_page, name="log"),
    path("export.<str:fmt>", views.export, name="export"),
]
