"""Text the system wrote in one language before it was stored as codes becomes codes."""

from django.db import migrations

AREAS = {"Työkykykoordinaatio", "Work ability coordination", "Arbetsförmågekoordinering"}
NOTES = {
    "relationship_opened": {
        "Asiakkuus avattiin.",
        "Asiakkuus avattu.",
        "Client relationship opened.",
        "Klientrelationen öppnades.",
    },
    "primary_changed": {
        "Ensisijainen yhteyshenkilö vaihtui.",
        "Primary contact changed.",
        "Den primära kontaktpersonen byttes.",
    },
}
ADDED_PREFIXES = ("Lisätty vastuuhenkilöksi: ", "Added as responsible person: ", "Tillagd som ansvarsperson: ")


def forwards(apps, schema_editor):
    ResponsiblePerson = apps.get_model("episodes", "ResponsiblePerson")
    Handover = apps.get_model("episodes", "Handover")
    ResponsiblePerson.objects.filter(area__in=AREAS, area_code="").update(
        area="", area_code="coordination"
    )
    for code, texts in NOTES.items():
        Handover.objects.filter(note__in=texts, note_code="").update(note="", note_code=code)
    for prefix in ADDED_PREFIXES:
        for handover in Handover.objects.filter(note__startswith=prefix, note_code="").iterator():
            handover.note_code = "responsible_added"
            handover.note_data = {"area": handover.note[len(prefix) :]}
            handover.note = ""
            handover.save(update_fields=["note", "note_code", "note_data"])


class Migration(migrations.Migration):
    dependencies = [("episodes", "0003_add_system_text_codes")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
