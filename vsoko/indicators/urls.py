from django.urls import path

from vsoko.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("entry/", views.entry, name="entry"),
    path("settings/", views.settings, name="settings"),
    path("settings/own/", views.own_indicator, name="own_new"),
    path("settings/own/<str:code>/", views.own_indicator, name="own_edit"),
    path("settings/targets/", views.targets, name="targets"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    path("<str:code>/", views.indicator, name="detail"),
]
