"""The administrator manages organisations and users here — never clients' data.

Client-data models are deliberately not registered: the admin would bypass the
access rule and the access log.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from rinnalla.accounts.models import ApiToken, Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_coordination_service"]
    list_filter = ["kind", "is_coordination_service"]
    search_fields = ["name"]


@admin.register(User)
class ProfessionalAdmin(UserAdmin):
    list_display = [
        "username",
        "first_name",
        "last_name",
        "role",
        "profession",
        "organisation",
        "is_active",
    ]
    list_filter = ["role", "organisation", "is_active"]
    list_select_related = ["organisation"]
    fieldsets = UserAdmin.fieldsets + (
        (_("Work"), {"fields": ("role", "profession", "organisation", "phone", "phone_hours")}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (
        (_("Work"), {"fields": ("role", "profession", "organisation")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "user", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["key_hash", "prefix", "created_at", "last_used_at"]
    list_select_related = ["user"]
