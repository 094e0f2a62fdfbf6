from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vsoko.comparison.schools import DEFAULT_GROUPS, GROUP_CHOICES
from vsoko.indicators.values import UnknownYear, parse_year
from vsoko.records.enums import AssessmentKind, OrgUnitKind, Period
from vsoko.records.models import SchoolYear
from vsoko.records.schools import SchoolNotFound, resolve_municipality, resolve_school
from vsoko.reports.enums import ReportKind
from vsoko.reports.mo_year import AssociationMissing, association_teaching
from vsoko.reports.registry import REPORTS, ReportError, output_format, write_report
from vsoko.schedule.enums import Half


class Command(BaseCommand):
    help = "Отчёт за учебный год (вид — KIND, формат — по расширению файла; docs/reports.md)."

    def add_arguments(self, parser):
        kinds = "; ".join(f"{k.value} — {k.label.lower()} ({REPORTS[k].extensions})" for k in ReportKind)
        parser.add_argument("kind", choices=ReportKind.values, metavar="KIND", help=f"вид отчёта: {kinds}")
        parser.add_argument("--year", required=True, help="учебный год, например 2024/2025")
        parser.add_argument("--out", required=True, help="файл отчёта; формат — по расширению")
        parser.add_argument("--school", help="код школы (если их несколько); для municipal — код муниципалитета")
        parser.add_argument("--half", type=int, choices=[1, 2],
                            help="полугодие (для графика оценочных процедур; для сводной справки по процедурам: 1 — "
                                 "осень, 2 — весна); без него — весь год")
        kinds_of_procedures = ", ".join(f"{k.value} — {k.label}" for k in AssessmentKind)
        parser.add_argument("--kind", dest="procedure_kind", choices=AssessmentKind.values, metavar="ВИД",
                            help=f"вид процедур (для сводной справки по процедурам): {kinds_of_procedures}; без него "
                                 "— ВПР")
        periods = ", ".join(f"{p.value} — {p.label}" for p in Period)
        parser.add_argument("--period", choices=Period.values, metavar="PERIOD",
                            help=f"период (для отчёта о работе с неуспевающими): {periods}; без него — последний "
                                 "период года с отметками")
        parser.add_argument("--assessment", metavar="КОД",
                            help="код процедуры (для справки по результатам процедуры), как в протоколе; без него — "
                                 "последняя по дате процедура года, кроме резервных дней")
        parser.add_argument("--catalog", help="код каталога показателей (для справки по муниципалитету); без него — "
                                              "базовый core")
        parser.add_argument("--indicators", metavar="КОД,КОД",
                            help="коды показателей каталога через запятую (для справки по муниципалитету), как флажки "
                                 "на странице «Сравнение школ»; без них — ключевые")
        parser.add_argument("--groups", metavar="N",
                            help=f"число групп похожих школ, {GROUP_CHOICES[0]}–{GROUP_CHOICES[-1]} (для справки по "
                                 f"муниципалитету); без него — {DEFAULT_GROUPS}")
        parser.add_argument("--mo", metavar="ПРЕДМЕТ",
                            help="один из предметов методического объединения (для анализа работы МО), например "
                                 "«математика»; без него — первое МО списка")

    def handle(self, *args, kind, year, out, school, half=None, period=None, catalog=None, indicators=None,
               groups=None, assessment=None, procedure_kind=None, mo=None, **options):
        kind = ReportKind(kind)
        extra = {"half": Half(half)} if half else {}
        if extra and "half" not in REPORTS[kind].options:
            raise CommandError(f"Параметр --half задаётся только для графика оценочных процедур и сводной справки по "
                               f"процедурам, не для «{kind.label}».")
        if procedure_kind and "procedure_kind" not in REPORTS[kind].options:
            raise CommandError(f"Параметр --kind задаётся только для сводной справки по процедурам, не для "
                               f"«{kind.label}».")
        extra |= {"procedure_kind": procedure_kind} if procedure_kind else {}
        if period and "period" not in REPORTS[kind].options:
            raise CommandError(f"Параметр --period задаётся только для отчёта о работе с неуспевающими, "
                               f"не для «{kind.label}».")
        extra |= {"period": Period(period)} if period else {}
        if assessment and "assessment" not in REPORTS[kind].options:
            raise CommandError(f"Параметр --assessment задаётся только для справки по результатам процедуры, "
                               f"не для «{kind.label}».")
        extra |= {"assessment": assessment.strip()} if assessment else {}
        if catalog and "catalog" not in REPORTS[kind].options:
            raise CommandError(f"Параметр --catalog задаётся только для справки по муниципалитету, не для «{kind.label}».")
        extra |= {"catalog": catalog} if catalog else {}
        for name, value in (("indicators", indicators), ("groups", groups)):
            if value is not None and name not in REPORTS[kind].options:
                raise CommandError(f"Параметр --{name} задаётся только для справки по муниципалитету, "
                                   f"не для «{kind.label}».")
        extra |= {"indicators": [c.strip() for c in indicators.split(",") if c.strip()]} if indicators else {}
        if groups is not None and not groups.strip().isdigit():
            raise CommandError(f"Параметр --groups — число групп похожих школ, {GROUP_CHOICES[0]}–{GROUP_CHOICES[-1]}, "
                               f"а задано «{groups}».")
        extra |= {"groups": int(groups)} if groups is not None else {}
        if mo and "mo" not in REPORTS[kind].options:
            raise CommandError(f"Параметр --mo задаётся только для анализа работы МО, не для «{kind.label}».")
        try:
            fmt = output_format(kind, Path(out))  # before anything is read: the file name alone decides
            start = parse_year(year)
            unit = (resolve_municipality if REPORTS[kind].unit == OrgUnitKind.MUNICIPALITY else resolve_school)(school)
            known_year(start)
            if mo:
                extra["mo"] = association_teaching(unit, start, mo)
            write_report(kind, unit, start, Path(out), **extra)
        except (UnknownYear, SchoolNotFound, ReportError, AssociationMissing) as exc:
            raise CommandError(str(exc)) from None
        self.stderr.write(f"Записано: {out} («{kind.label}», {fmt.value}, {unit.name}, {year_text(start)})")


def known_year(start: int) -> None:
    if SchoolYear.objects.filter(start=start).exists():
        return
    known = ", ".join(y.label for y in SchoolYear.objects.order_by("start"))
    if not known:
        raise UnknownYear(f"Учебный год {year_text(start)} не найден: в базе нет ни одного учебного года "
                          "(загрузите данные командой «vsoko import»).")
    raise UnknownYear(f"Учебный год {year_text(start)} не найден в базе: данные есть за {known}.")


def year_text(start: int) -> str:
    return f"{start}/{start + 1}"
