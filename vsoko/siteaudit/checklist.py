"""The checklist of the official site: data (checklist.yaml), read once. A section is a subsection of
«Сведения об образовательной организации» with its address on the site; its own item (code = the section's
code) says that the subsection's page is there, the others are the documents and facts it must hold."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from vsoko.yaml_files import read_yaml

PATH = Path(__file__).with_name("checklist.yaml")


@dataclass(frozen=True)
class Freshness:
    """When a key document is out of date, as a regulation says (`basis`): older than `years`, or — `due`, (month,
    day) — after that day of a year, a document of an earlier year (the report of the calendar year before is due;
    a report whose text says «за 2024 год» is judged by that year), or — `school_year` — its text names a school
    year before the current one (which begins on 1 September)."""

    basis: str
    years: int | None = None
    due: tuple[int, int] | None = None
    school_year: bool = False


@dataclass(frozen=True)
class Item:
    code: str
    name: str
    section: str  # the section's code
    keywords: tuple[str, ...] = ()  # a key document: words of its link's text (lower case, «е» for «ё»)
    fresh: Freshness | None = None


@dataclass(frozen=True)
class ChecklistSection:
    code: str
    title: str
    path: str  # «sveden/common»: relative to the site's root
    items: tuple[Item, ...]  # the page itself first

    @property
    def page_item(self) -> Item:
        return self.items[0]


@cache
def sections() -> tuple[ChecklistSection, ...]:
    data = read_yaml(PATH)
    out = []
    for raw in data["sections"]:
        code, title = raw["code"], raw["title"]
        page = Item(code, f"Подраздел «{title}» ({raw['path']})", code)
        items = tuple(Item(i["code"], i["name"], code, tuple(normal(k) for k in i.get("keywords", ())),
                           _freshness(i.get("fresh"))) for i in raw.get("items", []))
        out.append(ChecklistSection(code, title, raw["path"], (page, *items)))
    return tuple(out)


def normal(text: str) -> str:
    """Lower case, «е» for «ё», single spaces: how link texts and keywords are compared."""
    return " ".join(text.lower().replace("ё", "е").split())


def _freshness(raw: dict | None) -> Freshness | None:
    if not raw:
        return None
    due = tuple(int(part) for part in raw["due"].split("-")) if raw.get("due") else None
    return Freshness(raw["basis"], raw.get("years"), due, bool(raw.get("school_year")))


@cache
def items_by_code() -> dict[str, Item]:
    return {item.code: item for section in sections() for item in section.items}


def item_name(code: str) -> str:
    """The item's name; a code no longer in the checklist (an old audit) stands for itself."""
    item = items_by_code().get(code)
    return item.name if item else code
