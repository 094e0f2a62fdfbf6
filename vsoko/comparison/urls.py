from django.urls import path

from vsoko.comparison import views

app_name = "comparison"
urlpatterns = [
    path("", views.index, name="index"),
    path("collection/", views.collection_page, name="collection"),
    path("objectivity/", views.objectivity_page, name="objectivity"),
    path("municipal.<str:fmt>", views.municipal_report, name="municipal_report"),
]
