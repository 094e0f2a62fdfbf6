"""The shipped catalogs of the two regulations (reg000, reg004) and of Order 1324 (order1324).

Counts were established from the documents by hand (docs/catalogs.md): the table of
p. 4.6 of 000 has 33 indicators, and its п. 4.4 names six pupils' diagnostics (vsoko.diagnostics)
that give six more, 25 other bullets of п. 4.4.2–4.4.6 that give 32 (four bullets name two aspects) and the 4th
grades' monitoring of п. 4.4.1 that gives two (success and quality); the appendix of 004 has 122 items, which split into
171 indicators; Appendix 2 of Order 1324 has 52 rows. The second half computes the
indicators that need the extractors of vsoko/datavalues/extractors/regulations.py on
a small school built by hand.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.datavalues.records import Records, d
from tests.indicators.conftest import values_by_key
from vsoko.datavalues.compute import recompute
from vsoko.datavalues.registry import codes as data_codes
from vsoko.indicators import formula as f
from vsoko.indicators.catalogs import (
    CATALOG_DIR,
    load_shipped_catalogs,
    read_catalog,
    read_catalogs,
)
from vsoko.indicators.enums import Method
from vsoko.indicators.evaluate import Definition
from vsoko.indicators.models import Indicator
from vsoko.records.enums import (
    AssessmentKind as K,
)
from vsoko.records.enums import (
    Destination,
    Difficulty,
    EventKind,
    EventLevel,
    EventResult,
    Outcome,
    ProgramKind,
    QualificationCategory,
    SocialCategory,
    StaffEventKind,
    StaffEventLevel,
    StaffEventTopic,
)
from vsoko.records.models import AssessmentTask, Program, StaffEvent, StaffYear, Subject

SHARED = Path(__file__).resolve().parents[3] / "shared"  # ../shared beside the repository
# The verbatim-text checks read the regulations themselves, which live beside the
# repository (as on every developer machine and in CI), not inside it.
needs_documents = pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason=f"the regulations are not at {SHARED}")
REGULATIONS = ("reg000", "reg004", "order1324")

# (indicators, computed, entered), established from the documents.
COUNTS = {"reg000": (73, 56, 17), "reg004": (171, 143, 28), "order1324": (52, 37, 15)}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def entries(code: str) -> list[dict]:
    errors: list[str] = []
    spec = read_catalog(CATALOG_DIR / f"{code}.yaml", errors)
    assert errors == []
    return spec.indicators


@pytest.fixture(scope="module")
def catalogs() -> dict[str, dict[str, dict]]:
    return {code: {e["code"]: e for e in entries(code)} for code in REGULATIONS}


# --- the catalog files ------------------------------------------------------------------------

def test_all_catalogs_load_through_the_engine_without_errors():
    specs = {s.code: s for s in read_catalogs()}

    assert set(REGULATIONS) <= set(specs)


@pytest.mark.django_db
def test_loading_stores_every_indicator_and_is_idempotent():
    load_shipped_catalogs()
    again = load_shipped_catalogs()

    for code in REGULATIONS:
        assert again[code] == (0, 0)
        assert Indicator.objects.filter(catalog__code=code, retired=False).count() == COUNTS[code][0]


@pytest.mark.parametrize("code", REGULATIONS)
def test_counts_per_catalog(catalogs, code):
    items = catalogs[code].values()
    computed = sum(1 for e in items if e["method"] == Method.COMPUTED)
    entered = sum(1 for e in items if e["method"] == Method.ENTERED)

    assert (len(items), computed, entered) == COUNTS[code]


def test_explanations_name_other_indicators_in_words_not_by_code(catalogs):
    """The explanation is read on a Russian page: «как базовый показатель «Качество знаний»», not «core.quality»."""
    coded = [(code, match.group()) for items in catalogs.values() for code, e in items.items()
             for match in [re.search(r"\b(core|reg000|reg004|order1324)\.[a-z0-9_.]+", e.get("explanation", ""))]
             if match]

    assert coded == []


def test_codes_are_unique_and_carry_the_catalog_prefix(catalogs):
    seen = set()
    for catalog, items in catalogs.items():
        for code in items:
            assert code.startswith(f"{catalog}.")
            assert code not in seen
            seen.add(code)


@pytest.mark.parametrize("catalog", REGULATIONS)
def test_every_computed_formula_parses_and_checks(catalogs, catalog):
    known = {c for items in catalogs.values() for c in items} | {
        e["code"] for e in entries("core")
    }
    for e in catalogs[catalog].values():
        if e["method"] != Method.COMPUTED:
            assert e["formula"] == ""
            continue
        tree = f.parse(e["formula"])
        f.check(tree, codes=data_codes(), indicators=known,
                breakdowns=[tuple(b) for b in e["breakdowns"]], total=e["total"])


@pytest.mark.parametrize("catalog", REGULATIONS)
def test_every_indicator_names_its_place_and_responsible(catalogs, catalog):
    for e in catalogs[catalog].values():
        for key in ("name", "text", "section", "item", "group", "collection", "responsible", "periodicity"):
            assert e[key], (e["code"], key)


@needs_documents
def test_reg000_texts_are_the_cells_of_the_table_of_4_6(catalogs):
    doc = norm((SHARED / "seeds/000_2373bd853a59497e.txt").read_text(encoding="utf-8"))
    table = doc[doc.index("Критерии Показатели"):doc.index("4.7. Для проведения")]
    cells = [e for e in catalogs["reg000"].values() if e["section"] == "4.6"]
    texts = [e["text"] for e in cells]

    for text in texts:
        assert text in table
    assert len(set(texts)) == 33  # every cell once
    criteria = {e["criterion"] for e in cells}
    assert len(criteria) == 7
    for criterion in criteria:
        assert criterion in table


@needs_documents
def test_reg000_diagnostics_texts_are_bullets_of_their_item_of_4_4(catalogs):
    doc = norm((SHARED / "seeds/000_2373bd853a59497e.txt").read_text(encoding="utf-8"))
    diagnostics = [e for e in catalogs["reg000"].values() if e["group"] == "Диагностики обучающихся (п. 4.4)"]

    assert {e["section"] for e in diagnostics} == {"4.4.1", "4.4.2", "4.4.4", "4.4.6"} and len(diagnostics) == 6
    for e in diagnostics:
        start = doc.index(e["section"] + ". Содержание")
        item = doc[start:doc.index("4.4.", start + 6) if e["section"] != "4.4.6" else doc.index("4.5.", start)]
        assert f"- {e['text']}" in item, e["code"]


@needs_documents
def test_reg000_procedure_texts_are_every_other_bullet_of_4_4_2_to_4_4_6(catalogs):
    doc = (SHARED / "seeds/000_2373bd853a59497e.txt").read_text(encoding="utf-8")
    items = [e for e in catalogs["reg000"].values() if e["section"].startswith("4.4.")]
    bullets = {}
    for section in ("4.4.2", "4.4.3", "4.4.4", "4.4.5", "4.4.6"):
        start = doc.index(section + ". Содержание")
        end = doc.index("4.4.", start + 6) if section != "4.4.6" else doc.index("4.5.", start)
        bullets[section] = [norm(line[2:]).rstrip(";.") for line in doc[start:end].splitlines() if line.startswith("- ")]

    # Every bullet of п. 4.4.2–4.4.6 is an indicator's verbatim text (a diagnostic or a procedure item)...
    texts = {(e["section"], e["text"]) for e in items}
    assert [(s, b) for s, listed in bullets.items() for b in listed if (s, b) not in texts] == []
    # ...and the item names the bullet's number.
    for e in items:
        if e["section"] != "4.4.1":
            number = bullets[e["section"]].index(e["text"]) + 1
            assert f"пункт {number}" in e["item"], e["code"]


@needs_documents
def test_reg000_4th_grade_monitoring_is_the_fourth_bullet_of_4_4_1(catalogs):
    doc = norm((SHARED / "seeds/000_2373bd853a59497e.txt").read_text(encoding="utf-8"))
    item = doc[doc.index("4.4.1. Содержание"):doc.index("4.4.2. Содержание")]
    fourth = [e for e in catalogs["reg000"].values() if "пункт 4" in e["item"] and e["section"] == "4.4.1"]

    assert [e["code"] for e in fourth] == ["reg000.4.4.1.4", "reg000.4.4.1.5"]
    for e in fourth:
        assert f"- {e['text']};" in item
        assert e["criterion"] == "Оценка качества образовательных результатов обучающихся (п. 4.4.1)"


@pytest.mark.django_db
def test_reg000_4th_grade_monitoring_counts_the_marks_of_grade_4_in_russian_mathematics_and_reading(school):
    b = Records(school, year=2024)
    pupils = [b.student(f"p{n}", "4А") for n in range(1, 5)]
    russian = b.assessment(K.VPR, "Русский язык", 4)
    maths = b.assessment(K.ADMINISTRATIVE, "математика", 4)
    reading = b.assessment(K.RDR, "Литературное чтение", 4)
    world = b.assessment(K.VPR, "окружающий мир", 4)  # not named by п. 4.4.1
    older = b.assessment(K.VPR, "русский язык", 5)  # not the 4th grade
    for pupil, mark in zip(pupils, [5, 4, 3, 2], strict=True):
        b.result(russian, pupil, mark=mark)
    b.result(maths, pupils[0], mark=4)
    b.result(maths, pupils[1], mark=2)
    b.result(maths, pupils[2], absent=True)  # did not come: not counted
    b.result(reading, pupils[0], mark=5)
    for pupil in pupils:
        b.result(world, pupil, mark=5)
    b.result(older, b.student("q1", "5А"), mark=5)
    recompute(school, [2024])

    got = values_by_key(school, 2024, all_definitions(), ["reg000.4.4.1.4", "reg000.4.4.1.5"])

    # Seven marks: Russian 5 4 3 2, mathematics 4 2, reading 5. «3»–«5»: 5 of 7; «4»–«5»: 4 of 7.
    success, quality = got[("reg000.4.4.1.4", ())], got[("reg000.4.4.1.5", ())]
    assert (success.value, success.numerator, success.denominator) == (pytest.approx(500 / 7), 5, 7)
    assert (quality.value, quality.numerator, quality.denominator) == (pytest.approx(400 / 7), 4, 7)
    # By subject: mathematics 1 of 2 with «4»–«5».
    assert got[("reg000.4.4.1.5", (("subject", "математика"),))].value == pytest.approx(50)


@needs_documents
def test_reg004_texts_are_the_items_of_the_appendix(catalogs):
    doc = norm((SHARED / "seeds/004_445d82346676e9a1.txt").read_text(encoding="utf-8"))
    appendix = doc[doc.index("Перечень критериев/показателей"):doc.index("7. Методы сбора информации")]
    texts = {e["text"] for e in catalogs["reg004"].values()}

    for text in texts:
        assert norm(text) in appendix
    assert len(texts) == 122  # every item of the list, variants share their item's text
    assert len(re.findall(r"(?:^| )- ", appendix)) == 122
    assert len({e["criterion"] for e in catalogs["reg004"].values()}) == 12
    assert len({e["group"] for e in catalogs["reg004"].values()}) == 6


@needs_documents
def test_order1324_texts_are_the_rows_of_appendix_2(catalogs):
    reference = (SHARED / "reference/ru-domain.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| (\d+(?:\.\d+)+) \| (.+?) \| .*\|$", reference, re.M))
    items = catalogs["order1324"]

    assert {e["item"] for e in items.values()} == set(rows)
    for e in items.values():
        assert e["text"] == rows[e["item"]]
        assert e["code"] == f"order1324.{e['item']}"
    for sub in ["1.19.1", "1.19.2", "1.19.3", "1.29.1", "1.29.2", "1.30.1", "1.30.2",
                "2.4.1", "2.4.2", "2.4.3", "2.4.4", "2.4.5"]:
        assert f"order1324.{sub}" in items


@pytest.mark.parametrize("catalog, code, start, section", [
    ("reg000", "reg000.1.3", "Доля второгодников", "4.6"),
    ("reg000", "reg000.3.1", "Соотношение доли детей, имеющих отклонение в здоровье, до поступления в школу", "4.6"),
    ("reg000", "reg000.7.4", "Наличие столовой для организации горячего питания в соответствии с утвержденными нормами",
     "4.6"),
    ("reg004", "reg004.1.1.19.s250plus",
     "доля выпускников текущего года, получивших суммарно по трем предметам ЕГЭ: от 161 до 220 баллов",
     "Перечень критериев/показателей, группа 1, критерий 1), «Достижение высокого уровня подготовки»"),
    ("reg004", "reg004.4.1.1.first",
     "доля педагогических работников, аттестованных в отчетном периоде на высшую /первую категорию",
     "Перечень критериев/показателей, группа 4, критерий 1)"),
    ("reg004", "reg004.5.3.7", "количество случаев буллинга в ОО", "Перечень критериев/показателей, группа 5, критерий 3)"),
    ("order1324", "order1324.1.5",
     'Численность/удельный вес численности учащихся, успевающих на "4" и "5" по результатам промежуточной аттестации',
     "1. Образовательная деятельность"),
    ("order1324", "order1324.2.4.3", "Оснащенного средствами сканирования и распознавания текстов", "2. Инфраструктура"),
])
def test_specific_verbatim_texts_and_places(catalogs, catalog, code, start, section):
    e = catalogs[catalog][code]

    assert e["text"].startswith(start)
    assert e["section"] == section


def test_multi_variant_items_are_split(catalogs):
    items = catalogs["reg004"]
    split = {
        # «4, 5-8, 10» and «4-8, 10»
        "reg004.1.1.1": ["g4", "g5_8", "g10"], "reg004.1.1.2": ["g4_8", "g10"],
        "reg004.1.1.11": ["g4", "g5_8", "g10"], "reg004.1.1.12": ["g4_8", "g10"],
        "reg004.1.1.22": ["g4_8", "g10"], "reg004.1.1.23": ["g4_8", "g10"],
        # «русскому языку/ математике», three score bands, three literacies
        "reg004.1.1.15": ["russian", "math"], "reg004.1.1.20": ["russian", "math_profile"],
        "reg004.1.1.19": ["s161_220", "s221_259", "s250plus"], "reg004.1.1.24": ["reading", "math", "science"],
        # «школьного, муниципального/регионального», «ВСОШ/в конкурсах», «премии/стипендии/гранты»
        "reg004.2.2.6": ["school", "municipal", "regional"], "reg004.2.2.7": ["vsosh", "contests"],
        "reg004.2.2.8": ["prizes", "scholarships", "grants"],
        "reg004.3.1.2": ["extracurricular", "electives", "early"], "reg004.3.1.4": ["all", "ovz"],
        "reg004.3.1.5": ["g9_profile", "ovz"],
        # «высшую/первую», «муниципальном/региональном/ федеральном», the seven topics of courses
        "reg004.4.1.1": ["highest", "first"], "reg004.4.1.3": ["municipal", "regional", "federal"],
        "reg004.4.1.9": ["fl", "digital", "oko", "shnor", "talents", "career", "upbringing"],
        "reg004.4.2.3": ["higher", "vocational"], "reg004.4.2.5": ["highest", "first"],
        # «гражданскому/патриотическому/…», social risk groups, offences, students/families
        "reg004.5.1.1": ["civic", "patriotic", "spiritual", "heritage", "labour"],
        "reg004.5.3.1": ["orphan", "low_income", "single_parent", "zpr", "adaptation", "hardship"],
        "reg004.5.3.3": ["crimes", "administrative", "antisocial"], "reg004.5.3.8": ["students", "families"],
        # «1-4, 5-9, 10-11» and «9, 10-11»
        "reg004.6.1.1": ["g1_4", "g5_9", "g10_11"], "reg004.6.1.8": ["g9", "g10_11"],
    }
    for base, variants in split.items():
        assert base not in items
        codes = {c for c in items if c.startswith(base + ".")}
        assert codes == {f"{base}.{v}" for v in variants}, base
        texts = {items[c]["text"] for c in codes}
        assert len(texts) == 1  # variants keep the whole item's text
        assert all("вариант «" in items[c]["item"] for c in codes)
    assert sum(len(v) for v in split.values()) - len(split) == 171 - 122


def test_entered_only_where_no_record_can_give_the_value(catalogs):
    entered = {c for items in catalogs.values() for c, e in items.items() if e["method"] == Method.ENTERED}

    assert {"reg000.7.4", "reg000.7.5", "reg000.7.2", "reg004.5.3.7", "order1324.2.3", "order1324.2.6"} <= entered
    # a few that look manual but come from records
    assert not {"reg000.7.3", "reg000.3.1", "reg004.4.2.6", "reg004.5.3.6", "order1324.1.34"} & entered


# --- values on a hand-built school --------------------------------------------------------------

MATH, RUS = "математика", "русский язык"


def build_school(b: Records) -> None:
    """2024/2025: cut-off 25 May 2025, ages and experience on 1 September 2024."""
    # graduates: g1..g4 (9), h1 h2 (11); g5 repeats the year; h3 is in 11 but has no outcome yet
    g1 = b.student("g1", "9А", outcome=Outcome.GRADUATED, destination=Destination.GRADE_10,
                   destination_matches_profile=True)
    g2 = b.student("g2", "9А", outcome=Outcome.GRADUATED, destination=Destination.COLLEGE,
                   destination_matches_profile=True)
    g3 = b.student("g3", "9Б", outcome=Outcome.GRADUATED, destination=Destination.COLLEGE,
                   destination_matches_profile=False, ovz=True)
    g4 = b.student("g4", "9Б", outcome=Outcome.GRADUATED, destination=Destination.NEET)
    g5 = b.student("g5", "9Б", outcome=Outcome.REPEATING)
    h1 = b.student("h1", "11А", outcome=Outcome.GRADUATED, destination=Destination.UNIVERSITY,
                   destination_matches_profile=True)
    h2 = b.student("h2", "11А", outcome=Outcome.GRADUATED, destination=Destination.WORKING, disability=True)
    h3 = b.student("h3", "11Б")
    # age and health
    y1 = b.student("y1", "1А", birth_date=d("2017-03-01"), health_group=1, ovz=True)
    y2 = b.student("y2", "1А", birth_date=d("2017-10-01"), health_group=2)  # 6 on 1 September
    b.student("y3", "1Б")  # nothing known
    f1 = b.student("f1", "8А", birth_date=d("2010-05-01"), health_group=3)
    f2 = b.student("f2", "8А", birth_date=d("2010-09-01"), health_group=1)  # 14 on the day
    f3 = b.student("f3", "8А", birth_date=d("2010-09-02"), health_group=2)  # still 13
    f5 = b.student("f5", "8Б", birth_date=d("2010-01-01"), health_group=1)
    x1 = b.student("x1", "8Б", outcome=Outcome.LEFT, ovz=True)  # not in CE
    # CE: g1..g5, h1..h3, y1..y3, f1 f2 f3 f5 = 15

    # events
    b.event(f1, "ВСОШ математика", EventLevel.SCHOOL, kind=EventKind.VSOSH)
    b.event(f1, "ВСОШ математика", EventLevel.MUNICIPAL, kind=EventKind.VSOSH, result=EventResult.PRIZE)
    b.event(f2, "Олимпиада «Высшая проба»", EventLevel.REGIONAL, kind=EventKind.LISTED_OLYMPIAD,
            result=EventResult.WINNER)
    b.event(f3, "Кросс", EventLevel.MUNICIPAL, kind=EventKind.COMPETITION)
    b.event(f5, "Олимпиада по краеведению", EventLevel.MUNICIPAL, kind=EventKind.OLYMPIAD, result=EventResult.WINNER)
    b.event(f5, "Конкурс рисунков", EventLevel.INTERNATIONAL, kind=EventKind.CONTEST)
    b.event(y1, "Конкурс чтецов", EventLevel.MUNICIPAL, kind=EventKind.CONTEST)
    b.event(x1, "ВСОШ математика", EventLevel.SCHOOL, kind=EventKind.VSOSH, result=EventResult.WINNER)

    # programs
    Program.objects.create(school=b.school, year_id=2024, student=y1, program="Робототехника",
                           kind=ProgramKind.ADDITIONAL, certificate=True)
    Program.objects.create(school=b.school, year_id=2024, student=f1, program="Робототехника",
                           kind=ProgramKind.ADDITIONAL, individual_route=True)
    b.program(f2, "Футбол", ProgramKind.SPORTS)
    b.program(f5, "Футбол", ProgramKind.SPORTS)
    b.program(x1, "Плавание", ProgramKind.SPORTS)
    b.program(g3, "Профпробы", ProgramKind.CAREER)
    b.program(h2, "Билет в будущее", ProgramKind.TICKET_TO_FUTURE)
    b.program(f3, "Юнармия", ProgramKind.PATRIOTIC)

    # social
    b.social(g5, SocialCategory.PDN)
    b.social(g4, SocialCategory.KDN, until=d("2025-05-24"))
    b.social(f3, SocialCategory.IN_SCHOOL, until=d("2025-06-10"))
    b.social(f1, SocialCategory.ORPHAN)
    b.social(f2, SocialCategory.SPT_RISK)
    b.social(y2, SocialCategory.LOW_INCOME, until=d("2025-01-10"))

    # ОГЭ
    oge = {s: b.assessment(K.OGE, s, 9, min_score=m) for s, m in
           [(MATH, 8), (RUS, 15), ("физика", 10), ("информатика", 5)]}
    for subject, primary, mark in [(MATH, 20, 5), (RUS, 30, 5), ("физика", 25, 5), ("информатика", 15, 5)]:
        b.result(oge[subject], g1, primary=primary, mark=mark)  # 20 in four subjects
    b.result(oge[MATH], g2, primary=7, mark=2)
    b.result(oge[RUS], g2, primary=20, mark=4)
    b.result(oge[MATH], g3, primary=10, mark=3)
    b.result(oge[RUS], g3, primary=14, mark=2)
    b.result(oge[RUS], g4, primary=25, mark=4)
    b.result(oge[MATH], g4, absent=True)  # chose mathematics, did not come
    # ЕГЭ
    ege = {s: b.assessment(K.EGE, s, 11, min_score=m) for s, m in
           [(RUS, 24), ("математика (профиль)", 27), ("математика (база)", None), ("физика", 36), ("химия", 36)]}
    for subject, test in [(RUS, 100), ("математика (профиль)", 90), ("физика", 80), ("химия", 70)]:
        b.result(ege[subject], h1, test=test)  # three best: 270
    b.result(ege[RUS], h2, test=60)
    b.result(ege["математика (база)"], h2, mark=2)
    b.result(ege["физика"], h2, test=50)  # two scored subjects only
    for subject, test in [(RUS, 70), ("математика (профиль)", 20), ("химия", 80), ("физика", 75)]:
        b.result(ege[subject], h3, test=test)  # three best: 225
    b.result(ege["математика (база)"], h3, mark=4)
    # ОГЭ two years before, for «the same subject at ОГЭ and ЕГЭ»
    b.result(b.assessment(K.OGE, "физика", 9, year=2022, min_score=10), h1, primary=20, mark=4)
    b.result(b.assessment(K.OGE, MATH, 9, year=2022, min_score=8), h3, primary=20, mark=4)

    # ВПР 8 with task flags: 1 (2, Б, ФГ), 2 (2, П, метапредметное), 3 (1, Б, ФГ и метапредметное)
    vpr = b.assessment(K.VPR, MATH, 8, tasks=[("1", 2, Difficulty.BASIC), ("2", 2, Difficulty.ADVANCED),
                                               ("3", 1, Difficulty.BASIC)])
    AssessmentTask.objects.filter(assessment=vpr, task__in=["1", "3"]).update(functional_literacy=True)
    AssessmentTask.objects.filter(assessment=vpr, task__in=["2", "3"]).update(metasubject=True)
    b.result(vpr, f1, mark=5, tasks=[2, 1, 1])  # ФГ 3 of 3: solved; metasubject 2 of 3
    b.result(vpr, f2, mark=3, tasks=[1, 2, 0])  # ФГ 1 of 3; metasubject 2 of 3
    b.result(vpr, f3, mark=4)  # no task scores
    # regional assessment of functional literacy (PISA model)
    reading = b.assessment(K.REGIONAL_FL, "читательская грамотность", 8, min_score=10)
    b.result(reading, f1, primary=12)
    b.result(reading, f2, primary=8)

    # staff: P = t1 t2 t3
    t1 = b.staff("t1", category=QualificationCategory.HIGHEST, category_date=d("2024-11-10"), weekly_hours=40,
                 profile_match=True)
    t2 = b.staff("t2", category=QualificationCategory.FIRST, category_date=d("2023-12-01"), weekly_hours=36,
                 profile_match=False)
    t3 = b.staff("t3", category=QualificationCategory.NONE, weekly_hours=20, profile_match=True)
    t4 = b.staff("t4", pedagogical=False)
    for member, subjects in [(t1, [MATH]), (t2, [MATH, "физика"]), (t3, ["физика"])]:
        StaffYear.objects.get(staff=member, year_id=2024).subjects.set([b.subject(s) for s in subjects])

    def event(member, kind, title, *, year=2024, level="", topics=()):
        b._year(year)
        StaffEvent.objects.create(school=b.school, year_id=year, staff=member, kind=kind, title=title, level=level,
                                  topics=list(topics))

    T = StaffEventTopic
    event(t1, StaffEventKind.COURSES, "Формирование функциональной грамотности", level=StaffEventLevel.REGIONAL,
          topics=[T.FUNCTIONAL_LITERACY, T.TALENTS, T.SPECIAL_NEEDS])
    event(t1, StaffEventKind.CONTEST, "Учитель года", level=StaffEventLevel.MUNICIPAL)
    event(t1, StaffEventKind.TALK, "РМО учителей математики", level=StaffEventLevel.MUNICIPAL)
    event(t1, StaffEventKind.DEFICIT_DIAGNOSTICS, "Диагностика дефицитов")
    event(t1, StaffEventKind.IOM, "ИОМ")
    event(t2, StaffEventKind.COURSES, "Обновлённые ФГОС: воспитание", year=2022, topics=[T.UPBRINGING])
    event(t2, StaffEventKind.DEFICIT_DIAGNOSTICS, "Диагностика дефицитов")
    event(t2, StaffEventKind.CONSULTATION, "Профилактика выгорания", topics=[T.BURNOUT])
    event(t2, StaffEventKind.MENTORING, "Наставник молодого учителя")
    event(t3, StaffEventKind.CONTEST, "Учитель года", level=StaffEventLevel.REGIONAL)
    event(t3, StaffEventKind.NETWORK, "Сетевое сообщество учителей физики")
    event(t4, StaffEventKind.COURSES, "ФГОС ООО для администрации", topics=[T.FUNCTIONAL_LITERACY])

    # surveys
    b.survey("parents-do", "d1", 5, {"variety": "полностью удовлетворен"})
    b.survey("parents-do", "d2", 6, {"variety": "не удовлетворен"})
    b.survey("parents-do", "d3", 7, {"overall": "скорее удовлетворен"})
    b.survey("do-needs", "n1", 5, {"interest": "робототехника"})
    b.survey("do-needs", "n2", 8, {"interest": "футбол"})
    b.survey("parents", "p1", 3, {"overall": "скорее удовлетворен", "upbringing": "полностью удовлетворен"})
    b.survey("parents", "p2", 6, {"overall": "не удовлетворен", "upbringing": "затрудняюсь ответить"})
    b.survey("students", "s1", 9, {"overall": "полностью удовлетворен", "upbringing": "скорее удовлетворен"})
    b.survey("students", "s2", 10, {"overall": "скорее не удовлетворен"})


CE = 15
# (value, numerator, denominator) computed by hand from build_school.
EXPECTED: dict[tuple[str, tuple], tuple] = {
    ("reg000.4.1", (("grade", "9"),)): (25, 1, 4),  # g4 of g1..g4
    ("reg000.4.1", ()): (100 / 6, 1, 6),
    ("reg000.4.3", ()): (75, 3, 4),  # g1 g2 g3
    ("reg000.3.1", ()): (1.5, 50, 100 / 3),  # grade 1: y2 of y1 y2; age 14: f1 of f1 f2 f5
    ("reg000.3.2", ()): (300 / CE, 3, CE),  # f2 f5 (sections), f3 (competition); x1 left
    ("reg000.3.3", ()): (200 / CE, 2, CE),
    ("reg000.2.6", ()): (300 / CE, 3, CE),  # f1 f2 f5
    ("reg000.2.7", ()): (500 / CE, 5, CE),  # f1 f2 f3 f5 y1
    ("reg000.2.4", ()): (300 / 7, 3, 7),  # ОГЭ g2 g3, ЕГЭ h2 of 4 + 3 participants
    ("reg000.4.2", ()): (100 / CE, 1, CE),  # g5 (g4 removed before 25 May)
    ("reg000.7.3", ()): (3, None, None),  # Робототехника, Футбол, Плавание
    ("reg000.6.6", ()): (100 / 3, 1, 3),
    ("reg000.6.7", ()): (200 / 3, 2, 3),
    ("reg000.7.1", (("subject", MATH),)): (50, 1, 2),
    ("reg000.7.1", (("subject", "физика"),)): (50, 1, 2),
    # п. 4.4.2–4.4.6
    ("reg000.4.4.2.10", ()): (100 / 16, 1, 16),  # x1 left of the 16 enrolled (CE 15 + x1)
    ("reg000.4.4.2.11", ()): (500 / 6, 5, 6),  # g1 g2 g3 h1 h2 study or work; g4 neither; h3 not a graduate
    ("reg000.4.4.2.11", (("grade", "9"),)): (75, 3, 4),
    ("reg000.4.4.3.2", ()): (400 / CE, 4, CE),  # y1 f1 (additional), f2 f5 (sports); x1 left
    ("reg000.4.4.4.3", ()): (0, 0, CE),  # no extracurricular programme
    ("reg000.4.4.4.5", ()): (50, 1, 2),  # p1 of p1 p2 («затрудняюсь ответить» is not satisfied)
    ("reg000.4.4.4.6", ()): (50, 1, 2),  # s1 of s1 s2 (s2 skipped the question)
    ("reg000.4.4.4.7", ()): (1, None, None),  # g5 (ПДН); g4 removed from КДН before 25 May
    ("reg000.4.4.5.1", ()): (200 / 3, 2, 3),  # t1 highest, t2 first; t3 none
    ("reg000.4.4.5.3", ()): (100 / 3, 1, 3),  # t3 (network)
    ("reg000.4.4.5.6", ()): (0, 0, 3),
    ("reg000.4.4.5.7", ()): (200 / 3, 2, 3),  # t1 t3 (contest)
    ("reg000.4.4.6.7", ()): (300 / CE, 3, CE),  # f2 f5 (sections), f3 (competition); x1 left
    ("reg004.1.1.5", ()): (0, 0, 1),  # g3 with ОВЗ failed russian
    ("reg004.1.1.13", ()): (25, 1, 4),
    ("reg004.1.1.14", ()): (25, 1, 4),
    ("reg004.1.1.18", ()): (1, None, None),
    ("reg004.1.1.19.s161_220", ()): (0, 0, 3),
    ("reg004.1.1.19.s221_259", ()): (100 / 3, 1, 3),
    ("reg004.1.1.19.s250plus", ()): (100 / 3, 1, 3),
    ("reg004.1.1.22.g4_8", ()): (50, 1, 2),
    ("reg004.1.1.23.g4_8", ()): (400 / 6, 4, 6),
    ("reg004.1.1.24.reading", ()): (50, 1, 2),
    ("reg004.2.1.1", ()): (200 / CE, 2, CE),
    ("reg004.2.1.3", ()): (100 / CE, 1, CE),
    ("reg004.2.1.4", ()): (100 / 3, 1, 3),
    ("reg004.2.2.3", ()): (100 / CE, 1, CE),
    ("reg004.2.2.4", ()): (500 / CE, 5, CE),  # f1 f2 f3 f5 y1
    ("reg004.2.2.5", ()): (200 / CE, 2, CE),  # f1 f2
    ("reg004.2.2.6.school", ()): (50, 1, 2),  # x1 of f1 x1
    ("reg004.2.2.6.municipal", ()): (50, 1, 2),
    ("reg004.2.2.6.regional", ()): (0, 0, 2),
    ("reg004.2.2.7.vsosh", ()): (50, 1, 2),  # x1
    ("reg004.2.2.7.contests", ()): (50, 1, 2),  # y1 of y1 f5
    ("reg004.2.2.11", ()): (100 / 3, 1, 3),
    ("reg004.2.2.12", ()): (100 / 3, 1, 3),
    ("reg004.3.1.2.extracurricular", ()): (100 / 3, 1, 3),  # g3 of g3 h2 y1
    ("reg004.3.1.2.early", ()): (100 / 3, 1, 3),  # h2
    ("reg004.3.1.3", ()): (200 / 3, 2, 3),
    ("reg004.3.1.5.g9_profile", ()): (100 / 3, 1, 3),
    ("reg004.3.1.5.ovz", ()): (50, 1, 2),
    ("reg004.3.1.6", ()): (20, 1, 5),  # физика: g1 of 9 grade g1..g5
    ("reg004.3.2.4", ()): (200 / 3, 2, 3),  # профильная математика: h1 h3 of h1 h2 h3
    ("reg004.3.2.8", ()): (200 / 3, 2, 3),  # h1 (физика), h3 (математика)
    ("reg004.3.2.10", ()): (100, 1, 1),
    ("reg004.4.1.1.highest", ()): (100 / 3, 1, 3),
    ("reg004.4.1.1.first", ()): (0, 0, 3),
    ("reg004.4.1.3.municipal", ()): (100 / 3, 1, 3),
    ("reg004.4.1.3.regional", ()): (100 / 3, 1, 3),
    ("reg004.4.1.3.federal", ()): (0, 0, 3),
    ("reg004.4.1.4", ()): (1, None, None),
    ("reg004.4.1.5", ()): (200 / 3, 2, 3),
    ("reg004.4.1.6", ()): (50, 1, 2),
    ("reg004.4.1.8", ()): (100 / 3, 1, 3),
    ("reg004.4.1.9.fl", ()): (100 / 3, 1, 3),  # t4 is not pedagogical
    ("reg004.4.1.9.upbringing", ()): (0, 0, 3),  # t2's course was in 2022
    ("reg004.4.2.4", ()): (200 / 3, 2, 3),
    ("reg004.4.2.6", ()): (100 / 3, 1, 3),
    ("reg004.4.2.11", ()): (100 / 3, 1, 3),
    ("reg004.4.2.13", ()): (100 / 3, 1, 3),
    ("reg004.5.1.1.labour", ()): (200 / CE, 2, CE),
    ("reg004.5.1.1.patriotic", ()): (100 / CE, 1, CE),
    ("reg004.5.1.5", ()): (400 / 6, 4, 6),  # y1 f1 (ДО), f2 f5 (sections) of y1 y2 f1 f2 f3 f5
    ("reg004.5.3.1.orphan", ()): (100 / CE, 1, CE),
    ("reg004.5.3.1.low_income", ()): (0, 0, CE),  # removed in January
    ("reg004.5.3.4", ()): (200 / CE, 2, CE),  # f1 f2
    ("reg004.5.3.6", ()): (200 / 3, 2, 3),  # g4 f3 of g4 g5 f3
    ("reg004.5.3.10", ()): (100 / 3, 1, 3),  # t2, two years ago
    ("reg004.6.1.1.g1_4", ()): (100, 1, 1),
    ("reg004.6.1.1.g5_9", ()): (0, 0, 1),
    ("reg004.6.1.8.g9", ()): (100, 1, 1),
    ("reg004.6.1.8.g10_11", ()): (0, 0, 1),
    ("order1324.1.13", ()): (100 / 3, 1, 3),  # h2 of h1 h2 h3
    ("order1324.1.34", ()): (50, 2, 4),  # t2, t4 of all four
}


def all_definitions() -> dict[str, Definition]:
    return {e["code"]: Definition.from_entry(e) for spec in read_catalogs() for e in spec.indicators}


@pytest.fixture
def regulation_school(school):
    build_school(Records(school, year=2024))
    recompute(school, [2024])
    return school


def capital(name: str) -> str:
    return name[0].upper() + name[1:]


def assert_expected(school, subject=lambda name: name) -> None:
    defs = all_definitions()
    got = values_by_key(school, 2024, defs, sorted({code for code, _ in EXPECTED}))

    for key, (value, numerator, denominator) in EXPECTED.items():
        code, breakdown = key
        v = got[(code, tuple((d, subject(x) if d == "subject" else x) for d, x in breakdown))]
        approx = [None if x is None else pytest.approx(x, rel=1e-12) for x in (value, numerator, denominator)]
        assert (v.value, v.numerator, v.denominator) == tuple(approx), key


@pytest.mark.django_db
def test_indicators_from_the_new_extractors_match_the_hand_computation(regulation_school):
    assert_expected(regulation_school)


@pytest.mark.django_db
def test_subject_names_written_with_a_capital_give_the_same_values(regulation_school):
    # The importer keeps a subject as first written: «Русский язык», «Математика (база)».
    for subject in Subject.objects.all():
        subject.name = capital(subject.name)
        subject.save()
    recompute(regulation_school, [2024])

    assert_expected(regulation_school, subject=capital)
    defs = all_definitions()
    got = values_by_key(regulation_school, 2024, defs, ["order1324.1.6", "order1324.1.12", "reg004.1.1.15.russian"])
    assert got[("order1324.1.6", ())].value == pytest.approx(15 / 4)  # 5, 4, 2, 4
    assert got[("order1324.1.12", ())].value == 0
    assert got[("reg004.1.1.15.russian", ())].value == 30  # 30 25 20 14, k = 1


@pytest.mark.django_db
def test_every_regulation_indicator_evaluates_on_the_school(regulation_school):
    defs = all_definitions()
    wanted = [c for c in defs if c.split(".")[0] in REGULATIONS]
    got = values_by_key(regulation_school, 2024, defs, wanted)

    assert {code for code, _ in got} == set(wanted)
    entered = [c for c in wanted if defs[c].method == Method.ENTERED]
    assert all(got[(c, ())].value is None for c in entered)  # nothing entered yet
