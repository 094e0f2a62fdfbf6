"""Who sees what of a diagnostic: counts of the classes one may see for every role of the school (the
observer's with small groups hidden, vsoko.diagnostics.summary); a pupil's level — and entering it — for
the school-wide roles and the class's own class teacher; for a health procedure only with the
permission for sensitive categories as well; for a confidential one (the СПТ, `levels_published: false`) only the
school-wide roles with that permission — its class teacher no more than its subject teachers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from vsoko.accounts import permissions
from vsoko.diagnostics.models import Diagnostic
from vsoko.diagnostics.summary import scope_for

READERS_ONLY = "Диагностики обучающихся видят работники школы и наблюдатель муниципалитета."
KEEPERS_ONLY = ("Уровни обучающихся вводят администрация школы и классный руководитель своего класса; "
                "вам доступны только сводные данные.")


def sees_levels(user, diagnostic: Diagnostic) -> bool:
    """Whether the user sees (and enters) the pupils' individual levels of this diagnostic."""
    spec = diagnostic.spec
    if spec is not None and spec.sensitive and not permissions.can_see_sensitive(user, diagnostic.school):
        return False
    if spec is not None and not spec.levels_published and not permissions.can_see_confidential_diagnostics(
            user, diagnostic.school):
        return False
    return permissions.classes_with_diagnostic_levels_for(user, diagnostic.year_id).filter(
        pk=diagnostic.school_class_id).exists()


def readable(user, pk: int) -> Diagnostic:
    """A diagnostic of a class whose counts the user sees: 403 for users without a role, 404 outside."""
    if not permissions.can_view_diagnostics(user):
        raise PermissionDenied(READERS_ONLY)
    diagnostic = get_object_or_404(Diagnostic.objects.select_related("school", "school_class", "conducted_by"),
                                   pk=pk, school__in=permissions.schools_for(user))
    scope = scope_for(user, diagnostic.school)
    if not scope.classes(user, [diagnostic.year_id]).filter(pk=diagnostic.school_class_id).exists():
        raise Http404
    return diagnostic


def editable(user, pk: int) -> Diagnostic:
    diagnostic = readable(user, pk)
    if not (permissions.can_edit_diagnostics(user, diagnostic.school) and sees_levels(user, diagnostic)):
        raise PermissionDenied(KEEPERS_ONLY)
    return diagnostic
