"""The third-party formats, registered in the import registry (vsoko/imports/formats.py).

Each reads a file into Protocols (sources/*), matches the people against the
school's students and hands the canonical tables to the package importer, so
validation, all-or-nothing storing and the report are the same as for the
template. Registration order is detection order: the canonical package first
(registered by the imports app), then these, most specific first.
"""

from __future__ import annotations

import logging
from pathlib import Path

from vsoko.assessments.column_mapping import find_mapping, read_mapped
from vsoko.assessments.sources.fisoko import (
    VprInfo,
    form_info,
    is_f1,
    is_vpr_form,
    read_f1,
    read_vpr_form,
)
from vsoko.assessments.sources.grid import (
    SUFFIXES,
    Sheet,
    norm,
    read_sheets_once,
    refuse_uncomputed,
)
from vsoko.assessments.sources.journal import is_journal, read_journal, repeated_across_sheets
from vsoko.assessments.sources.protocol import Protocol, adopt_stored_codes, to_source_tables
from vsoko.assessments.sources.rcoi import is_rcoi, read_rcoi
from vsoko.imports.formats import SourceFormat, register
from vsoko.imports.readers import PackageError, RawTable, SourceTables
from vsoko.imports.tables import TABLES
from vsoko.records.enums import PeriodSystem
from vsoko.records.models import OrgUnit
from vsoko.records.schools import SchoolNotFound, resolve_school

logger = logging.getLogger(__name__)


class ProtocolFormat(SourceFormat):
    """A format whose rows name students as the file does; reading needs the school to match them.

    `read(path, school=…, overrides=…)`: `overrides` are what the user said about the
    procedure on the import page (kind, subject, grade, year, date, period system).
    A file stored by the import page brings its school and overrides along (its
    ResultsUpload); otherwise, without a school, the only school of the database is taken.

    `name` is the file's name as the user knows it (an upload is stored under a neutral one). The sources are given
    `Path(name)` for a path: all they read of it is its name, which may say the procedure («ОГЭ_математика.xlsx»).
    """

    def detect(self, path: Path, name: str = "") -> bool:
        if not path.is_file() or path.suffix.lower() not in SUFFIXES:
            return False
        name = name or path.name
        try:
            return self.recognise(read_sheets_once(path, name), Path(name))
        except Exception as exc:  # detect() must never raise (registry contract): a file we cannot open is not ours
            # The format and the exception's class only: the file's path, its name and the exception's message
            # (which quotes the name) may name a pupil («Иванов Пётр ОГЭ.xlsx»), and a server log is nobody's audit.
            logger.debug("%s: file not recognised (%s)", self.code, type(exc).__name__)
            return False

    def recognise(self, sheets: list[Sheet], path: Path) -> bool:
        raise NotImplementedError

    def protocols(self, sheets: list[Sheet], path: Path, *, school: OrgUnit, overrides: dict) -> list[Protocol]:
        raise NotImplementedError

    def read_protocols(self, path: Path, *, school: OrgUnit, overrides: dict | None = None,
                       name: str = "") -> list[Protocol]:
        name = name or Path(path).name
        sheets = read_sheets_once(Path(path), name)
        refuse_uncomputed(sheets)
        protocols = self.protocols(sheets, Path(name), school=school, overrides=overrides or {})
        adopt_stored_codes(protocols, school=school)
        return protocols

    def read(self, path: Path, *, school: OrgUnit | None = None, overrides: dict | None = None,
             name: str = "") -> SourceTables:
        from vsoko.assessments.uploads import upload_for_path

        upload = upload_for_path(Path(path))
        if upload is not None:  # a file of the import page: its school, its name and what the user said
            school = school or upload.school
            overrides = overrides if overrides is not None else upload.overrides
            name = name or upload.original_name
        school = school or _only_school()
        name = name or Path(path).name
        protocols = self.read_protocols(Path(path), school=school, overrides=overrides, name=name)
        tables = merge_tables([to_source_tables(p, school=school) for p in protocols], name)
        tables.whole_task_lists = True
        return tables


def _only_school() -> OrgUnit:
    try:
        return resolve_school(None)
    except SchoolNotFound as exc:
        raise PackageError(f"{exc} Протоколы сопоставляются с обучающимися конкретной школы.") from None


def merge_tables(parts: list[SourceTables], name: str) -> SourceTables:
    """One SourceTables from several sheets: rows of a table are chained, issues kept."""
    merged = SourceTables()
    by_table: dict[str, list[RawTable]] = {}
    for part in parts:
        merged.issues.extend(part.issues)
        merged.corrections.extend(part.corrections)
        for key, raw in part.tables.items():
            by_table.setdefault(key, []).append(raw)
    for key, raws in by_table.items():
        if len(raws) == 1:
            merged.tables[key] = raws[0]
            continue
        sheets = ", ".join(r.source.split(", ", 1)[-1] for r in raws)
        merged.tables[key] = RawTable(TABLES[key], f"файл {name} ({sheets})", raws[0].header,
                                      (row for raw in raws for row in raw.rows))
    return merged


@register
class FisOkoIndividualResults(ProtocolFormat):
    code = "fisoko-f1"
    verbose_name = "ВПР: «Индивидуальные результаты» (Ф1) из ФИС ОКО"

    def recognise(self, sheets, path):
        return any(is_f1(s) for s in sheets)

    def protocols(self, sheets, path, *, school, overrides):
        return [read_f1(s) for s in sheets if is_f1(s)]


@register
class VprResultsForm(ProtocolFormat):
    code = "vpr-form"
    verbose_name = "ВПР: «Форма сбора результатов» (лист «Протокол»)"

    def recognise(self, sheets, path):
        return is_vpr_form(sheets)

    def protocols(self, sheets, path, *, school, overrides):
        info = VprInfo.from_overrides(overrides).merged(form_info(sheets, path))
        return [read_vpr_form(s, info) for s in sheets if norm(s.name) == "протокол"]


@register
class RcoiResults(ProtocolFormat):
    code = "rcoi"
    verbose_name = "ОГЭ/ЕГЭ/ГВЭ: ведомость результатов из РЦОИ"

    def recognise(self, sheets, path):
        return any(is_rcoi(s, path) for s in sheets)

    def protocols(self, sheets, path, *, school, overrides):
        return [read_rcoi(s, path, overrides) for s in sheets if is_rcoi(s, path)]


@register
class JournalFinalMarks(ProtocolFormat):
    code = "journal-marks"
    verbose_name = "Электронный журнал: итоговые отметки за периоды"

    def recognise(self, sheets, path):
        return any(is_journal(s) for s in sheets)

    def protocols(self, sheets, path, *, school, overrides):
        system = overrides.get("period_system") or school.period_system or PeriodSystem.QUARTERS
        return repeated_across_sheets([read_journal(s, path, system=system, year=overrides.get("year"))
                                       for s in sheets if is_journal(s, system)])


@register
class MappedResults(ProtocolFormat):
    code = "mapped"
    verbose_name = "Протокол с сохранённым сопоставлением столбцов"

    def recognise(self, sheets, path):
        return any(find_mapping(s) for s in sheets)

    def protocols(self, sheets, path, *, school, overrides):
        found = [(s, find_mapping(s, school=school)) for s in sheets]
        protocols = [read_mapped(s, path, *mapping) for s, mapping in found if mapping]
        if not protocols:
            raise PackageError(
                f"Файл «{path.name}»: для его столбцов в этой школе нет сохранённого сопоставления. "
                "Укажите назначение столбцов на странице «Загрузка протоколов»."
            )
        return protocols


PROTOCOL_FORMATS = (FisOkoIndividualResults, VprResultsForm, RcoiResults, JournalFinalMarks, MappedResults)
