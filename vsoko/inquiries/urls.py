from django.urls import path

from vsoko.inquiries import views

app_name = "inquiries"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/remind/", views.remind, name="remind"),
    path("answers/<int:pk>/", views.answer, name="answer"),
    path("answers/<int:pk>/return/", views.return_view, name="return"),
]
