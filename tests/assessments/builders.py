"""Files to the documented layouts (ru-domain.md §2.4, §7), written with openpyxl as the exporters do."""

from __future__ import annotations

from pathlib import Path

import openpyxl

# ВПР-2026, русский язык, 4 класс: 13 task/criterion columns, maximum 24.
RUS4_TASKS = [("1", 4, "Б"), ("2", 3, "Б"), ("3", 2, "Б"), ("4", 2, "Б"), ("5", 2, "Б"), ("6", 1, "Б"),
              ("7", 2, "П"), ("8", 2, "Б"), ("9.1", 1, "Б"), ("9.2", 1, "П"), ("10", 2, "П"), ("11К1", 1, "Б"),
              ("11К2", 1, "П")]

# code, class, variant, ФИО, points (X = not done), primary, mark, journal mark
RUS4_PARTICIPANTS = [
    ("10001", "4А", 1, "Иванов Иван Ильич", [4, 3, 2, 2, 2, 1, 2, 2, 1, 1, 2, 1, 1], 24, 5, 5),
    ("10002", "4А", 2, "Петрова Алёна Сергеевна", [3, 2, 1, 1, 2, 1, 0, 1, 1, 0, 1, 1, 0], 14, 3, 4),
    ("10003", "4А", 1, "Сидоров Пётр", [1, 1, 1, 0, "X", 1, 0, 1, 1, 0, "Х", 1, 0], 7, 2, 3),
    ("10005", "А", 2, "Кузнецова Мария Олеговна", [4, 3, 2, 2, 1, 1, 1, 2, 1, 1, 0, 1, 0], 19, 4, "нет отметки"),
]


def write_workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append([None if v == "" else v for v in row])
    workbook.save(path)
    return path


def f1_rows(participants=RUS4_PARTICIPANTS, *, tasks=RUS4_TASKS, title="ВПР 2026 Русский язык 4 класс",
            with_names=True, with_levels=True, max_score=24, date="15.04.2026") -> list[list[object]]:
    fixed = ["ОО", "Муниципалитет", "Название ОО", "Код участника", "Класс", "Вариант", "Пол"]
    if with_names:
        fixed.append("ФИО")
    rows = [
        [title],
        ["Предмет", title.split(" ", 2)[2].rsplit(" ", 2)[0] if title.startswith("ВПР") else ""],
        ["Максимальный первичный балл", max_score],
        ["Дата", date],
        [f"МБОУ «Тестовая СОШ» (edu123456) | Кол-во участников: {len(participants)}"],
        [],
    ]
    if with_levels:
        rows.append([""] * len(fixed) + [level for _, _, level in tasks])
    rows.append(fixed + [f"{task} ({points}б)" for task, points, _ in tasks] + ["Первичный балл", "Отметка", "Отметка по журналу"])
    for code, class_name, variant, name, points, primary, mark, journal in participants:
        row = ["edu123456", "Муниципальный район", "МБОУ «Тестовая СОШ»", code, class_name, variant, "М"]
        if with_names:
            row.append(name)
        rows.append(row + list(points) + [primary, mark, journal])
    return rows


def write_f1(path: Path, **kwargs) -> Path:
    return write_workbook(path, {"Индивидуальные результаты": f1_rows(**kwargs)})
