"""The forms of requests and questionnaires (forms.yaml): data, not code — a new form is a new YAML entry.

A form is asked of org units of one kind (`audience`: schools or municipalities) and has 8–15 fields. A field
reads what the recipient typed (`Field.read`) and says in Russian, naming itself, why it cannot take it. The
forms ask for counts, shares and assessments only: no field asks for a name (docs/inquiries.md).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from vsoko.indicators.entry import EnteredValueError, read_typed, typed
from vsoko.indicators.enums import Unit
from vsoko.records.enums import OrgUnitKind
from vsoko.yaml_files import read_yaml

FORMS_FILE = Path(__file__).with_name("forms.yaml")
TEXT_LIMIT = 500
FIELDS_MIN, FIELDS_MAX = 8, 15
TYPES = ("number", "percent", "yesno", "choice", "text")
AUDIENCES = {"school": OrgUnitKind.SCHOOL, "municipality": OrgUnitKind.MUNICIPALITY}
YES, NO = "да", "нет"


class FormsFileError(ValueError):
    """forms.yaml cannot be read; the message names the form and the field."""


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    type: str
    options: tuple[str, ...] = ()
    whole: bool = False
    optional: bool = False
    indicator: str = ""  # a hand-entered indicator the school's sent answer fills

    @property
    def numeric(self) -> bool:
        return self.type in ("number", "percent")

    @property
    def choices(self) -> tuple[str, ...]:
        """The answers a yes/no or choice field offers, in order."""
        return (YES, NO) if self.type == "yesno" else self.options

    def read(self, text: str) -> str | None:
        """What the recipient typed, as stored: a number as its plain text («12», «2.5»), an option, a text;
        None for an empty field. Raises ValueError with a Russian message that names the field."""
        text = (text or "").strip()
        if not text:
            return None
        if self.numeric:
            try:
                value = read_typed(text, Unit.PERCENT if self.type == "percent" else Unit.COUNT)
            except EnteredValueError as exc:
                raise ValueError(f"«{self.label}»: {exc}") from None
            if self.whole and value != value.to_integral_value():
                raise ValueError(f"«{self.label}»: нужно целое число (введено {typed(value)}).")
            return plain(value)
        if self.choices:
            if text not in self.choices:
                offered = ", ".join(f"«{c}»" for c in self.choices)
                raise ValueError(f"«{self.label}»: выберите один из вариантов — {offered} (получено «{text}»).")
            return text
        if len(text) > TEXT_LIMIT:
            raise ValueError(f"«{self.label}»: не длиннее {TEXT_LIMIT} символов (введено {len(text)}).")
        return text


def plain(value: Decimal) -> str:
    """A number as stored in an answer: «12», «2.5», never «12.0000» or «1E+1»."""
    return format(value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize(), "f")


@dataclass(frozen=True)
class Form:
    code: str
    title: str
    audience: str  # a key of AUDIENCES
    item: str  # the item of regulation 004, section 7
    about: str
    fields: tuple[Field, ...]

    @property
    def recipient_kind(self) -> str:
        return AUDIENCES[self.audience]

    @property
    def audience_label(self) -> str:
        return "образовательные организации" if self.audience == "school" else "органы местного самоуправления"


def read_forms(path: Path = FORMS_FILE) -> dict[str, Form]:
    """The forms of the file by code; FormsFileError on the first thing wrong, in Russian."""
    try:
        data = read_yaml(path)
    except yaml.YAMLError as exc:
        raise FormsFileError(f"{path.name}: не читается как YAML — {exc}") from None
    if not isinstance(data, list):
        raise FormsFileError(f"{path.name}: ожидается список форм.")
    forms: dict[str, Form] = {}
    for number, entry in enumerate(data, 1):
        where = f"{path.name}, форма {number}"
        if not isinstance(entry, dict) or not entry.get("code") or not entry.get("title"):
            raise FormsFileError(f"{where}: нужны code и title.")
        where = f"{path.name}, форма «{entry['code']}»"
        if entry["code"] in forms:
            raise FormsFileError(f"{where}: код повторяется.")
        if entry.get("audience") not in AUDIENCES:
            raise FormsFileError(f"{where}: audience — school или municipality (указано «{entry.get('audience')}»).")
        fields = tuple(_field(where, raw, entry["audience"]) for raw in entry.get("fields") or [])
        if not FIELDS_MIN <= len(fields) <= FIELDS_MAX:
            raise FormsFileError(f"{where}: полей {len(fields)}, а нужно от {FIELDS_MIN} до {FIELDS_MAX}.")
        keys = [f.key for f in fields]
        if len(set(keys)) != len(keys):
            raise FormsFileError(f"{where}: ключи полей повторяются.")
        forms[entry["code"]] = Form(entry["code"], entry["title"], entry["audience"], str(entry.get("item", "")),
                                    entry.get("about", ""), fields)
    return forms


def _field(where: str, raw, audience: str) -> Field:
    if not isinstance(raw, dict) or not raw.get("key") or not raw.get("label"):
        raise FormsFileError(f"{where}: у поля нужны key и label.")
    where = f"{where}, поле «{raw['key']}»"
    kind = raw.get("type")
    if kind not in TYPES:
        raise FormsFileError(f"{where}: type — одно из {', '.join(TYPES)} (указано «{kind}»).")
    options = tuple(str(o) for o in raw.get("options") or ())
    if (kind == "choice") != bool(options):
        raise FormsFileError(f"{where}: варианты (options) нужны у поля choice, и только у него.")
    if raw.get("indicator") and audience != "school":
        raise FormsFileError(f"{where}: показатель заполняется только ответами школ.")
    return Field(raw["key"], raw["label"], kind, options, bool(raw.get("whole")), bool(raw.get("optional")),
                 str(raw.get("indicator") or ""))


@functools.cache
def forms() -> dict[str, Form]:
    """The shipped forms (read once)."""
    return read_forms()
