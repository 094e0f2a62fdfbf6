"""An upload read in the request that received it (vsoko.imports.received): the copy on disk is stored under a
neutral name with the upload's extension, never under the name the user gave it, which may name a pupil."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from vsoko.imports.received import received_file

PUPIL = "Иванов_Пётр_8Б.xlsx"


def test_the_copy_has_a_neutral_name_with_the_extension_and_the_same_bytes():
    with received_file(SimpleUploadedFile(PUPIL, b"PK\x03\x04 content")) as path:
        assert "Иванов" not in str(path)
        assert "Иванов_Пётр_8Б" not in path.name
        assert path.name == "upload.xlsx"
        assert path.read_bytes() == b"PK\x03\x04 content"
        folder = path.parent
    assert not folder.exists()


def test_a_name_without_a_usable_extension_gives_a_bare_neutral_name():
    with received_file(SimpleUploadedFile("Иванов Пётр.журнал", b"x")) as path:
        assert path.name == "upload"


def test_a_path_in_the_name_is_dropped_and_the_extension_is_lower_cased():
    with received_file(SimpleUploadedFile("../../Петрова Анна/ВПР.XLS", b"x")) as path:
        assert path.name == "upload.xls"
        assert "Петрова" not in str(path)
