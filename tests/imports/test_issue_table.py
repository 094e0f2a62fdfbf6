"""One table of a file's issues serves the import page's errors and the list «Прочитано иначе, чем написано»; only
the headings, the region's label and the error class differ."""

from __future__ import annotations

import re

from django.template.loader import render_to_string

ISSUE = {
    "source": "лист «Контингент»",
    "table": "enrollments",
    "row": 3,
    "column": "Класс",
    "value": "5A",
    "message": "Латинские буквы прочитаны как русские: «5А».",
}


def cells(html: str, tag: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", c).strip()
        for c in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", html, re.S)
    ]


def test_the_errors_table_has_its_headings_and_class():
    html = render_to_string(
        "imports/partials/issue_table.html",
        {
            "issues": [ISSUE],
            "label": "Ошибки",
            "value_heading": "Значение",
            "message_heading": "Что не так",
            "error_table": True,
        },
    )

    assert cells(html, "th") == ["Таблица", "Строка", "Столбец", "Значение", "Что не так"]
    assert cells(html, "td") == ["лист «Контингент»", "3", "Класс", "5A", ISSUE["message"]]
    assert 'aria-label="Ошибки"' in html and 'class="table table--errors"' in html


def test_the_corrections_use_the_same_table_with_their_own_headings():
    html = render_to_string(
        "imports/partials/corrections.html", {"corrections": [{**ISSUE, "source": "", "row": None}]}
    )

    assert cells(html, "th") == ["Таблица", "Строка", "Столбец", "В файле", "Как прочитано"]
    assert cells(html, "td") == ["enrollments", "", "Класс", "5A", ISSUE["message"]]
    assert 'aria-label="Прочитано иначе, чем написано"' in html and 'class="table"' in html
    assert render_to_string("imports/partials/corrections.html", {"corrections": []}).strip() == ""
