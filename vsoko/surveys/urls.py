from django.urls import path

from vsoko.surveys import views

app_name = "surveys"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("answers/<str:questionnaire>/", views.summary, name="summary"),
    path("answers/<str:questionnaire>/excel/", views.summary_xlsx, name="summary_xlsx"),
    path("recompute/<int:year>/", views.recompute_progress, name="recompute_progress"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/class-links/", views.class_links, name="class_links"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/dates/", views.dates, name="dates"),
    path("<int:pk>/links/<int:link>/print/", views.flyer, name="flyer"),
    path("<int:pk>/print/", views.flyers, name="flyers"),
]
