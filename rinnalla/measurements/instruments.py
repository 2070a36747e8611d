"""Measurement instruments (mittarit) defined in code: items, allowed answers, scoring.

Each instrument states its source next to its scoring. Public instruments are scored
here; proprietary ones are "result only": Rinnalla stores the result the other tool
gave (SPEC §6). Administrators can add more result-only instruments in the admin
(:class:`~rinnalla.measurements.models.ResultOnlyInstrument`); see
``rinnalla.measurements.selectors.instrument_get``.

This module is pure Python (no database): ``Instrument.clean`` refuses a missing,
unknown or out-of-range answer naming the item, ``Instrument.score`` turns cleaned
answers into a :class:`Result`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rinnalla.core import hetu

SCORED = "scored"
RESULT_ONLY = "result_only"

MALE = "male"
FEMALE = "female"


# --- building blocks --------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    value: int | str
    label: Any


@dataclass(frozen=True)
class Item:
    """One question; answered with one of ``choices``, a number in range, or text."""

    key: str
    text: Any
    choices: tuple[Choice, ...] = ()
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    decimals: int = 0
    unit: str = ""
    help_text: Any = ""
    text_answer: bool = False
    required: bool = True

    @property
    def kind(self) -> str:
        if self.choices:
            return "choice"
        return "text" if self.text_answer else "number"

    def clean(self, raw: Any) -> int | str | Decimal:
        """Return the answer in its stored form or raise ``ValueError`` with a message."""
        if self.choices:
            allowed = {c.value: c.value for c in self.choices}
            value = raw
            if isinstance(raw, bool):
                raise ValueError(_("Choose one of the given answers."))
            if isinstance(raw, str) and all(isinstance(v, int) for v in allowed):
                try:
                    value = int(raw.strip())
                except ValueError:
                    value = raw
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if not isinstance(value, int | str) or value not in allowed:
                raise ValueError(_("Choose one of the given answers."))
            return value
        if self.text_answer:
            if not isinstance(raw, str):
                raise ValueError(_("Enter the result as text."))
            text = raw.strip()
            if len(text) > 500:
                raise ValueError(_("Use at most 500 characters."))
            return text
        if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
            raise ValueError(_("Enter a number."))
        try:
            number = Decimal(str(raw).strip().replace(",", "."))
        except InvalidOperation as exc:
            raise ValueError(_("Enter a number.")) from exc
        if not number.is_finite():
            raise ValueError(_("Enter a number."))
        if (self.minimum is not None and number < self.minimum) or (
            self.maximum is not None and number > self.maximum
        ):
            raise ValueError(
                _("Enter a value from %(minimum)s to %(maximum)s.")
                % {"minimum": _fmt(self.minimum), "maximum": _fmt(self.maximum)}
            )
        if number != number.quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP):
            if self.decimals == 0:
                raise ValueError(_("Enter a whole number."))
            raise ValueError(_("Use at most one decimal."))
        return int(number) if self.decimals == 0 else number


@dataclass(frozen=True)
class Band:
    """An interpretation class: ``code`` is stored, ``label`` shown, ``tone`` colours it."""

    code: str
    label: Any
    tone: str = "info"  # success / info / alert / error (hds-status-label)


@dataclass(frozen=True)
class Context:
    """What scoring may know about the person: sex and age on the measurement date."""

    measured_on: datetime.date
    sex: str | None = None
    age: int | None = None


@dataclass(frozen=True)
class Result:
    total: Decimal | None
    scores: dict
    interpretation: str


@dataclass(frozen=True)
class Instrument:
    code: str
    name: Any
    version: str
    licence: str
    source: str
    items: tuple[Item, ...]
    scorer: Callable[[dict, Context], Result]
    bands: tuple[Band, ...] = ()
    short_name: str = ""
    instructions: Any = ""
    licence_holder: str = ""
    min_total: Decimal | None = None
    max_total: Decimal | None = None
    unit: Any = ""
    self_fillable: bool = False
    domains: tuple[tuple[str, Any, tuple[str, ...]], ...] = ()
    extra: dict = field(default_factory=dict)

    @property
    def is_result_only(self) -> bool:
        return self.licence == RESULT_ONLY

    @property
    def label(self) -> Any:
        return self.short_name or self.name

    def item(self, key: str) -> Item:
        return next(i for i in self.items if i.key == key)

    def clean(self, answers: Any) -> dict:
        """Validate every answer; raise ``ValidationError({item_key: message})``."""
        if not isinstance(answers, dict):
            raise ValidationError({"answers": _("The answers must be an object of item: answer.")})
        errors: dict[str, Any] = {}
        cleaned: dict[str, Any] = {}
        known = {i.key for i in self.items}
        for key in answers:
            if key not in known:
                errors[str(key)] = _("This instrument has no item %(key)s.") % {"key": key}
        for item in self.items:
            raw = answers.get(item.key)
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                if item.required:
                    errors[item.key] = _("Answer this item.")
                continue
            try:
                cleaned[item.key] = item.clean(raw)
            except ValueError as exc:
                errors[item.key] = exc.args[0]
        if not errors and self.is_result_only and not cleaned:
            errors["score"] = _("Give the score or the result the other tool gave.")
        if errors:
            raise ValidationError(errors)
        return cleaned

    def score(self, cleaned: dict, context: Context) -> Result:
        return self.scorer(cleaned, context)

    def band(self, code: str) -> Band | None:
        return next((b for b in self.bands if b.code == code), None)

    def interpretation_label(self, code: str) -> str:
        """The readable interpretation; for result-only instruments the stored text itself."""
        band = self.band(code)
        return str(band.label) if band else code

    def interpretation_tone(self, code: str) -> str:
        band = self.band(code)
        return band.tone if band else "info"


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if value == value.to_integral_value() else str(value)


def json_number(value: Decimal | int | None) -> int | float | None:
    """A JSON-friendly number: whole values as int, others as float with 2 decimals."""
    if value is None:
        return None
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def scoring_context(*, personal_identity_code: str, measured_on: datetime.date) -> Context:
    """Sex and age from the henkilötunnus, age counted ON the measurement date.

    Sex: the individual number (digits 8–10) is odd for men and even for women.
    Age: full years; a person born on 29 February turns a year older on 1 March in
    common years (the date comparison below).
    """
    try:
        parsed = hetu.parse(personal_identity_code)
    except hetu.InvalidHetu:
        return Context(measured_on=measured_on)
    return Context(
        measured_on=measured_on,
        sex=MALE if parsed.individual_number % 2 else FEMALE,
        age=age_on(parsed.birth_date, measured_on),
    )


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def _band_for(total: Decimal, limits: tuple[tuple[Decimal, str], ...]) -> str:
    """``limits`` are (lower bound inclusive, code) in ascending order."""
    code = limits[0][1]
    for lower, candidate in limits:
        if total >= lower:
            code = candidate
    return code


D = Decimal

# --- self-rated work ability (WAI item 1) -----------------------------------------------
# Source: Tuomi K, Ilmarinen J, Jahkola A, Katajarinne L, Tulkki A. Work Ability Index.
# 2nd revised ed. Helsinki: Finnish Institute of Occupational Health (Työterveyslaitos),
# 1998 — item 1, 0–10. Classes of the single item ("work ability score"): poor 0–5,
# moderate 6–7, good 8–9, excellent 10 (Gould R, Ilmarinen J, Järvisalo J, Koskinen S
# (eds.), Dimensions of Work Ability, 2008; Ahlstrom L et al., Scand J Work Environ
# Health 2010;36(5):404–412).

SELF_RATING_BANDS = (
    Band("poor", _("Poor work ability (0–5)"), "error"),
    Band("moderate", _("Moderate work ability (6–7)"), "alert"),
    Band("good", _("Good work ability (8–9)"), "success"),
    Band("excellent", _("Excellent work ability (10)"), "success"),
)
WORK_ABILITY_LIMITS = ((D(0), "poor"), (D(6), "moderate"), (D(8), "good"), (D(10), "excellent"))

WAI_1_TEXT = _(
    "Assume that your work ability at its best has a value of 10 points. How many points "
    "would you give your current work ability? (0 means that you cannot currently work "
    "at all.)"
)
WAI_1_CHOICES = tuple(
    Choice(
        n,
        _("0 – cannot work at all")
        if n == 0
        else _("10 – work ability at its best")
        if n == 10
        else str(n),
    )
    for n in range(11)
)


def _score_self_rating(a: dict, ctx: Context) -> Result:
    total = D(a["score"])
    return Result(total, {"score": a["score"]}, _band_for(total, WORK_ABILITY_LIMITS))


SELF_RATING = Instrument(
    code="work-ability-self-rating",
    name=_("Self-rated work ability (0–10)"),
    short_name="",
    version="WAI-1998-item-1",
    licence=SCORED,
    licence_holder="Työterveyslaitos",
    source="Tuomi et al., Work Ability Index, 2nd rev. ed., FIOH 1998, item 1; classes: "
    "Gould et al. 2008, Ahlstrom et al. 2010.",
    items=(Item("score", WAI_1_TEXT, choices=WAI_1_CHOICES),),
    scorer=_score_self_rating,
    bands=SELF_RATING_BANDS,
    min_total=D(0),
    max_total=D(10),
    unit=_("points"),
    self_fillable=True,
)

# --- Work Ability Index (työkykyindeksi), all seven dimensions ---------------------------
# Source: Tuomi K, Ilmarinen J, Jahkola A, Katajarinne L, Tulkki A. Work Ability Index.
# 2nd revised ed. Helsinki: FIOH (Työterveyslaitos), 1998. Licence holder:
# Työterveyslaitos. Scoring of the seven dimensions:
#  1. current work ability compared with the lifetime best, 0–10;
#  2. work ability in relation to the demands of the job: physical and mental demands
#     each 1–5, weighted by the nature of the work — mainly physical: physical × 1.5 +
#     mental × 0.5; mainly mental: physical × 0.5 + mental × 1.5; both: unweighted
#     sum — giving 2–10 (half points possible);
#  3. number of current diseases diagnosed by a physician: none 7, one 5, two 4,
#     three 3, four 2, five or more 1;
#  4. estimated work impairment due to diseases, 1–6;
#  5. sick leave during the past 12 months: none 5, at most 9 days 4, 10–24 days 3,
#     25–99 days 2, 100–365 days 1;
#  6. own prognosis of work ability two years from now: 1, 4 or 7;
#  7. mental resources: three questions 0–4 summed 0–12, then 0–3 → 1, 4–6 → 2,
#     7–9 → 3, 10–12 → 4.
# Total 7–49: poor 7–27, moderate 28–36, good 37–43, excellent 44–49. A half point
# from the weighting of item 2 falls in the lower class (27.5 is still poor): the
# classes start at 28, 37 and 44.

FIVE_LEVELS = (
    Choice(5, _("Very good")),
    Choice(4, _("Rather good")),
    Choice(3, _("Moderate")),
    Choice(2, _("Rather poor")),
    Choice(1, _("Very poor")),
)
WORK_TYPE_WEIGHTS = {
    "physical": (D("1.5"), D("0.5")),
    "mental": (D("0.5"), D("1.5")),
    "both": (D(1), D(1)),
}
MENTAL_RESOURCE_CHOICES = (
    Choice(4, _("Often")),
    Choice(3, _("Rather often")),
    Choice(2, _("Sometimes")),
    Choice(1, _("Rather seldom")),
    Choice(0, _("Never")),
)


def wai_diseases_points(count: int) -> int:
    return 7 if count == 0 else max(1, 6 - count)


def wai_sick_leave_points(days: int) -> int:
    if days == 0:
        return 5
    if days <= 9:
        return 4
    if days <= 24:
        return 3
    if days <= 99:
        return 2
    return 1


def wai_mental_resources_points(raw_sum: int) -> int:
    return 1 if raw_sum <= 3 else 2 if raw_sum <= 6 else 3 if raw_sum <= 9 else 4


def _score_wai(a: dict, ctx: Context) -> Result:
    physical_weight, mental_weight = WORK_TYPE_WEIGHTS[a["work_type"]]
    item2 = a["Q2_physical"] * physical_weight + a["Q2_mental"] * mental_weight
    mental_sum = a["Q7a"] + a["Q7b"] + a["Q7c"]
    dimensions = {
        "1": D(a["Q1"]),
        "2": item2,
        "3": D(wai_diseases_points(a["Q3_diseases"])),
        "4": D(a["Q4"]),
        "5": D(wai_sick_leave_points(a["Q5_sick_leave_days"])),
        "6": D(a["Q6"]),
        "7": D(wai_mental_resources_points(mental_sum)),
    }
    total = sum(dimensions.values(), D(0))
    scores = {
        "dimensions": {k: json_number(v) for k, v in dimensions.items()},
        "mental_resources_sum": mental_sum,
        "total": json_number(total),
    }
    limits = ((D(7), "poor"), (D(28), "moderate"), (D(37), "good"), (D(44), "excellent"))
    return Result(total, scores, _band_for(total, limits))


WAI = Instrument(
    code="wai",
    name=_("Work Ability Index"),
    short_name="",
    version="FIOH-1998-2nd-revised",
    licence=SCORED,
    licence_holder="Työterveyslaitos",
    source="Tuomi K, Ilmarinen J, Jahkola A, Katajarinne L, Tulkki A. Work Ability Index, "
    "2nd revised edition. Helsinki: Finnish Institute of Occupational Health, 1998.",
    items=(
        Item("Q1", WAI_1_TEXT, choices=WAI_1_CHOICES),
        Item(
            "work_type",
            _("Is your work mainly physical, mainly mental, or both?"),
            choices=(
                Choice("mental", _("Mainly mental")),
                Choice("physical", _("Mainly physical")),
                Choice("both", _("Both physical and mental")),
            ),
        ),
        Item(
            "Q2_physical",
            _(
                "How do you rate your current work ability with respect to the physical "
                "demands of your work?"
            ),
            choices=FIVE_LEVELS,
        ),
        Item(
            "Q2_mental",
            _(
                "How do you rate your current work ability with respect to the mental "
                "demands of your work?"
            ),
            choices=FIVE_LEVELS,
        ),
        Item(
            "Q3_diseases",
            _("How many of your current diseases or injuries have been diagnosed by a physician?"),
            minimum=D(0),
            maximum=D(51),
            help_text=_(
                "Count only diseases diagnosed by a physician, not the client's own opinion."
            ),
        ),
        Item(
            "Q4",
            _("Is your illness or injury a hindrance to your current job?"),
            choices=(
                Choice(6, _("There is no hindrance, or I have no diseases")),
                Choice(5, _("I am able to do my job, but it causes some symptoms")),
                Choice(4, _("I must sometimes slow down my work pace or change my work methods")),
                Choice(3, _("I must often slow down my work pace or change my work methods")),
                Choice(2, _("Because of my disease, I feel I am able to do only part-time work")),
                Choice(1, _("In my opinion, I am entirely unable to work")),
            ),
        ),
        Item(
            "Q5_sick_leave_days",
            _(
                "How many whole days have you been off work because of a health problem "
                "(disease, health care or examination) during the past year (12 months)?"
            ),
            minimum=D(0),
            maximum=D(365),
            unit="d",
        ),
        Item(
            "Q6",
            _(
                "Do you believe that, from the standpoint of your health, you will be able to "
                "do your current job two years from now?"
            ),
            choices=(
                Choice(1, _("Unlikely")),
                Choice(4, _("Not certain")),
                Choice(7, _("Relatively certain")),
            ),
        ),
        Item(
            "Q7a",
            _("Have you recently been able to enjoy your regular daily activities?"),
            choices=MENTAL_RESOURCE_CHOICES,
        ),
        Item("Q7b", _("Have you recently been active and alert?"), choices=MENTAL_RESOURCE_CHOICES),
        Item(
            "Q7c",
            _("Have you recently felt yourself to be full of hope for the future?"),
            choices=MENTAL_RESOURCE_CHOICES,
        ),
    ),
    scorer=_score_wai,
    bands=(
        Band("poor", _("Poor (7–27): restore work ability"), "error"),
        Band("moderate", _("Moderate (28–36): improve work ability"), "alert"),
        Band("good", _("Good (37–43): support work ability"), "success"),
        Band("excellent", _("Excellent (44–49): maintain work ability"), "success"),
    ),
    min_total=D(7),
    max_total=D(49),
    unit=_("points"),
)

# --- WHODAS 2.0, 12-item version ---------------------------------------------------------
# Source: Üstün TB, Kostanjsek N, Chatterji S, Rehm J (eds.). Measuring Health and
# Disability: Manual for WHO Disability Assessment Schedule (WHODAS 2.0). Geneva: WHO,
# 2010 (ISBN 978 92 4 154759 8). Items S1–S12 answered 1 none, 2 mild, 3 moderate,
# 4 severe, 5 extreme or cannot do. "Simple scoring": the item scores are summed,
# 12–60 (manual, chapter 3). Domains of the 12-item version, two items each: cognition
# S3, S6; mobility S1, S7; self-care S8, S9; getting along S10, S11; life activities
# S2, S12; participation S4, S5 (manual, 12-item version; the same allocation is
# tabulated in published validations of the 12-item version). The percentage
# (sum − 12) / 48 × 100 is a plain rescaling of the simple sum, NOT WHO's IRT-based
# "complex" score, and is labelled so everywhere.

WHODAS_CHOICES = (
    Choice(1, pgettext_lazy("WHODAS answer", "None")),
    Choice(2, pgettext_lazy("WHODAS answer", "Mild")),
    Choice(3, pgettext_lazy("WHODAS answer", "Moderate")),
    Choice(4, pgettext_lazy("WHODAS answer", "Severe")),
    Choice(5, pgettext_lazy("WHODAS answer", "Extreme or cannot do")),
)
WHODAS_TEXTS = {
    "S1": _("Standing for long periods, such as 30 minutes?"),
    "S2": _("Taking care of your household responsibilities?"),
    "S3": _("Learning a new task, for example, learning how to get to a new place?"),
    "S4": _(
        "How much of a problem did you have joining in community activities (for "
        "example, festivities, religious or other activities) in the same way as anyone "
        "else can?"
    ),
    "S5": _("How much have you been emotionally affected by your health problems?"),
    "S6": _("Concentrating on doing something for ten minutes?"),
    "S7": _("Walking a long distance, such as a kilometre?"),
    "S8": _("Washing your whole body?"),
    "S9": _("Getting dressed?"),
    "S10": _("Dealing with people you do not know?"),
    "S11": _("Maintaining a friendship?"),
    "S12": _("Your day-to-day work or school?"),
}
WHODAS_DOMAINS = (
    ("cognition", _("Cognition"), ("S3", "S6")),
    ("mobility", _("Mobility"), ("S1", "S7")),
    ("self_care", _("Self-care"), ("S8", "S9")),
    ("getting_along", _("Getting along"), ("S10", "S11")),
    ("life_activities", _("Life activities"), ("S2", "S12")),
    ("participation", _("Participation"), ("S4", "S5")),
)


def whodas_simple_percentage(total: int) -> Decimal:
    return ((D(total) - 12) / 48 * 100).quantize(D("0.1"), rounding=ROUND_HALF_UP)


def _score_whodas(a: dict, ctx: Context) -> Result:
    total = sum(a[f"S{n}"] for n in range(1, 13))
    domains = {key: sum(a[i] for i in items) for key, _label, items in WHODAS_DOMAINS}
    scores = {
        "simple_sum": total,
        "simple_percentage": json_number(whodas_simple_percentage(total)),
        "domains": domains,
    }
    return Result(D(total), scores, "simple_sum")


WHODAS_12 = Instrument(
    code="whodas-12",
    name=_("WHODAS 2.0, 12-item version"),
    short_name="WHODAS 2.0",
    version="WHODAS-2.0-12-item-2010",
    licence=SCORED,
    licence_holder="World Health Organization",
    source="Üstün TB, Kostanjsek N, Chatterji S, Rehm J (eds.). Measuring Health and "
    "Disability: Manual for WHO Disability Assessment Schedule WHODAS 2.0. WHO, 2010.",
    instructions=_("In the past 30 days, how much difficulty did you have in:"),
    items=tuple(Item(k, t, choices=WHODAS_CHOICES) for k, t in WHODAS_TEXTS.items()),
    scorer=_score_whodas,
    bands=(
        Band(
            "simple_sum",
            _("Simple sum (12–60): the higher, the more difficulty"),
            "info",
        ),
    ),
    min_total=D(12),
    max_total=D(60),
    unit=_("points"),
    self_fillable=True,
    domains=WHODAS_DOMAINS,
)

# --- AUDIT ------------------------------------------------------------------------------
# Source: Babor TF, Higgins-Biddle JC, Saunders JB, Monteiro MG. AUDIT – The Alcohol Use
# Disorders Identification Test: Guidelines for Use in Primary Care. 2nd ed. Geneva:
# WHO, 2001. Q1–Q8 scored 0–4, Q9 and Q10 0, 2 or 4; total 0–40. Risk zones (Table 7):
# I 0–7 alcohol education, II 8–15 simple advice, III 16–19 simple advice plus brief
# counselling and continued monitoring, IV 20–40 referral to a specialist for diagnostic
# evaluation and treatment. The manual asks for clinical judgement where the dependence
# items (Q4–Q6) or the harm items (Q9–Q10) score; Rinnalla applies that as the rule of
# issue 6: one zone up (at most zone IV) when any of Q4–Q6 scores 2 or more, or Q9 or
# Q10 scores 4. Finnish wording: THL's AUDIT form.

FREQUENCY_CHOICES = (
    Choice(0, _("Never")),
    Choice(1, _("Monthly or less")),
    Choice(2, _("2 to 4 times a month")),
    Choice(3, _("2 to 3 times a week")),
    Choice(4, _("4 or more times a week")),
)
QUANTITY_CHOICES = (
    Choice(0, _("1 or 2")),
    Choice(1, _("3 or 4")),
    Choice(2, _("5 or 6")),
    Choice(3, _("7 to 9")),
    Choice(4, _("10 or more")),
)
OCCASION_CHOICES = (
    Choice(0, _("Never")),
    Choice(1, _("Less than monthly")),
    Choice(2, _("Monthly")),
    Choice(3, _("Weekly")),
    Choice(4, _("Daily or almost daily")),
)
HARM_CHOICES = (
    Choice(0, _("No")),
    Choice(2, _("Yes, but not in the last year")),
    Choice(4, _("Yes, during the last year")),
)
DRINK_HELP = _(
    "One drink is, for example, a bottle (33 cl) of medium-strength beer or cider, a glass "
    "(12 cl) of wine, a glass (8 cl) of fortified wine or a shot (4 cl) of spirits."
)
AUDIT_ITEMS = (
    Item(
        "Q1",
        _(
            "How often do you have a drink containing alcohol? Count also the times "
            "you had only a little, such as a bottle of beer or a drop of wine."
        ),
        choices=FREQUENCY_CHOICES,
    ),
    Item(
        "Q2",
        _("How many drinks containing alcohol do you have on a typical day when you are drinking?"),
        choices=QUANTITY_CHOICES,
        help_text=DRINK_HELP,
    ),
    Item(
        "Q3",
        _("How often do you have six or more drinks on one occasion?"),
        choices=OCCASION_CHOICES,
    ),
    Item(
        "Q4",
        _(
            "How often during the last year have you found that you were not able to "
            "stop drinking once you had started?"
        ),
        choices=OCCASION_CHOICES,
    ),
    Item(
        "Q5",
        _(
            "How often during the last year have you failed to do what was normally "
            "expected of you because of drinking?"
        ),
        choices=OCCASION_CHOICES,
    ),
    Item(
        "Q6",
        _(
            "How often during the last year have you needed a drink in the morning to "
            "get yourself going after a heavy drinking session?"
        ),
        choices=OCCASION_CHOICES,
    ),
    Item(
        "Q7",
        _(
            "How often during the last year have you had a feeling of guilt or remorse "
            "after drinking?"
        ),
        choices=OCCASION_CHOICES,
    ),
    Item(
        "Q8",
        _(
            "How often during the last year have you been unable to remember what "
            "happened the night before because of your drinking?"
        ),
        choices=OCCASION_CHOICES,
    ),
    Item(
        "Q9",
        _("Have you or someone else been injured as a result of your drinking?"),
        choices=HARM_CHOICES,
    ),
    Item(
        "Q10",
        _(
            "Has a relative, friend, doctor or other health worker been concerned "
            "about your drinking or suggested that you cut down?"
        ),
        choices=HARM_CHOICES,
    ),
)
AUDIT_ZONE_LIMITS = ((D(0), 1), (D(8), 2), (D(16), 3), (D(20), 4))


def audit_zone(total: int) -> int:
    zone = 1
    for lower, candidate in AUDIT_ZONE_LIMITS:
        if total >= lower:
            zone = candidate
    return zone


def audit_bump_reasons(a: dict) -> list[str]:
    reasons = [k for k in ("Q4", "Q5", "Q6") if a[k] >= 2]
    reasons += [k for k in ("Q9", "Q10") if a[k] == 4]
    return reasons


def _score_audit(a: dict, ctx: Context) -> Result:
    total = sum(a[f"Q{n}"] for n in range(1, 11))
    zone_by_total = audit_zone(total)
    reasons = audit_bump_reasons(a)
    zone = min(zone_by_total + 1, 4) if reasons else zone_by_total
    scores = {
        "total": total,
        "consumption": a["Q1"] + a["Q2"] + a["Q3"],
        "dependence": a["Q4"] + a["Q5"] + a["Q6"],
        "harm": sum(a[f"Q{n}"] for n in range(7, 11)),
        "zone_by_total": zone_by_total,
        "zone": zone,
        "moved_up_by": reasons,
    }
    return Result(D(total), scores, f"zone_{zone}")


AUDIT = Instrument(
    code="audit",
    name=_("AUDIT alcohol use questionnaire"),
    short_name="AUDIT",
    version="WHO-2001-2nd-ed",
    licence=SCORED,
    licence_holder="World Health Organization",
    source="Babor TF, Higgins-Biddle JC, Saunders JB, Monteiro MG. AUDIT: Guidelines for "
    "Use in Primary Care, 2nd ed. WHO 2001; Finnish form: THL.",
    items=AUDIT_ITEMS,
    scorer=_score_audit,
    bands=(
        Band("zone_1", _("Zone I: low risk – alcohol education"), "success"),
        Band("zone_2", _("Zone II: hazardous drinking – simple advice"), "alert"),
        Band(
            "zone_3",
            _(
                "Zone III: harmful drinking – simple advice, brief counselling and "
                "continued monitoring"
            ),
            "error",
        ),
        Band(
            "zone_4",
            _(
                "Zone IV: possible dependence – referral to a specialist for "
                "diagnostic evaluation and treatment"
            ),
            "error",
        ),
    ),
    min_total=D(0),
    max_total=D(40),
    unit=_("points"),
    self_fillable=True,
)

# --- AUDIT-C ----------------------------------------------------------------------------
# Source: Bush K et al. The AUDIT alcohol consumption questions (AUDIT-C). Arch Intern
# Med 1998;158:1789–95: AUDIT Q1–Q3, 0–12. Cut-offs used by THL (Finnish Institute for
# Health and Welfare, indicator "Alkoholia liikaa käyttävien osuus (AUDIT-C)", and the
# Käypä hoito guideline on alcohol problems): men 6 or more, women 5 or more, anyone
# aged 65 or over 4 or more. Sex and age are taken from the henkilötunnus on the
# measurement date (scoring_context).


def audit_c_cut_off(ctx: Context) -> tuple[int, str]:
    if ctx.age is not None and ctx.age >= 65:
        return 4, "aged_65_or_over"
    if ctx.sex == FEMALE:
        return 5, "woman"
    if ctx.sex == MALE:
        return 6, "man"
    return 5, "unknown"  # no usable code: the stricter working-age limit


def _score_audit_c(a: dict, ctx: Context) -> Result:
    total = a["Q1"] + a["Q2"] + a["Q3"]
    cut_off, basis = audit_c_cut_off(ctx)
    scores = {"total": total, "cut_off": cut_off, "cut_off_basis": basis, "age": ctx.age}
    code = "at_or_above_limit" if total >= cut_off else "below_limit"
    return Result(D(total), scores, code)


AUDIT_C = Instrument(
    code="audit-c",
    name=_("AUDIT-C (questions 1–3 of AUDIT)"),
    short_name="AUDIT-C",
    version="Bush-1998-THL-cut-offs",
    licence=SCORED,
    licence_holder="World Health Organization",
    source="Bush K et al., Arch Intern Med 1998;158:1789–95; cut-offs: THL / Käypä hoito "
    "(men ≥ 6, women ≥ 5, aged 65 or over ≥ 4).",
    items=AUDIT_ITEMS[:3],
    scorer=_score_audit_c,
    bands=(
        Band("below_limit", _("Below the risk limit"), "success"),
        Band(
            "at_or_above_limit", _("At or above the risk limit: risky drinking is likely"), "error"
        ),
    ),
    min_total=D(0),
    max_total=D(12),
    unit=_("points"),
)

# --- BMI --------------------------------------------------------------------------------
# Source: WHO. Obesity: preventing and managing the global epidemic. Technical Report
# Series 894, 2000 — adult classes < 18.5, 18.5–24.9, 25–29.9, 30–34.9, 35–39.9, ≥ 40.
# BMI = weight (kg) / height (m)²; classified after rounding to one decimal, so that the
# shown value and its class always agree.


def bmi_value(height_cm: Decimal, weight_kg: Decimal) -> Decimal:
    metres = D(height_cm) / 100
    return (D(weight_kg) / (metres * metres)).quantize(D("0.1"), rounding=ROUND_HALF_UP)


BMI_LIMITS = (
    (D(0), "underweight"),
    (D("18.5"), "normal"),
    (D(25), "overweight"),
    (D(30), "obesity_1"),
    (D(35), "obesity_2"),
    (D(40), "obesity_3"),
)


def _score_bmi(a: dict, ctx: Context) -> Result:
    bmi = bmi_value(a["height_cm"], a["weight_kg"])
    scores = {
        "bmi": json_number(bmi),
        "height_cm": json_number(a["height_cm"]),
        "weight_kg": json_number(a["weight_kg"]),
    }
    return Result(bmi, scores, _band_for(bmi, BMI_LIMITS))


BMI = Instrument(
    code="bmi",
    name=_("Body mass index (BMI)"),
    short_name="BMI",
    version="WHO-TRS-894-2000",
    licence=SCORED,
    source="WHO Technical Report Series 894 (2000), adult BMI classes.",
    items=(
        Item("height_cm", _("Height"), minimum=D(100), maximum=D(250), decimals=1, unit="cm"),
        Item("weight_kg", _("Weight"), minimum=D(25), maximum=D(350), decimals=1, unit="kg"),
    ),
    scorer=_score_bmi,
    bands=(
        Band("underweight", _("Underweight (below 18.5)"), "alert"),
        Band("normal", _("Normal weight (18.5–24.9)"), "success"),
        Band("overweight", _("Overweight (25–29.9)"), "alert"),
        Band("obesity_1", _("Obesity class I (30–34.9)"), "error"),
        Band("obesity_2", _("Obesity class II (35–39.9)"), "error"),
        Band("obesity_3", _("Obesity class III (40 or more)"), "error"),
    ),
    unit="kg/m²",
)

# --- waist circumference ----------------------------------------------------------------
# Source: WHO. Waist circumference and waist–hip ratio: report of a WHO expert
# consultation, Geneva 2008: increased risk of metabolic complications men > 94 cm,
# women > 80 cm; substantially increased men > 102 cm, women > 88 cm. Sex from the
# henkilötunnus (scoring_context).

WAIST_LIMITS = {MALE: (D(94), D(102)), FEMALE: (D(80), D(88))}


def _score_waist(a: dict, ctx: Context) -> Result:
    waist = a["waist_cm"]
    scores = {"waist_cm": json_number(waist), "sex": ctx.sex}
    if ctx.sex not in WAIST_LIMITS:
        return Result(D(waist), scores, "not_classified")
    increased, substantially = WAIST_LIMITS[ctx.sex]
    code = (
        "substantially_increased"
        if waist > substantially
        else "increased"
        if waist > increased
        else "not_increased"
    )
    return Result(D(waist), scores, code)


WAIST = Instrument(
    code="waist",
    name=_("Waist circumference"),
    version="WHO-2008",
    licence=SCORED,
    source="WHO, Waist circumference and waist–hip ratio, expert consultation 2008.",
    items=(
        Item(
            "waist_cm",
            _("Waist circumference"),
            minimum=D(40),
            maximum=D(250),
            decimals=1,
            unit="cm",
        ),
    ),
    scorer=_score_waist,
    bands=(
        Band("not_increased", _("No increased risk of metabolic complications"), "success"),
        Band("increased", _("Increased risk of metabolic complications"), "alert"),
        Band(
            "substantially_increased",
            _("Substantially increased risk of metabolic complications"),
            "error",
        ),
        Band("not_classified", _("Not classified: sex unknown"), "info"),
    ),
    unit="cm",
)

# --- result-only instruments ------------------------------------------------------------
# Proprietary tools are filled elsewhere; Rinnalla keeps the score and the result text
# the other tool gave, never the items.


def _score_result_only(a: dict, ctx: Context) -> Result:
    score = a.get("score")
    return Result(
        D(score) if score is not None else None,
        {"score": json_number(score)} if score is not None else {},
        a.get("result", ""),
    )


def result_only_items(minimum: Decimal | None, maximum: Decimal | None) -> tuple[Item, ...]:
    items = []
    if minimum is not None and maximum is not None:
        items.append(
            Item(
                "score",
                _("Score given by the tool"),
                minimum=D(minimum),
                maximum=D(maximum),
                decimals=1,
                required=False,
            )
        )
    items.append(
        Item(
            "result",
            _("Result or interpretation given by the tool"),
            text_answer=True,
            required=False,
        )
    )
    return tuple(items)


def result_only_instrument(
    *,
    code: str,
    name: Any,
    licence_holder: str,
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
    version: str = "result-only-1",
    source: str = "",
) -> Instrument:
    return Instrument(
        code=code,
        name=name,
        version=version,
        licence=RESULT_ONLY,
        licence_holder=licence_holder,
        source=source or licence_holder,
        items=result_only_items(minimum, maximum),
        scorer=_score_result_only,
        min_total=D(minimum) if minimum is not None else None,
        max_total=D(maximum) if maximum is not None else None,
        unit=_("points") if minimum is not None else "",
    )


BDI = result_only_instrument(
    code="bdi",
    name=_("Beck Depression Inventory (BDI-II)"),
    minimum=D(0),
    maximum=D(63),
    licence_holder="Pearson (Finnish edition: Psykologien Kustannus)",
    source="Beck AT, Steer RA, Brown GK. BDI-II, 1996 — proprietary; result only.",
)
KYKYVIISARI = result_only_instrument(
    code="kykyviisari",
    name=_("Kykyviisari work ability and functioning self-assessment"),
    licence_holder="Työterveyslaitos",
    source="Työterveyslaitos, Kykyviisari (kykyviisari.fi) — result only.",
)
PHQ_9 = result_only_instrument(
    code="phq-9",
    name=_("PHQ-9 depression questionnaire"),
    minimum=D(0),
    maximum=D(27),
    licence_holder="Pfizer Inc.",
    source="Kroenke K, Spitzer RL, Williams JB. J Gen Intern Med 2001;16:606–13 — filled in "
    "another tool; result only.",
)

INSTRUMENTS: dict[str, Instrument] = {
    i.code: i
    for i in (SELF_RATING, WAI, WHODAS_12, AUDIT, AUDIT_C, BMI, WAIST, BDI, KYKYVIISARI, PHQ_9)
}
SELF_FILL_CODES = tuple(code for code, i in INSTRUMENTS.items() if i.self_fillable)
