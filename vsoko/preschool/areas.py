"""The areas of the monitoring of preschool education and their indicators, read from areas.yaml (data, not
code). An area carries the regulation's own words (`quote`, document 004); an indicator is the school's own
wording after the federal МКДО approach. The file is checked when read: a bad file stops the app with a
Russian message saying where."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from vsoko.yaml_files import read_yaml

AREAS_FILE = Path(__file__).with_name("areas.yaml")
KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class AreasError(ValueError):
    """areas.yaml is not as this module expects; the message says where."""


@dataclass(frozen=True)
class Indicator:
    key: str
    title: str
    area_key: str


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    quote: str  # the regulation's words, verbatim
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Source:
    document: str
    place: str
    indicator_wording: str

    @property
    def text(self) -> str:
        return f"положение о ВСОКО (документ {self.document}), {self.place}"


def _read(path: Path) -> tuple[Source, tuple[Area, ...]]:
    raw = read_yaml(path)
    where = path.name
    if not isinstance(raw, dict) or not isinstance(raw.get("areas"), list):
        raise AreasError(f"{where}: нужен список «areas».")
    areas, seen = [], set()
    for i, item in enumerate(raw["areas"], start=1):
        at = f"{where}, область {i}"
        for name in ("key", "title", "quote", "indicators"):
            if not item.get(name):
                raise AreasError(f"{at}: не заполнено «{name}».")
        indicators = []
        for j, ind in enumerate(item["indicators"], start=1):
            key, title = ind.get("key", ""), ind.get("title", "")
            if not KEY_RE.match(str(key)) or not title:
                raise AreasError(f"{at}, показатель {j}: нужны ключ латиницей («{key}») и название.")
            if key in seen:
                raise AreasError(f"{at}, показатель {j}: ключ «{key}» уже встречался.")
            seen.add(key)
            indicators.append(Indicator(key, str(title), item["key"]))
        areas.append(Area(item["key"], item["title"], item["quote"], tuple(indicators)))
    return Source(str(raw.get("document", "")), str(raw.get("place", "")),
                  str(raw.get("indicator_wording", ""))), tuple(areas)


@cache
def _loaded() -> tuple[Source, tuple[Area, ...]]:
    return _read(AREAS_FILE)


def areas() -> tuple[Area, ...]:
    return _loaded()[1]


def source() -> Source:
    return _loaded()[0]


def indicators() -> tuple[Indicator, ...]:
    return tuple(ind for area in areas() for ind in area.indicators)
