"""Demo feedback: enough anonymous answers for every survey report to show figures.

The averages follow what the pilots reported (seed 004): clients gave their own
matters' progress 8.5 on average, the professionals 7, the network meeting 8; the
competence survey had 43 answers averaging 7.1. Päijät-Häme's municipalities are the
configured list of LIITE 1 question 1 (the demo service is Päijät-Häme's).
"""

import datetime
import random

from django.utils import timezone

from rinnalla.surveys.models import Answer, ChoiceListItem, QuestionKind, SurveyResponse
from rinnalla.surveys.services import current_survey, month_of

MUNICIPALITIES = [
    "Asikkala",
    "Hartola",
    "Heinola",
    "Hollola",
    "Iitti",
    "Kärkölä",
    "Lahti",
    "Orimattila",
    "Padasjoki",
    "Sysmä",
]

# (survey, number of answers, {question key: the scale answers to draw from})
PLAN = [
    (
        "liite-10",
        8,
        {"q2": [9, 8, 10, 7], "q3": [9, 8, 9, 8], "q7": [8, 9, 7, 8], "q8": [9, 10, 8]},
    ),
    (
        "liite-11",
        7,
        {"q1": [7, 6, 8, 7], "q2": [8, 7, 9], "q3": [7, 8, 6], "q6": [8, 7], "q7": [8, 9]},
    ),
    ("liite-1", 6, {}),
    ("liite-15", 43, {"q11": [7, 8, 6, 7, 8, 7, 6, 8, 7, 7]}),
]
TEXTS = {
    "q5": ["Sain monen ammattilaisen tuen kerralla.", "Asiat etenivät yhdessä tapaamisessa."],
    "q6": ["Tapaamisen ajankohta tiedoksi aiemmin.", "Enemmän aikaa omille kysymyksille."],
    "q4": ["Työnjako oli selkeä.", "Asiakas sai äänensä kuuluviin."],
}


def seed_feedback(*, service) -> int:
    """Create the demo's answers; returns how many responses were made."""
    for position, name in enumerate(MUNICIPALITIES):
        ChoiceListItem.objects.get_or_create(
            list=ChoiceListItem.List.MUNICIPALITIES,
            value=name.lower().replace("ä", "a"),
            defaults={"label_fi": name, "label_sv": name, "label_en": name, "position": position},
        )
    rng = random.Random(13)
    this_month = month_of(timezone.localdate())
    made = 0
    for code, count, scales in PLAN:
        survey = current_survey(code)
        questions = list(survey.questions.all())
        for n in range(count):
            period = (
                this_month
                if n % 2
                else month_of(this_month.replace(day=1) - datetime.timedelta(days=1))
            )
            response = SurveyResponse.objects.create(
                survey=survey, service=service, period=period, respondent=survey.respondent
            )
            answers = []
            for q in questions:
                if q.kind == QuestionKind.SCALE:
                    pool = scales.get(q.key) or [6, 7, 8, 9]
                    answers.append(Answer(response=response, question=q, number=rng.choice(pool)))
                elif q.kind in (QuestionKind.YES_NO, QuestionKind.SINGLE):
                    choices = q.choice_list("fi")
                    if choices:
                        value = (
                            choices[0][0]
                            if q.kind == QuestionKind.YES_NO and rng.random() < 0.8
                            else rng.choice(choices)[0]
                        )
                        answers.append(Answer(response=response, question=q, choices=[value]))
                elif q.kind == QuestionKind.MULTIPLE:
                    choices = q.choice_list("fi")
                    picked = sorted({rng.choice(choices)[0] for _i in range(2)})
                    answers.append(Answer(response=response, question=q, choices=picked))
                elif q.key in TEXTS and rng.random() < 0.6:
                    answers.append(
                        Answer(response=response, question=q, text=rng.choice(TEXTS[q.key]))
                    )
            Answer.objects.bulk_create(answers)
            made += 1
    return made
