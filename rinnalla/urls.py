from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from rinnalla.access import views as access_views
from rinnalla.api import api
from rinnalla.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("help/", core_views.help_page, name="help"),
    path("accessibility/", core_views.accessibility, name="accessibility"),
    path("login/", access_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path("i18n/setlang/", set_language, name="set_language"),
    path("account/", include("rinnalla.accounts.urls")),
    path("clients/", include("rinnalla.clients.urls")),
    path("referrals/", include("rinnalla.referrals.urls")),
    path("episodes/", include("rinnalla.episodes.urls")),
    path("consent/", include("rinnalla.consent.urls")),
    path("access/", include("rinnalla.access.urls")),
    path("plans/", include("rinnalla.plans.urls")),
    path("measurements/", include("rinnalla.measurements.urls")),
    path("work/", include("rinnalla.followup.urls")),
    path("workability/", include("rinnalla.workability.urls")),
    path("catalogue/", include("rinnalla.catalogue.urls")),
    path("situation/", include("rinnalla.situation.urls")),
    path("", include("rinnalla.surveys.urls")),
    path("reports/", include("rinnalla.reports.urls")),
    path("", include("rinnalla.portal.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("", include("rinnalla.ops.urls")),
]

handler500 = "rinnalla.ops.views.server_error_or_unavailable"
