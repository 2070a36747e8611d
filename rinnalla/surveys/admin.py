"""The administrator keeps the survey forms' configured answer options (SPEC §2)."""

from django.contrib import admin

from rinnalla.surveys.models import ChoiceListItem, Survey


@admin.register(ChoiceListItem)
class ChoiceListItemAdmin(admin.ModelAdmin):
    list_display = ["list", "label_fi", "label_sv", "label_en", "position"]
    list_filter = ["list"]
    list_editable = ["position"]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    """Forms can be switched off; their questions are versioned data, not edited here."""

    list_display = ["code", "version", "respondent", "is_active"]
    list_editable = ["is_active"]
    fields = ["code", "version", "respondent", "is_active"]
    readonly_fields = ["code", "version", "respondent"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
