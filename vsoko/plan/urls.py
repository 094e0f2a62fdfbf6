from django.urls import path

from vsoko.plan import views

app_name = "plan"
urlpatterns = [
    path("", views.index, name="index"),
    path("draft/", views.draft, name="draft"),
    path("carry-over/", views.carry_over, name="carry_over"),
    path("approve/", views.approve, name="approve"),
    path("lift/", views.lift, name="lift"),
    path("review/", views.review, name="review"),
    path("new/", views.edit, name="new"),
    path("<int:pk>/", views.edit, name="edit"),
    path("<int:pk>/done/", views.mark_done, name="done"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
