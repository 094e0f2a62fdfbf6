"""The personas' world (tests/accounts/personas.py): school 1, 2024/2025 — 5А Иванов Алексей; 5Б Петров Борис and
Орлов Денис (left on 20.01.2025); 10А Сидорова Вера. `workbook` writes a small attendance sheet the way the journals
print it: a title, «ФИО» and two merged header groups over «всего | по болезни | …»."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.accounts.personas import build_world

LESSONS = ["всего", "по болезни", "по уважительной причине", "без уважительной причины"]
DAYS = ["всего", "по болезни"]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    return build_world()


def workbook(path: Path, sheets: dict[str, tuple[str, list[list]]], *, class_column: bool = False) -> Path:
    """{sheet name: (title, rows)}; a row is [ФИО, (класс,) lessons total, ill, excused, unexcused, days total,
    days ill]."""
    book = Workbook()
    book.remove(book.active)
    for name, (title, rows) in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append([title])
        lead = ["№", "ФИО"] + (["Класс"] if class_column else [])
        first = len(lead) + 1
        sheet.append(lead + ["Пропущено уроков", None, None, None, "Пропущено дней", None])
        sheet.append([None] * len(lead) + LESSONS + DAYS)
        for col in range(1, first):
            sheet.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
        sheet.merge_cells(start_row=2, start_column=first, end_row=2, end_column=first + 3)
        sheet.merge_cells(start_row=2, start_column=first + 4, end_row=2, end_column=first + 5)
        for number, row in enumerate(rows, start=1):
            sheet.append([number, *row])
        sheet.append([None, "Итого", *([None] * (len(lead) - 2)), *(None for _ in range(6))])
    book.save(path)
    return path
