"""The papers a year's plan rests on, and the check of their date and number before anything is written.

The pedagogical council's protocol reviews the plan (vsoko.plan.review); the director's order approves it
(vsoko.plan.approval). Both are entered the same way, as a date and a number: the number is required, with its
whitespace collapsed and at most `length` characters (the model field), and the paper must already exist,
so its date cannot be in the future. The messages name the paper.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone


@dataclass(frozen=True)
class Paper:
    of: str  # the paper after «Номер», «Дата»: «протокола», «приказа»
    missing: str  # the whole message when the number is empty
    not_yet: str  # what to wait for before entering a paper dated in the future: «внесите приказ, когда …»
    length: int = 50  # of the number, as its model field

    def checked_number(self, date: datetime.date, number: str, refused: type[Exception]) -> str:
        """The number with its whitespace collapsed; raises `refused` with a Russian message when it is empty or
        too long, or when the date has not come yet."""
        number = " ".join(number.split())
        if not number:
            raise refused(self.missing)
        if len(number) > self.length:
            raise refused(f"Номер {self.of} «{number[:60]}…» длиннее {self.length} знаков.")
        if date > timezone.localdate():
            raise refused(f"Дата {self.of} {date:%d.%m.%Y} ещё не наступила: {self.not_yet}.")
        return number


PROTOCOL = Paper("протокола", "Укажите номер протокола педагогического совета, на котором рассмотрен план.",
                 "внесите протокол, когда заседание педагогического совета прошло")
ORDER = Paper("приказа", "Укажите номер приказа директора, которым утверждён план.",
              "внесите приказ, когда он подписан")
