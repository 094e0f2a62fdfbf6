from django.apps import AppConfig
from django.core.checks import Error, register


class AnalysisConfig(AppConfig):
    name = "vsoko.analysis"
    verbose_name = "Анализ оценочных процедур"

    def ready(self):
        register(check_thresholds)


def check_thresholds(app_configs=None, **kwargs):
    """VSOKO_ANALYSIS_THRESHOLDS must name known thresholds with numbers (docs/analysis.md)."""
    from vsoko.analysis.thresholds import Thresholds

    try:
        Thresholds.configured()
    except (ValueError, TypeError) as exc:
        return [Error(str(exc), hint="Пороги и их имена — docs/analysis.md, «Флаги риска».",
                      id="vsoko.analysis.E001")]
    return []
