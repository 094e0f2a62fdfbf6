import datetime

from django.db import models


class Level(models.TextChoices):
    FEDERAL = "federal", "федеральный"
    REGIONAL = "regional", "региональный"
    MUNICIPAL = "municipal", "муниципальный"
    SCHOOL = "school", "школьный"

    @classmethod
    def external(cls) -> list["Level"]:
        """Procedures set from outside the school: on their day the school holds no work of its own."""
        return [cls.FEDERAL, cls.REGIONAL]


class ProcedureKind(models.TextChoices):
    VPR = "vpr", "ВПР"
    NIKO = "niko", "НИКО"
    REGIONAL = "regional", "региональная диагностика"
    TEST = "test", "контрольная работа"
    FINAL_TEST = "final_test", "итоговая контрольная работа"
    DIAGNOSTIC = "diagnostic", "диагностическая работа"
    ADMINISTRATIVE = "administrative", "административная работа"
    CHECK = "check", "проверочная работа"
    OTHER = "other", "другое"

    @property
    def default_level(self) -> Level:
        if self in (ProcedureKind.VPR, ProcedureKind.NIKO):
            return Level.FEDERAL
        if self == ProcedureKind.REGIONAL:
            return Level.REGIONAL
        return Level.SCHOOL

    @property
    def work(self) -> str:
        """The kind as a sentence names a work: «ВПР», «контрольная работа»; «другое» is just «работа»."""
        return "работа" if self == ProcedureKind.OTHER else self.label


class ProblemKind(models.TextChoices):
    SAME_DAY = "same_day", "больше одной работы в день"
    EXTERNAL_DAY = "external_day", "школьная работа в день федеральной или региональной"
    HOLIDAY = "holiday", "работа в каникулы"
    DAY_OFF = "day_off", "работа в выходной или праздничный день"
    SHARE = "share", "школьных работ больше 10 % часов предмета"
    WEEK = "week", "много работ в неделю"
    NO_HOURS = "no_hours", "не указаны часы предмета"

    @property
    def is_warning(self) -> bool:
        """A warning is a regional recommendation or missing data, not a breach of the federal rules."""
        return self in (ProblemKind.WEEK, ProblemKind.NO_HOURS)


class Half(models.IntegerChoices):
    FIRST = 1, "I полугодие"
    SECOND = 2, "II полугодие"

    def bounds(self, year: int) -> tuple[datetime.date, datetime.date]:
        """The half of school year `year`: 1 September – 31 December, 1 January – 31 August."""
        if self == Half.FIRST:
            return datetime.date(year, 9, 1), datetime.date(year, 12, 31)
        return datetime.date(year + 1, 1, 1), datetime.date(year + 1, 8, 31)

    def months(self) -> tuple[int, ...]:
        return (9, 10, 11, 12) if self == Half.FIRST else (1, 2, 3, 4, 5)

    @classmethod
    def of(cls, date: datetime.date) -> "Half":
        return cls.FIRST if date.month >= 9 else cls.SECOND
