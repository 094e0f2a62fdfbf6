from django.urls import path

from vsoko.oversight import views

app_name = "oversight"
urlpatterns = [
    path("", views.index, name="index"),
    path("credentials/new/", views.credential_edit, name="credential_new"),
    path("credentials/<int:pk>/", views.credential_edit, name="credential_edit"),
    path("credentials/<int:pk>/delete/", views.credential_delete, name="credential_delete"),
    path("inspections/", views.inspections, name="inspections"),
    path("inspections/new/", views.inspection_edit, name="inspection_new"),
    path("inspections/<int:pk>/", views.inspection_edit, name="inspection_edit"),
    path("inspections/<int:pk>/delete/", views.inspection_delete, name="inspection_delete"),
    path("inspections/<int:inspection_pk>/findings/new/", views.finding_edit, name="finding_new"),
    path("findings/<int:pk>/", views.finding_edit, name="finding_edit"),
    path("findings/<int:pk>/delete/", views.finding_delete, name="finding_delete"),
    path("noko/", views.noko, name="noko"),
    path("noko/new/", views.noko_edit, name="noko_new"),
    path("noko/<int:pk>/", views.noko_edit, name="noko_edit"),
    path("noko/<int:pk>/delete/", views.noko_delete, name="noko_delete"),
    path("noko/<int:result_pk>/measures/new/", views.measure_edit, name="measure_new"),
    path("measures/<int:pk>/", views.measure_edit, name="measure_edit"),
    path("measures/<int:pk>/delete/", views.measure_delete, name="measure_delete"),
    path("experts/", views.experts, name="experts"),
    path("experts/new/", views.expert_edit, name="expert_new"),
    path("experts/<int:pk>/", views.expert_edit, name="expert_edit"),
    path("experts/<int:pk>/delete/", views.expert_delete, name="expert_delete"),
    path("experts/<int:expert_pk>/participations/new/", views.participation_edit, name="participation_new"),
    path("participations/<int:pk>/", views.participation_edit, name="participation_edit"),
    path("participations/<int:pk>/delete/", views.participation_delete, name="participation_delete"),
]
