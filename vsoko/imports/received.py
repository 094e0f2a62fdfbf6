"""An uploaded file read once, in the request that received it: a copy on disk for the readers, gone afterwards.

The copy is stored under a neutral name (`neutral_name`: «upload» and the extension of the user's name, by which the
readers tell formats), never under the name the user gave the file: that name may name a pupil
(«Иванов_Пётр_8Б.xlsx»). The caller passes `upload.name` to the readers for their messages («файл journal.xls,
лист …»). The copy is gone when the request ends. Uploads that wait for a confirmation (packages, protocols) are kept
in folders of their own instead (vsoko.imports.runs, vsoko.assessments.uploads), under a neutral name too, the name
kept only in the upload's row and passed to the readers.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile


def neutral_name(token: str, name: str) -> str:
    """The name an upload is stored under: its token and the extension of the name the user gave it (the readers
    tell formats by it), never the name itself."""
    suffix = Path(name).suffix.lower()
    return token + (suffix if suffix.isascii() and suffix[1:].isalnum() and len(suffix) <= 8 else "")


@contextmanager
def received_file(upload: UploadedFile) -> Iterator[Path]:
    """A copy of the upload under a neutral name with its extension; the readers get `upload.name` for messages."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / neutral_name("upload", Path(upload.name or "").name)
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        yield path
