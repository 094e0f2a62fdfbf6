"""`vsoko inquiry list [--org CODE]` and `vsoko inquiry export ID --output FILE.xlsx`: the requests of the education
authorities (docs/inquiries.md) from the server's command line. `export` writes the Excel of the request's page
(the same `summary.document`) and is recorded in the journal as the page's download is, «откуда: команда vsoko
inquiry». The answers are counts and assessments of org units, never about a person."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q
from django.utils import timezone

from vsoko.audit.enums import AuditAction
from vsoko.audit.log import record
from vsoko.inquiries import summary
from vsoko.inquiries.enums import AnswerStatus
from vsoko.inquiries.models import Inquiry, InquiryAnswer
from vsoko.inquiries.questions import forms
from vsoko.records.models import OrgUnit
from vsoko.reports.enums import Format
from vsoko.reports.writers import WRITERS
from vsoko.web.downloads import rows_count

SOURCE = "команда vsoko inquiry"


class Command(BaseCommand):
    help = ("Запросы органов управления образованием: список (list) и ответы на запрос в Excel (export) — та же "
            "таблица, что «Скачать в Excel» на странице запроса.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        listing = sub.add_parser("list", help="запросы: номер, срок, сколько ответили, от кого, название")
        listing.add_argument("--org", help="код организации: запросы, которые она направила или получила")
        export = sub.add_parser("export", help="ответы на запрос и сводка по вопросам в файл .xlsx")
        export.add_argument("id", type=int, help="номер запроса (первый столбец vsoko inquiry list)")
        export.add_argument("--output", "--out", dest="output", required=True, help="файл .xlsx")

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_list(self, *, org=None, **options):
        today = timezone.localdate()
        inquiries = Inquiry.objects.select_related("sender").annotate(
            recipients=Count("answers"), answered=Count("answers", filter=Q(answers__status=AnswerStatus.SENT)))
        states = {}
        if org:
            unit = OrgUnit.objects.filter(code=org).first()
            if unit is None:
                codes = ", ".join(OrgUnit.objects.order_by("code").values_list("code", flat=True)) or "нет ни одной"
                raise CommandError(f"Организации с кодом «{org}» нет. Коды организаций: {codes}.")
            inquiries = inquiries.filter(Q(sender=unit) | Q(pk__in=InquiryAnswer.objects.filter(recipient=unit)
                                                                  .values("inquiry_id")))
            states = dict(InquiryAnswer.objects.filter(recipient=unit).values_list("inquiry_id", "status"))
        rows = list(inquiries.order_by("-created", "-pk"))
        if not rows:
            self.stdout.write("Запросов нет." if not org else f"Запросов, которые «{unit.name}» направила или "
                                                              "получила, нет.")
            return
        self.stdout.write("№\tнаправлен\tсрок\tответили\tот кого\tназвание" + ("\tответ организации" if org else ""))
        for i in rows:
            late = ", срок прошёл" if i.answered < i.recipients and today > i.deadline else ""
            line = (f"{i.pk}\t{timezone.localtime(i.created):%d.%m.%Y}\t{i.deadline:%d.%m.%Y}\t"
                    f"{i.answered} из {i.recipients}{late}\t{i.sender.name}\t{i.title}")
            if org:
                line += "\t" + (str(AnswerStatus(states[i.pk]).label) if i.pk in states else "направила")
            self.stdout.write(line)

    def handle_export(self, *, id, output, **options):
        path = Path(output)
        if path.suffix.lower() != ".xlsx":
            raise CommandError(f"--output {output}: ответы записываются в Excel — укажите файл .xlsx, например "
                               f"«запрос-{id}.xlsx».")
        inquiry = Inquiry.objects.select_related("sender").filter(pk=id).first()
        if inquiry is None:
            raise CommandError(f"Запроса № {id} нет: номера запросов — в первом столбце «vsoko inquiry list».")
        form = forms().get(inquiry.form)
        if form is None:
            raise CommandError(f"Запрос № {id}: формы «{inquiry.form}» больше нет в forms.yaml — ответы не прочитать.")
        rows = summary.status_rows(inquiry, timezone.localdate())
        doc = summary.document(inquiry, form, rows, summary.summarize(form, [r.answer for r in rows]))
        data = WRITERS[Format.XLSX](doc)
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"Файл {output} не записан: {exc.strerror or exc}.") from None
        record(user=None, action=AuditAction.EXPORT, object_type="inquiry", object_id=str(inquiry.pk),
               details={"формат": Format.XLSX.value, "строк": rows_count(doc), "откуда": SOURCE})
        answered = sum(1 for r in rows if r.status == AnswerStatus.SENT)
        self.stderr.write(f"Записано: {output} («{inquiry.title}», ответили {answered} из {len(rows)})")
