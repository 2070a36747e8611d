import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rinnalla.clients.models import Language
from rinnalla.surveys.models import Question, QuestionKind, Survey, in_language


class AnswerForm(forms.Form):
    """The questions of one survey in one language; every question is optional."""

    def __init__(self, survey: Survey, *args, language: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        questions: list[Question] = list(survey.questions.all())
        for number, question in enumerate(questions, 1):
            field = self._field(question, language)
            field.question_number = number
            field.question_count = len(questions)
            field.question = question
            self.fields[question.key] = field

    @staticmethod
    def _field(question: Question, language: str | None) -> forms.Field:
        label = question.text_in(language)
        if question.kind == QuestionKind.TEXT:
            return forms.CharField(
                label=label,
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        choices = question.choice_list(language)
        if not choices:
            # A configured list left empty (no municipalities yet): ask in words instead.
            return forms.CharField(label=label, required=False, max_length=200)
        if question.kind == QuestionKind.MULTIPLE:
            return forms.MultipleChoiceField(
                label=label, required=False, choices=choices, widget=forms.CheckboxSelectMultiple
            )
        help_text = ""
        if question.kind == QuestionKind.SCALE:
            help_text = _("0 = %(low)s, 10 = %(high)s") % {
                "low": in_language(question.low_label, language),
                "high": in_language(question.high_label, language),
            }
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=choices,
            widget=forms.RadioSelect(attrs={"class": "scale"} if question.kind == "scale" else {}),
            help_text=help_text,
        )

    def answers(self) -> dict:
        return dict(self.cleaned_data)


class PaperAnswerForm(AnswerForm):
    """The same questions typed in from a paper form, with the month it was answered."""

    period = forms.DateField(
        label=_("Month answered (any day of it)"),
        widget=forms.DateInput(attrs={"type": "date"}),
        initial=timezone.localdate,
    )

    def __init__(self, survey: Survey, *args, **kwargs):
        super().__init__(survey, *args, **kwargs)
        self.order_fields(["period"])

    def answers(self) -> dict:
        answers = dict(self.cleaned_data)
        answers.pop("period", None)
        return answers


class SendForm(forms.Form):
    survey = forms.ModelChoiceField(
        label=_("Survey"), queryset=Survey.objects.filter(is_active=True), empty_label=None
    )
    language = forms.ChoiceField(
        label=_("Language of the survey"), choices=Language.choices, initial="fi"
    )
    email = forms.EmailField(
        label=_("Send the link to this e-mail address (optional)"), required=False
    )


def this_month() -> datetime.date:
    return timezone.localdate().replace(day=1)
