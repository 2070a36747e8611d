from django.urls import path

from rinnalla.plans import views

app_name = "plans"
urlpatterns = [
    path("episode/<int:pk>/", views.episode_overview, name="episode"),
    path("episode/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/invite/", views.meeting_invite, name="meeting_invite"),
    path("meetings/<int:pk>/minutes.pdf", views.meeting_pdf, name="meeting_pdf"),
    path("meetings/<int:pk>/plan/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/compare/", views.plan_compare, name="plan_compare"),
    path("<int:pk>/plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("<int:pk>/record-summary/", views.record_summary, name="record_summary"),
    path("<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("actions/<int:pk>/status/", views.action_status, name="action_status"),
]
