"""Reading the YAML data files the product ships: indicator catalogs, scales, questionnaires, procedures.

libyaml's C parser when PyYAML has it (the wheels do): the pure-Python parser takes seconds for the
catalogs, which `vsoko init` and the tests load again and again. Both are safe loaders and raise
yaml.YAMLError with the line and column.
"""

from __future__ import annotations

from pathlib import Path

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> object:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)  # noqa: S506 — a safe loader
