from fractions import Fraction

import pytest

from vsoko.datavalues.registry import codes
from vsoko.indicators.formula import (
    Alt,
    BinOp,
    Call,
    CodeRef,
    Cond,
    FormulaError,
    Neg,
    Num,
    check,
    in_words,
    indicator_refs,
    parse,
)


def test_parse_respects_precedence_and_parentheses():
    assert parse("1 + 2 * 3") == BinOp("+", Num(Fraction(1)), BinOp("*", Num(Fraction(2)), Num(Fraction(3))))
    assert parse("(1 + 2) * 3") == BinOp("*", BinOp("+", Num(Fraction(1)), Num(Fraction(2))), Num(Fraction(3)))
    assert parse("-0.64") == Neg(Num(Fraction("0.64")))
    assert parse("10 - 2 - 3") == BinOp("-", BinOp("-", Num(Fraction(10)), Num(Fraction(2))), Num(Fraction(3)))


def test_parse_code_with_selector_values_ranges_and_quotes():
    node = parse('students.ce[grade=2..11, attestation=excellent|good, subject="математика (база)"]')

    assert node == CodeRef("students.ce", (
        Cond("grade", (Alt(low=2, high=11),)),
        Cond("attestation", (Alt("excellent"), Alt("good"))),
        Cond("subject", (Alt("математика (база)"),)),
    ), 0)


def test_parse_open_ranges_mixed_with_values():
    node = parse("marks.year[mark=1..5|na, grade=..4]")

    assert node.selector[0].alts == (Alt(low=1, high=5), Alt("na"))
    assert node.selector[1].alts == (Alt(low=None, high=4),)


def test_parse_function_calls_and_ref():
    node = parse("percent(a.b, ref(reg000.4.6.3))")

    assert node == Call("percent", (CodeRef("a.b", (), 8), Call("ref", (CodeRef("reg000.4.6.3", (), 17),), 13)), 0)
    assert indicator_refs(node) == ["reg000.4.6.3"]


def test_alternatives_match_values_and_numeric_ranges():
    cond = Cond("mark", (Alt(low=3, high=5), Alt("na")))

    assert [cond.matches(x) for x in ["2", "3", "5", "na", "pass", None]] == [False, True, True, True, False, False]
    assert Alt(low=None, high=34).matches("34") and not Alt(low=None, high=34).matches("35")
    assert Alt(low=0, high=2).matches("0") and Alt(low=0, high=2).matches("1.5")


@pytest.mark.parametrize(("text", "message", "position"), [
    ("", "пустая формула", 0),
    ("1 +", "ожидается число, код или функция", 3),
    ("percent(a.b, c.d", "ожидается «)»", 16),
    ("students", "не код значения данных", 0),
    ("a.b c.d", "лишний текст", 4),
    ("a.b[grade=1, grade=2]", "дважды", 21),
    ('a.b[subject="x]', "незакрытая кавычка", 12),
    ("a.b[=1]", "ожидается имя измерения", 4),
    ("2 * $", "ожидается число, код или функция", 4),
])
def test_syntax_errors_say_what_and_where(text, message, position):
    with pytest.raises(FormulaError) as err:
        parse(text)

    assert message in err.value.message
    assert err.value.position == position


@pytest.mark.parametrize(("text", "message"), [
    ("students.cee", "неизвестный код значения данных «students.cee»"),
    ("percentage(students.ce, students.ce)", "неизвестная функция «percentage»"),
    ("percent(students.ce)", "принимает аргументов: 2, дано 1"),
    ("students.ce[colour=red]", "неизвестное измерение «colour»"),
    ("staff.p[grade=9]", "у «staff.p» нет измерения «grade»"),
    ("median(students.ce)", "код распределения"),
    ("ref(core.nothing)", "неизвестный показатель «core.nothing»"),
    ("survey.respondents", "нужно зафиксировать"),
    ("survey.respondents[survey=parents|students]", "нужно зафиксировать"),
    ("results.participants[kind=oge]", None),
    ("top_quartile(results.primary_score.dist[kind=oge])", None),
])
def test_check_rejects_unknown_codes_functions_and_dimensions(text, message):
    tree = parse(text)

    if message is None:
        check(tree, codes=codes(), indicators={"core.quality"})
        return
    with pytest.raises(FormulaError) as err:
        check(tree, codes=codes(), indicators={"core.quality"})
    assert message in err.value.message


def test_check_requires_breakdown_dimensions_on_every_code():
    tree = parse("percent(students.ce.events, students.ce)")

    check(tree, codes=codes(), breakdowns=[("grade",), ("grade_band",)])
    with pytest.raises(FormulaError, match="разрез «subject» невозможен"):
        check(tree, codes=codes(), breakdowns=[("subject",)])


def test_a_fixed_dimension_may_be_a_breakdown_only_without_a_total():
    tree = parse("survey.respondents")

    check(tree, codes=codes(), breakdowns=[("survey",)], total=False)
    with pytest.raises(FormulaError):
        check(tree, codes=codes(), breakdowns=[("survey",)], total=True)


def test_formula_in_words_uses_the_definitions_of_codes():
    words = in_words(parse("percent(staff.p[age=..34], staff.p)"), codes())

    assert words == ("(педагогические работники учебного года (P) (возраст: ..34)) / "
                     "(педагогические работники учебного года (P)) × 100")


def test_formula_in_words_names_coded_dimension_values_in_russian():
    words = in_words(parse("students.ce[attestation=excellent|good, ovz=yes] + results.main[kind=vpr]"), codes())

    assert "итог годовой аттестации: на «отлично», на «4» и «5»" in words
    assert "ОВЗ: да" in words
    assert "вид процедуры: ВПР" in words
    assert "excellent" not in words and "vpr" not in words
