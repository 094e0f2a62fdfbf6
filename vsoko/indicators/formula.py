"""The formula language of indicators: a scannerless recursive-descent parser, no eval.

    expr     := term (("+" | "-") term)*
    term     := unary (("*" | "/") unary)*
    unary    := "-" unary | atom
    atom     := NUMBER | NAME "(" args ")" | code | "(" expr ")"
    code     := NAME ("." SEGMENT)+ [ "[" cond ("," cond)* "]" ]
    cond     := DIM "=" alt ("|" alt)*
    alt      := [INT] ".." [INT] | WORD | "quoted"

The syntax and the functions are documented in docs/indicators.md. `parse()` gives
an AST; `check()` validates it against the data-value registry, the known indicator
codes and the indicator's breakdowns; `evaluate()` (vsoko.indicators.evaluate) runs it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from vsoko.datavalues.registry import DIMS, Code, value_text


class FormulaError(ValueError):
    """A formula that cannot be parsed or refers to something unknown; `position` is 0-based."""

    def __init__(self, message: str, position: int | None = None):
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        if self.position is None:
            return self.message
        return f"{self.message} (позиция {self.position + 1})"


# --- AST ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Num:
    value: Fraction


@lru_cache(maxsize=65536)
def as_number(text: str) -> int | Fraction | None:
    """A dimension value as a number for ranges (grades, ages, scores); None if it is not one."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        return None


@dataclass(frozen=True)
class Alt:
    """One alternative of a selector condition: a value, or an integer range with open ends."""

    value: str | None = None
    low: int | None = None
    high: int | None = None

    @property
    def is_range(self) -> bool:
        return self.value is None

    def matches(self, text: str) -> bool:
        if self.value is not None:
            return text == self.value
        number = as_number(text)
        if number is None:
            return False
        return (self.low is None or number >= self.low) and (self.high is None or number <= self.high)

    def __str__(self) -> str:
        if self.value is not None:
            return self.value
        return f"{'' if self.low is None else self.low}..{'' if self.high is None else self.high}"


@dataclass(frozen=True)
class Cond:
    dim: str
    alts: tuple[Alt, ...]

    def matches(self, text: str | None) -> bool:
        return text is not None and any(alt.matches(text) for alt in self.alts)

    @property
    def single_value(self) -> bool:
        return len(self.alts) == 1 and not self.alts[0].is_range


@dataclass(frozen=True)
class CodeRef:
    code: str
    selector: tuple[Cond, ...]
    position: int


@dataclass(frozen=True)
class BinOp:
    op: str
    left: object
    right: object


@dataclass(frozen=True)
class Neg:
    operand: object


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple
    position: int


# --- functions ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Function:
    """A formula function: its argument kinds ("expr", "dist" — a distribution code, "indicator")."""

    name: str
    args: tuple[str, ...]
    words: str  # Russian description for "the formula in words", with {0}, {1} for the arguments


FUNCTIONS: dict[str, Function] = {}


def register_function(name: str, args: tuple[str, ...], words: str) -> Function:
    FUNCTIONS[name] = Function(name, args, words)
    return FUNCTIONS[name]


register_function("percent", ("expr", "expr"), "({0}) / ({1}) × 100")
register_function("ratio", ("expr", "expr"), "({0}) / ({1})")
register_function("mean", ("expr", "expr"), "среднее: ({0}) / ({1})")
register_function("median", ("dist",), "медиана распределения: {0}")
register_function("top_quartile", ("dist",), "граница верхней четверти (k = ⌈n/4⌉-й балл сверху): {0}")
register_function("ref", ("indicator",), "значение показателя {0}")
register_function("bool", ("expr",), "1, если {0} не равно 0, иначе 0")


# --- parser -------------------------------------------------------------------------------------

NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
SEGMENT_RE = re.compile(r"[A-Za-z0-9_]+")
NUMBER_RE = re.compile(r"\d+(\.\d+)?")
INT_RE = re.compile(r"-?\d+")
WORD_RE = re.compile(r"[^\s,\]|\"]+")


class Parser:
    def __init__(self, text: str):
        self.text = text
        self.pos = 0

    def error(self, message: str, position: int | None = None):
        raise FormulaError(message, self.pos if position is None else position)

    def skip(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self) -> str:
        self.skip()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = self.peek() or "конец формулы"
            self.error(f"ожидается «{char}», а найдено «{found}»")
        self.pos += 1

    def match(self, regex: re.Pattern) -> str | None:
        self.skip()
        m = regex.match(self.text, self.pos)
        if not m:
            return None
        self.pos = m.end()
        return m.group(0)

    def parse(self):
        if not self.text.strip():
            self.error("пустая формула", 0)
        node = self.expr()
        if self.peek():
            self.error(f"лишний текст «{self.text[self.pos:]}»")
        return node

    def expr(self):
        node = self.term()
        while self.peek() in ("+", "-"):
            op = self.text[self.pos]
            self.pos += 1
            node = BinOp(op, node, self.term())
        return node

    def term(self):
        node = self.unary()
        while self.peek() in ("*", "/"):
            op = self.text[self.pos]
            self.pos += 1
            node = BinOp(op, node, self.unary())
        return node

    def unary(self):
        if self.peek() == "-":
            self.pos += 1
            return Neg(self.unary())
        return self.atom()

    def atom(self):
        char = self.peek()
        if char == "(":
            self.pos += 1
            node = self.expr()
            self.expect(")")
            return node
        if char.isdigit():
            return Num(Fraction(self.match(NUMBER_RE)))
        start = self.pos
        name = self.match(NAME_RE)
        if name is None:
            self.error(f"ожидается число, код или функция, а найдено «{char or 'конец формулы'}»")
        if self.peek() == "(":
            self.pos += 1
            args = []
            if self.peek() != ")":
                args.append(self.expr())
                while self.peek() == ",":
                    self.pos += 1
                    args.append(self.expr())
            self.expect(")")
            return Call(name, tuple(args), start)
        segments = [name]
        while self.pos < len(self.text) and self.text[self.pos] == ".":
            self.pos += 1
            segment = SEGMENT_RE.match(self.text, self.pos)
            if not segment:
                self.error("после точки ожидается продолжение кода")
            segments.append(segment.group(0))
            self.pos = segment.end()
        if len(segments) == 1:
            self.error(f"«{name}» — не код значения данных (в коде есть точка) и не функция (нет скобок)", start)
        selector = self.selector() if self.peek() == "[" else ()
        return CodeRef(".".join(segments), selector, start)

    def selector(self) -> tuple[Cond, ...]:
        self.expect("[")
        conds = [self.cond()]
        while self.peek() == ",":
            self.pos += 1
            conds.append(self.cond())
        self.expect("]")
        dims = [c.dim for c in conds]
        if len(set(dims)) != len(dims):
            self.error("измерение указано в селекторе дважды")
        return tuple(conds)

    def cond(self) -> Cond:
        dim = self.match(NAME_RE)
        if dim is None:
            self.error("ожидается имя измерения")
        self.expect("=")
        alts = [self.alt()]
        while self.peek() == "|":
            self.pos += 1
            alts.append(self.alt())
        return Cond(dim, tuple(alts))

    def alt(self) -> Alt:
        self.skip()
        rest = self.text[self.pos:]
        m = re.match(r"(-?\d+)?\.\.(-?\d+)?", rest)
        if m and (m.group(1) is not None or m.group(2) is not None):
            self.pos += m.end()
            low = int(m.group(1)) if m.group(1) is not None else None
            high = int(m.group(2)) if m.group(2) is not None else None
            return Alt(low=low, high=high)
        if rest.startswith('"'):
            end = self.text.find('"', self.pos + 1)
            if end < 0:
                self.error("незакрытая кавычка")
            value = self.text[self.pos + 1:end]
            self.pos = end + 1
            return Alt(value=value)
        word = self.match(WORD_RE)
        if word is None:
            self.error("ожидается значение измерения")
        return Alt(value=word)


def parse(text: str):
    return Parser(text).parse()


# --- inspection ---------------------------------------------------------------------------------

def walk(node) -> Iterator:
    yield node
    if isinstance(node, BinOp):
        yield from walk(node.left)
        yield from walk(node.right)
    elif isinstance(node, Neg):
        yield from walk(node.operand)
    elif isinstance(node, Call):
        for arg in node.args:
            yield from walk(arg)


def code_refs(node) -> list[CodeRef]:
    """Data-value references (not the arguments of ref())."""
    out = []

    def visit(n):
        if isinstance(n, CodeRef):
            out.append(n)
        elif isinstance(n, BinOp):
            visit(n.left)
            visit(n.right)
        elif isinstance(n, Neg):
            visit(n.operand)
        elif isinstance(n, Call) and n.name != "ref":
            for a in n.args:
                visit(a)

    visit(node)
    return out


def indicator_refs(node) -> list[str]:
    return [n.args[0].code for n in walk(node) if isinstance(n, Call) and n.name == "ref"
            and n.args and isinstance(n.args[0], CodeRef)]


def check(node, *, codes: dict[str, Code], indicators: set[str] | frozenset = frozenset(),
          breakdowns: list[tuple[str, ...]] = (), total: bool = True) -> None:
    """Raise FormulaError for unknown functions, codes, dimensions, or a breakdown a code lacks."""
    for n in walk(node):
        if isinstance(n, Call):
            _check_call(n, codes, indicators)
    for ref in code_refs(node):
        code = codes.get(ref.code)
        if code is None:
            raise FormulaError(f"неизвестный код значения данных «{ref.code}»", ref.position)
        for cond in ref.selector:
            if cond.dim not in DIMS:
                raise FormulaError(f"неизвестное измерение «{cond.dim}» у «{ref.code}»", ref.position)
            if not code.has_dim(cond.dim):
                raise FormulaError(
                    f"у «{ref.code}» нет измерения «{cond.dim}» (есть: {', '.join(code.dims) or 'нет'})", ref.position
                )
        fixed_by_selector = {c.dim for c in ref.selector if c.single_value}
        for dim in code.fixed:
            in_every_breakdown = breakdowns and not total and all(dim in b for b in breakdowns)
            if dim not in fixed_by_selector and not in_every_breakdown:
                raise FormulaError(
                    f"у «{ref.code}» измерение «{dim}» нужно зафиксировать одним значением: "
                    f"по нему люди пересекаются, и сумма посчитала бы их дважды", ref.position,
                )
        for breakdown in breakdowns:
            for dim in breakdown:
                if dim not in DIMS:
                    raise FormulaError(f"неизвестное измерение разреза «{dim}»")
                if not code.has_dim(dim):
                    raise FormulaError(f"разрез «{dim}» невозможен: у «{ref.code}» нет этого измерения", ref.position)


def _check_call(call: Call, codes: dict[str, Code], indicators) -> None:
    fn = FUNCTIONS.get(call.name)
    if fn is None:
        raise FormulaError(
            f"неизвестная функция «{call.name}» (есть: {', '.join(sorted(FUNCTIONS))})", call.position
        )
    if len(call.args) != len(fn.args):
        raise FormulaError(f"функция «{call.name}» принимает аргументов: {len(fn.args)}, дано {len(call.args)}",
                           call.position)
    for kind, arg in zip(fn.args, call.args, strict=True):
        if kind == "dist":
            code = codes.get(arg.code) if isinstance(arg, CodeRef) else None
            if code is None or not code.dist:
                raise FormulaError(f"аргумент «{call.name}» — код распределения баллов (…dist)", call.position)
        if kind == "indicator":
            if not isinstance(arg, CodeRef) or arg.selector:
                raise FormulaError("аргумент «ref» — код показателя", call.position)
            if arg.code not in indicators:
                raise FormulaError(f"ссылка на неизвестный показатель «{arg.code}»", arg.position)


# --- words ---------------------------------------------------------------------------------------

def in_words(node, codes: dict[str, Code]) -> str:
    """The formula in Russian: codes replaced by their definitions, selectors by their conditions."""
    if isinstance(node, Num):
        return format_number(node.value)
    if isinstance(node, CodeRef):
        code = codes.get(node.code)
        text = code.name if code else node.code
        if node.selector:
            conds = "; ".join(
                f"{DIMS[c.dim].label if c.dim in DIMS else c.dim}: {', '.join(value_text(c.dim, str(a)) for a in c.alts)}"
                for c in node.selector
            )
            text = f"{text} ({conds})"
        return text
    if isinstance(node, Neg):
        return f"−{in_words(node.operand, codes)}"
    if isinstance(node, BinOp):
        symbol = {"+": "+", "-": "−", "*": "×", "/": "/"}[node.op]
        return f"{in_words(node.left, codes)} {symbol} {in_words(node.right, codes)}"
    if isinstance(node, Call):
        fn = FUNCTIONS[node.name]
        if node.name == "ref":
            return fn.words.format(node.args[0].code)
        return fn.words.format(*(in_words(a, codes) for a in node.args))
    return str(node)


def format_number(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return format(float(value), "g").replace(".", ",")
