from django.http import Http404

from rinnalla.surveys.models import Question, QuestionKind, Survey, SurveyLink
from rinnalla.surveys.services import hash_token


def link_by_token(raw: str) -> SurveyLink | None:
    if not raw or len(raw) > 100:
        return None
    return SurveyLink.objects.select_related("survey").filter(token_hash=hash_token(raw)).first()


def link_by_id(pk: int) -> SurveyLink | None:
    return SurveyLink.objects.select_related("survey").filter(pk=pk).first()


def surveys_in_use() -> list[Survey]:
    """The newest active version of each survey, with its questions."""
    from rinnalla.surveys.services import ensure_seed_forms

    ensure_seed_forms()
    latest: dict[str, Survey] = {}
    for survey in Survey.objects.filter(is_active=True).prefetch_related("questions"):
        if survey.code not in latest or survey.version > latest[survey.code].version:
            latest[survey.code] = survey
    order = ["liite-10", "liite-11", "liite-1", "liite-15"]
    return sorted(
        latest.values(), key=lambda s: (order.index(s.code) if s.code in order else 99, s.code)
    )


def current_pk(code: str) -> int:
    from rinnalla.surveys.services import ensure_seed_forms

    ensure_seed_forms()
    pk = (
        Survey.objects.filter(code=code, is_active=True)
        .order_by("-version")
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        raise Http404
    return pk


def questions_for_paper(survey: Survey, language: str) -> list[dict]:
    rows = []
    for question in survey.questions.all():
        rows.append(
            {
                "question": question,
                "number": question.number,
                "text": question.text_in(language),
                "kind": question.kind,
                "choices": []
                if question.kind in (QuestionKind.TEXT, QuestionKind.SCALE)
                else question.choice_list(language),
                "low": question.low_label.get(language, "") if question.low_label else "",
                "high": question.high_label.get(language, "") if question.high_label else "",
            }
        )
    return rows


__all__ = ["Question"]
