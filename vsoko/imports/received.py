"""An uploaded file read once, in the request that received it: a copy on disk for the readers, gone afterwards.

The copy keeps the file's own name, which the readers quote in their messages («файл journal.xls, лист …»).
Uploads that wait for a confirmation (packages, protocols) are kept in folders of their own instead
(vsoko.imports.runs, vsoko.assessments.uploads).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile


@contextmanager
def received_file(upload: UploadedFile) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (Path(upload.name).name or "upload")
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        yield path
