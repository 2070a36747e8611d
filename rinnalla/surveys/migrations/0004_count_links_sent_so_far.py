"""Start the links-sent count from what the database still shows: the links not yet
answered or expired, plus the answers given through a link (each had one). Links that
expired unanswered before this count existed are gone, so the rate of earlier months
reads high."""

from collections import Counter

from django.db import migrations


def forwards(apps, schema_editor):
    SurveyLink = apps.get_model("surveys", "SurveyLink")
    SurveyResponse = apps.get_model("surveys", "SurveyResponse")
    LinksSent = apps.get_model("surveys", "LinksSent")
    sent: Counter = Counter()
    for row in SurveyLink.objects.values_list("survey_id", "service_id", "period"):
        sent[row] += 1
    for row in SurveyResponse.objects.filter(is_paper=False).values_list(
        "survey_id", "service_id", "period"
    ):
        sent[row] += 1
    LinksSent.objects.bulk_create(
        [
            LinksSent(survey_id=survey, service_id=service, period=period, count=n)
            for (survey, service, period), n in sent.items()
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0003_add_links_sent")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
