"""The diagnostics the school holds, read from procedures.yaml (procedures are data, not code).

A procedure's code is what a Diagnostic carries in `procedure` and what the data values carry in the
dimension `diagnostic`; a level's code is what a DiagnosticResult carries in `level`. The file is
checked when it is read: a bad file stops the app with a Russian message saying where.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from vsoko.plan.enums import MONTH_NAMES
from vsoko.yaml_files import read_yaml

PROCEDURES_FILE = Path(__file__).with_name("procedures.yaml")
CODE_RE = re.compile(r"^[a-z][a-z0-9_]*$")
ITEM_NUMBER_RE = re.compile(r"^\d+(\.\d+)*$")
GRADES = range(1, 12)
REGULATION = "Положение о ВСОКО"


class ProcedureError(ValueError):
    """procedures.yaml is not as this module expects; the message says where."""


@dataclass(frozen=True)
class Level:
    code: str
    label: str
    favourable: bool


@dataclass(frozen=True)
class Procedure:
    code: str
    name: str
    short: str
    document: str
    item: str
    text: str
    grades: tuple[int, ...]
    month: int
    method: str
    levels: tuple[Level, ...]
    sensitive: bool = False
    levels_published: bool = True

    def document_of(self, school_name: str) -> str:
        """The document cited, as a school's pages and reports name it. The shipped procedures cite regulation 000
        under the name of the school it was written for (seeds/, «МКОУ «СОШ № 1» г. Сосенский») — a real school,
        not to be named to another school: it becomes the school's own «Положение о ВСОКО». A procedure citing
        another document (a school's own order) keeps it."""
        return f"{REGULATION} {school_name}" if self.document.startswith(REGULATION) else self.document

    @property
    def place(self) -> str:
        """Where the document names it, as a page or a report writes it after the document: «п. 4.4.1» for a
        numbered item, the item as it stands otherwise («приложение «Перечень критериев/показателей», …»)."""
        return f"п. {self.item}" if ITEM_NUMBER_RE.match(self.item) else self.item

    @property
    def month_name(self) -> str:
        """«октябрь»: the month as a page names it (it said «в 10-м месяце года»)."""
        return MONTH_NAMES[self.month]

    @property
    def level_codes(self) -> tuple[str, ...]:
        return tuple(level.code for level in self.levels)

    @property
    def favourable_codes(self) -> tuple[str, ...]:
        return tuple(level.code for level in self.levels if level.favourable)

    def level(self, code: str) -> Level | None:
        return next((level for level in self.levels if level.code == code), None)

    def level_by_label(self, text: str) -> Level | None:
        """A level as a person writes it in a spreadsheet: its label or its code, any case."""
        wanted = " ".join(str(text).split()).casefold()
        return next((lv for lv in self.levels if wanted in (lv.label.casefold(), lv.code.casefold())), None)

    @property
    def title(self) -> str:
        """The name with its grades, unless the name already says them: «Уровень воспитанности обучающихся
        (1–11 кл.)», but «Адаптация обучающихся 1 класса», not «… 1 класса (1 кл.)»."""
        return self.name if "класс" in self.name else f"{self.name} ({self.grades_text} кл.)"

    @property
    def grades_text(self) -> str:
        """«1», «1, 5», «1–11»."""
        g = self.grades
        if len(g) > 2 and list(g) == list(range(g[0], g[-1] + 1)):
            return f"{g[0]}–{g[-1]}"
        return ", ".join(str(x) for x in g)


def _text(where: str, spec: dict, key: str) -> str:
    value = spec.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ProcedureError(f"{where}: поле {key} — непустой текст")
    return " ".join(value.split())


def _levels(where: str, raw) -> tuple[Level, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        raise ProcedureError(f"{where}: поле levels — список не меньше чем из двух уровней")
    levels = []
    for number, spec in enumerate(raw, start=1):
        place = f"{where}, уровень {number}"
        if not isinstance(spec, dict):
            raise ProcedureError(f"{place}: нужны code, label и favourable")
        code = spec.get("code")
        if not isinstance(code, str) or not CODE_RE.match(code):
            raise ProcedureError(f"{place}: code {code!r} — латинские строчные буквы, цифры и «_»")
        if not isinstance(spec.get("favourable"), bool):
            raise ProcedureError(f"{place} ({code}): favourable — true или false")
        levels.append(Level(code, _text(place, spec, "label"), spec["favourable"]))
    codes = [level.code for level in levels]
    labels = [level.label.casefold() for level in levels]
    if len(set(codes)) != len(codes) or len(set(labels)) != len(labels):
        raise ProcedureError(f"{where}: коды и названия уровней не должны повторяться")
    if not any(level.favourable for level in levels):
        raise ProcedureError(f"{where}: хотя бы один уровень должен быть благоприятным (favourable: true)")
    return tuple(levels)


def _procedure(where: str, spec) -> Procedure:
    if not isinstance(spec, dict):
        raise ProcedureError(f"{where}: описание процедуры — словарь полей")
    code = spec.get("code")
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise ProcedureError(f"{where}: code {code!r} — латинские строчные буквы, цифры и «_»")
    where = f"{where} ({code})"
    regulation = spec.get("regulation")
    if not isinstance(regulation, dict):
        raise ProcedureError(f"{where}: поле regulation — document, item и text (место в положении)")
    grades = spec.get("grades")
    if (not isinstance(grades, list) or not grades or any(type(g) is not int or g not in GRADES for g in grades)
            or sorted(set(grades)) != grades):
        raise ProcedureError(f"{where}: поле grades — параллели 1–11 по возрастанию, без повторов")
    month = spec.get("month")
    if type(month) is not int or not 1 <= month <= 12:
        raise ProcedureError(f"{where}: поле month — номер месяца 1–12")
    sensitive = spec.get("sensitive", False)
    if not isinstance(sensitive, bool):
        raise ProcedureError(f"{where}: поле sensitive — true или false")
    levels_published = spec.get("levels_published", True)
    if not isinstance(levels_published, bool):
        raise ProcedureError(f"{where}: поле levels_published — true или false")
    return Procedure(
        code=code, name=_text(where, spec, "name"), short=_text(where, spec, "short"),
        document=_text(f"{where}, regulation", regulation, "document"),
        item=_text(f"{where}, regulation", regulation, "item"),
        text=_text(f"{where}, regulation", regulation, "text"),
        grades=tuple(grades), month=month, method=_text(where, spec, "method"),
        levels=_levels(where, spec.get("levels")), sensitive=sensitive,
        levels_published=levels_published,
    )


def read_procedures(path: Path = PROCEDURES_FILE) -> dict[str, Procedure]:
    """The procedures of the file in its order; ProcedureError names the file and the place."""
    try:
        data = read_yaml(path)
    except yaml.YAMLError as error:
        raise ProcedureError(f"{path.name}: файл не читается как YAML: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("procedures"), list) or not data["procedures"]:
        raise ProcedureError(f"{path.name}: нужен непустой список procedures")
    procedures: dict[str, Procedure] = {}
    for number, spec in enumerate(data["procedures"], start=1):
        procedure = _procedure(f"{path.name}, процедура {number}", spec)
        if procedure.code in procedures:
            raise ProcedureError(f"{path.name}, процедура {number}: код {procedure.code} уже встречался")
        procedures[procedure.code] = procedure
    return procedures


@cache
def procedures() -> dict[str, Procedure]:
    """The shipped procedures, read once."""
    return read_procedures()


def procedure(code: str) -> Procedure | None:
    return procedures().get(code)
