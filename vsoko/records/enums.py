"""Every enumeration of the data package (spec/data-format.md).

Values are short English identifiers stored in the database; labels are the
Russian words of the package, which the importer accepts (case-insensitive,
ё = е) and the interface shows.
"""

from django.db import models


class OrgUnitKind(models.TextChoices):
    REGION = "region", "регион"
    MUNICIPALITY = "municipality", "муниципалитет"
    SCHOOL = "school", "школа"


class PeriodSystem(models.TextChoices):
    QUARTERS = "quarters", "четверти"
    TRIMESTERS = "trimesters", "триместры"
    HALVES = "halves", "полугодия"


class Period(models.TextChoices):
    Q1 = "q1", "1 четверть"
    Q2 = "q2", "2 четверть"
    Q3 = "q3", "3 четверть"
    Q4 = "q4", "4 четверть"
    T1 = "t1", "1 триместр"
    T2 = "t2", "2 триместр"
    T3 = "t3", "3 триместр"
    H1 = "h1", "1 полугодие"
    H2 = "h2", "2 полугодие"
    YEAR = "year", "год"

    @classmethod
    def for_system(cls, system: str) -> list["Period"]:
        return {
            PeriodSystem.QUARTERS: [cls.Q1, cls.Q2, cls.Q3, cls.Q4, cls.YEAR],
            PeriodSystem.TRIMESTERS: [cls.T1, cls.T2, cls.T3, cls.YEAR],
            PeriodSystem.HALVES: [cls.H1, cls.H2, cls.YEAR],
        }[system]


class Sex(models.TextChoices):
    MALE = "m", "М"
    FEMALE = "f", "Ж"


class PeGroup(models.TextChoices):
    MAIN = "main", "основная"
    PREPARATORY = "preparatory", "подготовительная"
    SPECIAL = "special", "специальная"


class Outcome(models.TextChoices):
    PROMOTED = "promoted", "переведен"
    CONDITIONALLY_PROMOTED = "conditional", "условно переведен"
    REPEATING = "repeating", "оставлен на повторное обучение"
    GRADUATED = "graduated", "окончил"
    LEFT = "left", "выбыл"


class Certificate(models.TextChoices):
    NONE = "none", "нет"
    REGULAR = "regular", "обычный"
    HONORS = "honors", "с отличием"


class Destination(models.TextChoices):
    GRADE_10 = "grade10", "10 класс"
    COLLEGE = "college", "СПО"
    UNIVERSITY = "university", "вуз"
    WORKING = "working", "работает"
    ARMY = "army", "армия"
    NEET = "neet", "не учится и не работает"
    OTHER = "other", "другое"


class SocialCategory(models.TextChoices):
    ORPHAN = "orphan", "сирота"
    LOW_INCOME = "low_income", "малообеспеченная семья"
    SINGLE_PARENT = "single_parent", "неполная семья"
    LARGE_FAMILY = "large_family", "многодетная семья"
    ZPR = "zpr", "ЗПР"
    ADAPTATION = "adaptation", "трудности адаптации"
    HARDSHIP = "hardship", "трудная жизненная ситуация"
    PDN = "pdn", "учет ПДН"
    KDN = "kdn", "учет КДН"
    IN_SCHOOL = "in_school", "внутришкольный учет"
    SPT_RISK = "spt_risk", "группа риска СПТ"

    @classmethod
    def prevention(cls) -> list["SocialCategory"]:
        """Categories of профилактический учёт (core.prevention_registered)."""
        return [cls.PDN, cls.KDN, cls.IN_SCHOOL]


class Education(models.TextChoices):
    HIGHER_PEDAGOGICAL = "higher_ped", "высшее педагогическое"
    HIGHER = "higher", "высшее"
    VOCATIONAL_PEDAGOGICAL = "vocational_ped", "среднее профессиональное педагогическое"
    VOCATIONAL = "vocational", "среднее профессиональное"
    SECONDARY = "secondary", "среднее"


class QualificationCategory(models.TextChoices):
    HIGHEST = "highest", "высшая"
    FIRST = "first", "первая"
    CONFORMITY = "conformity", "соответствие"
    NONE = "none", "нет"


class Employment(models.TextChoices):
    MAIN = "main", "основной"
    PART_TIME = "part_time", "совместитель"


class StaffEventKind(models.TextChoices):
    COURSES = "courses", "курсы"
    RETRAINING = "retraining", "переподготовка"
    ATTESTATION = "attestation", "аттестация"
    CONTEST = "contest", "конкурс"
    EXPERT = "expert", "эксперт"
    MENTORING = "mentoring", "наставничество"
    NETWORK = "network", "сетевое сообщество"
    TALK = "talk", "выступление"
    DEFICIT_DIAGNOSTICS = "deficit_diagnostics", "диагностика дефицитов"
    IOM = "iom", "ИОМ"
    METHODICAL_SUPPORT = "methodical_support", "методическая поддержка"
    CONSULTATION = "consultation", "консультация"


class StaffEventLevel(models.TextChoices):
    SCHOOL = "school", "школьный"
    MUNICIPAL = "municipal", "муниципальный"
    REGIONAL = "regional", "региональный"
    FEDERAL = "federal", "федеральный"
    INTERNATIONAL = "international", "международный"


class StaffEventTopic(models.TextChoices):
    FUNCTIONAL_LITERACY = "fl", "ФГ"
    DIGITAL = "digital", "ЦОС"
    QUALITY_ASSESSMENT = "oko", "ОКО"
    LOW_RESULTS = "shnor", "ШНОР"
    TALENTS = "talents", "таланты"
    CAREER = "career", "профориентация"
    UPBRINGING = "upbringing", "воспитание"
    FEDERAL_PROGRAM = "federal_program", "федеральная программа"
    SPECIAL_NEEDS = "ovz", "ОВЗ"
    BURNOUT = "burnout", "выгорание"


class AwardResult(models.TextChoices):
    PARTICIPANT = "participant", "участник"
    PRIZE = "prize", "призер"
    WINNER = "winner", "победитель"
    LAUREATE = "laureate", "лауреат"


class Mark(models.TextChoices):
    FIVE = "5", "5"
    FOUR = "4", "4"
    THREE = "3", "3"
    TWO = "2", "2"
    ONE = "1", "1"
    PASS = "pass", "зачет"
    FAIL = "fail", "незачет"
    EXEMPT = "exempt", "осв"
    NOT_ASSESSED = "na", "н/а"

    @classmethod
    def numeric(cls) -> list["Mark"]:
        return [cls.FIVE, cls.FOUR, cls.THREE, cls.TWO, cls.ONE]


class AssessmentKind(models.TextChoices):
    VPR = "vpr", "ВПР"
    OGE = "oge", "ОГЭ"
    EGE = "ege", "ЕГЭ"
    GVE9 = "gve9", "ГВЭ-9"
    GVE11 = "gve11", "ГВЭ-11"
    INTERVIEW = "interview", "итоговое собеседование"
    ESSAY = "essay", "итоговое сочинение"
    RDR = "rdr", "РДР"
    REGIONAL_FL = "regional_fl", "региональная оценка ФГ"
    ADMINISTRATIVE = "administrative", "административная"


class Difficulty(models.TextChoices):
    BASIC = "basic", "Б"
    ADVANCED = "advanced", "П"
    HIGH = "high", "В"


class Attempt(models.TextChoices):
    MAIN = "main", "основная"
    RETAKE = "retake", "пересдача"


class EventLevel(models.TextChoices):
    SCHOOL = "school", "школьный"
    MUNICIPAL = "municipal", "муниципальный"
    REGIONAL = "regional", "региональный"
    FINAL = "final", "заключительный"
    ALL_RUSSIAN = "all_russian", "всероссийский"
    INTERNATIONAL = "international", "международный"


class EventKind(models.TextChoices):
    VSOSH = "vsosh", "ВСОШ"
    LISTED_OLYMPIAD = "listed_olympiad", "перечневая олимпиада"
    OLYMPIAD = "olympiad", "олимпиада"
    CONTEST = "contest", "конкурс"
    COMPETITION = "competition", "соревнование"
    CONFERENCE = "conference", "конференция"


class EventResult(models.TextChoices):
    PARTICIPANT = "participant", "участник"
    PRIZE = "prize", "призер"
    WINNER = "winner", "победитель"


class ProgramKind(models.TextChoices):
    ADDITIONAL = "additional", "дополнительное образование"
    EXTRACURRICULAR = "extracurricular", "внеурочная деятельность"
    SPORTS = "sports", "спортивная секция"
    PROFILE_CAMP = "profile_camp", "профильная смена"
    SIRIUS = "sirius", "Сириус"
    REGIONAL_CENTER = "regional_center", "региональный центр"
    TICKET_TO_FUTURE = "ticket_to_future", "Билет в будущее"
    VOLUNTEERING = "volunteering", "волонтерство"
    CHILDREN_ASSOCIATION = "children_association", "детское объединение"
    PATRIOTIC = "patriotic", "патриотическое объединение"
    CAREER = "career", "профориентация"


class ValueScope(models.TextChoices):
    SCHOOL = "school", "школа"
    MUNICIPALITY = "municipality", "муниципалитет"
    REGION = "region", "регион"
    COUNTRY = "country", "РФ"


class ApprovalStatus(models.TextChoices):
    OPEN = "open", "открыт для изменений"
    SUBMITTED = "submitted", "передан на утверждение"
    APPROVED = "approved", "утверждён"


class SurveyChannel(models.TextChoices):
    """How an answer reached the records: a package's survey_responses table, or the school's own survey pages
    (whose respondents are random «онлайн-…» ids, so a package's rows never meet them)."""

    PACKAGE = "package", "загружен из пакета"
    ONLINE = "online", "анкета vsoko"
