from django.urls import path

from rinnalla.portal import oidc, views

app_name = "portal"
urlpatterns = [
    path("me/", views.home, name="home"),
    path("me/sign-in/", views.sign_in, name="sign_in"),
    path("me/sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("me/sign-in/link/<str:token>/", views.sign_in_link, name="sign_in_link"),
    path("me/sign-in/strong/", oidc.StartView.as_view(), name="oidc_start"),
    path("me/sign-in/strong/callback/", views.oidc_callback, name="oidc_callback"),
    path("me/sign-out/", views.sign_out, name="sign_out"),
    path("me/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("me/meeting.ics", views.meeting_calendar, name="meeting_ics"),
    path("me/tasks/<id:pk>/done/", views.task_done, name="task_done"),
    path("me/tasks/<id:pk>/help/", views.task_help, name="task_help"),
    path("me/questionnaires/<id:pk>/", views.questionnaire, name="questionnaire"),
    path("me/surveys/<id:pk>/", views.survey, name="survey"),
    path("me/log/", views.access_log, name="access_log"),
    path("me/log/pdf/", views.access_log_pdf, name="access_log_pdf"),
    path("clients/<id:client_pk>/own-view/", views.settings_page, name="settings"),
    path("work/client-reports/<id:pk>/", views.report_handle, name="report_handle"),
]
