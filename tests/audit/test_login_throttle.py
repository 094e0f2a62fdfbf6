import pytest
from django.contrib.auth import authenticate, get_user_model


@pytest.mark.django_db
def test_login_is_refused_after_five_failures_even_with_the_right_password(rf, settings):
    settings.VSOKO_LOGIN_MAX_FAILURES = 5
    get_user_model().objects.create_user("deputy", password="correct-horse")
    request = rf.post("/login/", REMOTE_ADDR="10.1.1.1")

    for _ in range(4):
        assert authenticate(request, username="deputy", password="wrong") is None
    assert authenticate(request, username="deputy", password="correct-horse") is not None
    assert authenticate(request, username="deputy", password="wrong") is None

    assert authenticate(request, username="deputy", password="correct-horse") is None


@pytest.mark.django_db
def test_failures_from_one_address_throttle_other_logins_from_it(rf, settings):
    settings.VSOKO_LOGIN_MAX_FAILURES = 3
    get_user_model().objects.create_user("teacher", password="correct-horse")
    attacker = rf.post("/login/", REMOTE_ADDR="10.9.9.9")
    colleague = rf.post("/login/", REMOTE_ADDR="10.2.2.2")

    for name in ("a", "b", "c"):
        authenticate(attacker, username=name, password="x")

    assert authenticate(attacker, username="teacher", password="correct-horse") is None
    assert authenticate(colleague, username="teacher", password="correct-horse") is not None
