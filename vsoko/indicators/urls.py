from django.urls import path

from vsoko.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("entry/", views.entry, name="entry"),
    path("<str:code>/", views.indicator, name="detail"),
]
