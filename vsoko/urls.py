from django.urls import include, path

urlpatterns = [
    path("", include("vsoko.web.urls")),
    path("data/", include("vsoko.imports.urls")),
    path("indicators/", include("vsoko.indicators.urls")),
]
