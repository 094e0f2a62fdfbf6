"""Results in their social context.

Regulation 004, Раздел VI, assesses «качество условий образовательной деятельности, включая
контекстную информацию (социально-экономические характеристики семей, сложность контингента …)»,
and its principle of targeting asks for «контекстную интерпретацию результатов». These codes give
the year-end attestation and the procedures' results of the students of each social category, so
that a category's results can be read beside the whole school's (vsoko.analysis.context).

A student of two categories counts in both: `social` is a fixed dimension, never summed over.
Only the students with a social status are read, a small part of the marks and results.
"""

from __future__ import annotations

from django.db.models import BooleanField, Count, ExpressionWrapper, F, FilteredRelation, Q, Sum

from vsoko.datavalues.extractors.core import (
    ATTESTATION,
    attestation_counts,
    not_removed,
    passed_case,
)
from vsoko.datavalues.populations import ce_grade_path, cutoff_date, in_ce, main_results
from vsoko.datavalues.registry import Code, extractor, present_in
from vsoko.datavalues.staging import Grouped, Output, grouped, regroup
from vsoko.records.enums import Period
from vsoko.records.models import Enrollment, Result, SchoolClass, SocialStatus, Student, Subject


@extractor(
    reads=(SocialStatus, Enrollment, SchoolClass, Student, Result, Subject),
    codes=[
        Code("students.ce.social.attested",
             "обучающиеся CE с данной категорией социального статуса на конец года, по итогу годовой аттестации",
             dims=("grade", "social", "attestation"), fixed=("social",)),
        Code("results.social.main",
             "основные результаты процедур года обучающихся с данной категорией социального статуса на конец года",
             dims=("kind", "social"), fixed=("social",)),
        Code("results.social.passed", "те из них, что преодолели минимальный порог",
             dims=("kind", "social"), fixed=("social",)),
        Code("results.social.marks", "те из них, что получили данную отметку",
             dims=("kind", "social", "mark"), fixed=("social",)),
    ],
    present=present_in(Enrollment),
)
def social_context(school_ids, years):
    grade = ce_grade_path()
    year_marks = FilteredRelation(
        "student__marks", condition=Q(student__marks__year=F("year"), student__marks__period=Period.YEAR),
    )
    per_status = (
        SocialStatus.objects.filter(school_id__in=school_ids, year_id__in=years).filter(not_removed(years))
        .filter(in_ce(school_ids, years))
        .alias(year_marks=year_marks)
        .values("id", "school_id", "year_id", grade, "category")
        .annotate(**attestation_counts("year_marks"))
        .annotate(attestation=ATTESTATION)
    )
    attested = regroup(per_status, ["school_id", "year_id", grade, "category", "attestation"], {"n": "COUNT(*)"})
    yield grouped(attested, "students.ce.social.attested",
                  {"grade": grade, "social": "category", "attestation": "attestation"})

    in_force = Q(student__social__year=F("assessment__year")) & (
        Q(student__social__until__isnull=True)
        | Q(student__social__until__gte=cutoff_date(years, "assessment__year_id"))
    )
    results = main_results(school_ids, years).filter(in_force)
    fields = ("school_id", "assessment__year_id", "assessment__kind", "student__social__category")
    dims = {"kind": "assessment__kind", "social": "student__social__category"}
    # One pass: each output sums the rows by its own key (staging.insert_sql), the marks only where there is one.
    per_mark = (
        results.annotate(marked=ExpressionWrapper(Q(mark__isnull=False), output_field=BooleanField()))
        .values(*fields, "mark", "marked").annotate(n=Count("id"), passed_n=Sum(passed_case()))
    )
    yield Grouped(per_mark, (
        Output("results.social.main", dims, nonzero=True),
        Output("results.social.passed", dims, "passed_n", nonzero=True),
        Output("results.social.marks", {**dims, "mark": "mark"}, where="marked"),
    ), year="assessment__year_id")
