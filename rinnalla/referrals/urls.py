from django.urls import path

from rinnalla.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.create, name="create"),
    path("sent/", views.sent, name="sent"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/triage/", views.triage, name="triage"),
]
