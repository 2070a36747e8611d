"""Surveys in the JSON API (issue 13 contract).

- ``GET /surveys``: the surveys in use with their questions (fi, sv and en texts).
- ``POST /surveys/{code}/links`` ``{"meeting_id"?, "episode_id"?, "language"}``
  (coordinator): a one-time link ``{url, expires_at}``. With a meeting or a relationship
  the client's own coordinators only (the access rule logs it); without, a link for a
  professional of the coordinator's service.
- ``POST /s/{token}`` is the public HTML form itself (no API authentication).
"""

import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Router, Schema, Status

from rinnalla.access.policy import Action, Channel, client_for
from rinnalla.episodes.models import Episode
from rinnalla.plans.models import Meeting
from rinnalla.surveys import selectors, services
from rinnalla.surveys.models import Survey

router = Router(tags=["surveys"])


class SurveyChoiceOut(Schema):
    value: str
    label: dict[str, str]


class SurveyQuestionOut(Schema):
    key: str
    number: str
    kind: str
    text: dict[str, str]
    low_label: dict[str, str]
    high_label: dict[str, str]
    choices: list[SurveyChoiceOut]


class SurveyOut(Schema):
    code: str
    version: int
    respondent: str
    title: dict[str, str]
    questions: list[SurveyQuestionOut]


class SurveyLinkIn(Schema):
    meeting_id: int | None = None
    episode_id: int | None = None
    language: Literal["fi", "sv", "en"] = "fi"


class SurveyLinkOut(Schema):
    url: str
    expires_at: datetime.datetime


def _choices(question) -> list[dict]:
    if question.choices_source:
        from rinnalla.surveys.models import ChoiceListItem

        return [
            {
                "value": item.value,
                "label": {"fi": item.label_fi, "sv": item.label_sv, "en": item.label_en},
            }
            for item in ChoiceListItem.objects.filter(list=question.choices_source)
        ]
    return question.choices


@router.get("/surveys", response=list[SurveyOut], operation_id="surveys_list")
def surveys_list(request):
    return [
        {
            "code": s.code,
            "version": s.version,
            "respondent": s.respondent,
            "title": s.title,
            "questions": [
                {
                    "key": q.key,
                    "number": q.number,
                    "kind": q.kind,
                    "text": q.text,
                    "low_label": q.low_label,
                    "high_label": q.high_label,
                    "choices": _choices(q),
                }
                for q in s.questions.all()
            ],
        }
        for s in selectors.surveys_in_use()
    ]


@router.post(
    "/surveys/{code}/links", response={201: SurveyLinkOut}, operation_id="survey_link_create"
)
def survey_link_create(request, code: str, payload: SurveyLinkIn):
    user = request.user
    survey = Survey.objects.filter(pk=selectors.current_pk(code)).first()
    meeting = episode = None
    if payload.meeting_id is not None:
        meeting = Meeting.objects.select_related("episode").filter(pk=payload.meeting_id).first()
        if meeting is None:
            raise Http404
        episode = meeting.episode
    elif payload.episode_id is not None:
        episode = Episode.objects.filter(pk=payload.episode_id).first()
        if episode is None:
            raise Http404
    if episode is not None:
        client_for(
            user,
            episode.client_id,
            action=Action.CHANGE,
            part="surveys",
            channel=Channel.API,
            coordinators_of=episode.service_id,
        )
    elif not user.is_coordinator:
        raise PermissionDenied("Only work ability coordinators send surveys.")
    link, raw = services.link_create_by_hand(
        actor=user, survey=survey, language=payload.language, meeting=meeting, episode=episode
    )
    return Status(201, {"url": services.survey_url(raw), "expires_at": link.expires_at})
