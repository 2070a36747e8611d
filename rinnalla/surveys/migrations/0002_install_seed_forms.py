"""Install the seed forms LIITE 1, 10, 11 and 15 and LIITE 15's organisation structure."""

from django.db import migrations


def install(apps, schema_editor):
    from rinnalla.surveys import definitions, services

    Survey = apps.get_model("surveys", "Survey")
    Question = apps.get_model("surveys", "Question")
    ChoiceListItem = apps.get_model("surveys", "ChoiceListItem")
    for form in definitions.FORMS:
        services.survey_install(form, survey_model=Survey, question_model=Question)
    services.choice_list_defaults(item_model=ChoiceListItem)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_surveys_links_responses")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
