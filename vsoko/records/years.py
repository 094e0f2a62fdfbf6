"""School years as people write them. Imports nothing of Django: the demo's package generator uses it too."""


def year_label(start: int) -> str:
    """The school year that starts on 1 September of `start`: 2024 → «2024/2025»."""
    return f"{start}/{start + 1}"
