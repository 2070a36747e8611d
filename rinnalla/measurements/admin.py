from django.contrib import admin

from rinnalla.measurements.models import ResultOnlyInstrument

# Results and assessments are client data: they are reached only through the access
# rule (views and API), never through the admin.


@admin.register(ResultOnlyInstrument)
class ResultOnlyInstrumentAdmin(admin.ModelAdmin):
    list_display = ("code", "name_fi", "licence_holder", "min_score", "max_score", "is_active")
    list_filter = ("is_active",)
    search_fields = ("code", "name_fi", "name_sv", "name_en")
