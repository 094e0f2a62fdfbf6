"""Contrast of the interface's colours, computed from the CSS as shipped (WCAG 2.1: relative luminance, AA 4.5:1
for text): every rule that sets both a text colour and a background, and the status colours (target met or not,
better or worse, warnings) on every background a status or a link sits on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import vsoko

STATIC = sorted(Path(vsoko.__file__).parent.glob("*/static/*/*.css"))
MAIN_CSS = Path(vsoko.__file__).parent / "web/static/web/vsoko.css"
HEX = re.compile(r"^#([0-9a-f]{3}|[0-9a-f]{6})$", re.I)


def luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def variables() -> dict[str, str]:
    root = re.search(r":root\s*{([^}]*)}", MAIN_CSS.read_text(encoding="utf-8")).group(1)
    return dict(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", root))


def resolve(value: str, names: dict[str, str]) -> str | None:
    """A plain colour of a declaration: #hex or var(--name[, fallback]); None for gradients and the like."""
    value = value.strip().split("!")[0].strip()
    var = re.fullmatch(r"var\((--[\w-]+)(?:\s*,\s*([^)]+))?\)", value)
    if var:
        value = names.get(var.group(1), var.group(2) or "").strip()
    return value if HEX.match(value) else ("#ffffff" if value == "#fff" else None)


def rules():
    """(file, selector, text colour, background) of every rule that sets both."""
    names = variables()
    for path in STATIC:
        css = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.S)
        for selector, body in re.findall(r"([^{}]+){([^{}]*)}", css):
            declarations = dict(re.findall(r"(?:^|;)\s*([\w-]+)\s*:\s*([^;]+)", body))
            text = declarations.get("color")
            background = declarations.get("background-color", declarations.get("background"))
            if text and background and resolve(text, names) and resolve(background, names):
                yield path.name, " ".join(selector.split()), resolve(text, names), resolve(background, names)


def test_the_contrast_formula_gives_the_known_ratios():
    # Black on white 21:1; #767676 on white is the lightest grey that passes AA (4.54:1), #777777 fails (4.48:1).
    assert contrast("#000", "#fff") == pytest.approx(21)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_every_rule_with_a_text_colour_and_a_background_has_contrast_4_5():
    checked = list(rules())

    # The statuses of the indicators (target met / not met) and the badges are among them.
    assert {".status--ok", ".status--bad", ".badge--ok"} <= {selector for _, selector, *_ in checked}
    assert [(f, s, round(contrast(t, b), 2)) for f, s, t, b in checked if contrast(t, b) < 4.5] == []


def test_status_and_link_colours_have_contrast_4_5_on_every_background_they_sit_on():
    # A link or a muted «1-е место» inside a better / worse cell of «Сравнение школ», a status word on a
    # panel, a striped row or a table's head.
    names = variables()
    texts = ["--text", "--muted", "--accent", "--accent-dark", "--ok-text", "--warn-text", "--error-text"]
    backgrounds = ["--bg", "--surface", "--accent-soft", "--ok-bg", "--warn-bg", "--error-bg"]
    colours = {name: names[name] for name in texts + backgrounds}
    colours |= {"table head": "#eef1f4", "striped row": "#fafbfb"}  # .table thead th, tbody tr:nth-child(even)

    low = [(t, b, round(contrast(colours[t], colours[b]), 2)) for t in texts
           for b in [*backgrounds, "table head", "striped row"] if contrast(colours[t], colours[b]) < 4.5]

    assert low == []
    # the table's colours above are still the ones of the CSS
    assert {"#eef1f4", "#fafbfb"} <= set(re.findall(r"#[0-9a-f]{6}", MAIN_CSS.read_text(encoding="utf-8")))
