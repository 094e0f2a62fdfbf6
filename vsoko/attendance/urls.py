from django.urls import path

from vsoko.attendance import views

app_name = "attendance"
urlpatterns = [
    path("", views.index, name="index"),
    path("upload/", views.upload, name="upload"),
    path("template/", views.template, name="template"),
]
