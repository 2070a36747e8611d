"""Feedback surveys as data (SPEC §8): forms, one-time links and anonymous responses.

Anonymity is structural. A :class:`SurveyLink` knows who it was sent to (the meeting
or relationship, for sending once); a :class:`SurveyResponse` knows only the survey,
the service, the month and the respondent kind. Submitting deletes the link in the
same transaction, so nothing in the database joins a response to a token, a client
or a professional; the response has no timestamp for the same reason.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


def in_language(texts: dict, language: str | None = None) -> str:
    """A text of a ``{"fi": …, "sv": …, "en": …}`` dict in the reader's language."""
    if not texts:
        return ""
    language = (language or translation.get_language() or "fi")[:2]
    return texts.get(language) or texts.get("fi") or next(iter(texts.values()), "")


class Respondent(models.TextChoices):
    CLIENT = "client", _("Client")
    PROFESSIONAL = "professional", _("Professional")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale 0–10")
    YES_NO = "yes_no", _("Yes or no")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    TEXT = "text", _("Free text")


class Survey(models.Model):
    """One version of a survey form (kysely): LIITE 1, 10, 11 or 15 of seed 004."""

    code = models.SlugField(_("code"), max_length=20)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    respondent = models.CharField(_("respondent"), max_length=20, choices=Respondent.choices)
    title = models.JSONField(_("title"), default=dict)
    intro = models.JSONField(_("introduction"), default=dict, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="survey_code_version"),
        ]

    def __str__(self) -> str:
        return f"{self.title_text} ({self.code} v{self.version})"

    @property
    def title_text(self) -> str:
        return in_language(self.title)

    @property
    def intro_text(self) -> str:
        return in_language(self.intro)


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=30)
    # The number printed on the form ("3 a"); a follow-up ("Perustelisitko:") has "3 b".
    number = models.CharField(max_length=10, blank=True)
    kind = models.CharField(_("type"), max_length=10, choices=QuestionKind.choices)
    text = models.JSONField(default=dict)
    low_label = models.JSONField(default=dict, blank=True)
    high_label = models.JSONField(default=dict, blank=True)
    # [{"value": "yes", "label": {"fi": …, "sv": …, "en": …}}, …]
    choices = models.JSONField(default=list, blank=True)
    # Choices from a configured list instead (ChoiceListItem.list).
    choices_source = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["survey", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="question_key_per_survey"),
            models.UniqueConstraint(
                fields=["survey", "position"], name="question_position_per_survey"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.text_in()}"

    def text_in(self, language: str | None = None) -> str:
        return in_language(self.text, language)

    @property
    def is_follow_up(self) -> bool:
        return " b" in self.number

    def choice_list(self, language: str | None = None) -> list[tuple[str, str]]:
        """(value, label) of a choice question, from the form or the configured list."""
        if self.kind == QuestionKind.SCALE:
            return [(str(n), str(n)) for n in range(11)]
        if self.choices_source:
            items = ChoiceListItem.objects.filter(list=self.choices_source)
            return [(item.value, item.label_in(language)) for item in items]
        return [(c["value"], in_language(c["label"], language)) for c in self.choices]


class ChoiceListItem(models.Model):
    """A configured answer option: the municipalities of LIITE 1, the units of LIITE 15."""

    class List(models.TextChoices):
        MUNICIPALITIES = "municipalities", _("Municipalities")
        ORGANISATION_STRUCTURE = "organisation_structure", _("Organisation structure")

    list = models.CharField(_("list"), max_length=30, choices=List.choices)
    value = models.SlugField(_("code"), max_length=60)
    label_fi = models.CharField(_("Finnish"), max_length=200)
    label_sv = models.CharField(_("Swedish"), max_length=200, blank=True)
    label_en = models.CharField(_("English"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["list", "position", "label_fi"]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        constraints = [
            models.UniqueConstraint(fields=["list", "value"], name="choice_list_value"),
        ]

    def __str__(self) -> str:
        return self.label_fi

    def label_in(self, language: str | None = None) -> str:
        return in_language(
            {"fi": self.label_fi, "sv": self.label_sv, "en": self.label_en}, language
        )


class SurveyLink(models.Model):
    """A one-time link to answer a survey. Deleted when the answer is sent.

    Only the SHA-256 hash of the token is stored. ``meeting``/``episode`` and
    ``recipient`` exist so that the same person is not sent the same survey twice.
    """

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    language = models.CharField(max_length=2, default="fi")
    service = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    respondent = models.CharField(max_length=20, choices=Respondent.choices)
    period = models.DateField()  # the first day of the month the answer counts in
    meeting = models.ForeignKey(
        "plans.Meeting", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    episode = models.ForeignKey(
        "episodes.Episode", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # "client", or "professional:<id>", or "" for a link handed out by hand.
    recipient = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "meeting", "recipient"],
                condition=models.Q(meeting__isnull=False) & ~models.Q(recipient=""),
                name="one_meeting_survey_per_recipient",
            ),
            models.UniqueConstraint(
                fields=["survey", "episode", "recipient"],
                condition=models.Q(episode__isnull=False, meeting__isnull=True)
                & ~models.Q(recipient=""),
                name="one_episode_survey_per_recipient",
            ),
        ]
        indexes = [models.Index(fields=["expires_at"], name="surveylink_expiry_idx")]

    def __str__(self) -> str:
        return f"{self.survey.code} {self.period:%m/%Y}"

    @property
    def is_usable(self) -> bool:
        return self.expires_at > timezone.now()


class LinksSent(models.Model):
    """How many one-time links of a survey were made for a service in a month.

    Links are deleted when answered or expired, so the response rate (answered through
    a link ÷ links sent) needs this count; it names no one.
    """

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    period = models.DateField()  # the first day of the month the answers count in
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("survey links sent")
        verbose_name_plural = _("survey links sent")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "service", "period"], name="links_sent_once_per_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} {self.period:%m/%Y}: {self.count}"


class SurveyResponse(models.Model):
    """One anonymous answer: survey, service, month and respondent kind — nothing else."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    service = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    period = models.DateField()
    respondent = models.CharField(max_length=20, choices=Respondent.choices)
    is_paper = models.BooleanField(_("paper form"), default=False)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [models.Index(fields=["survey", "service", "period"], name="response_report_idx")]

    def __str__(self) -> str:
        return f"{self.survey.code} {self.period:%m/%Y}"


class Answer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    number = models.SmallIntegerField(null=True, blank=True)  # scale 0–10
    choices = models.JSONField(default=list, blank=True)  # yes/no, single, multiple
    text = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["question", "response"], name="answer_question_idx")]

    def __str__(self) -> str:
        return self.question.key
