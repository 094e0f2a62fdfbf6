"""What the demo school writes itself in its self-examination report of the last year: the sections no data
can tell (management, the way the year runs, methodical work, the library, the buildings) — and the director's
address and conclusion of its public report (PublicReportSection); saved by the demo
deputy through the same function as the page (vsoko.reports.self_exam_text.save_texts), so the demo report
reads complete. Each text is drawn from a few variants with a generator of its own, seeded from the demo's
seed; no figure of an indicator is repeated in them. Running the demo again keeps them as they are."""

from __future__ import annotations

import random

from django.contrib.auth import get_user_model

from vsoko.records.models import OrgUnit
from vsoko.reports.enums import PublicReportSection, SelfExamSection
from vsoko.reports.models import SelfExamText
from vsoko.reports.self_exam_text import Edit, save_texts

AUTHOR = "deputy"

MANAGEMENT = (
    "Управление школой осуществляется в соответствии с Федеральным законом «Об образовании в Российской "
    "Федерации» и уставом на принципах единоначалия и коллегиальности. Единоличный исполнительный орган — "
    "директор; коллегиальные органы управления — общее собрание работников, педагогический совет и {council}.\n"
    "Учебную работу ведёт заместитель директора по учебно-воспитательной работе, воспитательную — заместитель "
    "директора по воспитательной работе; административно-хозяйственную — заместитель директора по АХЧ. "
    "Методическую работу организуют методический совет и {associations} методических объединений учителей.\n"
    "{opinion}"
)
COUNCILS = ("управляющий совет", "совет школы")
OPINIONS = (
    "Структура и механизм управления обеспечивают выполнение задач года; мнение обучающихся и родителей "
    "учитывается через совет обучающихся и совет родителей.",
    "Система управления соответствует задачам школы; для согласования решений с родителями действует совет "
    "родителей, с обучающимися — совет обучающихся.",
)

PROCESS = (
    "Обучение ведётся в {shifts}, по пятидневной учебной неделе; продолжительность урока — 40 минут, в первом "
    "классе используется ступенчатый режим. Расписание составлено с учётом санитарных норм: сложные предметы "
    "приходятся на вторник — четверг, на вторые и третьи уроки.\n"
    "Внеурочная деятельность организована по плану внеурочной деятельности во {afternoon}."
)
SHIFTS = ("одну смену", "одну смену (начало уроков — 8:30)")
AFTERNOONS = ("вторую половину дня", "вторую половину дня, после динамической паузы")

METHODS = (
    "Методическая тема школы: «{theme}». Рабочие программы по всем предметам учебного плана составлены в "
    "конструкторе рабочих программ и соответствуют федеральным образовательным программам; учебники — из "
    "федерального перечня.\n"
    "Методические объединения проводят заседания не реже раза в четверть; в течение года учителя провели "
    "открытые уроки и выступили на заседаниях районных методических объединений."
)
THEMES = ("Формирование функциональной грамотности обучающихся как условие повышения качества образования",
          "Совершенствование системы оценки образовательных результатов в условиях обновлённых ФГОС")

LIBRARY = (
    "Библиотека школы имеет абонемент и читальный зал. Фонд включает учебники, учебные пособия, художественную и "
    "справочную литературу, периодические издания; обучающиеся обеспечены учебниками из фонда библиотеки "
    "полностью. {purchase}\n"
    "Подключены федеральная государственная информационная система «Моя школа» и электронный журнал; на сайте "
    "школы размещены сведения, предусмотренные законодательством."
)
PURCHASES = ("За год фонд пополнен учебниками по обновлённым ФГОС для 1–{grade} классов.",
             "За год закуплены учебники по истории и обществознанию для {grade}–11 классов.")

FACILITIES = (
    "Школа размещается в {buildings}. Учебных кабинетов — {rooms}, среди них кабинеты физики, химии, биологии и "
    "информатики; есть спортивный и актовый залы, столовая и медицинский кабинет, на территории — спортивная "
    "площадка и стадион.\n"
    "{renewal} Здание оборудовано системами видеонаблюдения, пожарной сигнализацией и тревожной кнопкой; "
    "вход — через систему контроля доступа."
)
BUILDINGS = ("типовом трёхэтажном здании", "двух корпусах, соединённых переходом")
RENEWALS = ("За год обновлено оборудование кабинета химии и отремонтирован спортивный зал.",
            "За год оснащены кабинеты центра «Точка роста» и заменены окна в начальной школе.")


def texts(rng: random.Random) -> dict[SelfExamSection, str]:
    return {
        SelfExamSection.MANAGEMENT: MANAGEMENT.format(council=rng.choice(COUNCILS),
                                                      associations=rng.choice(("четыре", "пять", "шесть")),
                                                      opinion=rng.choice(OPINIONS)),
        SelfExamSection.PROCESS: PROCESS.format(shifts=rng.choice(SHIFTS), afternoon=rng.choice(AFTERNOONS)),
        SelfExamSection.METHODS: METHODS.format(theme=rng.choice(THEMES)),
        SelfExamSection.LIBRARY: LIBRARY.format(purchase=rng.choice(PURCHASES).format(grade=rng.choice((4, 5)))),
        SelfExamSection.FACILITIES: FACILITIES.format(buildings=rng.choice(BUILDINGS), rooms=rng.randint(28, 36),
                                                      renewal=rng.choice(RENEWALS)),
    }


FOREWORD = (
    "Уважаемые родители, обучающиеся, коллеги и партнёры школы!\n"
    "Представляем публичный доклад о качестве образования за {year} учебный год. В нём — основные показатели "
    "школы за три года, итоги внутренней системы оценки качества образования и решения, принятые по её "
    "результатам. {thanks}\n"
    "Доклад обсуждается на заседании {council}; вопросы и предложения можно оставить на сайте школы."
)
THANKS = (
    "Благодарим педагогов и родителей за совместную работу.",
    "Спасибо всем, кто участвовал в анкетировании: ваши ответы учтены в плане на следующий год.",
)
PROSPECTS = (
    "Итоги года подведены по показателям доклада: сильные и слабые стороны видны в его таблицах и диаграммах, "
    "решения по ним — в разделе о внутренней системе оценки качества образования.\n"
    "Задачи на следующий учебный год: {task}; обеспечить объективность оценивания по результатам ВПР; "
    "расширить участие обучающихся в олимпиадах и конкурсах; продолжить повышение квалификации педагогов."
)
COUNCILS_OF = ("управляющего совета", "совета школы")  # «на заседании …»
TASKS = ("повысить качество знаний в 5–9 классах", "снизить долю неуспевающих по математике",
         "повысить средний балл ОГЭ по русскому языку и математике")


def write_demo_self_exam(school: OrgUnit, year: int, seed: int) -> None:
    author = get_user_model().objects.filter(username=AUTHOR).first()
    if not SelfExamText.objects.filter(school=school, year_id=year, section__in=SelfExamSection.values).exists():
        edits = {section: Edit(text, 0) for section, text in texts(random.Random(f"{seed}-self-exam")).items()}
        save_texts(school=school, year=year, edits=edits, user=author)
    if not SelfExamText.objects.filter(school=school, year_id=year, section__in=PublicReportSection.values).exists():
        rng = random.Random(f"{seed}-public")
        save_texts(school=school, year=year, user=author, edits={
            PublicReportSection.FOREWORD: Edit(FOREWORD.format(year=f"{year}/{year + 1}", thanks=rng.choice(THANKS),
                                                               council=rng.choice(COUNCILS_OF)), 0),
            PublicReportSection.PROSPECTS: Edit(PROSPECTS.format(task=rng.choice(TASKS)), 0)})
