from django.urls import path

from vsoko.teaching import views

app_name = "teaching"
urlpatterns = [
    path("", views.index, name="index"),
    path("transfer/", views.transfer, name="transfer"),
    path("upload/", views.upload, name="upload"),
    path("template/", views.template, name="template"),
]
