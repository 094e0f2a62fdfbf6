"""The `values` table: every indicator of the shipped catalogs that is entered by hand, and benchmarks.

Shares are given as numerator and denominator (the school's own counts of the
year), conditions as «да»/«нет», counts as numbers, so every catalog of the demo
school is filled. Benchmarks of the municipality and the region stand beside a
few core indicators for comparison.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from vsoko.demo.model import Calendar
from vsoko.demo.package import Package

SOURCE = "данные школы"


@dataclass(frozen=True)
class YearFacts:
    """The school's counts a value can be a share of."""

    students: int
    seniors: int  # grades 10–11
    tenth: int
    eleventh: int
    older: int  # grades 7–11 (social-psychological testing)
    ovz: int
    non_native: int
    risk: int  # pupils of a risk group
    teachers: int
    young: int  # teachers with less than 3 years of experience
    classes: int

    @property
    def families(self) -> int:
        return round(self.students * 0.85)  # brothers and sisters share parents


def _share(rng: random.Random, of: int, low: float, high: float) -> tuple[int, int] | None:
    if of <= 0:
        return None
    return round(of * rng.uniform(low, high)), of


def entries(rng: random.Random, facts: YearFacts, profiled: bool) -> list[tuple[str, object, str]]:
    """(indicator code, value — «да»/«нет», a number or a (numerator, denominator) pair, comment)."""
    n, p, fam = facts.students, facts.teachers, facts.families
    return [
        ("order1324.1.20", (0, n), "углублённого изучения предметов нет"),
        ("order1324.1.21", (facts.seniors if profiled else 0, n), "профильные 10–11 классы"),
        ("order1324.1.22", _share(rng, n, 0.005, 0.012), "обучение на дому с применением ДОТ"),
        ("order1324.1.23", _share(rng, n, 0.02, 0.05), "технология в детском технопарке «Кванториум»"),
        ("order1324.2.1", _share(rng, n, 0.15, 0.22), "компьютеры, используемые в учебном процессе"),
        ("order1324.2.2", (round(n * rng.uniform(22, 30)), n), "учебная и учебно-методическая литература"),
        ("order1324.2.3", "да", ""),
        ("order1324.2.4", "да", ""),
        ("order1324.2.4.1", "да", ""),
        ("order1324.2.4.2", "да", ""),
        ("order1324.2.4.3", "нет", ""),
        ("order1324.2.4.4", "да", ""),
        ("order1324.2.4.5", "нет", ""),
        ("order1324.2.5", (n, n), "скорость подключения 100 Мбит/с"),
        ("order1324.2.6", (round(n * rng.uniform(5.5, 7.5)), n), "кв. м"),
        ("reg000.5.1", _share(rng, fam, 0.25, 0.45), "по протоколам родительских собраний и мероприятий"),
        ("reg000.6.1", _share(rng, p, 0.7, 0.9), "по итогам посещения уроков"),
        ("reg000.6.2", _share(rng, p, 0.85, 1.0), "по итогам посещения уроков"),
        ("reg000.7.2", "да", "предписаний Роспотребнадзора нет"),
        ("reg000.7.4", "да", "столовая на 180 посадочных мест"),
        ("reg000.7.5", "да", "лицензированный медицинский кабинет"),
        ("reg004.2.2.8.prizes", (rng.randint(0, 3), n), ""),
        ("reg004.2.2.8.scholarships", (rng.randint(0, 2), n), "стипендия главы муниципального образования"),
        ("reg004.2.2.8.grants", (rng.randint(0, 1), n), ""),
        ("reg004.2.2.13", rng.randint(3, 6), "родительские лектории, дни открытых дверей"),
        ("reg004.2.2.14", _share(rng, fam, 0.15, 0.3), ""),
        ("reg004.3.1.2.electives", _share(rng, facts.ovz, 0.3, 0.6), ""),
        ("reg004.3.1.4.all", _share(rng, n, 0.2, 0.35), ""),
        ("reg004.3.1.4.ovz", _share(rng, facts.ovz, 0.7, 1.0), ""),
        ("reg004.3.2.1", _share(rng, facts.seniors, 0.85, 1.0), "«Билет в будущее», профдиагностика педагога-психолога"),
        ("reg004.3.2.2", _share(rng, facts.tenth, 0.75, 0.95), ""),
        ("reg004.3.2.9", _share(rng, facts.eleventh, 0.6, 0.85), ""),
        ("reg004.4.2.1", (1, 1), "вакансий нет"),
        ("reg004.4.2.2", (round(p * 1.2 * rng.uniform(0.93, 0.99)), round(p * 1.2)), "ставки по штатному расписанию"),
        ("reg004.4.2.7", _share(rng, p, 0.03, 0.1), ""),
        ("reg004.4.2.10", _share(rng, facts.young, 0.8, 1.0), "«Школа молодого педагога»"),
        ("reg004.4.2.12", _share(rng, facts.young, 0.3, 0.6), ""),
        ("reg004.5.1.1.civic", _share(rng, n, 0.85, 0.98), "по плану воспитательной работы"),
        ("reg004.5.1.1.spiritual", _share(rng, n, 0.8, 0.95), "по плану воспитательной работы"),
        ("reg004.5.1.1.heritage", _share(rng, n, 0.7, 0.9), "«Пушкинская карта», музеи, театры"),
        ("reg004.5.1.6", _share(rng, facts.non_native, 0.9, 1.0), ""),
        ("reg004.5.2.2", _share(rng, fam, 0.05, 0.1), "управляющий совет, родительские комитеты"),
        ("reg004.5.3.2", _share(rng, facts.older, 0.88, 0.97), "социально-психологическое тестирование"),
        ("reg004.5.3.3.crimes", rng.choice((0, 0, 0, 1)), "по сведениям ПДН"),
        ("reg004.5.3.3.administrative", rng.randint(0, 3), "по сведениям ПДН"),
        ("reg004.5.3.3.antisocial", rng.randint(1, 4), "по сведениям ПДН"),
        ("reg004.5.3.7", rng.choice((0, 1, 1, 2, 3)), "зарегистрированные случаи"),
        ("reg004.5.3.8.students", _share(rng, n, 0.02, 0.04), ""),
        ("reg004.5.3.8.families", _share(rng, fam, 0.02, 0.04), ""),
        ("reg004.5.3.9", _share(rng, facts.risk, 0.85, 1.0), "сопровождение педагога-психолога и социального педагога"),
        ("reg004.5.3.11", (facts.classes, p), "классные руководители"),
    ]


def procedure_entries(rng: random.Random, facts: YearFacts) -> list[tuple[str, object, str]]:
    """The entered items of п. 4.4.2–4.4.6 of reg000 (added after `entries`: drawn from their own generator, so
    that the values drawn before stay as they were)."""
    n, p = facts.students, facts.teachers
    return [
        ("reg000.4.4.2.2", "да", "лицензия № Л035-01234-40/00123456, свидетельство об аккредитации № 1234"),
        ("reg000.4.4.2.3", "да", "отчёт о самообследовании на сайте школы, раздел «Сведения об образовательной организации»"),
        ("reg000.4.4.2.4", (n, n), "скорость подключения 100 Мбит/с"),
        ("reg000.4.4.2.5", (round(n * rng.uniform(0.15, 0.22)), n), "компьютеры, используемые в учебном процессе"),
        ("reg000.4.4.2.6", _share(rng, facts.classes, 0.7, 0.9), "по паспортам учебных кабинетов"),
        ("reg000.4.4.2.7", (round(n * rng.uniform(22, 30)), n), "учебная и учебно-методическая литература"),
        ("reg000.4.4.2.8", "да", "акт готовности школы к учебному году, предписаний нет"),
        ("reg000.4.4.3.1", (rng.randint(8, 12),) * 2, "программы прошли экспертизу методического совета"),
        ("reg000.4.4.4.2", "да", "рабочая программа воспитания и календарный план утверждены приказом"),
        ("reg000.4.4.4.4", "да", "совет обучающихся, первичное отделение «Движения первых»"),
        ("reg000.4.4.6.3", "да", "по отчёту медицинского работника"),
        ("reg000.4.4.6.4", (round(n * rng.uniform(6, 9)), n), "дни, пропущенные по болезни, по справкам"),
        ("reg000.4.4.6.5", (round(p * rng.uniform(8, 12)), p), "по листкам нетрудоспособности"),
        ("reg000.4.4.6.6", _share(rng, n, 0.3, 0.45), "пришкольный лагерь, загородные лагеря, профильные смены"),
    ]


# Benchmarks to compare the school with: (core code, municipality, region) in 2023/2024; they creep up a little.
BENCHMARKS = (
    ("core.quality", 47.5, 45.8),
    ("core.success", 98.4, 97.9),
    ("core.vpr_base", 88.0, 86.5),
    ("core.oge_passed", 93.0, 91.7),
    ("core.ege_passed", 98.1, 97.6),
    ("core.ege_high", 24.0, 21.3),
    ("core.staff_higher", 41.0, 38.5),
    ("core.parents_satisfied", 86.0, 84.2),
)


# Once entered, now computed from the lesson-visit journal (vsoko.demo.observations), attendance
# (vsoko.demo.attendance) and the pupils' diagnostics (vsoko.demo.diagnostics: СПТ, профдиагностика 10–11). Their
# values are still drawn in `entries`, so that every number drawn after them stays as it was, but not written to the
# package.
FROM_RECORDS = frozenset({"reg000.6.1", "reg000.6.2", "reg000.4.4.6.4", "reg004.3.2.1", "reg004.5.3.2"})


def add_values(rng: random.Random, package: Package, cal: Calendar, facts: YearFacts, *, profiled: bool = True) -> None:
    year = f"{cal.year}/{cal.year + 1}"
    own = random.Random(f"reg000 п. 4.4 {cal.year} {facts.students}")
    for code, value, comment in entries(rng, facts, profiled) + procedure_entries(own, facts):
        if value is None or code in FROM_RECORDS:
            continue  # nobody to count (a school without pupils with ОВЗ, say), or computed from records
        row = {"year": year, "indicator": code, "scope": "школа", "comment": comment, "source": SOURCE}
        if isinstance(value, tuple):
            row["numerator"], row["denominator"] = value
        else:
            row["value"] = value
        package.add("values", **row)
    drift = (cal.year - 2023) * 0.4
    for code, municipal, regional in BENCHMARKS:
        for scope, value in (("муниципалитет", municipal), ("регион", regional)):
            # One municipality's and one region's figure for every school of the demo (each had its own, and the
            # municipality's page showed one of eight «регион» values): not the school's random numbers. One is
            # still drawn from them, so that every number drawn after the benchmarks stays as it was.
            rng.uniform(-0.8, 0.8)
            jitter = random.Random(f"{code} {scope} {cal.year}").uniform(-0.8, 0.8)
            package.add("values", year=year, indicator=code, scope=scope,
                        value=round(min(100.0, value + drift + jitter), 1),
                        source="Аналитический отчёт регионального центра оценки качества образования")
