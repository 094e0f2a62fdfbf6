"""The registry of source formats: the canonical data package first, third-party exports after it.

A format recognises its files (`detect`) and translates them into the raw
tables of the canonical package (`read`), so validation and writing are the
same for every source. To add one (ФИС ОКО, РЦОИ, the electronic journal),
subclass SourceFormat in its own module and decorate it with @register.

Every entry point takes the file's `name` as the user knows it besides its path: an upload is stored under a
neutral name (its token), and the name is what the messages quote and what may say the table («students.csv») or
the procedure («ОГЭ_математика.xlsx»). Without it the file's own name is meant (the command line).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree.ElementTree import ParseError

from vsoko.imports.issues import file_issue
from vsoko.imports.readers import (
    WORKBOOK_SUFFIXES,
    PackageError,
    SourceTables,
    check_size,
    csv_names_in_zip,
    read_csv_file,
    read_csv_folder,
    read_workbook,
    read_zip,
    workbook_sheet_names,
)
from vsoko.imports.tables import table_for_file_name, table_for_name
from vsoko.imports.workbooks import csv_problem, workbook_problem


class SourceFormat:
    code: str = ""
    verbose_name: str = ""

    def detect(self, path: Path, name: str = "") -> bool:
        """True when the file looks like this format. Cheap, and never raises."""
        raise NotImplementedError

    def read(self, path: Path, *, school=None, name: str = "") -> SourceTables:
        """The tables of the canonical package found in the file; PackageError when it cannot be read.

        `school` is the school the file is imported into: formats whose rows name
        students as the file does (name and class) match them against its roster.
        """
        raise NotImplementedError


FORMATS: list[SourceFormat] = []


def register(cls: type[SourceFormat]) -> type[SourceFormat]:
    if any(f.code == cls.code for f in FORMATS):
        raise ValueError(f"Source format {cls.code!r} is registered twice")
    FORMATS.append(cls())
    return cls


def get_format(code: str) -> SourceFormat:
    return next(f for f in FORMATS if f.code == code)


def detect_format(path: str | Path, *, name: str = "") -> SourceFormat:
    """The first registered format that recognises the file, else the canonical package.

    The canonical reader then explains precisely what is wrong with the file. A file named as a workbook that is no
    table at all (a Word document, a workbook under a password, an empty or text file) is refused here, saying what
    it is: no format would recognise it, and the protocols page would offer to map the columns it does not have.
    So is a workbook renamed to .csv, which would be read as text in an unknown encoding.
    An old workbook under a new name is left to the formats (the protocols read it by content).
    """
    path = Path(path)
    if not path.exists():
        raise PackageError(f"Файл или папка «{name or path}» не найдены.")
    name = name or path.name
    check_size(path, name=name)
    if path.is_file() and path.suffix.lower() in WORKBOOK_SUFFIXES and (
            problem := workbook_problem(path, old_formats=True, name=name)):
        raise PackageError(problem)
    if path.is_file() and path.suffix.lower() == ".csv" and (problem := csv_problem(path, name=name)):
        raise PackageError(problem)
    return next((f for f in FORMATS if f.detect(path, name)), FORMATS[0])


@register
class CanonicalPackage(SourceFormat):
    code = "package"
    verbose_name = "Пакет данных ВСОКО (XLSX, XLS, ODS, CSV, ZIP с CSV)"

    def detect(self, path: Path, name: str = "") -> bool:
        suffix = path.suffix.lower()
        try:
            if path.is_dir():
                return any(table_for_file_name(p.stem) for p in path.glob("*.csv"))
            if suffix == ".csv":
                return table_for_file_name(Path(name or path.name).stem) is not None
            if suffix == ".zip":
                return any(table_for_file_name(member.rsplit(".", 1)[0]) for member in csv_names_in_zip(path))
            if suffix in WORKBOOK_SUFFIXES:
                return any(table_for_name(sheet) for sheet in workbook_sheet_names(path))
        except (PackageError, OSError, KeyError, zipfile.BadZipFile, ValueError, ParseError):
            return False
        return False

    def read(self, path: Path, *, school=None, name: str = "") -> SourceTables:
        """The package's tables. A single file no format recognised (the registry's fallback) may be a protocol
        of a layout the system does not know: its errors say where such a file is loaded."""
        name = name or path.name
        suffix = path.suffix.lower()
        if path.is_dir():
            return read_csv_folder(path)
        if suffix == ".zip":
            return read_zip(path, name=name)
        if suffix not in WORKBOOK_SUFFIXES and suffix != ".csv":
            return self._unreadable(path, name)
        stranger = _names_no_table(path, name)
        try:
            found = read_csv_file(path, name=name) if suffix == ".csv" else read_workbook(path, name=name)
        except PackageError as exc:
            raise PackageError(f"{exc} {unrecognised(name)}" if stranger else str(exc)) from None
        if stranger and found.issues:
            found.issues.append(file_issue(unrecognised(name), source=name))
        return found

    def _unreadable(self, path: Path, name: str) -> SourceTables:
        suffix = path.suffix.lower()
        if suffix == ".xlsb":
            raise PackageError(workbook_problem(path, name=name) or (
                f"Файл «{name}» — двоичная книга Excel (.xlsb): откройте его в Excel и сохраните как "
                "«Книга Excel (*.xlsx)»."))
        raise PackageError(
            f"Файл «{name}» не распознан: загрузите книгу Excel (.xlsx, .xls), таблицу .ods, архив CSV-файлов "
            "(.zip) или CSV-файл, названный по таблице (students.csv, …)."
        )


def _names_no_table(path: Path, name: str) -> bool:
    """A readable workbook none of whose sheets, or a CSV file whose name, names a table of the package (a
    broken or misnamed file is not one: its own error says what to do)."""
    if path.suffix.lower() == ".csv":
        return table_for_file_name(Path(name).stem) is None
    if workbook_problem(path):
        return False
    try:
        names = workbook_sheet_names(path)
    except (PackageError, OSError, KeyError, zipfile.BadZipFile, ValueError, ParseError):
        return False
    return bool(names) and not any(table_for_name(name) for name in names)


def unrecognised(name: str) -> str:
    """Where a file goes that is neither a package nor a protocol the formats recognise."""
    return (f"Файл «{name}» не похож ни на пакет данных ВСОКО, ни на протокол, который система узнаёт сама (Ф1 "
            "ФИС ОКО, форма сбора ВПР, ведомость РЦОИ, итоговые отметки журнала). Если это протокол или выгрузка "
            "другого вида, загрузите его на странице «Загрузка протоколов» (/assessments/import/): там можно указать, "
            "что в каком столбце.")
