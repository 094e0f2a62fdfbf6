from pathlib import Path

from vsoko.assessments.formats import PROTOCOL_FORMATS
from vsoko.imports.formats import FORMATS

DOC = Path(__file__).resolve().parents[2] / "docs" / "assessments-import.md"


def test_every_format_is_registered_after_the_package_and_documented():
    codes = [f.code for f in FORMATS]
    text = DOC.read_text(encoding="utf-8")

    assert codes[0] == "package"
    assert [c for c in codes if c in {f.code for f in PROTOCOL_FORMATS}] == [f.code for f in PROTOCOL_FORMATS]
    assert [f.verbose_name for f in PROTOCOL_FORMATS if f"**{f.verbose_name}**" not in text] == []
