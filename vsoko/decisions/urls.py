from django.urls import path

from vsoko.decisions import views

app_name = "decisions"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.edit, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/order/", views.order, name="order"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
