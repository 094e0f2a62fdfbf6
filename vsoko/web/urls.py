"""The shell: login, overview, classes, students, staff, and placeholders for unbuilt sections.

vsoko/urls.py includes these last, so a section's own app (indicators/, data/, …)
answers its path as soon as it routes it; the placeholders here are the fallback.
"""

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import LogoutView
from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from vsoko.web.navigation import SECTIONS
from vsoko.web.views import overview, people, school, shell, staff_development, users

app_name = "web"
urlpatterns = [
    path("login/", shell.LoginView.as_view(), name="login"),
    # Browsers ask for /favicon.ico whatever the page links; the icon is the static SVG.
    path("favicon.ico", login_not_required(RedirectView.as_view(url=static("web/favicon.svg"), permanent=True)),
         name="favicon"),
    # POST only (Django's default): the header holds the form.
    path("logout/", LogoutView.as_view(), name="logout"),
    path("year/", shell.set_year, name="set_year"),
    path("", overview.overview, name="overview"),
    path("classes/", people.class_list, name="class_list"),
    path("classes/<int:pk>/", people.class_detail, name="class_detail"),
    path("students/", people.student_list, name="student_list"),
    path("students/<int:pk>/", people.student_detail, name="student_detail"),
    path("staff/", people.staff_list, name="staff_list"),
    path("staff/<int:pk>/", people.staff_detail, name="staff_detail"),
    path("staff/development/", staff_development.staff_development, name="staff_development"),
    path("staff/development/<str:fmt>/", staff_development.staff_development_download,
         name="staff_development_download"),
    path("school/", school.school_details, name="school_details"),
    path("password/", users.own_password, name="password_change"),
    path("users/", users.user_list, name="user_list"),
    path("users/grant/", users.user_grant, name="user_grant"),
    path("users/roles/<int:pk>/revoke/", users.membership_revoke, name="membership_revoke"),
    path("users/<int:pk>/password/", users.user_password, name="user_password"),
    path("users/<int:pk>/active/", users.user_active, name="user_active"),
    *[
        path(section.path.lstrip("/"), shell.placeholder, {"key": section.key}, name=f"section_{section.key}")
        for section in SECTIONS
        if section.path != "/"
    ],
]
