from django.urls import path

from rinnalla.plans import views

app_name = "plans"
urlpatterns = [
    path("episode/<id:pk>/", views.episode_overview, name="episode"),
    path("episode/<id:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<id:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<id:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<id:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<id:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<id:pk>/invite/", views.meeting_invite, name="meeting_invite"),
    path("meetings/<id:pk>/minutes.pdf", views.meeting_pdf, name="meeting_pdf"),
    path("meetings/<id:pk>/plan/", views.plan_create, name="plan_create"),
    path("<id:pk>/", views.plan_detail, name="plan_detail"),
    path("<id:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<id:pk>/compare/", views.plan_compare, name="plan_compare"),
    path("<id:pk>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("<id:pk>/record-summary/", views.record_summary, name="record_summary"),
    path("<id:pk>/actions/new/", views.action_create, name="action_create"),
    path("actions/<id:pk>/status/", views.action_status, name="action_status"),
]
