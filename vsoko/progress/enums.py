from django.db import models


class Category(models.TextChoices):
    """A student's result of a period, one per student (the groups of a «справка об итогах четверти»).

    Exclusive, so the rows of a class add up: «хорошист» here has more than one «4», the one-«4»
    students are their own group (together they are «на 4 и 5»); «троечник» has more than one «3».
    """

    EXCELLENT = "excellent", "отличник"
    ONE_FOUR = "one_four", "с одной «4»"
    GOOD = "good", "хорошист"
    ONE_THREE = "one_three", "с одной «3»"
    SATISFACTORY = "satisfactory", "троечник"
    PASSED = "passed", "только «зачёт»"
    FAILING = "failing", "неуспевающий"
    NOT_ASSESSED = "not_assessed", "не аттестован"
    EXEMPT = "exempt", "освобождён"
    NO_MARKS = "no_marks", "без отметок"

    @classmethod
    def quality(cls) -> list["Category"]:
        """«На 4 и 5» (отличники included): the numerator of качество знаний."""
        return [cls.EXCELLENT, cls.ONE_FOUR, cls.GOOD]

    @classmethod
    def unsuccessful(cls) -> list["Category"]:
        """Not успевающие: any 1, 2, «незачет» or «н/а»."""
        return [cls.FAILING, cls.NOT_ASSESSED]

    @classmethod
    def attested(cls) -> list["Category"]:
        """The denominator: a mark other than «осв»."""
        return [c for c in cls if c not in (cls.EXEMPT, cls.NO_MARKS)]

    @classmethod
    def listed(cls) -> list["Category"]:
        """The groups a справка names students of."""
        return [cls.ONE_FOUR, cls.ONE_THREE, cls.FAILING, cls.NOT_ASSESSED]


class AttestationForm(models.TextChoices):
    """How a subject's промежуточная аттестация is held in a grade, as the педсовет decides it (reg. 000, п. 3.4)."""

    ANNUAL = "annual", "годовая отметка по итогам четвертей/полугодий"
    TEST = "test", "контрольная работа"
    DICTATION = "dictation", "диктант"
    TESTING = "testing", "тестирование"
    PROJECT = "project", "защита проекта"
    COMPLEX = "complex", "комплексная работа"
    CREDIT = "credit", "зачёт"
    OTHER = "other", "другое"
