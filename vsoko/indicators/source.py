"""How an indicator's source is shown to people (docs/indicators.md, «Русские определения»).

A catalog keeps its source verbatim: `text`, `section` and `document` are what the document says,
and `vsoko catalog` prints them as they are. The specification of the core indicators is written in
English and named by its file; the pages and reports read Russian first, so they show the document's
title without the file and put the English definition aside. Whether a source text is Russian is
decided from the text itself, so no catalog code is special.
"""

from __future__ import annotations

import re

# «Базовые показатели vsoko (spec/core-indicators.md)»: a parenthesised reference to a file.
FILE_REFERENCE_RE = re.compile(r"\s*\((?:[\w.-]+/)*[\w.-]+\.(?:md|ya?ml|txt|pdf|docx?)\)")
# `осв`, `с отличием`: values of the data format quoted as code; they are Russian in any text.
CODE_QUOTE_RE = re.compile(r"`[^`]*`")
CYRILLIC_RE = re.compile(r"[а-яё]", re.IGNORECASE)
LATIN_RE = re.compile(r"[a-z]", re.IGNORECASE)


def document_title(document: str) -> str:
    """The document's name without a reference to a file of the specification."""
    return FILE_REFERENCE_RE.sub("", document).strip()


def is_russian(text: str) -> bool:
    """True when the text is Russian (or empty): outside `code` quotes it has at least as many
    Cyrillic letters as Latin ones."""
    prose = CODE_QUOTE_RE.sub(" ", text)
    return len(CYRILLIC_RE.findall(prose)) >= len(LATIN_RE.findall(prose))
