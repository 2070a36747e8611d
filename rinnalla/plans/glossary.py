"""Words of the benefit and rehabilitation system explained in plain language.

The client's PDF ends with a short glossary of the terms that occur in it (B-lausunto,
KU 101, kuntoutusraha…), in the client's language. A term is found by its Finnish,
Swedish or English forms, since the plan's text is written in whichever language the
coordinator used; Finnish words are matched by their stem so that inflected forms
("B-lausunnon", "kuntoutusrahaa") count too.
"""

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Term:
    code: str
    pattern: re.Pattern
    word: Promise
    meaning: Promise


def _p(text: str) -> re.Pattern:
    return re.compile(text, re.IGNORECASE)


TERMS = [
    Term(
        "b_statement",
        _p(r"\bB-lausun|\bB-utlåtande|medical statement B"),
        _("Medical statement B (B-lausunto)"),
        _(
            "A statement a physician writes about your health and work ability, for example "
            "for Kela to decide on rehabilitation or an allowance."
        ),
    ),
    Term(
        "ku101",
        _p(r"\bKU\s?101\b"),
        _("KU 101"),
        _("Kela's application form for vocational rehabilitation."),
    ),
    Term(
        "vocational_rehabilitation",
        _p(r"ammatilli\w* kuntoutu|yrkesinriktad\w* rehabiliter|vocational rehabilitation"),
        _("Vocational rehabilitation"),
        _(
            "Support to keep working, return to work or find new work that suits your "
            "health, for example a work trial, training or studies."
        ),
    ),
    Term(
        "rehabilitation_allowance",
        _p(r"kuntoutusraha|rehabiliteringspenning|rehabilitation allowance"),
        _("Rehabilitation allowance (kuntoutusraha)"),
        _("Money Kela pays for the days you take part in rehabilitation."),
    ),
    Term(
        "work_trial",
        _p(r"työkokeilu|arbetsprövning|work trial"),
        _("Work trial (työkokeilu)"),
        _(
            "You try out work at a workplace for a set time to see what suits you. It is "
            "not an employment relationship, and you keep your benefits."
        ),
    ),
    Term(
        "pay_subsidy",
        _p(r"palkkatu\w*|lönesubvention|pay subsid"),
        _("Pay subsidy (palkkatuki)"),
        _("Money the employer gets for some time when it employs you."),
    ),
    Term(
        "rehabilitative_work_activity",
        _p(r"kuntouttava\w* työtoimin|arbetsverksamhet i rehabiliteringssyfte|rehabilitative work"),
        _("Rehabilitative work activity (kuntouttava työtoiminta)"),
        _(
            "Work-like activity a few days a week that builds up your everyday skills and "
            "working capacity. It is arranged by the wellbeing services county."
        ),
    ),
    Term(
        "partial_sickness_allowance",
        _p(r"osasairauspäivära|partiell sjukdagpenning|partial sickness allowance"),
        _("Partial sickness allowance (osasairauspäiväraha)"),
        _("Money from Kela when you work part-time while you recover from an illness."),
    ),
    Term(
        "sickness_allowance",
        _p(r"(?<!osa)sairauspäivära|(?<!partiell )sjukdagpenning|(?<!partial )sickness allowance"),
        _("Sickness allowance (sairauspäiväraha)"),
        _("Money from Kela when an illness keeps you from working."),
    ),
    Term(
        "rehabilitation_subsidy",
        _p(r"kuntoutustu(ki|e)|rehabiliteringsstöd|rehabilitation subsidy"),
        _("Rehabilitation subsidy (kuntoutustuki)"),
        _("A disability pension for a fixed time, while you are treated or rehabilitated."),
    ),
]


def terms_in(*texts: str) -> list[Term]:
    """The terms that occur in any of the texts, in the glossary's order."""
    joined = "\n".join(t for t in texts if t)
    return [term for term in TERMS if term.pattern.search(joined)]
