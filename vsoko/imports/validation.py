"""Checking a package: every cell, every row, and the links between tables.

Validation reads each raw table once, turns cells into values (cells.py) and
collects every problem as an ImportIssue; nothing stops at the first error.
The result is a Package of parsed rows that the writer (sync.py) stores only
when there are no issues at all.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from vsoko.imports import task_lists
from vsoko.imports.cells import (
    LATIN,
    CellError,
    cell_text,
    class_name,
    cyrillic_words,
    is_empty,
    mark_from_scale,
    memoized,
    parse_decimal,
    parse_mark_scale,
    parse_test_scale,
    parser_for,
)
from vsoko.imports.enums import ColumnType
from vsoko.imports.issues import HEADER_REPEATED, ImportIssue, file_issue
from vsoko.imports.readers import PackageError, RawTable, SourceTables
from vsoko.imports.survey_codes import uncounted_answers
from vsoko.imports.tables import TABLES, Column, Table, normalize, task_of_header
from vsoko.records import enums
from vsoko.records.models import Assessment, AssessmentTask, OrgUnit, StaffMember, Student

INVALID = object()  # a cell that could not be read; its row is never stored
STORED_PLACES = Decimal("0.0001")  # ManualValue.value's decimal places
PUPILS_FIRST = (
    "В школе ещё нет ни одного обучающегося, а в файле нет таблицы «Обучающиеся»: сначала загрузите список "
    "обучающихся — листы «Обучающиеся» и «Контингент» шаблона (кто в каком классе), затем отметки и результаты. "
    "Можно и одним файлом: все листы в одной книге."
)
STAFF_FIRST = (
    "В школе ещё нет ни одного работника, а в файле нет таблицы «Педагогические работники»: сначала загрузите "
    "лист «Педагогические работники» шаблона, затем «Развитие педагогов». Можно и одним файлом: все листы в "
    "одной книге."
)
STUDENT_TABLES = ("enrollments", "social", "marks", "results", "events", "programs")
# «№ п/п»: the row numbers every school list starts with are no data of any table; the column is skipped, not
# refused as unknown (it cannot be a misspelt data column).
ROW_NUMBER_HEADERS = {normalize(h) for h in ("№", "№ п/п", "№п/п", "п/п", "№ п.п.", "№пп", "№ пп")}
LOOKALIKES_READ = "Латинские буквы, похожие на русские, прочитаны как русские"
POINTS = Column("task_scores", "Баллы по заданиям", ColumnType.DECIMAL, max_digits=5, decimal_places=1)

Step = Callable[[float, str], None]


@dataclass
class ParsedTable:
    table: Table
    source: str
    present: set[str]  # keys of the columns the file has (and of values derived from them)
    rows: list[dict] = field(default_factory=list)  # column key -> value; "_row" -> row number
    task_headers: dict[str, str] = field(default_factory=dict)  # results: task -> header as written
    required: list[Column] = field(default_factory=list)  # columns present that every row must fill
    headerless_reported: bool = False


@dataclass
class Package:
    tables: dict[str, ParsedTable] = field(default_factory=dict)
    # assessment_id -> [(task, max_points)] in the order of assessment_tasks (or as stored)
    tasks: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    whole_task_lists: bool = False  # a protocol's (imports.task_lists)
    replaced_tasks: dict[str, list[str]] = field(default_factory=dict)  # assessment_id -> stored tasks to remove
    # What was read otherwise than typed (a Latin «5A» is 5А, a repeated header skipped): said in the summary.
    corrections: list[ImportIssue] = field(default_factory=list)
    # What is stored but counts in no indicator (survey answers under a code nobody counts): said in the summary.
    notices: list[ImportIssue] = field(default_factory=list)

    def rows(self, key: str) -> list[dict]:
        return self.tables[key].rows if key in self.tables else []

    def years(self) -> set[int]:
        return {r["year"] for t in self.tables.values() for r in t.rows if isinstance(r.get("year"), int)}

    def row_count(self) -> int:
        return sum(len(t.rows) for t in self.tables.values())


@dataclass(frozen=True)
class CodeOwner:
    """The table whose rows own a code (the pupils), the tables that refer to it, and words for messages."""

    table: str
    key: str
    referencing: tuple[str, ...]
    model: type
    person: str
    people: str
    of_person: str


CODE_OWNERS = (
    CodeOwner("students", "student_id", STUDENT_TABLES, Student, "обучающийся", "обучающиеся", "обучающегося"),
    CodeOwner("staff", "staff_id", ("staff_events",), StaffMember, "работник", "работники", "работника"),
)


class Checker:
    def __init__(self, school: OrgUnit, step: Step | None = None):
        self.school = school
        self.issues: list[ImportIssue] = []
        self.nobody: set[str] = set()  # keys («student_id») of people the school has none of, said once
        self.package = Package()
        self.step = step or (lambda fraction, stage: None)
        self._stored_subjects: dict[str, str] | None = None  # read once, by one_subject
        self._read_values: dict[tuple[str, str, str], object] = {}  # read_value's: (cell, unit, level) -> value
        self._row = 0  # the row being read, for the corrections noted while parsing it
        # (table, column label, cell as typed) -> [first row, rows, value read]
        self._lookalikes: dict[tuple[str, str, str], list] = {}

    def issue(self, parsed: ParsedTable, row: int | None, column: str, value: object, message: str) -> None:
        text = value if isinstance(value, str) else cell_text(value)
        self.issues.append(ImportIssue(parsed.table.key, row, column, text, message, parsed.source))

    # reading tables

    def read(self, source: SourceTables) -> None:
        self.issues.extend(source.issues)
        self.package.corrections.extend(source.corrections)
        self.package.whole_task_lists = source.whole_task_lists
        raws = [source.tables[key] for key in TABLES if key in source.tables]
        for index, raw in enumerate(raws):
            self.step(index / max(len(raws), 1), f"Чтение: {raw.table.title}")
            parsed = ParsedTable(raw.table, raw.source, set())
            self.package.tables[raw.table.key] = parsed
            try:
                self.read_table(raw, parsed, lambda n, t=raw.table.title, i=index: self.step(
                    i / max(len(raws), 1), f"Чтение: {t} ({n:,} строк)".replace(",", " ")))
            except PackageError as exc:
                self.issues.append(file_issue(str(exc), source=raw.source))
        self.note_lookalikes()
        self.step(1.0, "Проверка связей между таблицами")

    def read_table(self, raw: RawTable, parsed: ParsedTable, tick: Callable[[int], None]) -> None:
        mapping, task_cells = self.map_header(raw, parsed)
        task_keys = list(task_cells.items())
        width = len(raw.header)
        headerless = [i for i, h in enumerate(raw.header) if not h]
        rows = parsed.rows
        # Where a totals row writes its «Итого»: the columns naming whom a row is about.
        totals_at = [(i, c) for i, c, _ in mapping if c.key in TOTALS_COLUMNS]
        elsewhere = [(i, c) for i, c, _ in mapping if c.key not in TOTALS_COLUMNS] if totals_at else []
        # A repeated header (two exports pasted one under the other) is recognised by its first named column first.
        first_named = next((i for i, h in enumerate(raw.header) if h), None)
        header_text = normalize(raw.header[first_named]) if first_named is not None else None
        for number, cells in raw.rows:
            if not any(cells):
                continue
            self._row = number
            if header_text is not None and first_named < len(cells) and cells[first_named].__class__ is str \
                    and normalize(cells[first_named]) == header_text and self.repeats_header(raw, cells):
                self.package.corrections.append(ImportIssue(parsed.table.key, number, "", "", HEADER_REPEATED,
                                                            parsed.source))
                continue
            if self.totals_row(parsed, number, cells, totals_at):
                continue
            # With no one named in the row, «Итого» may stand in any column (the class, the subject).
            if elsewhere and all(is_empty(cells[i] if i < len(cells) else None) for i, _ in totals_at) \
                    and self.totals_row(parsed, number, cells, elsewhere):
                continue
            row = {"_row": number}
            filled = False
            size = len(cells)
            for index, column, parse in mapping:
                cell = cells[index] if index < size else None
                if cell is None or cell == "" or (cell.__class__ is str and not cell.strip()):
                    row[column.key] = None
                    continue
                filled = True
                try:
                    row[column.key] = parse(cell)
                except CellError as exc:
                    row[column.key] = INVALID
                    self.issue(parsed, number, column.label, cell, str(exc))
            if task_keys:
                scores = {task: cells[i] for i, task in task_keys if i < size and cell_text(cells[i])}
                if scores:
                    row["_task_cells"] = scores
                    filled = True
            if headerless or size > width:
                self.check_headerless(parsed, number, cells, headerless, width)
            if not filled:
                continue
            for column in parsed.required:
                if row.get(column.key) is None:
                    self.issue(parsed, number, column.label, "", "Не заполнено обязательное поле.")
            rows.append(row)
            if len(rows) % 25_000 == 0:
                tick(len(rows))
        for column in parsed.table.natural_key:
            if column.default is not None:
                for row in rows:
                    if row.get(column.key) is None:
                        row[column.key] = column.default
        self.empty_flags_are_no(parsed)

    @staticmethod
    def empty_flags_are_no(parsed: ParsedTable) -> None:
        """A boolean is `+`/empty too (spec/data-format.md): in a file that has the column an empty cell is «нет»
        (tables.Column.empty_is_no), in the rows the flag concerns; a file without it keeps what is stored."""
        for column in parsed.table.columns:
            if not column.empty_is_no or column.key not in parsed.present:
                continue
            key, concerns = column.key, column.concerns
            for row in parsed.rows:
                if row.get(key) is None and (concerns is None or concerns(row)):
                    row[key] = False

    @staticmethod
    def repeats_header(raw: RawTable, cells: list) -> bool:
        width = max(len(raw.header), len(cells))
        return all(normalize(cell_text(cells[i] if i < len(cells) else None))
                   == normalize(raw.header[i] if i < len(raw.header) else "") for i in range(width))

    def noting_lookalikes(self, parsed: ParsedTable, column: Column, parse: Callable) -> Callable:
        """The parser of a column where Latin look-alikes are read as Cyrillic, noting each value so read.

        Each distinct cell is compared once; the rows that repeat it only add to its count."""
        checked: dict[str, tuple | None] = {}  # cell -> its note's key, or None when read as typed

        def parse_and_note(cell: object) -> object:
            value = parse(cell)
            if cell.__class__ is not str:
                return value
            try:
                key = checked[cell]
            except KeyError:
                key = checked[cell] = self._lookalike_key(parsed, column, cell, value)
            if key is not None:
                note = self._lookalikes.setdefault(key, [self._row, 0, value])
                note[1] += 1
            return value

        return parse_and_note

    @staticmethod
    def _lookalike_key(parsed: ParsedTable, column: Column, cell: str, value: object) -> tuple | None:
        typed = cell_text(cell)
        if not LATIN.search(typed):
            return None
        # A class read at all has a Cyrillic letter, so a Latin one was replaced; a name keeps a word all in Latin.
        if column.type != ColumnType.CLASS and cyrillic_words(typed) == typed:
            return None
        return parsed.table.key, parsed.source, column.label, typed

    def note_lookalikes(self) -> None:
        for (table, source, label, typed), (row, rows, value) in self._lookalikes.items():
            read = class_name(*value) if isinstance(value, tuple) else ("; ".join(value) if isinstance(value, list)
                                                                        else value)
            more = f" (так в {rows} строках)" if rows > 1 else ""
            self.package.corrections.append(ImportIssue(table, row, label, typed, f"{LOOKALIKES_READ}: «{read}»{more}.",
                                                        source))

    def totals_row(self, parsed: ParsedTable, number: int, cells: list, totals_at: list[tuple[int, Column]]) -> bool:
        """«Итого: 2» under the pupils would be stored as a pupil: refused (not skipped, so nothing typed is lost)."""
        size = len(cells)
        for index, column in totals_at:
            cell = cells[index] if index < size else None
            if cell.__class__ is str and cell[:1] in TOTALS_FIRST and TOTALS.match(cell.strip()):
                self.issue(parsed, number, column.label, cell,
                           "Похоже на строку итогов, а не на строку данных: удалите её из таблицы (итоги система "
                           "считает сама). Пока она есть, пакет не загружается.")
                return True
        return False

    def check_headerless(self, parsed: ParsedTable, number: int, cells: list, headerless: list[int], width: int) -> None:
        """Data in a column without a header would be silently dropped: name it once per table."""
        if parsed.headerless_reported:
            return
        indexes = [i for i in headerless if i < len(cells)] + list(range(width, len(cells)))
        filled = next((i for i in indexes if cell_text(cells[i])), None)
        if filled is not None:
            self.issue(parsed, number, f"столбец {filled + 1}", cells[filled],
                       "Данные в столбце без заголовка: впишите заголовок или удалите столбец.")
            parsed.headerless_reported = True

    def map_header(self, raw: RawTable, parsed: ParsedTable):
        table = raw.table
        by_name = {}
        for column in table.columns:
            by_name[normalize(column.key)] = column
            by_name[normalize(column.label)] = column
        mapping: list[tuple[int, Column, Callable]] = []
        task_cells: dict[int, str] = {}
        seen: dict[str, str] = {}
        for index, header in enumerate(raw.header):
            if not header or normalize(header) in ROW_NUMBER_HEADERS:
                continue
            # «Код обучающегося*», «Фамилия:» — a star for a required field, a colon, as on paper forms.
            column = by_name.get(normalize(header)) or by_name.get(normalize(header).rstrip("*: "))
            task = task_of_header(header) if table.task_columns and column is None else None
            name = column.key if column else (f"task:{task}" if task else None)
            if name is None:
                self.issue(parsed, 1, header, header, "Неизвестный столбец. Допустимые столбцы: "
                           + ", ".join(f"«{c.label}» ({c.key})" for c in table.columns) + ".")
                continue
            if name in seen:
                self.issue(parsed, 1, header, header, f"Столбец повторяется (уже есть «{seen[name]}»).")
                continue
            seen[name] = header
            if column:
                parse = parser_for(column)
                if column.type == ColumnType.CLASS or column.cyrillic_words:
                    parse = self.noting_lookalikes(parsed, column, parse)
                mapping.append((index, column, parse))
                parsed.present.add(column.key)
            else:
                task_cells[index] = task
                parsed.task_headers[task] = header
        for column in table.columns:
            if column.must_be_filled and column.key not in parsed.present:
                self.issue(parsed, 1, column.label, "", f"Нет обязательного столбца «{column.label}» ({column.key}).")
        parsed.required = [c for c in table.columns if c.must_be_filled and c.key in parsed.present]
        return mapping, task_cells

    # links between tables

    def check(self) -> Package:
        pkg = self.package
        self.match_codes_without_zeros()
        self.check_keys()
        self.check_enrollments()
        self.check_values()
        self.check_survey_answers()
        if "survey_responses" in pkg.tables:
            self.package.notices += uncounted_answers(pkg.tables["survey_responses"], self.school)
        needed_students = {r.get("student_id") for key in STUDENT_TABLES for r in pkg.rows(key)}
        known = {r.get("student_id") for r in pkg.rows("students")}
        self.load_first(STUDENT_TABLES, "student_id", bool(known) or not needed_students,
                        Student.objects.filter(school=self.school), PUPILS_FIRST)
        self.load_first(("staff_events",), "staff_id", bool(pkg.rows("staff")) or not pkg.rows("staff_events"),
                        StaffMember.objects.filter(school=self.school), STAFF_FIRST)
        self.check_references(
            STUDENT_TABLES, "student_id", needed_students - known,
            lambda missing: Student.objects.filter(school=self.school, student_id__in=missing),
            "Обучающийся с таким кодом не найден ни в таблице «Обучающиеся» пакета, ни в загруженных ранее данных.",
        )
        needed_staff = {r.get("staff_id") for r in pkg.rows("staff_events")}
        self.check_references(
            ("staff_events",), "staff_id", needed_staff - {r.get("staff_id") for r in pkg.rows("staff")},
            lambda missing: StaffMember.objects.filter(school=self.school, staff_id__in=missing),
            "Работник с таким кодом не найден ни в таблице «Педагогические работники» пакета, ни в загруженных ранее данных.",
        )
        self.check_assessments()
        self.check_subject_names()
        return pkg

    def one_subject(self, name: object) -> object:
        """Two names of one subject are one key: case and ё, and the import's rule for other spellings
        (vsoko.assessments.subjects.same_subject: «Информатика и ИКТ» beside a stored «информатика»)."""
        from vsoko.assessments.subjects import same_subject, stored_subject_names

        if not isinstance(name, str):
            return name
        if self._stored_subjects is None:
            self._stored_subjects = stored_subject_names()
        return same_subject(name, self._stored_subjects)

    def check_subject_names(self) -> None:
        """A subject name that is a typo of a known one is refused: it would become a subject of its own.

        Two new names a letter apart («Черчение», «Черчене») are one subject typed twice: the rarer is refused.
        """
        from vsoko.assessments.subjects import normalize_text
        from vsoko.imports.subject_names import close_to, known_names
        from vsoko.records.models import Subject

        places = [("marks", "subject"), ("assessments", "subject"), ("staff", "subjects")]
        if not any(self.package.rows(key) for key, _ in places):
            return
        declared = [r["subject"] for r in self.package.rows("subjects") if isinstance(r.get("subject"), str)]
        known = known_names([*Subject.objects.values_list("name", flat=True), *declared])
        resembles = memoized(lambda name: close_to(name, known))
        new: dict[str, list[tuple[ParsedTable, int, str, str]]] = defaultdict(list)  # normalized -> places
        for key, column in places:
            if key not in self.package.tables:
                continue
            parsed = self.package.tables[key]
            label = parsed.table.column(column).label
            for row in parsed.rows:
                value = row.get(column)
                for name in value if isinstance(value, list) else [value]:
                    if not isinstance(name, str):
                        continue
                    if similar := resembles(name):
                        self.issue(parsed, row["_row"], label, name,
                                   f"Такого предмета нет, но название похоже на «{similar}»: исправьте написание "
                                   "или, если это другой предмет, впишите его на лист «Предметы» пакета.")
                    elif (text := normalize_text(name)) not in known:
                        new[text].append((parsed, row["_row"], label, name))
        for text, found in new.items():
            # The other new names at least as frequent: of two spellings the rarer is the typo (a tie: both).
            others = {o: f[0][3] for o, f in new.items() if o != text and len(f) >= len(found)}
            if others and (similar := close_to(found[0][3], others)):
                for parsed, number, label, name in found:
                    self.issue(parsed, number, label, name,
                               f"Такого предмета нет, но в пакете есть похожее название «{similar}»: исправьте "
                               "написание или, если это разные предметы, впишите оба на лист «Предметы» пакета.")

    def match_codes_without_zeros(self) -> None:
        """«123» for the pupil «00123»: a code column without the text format makes Excel drop leading zeros.

        Digit-only codes that are equal without their leading zeros are one person when one person has the
        number; two with one number («00123» and «123») are refused, naming both. Pupils and staff alike.
        """
        for owner in CODE_OWNERS:
            self.match_owner_codes(owner)

    def match_owner_codes(self, owner: CodeOwner) -> None:
        pkg, key = self.package, owner.key
        referenced = {r.get(key) for table in owner.referencing for r in pkg.rows(table)}
        own: dict[str, int] = {}
        for row in pkg.rows(owner.table):
            if isinstance(row.get(key), str):
                own.setdefault(row[key], row["_row"])
        if not any(isinstance(c, str) and c.isdigit() for c in (*own, *referenced)):
            return
        stored = {c for c in owner.model.objects.filter(school=self.school).values_list(key, flat=True) if c.isdigit()}
        by_number: dict[str, list[str]] = defaultdict(list)
        for code in [*own, *sorted(stored - set(own))]:
            if code.isdigit():
                by_number[without_zeros(code)].append(code)
        if owner.table in pkg.tables:
            self.report_same_numbers(pkg.tables[owner.table], owner, by_number, own)
        known = set(own) | stored
        for table in owner.referencing:
            if table not in pkg.tables:
                continue
            parsed = pkg.tables[table]
            label = parsed.table.column(key).label
            for row in parsed.rows:
                code = row.get(key)
                if not isinstance(code, str) or not code.isdigit() or code in known:
                    continue
                codes = by_number.get(without_zeros(code), [])
                if len(codes) == 1:
                    row[key] = codes[0]
                elif len(codes) > 1:
                    self.issue(parsed, row["_row"], label, code,
                               "Неясно, чей это код: без нулей в начале он совпадает с кодами "
                               + ", ".join(f"«{c}»" for c in codes)
                               + f". Впишите код полностью, как в таблице «{TABLES[owner.table].title}».")
                    row[key] = INVALID  # reported: not «не найден» as well

    def report_same_numbers(self, parsed: ParsedTable, owner: CodeOwner, by_number: dict[str, list[str]],
                            own: dict[str, int]) -> None:
        """People of the package whose codes differ only in leading zeros, from each other or from a stored one."""
        label = parsed.table.column(owner.key).label
        for codes in by_number.values():
            if len(codes) < 2 or codes[0] not in own:
                continue
            first = codes[0]
            for code in codes[1:]:
                if code in own:
                    self.issue(parsed, own[code], label, code,
                               f"Коды «{first}» (строка {own[first]}) и «{code}» (строка {own[code]}) различаются "
                               "только нулями в начале: Excel мог отбросить нули у одного из них. Если это разные "
                               f"{owner.people}, дайте одному из них другой код; если один — оставьте одну строку.")
                else:
                    self.issue(parsed, own[first], label, first,
                               f"Код «{first}» отличается от кода «{code}» {owner.of_person}, загруженного ранее, "
                               f"только нулями в начале: Excel мог отбросить нули. Если это тот же {owner.person}, "
                               f"впишите код «{code}»; если другой — дайте ему другой код.")

    def check_keys(self) -> None:
        for parsed in self.package.tables.values():
            key_columns = parsed.table.natural_key
            if any(c.must_be_filled and c.key not in parsed.present for c in key_columns):
                continue
            seen: dict[tuple, int] = {}
            labels = ", ".join(c.label for c in key_columns)
            names = [c.key for c in key_columns]
            subject = names.index("subject") if "subject" in names else None
            one_subject = memoized(self.one_subject)
            written: dict[int, str] = {}  # row -> its subject as written, for the message
            for row in parsed.rows:
                key = tuple([row.get(name) for name in names])
                if INVALID in key or None in key:
                    continue
                if subject is not None:
                    written[row["_row"]] = key[subject]
                    key = (*key[:subject], one_subject(key[subject]), *key[subject + 1:])
                first = seen.setdefault(key, row["_row"])
                if first != row["_row"]:
                    shown = "; ".join(cell_text(self.shown(c, row.get(c.key))) for c in key_columns)
                    why = f"Повторяется строка {first}: ключ ({labels}) должен быть уникален в таблице."
                    if subject is not None and normalize(written[first]) != normalize(written[row["_row"]]):
                        why += (f" «{written[row['_row']]}» и «{written[first]}» в строке {first} — написания "
                                "одного предмета.")
                    self.issue(parsed, row["_row"], key_columns[0].label, shown, why)

    @staticmethod
    def shown(column: Column, value: object) -> object:
        if column.type == ColumnType.YEAR and isinstance(value, int):
            return f"{value}/{value + 1}"
        if column.type == ColumnType.ENUM and isinstance(value, str):
            return column.choices(value).label
        return value

    def load_first(self, tables, key: str, in_package: bool, stored, message: str) -> None:
        """Rows that name pupils (staff) while neither the package nor the school has any: the tables were loaded
        in the wrong order. One error says what to load first; the row-by-row «не найден» would repeat it per row."""
        if in_package or stored.exists():
            return
        parsed = next(self.package.tables[t] for t in tables if self.package.rows(t))
        self.issues.append(ImportIssue(parsed.table.key, None, parsed.table.column(key).label, "", message,
                                       parsed.source))
        self.nobody.add(key)

    def check_references(self, tables, key: str, missing: set, stored: Callable, message: str) -> None:
        if key in self.nobody:
            return
        missing = {m for m in missing if isinstance(m, str)}
        if missing:
            missing -= set(stored(missing).values_list(key, flat=True))
        if not missing:
            return
        for table_key in tables:
            if table_key not in self.package.tables:
                continue
            parsed = self.package.tables[table_key]
            label = parsed.table.column(key).label
            for row in parsed.rows:
                if row.get(key) in missing:
                    self.issue(parsed, row["_row"], label, row[key], message)

    def check_enrollments(self) -> None:
        if "enrollments" not in self.package.tables:
            return
        parsed = self.package.tables["enrollments"]
        self.check_enrollment_dates(parsed)
        for row in parsed.rows:
            grade = row["class"][0] if isinstance(row.get("class"), tuple) else None
            if grade is None or grade in (9, 11):
                continue
            if row.get("gia_admitted") is True:
                self.issue(parsed, row["_row"], "Допущен к ГИА", "да", "Заполняется только для 9 и 11 классов.")
            if row.get("certificate") in (enums.Certificate.REGULAR.value, enums.Certificate.HONORS.value):
                self.issue(parsed, row["_row"], "Аттестат", enums.Certificate(row["certificate"]).label,
                           "Заполняется только для 9 и 11 классов.")
        for row in parsed.rows:
            # Where a graduate went on: graduates are those who finished grade 9 or 11 (outcome «окончил»).
            destination, outcome = row.get("destination"), row.get("outcome")
            if not isinstance(destination, str) or not isinstance(row.get("class"), tuple):
                continue
            if row["class"][0] not in (9, 11) or outcome not in (None, enums.Outcome.GRADUATED.value):
                self.issue(parsed, row["_row"], "Продолжение обучения", enums.Destination(destination).label,
                           "Заполняется только для выпускников 9 и 11 классов (итог года «окончил»).")

    def check_enrollment_dates(self, parsed: ParsedTable) -> None:
        """Dates a year off. An enrollment date before the year is the pupil's admission to the school (harmless);
        a leaving date after it is a leaving next year (harmless)."""
        for row in parsed.rows:
            year, enrolled, left = row.get("year"), row.get("enrolled_on"), row.get("left_on")
            if not isinstance(year, int):
                continue
            start, end = datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31)
            school_year = f"{year}/{year + 1}"
            if isinstance(enrolled, datetime.date) and isinstance(left, datetime.date) and left < enrolled:
                self.issue(parsed, row["_row"], "Дата выбытия", f"{left:%d.%m.%Y}",
                           f"Дата выбытия раньше даты зачисления ({enrolled:%d.%m.%Y}).")
            elif isinstance(enrolled, datetime.date) and enrolled > end:
                self.issue(parsed, row["_row"], "Дата зачисления", f"{enrolled:%d.%m.%Y}",
                           f"Дата зачисления позже конца учебного года {school_year} ({end:%d.%m.%Y}).")
            elif isinstance(left, datetime.date) and left < start:
                self.issue(parsed, row["_row"], "Дата выбытия", f"{left:%d.%m.%Y}",
                           f"Дата выбытия раньше начала учебного года {school_year} ({start:%d.%m.%Y}).")

    def check_survey_answers(self) -> None:
        """An answer to a scale question of a questionnaire of the product (parents, students, parents-do … —
        spec/core-indicators.md «Surveys») is a word of the scale: off it, it would count as «not satisfied»
        without a word. Questions the product does not know, and other surveys, keep their own answers."""
        from vsoko.surveys.questionnaires import SATISFACTION_SCALE, questionnaires

        if "survey_responses" not in self.package.tables:
            return
        parsed = self.package.tables["survey_responses"]
        scale = {normalize(word) for word in SATISFACTION_SCALE}
        for row in parsed.rows:
            questionnaire = questionnaires().get(row.get("survey"))
            question = questionnaire.question(row.get("question")) if questionnaire else None
            answer = row.get("answer")
            if question and question.is_scale and isinstance(answer, str) and answer and normalize(answer) not in scale:
                self.issue(parsed, row["_row"], "Ответ", answer,
                           f"Ответ не из шкалы анкеты «{questionnaire.code}». Допустимые: {', '.join(SATISFACTION_SCALE)}.")

    def check_values(self) -> None:
        if "values" not in self.package.tables:
            return
        parsed = self.package.tables["values"]
        if {"numerator", "denominator"} <= parsed.present:
            # A row given as a fraction replaces a value stored by an earlier import. The value is
            # not computed here: the evaluation takes numerator / denominator × the indicator's factor
            # (a share of 1 of 4 is 25 %, not 0.25), as for the entry form.
            parsed.present.add("value")
        if "value" in parsed.present:
            parsed.present.add("text")  # a text indicator's words; a number replaces them as the form does
        from vsoko.indicators.entry import typed
        from vsoko.indicators.enums import Unit

        units = known_indicator_units(self.school)
        for row in parsed.rows:
            code = row.get("indicator")
            if isinstance(code, str) and code not in units:
                self.issue(parsed, row["_row"], "Показатель", code,
                           "Показателя с таким кодом нет в каталогах школы (список кодов: «vsoko catalog» "
                           "или раздел «Показатели»).")
            numerator, denominator = row.get("numerator"), row.get("denominator")
            if isinstance(denominator, Decimal) and denominator == 0:
                self.issue(parsed, row["_row"], "Знаменатель", "0", "Знаменатель не может быть нулём.")
            unit = units.get(code)
            if unit is None:
                continue
            self.read_value(parsed, row, unit)
            if unit == Unit.TEXT and (numerator is not None or denominator is not None):
                given, label = (numerator, "Числитель") if numerator is not None else (denominator, "Знаменатель")
                self.issue(parsed, row["_row"], label, typed(given) if isinstance(given, Decimal) else given,
                           "У текстового показателя нет числителя и знаменателя: его значение — текст в столбце "
                           "«Значение».")
            if (unit == Unit.PERCENT and isinstance(numerator, Decimal) and isinstance(denominator, Decimal)
                    and denominator > 0 and numerator > denominator):
                self.issue(parsed, row["_row"], "Числитель", typed(numerator),
                           f"Числитель больше знаменателя {typed(denominator)}: доля в процентах — от 0 до 100 %.")

    def read_value(self, parsed: ParsedTable, row: dict, unit: str) -> None:
        """The `value` cell read as the entry form reads it for the indicator's unit and the row's level:
        a number or a yes/no into `value`, the words of a text indicator into `text`."""
        from vsoko.indicators.entry import EnteredValueError, read_typed

        cell, scope = row.get("value"), row.get("scope")
        if not isinstance(cell, str) or scope is INVALID:
            return
        key = (cell, unit, scope)
        if key not in self._read_values:  # the same «да» or «100» repeats down the sheet
            try:
                self._read_values[key] = read_typed(cell, unit, scope)
            except EnteredValueError as exc:
                self._read_values[key] = exc
        value = self._read_values[key]
        if isinstance(value, EnteredValueError):
            row["value"] = INVALID
            self.issue(parsed, row["_row"], "Значение", cell, str(value))
        elif isinstance(value, str):
            row["value"], row["text"] = None, value
        else:
            row["value"] = value.quantize(STORED_PLACES)  # as the field stores it: the writer inserts it as is

    # assessments, tasks and results

    def check_assessments(self) -> None:
        pkg = self.package
        assessments = {r["assessment_id"]: r for r in pkg.rows("assessments") if isinstance(r.get("assessment_id"), str)}
        if "assessments" in pkg.tables:
            parsed = pkg.tables["assessments"]
            self.check_ege(parsed)
            self.fill_scales(parsed)
            for row in parsed.rows:
                for key, label, parse in (("mark_scale", "Шкала перевода в отметку", parse_mark_scale),
                                          ("test_scale", "Шкала перевода в тестовый балл", parse_test_scale)):
                    if isinstance(row.get(key), str):
                        try:
                            row["_" + key] = parse(row[key])
                        except CellError as exc:
                            self.issue(parsed, row["_row"], label, row[key], str(exc))
        needed = {r.get("assessment_id") for r in pkg.rows("assessment_tasks") + pkg.rows("results")}
        needed = {a for a in needed if isinstance(a, str)}
        stored = self.stored_assessments(needed - set(assessments))
        for table_key in ("assessment_tasks", "results"):
            if table_key not in pkg.tables:
                continue
            parsed = pkg.tables[table_key]
            for row in parsed.rows:
                value = row.get("assessment_id")
                if isinstance(value, str) and value not in assessments and value not in stored:
                    self.issue(parsed, row["_row"], "Код процедуры", value,
                               "Процедура с таким кодом не найдена ни в таблице «Оценочные процедуры» пакета, "
                               "ни в загруженных ранее данных.")
        for row in pkg.rows("assessment_tasks"):
            if isinstance(row.get("assessment_id"), str) and isinstance(row.get("task"), str):
                pkg.tasks.setdefault(row["assessment_id"], []).append((row["task"], row.get("max_points")))
        self.issues += task_lists.check(pkg, self.school)
        self.load_stored_tasks(needed - set(pkg.tasks))
        if "results" in pkg.tables:
            scales = {a: (r.get("_mark_scale"), r.get("_test_scale"), r.get("max_score")) for a, r in assessments.items()}
            scales.update({a: v for a, v in stored.items() if a not in scales})
            self.check_results(pkg.tables["results"], scales)

    def check_ege(self, parsed: ParsedTable) -> None:
        """What the spec asks only of ЕГЭ: mathematics names its level, and only ЕГЭ has test scores."""
        from vsoko.assessments.subjects import subject_key

        for row in parsed.rows:
            kind, subject = row.get("kind"), row.get("subject")
            if kind == enums.AssessmentKind.EGE and isinstance(subject, str) and subject_key(subject) == "математика":
                self.issue(parsed, row["_row"], "Предмет", subject,
                           "Для ЕГЭ по математике укажите уровень: «математика (профиль)» или «математика (база)».")
            if isinstance(kind, str) and kind != enums.AssessmentKind.EGE and isinstance(row.get("test_scale"), str):
                self.issue(parsed, row["_row"], "Шкала перевода в тестовый балл", row["test_scale"],
                           f"Заполняется только для ЕГЭ, а это {enums.AssessmentKind(kind).label}.")

    def fill_scales(self, parsed) -> None:
        """Scales the file leaves empty: the stored assessment's own, else the shipped one for the year.

        A school rarely types ОГЭ/ЕГЭ/ВПР scales by hand; the official ones are reference
        data (vsoko.assessments). Stored values win, so re-importing without the columns
        never replaces a scale the school entered earlier.
        """
        from vsoko.assessments.grading import SCALE_FIELDS, fill_scale_defaults

        ids = [r["assessment_id"] for r in parsed.rows if isinstance(r.get("assessment_id"), str)]
        stored = {
            row["assessment_id"]: row
            for row in Assessment.objects.filter(school=self.school, assessment_id__in=ids).values("assessment_id", *SCALE_FIELDS)
        }
        for row in parsed.rows:
            own = stored.get(row.get("assessment_id"), {})
            for key in SCALE_FIELDS:
                if row.get(key) is None and own.get(key) not in (None, ""):
                    row[key] = own[key]
                    parsed.present.add(key)
            parsed.present.update(fill_scale_defaults(row))

    def stored_assessments(self, ids: set[str]) -> dict[str, tuple]:
        if not ids:
            return {}
        found = {}
        rows = Assessment.objects.filter(school=self.school, assessment_id__in=ids).values_list(
            "assessment_id", "mark_scale", "test_scale", "max_score")
        for assessment_id, mark_scale, test_scale, max_score in rows:
            try:
                scales = (parse_mark_scale(mark_scale), parse_test_scale(test_scale))
            except CellError:
                scales = ([], {})
            found[assessment_id] = (*scales, max_score)
        return found

    def load_stored_tasks(self, ids: set[str]) -> None:
        if not ids:
            return
        rows = AssessmentTask.objects.filter(assessment__school=self.school, assessment__assessment_id__in=ids)
        for assessment_id, task, max_points in rows.order_by("assessment_id", "position").values_list(
                "assessment__assessment_id", "task", "max_points"):
            self.package.tasks.setdefault(assessment_id, []).append((task, max_points))

    def check_results(self, parsed: ParsedTable, scales: dict[str, tuple]) -> None:
        if "task_scores" in parsed.present or parsed.task_headers:
            parsed.present.add("primary_score")
            parsed.present.add("_scores")
        for row in parsed.rows:
            assessment_id = row.get("assessment_id")
            if not isinstance(assessment_id, str) or assessment_id not in scales:
                continue
            scores = self.task_scores(parsed, row, self.package.tasks.get(assessment_id, []))
            if scores is not None:
                row["_scores"] = scores
                if row.get("primary_score") is None and scores:
                    row["primary_score"] = sum(scores.values(), Decimal(0))
                    if row["primary_score"] >= 100_000:
                        self.issue(parsed, row["_row"], "Баллы по заданиям", row.get("task_scores") or "",
                                   "Сумма баллов слишком велика.")
            self.derive_marks(parsed, row, *scales[assessment_id])

    def task_scores(self, parsed: ParsedTable, row: dict, tasks: list[tuple[str, int]]) -> dict[str, Decimal] | None:
        """task -> points for the row, None when it gives no task scores."""
        text, cells = row.get("task_scores"), row.get("_task_cells")
        if text is INVALID or (text is None and not cells):
            return None
        number, assessment_id = row["_row"], row["assessment_id"]
        if text is not None and cells:
            self.issue(parsed, number, "Баллы по заданиям", text,
                       "Баллы указаны и в столбце «Баллы по заданиям», и в столбцах заданий: оставьте одно.")
            return None
        if not tasks:
            self.issue(parsed, number, "Баллы по заданиям", text or "",
                       f"У процедуры «{assessment_id}» нет заданий: заполните таблицу «Задания».")
            return None
        if text is not None:
            parts = [p.strip() for p in text.split(";")]
            if len(parts) == len(tasks) + 1 and not parts[-1]:
                parts.pop()
            if len(parts) != len(tasks):
                self.issue(parsed, number, "Баллы по заданиям", text,
                           f"Баллов по заданиям {len(parts)}, а заданий у процедуры «{assessment_id}» {len(tasks)}.")
                return None
            given = {task: part for (task, _), part in zip(tasks, parts, strict=True) if part}
            labels = dict.fromkeys(given, "Баллы по заданиям")
        else:
            names = {t for t, _ in tasks}
            for task, cell in cells.items():
                if task not in names:
                    self.issue(parsed, number, parsed.task_headers[task], cell,
                               f"У процедуры «{assessment_id}» нет задания «{task}».")
            lacking = [t for t, _ in tasks if t not in parsed.task_headers]
            if lacking:
                self.issue(parsed, number, "Баллы по заданиям", "",
                           f"Нет столбцов для заданий {', '.join(lacking)} процедуры «{assessment_id}».")
            given = {t: c for t, c in cells.items() if t in names}
            labels = {t: parsed.task_headers[t] for t in given}
        return self.points(parsed, number, given, labels, dict(tasks))

    def points(self, parsed, number, given, labels, max_points) -> dict[str, Decimal] | None:
        scores, ok = {}, True
        for task, cell in given.items():
            try:
                value = PARSE_POINTS(cell)
            except CellError as exc:
                self.issue(parsed, number, labels[task], cell, f"Задание «{task}»: {exc}")
                ok = False
                continue
            limit = max_points.get(task)
            if value < 0 or (isinstance(limit, int) and value > limit):
                self.issue(parsed, number, labels[task], cell,
                           f"Задание «{task}»: балл должен быть от 0 до {limit}.")
                ok = False
            scores[task] = value
        return scores if ok else None

    def derive_marks(self, parsed, row, mark_scale, test_scale, max_score) -> None:
        primary = row.get("primary_score")
        if not isinstance(primary, Decimal):
            return
        number = row["_row"]
        if isinstance(max_score, int) and primary > max_score:
            self.issue(parsed, number, "Первичный балл", cell_text(primary),
                       f"Больше максимального первичного балла процедуры ({max_score}).")
            return
        if row.get("mark") is None and mark_scale:
            row["mark"] = mark_from_scale(mark_scale, primary)
            parsed.present.add("mark")
            if row["mark"] is None:
                self.issue(parsed, number, "Первичный балл", cell_text(primary), "Балл не попадает в шкалу перевода в отметку.")
        if row.get("test_score") is None and test_scale:
            parsed.present.add("test_score")
            if primary == primary.to_integral_value() and int(primary) in test_scale:
                row["test_score"] = test_scale[int(primary)]
            else:
                self.issue(parsed, number, "Первичный балл", cell_text(primary),
                           "Балла нет в шкале перевода в тестовый балл.")


# A totals row: «Итого: 2», «Всего», «ИТОГО учащихся — 25»; not «Итогов» or «Всеволод» (a whole word only).
TOTALS = re.compile(r"(?:итого|всего|итог|total|количество|кол-во)(?!\w)", re.IGNORECASE)
TOTALS_FIRST = set("ИиВвTtКк")
TOTALS_COLUMNS = {"student_id", "staff_id", "assessment_id", "last_name", "first_name", "middle_name", "respondent"}

PARSE_POINTS = memoized(parse_decimal(POINTS), size=1000)


def without_zeros(code: str) -> str:
    """The number a digit-only code stands for: «00123» → «123», «000» → «0»."""
    return code.lstrip("0") or "0"


def validate(source: SourceTables, *, school: OrgUnit, step: Step | None = None) -> tuple[Package, list[ImportIssue]]:
    """Read and check every table of the package; the issues list is empty when it may be stored."""
    checker = Checker(school, step)
    checker.read(source)
    package = checker.check()
    return package, checker.issues


def known_indicator_units(school: OrgUnit) -> dict[str, str]:
    """Codes a `values` row may name (shipped catalogs and the school's own indicators), with their units."""
    from django.db.models import Q

    from vsoko.indicators.models import Indicator

    return dict(
        Indicator.objects.filter(Q(catalog__school__isnull=True) | Q(catalog__school=school), retired=False)
        .values_list("code", "unit")
    )
