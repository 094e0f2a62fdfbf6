"""LibreOffice opening a file the product wrote, converted by `soffice --headless`: the check that the file is one
an office suite reads, not only openpyxl or python-docx. Each conversion has its own profile folder beside the
file, so that tests run at once do not share LibreOffice's lock."""

import subprocess
from pathlib import Path

# LibreOffice's CSV filter options: comma-separated, «"» quotes, UTF-8 (76), from the first line; the 12th token
# -1 writes every sheet to a file of its own, «<file>-<sheet>.csv».
CSV = "csv:Text - txt - csv (StarCalc):44,34,76"
CSV_EACH_SHEET = f"{CSV},1,,0,false,true,true,false,false,-1"


def convert(document: Path, to: str) -> Path:
    """`document` converted by LibreOffice to the format `to` (its extension and filter, as «--convert-to» takes
    it: "pdf", "xls", "csv:…"), beside it; the converted file's path."""
    folder = document.parent
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", to,
                    "--outdir", str(folder), str(document)], check=True, capture_output=True, timeout=180)
    return document.with_suffix("." + to.split(":")[0])


def as_csv_lines(workbook: Path) -> list[str]:
    """The lines of the CSV LibreOffice makes of `workbook`'s first sheet (UTF-8, comma-separated), beside it."""
    return convert(workbook, CSV).read_text(encoding="utf-8").splitlines()


def as_csv_sheets(workbook: Path) -> dict[str, list[str]]:
    """Each sheet of `workbook` by its name, as the lines of the CSV LibreOffice makes of it."""
    convert(workbook, CSV_EACH_SHEET)
    prefix = workbook.stem + "-"
    return {path.stem.removeprefix(prefix): path.read_text(encoding="utf-8").splitlines()
            for path in workbook.parent.glob(f"{prefix}*.csv")}


def as_text(document: Path) -> str:
    """The text LibreOffice makes of a Word `document` (its paragraphs and table cells, a line each), beside it."""
    return convert(document, "txt:Text").read_text(encoding="utf-8-sig")
