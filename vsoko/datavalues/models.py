"""The data-value store: additive counts and sums per org unit × year × period × breakdown × code.

See docs/data-values.md. Values from records are written per school; any higher
level is a sum computed when read, so every indicator is a ratio of sums.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from vsoko.datavalues.enums import Source
from vsoko.records.enums import Period
from vsoko.records.models import OrgUnit, SchoolYear


class DataValue(models.Model):
    # No foreign-key constraints in the database: PostgreSQL checks one by a query per inserted row at commit,
    # 83 thousand queries for a school's first recomputation (a sixth of its time). Django still cascades
    # a school's deletion to its values and refuses to delete a year that has values (on_delete works in
    # Python, not by the constraint); only the recomputation writes these rows, with ids it has just read.
    org_unit = models.ForeignKey(OrgUnit, verbose_name="организация", on_delete=models.CASCADE, related_name="data_values",
                                 db_constraint=False)
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT, db_constraint=False)
    # NULL = the whole year, distinct from the period «год» of period marks.
    period = models.CharField("период", max_length=10, choices=Period.choices, null=True, blank=True)  # noqa: DJ001
    code = models.CharField("код", max_length=120)
    # Canonical breakdown: dimension names sorted, "grade=9|subject=математика"; "" = no breakdown.
    key = models.CharField("разрез", max_length=400, blank=True, default="")
    breakdown = models.JSONField("разрез (JSON)", default=dict, blank=True)
    value = models.DecimalField("значение", max_digits=20, decimal_places=6)
    source = models.CharField("источник", max_length=20, choices=Source.choices, default=Source.COMPUTED)

    class Meta:
        verbose_name = "значение данных"
        verbose_name_plural = "значения данных"
        indexes = [models.Index(fields=["org_unit", "year", "code"], name="datavalue_unit_year_code")]
        constraints = [
            # period is nullable (the whole year); two partial indexes keep rows unique on both databases.
            models.UniqueConstraint(
                fields=["org_unit", "year", "code", "key", "source"],
                condition=Q(period__isnull=True), name="datavalue_unique_year",
            ),
            models.UniqueConstraint(
                fields=["org_unit", "year", "period", "code", "key", "source"],
                condition=Q(period__isnull=False), name="datavalue_unique_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}[{self.key}] {self.year_id} = {self.value}"


class RecomputeRequest(models.Model):
    """A school's year whose values are to be recomputed by the task worker (vsoko.datavalues.refresh).

    Many answers arriving within seconds share one row, and so one recomputation: `version`
    grows with each request, and the worker removes the row only if no request came while it ran.
    """

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="+")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField("запросов", default=0)

    class Meta:
        verbose_name = "запрос пересчёта"
        verbose_name_plural = "запросы пересчёта"
        constraints = [models.UniqueConstraint(fields=["school", "year"], name="recomputerequest_unique")]


class DataGeneration(models.Model):
    """The generation of a school's data values: a random token, new each time they are rewritten
    (vsoko.datavalues.generation). What is derived from the values is kept under it."""

    school = models.OneToOneField(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, primary_key=True,
                                  related_name="+")
    token = models.CharField("поколение", max_length=32)

    class Meta:
        verbose_name = "поколение данных"
        verbose_name_plural = "поколения данных"

    def __str__(self) -> str:
        return f"{self.school_id}: {self.token}"
