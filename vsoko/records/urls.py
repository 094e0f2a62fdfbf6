from django.urls import path

from vsoko.records import views

app_name = "records"
urlpatterns = [
    path("", views.board, name="approval"),
    path("change/", views.change, name="approval_change"),
]
