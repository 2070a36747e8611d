"""Finding 1: the administrator cannot act as another user, and what they change is audited."""

import pytest
from django.db import connection

from rinnalla.accounts.models import AdminAuditEntry, ApiToken, ApiTokenOwnerIsFixed, User


@pytest.fixture
def admin_web(web, administrator):
    administrator.is_staff = True
    administrator.save()
    web.force_login(administrator)
    return web


def _user_form(user, **changes):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "profession": user.profession,
        "organisation": user.organisation_id or "",
        "phone": user.phone,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def test_the_administrator_is_no_superuser_but_manages_users(administrator):
    administrator.is_staff = True
    administrator.save()
    assert not administrator.is_superuser
    assert administrator.has_perm("accounts.change_user")
    assert not administrator.has_perm("auth.change_group")
    assert not administrator.has_perm("otp_totp.add_totpdevice")


def test_a_tokens_owner_cannot_be_changed_in_the_admin(admin_web, administrator, coordinator):
    token, _raw = ApiToken.issue(administrator)
    url = f"/admin/accounts/apitoken/{token.pk}/change/"

    response = admin_web.post(url, {"user": coordinator.pk, "name": "x"})

    token.refresh_from_db()
    assert token.user == administrator
    assert response.status_code in (302, 403)


def test_a_tokens_owner_cannot_be_changed_at_all(administrator, coordinator):
    token, _raw = ApiToken.issue(administrator)
    token.user = coordinator
    with pytest.raises(ApiTokenOwnerIsFixed):
        token.save()


def test_the_admin_cannot_issue_tokens(admin_web):
    assert admin_web.get("/admin/accounts/apitoken/add/").status_code == 403


def test_the_admin_can_revoke_a_token_and_it_is_audited(admin_web, administrator, coordinator):
    token, raw = ApiToken.issue(coordinator)

    admin_web.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )

    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AdminAuditEntry.objects.filter(target=coordinator, change="api_token").exists()


def test_no_admin_page_chooses_a_totp_key(admin_web):
    assert admin_web.get("/admin/otp_totp/totpdevice/add/").status_code == 404


def test_groups_and_client_data_are_not_in_the_admin(admin_web):
    assert admin_web.get("/admin/auth/group/").status_code in (403, 404)
    page = admin_web.get("/admin/").content.decode()
    assert "clients" not in page.lower()


def test_a_role_change_is_written_to_the_audit_log(admin_web, administrator, physician):
    url = f"/admin/accounts/user/{physician.pk}/change/"

    response = admin_web.post(url, _user_form(physician, role="coordinator"))

    assert response.status_code == 302, response.content.decode()[:3000]
    physician.refresh_from_db()
    assert physician.role == "coordinator"
    entry = AdminAuditEntry.objects.get(target=physician, change="role")
    assert entry.actor == administrator
    assert (entry.old_value, entry.new_value) == ("network_professional", "coordinator")


def test_the_administrator_cannot_change_their_own_role(admin_web, administrator):
    url = f"/admin/accounts/user/{administrator.pk}/change/"

    admin_web.post(url, _user_form(administrator, role="coordinator"))

    administrator.refresh_from_db()
    assert administrator.role == "administrator"


def test_the_superuser_flag_cannot_be_set_in_the_admin(admin_web, physician):
    url = f"/admin/accounts/user/{physician.pk}/change/"

    admin_web.post(url, _user_form(physician, is_superuser="on"))

    physician.refresh_from_db()
    assert not physician.is_superuser


def test_setting_a_password_is_audited_and_revokes_tokens(admin_web, administrator, coordinator):
    token, raw = ApiToken.issue(coordinator)
    url = f"/admin/accounts/user/{coordinator.pk}/password/"

    response = admin_web.post(
        url, {"password1": "Uusi-salasana-77", "password2": "Uusi-salasana-77"}
    )

    assert response.status_code == 302
    assert AdminAuditEntry.objects.filter(target=coordinator, change="password").exists()
    assert not ApiToken.objects.for_raw(raw).exists()


def test_the_audit_log_is_append_only(administrator, coordinator):
    from rinnalla.accounts.services import audit_record

    entry = audit_record(actor=administrator, target=coordinator, change="role")
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        AdminAuditEntry.objects.all().delete()
    if connection.vendor == "postgresql":
        from django.db import DatabaseError, transaction

        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE accounts_adminauditentry SET new_value = 'x'")


def test_deactivating_a_user_revokes_their_tokens(coordinator):
    _token, raw = ApiToken.issue(coordinator)
    coordinator.is_active = False
    coordinator.save()
    assert not ApiToken.objects.for_raw(raw).exists()


def test_the_user_model_keeps_its_role_choices():
    assert set(User.Role.values) == {
        "coordinator",
        "network_professional",
        "manager",
        "administrator",
    }
