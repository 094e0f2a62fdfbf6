"""Catalogs of indicators (docs/indicators.md): shipped ones from YAML, and a school's own.

An indicator's definition is data; every change of definition raises its version
and keeps the previous one in IndicatorVersion, so a series of values that crosses
a change can be flagged.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vsoko.indicators import source
from vsoko.indicators.enums import Direction, Method, Periodicity, Unit
from vsoko.records.models import OrgUnit, SchoolYear


class Catalog(models.Model):
    code = models.CharField("код", max_length=50, unique=True)
    name = models.CharField("название", max_length=300)
    document = models.CharField("документ", max_length=500, blank=True)
    description = models.TextField("описание", blank=True)
    # A school's own catalog (its adapted copy or own indicators); empty for shipped catalogs.
    school = models.ForeignKey(OrgUnit, verbose_name="школа", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="own_catalogs")
    source_file = models.CharField("файл", max_length=200, blank=True)

    class Meta:
        verbose_name = "каталог показателей"
        verbose_name_plural = "каталоги показателей"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def document_title(self) -> str:
        """The document as people read it: without a reference to a file of the specification."""
        return source.document_title(self.document)


class Indicator(models.Model):
    catalog = models.ForeignKey(Catalog, verbose_name="каталог", on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField("код", max_length=120, unique=True)
    name = models.CharField("название", max_length=500)
    text = models.TextField("текст документа", blank=True)
    document = models.CharField("документ", max_length=500, blank=True)
    section = models.CharField("раздел", max_length=500, blank=True)
    item = models.CharField("пункт", max_length=500, blank=True)
    group = models.CharField("группа", max_length=500, blank=True)
    criterion = models.CharField("критерий", max_length=1000, blank=True)
    unit = models.CharField("единица", max_length=20, choices=Unit.choices)
    unit_label = models.CharField("подпись единицы", max_length=100, blank=True)
    direction = models.CharField("направление", max_length=10, choices=Direction.choices, default=Direction.NONE)
    method = models.CharField("способ получения", max_length=10, choices=Method.choices)
    formula = models.TextField("формула", blank=True)
    breakdowns = models.JSONField("разрезы", default=list, blank=True)
    total = models.BooleanField("значение по организации в целом", default=True)
    periodicity = models.CharField("периодичность", max_length=20, choices=Periodicity.choices,
                                   default=Periodicity.YEAR)
    periodicity_text = models.CharField("периодичность (текст документа)", max_length=500, blank=True)
    collection = models.TextField("способ сбора", blank=True)
    responsible = models.CharField("ответственный", max_length=500, blank=True)
    targets = models.JSONField("целевые значения", default=dict, blank=True)
    explanation = models.TextField("формула словами", blank=True)
    position = models.PositiveIntegerField("порядок", default=0)
    version = models.PositiveIntegerField("версия", default=1)
    definition_hash = models.CharField("хеш определения", max_length=64)
    retired = models.BooleanField("исключён из каталога", default=False)

    class Meta:
        verbose_name = "показатель"
        verbose_name_plural = "показатели"
        ordering = ["catalog", "position"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def document_title(self) -> str:
        """The document as people read it: without a reference to a file of the specification."""
        return source.document_title(self.document)

    @property
    def source_is_russian(self) -> bool:
        """False for a source text in another language (the English specification of the core
        indicators): the pages then lead with the Russian explanation and the group."""
        return source.is_russian(self.text)


class IndicatorVersion(models.Model):
    """A definition an indicator had; `since_year` is the school year in which it took effect."""

    indicator = models.ForeignKey(Indicator, verbose_name="показатель", on_delete=models.CASCADE,
                                  related_name="versions")
    version = models.PositiveIntegerField("версия")
    definition = models.JSONField("определение")
    definition_hash = models.CharField("хеш определения", max_length=64)
    since_year = models.PositiveSmallIntegerField("действует с учебного года")
    created_at = models.DateTimeField("создана", auto_now_add=True)

    class Meta:
        verbose_name = "версия показателя"
        verbose_name_plural = "версии показателей"
        ordering = ["indicator", "version"]
        constraints = [models.UniqueConstraint(fields=["indicator", "version"], name="indicatorversion_unique")]

    def __str__(self) -> str:
        return f"{self.indicator_id} v{self.version}"


class SchoolCatalog(models.Model):
    """A catalog a school uses; `is_basis` marks the one its own catalog is based on."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="catalogs")
    catalog = models.ForeignKey(Catalog, verbose_name="каталог", on_delete=models.CASCADE)
    is_basis = models.BooleanField("основа каталога школы", default=False)

    class Meta:
        verbose_name = "каталог школы"
        verbose_name_plural = "каталоги школы"
        constraints = [models.UniqueConstraint(fields=["school", "catalog"], name="schoolcatalog_unique")]

    def __str__(self) -> str:
        return f"{self.school_id}: {self.catalog_id}"


class Target(models.Model):
    """A school's target for an indicator in a year (overrides the catalog's `targets`)."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE)
    indicator = models.ForeignKey(Indicator, verbose_name="показатель", on_delete=models.CASCADE,
                                  related_name="school_targets")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    value = models.DecimalField("целевое значение", max_digits=14, decimal_places=4)

    class Meta:
        verbose_name = "целевое значение"
        verbose_name_plural = "целевые значения"
        constraints = [models.UniqueConstraint(fields=["school", "indicator", "year"], name="target_unique")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year_id}: {self.value}"


class Evidence(models.Model):
    """A file confirming a manually entered value (an order, a protocol, a scan): one per school, year and
    indicator. Kept in the database, so `vsoko backup` keeps it with the value it confirms."""

    school = models.ForeignKey(OrgUnit, verbose_name="школа", on_delete=models.CASCADE, related_name="evidence")
    year = models.ForeignKey(SchoolYear, verbose_name="учебный год", on_delete=models.PROTECT)
    indicator = models.CharField("показатель", max_length=120)
    name = models.CharField("имя файла", max_length=255)
    content = models.BinaryField("содержимое")
    size = models.PositiveIntegerField("размер, байт")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="загрузил", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField("загружен", auto_now=True)

    class Meta:
        verbose_name = "подтверждающий документ"
        verbose_name_plural = "подтверждающие документы"
        constraints = [models.UniqueConstraint(fields=["school", "year", "indicator"], name="evidence_unique")]

    def __str__(self) -> str:
        return self.name
