"""The «Данные» page refuses the files a school really sends as clearly as the command line does."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.imports.test_messy_files import OLE2, book
from tests.imports.test_validation import assert_nothing_stored
from tests.imports.test_views import background, deputy  # noqa: F401 (fixtures)
from vsoko.imports.enums import ImportStatus
from vsoko.imports.models import ImportRun

pytestmark = pytest.mark.django_db


def test_a_binary_excel_file_is_refused_at_once_with_what_to_do(client, deputy, school):  # noqa: F811
    response = client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("отметки.xlsb", OLE2),
                                                       "school": school.pk})

    assert response.status_code == 400
    assert ("Файл в формате .xlsb: откройте его в Excel, сохраните как «Книга Excel (*.xlsx)» "
            "и загрузите снова.") in html.unescape(response.text)
    assert ImportRun.objects.count() == 0


def test_a_broken_old_excel_file_is_refused_on_the_run_page(client, deputy, school):  # noqa: F811
    response = client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("отметки.xls", OLE2),
                                                       "school": school.pk})

    page = html.unescape(client.get(response.url).text)
    assert ImportRun.objects.get().status == ImportStatus.INVALID
    assert "Файл «отметки.xls» повреждён или не является книгой Excel" in page
    assert_nothing_stored()


def test_a_password_protected_workbook_is_refused_on_the_run_page(client, deputy, school):  # noqa: F811
    data = OLE2 + "EncryptedPackage".encode("utf-16-le")
    response = client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("пакет.xlsx", data),
                                                       "school": school.pk})

    run = ImportRun.objects.get()
    page = html.unescape(client.get(response.url).text)
    assert run.status == ImportStatus.INVALID
    assert "Файл «пакет.xlsx» защищён паролем, и его содержимое зашифровано" in page
    assert_nothing_stored()


def test_formulas_never_computed_are_listed_on_the_run_page_with_their_cells(client, deputy, school, tmp_path):  # noqa: F811
    path = book(tmp_path / "пакет.xlsx", {"Обучающиеся": [["Код обучающегося", "Фамилия"], ["S1", '=UPPER("a")']]})
    response = client.post(reverse("imports:upload"), {"file": SimpleUploadedFile(path.name, path.read_bytes()),
                                                       "school": school.pk})

    page = html.unescape(client.get(response.url).text)
    assert ImportRun.objects.get().status == ImportStatus.INVALID
    assert "Ячейка B2. Формула без вычисленного значения" in page
    assert '=UPPER("a")' in page
    assert_nothing_stored()
