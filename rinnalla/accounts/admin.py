"""The administrator manages organisations and users here — never clients' data.

Client-data models are deliberately not registered: the admin would bypass the
access rule and the access log. The administrator is not a superuser: the powers come
from :class:`rinnalla.accounts.backends.RolePermissionBackend` and stop at organisations,
users and revoking API tokens. Nobody can choose another user's token or TOTP key here,
and every change of a user's role, organisation, status or password is written to the
append-only administrative audit log (:class:`AdminAuditEntry`).
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from rinnalla.accounts import services
from rinnalla.accounts.models import AdminAuditEntry, ApiToken, Organisation, User

admin.site.site_header = _("Rinnalla administration")
admin.site.site_title = _("Rinnalla administration")
admin.site.index_title = _("Organisations, users and API tokens")

# django-otp registers a TOTP device admin in which the key can be chosen: whoever
# chooses it knows the user's codes. Authenticators are set up only by their owner.
try:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    admin.site.unregister(TOTPDevice)
except admin.exceptions.NotRegistered:  # pragma: no cover - app order
    pass

AUDITED_FIELDS = {
    "role": AdminAuditEntry.Change.ROLE,
    "organisation": AdminAuditEntry.Change.ORGANISATION,
    "is_active": AdminAuditEntry.Change.ACTIVE,
    "is_staff": AdminAuditEntry.Change.STAFF,
}
# Fields an administrator may not change on their own account.
OWN_LOCKED_FIELDS = ("role", "organisation", "is_active", "is_staff")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "is_coordination_service"]
    list_filter = ["kind", "is_coordination_service"]
    search_fields = ["name"]

    def has_delete_permission(self, request, obj=None):
        return False


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
    # No superuser flag, groups or single permissions: powers follow the role.
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
        (
            _("Work"),
            {
                "fields": (
                    "role",
                    "profession",
                    "organisation",
                    "phone",
                    "phone_hours",
                    "working_time_percent",
                )
            },
        ),
        (_("Status"), {"fields": ("is_active", "is_staff", "last_login", "date_joined")}),
    )
    add_fieldsets = UserAdmin.add_fieldsets + (
        (_("Work"), {"fields": ("role", "profession", "organisation")}),
    )
    readonly_fields = ["last_login", "date_joined"]
    actions = ["reset_two_step"]

    def has_delete_permission(self, request, obj=None):
        # Users are deactivated, never deleted: the logs keep pointing at them.
        return False

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            fields += OWN_LOCKED_FIELDS
        return fields

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.audit_record(
                actor=request.user,
                target=obj,
                change=AdminAuditEntry.Change.CREATED,
                new_value=f"{obj.role} / {obj.organisation or '-'}",
            )
            return
        for field, kind in AUDITED_FIELDS.items():
            if field in form.changed_data:
                services.audit_record(
                    actor=request.user,
                    target=obj,
                    change=kind,
                    old_value=form.initial.get(field),
                    new_value=form.cleaned_data.get(field),
                )

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            target = User.objects.get(pk=id)
            services.audit_record(
                actor=request.user, target=target, change=AdminAuditEntry.Change.PASSWORD
            )
        return response

    @admin.action(description=_("Reset two-step verification (lost phone)"), permissions=["change"])
    def reset_two_step(self, request, queryset):
        for user in queryset:
            services.two_step_reset(actor=request.user, user=user)
        self.message_user(
            request,
            ngettext(
                "Two-step verification was reset for %(count)d user.",
                "Two-step verification was reset for %(count)d users.",
                queryset.count(),
            )
            % {"count": queryset.count()},
            messages.SUCCESS,
        )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued by their owners; the administrator can only see and revoke them."""

    list_display = ["prefix", "user", "scope", "created_at", "expires_at", "revoked_at"]
    list_filter = ["scope"]
    list_select_related = ["user"]
    readonly_fields = [
        "user",
        "name",
        "prefix",
        "scope",
        "created_at",
        "expires_at",
        "two_step_verified",
        "last_used_at",
        "revoked_at",
    ]
    exclude = ["key_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Revoke the selected tokens"), permissions=["change"])
    def revoke(self, request, queryset):
        for token in queryset.select_related("user"):
            services.api_token_revoke(actor=request.user, token=token)


@admin.register(AdminAuditEntry)
class AdminAuditEntryAdmin(admin.ModelAdmin):
    """The audit log: read only, for administrators and auditors."""

    list_display = ["at", "actor_username", "target", "change", "old_value", "new_value"]
    list_filter = ["change"]
    list_select_related = ["target"]
    search_fields = ["actor_username", "target__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
