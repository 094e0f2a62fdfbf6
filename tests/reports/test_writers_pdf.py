"""The PDF writer (vsoko.reports.writers.to_pdf): a report whose text has not changed since it was last made is not
laid out again — the public report's PDF is WeasyPrint's layout of the page, most of its time — and a report
fetches nothing from outside."""

import io

import pytest
from django.core.cache import cache

from vsoko.reports.document import Document, Number, Paragraph, Table
from vsoko.reports.writers import to_pdf


@pytest.fixture
def layouts(monkeypatch):
    """How many times WeasyPrint is given a page to lay out."""
    import weasyprint

    made = []
    real = weasyprint.HTML

    def counted(*args, **kwargs):
        made.append(kwargs.get("url_fetcher"))
        return real(*args, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", counted)
    return made


def report(value: float) -> Document:
    document = Document("Публичный доклад", ["Школа № 1"])
    table = Table(["Показатель", "2024/2025"])
    table.add("Качество знаний", Number(value, 1, " %"))
    document.section("Показатели").blocks += [Paragraph("Текст доклада."), table]
    return document


def test_the_same_report_again_is_not_laid_out_again_a_changed_one_is(layouts):
    first = to_pdf(report(54.8))
    again = to_pdf(report(54.8))
    assert first.startswith(b"%PDF") and again == first
    assert len(layouts) == 1

    changed = to_pdf(report(56.5))  # one figure changed: a new layout, a different file
    assert len(layouts) == 2 and changed != first
    cache.clear()
    assert to_pdf(report(54.8)).startswith(b"%PDF") and len(layouts) == 3


def test_a_report_fetches_nothing(layouts):
    to_pdf(report(54.8))
    [fetcher] = layouts
    with pytest.raises(ValueError):
        fetcher("https://example.org/logo.png")
    # What the PDF says is the report's: read back, its text is there.
    pypdf = pytest.importorskip("pypdf")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(to_pdf(report(54.8)))).pages)
    assert "Качество знаний" in text
