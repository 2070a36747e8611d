"""The administrator's powers follow the role, not a superuser flag.

An active staff user with the administrator role may manage organisations and users,
revoke API tokens, read the administrative audit log and unlock a locked-out login —
and nothing else: client-data models are not in the admin at all, and no administrator
is a superuser (``load_demo`` makes none; docs/architecture.md, "Security").
"""

from django.contrib.auth.backends import BaseBackend

ADMINISTRATOR_PERMISSIONS = frozenset(
    {
        "accounts.view_organisation",
        "accounts.add_organisation",
        "accounts.change_organisation",
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_apitoken",
        "accounts.change_apitoken",
        "accounts.view_adminauditentry",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accessfailurelog",
        "axes.view_accesslog",
    }
)


class RolePermissionBackend(BaseBackend):
    def get_all_permissions(self, user_obj, obj=None):
        if (
            user_obj.is_active
            and user_obj.is_staff
            and getattr(user_obj, "is_administrator", False)
        ):
            return set(ADMINISTRATOR_PERMISSIONS)
        return set()

    def has_module_perms(self, user_obj, app_label):
        return any(perm.startswith(f"{app_label}.") for perm in self.get_all_permissions(user_obj))
