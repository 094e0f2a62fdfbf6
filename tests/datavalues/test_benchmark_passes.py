"""benchmarks/run.py measures the two grouped passes of the recomputation by running the extractors' own
queries: they must stay runnable when an extractor's query changes shape (a queryset or `SqlRows`)."""

import importlib.util
from pathlib import Path

import pytest

from tests.datavalues.records import Records
from vsoko.records.enums import AssessmentKind

pytestmark = pytest.mark.django_db


def benchmark_module():
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "run.py"
    spec = importlib.util.spec_from_file_location("vsoko_benchmarks_run", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_runs_the_marks_and_task_score_passes(school):
    b = Records(school)
    student = b.student("s1", "5А")
    b.marks(student, {"математика": "5"})
    b.result(b.assessment(AssessmentKind.VPR, "математика", 5), student, primary=3, mark=4)

    seconds = benchmark_module()._largest_passes()

    assert seconds >= 0
