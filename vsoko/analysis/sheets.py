"""The sheets of each page's Excel export: the same tables as on the page, Russian headers."""

from __future__ import annotations

from vsoko.analysis import figures as fig
from vsoko.analysis.access import QUALITY, TWOS
from vsoko.analysis.context import ContextTable, MunicipalContext
from vsoko.analysis.export import FIGURE_HEADERS, HIDDEN, Sheet, figure_row
from vsoko.analysis.flags import Flag
from vsoko.analysis.journal import JournalLists
from vsoko.analysis.procedure import ProcedurePage
from vsoko.analysis.slices import ClassLine, ClassTable, Dynamics, SubjectLine
from vsoko.analysis.year import YearIndex
from vsoko.indicators.formatting import rounded
from vsoko.reports.writers import TableChart

FLAG_HEADERS = ["Флаг", "Уровень", "Где", "Причина"]


def flag_rows(flags: list[Flag]) -> list[list]:
    """A row per flag, the classes folded under a procedure's flag (risk.fold_classes) in rows of their own."""
    return [[f.title, f.level.label, flag_place(f), f.reason]
            for parent in flags for f in (parent, *parent.classes)]


def flag_place(f: Flag) -> str:
    """«Школа № 1, ВПР, математика, 6 класс, класс 6А»: the sheet has no links to say which procedure."""
    return ", ".join(p for p in (f.school, f.procedure, f"класс {f.where}" if f.where else "") if p) or "вся параллель"


def index_sheets(index: YearIndex) -> list[Sheet]:
    rows = []
    for group in index.groups:
        for r in group.rows:
            a = r.assessment
            rows.append([group.title, r.label, a.date, *figure_row(r.figures, privacy=r.privacy),
                         "; ".join(f"{f.title} ({f.level.label})" for f in r.flags)])
    headers = ["Вид", "Процедура", "Дата", *FIGURE_HEADERS, "Флаги"]
    return [Sheet(f"Процедуры {index.year}-{index.year + 1}", headers, rows),
            Sheet("Флаги риска", FLAG_HEADERS, flag_rows(index.risk))]


def procedure_sheets(page: ProcedurePage, lists: JournalLists | None) -> list[Sheet]:
    f = page.total
    scopes = [s.label for s in page.benchmarks.scopes]
    marks = Sheet("Отметки", ["Отметка", "Участников", "%", *(f"{s}, %" for s in scopes)],
                  [[f"«{m}»", HIDDEN if hidden else n, HIDDEN if hidden else share, *bench]
                   for m, n, share, bench, hidden in page.mark_rows],
                  chart=TableChart("column", "Распределение отметок, %", 0, (2, *range(3, 3 + len(scopes)))))
    classes = Sheet("Классы", ["Класс", *FIGURE_HEADERS],
                    [[c.name, *figure_row(c.figures, privacy=page.privacy, hidden=c.hidden,
                                          hidden_marks=c.hidden_marks)] for c in page.classes]
                    + [["Всего", *figure_row(f, privacy=page.privacy, hidden_marks=page.hidden_marks)]])
    # A procedure without marks (ЕГЭ) has no sheet of marks: its title goes on the first sheet it has.
    out = [marks, classes] if page.has_marks else [classes]
    out[0].note = f"{page.label}, {page.assessment.year_id}/{page.assessment.year_id + 1}; участников {f.results}"
    if not page.privacy.on and f.scored:
        scores = sorted(f.scores)
        out.append(Sheet("Первичные баллы", ["Первичный балл", "Участников", "%"],
                         [[s, f.scores[s], fig.percent(f.scores[s], f.scored)] for s in scores],
                         chart=TableChart("column", "Распределение первичных баллов, %", 0, (2,))))
    if page.tasks:
        groups = fig.MARKS if page.has_marks else ()
        headers = ["Задание", "Уровень", "Макс. балл", "Проверяемое умение", "Выполнение, %", "Освоение",
                   *(f"группа «{m}», %" for m in groups), *(f"{c}, %" for c in page.class_names),
                   *(f"{s}, %" for s in scopes)]
        rows = [[t.task, t.difficulty_label, t.max_points, t.skill, t.completion,
                 t.mastery.label if t.mastery else "",
                 *(HIDDEN if m in page.hidden_mark_groups else v for m, v in zip(fig.MARKS, t.by_mark, strict=True)
                   if page.has_marks),
                 *t.by_class, *t.benchmark] for t in page.tasks]
        out.append(Sheet("Задания", headers, rows, chart=TableChart("column", "Выполнение заданий, %", 0, (4,))))
    if f.compared:
        out.append(Sheet("Сравнение с журналом", ["Группа", "Участников", "%"],
                         [[label, HIDDEN if hidden else n, HIDDEN if hidden else share]
                          for _, label, n, share, hidden in page.journal_rows] + [["Всего", f.compared, 100]]))
    if lists is not None and lists.shown:
        rows = [[label, p.name, p.class_name, p.mark, p.journal_mark, p.gap, p.primary_score]
                for _, label, pupils in lists.groups for p in pupils]
        out.append(Sheet("Ученики по группам", ["Группа", "Обучающийся", "Класс", "Отметка", "Отметка по журналу",
                                                 "Разница", "Первичный балл"], rows))
    if page.is_exam:
        out.append(Sheet("Порог и высокие баллы", ["Показатель", "Значение"], exam_rows(page)))
    out.append(Sheet("Динамика", ["Учебный год", *FIGURE_HEADERS],
                     [[f"{r.year}/{r.year + 1}", *figure_row(r.figures, privacy=r.privacy or page.privacy)]
                      for r in page.dynamics],
                     chart=TableChart("line", "Качество и доля «2», %", 0, (12, 7))))
    out.append(Sheet("Флаги", FLAG_HEADERS, flag_rows(page.flags + page.risk)))
    return out


def exam_rows(page: ProcedurePage) -> list[list]:
    f, privacy = page.total, page.privacy

    def count(n):
        return HIDDEN if privacy.on and 0 < n < privacy.minimum else n

    minimum = page.minimum if page.minimum is not None else page.minimum_words
    rows = [["Минимальный порог", minimum], ["Участников", f.results],
            ["Ниже порога", count(f.failed)], ["Ниже порога, %", f.failed_share if count(f.failed) != HIDDEN else HIDDEN],
            ["Из них преодолели порог на пересдаче", count(f.failed_retake_passed)],
            ["Средний первичный балл", f.mean_score],
            ["Граница верхней четверти (первичный балл)", f.top_quartile]]
    if page.shows_test_scores:
        rows += [["Средний тестовый балл", f.mean_test_score], ["81–100 баллов", count(f.high_scorers)],
                 ["Граница верхней четверти (тестовый балл)", f.top_quartile_test]]
    else:
        rows += [["Средняя отметка", HIDDEN if privacy.hides_mean(f.marks, page.hidden_marks) else f.mean_mark]]
    return rows


def class_table_sheets(tables: list[ClassTable], privacy) -> list[Sheet]:
    out = []
    for t in tables:
        rows = [[c.name, *figure_row(c.figures, privacy=privacy, hidden=c.hidden, hidden_marks=c.hidden_marks)]
                for c in t.classes]
        rows.append(["Всего", *figure_row(t.total, privacy=privacy, hidden_marks=t.hidden_total)])
        out.append(Sheet(t.label, ["Класс", *FIGURE_HEADERS], rows,
                         chart=TableChart("column", f"{t.label}: «2» и качество, %", 0, (7, 12))))
        if t.tasks:
            out.append(Sheet(f"{t.label} задания", ["Задание", "Уровень", *(c.name for c in t.classes), "Всего"],
                             [[x.task, x.difficulty_label, *x.by_class, x.total] for x in t.tasks]))
    return out or [Sheet("Нет данных", ["Процедур нет"])]


def class_sheets(school_class, lines: list[ClassLine], privacy) -> list[Sheet]:
    headers = ["Процедура", "Класс: участников", "Класс: «2», %", "Класс: качество, %", "Класс: средняя отметка",
               "Класс: базовые задания, %", "Школа: участников", "Школа: «2», %", "Школа: качество, %",
               "Школа: средняя отметка", "Школа: базовые задания, %", "Флаги"]
    rows = []
    for line in lines:
        mine = [HIDDEN] * 5 if line.hidden else _short(line.mine, line.mine_privacy or privacy)
        rows.append([line.label, *mine, *_short(line.school, line.school_privacy or privacy),
                     "; ".join(f.title for f in line.flags)])
    return [Sheet(f"Класс {school_class.name}", headers, rows,
                  chart=TableChart("column", f"Качество: {school_class.name} и школа, %", 0, (3, 8)))]


def _short(f: fig.Figures, privacy) -> list:
    if privacy.too_small(f.results):
        return [HIDDEN] * 5
    shares = privacy.hidden_shares(f.marks)  # as the page: with the count, the two shares give the «3» back
    twos = HIDDEN if TWOS in shares else f.twos
    quality = HIDDEN if QUALITY in shares else f.quality
    mean = HIDDEN if privacy.hides_mean(f.marks) else f.mean_mark  # beside the shares it gives the marks back
    return [f.results, twos, quality, mean, f.level_completion(["basic"])]


def subject_sheets(subject, lines: list[SubjectLine], privacy) -> list[Sheet]:
    rows = [[line.label, f"{line.assessment.year_id}/{line.assessment.year_id + 1}",
             *figure_row(line.figures, privacy=line.privacy or privacy)] for line in lines]
    return [Sheet(subject.name, ["Процедура", "Учебный год", *FIGURE_HEADERS], rows)]


def dynamics_sheets(d: Dynamics, privacy) -> list[Sheet]:
    rows = [[f"{r.year}/{r.year + 1}", *figure_row(r.figures, privacy=r.privacy or privacy),
             *([HIDDEN] * 2 if privacy.too_small(r.figures.results) else
               [r.figures.mean_test_score, r.figures.passed_share])] for r in d.rows]
    value_cols = (17, 18) if d.is_ege else (12, 7)
    return [Sheet(f"Динамика {d.label}", ["Учебный год", *FIGURE_HEADERS, "Средний тестовый балл",
                                          "Преодолели порог, %"], rows,
                  chart=TableChart("line", d.label, 0, value_cols))]


CONTEXT_HEADERS = ["Категория", "Обучающихся на конец года", "Качество знаний, %", "Успеваемость, %",
                   "Результатов процедур", "Отметок «2», %", "Преодолели порог, %",
                   "Качество год назад, %"]


def context_sheets(table: ContextTable) -> list[Sheet]:
    def share(row, name: str, figures: dict):
        if name in row.hidden_shares:
            return HIDDEN
        value = figures.get(name)
        return None if value is None else float(rounded(value, 1))

    rows = []
    for row in (table.school_row, *table.rows):
        if row.hidden:
            rows.append([row.label, *[HIDDEN] * (len(CONTEXT_HEADERS) - 1)])
            continue
        now = row.figures
        rows.append([row.label, int(now["students"] or 0), share(row, "quality", now), share(row, "success", now),
                     int(now["results"] or 0), share(row, "twos", now), share(row, "passed", now),
                     share(row, "quality", row.last_year)])
    return [Sheet(f"Соц. контекст {table.year}-{table.year + 1}", CONTEXT_HEADERS, rows)]


def municipal_context_sheets(content: MunicipalContext) -> list[Sheet]:
    """The municipality's table, as a school's, and its schools × categories: each category's quality and its
    difference from the school's own, in percentage points."""
    def share(value, hidden: bool = False):
        if hidden:
            return HIDDEN
        return None if value is None else float(rounded(value, 1))

    headers = ["Школа", "Обучающихся на конец года", "Качество знаний школы, %"]
    for category in content.categories:
        headers += [f"{category.label}: качество знаний, %", f"{category.label}: со школой, п. п."]
    rows = [[line.school.name, line.students, share(line.quality),
             *[value for cell in line.cells for value in (share(cell.quality, cell.hidden), share(cell.gap, cell.hidden))]]
            for line in content.schools]
    year = content.table.year
    return [*context_sheets(content.table), Sheet(f"Школы и категории {year}-{year + 1}", headers, rows)]
