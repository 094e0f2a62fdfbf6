import pytest
from django.contrib.auth import get_user_model

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import MASK, mask_changes, record
from vsoko.audit.models import AuditEntry


def test_mask_changes_hides_sensitive_values_and_keeps_the_rest():
    masked = mask_changes({"health_group": (2, 3), "last_name": ("Иванов", "Петров"), "ovz": (None, True)})

    assert masked == {"health_group": [MASK, MASK], "last_name": ["Иванов", "Петров"], "ovz": [None, MASK]}


@pytest.mark.django_db
def test_record_keeps_who_what_and_where(rf):
    user = get_user_model().objects.create_user("deputy", password="deputy")
    request = rf.get("/", REMOTE_ADDR="10.0.0.7")

    entry = record(user=user, action=AuditAction.VIEW_PERSON, object_type="student", object_id=42, request=request)

    assert (entry.username, entry.action, entry.object_id, entry.ip) == ("deputy", "view_person", "42", "10.0.0.7")


@pytest.mark.django_db
def test_failed_login_is_logged_without_password(client):
    get_user_model().objects.create_user("director", password="right-password")

    client.post("/login/", {"username": "director", "password": "wrong"})
    from django.contrib.auth import authenticate

    authenticate(username="director", password="wrong")

    entry = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).first()
    assert entry is not None
    assert entry.details == {"username": "director"}
    assert "wrong" not in str(entry.details)
