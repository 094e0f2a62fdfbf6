"""The answering pages, without login: short addresses, typed from a printed sheet or read from its QR code."""

from django.urls import path

from vsoko.surveys import views

app_name = "survey_form"
urlpatterns = [
    path("<str:token>/", views.respond, name="respond"),
    path("<str:token>/thanks/", views.thanks, name="thanks"),
]
