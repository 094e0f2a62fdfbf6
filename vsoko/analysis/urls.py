"""/assessments/ itself and the analysis pages; vsoko.assessments answers import/… and scales/… first."""

from django.urls import path

from vsoko.analysis import views

app_name = "analysis"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.assessment, name="assessment"),
    path("<int:pk>/benchmarks/", views.benchmarks, name="benchmarks"),
    path("grades/<int:grade>/", views.grade, name="grade"),
    path("classes/<int:pk>/", views.school_class, name="class"),
    path("subjects/<int:pk>/", views.subject, name="subject"),
    path("teachers/<int:pk>/", views.teacher, name="teacher"),
    path("dynamics/", views.dynamics, name="dynamics"),
    path("context/", views.social_context, name="context"),
]
