from django.urls import include, path

urlpatterns = [
    path("audit/", include("vsoko.audit.urls")),
    # Above data/: the approval page lives inside the «Данные» section.
    path("data/approval/", include("vsoko.records.urls")),
    path("data/load/", include("vsoko.teaching.urls")),
    path("data/", include("vsoko.imports.urls")),
    path("indicators/", include("vsoko.indicators.urls")),
    path("assessments/", include("vsoko.assessments.urls")),
    # The same prefix: the analysis pages, /assessments/ itself included (vsoko.analysis).
    path("assessments/", include("vsoko.analysis.urls")),
    path("reports/", include("vsoko.reports.urls")),
    path("surveys/", include("vsoko.surveys.urls")),
    path("plan/", include("vsoko.plan.urls")),
    path("schedule/", include("vsoko.schedule.urls")),
    path("decisions/", include("vsoko.decisions.urls")),
    path("observations/", include("vsoko.observations.urls")),
    path("compare/", include("vsoko.comparison.urls")),
    path("progress/", include("vsoko.progress.urls")),
    path("attendance/", include("vsoko.attendance.urls")),
    path("support/", include("vsoko.support.urls")),
    path("diagnostics/", include("vsoko.diagnostics.urls")),
    path("rating/", include("vsoko.rating.urls")),
    path("preschool/", include("vsoko.preschool.urls")),
    path("oversight/", include("vsoko.oversight.urls")),
    path("inquiries/", include("vsoko.inquiries.urls")),
    path("siteaudit/", include("vsoko.siteaudit.urls")),
    path("s/", include("vsoko.surveys.answer_urls")),
    # Last: the shell's placeholder pages answer only the section paths no app routes yet.
    path("", include("vsoko.web.urls")),
]
