"""The extractor registry: which data-value codes exist, their dimensions, and who computes them.

One registry per extension point: an extractor module in vsoko/datavalues/extractors/
declares its codes and the models it reads with `@extractor(codes=[Code(...)], reads=(Model, ...),
present=...)`; every module of that package is imported by `load_extractors()`. See docs/data-values.md.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import Model

from vsoko.records import enums

CODE_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$")


@dataclass(frozen=True)
class Dim:
    name: str
    label: str
    # A derived dimension is not stored: its value comes from another dimension's value.
    derived_from: str | None = None
    derive: Callable[[str], str | None] | None = None
    # Stored value -> how the interface names it («excellent» -> «на «отлично»»); others are shown as stored.
    values: Mapping[str, str] = field(default_factory=dict)


def grade_band(grade: str) -> str | None:
    """Level of education of a grade: 1-4, 5-9, 10-11."""
    try:
        g = int(grade)
    except (TypeError, ValueError):
        return None
    if 1 <= g <= 4:
        return "1-4"
    if 5 <= g <= 9:
        return "5-9"
    if 10 <= g <= 11:
        return "10-11"
    return None


DIMS: dict[str, Dim] = {}


def register_dim(name: str, label: str, *, derived_from: str | None = None,
                 derive: Callable[[str], str | None] | None = None, values: Mapping[str, str] | None = None) -> Dim:
    if name in DIMS:
        raise ValueError(f"dimension {name!r} is registered twice")
    DIMS[name] = Dim(name, label, derived_from, derive, dict(values or {}))
    return DIMS[name]


def value_text(dim: str, value: str) -> str:
    """A dimension's value as the interface shows it: its Russian name where the value is a code."""
    known = DIMS.get(dim)
    return known.values.get(value, value) if known else value


def breakdown_text(breakdown: Iterable[tuple[str, str]]) -> str:
    """«параллель: 9, итог годовой аттестации: на «отлично»» for the interface (exports keep the codes)."""
    return ", ".join(f"{DIMS[d].label if d in DIMS else d}: {value_text(d, v)}" for d, v in breakdown)


YES_NO = {"yes": "да", "no": "нет"}
ATTESTATION = {
    "excellent": "на «отлично»", "good": "на «4» и «5»", "satisfactory": "с «3»",
    "failing": "неуспевающие (есть «2», «н/а» или «незачет»)", "none": "без годовых отметок",
}
JOURNAL_RELATION = {"lowered": "понизили", "confirmed": "подтвердили", "raised": "повысили"}
# The satisfaction scale of the surveys: an answer is stored as its code (surveys extractor, core.py).
SATISFACTION_ANSWERS = {
    "satisfied_full": "полностью удовлетворен", "satisfied_rather": "скорее удовлетворен",
    "dissatisfied_rather": "скорее не удовлетворен", "dissatisfied_full": "не удовлетворен",
    "unsure": "затрудняюсь ответить",
}


for _name, _label, _values in [
    ("grade", "параллель", None), ("period", "период", dict(enums.Period.choices)), ("sex", "пол", dict(enums.Sex.choices)),
    ("outcome", "итог года", dict(enums.Outcome.choices)), ("certificate", "аттестат", dict(enums.Certificate.choices)),
    ("gia_admitted", "допуск к ГИА", YES_NO), ("ovz", "ОВЗ", YES_NO), ("disability", "инвалидность", YES_NO),
    ("in_ce", "в контингенте на конец года", YES_NO), ("attestation", "итог годовой аттестации", ATTESTATION),
    ("subject", "предмет", None), ("mark", "отметка", None), ("kind", "вид процедуры", dict(enums.AssessmentKind.choices)),
    ("difficulty", "уровень задания", dict(enums.Difficulty.choices)),
    ("relation", "сравнение с журналом", JOURNAL_RELATION), ("score", "балл", None),
    # «federal» is the grouped level of the core indicators: заключительный or всероссийский.
    ("level", "уровень", {**dict(enums.EventLevel.choices), "federal": "заключительный или всероссийский"}),
    ("program_kind", "вид программы", dict(enums.ProgramKind.choices)),
    ("social", "категория", dict(enums.SocialCategory.choices)),
    ("category", "квалификационная категория", dict(enums.QualificationCategory.choices)),
    ("education", "образование", dict(enums.Education.choices)), ("age", "возраст", None), ("experience", "стаж", None),
    ("courses_ago", "лет с последних курсов", None), ("employment", "занятость", dict(enums.Employment.choices)),
    ("survey", "анкета", None), ("question", "вопрос", None), ("answer", "ответ", SATISFACTION_ANSWERS),
    ("scope", "уровень сравнения", dict(enums.ValueScope.choices)),
]:
    register_dim(_name, _label, values=_values)
register_dim("grade_band", "уровень образования", derived_from="grade", derive=grade_band)


@dataclass(frozen=True)
class Code:
    """A data-value code: what it counts (Russian), its dimensions, the fixed ones among them."""

    code: str
    name: str
    dims: tuple[str, ...] = ()
    fixed: tuple[str, ...] = ()
    dist: bool = False
    extractor: str = field(default="", compare=False)

    def __post_init__(self):
        if not CODE_RE.match(self.code):
            raise ValueError(f"data-value code {self.code!r}: letters, digits and dots, at least one dot")
        object.__setattr__(self, "dims", tuple(self.dims))
        object.__setattr__(self, "fixed", tuple(self.fixed))
        for dim in (*self.dims, *self.fixed):
            if dim not in DIMS or DIMS[dim].derived_from:
                raise ValueError(f"data-value code {self.code}: unknown dimension {dim!r}")
        missing = set(self.fixed) - set(self.dims)
        if missing:
            raise ValueError(f"data-value code {self.code}: fixed dimensions {sorted(missing)} are not among dims")
        if self.dist and "score" not in self.dims:
            raise ValueError(f"data-value code {self.code}: a distribution needs the dimension 'score'")

    def has_dim(self, dim: str) -> bool:
        d = DIMS.get(dim)
        if d is not None and d.derived_from:
            return d.derived_from in self.dims
        return dim in self.dims


class Row(NamedTuple):
    """One data value produced by an extractor (breakdown values None = dimension absent)."""

    school_id: int
    year: int
    code: str
    value: Any
    breakdown: dict | None = None
    period: str | None = None


Present = Callable[[list[int], list[int]], Iterable[tuple[int, int]]]
ExtractFn = Callable[[list[int], list[int]], Iterable[Row]]


@dataclass(frozen=True)
class Extractor:
    name: str
    fn: ExtractFn
    codes: tuple[Code, ...]
    present: Present | None
    # The models whose tables its queries (and `present`) read: compute.refresh_statistics() keeps their
    # planner statistics fresh, so the core never imports a plugin app to list them.
    reads: tuple[type[Model], ...] = ()


CODES: dict[str, Code] = {}
EXTRACTORS: dict[str, Extractor] = {}


def present_in(model, *, year_field: str = "year", school_field: str = "school") -> Present:
    """(school, year) pairs that have rows of the model: there the codes are known, zero or not."""

    def present(school_ids: list[int], years: list[int]) -> Iterable[tuple[int, int]]:
        return (
            model.objects.filter(**{f"{school_field}_id__in": school_ids, f"{year_field}__in": years})
            .values_list(f"{school_field}_id", year_field)
            .distinct()
        )

    return present


def extractor(*, codes: Iterable[Code], reads: Iterable[type[Model]], present: Present | None = None):
    """Register a function `(school_ids, years) -> rows` computing the given codes from the tables of `reads`."""
    reads = tuple(reads)
    for model in reads:
        if not (isinstance(model, type) and issubclass(model, Model)):
            raise ValueError(f"extractor reads={model!r}: a Django model class is expected")

    def register(fn: ExtractFn) -> ExtractFn:
        name = f"{fn.__module__}.{fn.__qualname__}"
        declared = []
        for code in codes:
            existing = CODES.get(code.code)
            if existing is not None and existing.extractor != name:
                raise ValueError(f"data-value code {code.code} is declared by {existing.extractor} and {name}")
            code = Code(code.code, code.name, code.dims, code.fixed, code.dist, extractor=name)
            CODES[code.code] = code
            declared.append(code)
        EXTRACTORS[name] = Extractor(name, fn, tuple(declared), present, reads)
        return fn

    return register


_loaded = False


def load_extractors() -> dict[str, Extractor]:
    """Import every module of vsoko.datavalues.extractors (each registers itself). Idempotent."""
    global _loaded
    if not _loaded:
        from vsoko.datavalues import extractors

        for module in pkgutil.iter_modules(extractors.__path__):
            importlib.import_module(f"{extractors.__name__}.{module.name}")
        _loaded = True
    return EXTRACTORS


def models_read() -> set[type[Model]]:
    """Every model some registered extractor reads (its `reads`)."""
    return {model for ext in load_extractors().values() for model in ext.reads}


def codes() -> dict[str, Code]:
    load_extractors()
    return CODES


def dim_value(value: Any) -> str | None:
    """The canonical string of a dimension value: 17.0 -> "17", True -> "yes", "" -> None."""
    kind = type(value)  # the two common cases first: extraction calls this for every dimension of every row
    if kind is str:
        return value or None
    if kind is int:
        return str(value)
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    return str(value)


def breakdown_key(breakdown: dict[str, str]) -> str:
    """Canonical key: dimensions sorted by name, `grade=9|subject=математика`."""
    return "|".join(f"{k}={breakdown[k]}" for k in sorted(breakdown))


def parse_key(key: str) -> dict[str, str]:
    """The breakdown of a canonical key (the inverse of breakdown_key)."""
    if not key:
        return {}
    return dict(part.partition("=")[::2] for part in key.split("|"))


def clean_breakdown(raw: dict | None) -> dict[str, str]:
    if not raw:
        return {}
    out = {}
    for k, v in raw.items():
        text = dim_value(v)
        if text is not None:
            # "|" separates dimensions in the canonical key.
            out[k] = text.replace("|", "/")
    return out
