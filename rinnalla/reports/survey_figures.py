"""The feedback surveys' part of the reports: counted live from the anonymous answers.

Answers are few (thousands, not millions), so they are grouped at request time.
"""

from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rinnalla.reports.tables import Column, Table
from rinnalla.surveys.models import Answer, QuestionKind, SurveyResponse
from rinnalla.surveys.selectors import surveys_in_use

BANDS = [("0-4", range(0, 5)), ("5-6", range(5, 7)), ("7-8", range(7, 9)), ("9-10", range(9, 11))]


def responses_for(f):
    responses = SurveyResponse.objects.filter(period__gte=f.start.replace(day=1), period__lte=f.end)
    if f.service_ids is not None:
        responses = responses.filter(service_id__in=f.service_ids)
    return responses


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def survey_tables(f):
    k = settings.RINNALLA_REPORT_MIN_CELL
    responses = responses_for(f)
    per_survey = dict(
        responses.values_list("survey__code")
        .annotate(n=Count("id"))
        .values_list("survey__code", "n")
    )
    tables: list[Table] = []
    texts: list[tuple[str, list[str]]] = []
    notes: list[str] = []
    surveys = [s for s in surveys_in_use() if per_survey.get(s.code)]
    overview = Table(
        id="responses",
        title=_("Responses"),
        row_header=_("Survey"),
        columns=[Column("responses", _("Responses"))],
        row_keys=[(s.code, s.title_text) for s in surveys],
        counts=[[per_survey[s.code]] for s in surveys],
    ).build()
    if surveys:
        tables.append(overview)
    for survey in surveys:
        answers = Answer.objects.filter(response__in=responses, question__survey__code=survey.code)
        questions = list(survey.questions.all())
        scale_counts: dict[str, Counter] = defaultdict(Counter)
        choice_counts: dict[str, Counter] = defaultdict(Counter)
        free_text: dict[str, list[str]] = defaultdict(list)
        for key, number, choices, text in answers.values_list(
            "question__key", "number", "choices", "text"
        ).iterator(chunk_size=5000):
            if number is not None:
                scale_counts[key][number] += 1
            elif choices:
                for value in choices:
                    choice_counts[key][value] += 1
            elif text:
                free_text[key].append(text)
        scale_questions = [q for q in questions if q.kind == QuestionKind.SCALE]
        present = [q for q in scale_questions if scale_counts[q.key]]
        if present:
            counts, stats = [], []
            for q in present:
                hist = scale_counts[q.key]
                counts.append([sum(hist[v] for v in band) for _label, band in BANDS])
                n = sum(hist.values())
                stats.append([round(sum(v * c for v, c in hist.items()) / n, 1) if n else None])
            stats.append([None])
            tables.append(
                Table(
                    id=f"{survey.code}-scales",
                    title=_("%(survey)s: answers on the 0–10 scale")
                    % {"survey": survey.title_text},
                    row_header=pgettext("report column", "Question"),
                    columns=[Column(key, key.replace("-", "\u2013")) for key, _band in BANDS],
                    row_keys=[(q.key, f"{q.number}. {_short(q.text_in())}") for q in present],
                    counts=counts,
                    stats=[Column("mean", _("Average"))],
                    stat_values=stats,
                    total_label=_("Answered"),
                ).build()
            )
        for q in questions:
            if q.kind not in (QuestionKind.YES_NO, QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                continue
            if not choice_counts[q.key]:
                continue
            choices = q.choice_list()
            tables.append(
                Table(
                    id=f"{survey.code}-{q.key}",
                    title=f"{survey.title_text}: {q.number}. {_short(q.text_in(), 120)}",
                    row_header=_("Answer"),
                    columns=[Column("answers", _("Answers"))],
                    row_keys=[(value, label) for value, label in choices],
                    counts=[[choice_counts[q.key][value]] for value, _label in choices],
                ).build()
            )
        if per_survey[survey.code] >= k:
            for q in questions:
                if q.kind == QuestionKind.TEXT and free_text[q.key]:
                    texts.append(
                        (
                            f"{survey.title_text}: {q.number}. {q.text_in()}",
                            sorted(free_text[q.key], key=str.lower),
                        )
                    )
        elif any(free_text.values()):
            notes.append(
                _(
                    "%(survey)s: free-text answers are not listed because fewer than %(k)d "
                    "people answered."
                )
                % {"survey": survey.title_text, "k": k}
            )
    return tables, texts, notes
