"""«Черновик формы ОО-1 (по данным vsoko)»: the parts of the federal statistical form ОО-1 the school's records
can fill (regulation 004, прил. 7.5 «формы федерального статистического наблюдения»), so the deputy copies numbers
into the federal system instead of counting them in the journal.

Counts only, nobody named. Each table is one grouped query (GROUP BY in the database); the subtotals of the
levels (1–4, 5–9, 10–11 классы) are sums of at most eleven grouped rows. The dates (docs/reports.md, «Черновик
формы ОО-1»):
- the pupils are counted on 20 September of the reporting year (the form's date for classes and pupils): enrolled
  in the year's class, enrolled on or before it (or with no date of enrolment) and not left before it (a pupil
  whose date of leaving is that very day is still counted, as the other counts of the product do);
- a pupil's age is full years on 1 January of the next calendar year (the form's rule): born on 1 January — the
  birthday is already reached;
- those left to repeat the year: on the count date in a class whose previous year's enrolment (same pupil, this
  school) ended «оставлен на повторное обучение»;
- the graduates: the previous school year's 9 and 11 classes;
- the pedagogical staff: the staff records of the year (their state on 1 September, docs/import.md), experience
  in full years on 1 September as everywhere in vsoko, age in full years on 1 January of the next year.

The school's administration files the form and sees every figure. The municipal observer, who sees aggregates
only, gets the sensitive columns of «По классам» (ОВЗ, дети-инвалиды, left to repeat) with each group of
1…VSOKO_MIN_GROUP_SIZE−1 pupils withheld («—*») and, since the grades add up to the levels' subtotals and these to
the school's total, the cells that would give it back by subtraction too (`withheld_cells`,
vsoko.publication.suppression.suppress_table).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import ExtractYear

from vsoko.publication.suppression import TOTAL, suppress_table
from vsoko.records.enums import Certificate, Education, Outcome, QualificationCategory, Sex
from vsoko.records.models import Enrollment, OrgUnit, StaffYear
from vsoko.records.years import year_label
from vsoko.reports.document import (
    HIDDEN,
    Cell,
    Document,
    Heading,
    Number,
    Paragraph,
    Section,
    Table,
)
from vsoko.reports.writers import Sheet, to_xlsx_book

TITLE = "Черновик формы ОО-1 (по данным vsoko)"
LEVELS = (("1–4 классы", range(1, 5)), ("5–9 классы", range(5, 10)), ("10–11 классы", range(10, 12)))
EXPERIENCE_BANDS = ((3, "до 3 лет"), (5, "от 3 до 5 лет"), (10, "от 5 до 10 лет"), (15, "от 10 до 15 лет"),
                    (20, "от 15 до 20 лет"), (None, "20 лет и более"))
AGE_BANDS = ((25, "моложе 25 лет"), (30, "25–29 лет"), (35, "30–34 года"), (40, "35–39 лет"), (45, "40–44 года"),
             (50, "45–49 лет"), (55, "50–54 года"), (60, "55–59 лет"), (65, "60–64 года"), (None, "65 лет и старше"))
UNKNOWN = "не указано"


def count_date(year: int) -> datetime.date:
    """The day the pupils are counted on: 20 September of the reporting year (the form's «на 20 сентября»)."""
    return datetime.date(year, 9, 20)


def age_date(year: int) -> datetime.date:
    """Ages are full years on 1 January of the calendar year after the reporting one (the form's rule)."""
    return datetime.date(year + 1, 1, 1)


def full_years_on(field: str, day: datetime.date) -> ExpressionWrapper:
    """Full years from the date in `field` to `day`, computed in the database (SQLite and PostgreSQL alike)."""
    not_yet = Case(
        When(Q(**{f"{field}__month__gt": day.month}) | Q(**{f"{field}__month": day.month, f"{field}__day__gt": day.day}),
             then=Value(1)),
        default=Value(0), output_field=IntegerField(),
    )
    return ExpressionWrapper(Value(day.year) - ExtractYear(field) - not_yet, output_field=IntegerField())


def band(bands) -> Case:
    """The index of the band (upper bounds, exclusive; the last band has none) the annotation `measured` falls
    in; None when it is NULL (no date recorded)."""
    whens = [When(Q(measured__lt=upper), then=Value(i)) for i, (upper, _) in enumerate(bands) if upper is not None]
    return Case(*whens, When(measured__isnull=False, then=Value(len(bands) - 1)), default=None,
                output_field=IntegerField())


def on_count_date(school: OrgUnit, year: int) -> QuerySet[Enrollment]:
    """The year's enrolments of pupils on the list on the count date."""
    day = count_date(year)
    return Enrollment.objects.filter(school=school, year_id=year).filter(
        Q(enrolled_on__isnull=True) | Q(enrolled_on__lte=day), Q(left_on__isnull=True) | Q(left_on__gte=day))


GIRL = Q(student__sex=Sex.FEMALE)


def by_grade(school: OrgUnit, year: int) -> dict[int, dict[str, int]]:
    """Per grade: classes (with a pupil on the count date), pupils, girls, with ОВЗ, disabled, left to repeat."""
    repeated = Enrollment.objects.filter(student=OuterRef("student"), year_id=year - 1, school=school,
                                         outcome=Outcome.REPEATING)
    rows = (on_count_date(school, year).annotate(repeating=Exists(repeated))
            .values("school_class__grade").order_by("school_class__grade")
            .annotate(classes=Count("school_class", distinct=True), pupils=Count("id"), girls=Count("id", filter=GIRL),
                      ovz=Count("id", filter=Q(ovz=True)), disabled=Count("id", filter=Q(disability=True)),
                      repeaters=Count("id", filter=Q(repeating=True))))
    return {row.pop("school_class__grade"): row for row in rows}


def by_age(school: OrgUnit, year: int) -> dict[int | None, dict[tuple[int, bool], int]]:
    """Pupils on the count date by age (full years on 1 January next; None — no birth date), grade and sex:
    {age: {(grade, girl): n}}."""
    rows = (on_count_date(school, year)
            .annotate(age=full_years_on("student__birth_date", age_date(year)),
                      girl=Case(When(GIRL, then=Value(1)), default=Value(0), output_field=IntegerField()))
            .values("age", "school_class__grade", "girl").order_by().annotate(n=Count("id")))
    counts: dict[int | None, dict[tuple[int, bool], int]] = defaultdict(dict)
    for row in rows:
        counts[row["age"]][(row["school_class__grade"], bool(row["girl"]))] = row["n"]
    return counts


def graduates(school: OrgUnit, year: int) -> dict[int, dict[str, int]]:
    """The previous school year's 9 and 11 classes: finished (the year's outcome «окончил» or a certificate),
    girls among them, with a certificate, with honours."""
    certified = Q(certificate__in=[Certificate.REGULAR, Certificate.HONORS])
    finished = Q(outcome=Outcome.GRADUATED) | certified
    rows = (Enrollment.objects.filter(school=school, year_id=year - 1, school_class__grade__in=[9, 11])
            .filter(finished).values("school_class__grade").order_by("school_class__grade")
            .annotate(finished=Count("id"), girls=Count("id", filter=GIRL), certified=Count("id", filter=certified),
                      honours=Count("id", filter=Q(certificate=Certificate.HONORS))))
    return {row.pop("school_class__grade"): row for row in rows}


def pedagogical_staff(school: OrgUnit, year: int) -> QuerySet[StaffYear]:
    return StaffYear.objects.filter(school=school, year_id=year, pedagogical=True)


def staff_counts(school: OrgUnit, year: int, field: str) -> dict[object, int]:
    rows = pedagogical_staff(school, year).values(field).order_by().annotate(n=Count("id"))
    return {row[field]: row["n"] for row in rows}


def staff_bands(school: OrgUnit, year: int, measured, bands) -> dict[int | None, int]:
    rows = (pedagogical_staff(school, year).annotate(measured=measured).annotate(band=band(bands))
            .values("band").order_by().annotate(n=Count("id")))
    return {row["band"]: row["n"] for row in rows}


def _n(value: int) -> Number:
    return Number(value)


# The columns of «По классам» about a pupil's health or failure: withheld for the observer where the group is small.
SENSITIVE = ("ovz", "disabled", "repeaters")


def withheld_cells(counts: dict[int, dict[str, int]], field: str) -> set[int | str]:
    """The grades (1–11), level labels (`LEVELS`) and TOTAL whose `field` the observer may not see: a group of
    1…minimum−1 pupils, and, since a level's grades add up to its «Итого» and the levels to the «Всего», the
    smallest shown cell of each line left with one withheld (complementary suppression). The table is given to
    `suppress_table` as level × grade: its row margins are the «Итого», its column margin of all rows the «Всего»;
    a grade's column margin is the grade itself, no other published figure (`derivable`)."""
    cells = {(label, grade): counts.get(grade, {}).get(field, 0) for label, grades in LEVELS for grade in grades}
    derivable = {(TOTAL, grade) for _, grades in LEVELS for grade in grades}
    hidden = suppress_table(cells, primary=(), derivable=derivable)
    out: set[int | str] = set()
    for level, grade in hidden - derivable:
        if level == TOTAL:
            out.add(TOTAL)  # the «Всего»: (TOTAL, TOTAL)
        else:
            out.add(level if grade == TOTAL else grade)
    return out


def _grades_table(school: OrgUnit, year: int, *, suppress: bool = False) -> Table:
    counts = by_grade(school, year)
    fields = ("classes", "pupils", "girls", "ovz", "disabled", "repeaters")
    withheld = {field: withheld_cells(counts, field) for field in SENSITIVE} if suppress else {}
    table = Table(["Класс (параллель)", "Число классов", "Обучающихся", "из них девочек", "с ОВЗ", "дети-инвалиды",
                   f"оставлены на повторное обучение (по итогам {year_label(year - 1)})"])

    def total(grades, key) -> list[Cell]:
        return [HIDDEN if key in withheld.get(f, ()) else _n(sum(counts.get(g, {}).get(f, 0) for g in grades))
                for f in fields]

    for label, grades in LEVELS:
        for grade in grades:
            table.add(f"{grade} класс", *total([grade], grade))
        table.add(f"Итого {label}", *total(grades, label), heading=True)
    table.add("Всего 1–11 классы", *total(range(1, 12), TOTAL), heading=True)
    table.notes.append(f"На {count_date(year):%d.%m.%Y}. Число классов — классы, в которых на эту дату числится хотя "
                       "бы один обучающийся.")
    if any(withheld.values()):
        table.notes.append(
            f"«—*» — не указано: группа меньше {settings.VSOKO_MIN_GROUP_SIZE} обучающихся (с ОВЗ, инвалидов, "
            "оставленных на повторное обучение) или число, из которого её можно получить вычитанием из итога. "
            "Все числа видит администрация школы, которая заполняет форму.")
    return table


def _ages_table(school: OrgUnit, year: int) -> Table:
    counts = by_age(school, year)
    header = ["Возраст, полных лет", "Всего", "из них девочек"]
    for label, _ in LEVELS:
        header += [label, "из них девочек"]
    table = Table(header)

    def cells(by: dict[tuple[int, bool], int]) -> list[Number]:
        row = [_n(sum(by.values())), _n(sum(n for (_, girl), n in by.items() if girl))]
        for _, grades in LEVELS:
            row += [_n(sum(n for (g, _), n in by.items() if g in grades)),
                    _n(sum(n for (g, girl), n in by.items() if g in grades and girl))]
        return row

    ages = sorted(a for a in counts if a is not None)
    for age in range(ages[0], ages[-1] + 1) if ages else ():
        table.add(str(age), *cells(counts.get(age, {})))
    if None in counts:
        table.add("дата рождения не указана", *cells(counts[None]))
    merged: dict[tuple[int, bool], int] = defaultdict(int)
    for by in counts.values():
        for key, n in by.items():
            merged[key] += n
    table.add("Всего", *cells(merged), heading=True)
    table.notes.append(f"Обучающиеся на {count_date(year):%d.%m.%Y}; возраст — полных лет на "
                       f"{age_date(year):%d.%m.%Y} (родившиеся 1 января уже достигли этого возраста).")
    return table


def _graduates_table(school: OrgUnit, year: int) -> Table:
    counts = graduates(school, year)
    table = Table(["Класс", "Окончили", "из них девочек", "Получили аттестат", "из них с отличием"])
    for grade, label in ((9, "9 класс (основное общее образование)"), (11, "11 класс (среднее общее образование)")):
        row = counts.get(grade, {})
        table.add(label, *(_n(row.get(f, 0)) for f in ("finished", "girls", "certified", "honours")))
    table.notes.append(f"Выпуск {year_label(year - 1)} учебного года: итог года «окончил» или выдан аттестат (поле "
                       "«аттестат» контингента: «обычный» или «с отличием»).")
    return table


def _staff_tables(school: OrgUnit, year: int) -> list:
    total = pedagogical_staff(school, year).count()
    blocks: list = []

    positions = staff_counts(school, year, "position")
    table = Table(["Должность", "Численность, человек"])
    for position in sorted(positions, key=lambda p: (not p, p.lower())):
        table.add(position or "должность не указана", _n(positions[position]))
    table.add("Всего педагогических работников", _n(total), heading=True)
    table.notes.append("Женщин среди них программа не считает: в записях о работниках пол не хранится — возьмите "
                       "из кадровых документов.")
    blocks += [Heading("Численность по должностям"), table]

    education = staff_counts(school, year, "education")
    higher = education.get(Education.HIGHER, 0) + education.get(Education.HIGHER_PEDAGOGICAL, 0)
    vocational = education.get(Education.VOCATIONAL, 0) + education.get(Education.VOCATIONAL_PEDAGOGICAL, 0)
    table = Table(["Уровень образования", "Численность, человек"])
    table.add("высшее", _n(higher))
    table.add("из него педагогическое", _n(education.get(Education.HIGHER_PEDAGOGICAL, 0)))
    table.add("среднее профессиональное", _n(vocational))
    table.add("из него педагогическое", _n(education.get(Education.VOCATIONAL_PEDAGOGICAL, 0)))
    table.add("среднее общее", _n(education.get(Education.SECONDARY, 0)))
    table.add(UNKNOWN, _n(education.get("", 0)))
    table.add("Всего", _n(total), heading=True)
    blocks += [Heading("Образование"), table]

    categories = staff_counts(school, year, "category")
    table = Table(["Категория", "Численность, человек"])
    table.add("высшая", _n(categories.get(QualificationCategory.HIGHEST, 0)))
    table.add("первая", _n(categories.get(QualificationCategory.FIRST, 0)))
    table.add("соответствие занимаемой должности", _n(categories.get(QualificationCategory.CONFORMITY, 0)))
    table.add("без категории", _n(categories.get(QualificationCategory.NONE, 0)))
    table.add(UNKNOWN, _n(categories.get("", 0)))
    table.add("Всего", _n(total), heading=True)
    blocks += [Heading("Квалификационные категории"), table]

    for title, measured, bands, when in (
        ("Педагогический стаж", full_years_on("experience_since", datetime.date(year, 9, 1)), EXPERIENCE_BANDS,
         f"полных лет на {datetime.date(year, 9, 1):%d.%m.%Y}"),
        ("Возраст", full_years_on("staff__birth_date", age_date(year)), AGE_BANDS,
         f"полных лет на {age_date(year):%d.%m.%Y}"),
    ):
        counted = staff_bands(school, year, measured, bands)
        table = Table([f"{title}, {when}", "Численность, человек"])
        for i, (_, label) in enumerate(bands):
            table.add(label, _n(counted.get(i, 0)))
        table.add(UNKNOWN, _n(counted.get(None, 0)))
        table.add("Всего", _n(total), heading=True)
        blocks += [Heading(title), table]
    return blocks


def _how_to(school: OrgUnit, year: int, *, suppress: bool = False) -> list:
    day, ages = count_date(year), age_date(year)
    return [Paragraph(text) for text in (
        f"Это черновик части формы федерального статистического наблюдения № ОО-1 за {year_label(year)} учебный "
        "год, посчитанный по данным школы в vsoko: заместитель директора переносит числа в форму, а не считает их по "
        "журналу. Официальная форма заполняется и сдаётся в федеральной системе сбора отчётности; этот файл никуда не "
        "отправляется и официальным документом не является.",
        f"Обучающиеся (листы «По классам» и «По возрасту и полу») — по состоянию на {day:%d.%m.%Y}: зачисленные в "
        f"класс школы в {year_label(year)} учебном году, с датой зачисления не позже этого дня (или без даты) и не "
        "выбывшие до него; выбывший в этот самый день ещё считается.",
        f"Возраст — полных лет на {ages:%d.%m.%Y}. Оставленные на повторное обучение — обучающиеся этого года, у "
        f"которых в {year_label(year - 1)} учебном году в этой школе итог года «оставлен на повторное обучение».",
        f"Выпускники — 9 и 11 классы прошлого, {year_label(year - 1)}, учебного года.",
        "Педагогические работники — записи о работниках этого учебного года с отметкой «педагогический работник» "
        "(состояние на 1 сентября); стаж — полных лет на 1 сентября, возраст — полных лет на "
        f"{ages:%d.%m.%Y}. Число женщин программа не считает: пол работника в данных не хранится.",
        "Программа заполняет только то, что есть в её данных; номера строк формы не проставлены — сверяйте названия "
        "строк и графов с действующей формой и указаниями по её заполнению. Проверьте, что контингент и кадры "
        "загружены полностью: чего нет в данных, того нет и в числах.",
        ("Только числа, без фамилий; малые группы скрыты: на листе «По классам» группа меньше "
         f"{settings.VSOKO_MIN_GROUP_SIZE} обучающихся с ОВЗ, инвалидов или оставленных на повторное обучение — "
         "«—*» (и число, из которого её можно получить вычитанием). Все числа видит администрация школы. Каждое "
         "скачивание записывается в журнал доступа." if suppress else
         "Только числа, без фамилий; малые группы не скрыты (документ для внутреннего пользования школы). Каждое "
         "скачивание записывается в журнал доступа."),
    )]


def _missing(school: OrgUnit, year: int) -> dict[str, Paragraph]:
    """A warning on the sheets whose data the school has not loaded: zeros there mean «no data», not «none»."""
    missing = {}
    if not on_count_date(school, year).exists():
        missing["pupils"] = Paragraph(
            f"На {count_date(year):%d.%m.%Y} в данных школы нет ни одного обучающегося: контингент "
            f"{year_label(year)} учебного года не загружен (лист «Контингент» пакета данных) — нули ниже означают "
            "«нет данных».")
    if not Enrollment.objects.filter(school=school, year_id=year - 1, school_class__grade__in=[9, 11]).exists():
        missing["graduates"] = Paragraph(
            f"В данных школы нет 9 и 11 классов {year_label(year - 1)} учебного года: контингент прошлого года не "
            "загружен или в школе не было выпускных классов.")
    if not pedagogical_staff(school, year).exists():
        missing["staff"] = Paragraph(
            f"В данных школы нет педагогических работников {year_label(year)} учебного года: лист «Педагогические "
            "работники» пакета данных не загружен — нули ниже означают «нет данных».")
    return missing


def build(school: OrgUnit, year: int, *, suppress: bool = False) -> Document:
    """The draft as a document: one section a sheet (`workbook`), «Как пользоваться» first. `suppress`: for a
    reader who sees aggregates only (the municipal observer) — small groups withheld (`withheld_cells`)."""
    document = Document(TITLE, lines=[school.name, f"{year_label(year)} учебный год, на начало года"])
    missing = _missing(school, year)
    for heading, blocks, data in (
        ("Как пользоваться", _how_to(school, year, suppress=suppress), ""),
        ("Обучающиеся по классам (подраздел 2.1.1 формы: число классов и обучающихся в них)",
         [_grades_table(school, year, suppress=suppress)], "pupils"),
        ("Обучающиеся по возрасту и полу", [_ages_table(school, year)], "pupils"),
        ("Выпускники прошлого учебного года", [_graduates_table(school, year)], "graduates"),
        ("Педагогические работники", _staff_tables(school, year), "staff"),
    ):
        document.sections.append(Section(heading, [missing[data], *blocks] if data in missing else blocks))
    return document


SHEET_NAMES = ("Как пользоваться", "По классам", "По возрасту и полу", "Выпускники", "Педагоги")


def workbook(document: Document) -> bytes:
    """One sheet per section, through the shared xlsx writer; each sheet repeats the title and the school."""
    return to_xlsx_book([
        Sheet(name, Document(document.title, lines=document.lines, sections=[section]))
        for name, section in zip(SHEET_NAMES, document.sections, strict=True)
    ], title=document.title)
