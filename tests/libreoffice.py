"""LibreOffice opening a file the product wrote: a workbook converted to CSV by `soffice --headless`, the check
that the file is one an office suite reads, not only openpyxl."""

import subprocess
from pathlib import Path


def as_csv_lines(workbook: Path) -> list[str]:
    """The lines of the CSV LibreOffice makes of `workbook` (UTF-8, comma-separated), beside it."""
    folder = workbook.parent
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(folder), str(workbook)],
                   check=True, capture_output=True, timeout=180)
    return workbook.with_suffix(".csv").read_text(encoding="utf-8").splitlines()
