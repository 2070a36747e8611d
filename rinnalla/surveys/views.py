from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rinnalla.access.models import AccessLogEntry
from rinnalla.access.policy import client_for
from rinnalla.core.pdf import pdf_response, render_pdf
from rinnalla.episodes.models import Episode
from rinnalla.surveys import selectors, services
from rinnalla.surveys.forms import AnswerForm, PaperAnswerForm, SendForm
from rinnalla.surveys.models import Survey
from rinnalla.surveys.qr import qr_svg

LANGUAGES = ("fi", "sv", "en")


def _public(response, language: str | None = None):
    if language:
        response["Content-Language"] = language
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # "same-origin", not "no-referrer": see measurements.views._public.
    response["Referrer-Policy"] = "same-origin"
    return response


#: A client who opens a survey from their own view: the link's id until it is answered.
SESSION_KEY = "survey_link"


@require_http_methods(["GET", "POST"])
def answer(request, survey_token: str):
    """The public form behind a one-time link: no login, and nothing about the person.

    Its language: ``?lang=``, else the language the visitor chose on this site, else the
    one the link was sent in.
    """
    return _answer_page(request, selectors.link_by_token(survey_token), token=survey_token)


@require_http_methods(["GET", "POST"])
def answer_session(request):
    """The same form for a link opened from the client's own view (``portal:survey``).

    The link's id is in the session, not in the address; it is dropped from the session
    when the answer is stored, as the link itself is deleted then, so nothing is left
    that joins the answer to the client.
    """
    link_id = request.session.get(SESSION_KEY)
    link = selectors.link_by_id(link_id) if isinstance(link_id, int) else None
    return _answer_page(request, link, link_id=link.pk if link else None)


def _answer_page(request, link, *, token: str | None = None, link_id: int | None = None):
    requested = request.GET.get("lang", "") or request.COOKIES.get(
        settings.LANGUAGE_COOKIE_NAME, ""
    )
    if link is None:
        language = requested if requested in LANGUAGES else None
        with translation.override(language or translation.get_language()):
            return _public(render(request, "surveys/gone.html", {"reason": "unknown"}, status=404))
    language = requested if requested in LANGUAGES else link.language
    with translation.override(language):
        if not link.is_usable:
            return _public(
                render(request, "surveys/gone.html", {"reason": "expired"}, status=410), language
            )
        survey = link.survey
        form = AnswerForm(survey, request.POST or None, language=language)
        if request.method == "POST" and form.is_valid():
            try:
                services.response_submit(token=token, link_id=link_id, answers=form.answers())
            except ValidationError:
                return _public(
                    render(request, "surveys/gone.html", {"reason": "unknown"}, status=410),
                    language,
                )
            request.session.pop(SESSION_KEY, None)
            return _public(render(request, "surveys/done.html", {"survey": survey}), language)
        return _public(
            render(
                request,
                "surveys/answer.html",
                {
                    "survey": survey,
                    "form": form,
                    "language": language,
                    "other_languages": [code for code in LANGUAGES if code != language],
                },
            ),
            language,
        )


def _coordinator(request):
    if not request.user.is_coordinator or request.user.organisation_id is None:
        raise PermissionDenied(_("Only work ability coordinators send surveys."))


@login_required
def survey_list(request):
    _coordinator(request)
    return render(request, "surveys/list.html", {"surveys": selectors.surveys_in_use()})


def _send_page(request, *, episode=None, client=None):
    initial = {"language": client.language if client else translation.get_language()[:2]}
    if client is not None and client.email:
        initial["email"] = client.email
    form = SendForm(request.POST or None, initial=initial)
    if episode is None:
        form.fields["survey"].queryset = Survey.objects.filter(
            is_active=True, respondent="professional"
        )
    if request.method == "POST" and form.is_valid():
        link, raw = services.link_create_by_hand(
            actor=request.user,
            survey=form.cleaned_data["survey"],
            language=form.cleaned_data["language"],
            episode=episode,
            email_to=form.cleaned_data["email"],
        )
        url = services.survey_url(raw)
        return render(
            request,
            "surveys/link_created.html",
            {
                "link": link,
                "url": url,
                "qr": mark_safe(qr_svg(url, title=_("QR code of the survey link"))),  # noqa: S308
                "emailed": bool(form.cleaned_data["email"]),
                "episode": episode,
            },
        )
    return render(request, "surveys/send.html", {"form": form, "episode": episode})


@login_required
@require_http_methods(["GET", "POST"])
def send(request):
    """A professional survey (LIITE 11 or 15) by hand: a link to share, with its QR code."""
    _coordinator(request)
    return _send_page(request)


@login_required
@require_http_methods(["GET", "POST"])
def send_for_episode(request, pk: int):
    """A client survey by hand, for one client relationship of the coordinator's service."""
    episode = Episode.objects.filter(pk=pk).values("client_id", "service_id").first()
    if episode is None:
        raise Http404
    client = client_for(
        request.user,
        episode["client_id"],
        action=AccessLogEntry.Action.CHANGE
        if request.method == "POST"
        else AccessLogEntry.Action.VIEW,
        part="surveys",
        coordinators_of=episode["service_id"],
    )
    return _send_page(request, episode=Episode.objects.get(pk=pk), client=client)


@login_required
def paper_pdf(request, survey_code: str):
    """A blank paper form to print; its answers can be typed in later."""
    _coordinator(request)
    survey = get_object_or_404(Survey, pk=selectors.current_pk(survey_code))
    language = request.GET.get("lang", translation.get_language()[:2])
    language = language if language in LANGUAGES else "fi"
    with translation.override(language):
        questions = selectors.questions_for_paper(survey, language)
        content = render_pdf("surveys/paper.html", {"survey": survey, "questions": questions})
    return pdf_response(content, f"{survey.code}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def paper_entry(request, survey_code: str):
    """Type in the answers of a paper form: stored like any answer, flagged as paper."""
    _coordinator(request)
    survey = get_object_or_404(Survey, pk=selectors.current_pk(survey_code))
    form = PaperAnswerForm(survey, request.POST or None)
    saved = False
    if request.method == "POST" and form.is_valid():
        try:
            services.response_enter_paper(
                actor=request.user,
                survey=survey,
                period=form.cleaned_data["period"],
                answers=form.answers(),
            )
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                form.add_error(key if key in form.fields else None, messages)
        else:
            saved = True
            form = PaperAnswerForm(survey)
    return render(
        request, "surveys/paper_entry.html", {"survey": survey, "form": form, "saved": saved}
    )
