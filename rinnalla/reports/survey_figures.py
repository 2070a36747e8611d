"""The feedback surveys' part of the reports: counted live from the anonymous answers.

Answers are few (thousands, not millions), so they are grouped at request time.
"""

from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from rinnalla.reports.tables import Column, Table, percent
from rinnalla.surveys.models import Answer, LinksSent, QuestionKind, SurveyResponse
from rinnalla.surveys.selectors import surveys_in_use

BANDS = [("0-4", range(0, 5)), ("5-6", range(5, 7)), ("7-8", range(7, 9)), ("9-10", range(9, 11))]


def responses_for(f):
    return _in_period(SurveyResponse.objects, f)


def _in_period(queryset, f):
    queryset = queryset.filter(period__gte=f.start.replace(day=1), period__lte=f.end)
    if f.service_ids is not None:
        queryset = queryset.filter(service_id__in=f.service_ids)
    return queryset


def response_rate_table(f, surveys) -> Table:
    """Per survey and month: the links sent, split into answered and not (yet) answered,
    and the share answered. Paper answers had no link and are not counted here."""
    from rinnalla.reports.figures import month_label

    sent = {
        (code, period): n
        for code, period, n in _in_period(LinksSent.objects, f)
        .values("survey__code", "period")
        .annotate(n=Sum("count"))
        .values_list("survey__code", "period", "n")
    }
    answered = {
        (code, period): n
        for code, period, n in _in_period(SurveyResponse.objects.filter(is_paper=False), f)
        .values("survey__code", "period")
        .annotate(n=Count("id"))
        .values_list("survey__code", "period", "n")
    }
    keys, counts, stats = [], [], []
    for survey in surveys:
        for month in f.months:
            done = answered.get((survey.code, month), 0)
            # Links made before they were counted are gone: never fewer sent than answered.
            links = max(sent.get((survey.code, month), 0), done)
            if not links:
                continue
            keys.append(
                (f"{survey.code}:{month:%Y-%m}", f"{survey.title_text}, {month_label(month)}")
            )
            counts.append([done, links - done])
            stats.append([percent(done, links)])
    stats.append([percent(sum(c[0] for c in counts), sum(sum(c) for c in counts))])
    return Table(
        id="response_rate",
        title=_("Response rate"),
        row_header=_("Survey and month"),
        columns=[
            Column("answered", _("Answered")),
            Column("not_answered", _("Not answered")),
        ],
        row_keys=keys,
        counts=counts,
        stats=[Column("response_rate_percent", _("Response rate, %"))],
        stat_values=stats,
        total_label=_("Links sent"),
    ).build()


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
    rate = response_rate_table(f, surveys_in_use())
    if rate.rows:
        tables.append(rate)
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
