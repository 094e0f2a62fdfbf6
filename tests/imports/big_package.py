"""A synthetic full-size package: a 1,000-student school over three years (~255k marks, ~100k task scores).

Used by the slow import test and to measure speed:
    .venv/bin/python -m tests.imports.big_package /tmp/big.xlsx
"""

from __future__ import annotations

import datetime
import random
import sys
from pathlib import Path

import xlsxwriter

from vsoko.imports.tables import TABLES

# Indicators entered by hand in the shipped catalogs (the import checks codes against them).
ENTERED_CODES = [
    "order1324.1.20", "order1324.1.21", "order1324.1.22", "order1324.1.23", "order1324.2.1", "order1324.2.2",
    "order1324.2.3", "order1324.2.4", "order1324.2.4.1", "order1324.2.4.2", "order1324.2.4.3", "order1324.2.4.4",
    "order1324.2.4.5", "order1324.2.5", "order1324.2.6", "reg000.5.1", "reg000.6.1", "reg000.6.2", "reg000.7.2",
    "reg000.7.4",
]
SUBJECTS = ["Русский язык", "Литература", "Математика", "Алгебра", "Геометрия", "Информатика", "История",
            "Обществознание", "География", "Биология", "Физика", "Химия", "Английский язык", "Музыка",
            "Изобразительное искусство", "Труд (технология)", "Физическая культура", "Основы безопасности",
            "Вероятность и статистика"]
PERIODS = ["1 четверть", "2 четверть", "3 четверть", "4 четверть", "год"]
LETTERS = "АБВГ"


def build(students: int = 1000, years: int = 3, seed: int = 1, first_year: int = 2022) -> dict[str, list[list]]:
    rnd = random.Random(seed)
    year_labels = [f"{y}/{y + 1}" for y in range(first_year, first_year + years)]
    ids = [f"S{n:05d}" for n in range(students)]
    base_grade = {sid: 1 + n * 11 // students for n, sid in enumerate(ids)}
    package: dict[str, list[list]] = {key: [[c.label for c in TABLES[key].columns]] for key in TABLES}
    package["students"] += [[sid, f"Фамилия{n}", f"Имя{n % 40}", "", datetime.date(2008 + n % 10, 1 + n % 12, 1 + n % 28),
                             "МЖ"[n % 2]] for n, sid in enumerate(ids)]
    for y, label in enumerate(year_labels):
        for sid in ids:
            grade = base_grade[sid] + y
            if grade > 11:
                continue
            package["enrollments"].append([label, sid, f"{grade}{LETTERS[int(sid[1:]) % 4]}", "", "", "нет", "нет", "нет",
                                           1 + rnd.randrange(3), "основная", "переведен", "", "", "", ""])
            for subject in SUBJECTS:
                for period in PERIODS:
                    package["marks"].append([label, period, sid, subject, rnd.choice("5544433")])
        package["staff"] += [[label, f"T{n}", f"Учитель{n}", "Имя", "", datetime.date(1970 + n % 30, 1, 1), "учитель",
                              "да", "высшее педагогическое", "да", "первая", "", datetime.date(2000, 9, 1), "основной",
                              18, f"{SUBJECTS[n % 19]}; {SUBJECTS[(n + 3) % 19]}"] for n in range(60)]
        package["staff_events"] += [[label, f"T{n}", "курсы", f"Курс {n}", datetime.date(first_year + y, 11, 1),
                                     "региональный", 36, "ФГ; ЦОС", ""] for n in range(60)]
        package["events"] += [[label, sid, f"Олимпиада {k}", "школьный", "ВСОШ", SUBJECTS[k], "участник"]
                              for sid in ids for k in range(1) if rnd.random() < 0.9]
        package["programs"] += [[label, sid, "Робототехника", "дополнительное образование", "да", ""]
                                for sid in ids if rnd.random() < 0.6]
        package["survey_responses"] += [[label, "parents", f"R{y}-{r}", 1 + r % 11, f"q{q}", rnd.choice(["да", "нет"])]
                                        for r in range(400) for q in range(15)]
        package["values"] += [[label, code, "школа", k % 2, "", "", "", ""]  # 1/0: a number and a «да/нет» alike
                              for k, code in enumerate(ENTERED_CODES)]
        package["social"] += [[label, sid, "многодетная семья", "", ""] for sid in ids[::10]]
        for grade in range(4, 9):
            for subject in ("Математика", "Русский язык", "Биология", "История", "География"):
                aid = f"VPR-{first_year + y}-{grade}-{SUBJECTS.index(subject)}"
                tasks = 15
                package["assessments"].append([aid, label, "ВПР", subject, grade, datetime.date(first_year + y + 1, 4, 15),
                                               tasks * 2, 5, f"2:0-9;3:10-17;4:18-24;5:25-{tasks * 2}", ""])
                package["assessment_tasks"] += [[aid, str(t + 1), 2, "Б", "", "", ""] for t in range(tasks)]
                for sid in ids:
                    if base_grade[sid] + y == grade:
                        scores = [rnd.randrange(3) for _ in range(tasks)]
                        package["results"].append([aid, sid, "основная", "нет", "", "", "", rnd.choice("345"),
                                                   ";".join(map(str, scores))])
    return package


def write(path: Path, package: dict[str, list[list]]) -> Path:
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    date_format = workbook.add_format({"num_format": "dd.mm.yyyy"})
    for key, rows in package.items():
        sheet = workbook.add_worksheet(TABLES[key].sheet_title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, datetime.date):
                    sheet.write_datetime(r, c, value, date_format)
                elif value != "":
                    sheet.write(r, c, value)
    workbook.close()
    return path


if __name__ == "__main__":
    built = build()
    print({k: len(v) - 1 for k, v in built.items()})
    write(Path(sys.argv[1]), built)
