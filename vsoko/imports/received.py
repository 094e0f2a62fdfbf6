"""An uploaded file read once, in the request that received it: a copy on disk for the readers, gone afterwards.

The copy keeps the file's own name, which the readers quote in their messages («файл journal.xls, лист …»); it is
gone when the request ends. Uploads that wait for a confirmation (packages, protocols) are kept in folders of their
own instead (vsoko.imports.runs, vsoko.assessments.uploads), under a neutral name (`neutral_name`): the name the
user gave the file may name a pupil, so it is kept only in the upload's row and passed to the readers.
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
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (Path(upload.name).name or "upload")
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        yield path
