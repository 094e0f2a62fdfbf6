"""The tables of the canonical data package, declared as data (spec/data-format.md).

Each table lists its columns: key, Russian label, how the cell is read, whether
it must be filled, and which columns form the natural key that matches a row to
the stored record on re-import. The readers, the validation, the template and
the instruction sheet are all driven by these declarations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models

from vsoko.imports.enums import ColumnType
from vsoko.records import enums

T = ColumnType


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    type: ColumnType = ColumnType.TEXT
    required: bool = False
    natural_key: bool = False
    choices: type[models.TextChoices] | None = None
    # Extra accepted words (normalized) -> stored value, e.g. «СЗД» for «соответствие».
    aliases: dict[str, str] = field(default_factory=dict)
    min_value: int | None = None
    max_value: int | None = None
    max_length: int | None = None
    max_digits: int = 14
    decimal_places: int = 4
    default: str | None = None  # the stored value of an empty key cell (values.scope)
    not_future: bool = False  # a date that cannot be after today (a birth date)
    cyrillic_words: bool = False  # subject and people's names: Latin look-alikes in a Cyrillic word are Cyrillic
    # A boolean of the spec's `+`/empty kind: in a file that has the column, an empty cell is «нет» — not the model's
    # default («Педагогический работник» defaults to «да») nor «не указано». A file without it keeps what is stored.
    empty_is_no: bool = False
    # The parsed rows the flag concerns, when not every row: elsewhere an empty cell stays «не указано».
    concerns: Callable[[dict], bool] | None = None
    help: str = ""

    @property
    def must_be_filled(self) -> bool:
        return (self.required or self.natural_key) and self.default is None


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: tuple[Column, ...]
    help: str = ""
    # Excel limits sheet names to 31 characters; long titles get a short sheet title.
    short_title: str = ""
    task_columns: bool = False  # results: one column per task (`task_1`, `З1`, …)

    @property
    def sheet_title(self) -> str:
        return self.short_title or self.title

    @property
    def natural_key(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.natural_key)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def names(self) -> set[str]:
        """Normalized names a sheet or a CSV file of this table may have."""
        return {normalize(n) for n in (self.key, self.title, self.sheet_title, self.title[:31])}

    def knows(self, header: str) -> bool:
        """True when a header cell names a column of this table (its key, its label or, for results, a task)."""
        wanted = normalize(header)
        return any(wanted in (normalize(c.key), normalize(c.label)) for c in self.columns) or bool(
            self.task_columns and task_of_header(header))


def normalize(text: str) -> str:
    """Case-, whitespace- and ё-insensitive form of a header, a sheet name or an enum word."""
    return " ".join(str(text).replace("\u00a0", " ").replace("_", " ").split()).casefold().replace("ё", "е")


TASK_COLUMN = re.compile(r"^(?:task\s*|з\s*)(\d[\w.]*)$", re.IGNORECASE)


def task_of_header(header: str) -> str | None:
    """The task a per-task results column is for (`task_3.1` or `З3.1` -> `3.1`), else None."""
    match = TASK_COLUMN.match(normalize(header))
    return match.group(1) if match else None


YEAR = Column("year", "Учебный год", T.YEAR, natural_key=True, help="2024/2025 — учебный год, начавшийся 1 сентября 2024 г.")
STUDENT = Column("student_id", "Код обучающегося", natural_key=True, max_length=64,
                 help="код обучающегося, как в таблице «Обучающиеся» (в этом пакете или загруженный ранее)")
STAFF = Column("staff_id", "Код работника", natural_key=True, max_length=64, help="постоянный код работника")
ASSESSMENT = Column("assessment_id", "Код процедуры", natural_key=True, max_length=64,
                    help="код процедуры из таблицы «Оценочные процедуры»")
# A name typed partly in the English layout («Иванoв») would never be found by name in a protocol.
LAST_NAME = Column("last_name", "Фамилия", max_length=100, cyrillic_words=True)
FIRST_NAME = Column("first_name", "Имя", max_length=100, cyrillic_words=True)
MIDDLE_NAME = Column("middle_name", "Отчество", max_length=100, help="необязательно", cyrillic_words=True)
BIRTH_DATE = Column("birth_date", "Дата рождения", T.DATE, not_future=True)


def enum(key: str, label: str, choices: type[models.TextChoices], **kwargs) -> Column:
    return Column(key, label, T.ENUM, choices=choices, **kwargs)


def flag(key: str, label: str, **kwargs) -> Column:
    """A да/нет column; the spec's booleans are also `+`/empty, so an empty cell is «нет» (unless said otherwise)."""
    return Column(key, label, T.BOOL, **{"empty_is_no": True, **kwargs})


def in_grades_9_and_11(row: dict) -> bool:
    """Admission to the ГИА is a question in grades 9 and 11 only: a 5th-grader's empty cell is no «нет»."""
    return isinstance(row.get("class"), tuple) and row["class"][0] in (9, 11)


def has_destination(row: dict) -> bool:
    """«По профилю» is said of where a graduate went on: without a destination it is not a question."""
    return row.get("destination") is not None


def is_pedagogical(row: dict) -> bool:
    """Education «по профилю» is a pedagogical worker's: a cook's empty cell is no «нет». Read after «Педагогический
    работник» (the table's order), whose empty cell is then already «нет»; without that column the worker is one."""
    return row.get("pedagogical") is not False


STUDENTS = Table(
    "students", "Обучающиеся",
    (
        Column("student_id", "Код обучающегося", natural_key=True, max_length=64,
               help="постоянный код обучающегося в школе (текст)"),
        LAST_NAME, FIRST_NAME, MIDDLE_NAME, BIRTH_DATE,
        enum("sex", "Пол", enums.Sex, aliases={"муж": "m", "мужской": "m", "жен": "f", "женский": "f",
                                                 "м.": "m", "муж.": "m", "ж.": "f", "жен.": "f"}),
    ),
    help="Одна строка на обучающегося.",
)

ENROLLMENTS = Table(
    "enrollments", "Контингент",
    (
        YEAR, STUDENT,
        Column("class", "Класс", T.CLASS, required=True, help="параллель и литера: 9А, 10Б, 1"),
        Column("enrolled_on", "Дата зачисления", T.DATE, help="пусто — с начала учебного года"),
        Column("left_on", "Дата выбытия", T.DATE, help="выбывший до конца года не учитывается на конец года"),
        flag("ovz", "ОВЗ"),
        flag("disability", "Инвалидность"),
        flag("non_native_russian", "Неродной русский язык"),
        Column("health_group", "Группа здоровья", T.INT, min_value=1, max_value=5, help="1–5, необязательно"),
        enum("pe_group", "Физкультурная группа", enums.PeGroup),
        enum("outcome", "Итог года", enums.Outcome, help="можно не заполнять до конца года"),
        flag("gia_admitted", "Допущен к ГИА", concerns=in_grades_9_and_11, help="только 9 и 11 классы"),
        enum("certificate", "Аттестат", enums.Certificate, help="только 9 и 11 классы"),
        enum("destination", "Продолжение обучения", enums.Destination, help="только выпускники"),
        flag("destination_matches_profile", "По профилю", concerns=has_destination),
    ),
    help="Одна строка на обучающегося в учебном году: класс, в котором он учился.",
)

SOCIAL = Table(
    "social", "Социальный статус и профилактика",
    (
        YEAR, STUDENT,
        enum("category", "Категория", enums.SocialCategory, natural_key=True,
             aliases={"учет пдн": "pdn", "пдн": "pdn", "кдн": "kdn", "вшу": "in_school"}),
        Column("since", "С", T.DATE),
        Column("until", "По", T.DATE, help="дата снятия с учёта"),
    ),
    help="Чувствительные сведения: доступны только пользователям с особым разрешением.",
    short_title="Социальный статус",
)

STAFF_TABLE = Table(
    "staff", "Педагогические работники",
    (
        YEAR, STAFF, LAST_NAME, FIRST_NAME, MIDDLE_NAME, BIRTH_DATE,
        Column("position", "Должность", max_length=200, help="например: учитель, педагог-психолог"),
        flag("pedagogical", "Педагогический работник"),
        enum("education", "Образование", enums.Education),
        flag("profile_match", "Образование по профилю", concerns=is_pedagogical),
        enum("category", "Категория", enums.QualificationCategory, aliases={"сзд": "conformity"},
             help="«СЗД» означает «соответствие»"),
        Column("category_date", "Дата аттестации", T.DATE),
        Column("experience_since", "Педагогический стаж с", T.DATE, help="дата начала педагогического стажа"),
        enum("employment", "Занятость", enums.Employment),
        Column("weekly_hours", "Нагрузка, ч в неделю", T.DECIMAL, max_digits=5, decimal_places=1),
        Column("subjects", "Предметы", T.LIST, cyrillic_words=True, help="названия предметов через «;»"),
    ),
    help="Одна строка на работника в учебном году (состояние на 1 сентября).",
)

STAFF_EVENTS = Table(
    "staff_events", "Развитие педагогов",
    (
        YEAR, STAFF,
        enum("kind", "Вид", enums.StaffEventKind, natural_key=True),
        Column("title", "Название", natural_key=True, max_length=500),
        Column("date", "Дата", T.DATE),
        enum("level", "Уровень", enums.StaffEventLevel),
        Column("hours", "Часов", T.INT, min_value=0, max_value=100000, help="для курсов"),
        Column("topics", "Темы", T.LIST, choices=enums.StaffEventTopic, help="темы через «;»"),
        enum("result", "Результат", enums.AwardResult),
    ),
)

SUBJECTS = Table(
    "subjects", "Предметы",
    (
        Column("subject", "Предмет", natural_key=True, max_length=200, cyrillic_words=True,
               help="новый предмет с названием, похожим на известный (например, «Ненецкий язык» при «Немецком языке»)"),
    ),
    help="Необязательный лист. Предмет, названный здесь, создаётся, даже если его название похоже на другой "
         "предмет: без этого похожее название считается опечаткой.",
)

ROMAN = ("i", "ii", "iii", "iv")
PERIOD_WORDS = {"четверть": ("q", 4), "триместр": ("t", 3), "полугодие": ("h", 2)}
# Journals' spellings of a period: «I четверть», «1-я четверть», «1 четв.»; each names exactly one period.
PERIOD_ALIASES = {
    **{f"{number} {word}": f"{code}{n}" for word, (code, count) in PERIOD_WORDS.items() for n in range(1, count + 1)
       for number in (ROMAN[n - 1], f"{n}-я", f"{n}-е", f"{n}-й")},
    **{f"{n} {short}": f"q{n}" for n in range(1, 5) for short in ("четв.", "четв", "чет.")},
    "годовая": "year", "за год": "year",
}

MARKS = Table(
    "marks", "Отметки за периоды",
    (
        YEAR,
        enum("period", "Период", enums.Period, natural_key=True, aliases=PERIOD_ALIASES),
        STUDENT,
        Column("subject", "Предмет", natural_key=True, max_length=200, cyrillic_words=True,
               help="название предмета, как в учебном плане"),
        enum("mark", "Отметка", enums.Mark, required=True,
             aliases={"зач": "pass", "незач": "fail", "не зачет": "fail", "зачтено": "pass", "не зачтено": "fail",
                      "незачтено": "fail", "осв.": "exempt", "освобожден": "exempt",
                      "на": "na", "н/а.": "na", "не аттестован": "na", "н\\а": "na"}),
    ),
)

ASSESSMENTS = Table(
    "assessments", "Оценочные процедуры",
    (
        ASSESSMENT,
        Column("year", "Учебный год", T.YEAR, required=True, help="2024/2025"),
        enum("kind", "Вид", enums.AssessmentKind, required=True, aliases={"гвэ 9": "gve9", "гвэ 11": "gve11"}),
        Column("subject", "Предмет", max_length=200, cyrillic_words=True,
               help="для ЕГЭ по математике: «математика (профиль)» или «математика (база)»"),
        Column("grade", "Класс (параллель)", T.INT, min_value=4, max_value=11, help="4–11"),
        Column("date", "Дата", T.DATE),
        Column("max_score", "Максимальный первичный балл", T.INT, min_value=0, max_value=100000),
        Column("min_score", "Минимальный порог", T.INT, min_value=0, max_value=100000,
               help="первичный балл для ОГЭ и ВПР, тестовый для ЕГЭ"),
        Column("mark_scale", "Шкала перевода в отметку", max_length=200, help="например 2:0-7;3:8-14;4:15-21;5:22-33"),
        Column("test_scale", "Шкала перевода в тестовый балл", help="только ЕГЭ: 0:0;1:3;2:5;… (первичный:тестовый)"),
    ),
)

ASSESSMENT_TASKS = Table(
    "assessment_tasks", "Задания",
    (
        ASSESSMENT,
        Column("task", "Задание", natural_key=True, max_length=20, help="1, 2, 3.1, …"),
        Column("max_points", "Макс. балл", T.INT, required=True, min_value=0, max_value=1000),
        enum("difficulty", "Уровень", enums.Difficulty,
             aliases={"базовый": "basic", "повышенный": "advanced", "высокий": "high"}),
        Column("skill", "Проверяемое умение"),
        flag("metasubject", "Метапредметное"),
        flag("functional_literacy", "Функциональная грамотность"),
    ),
    help="Задания процедуры перечисляются по порядку: в этом же порядке идут баллы по заданиям в результатах.",
)

RESULTS = Table(
    "results", "Результаты участников",
    (
        ASSESSMENT, STUDENT,
        enum("attempt", "Попытка", enums.Attempt, help="по умолчанию «основная»"),
        flag("absent", "Не явился", help="неявка не считается участием"),
        Column("primary_score", "Первичный балл", T.DECIMAL, max_digits=6, decimal_places=1,
               help="пусто — сумма баллов по заданиям"),
        Column("test_score", "Тестовый балл", T.DECIMAL, max_digits=6, decimal_places=1,
               help="ЕГЭ; пусто — по шкале перевода процедуры"),
        Column("mark", "Отметка", T.INT, min_value=1, max_value=5, help="пусто — по шкале перевода процедуры"),
        Column("journal_mark", "Отметка по журналу", T.INT, min_value=1, max_value=5,
               help="последняя отметка за период по предмету перед процедурой (ВПР)"),
        Column("task_scores", "Баллы по заданиям",
               help="через «;» в порядке заданий процедуры; или отдельные столбцы task_1, task_2, … / З1, З2, …"),
    ),
    task_columns=True,
)

EVENTS = Table(
    "events", "Олимпиады, конкурсы, соревнования",
    (
        YEAR, STUDENT,
        Column("event", "Мероприятие", natural_key=True, max_length=500),
        enum("level", "Уровень", enums.EventLevel, natural_key=True),
        enum("kind", "Вид", enums.EventKind),
        Column("subject", "Предмет / направление", max_length=200, cyrillic_words=True),
        enum("result", "Результат", enums.EventResult, help="по умолчанию «участник»"),
    ),
    short_title="Олимпиады и конкурсы",
)

PROGRAMS = Table(
    "programs", "Дополнительное образование и занятость",
    (
        YEAR, STUDENT,
        Column("program", "Программа / объединение", natural_key=True, max_length=500),
        enum("kind", "Вид", enums.ProgramKind),
        flag("certificate", "Сертификат ДО"),
        flag("individual_route", "Индивидуальный маршрут"),
    ),
    short_title="Доп. образование и занятость",
)

VALUES = Table(
    "values", "Показатели, вводимые вручную",
    (
        YEAR,
        Column("indicator", "Показатель", natural_key=True, max_length=100, help="код показателя из каталога"),
        enum("scope", "Уровень", enums.ValueScope, natural_key=True, default=enums.ValueScope.SCHOOL,
             help="по умолчанию «школа»; муниципалитет, регион, РФ — значения для сравнения"),
        Column("value", "Значение", T.TYPED,
               help="число («1 234», «4,5», «−3», у доли в процентах «85 %»), «да»/«нет» "
                    "(или 1/0) у показателя «да/нет», текст у текстового показателя (только уровень «школа»); "
                    "пусто — по числителю и знаменателю (для доли в процентах: 1 из 4 — 25 %)"),
        Column("numerator", "Числитель", T.DECIMAL, max_digits=14, decimal_places=4),
        Column("denominator", "Знаменатель", T.DECIMAL, max_digits=14, decimal_places=4),
        Column("comment", "Комментарий"),
        Column("source", "Источник", max_length=500, help="документ, ссылка"),
    ),
    help="Значения показателей, которые нельзя вычислить по записям, и значения для сравнения.",
)

SURVEY_RESPONSES = Table(
    "survey_responses", "Ответы анкет",
    (
        YEAR,
        Column("survey", "Анкета", natural_key=True, max_length=50, help="код анкеты, например parents, students"),
        Column("respondent", "Респондент", natural_key=True, max_length=64, help="анонимный код, уникальный в анкете и году"),
        Column("grade", "Класс (параллель)", T.INT, min_value=1, max_value=11, help="1–11"),
        Column("question", "Вопрос", natural_key=True, max_length=50, help="код вопроса"),
        Column("answer", "Ответ", help="текст ответа, как в шкале анкеты"),
    ),
    help="Одна строка на ответ.",
)

TABLES: dict[str, Table] = {
    t.key: t
    for t in (
        STUDENTS, ENROLLMENTS, SOCIAL, STAFF_TABLE, STAFF_EVENTS, SUBJECTS, MARKS, ASSESSMENTS,
        ASSESSMENT_TASKS, RESULTS, EVENTS, PROGRAMS, VALUES, SURVEY_RESPONSES,
    )
}

# Sheets of the template that are not tables; a workbook may carry them back.
SERVICE_SHEETS = {normalize("Инструкция"), normalize("Списки")}
# A school's own sheet of advice before the tables («Инструкция по заполнению», «Пояснения»): no table is
# called so, so skipping it cannot hide a table whose sheet name has a typo.
ADVICE_SHEET_WORDS = ("инструкция", "пояснения", "как заполнять", "памятка", "readme", "read me")


def is_service_sheet(name: str) -> bool:
    """A sheet that is not a table and is skipped: the template's own, or a sheet of advice."""
    wanted = normalize(name)
    return wanted in SERVICE_SHEETS or wanted.startswith(ADVICE_SHEET_WORDS)


def table_for_name(name: str) -> Table | None:
    """The table a sheet or CSV file name stands for (key or Russian title), else None."""
    wanted = normalize(name)
    return next((t for t in TABLES.values() if wanted in t.names()), None)


# What a browser adds to a second download («students (1)») and Windows to a copy («students - копия»); an
# upload kept on disk under a safe name has them as «students_1», «students_-_копия» (normalize reads «_» as a space).
COPY_SUFFIX = re.compile(r"\s+(?:\(?\d{1,3}\)?|-\s*(?:копия|copy)(?:\s*\(?\d{1,3}\)?)?)$|\s*\(\d{1,3}\)$")


def table_for_file_name(stem: str) -> Table | None:
    """The table a CSV file name (without «.csv») stands for, also when saved twice: «students (1)»."""
    return table_for_name(stem) or table_for_name(COPY_SUFFIX.sub("", normalize(stem)))
