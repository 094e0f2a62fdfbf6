"""The empty data package as an Excel workbook: a sheet per table, the instruction, drop-down lists."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from xlsxwriter.utility import xl_col_to_name

from vsoko.imports.enums import ColumnType
from vsoko.imports.tables import TABLES, Column, Table
from vsoko.publication.spreadsheet import workbook as new_workbook

INSTRUCTION = "Инструкция"
LISTS = "Списки"
VALIDATED_ROWS = 100_000

FORMATS = {
    ColumnType.TEXT: "текст",
    ColumnType.DATE: "дата: 31.05.2025 или 2025-05-31",
    ColumnType.BOOL: "да / нет (также 1/0, + / пусто)",
    ColumnType.INT: "целое число",
    ColumnType.DECIMAL: "число (дробная часть через запятую или точку)",
    ColumnType.ENUM: "одно значение из списка",
    ColumnType.CLASS: "класс: 9А, 10Б, 1",
    ColumnType.YEAR: "учебный год: 2024/2025",
    ColumnType.LIST: "несколько значений через «;»",
    ColumnType.TYPED: "как в форме ввода, по единице показателя",
}

GENERAL = [
    "Пакет данных ВСОКО: один лист на таблицу. Заполняйте только нужные листы — отсутствующая или пустая "
    "таблица ничего не меняет в загруженных ранее данных.",
    "Первая строка листа — заголовки; порядок столбцов любой, лишние (не нужные вам) столбцы можно удалить. "
    "Неизвестный столбец — ошибка: так опечатка в заголовке не потеряет данные.",
    "Пустая ячейка означает «не указано». Столбцы, отмеченные «ключ», определяют строку: при повторной загрузке "
    "строка с тем же ключом обновляется, а не дублируется.",
    "Загрузка проходит целиком или не проходит вовсе: при ошибках ничего не сохраняется, а в отчёте перечислены "
    "все ошибки (лист, строка, столбец, значение, причина).",
    "Значения из списков можно писать в любом регистре, «ё» и «е» не различаются.",
    "Первая загрузка в новой школе: сначала листы «Обучающиеся» и «Контингент» (и «Педагогические работники»), "
    "потом «Отметки за периоды», результаты процедур и остальное — или все листы одним файлом. Отметки и "
    "результаты обучающегося, которого в школе ещё нет, не загружаются.",
]


def build_template(target: str | Path | BinaryIO) -> str | Path | BinaryIO:
    """Write the template workbook to a file or a binary stream; re-importing it unchanged changes nothing."""
    workbook = new_workbook(str(target) if isinstance(target, (str, Path)) else target, in_memory=True)
    styles = {
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "bold": workbook.add_format({"bold": True}),
        "wrap": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "header": workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                                       "valign": "top"}),
        "key": workbook.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1, "text_wrap": True,
                                    "valign": "top"}),
        "text": workbook.add_format({"num_format": "@"}),
    }
    instruction = workbook.add_worksheet(INSTRUCTION)
    sheets = {key: workbook.add_worksheet(table.sheet_title) for key, table in TABLES.items()}
    lists = workbook.add_worksheet(LISTS)
    sources = _write_lists(lists)
    lists.hide()
    _write_instruction(instruction, styles)
    for key, table in TABLES.items():
        _write_table(sheets[key], table, styles, sources)
    instruction.activate()
    workbook.close()
    return target


def _write_lists(sheet) -> dict[str, str]:
    """Every enumeration as a column of the hidden sheet; returns the range of each, by column key path."""
    sources: dict[str, str] = {}
    col = 0
    for table in TABLES.values():
        for column in table.columns:
            if column.type not in (ColumnType.ENUM, ColumnType.BOOL):
                continue
            labels = ["да", "нет"] if column.type == ColumnType.BOOL else [label for _, label in column.choices.choices]
            sheet.write(0, col, f"{table.title}: {column.label}")
            sheet.write_column(1, col, labels)
            letter = xl_col_to_name(col)
            sources[f"{table.key}.{column.key}"] = f"='{LISTS}'!${letter}$2:${letter}${len(labels) + 1}"
            col += 1
    return sources


def _write_instruction(sheet, styles) -> None:
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 1, 24)
    sheet.set_column(2, 2, 14)
    sheet.set_column(3, 3, 36)
    sheet.set_column(4, 4, 70)
    sheet.write(0, 0, "Шаблон пакета данных ВСОКО", styles["title"])
    row = 2
    for paragraph in GENERAL:
        sheet.merge_range(row, 0, row, 4, paragraph, styles["wrap"])
        sheet.set_row(row, 32)
        row += 1
    for table in TABLES.values():
        row += 1
        sheet.write(row, 0, f"Лист «{table.sheet_title}» ({table.key})", styles["title"])
        if table.help:
            row += 1
            sheet.merge_range(row, 0, row, 4, table.help, styles["wrap"])
        row += 1
        sheet.write_row(row, 0, ["Столбец", "Ключ столбца", "Обязательный", "Формат", "Значения и примечания"],
                        styles["header"])
        for column in table.columns:
            row += 1
            sheet.write_row(row, 0, [column.label, column.key, _required(column), FORMATS[column.type],
                                     _notes(column)], styles["wrap"])
        if table.task_columns:
            row += 1
            sheet.merge_range(row, 0, row, 4, "Вместо «Баллы по заданиям» можно добавить по столбцу на задание: "
                                              "task_1, task_2, … или З1, З2, … (номер — как в таблице «Задания»).",
                              styles["wrap"])


def _required(column: Column) -> str:
    if column.natural_key:
        return "ключ" if column.default is None else "ключ (можно пусто)"
    return "да" if column.required else ""


def _notes(column: Column) -> str:
    parts = []
    if column.choices is not None:
        parts.append("; ".join(label for _, label in column.choices.choices))
    if column.type == ColumnType.INT and column.min_value is not None and column.max_value is not None:
        if column.max_value < 1000:
            parts.append(f"от {column.min_value} до {column.max_value}")
    if column.help:
        parts.append(column.help)
    return ". ".join(parts)


def _write_table(sheet, table: Table, styles, sources: dict[str, str]) -> None:
    for col, column in enumerate(table.columns):
        sheet.write(0, col, column.label, styles["key" if column.natural_key else "header"])
        width = max(14, min(40, len(column.label) + 4))
        # Ids, classes and codes as text, so Excel keeps «001» and «9А» as typed.
        text = column.type in (ColumnType.TEXT, ColumnType.CLASS, ColumnType.YEAR, ColumnType.LIST)
        sheet.set_column(col, col, width, styles["text"] if text else None)
        sheet.write_comment(0, col, f"{column.key}: {FORMATS[column.type]}" + (f". {_notes(column)}" if _notes(column) else ""),
                            {"x_scale": 2, "y_scale": 1.5})
        source = sources.get(f"{table.key}.{column.key}")
        if source:
            sheet.data_validation(1, col, VALIDATED_ROWS, col, {
                "validate": "list", "source": source, "ignore_blank": True,
                "error_type": "warning", "error_title": column.label,
                "error_message": "Значения нет в списке. Оставить его всё равно?",
            })
    sheet.set_row(0, 30)
    sheet.freeze_panes(1, 0)
