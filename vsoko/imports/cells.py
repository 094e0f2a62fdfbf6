"""Reading one cell of the data package into a Python value.

A cell comes from CSV (always text) or from XLSX (text, number, boolean or a
real date). Every parser returns the value to store or raises CellError with a
Russian explanation; empty cells never reach a parser (they mean "not given").
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from vsoko.imports.enums import ColumnType
from vsoko.imports.tables import Column, normalize


class CellError(ValueError):
    """A cell whose value cannot be read; the message says why, in Russian."""


Parser = Callable[[object], object]


def is_empty(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def cell_text(cell: object) -> str:
    """The cell as the user sees it: 5.0 from Excel is «5», a date is 31.05.2025."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "да" if cell else "нет"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, datetime.datetime):
        return cell.strftime("%d.%m.%Y %H:%M") if cell.time() != datetime.time() else cell.strftime("%d.%m.%Y")
    if isinstance(cell, datetime.date):
        return cell.strftime("%d.%m.%Y")
    return " ".join(str(cell).translate(INVISIBLE).split())


# Characters that copying from web pages and PDFs leaves in cells: nobody sees them, so they never count.
INVISIBLE = str.maketrans({"\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None,
                           "\u00ad": None, "\u00a0": " "})


def parse_text(column: Column) -> Parser:
    def parse(cell: object) -> str:
        text = cell_text(cell)
        if column.cyrillic_words:
            text = cyrillic_words(text)
        if column.max_length and len(text) > column.max_length:
            raise CellError(f"Слишком длинное значение: больше {column.max_length} символов.")
        return text

    return parse


YEAR_PATTERN = re.compile(r"^(\d{4})\s*[/\-–—]\s*(\d{4}|\d{2})$")


def parse_typed(cell: object) -> str:
    """A cell whose reading depends on its row (a `values` cell, on its indicator's unit; validation reads it):
    kept as the user sees it, with its line breaks, since it may be the words of a text indicator."""
    if cell.__class__ is str:
        return cell.translate(INVISIBLE).replace("\r\n", "\n").strip()
    return cell_text(cell)


def parse_year(cell: object) -> int:
    match = YEAR_PATTERN.match(cell_text(cell))
    if match:
        start, end = int(match.group(1)), match.group(2)
        end_year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
        if end_year == start + 1 and 1990 <= start <= 2100:
            return start
    raise CellError("Учебный год записывается как 2024/2025 (годы подряд).")


EXCEL_EPOCH = datetime.date(1899, 12, 30)
# Excel keeps a date as the number of days since its epoch; a date cell that lost its format shows
# that number (45536 is 01.09.2024). Numbers from 01.01.1930 to 31.12.2100 are read as such dates;
# smaller ones are more likely a year (2010) or a mistake than a date in the 1900s.
SERIAL_RANGE = (10959, 73415)


def parse_date(cell: object) -> datetime.date:
    if isinstance(cell, datetime.datetime):
        value = cell.date()
    elif isinstance(cell, datetime.date):
        value = cell
    elif isinstance(cell, (int, float)) and not isinstance(cell, bool):
        value = _date_from_serial(cell)
    else:
        value = _date_from_text(cell_text(cell))
    if not 1900 <= value.year <= 2100:
        raise CellError("Дата вне допустимого диапазона (1900–2100).")
    return value


def parse_past_date(cell: object) -> datetime.date:
    """A birth date: a date after today is a typo (2041 for 2014), never a pupil not yet born."""
    value = parse_date(cell)
    if value > datetime.date.today():
        raise CellError("Дата рождения позже сегодняшнего дня.")
    return value


def _date_from_serial(number: float) -> datetime.date:
    if not SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]:
        raise CellError("Число в столбце даты: запишите дату как 31.05.2025 (или задайте ячейке формат «Дата»).")
    return EXCEL_EPOCH + datetime.timedelta(days=int(number))


# A date, optionally with a midnight time as 1С and some journals export it: «01.09.2024 0:00:00»,
# or with «г.» / «года» after it as Russian documents write it: «01.09.2025 г.».
DATE_PATTERN = re.compile(r"^(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*(?:г\.?|года))?)"
                          r"(?:[ T]0?0:00(?::00)?)?$", re.IGNORECASE)


def _date_from_text(text: str) -> datetime.date:
    match = DATE_PATTERN.match(text)
    if not match:
        raise CellError("Дата записывается как 31.05.2025 или 2025-05-31.")
    iso_y, iso_m, iso_d, d, m, y = match.groups()
    try:
        if iso_y:
            return datetime.date(int(iso_y), int(iso_m), int(iso_d))
        return datetime.date(int(y), int(m), int(d))
    except ValueError:
        raise CellError("Такой даты нет в календаре.") from None


TRUE_WORDS = {"да", "1", "true", "+", "истина", "yes"}
FALSE_WORDS = {"нет", "0", "false", "-", "ложь", "no"}


def parse_bool(cell: object) -> bool:
    if isinstance(cell, bool):
        return cell
    word = normalize(cell_text(cell))
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError("Ожидается «да» или «нет» (также 1/0, +/пусто).")


def parse_int(column: Column) -> Parser:
    low, high = column.min_value, column.max_value
    expected = f"целое число от {low} до {high}" if low is not None and high is not None else "целое число"

    def parse(cell: object) -> int:
        value = _number(cell, expected)
        if abs(value) > 10**12 or value != value.to_integral_value():
            raise CellError(f"Ожидается {expected}.")
        number = int(value)
        if (low is not None and number < low) or (high is not None and number > high):
            raise CellError(f"Ожидается {expected}.")
        return number

    return parse


def parse_decimal(column: Column) -> Parser:
    places = column.decimal_places
    quantum = Decimal(1).scaleb(-places)
    limit = Decimal(10) ** (column.max_digits - places)

    def parse(cell: object) -> Decimal:
        value = _number(cell, "число")
        if abs(value) >= limit:
            raise CellError("Слишком большое число.")
        if value.quantize(quantum) != value:
            raise CellError(f"Не больше {places} {'знака' if places == 1 else 'знаков'} после запятой."
                            if places else "Ожидается целое число.")
        return value.quantize(quantum)

    return parse


def _number(cell: object, expected: str) -> Decimal:
    if isinstance(cell, bool):
        raise CellError(f"Ожидается {expected}.")
    if isinstance(cell, int):
        return Decimal(cell)
    if isinstance(cell, float):
        text = repr(cell)
    else:
        text = cell_text(cell).replace(" ", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise CellError(f"Ожидается {expected}.") from None
    if not value.is_finite():
        raise CellError(f"Ожидается {expected}.")
    return value


# Latin letters that look like Cyrillic ones: typed in the English layout they are invisible to the user,
# so «5A» (Latin) is class 5А and «M» (Latin) in the column «Пол» is «М».
# Applied to upper case: «5b» is 5В, as «5B» is.
LATIN_LOOKALIKES = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")


# In a word that mixes scripts the Latin look-alikes were typed in the English layout: «Физикa» is «Физика».
# A word all in Latin («Python») is written so on purpose and stays.
WORD = re.compile(r"[^\W\d_]+")
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
LATIN = re.compile(r"[a-z]", re.IGNORECASE)
LATIN_LOOKALIKES_ANY_CASE = str.maketrans("ABCEHKMOPTXYaceopxy", "АВСЕНКМОРТХУасеорху")


def cyrillic_words(text: str) -> str:
    if not LATIN.search(text) or not CYRILLIC.search(text):
        return text
    return WORD.sub(lambda m: m.group().translate(LATIN_LOOKALIKES_ANY_CASE)
                    if CYRILLIC.search(m.group()) and LATIN.search(m.group()) else m.group(), text)


CLASS_PATTERN = re.compile(r"^(\d{1,2})\s*[-‐–«\"]?\s*([а-яёa-z]{0,3})[»\"]?$", re.IGNORECASE)


def parse_class(cell: object) -> tuple[int, str]:
    """`9А` -> (9, "А"); `1` -> (1, "")."""
    match = CLASS_PATTERN.match(cell_text(cell))
    if match and 1 <= int(match.group(1)) <= 11:
        return int(match.group(1)), match.group(2).upper().translate(LATIN_LOOKALIKES).replace("Ё", "Е")
    raise CellError("Класс записывается как 9А, 10Б или 1: параллель от 1 до 11 и литера.")


def class_name(grade: int, letter: str) -> str:
    return f"{grade}{letter}"


def enum_words(column: Column) -> dict[str, str]:
    """Accepted words (normalized) -> stored value."""
    words = {enum_word(label): value for value, label in column.choices.choices}
    words.update({enum_word(word): value for word, value in column.aliases.items()})
    return words


def enum_word(text: str) -> str:
    """The form an enumeration word is matched by: normalized, Latin look-alikes read as Cyrillic."""
    return normalize(str(text).upper().translate(LATIN_LOOKALIKES))


# A whole number kept as text by the program that wrote it: «5.0», «5,0» (a mark exported from a database).
WHOLE_NUMBER_TEXT = re.compile(r"^(\d+)[.,]0+$")
# «5-», «4+» from a paper journal: no mark of the package has them.
MARK_WITH_SIGN = re.compile(r"^[1-5]\s*[+\-−–]$")


def parse_enum(column: Column) -> Parser:
    words = enum_words(column)
    allowed = ", ".join(label for _, label in column.choices.choices)

    def parse(cell: object) -> str:
        word = enum_word(cell_text(cell))
        whole = WHOLE_NUMBER_TEXT.match(word)
        try:
            return words[whole.group(1) if whole and word not in words else word]
        except KeyError:
            if MARK_WITH_SIGN.match(word) and word[0] in words:
                why = "Отметка с «+» или «−» не принимается: впишите целую отметку."
                raise CellError(f"{why} Допустимые: {allowed}.") from None
            raise CellError(f"Недопустимое значение. Допустимые: {allowed}.") from None

    return parse


def split_list(cell: object) -> list[str]:
    return [item.strip() for item in cell_text(cell).split(";") if item.strip()]


def parse_list(column: Column) -> Parser:
    if column.choices is None:
        if column.cyrillic_words:
            return lambda cell: _unique([cyrillic_words(item) for item in split_list(cell)])
        return lambda cell: _unique(split_list(cell))
    words = enum_words(column)
    allowed = ", ".join(label for _, label in column.choices.choices)

    def parse(cell: object) -> list[str]:
        values = []
        for item in split_list(cell):
            try:
                values.append(words[enum_word(item)])
            except KeyError:
                raise CellError(f"Недопустимое значение «{item}». Допустимые: {allowed}.") from None
        return _unique(values)

    return parse


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def parser_for(column: Column) -> Parser:
    """The parser of a column, memoized: the same values repeat down a column (ids, years, subjects).

    Lists are not memoized, so that no two rows share one list object.
    """
    match column.type:
        case ColumnType.TEXT:
            return memoized(parse_text(column))
        case ColumnType.DATE:
            return memoized(parse_past_date if column.not_future else parse_date)
        case ColumnType.DECIMAL:
            return memoized(parse_decimal(column))
        case ColumnType.LIST:
            return parse_list(column)
        case ColumnType.YEAR:
            return memoized(parse_year)
        case ColumnType.BOOL:
            return memoized(parse_bool)
        case ColumnType.INT:
            return memoized(parse_int(column))
        case ColumnType.ENUM:
            return memoized(parse_enum(column))
        case ColumnType.CLASS:
            return memoized(parse_class)
        case ColumnType.TYPED:
            return memoized(parse_typed)
    raise AssertionError(column.type)


def memoized(parse: Parser, size: int = 50_000) -> Parser:
    """Remember parsed values (and errors) by cell; keyed by type too, since 1 == 1.0 == True."""
    cache: dict[tuple[type, object], object] = {}

    def memo(cell: object) -> object:
        key = (cell.__class__, cell)
        try:
            value = cache[key]
        except KeyError:
            try:
                value = parse(cell)
            except CellError as exc:
                value = exc
            if len(cache) < size:
                cache[key] = value
        if value.__class__ is CellError:
            raise CellError(str(value))  # a fresh one: re-raising one object would chain its tracebacks
        return value

    return memo


MARK_SCALE_PATTERN = re.compile(r"^\s*(\d)\s*:\s*(\d+)\s*-\s*(\d+)\s*$")


def parse_mark_scale(text: str) -> list[tuple[int, int, int]]:
    """`2:0-7;3:8-14` -> [(2, 0, 7), (3, 8, 14)]."""
    scale = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        match = MARK_SCALE_PATTERN.match(part)
        if not match:
            raise CellError(f"Шкала записывается как 2:0-7;3:8-14;4:15-21;5:22-33, а не «{part}».")
        mark, low, high = map(int, match.groups())
        if low > high or not 1 <= mark <= 5:
            raise CellError(f"Неверный диапазон «{part}».")
        scale.append((mark, low, high))
    return scale


TEST_SCALE_PATTERN = re.compile(r"^\s*(\d+)\s*:\s*(\d+(?:[.,]\d+)?)\s*$")


def parse_test_scale(text: str) -> dict[int, Decimal]:
    """`0:0;1:3;2:5` -> {0: 0, 1: 3, 2: 5}."""
    scale = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        match = TEST_SCALE_PATTERN.match(part)
        if not match:
            raise CellError(f"Шкала записывается как 0:0;1:3;2:5 (первичный:тестовый), а не «{part}».")
        scale[int(match.group(1))] = Decimal(match.group(2).replace(",", "."))
    return scale


def mark_from_scale(scale: list[tuple[int, int, int]], score: Decimal) -> int | None:
    """The mark whose range holds the score (a fractional score belongs to the range of its floor)."""
    whole = int(score)
    return next((mark for mark, low, high in scale if low <= whole <= high), None)
